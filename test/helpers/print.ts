import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Dec, formatNumber } from '../../shared/money/decimal.js';
import type { PrintRow, PrintTable } from '../../shared/print/types.js';

/** Helpers for tests of the printed model (shared/print) and of the files written from it. */

/** The shared/seeds folder beside the checkout or beside one of its parents (a worktree sits deeper), if any. */
function seedsDir(): string | null {
  for (let dir = path.resolve(import.meta.dirname, '../..'); ; dir = path.dirname(dir)) {
    const candidate = path.join(path.dirname(dir), 'shared', 'seeds');
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return null;
  }
}

/** A seed document's text ('001' → shared/seeds/001_*.txt), or null where the seeds are not present. */
export function seedText(seed: string): string | null {
  const dir = seedsDir();
  const file = dir ? readdirSync(dir).find((f) => f.startsWith(`${seed}_`)) : undefined;
  return dir && file ? readFileSync(path.join(dir, file), 'utf8') : null;
}

const squeeze = (s: string): string => s.replace(/\s+/g, '');

/**
 * The texts that cannot be found, in this order, in the seed text (whitespace ignored): each text must
 * come after the one before it. `alternatives` gives a text other acceptable spellings (a figure's
 * number without the separators or decimals the layout adds).
 */
export function missingInOrder(seed: string, texts: readonly (string | readonly string[])[]): string[] {
  const hay = squeeze(seed);
  const missing: string[] = [];
  let at = 0;
  for (const entry of texts) {
    const options = (typeof entry === 'string' ? [entry] : entry).map(squeeze).filter((t) => t !== '');
    if (options.length === 0) continue;
    const hits = options.map((o) => ({ o, i: hay.indexOf(o, at) })).filter((h) => h.i >= 0).sort((a, b) => a.i - b.i);
    if (hits.length === 0) missing.push(options[0]!);
    else at = hits[0]!.i + hits[0]!.o.length;
  }
  return missing;
}

/** A row's cell texts by grid column ('' where a cell is covered by a span). */
export function rowTexts(row: PrintRow, width: number): string[] {
  const out = new Array<string>(width).fill('');
  for (const c of row.cells) out[c.col] = c.text;
  return out;
}

/** Header cells as [label, row, col, rowSpan, colSpan], the shape of the seed-001 expected files. */
export function headerCells(t: PrintTable): [string, number, number, number, number][] {
  return t.header
    .filter((r) => r.role === 'header')
    .flatMap((r, row) => r.cells.map((c) => [c.text, row, c.col, c.rowSpan, c.colSpan] as [string, number, number, number, number]));
}

/** Every figure's text is its number printed with its decimals and thousands separators (blank for a blank zero). */
export function figureProblems(t: PrintTable): string[] {
  const problems: string[] = [];
  for (const row of t.rows) {
    for (const c of row.cells) {
      if (c.number === undefined) continue;
      const figure = formatNumber(new Dec(c.number), c.decimals ?? 2);
      // A label-and-amount cell prints its label, then the figure; with a zero amount the label alone.
      const shown = c.label === undefined ? figure : c.number === '0' ? c.label : `${c.label} ${figure}`;
      if (c.text !== shown && !(c.text === '' && c.number === '0')) problems.push(`${t.title} col ${c.col}: “${c.text}” vs ${c.number}`);
    }
  }
  return problems;
}

/** Rows whose `sumOf` does not sum, column for column, to what they print. */
export function sumProblems(t: PrintTable): string[] {
  const problems: string[] = [];
  t.rows.forEach((row, i) => {
    if (!row.sumOf) return;
    for (const c of row.cells) {
      if (c.number === undefined) continue;
      const sum = row.sumOf.reduce((acc, j) => acc.plus(t.rows[j]!.cells.find((x) => x.col === c.col)?.number ?? '0'), new Dec(0));
      if (!sum.eq(c.number)) problems.push(`${t.title} row ${i} col ${c.col}: ${sum.toFixed()} ≠ ${c.number}`);
    }
  });
  return problems;
}

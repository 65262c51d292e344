import path from 'node:path/posix';
import type { SourceBlock, SourceCell, SourceDocument, SourceRow } from '../../../../shared/import/source.js';
import { CoreError } from '../../errors.js';
import { mainPartPath } from '../package-parts.js';
import { streamXml } from '../xml-stream.js';
import type { ZipPackage } from '../zip.js';

/** Far beyond any budget table; a sheet claiming more is refused, not allocated. */
export const XLSX_LIMITS = { rows: 100_000, columns: 1_000 } as const;

interface RawCell {
  text: string;
  number?: string;
}

/** 'B12' → [11, 1] (0-based row, column); null for anything else. */
function parseRef(ref: string): [number, number] | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d{1,7})$/.exec(ref);
  if (!m) return null;
  let col = 0;
  for (const ch of m[1]!) col = col * 26 + (ch.charCodeAt(0) - 64);
  return [Number(m[2]) - 1, col - 1];
}

/** Relationship targets of a part's .rels, resolved against the part's folder. */
async function relationships(pkg: ZipPackage, part: string): Promise<Map<string, { type: string; target: string }>> {
  const relsPath = path.join(path.dirname(part), '_rels', `${path.basename(part)}.rels`);
  const out = new Map<string, { type: string; target: string }>();
  if (!pkg.entries.has(relsPath)) return out;
  const xml = await pkg.text(relsPath);
  for (const m of xml.matchAll(/<Relationship\b[^>]*>/g)) {
    const tag = m[0];
    const id = /\bId="([^"]*)"/.exec(tag)?.[1];
    const target = /\bTarget="([^"]*)"/.exec(tag)?.[1];
    const type = /\bType="([^"]*)"/.exec(tag)?.[1] ?? '';
    if (!id || !target) continue;
    out.set(id, { type, target: target.startsWith('/') ? target.slice(1) : path.normalize(path.join(path.dirname(part), target)) });
  }
  return out;
}

async function sharedStrings(pkg: ZipPackage, entry: string | undefined, name: string): Promise<string[]> {
  const out: string[] = [];
  if (!entry || !pkg.entries.has(entry)) return out;
  let current: string[] | null = null;
  let inText = false;
  let phonetic = 0;
  await streamXml(pkg, entry, name, {
    open(tag) {
      if (tag === 'si') current = [];
      else if (tag === 'rPh') phonetic += 1;
      else if (tag === 't') inText = true;
    },
    close(tag) {
      if (tag === 'si') {
        out.push((current ?? []).join(''));
        current = null;
      } else if (tag === 'rPh') phonetic -= 1;
      else if (tag === 't') inText = false;
    },
    text(t) {
      // Phonetic guides (rPh) are furigana-style annotations, not the cell's text.
      if (inText && phonetic === 0 && current) current.push(t);
    },
  });
  return out;
}

/** One sheet's cells and merges, laid out on one grid starting at its first used row and column. */
async function readSheet(pkg: ZipPackage, entry: string, sheetName: string, strings: string[], name: string): Promise<SourceRow[]> {
  const cells = new Map<number, Map<number, RawCell>>();
  const merges: [number, number, number, number][] = [];
  let rowIndex = -1;
  let colIndex = -1;
  let cellType = 'n';
  let value: string[] | null = null;
  let inline: string[] | null = null;
  let inT = false;
  let phonetic = 0;
  const tooBig = (): CoreError =>
    new CoreError('UNSUPPORTED_FILE', {
      name,
      issue: `工作表“${sheetName}”超过 ${XLSX_LIMITS.rows.toLocaleString('en-US')} 行或 ${XLSX_LIMITS.columns} 列的上限，不像是预算表格`,
    });
  const put = (text: string, number?: string): void => {
    if (text === '' || rowIndex < 0 || colIndex < 0) return;
    let row = cells.get(rowIndex);
    if (!row) cells.set(rowIndex, (row = new Map()));
    row.set(colIndex, number === undefined ? { text } : { text, number });
  };
  await streamXml(pkg, entry, name, {
    open(tag, a) {
      switch (tag) {
        case 'row': {
          const r = a.r === undefined ? rowIndex + 1 : Number.parseInt(a.r, 10) - 1;
          rowIndex = Number.isFinite(r) && r >= 0 ? r : rowIndex + 1;
          if (rowIndex >= XLSX_LIMITS.rows) throw tooBig();
          colIndex = -1;
          return;
        }
        case 'c': {
          const ref = a.r === undefined ? null : parseRef(a.r);
          if (ref) [rowIndex, colIndex] = ref;
          else colIndex += 1;
          if (rowIndex >= XLSX_LIMITS.rows || colIndex >= XLSX_LIMITS.columns) throw tooBig();
          cellType = a.t ?? 'n';
          value = null;
          inline = null;
          return;
        }
        case 'v':
          value = [];
          return;
        case 'is':
          inline = [];
          return;
        case 't':
          inT = true;
          return;
        case 'rPh':
          phonetic += 1;
          return;
        case 'mergeCell': {
          const [from, to] = (a.ref ?? '').split(':');
          const start = from ? parseRef(from) : null;
          const end = to ? parseRef(to) : start;
          if (start && end) {
            const r1 = Math.min(start[0], end[0], XLSX_LIMITS.rows - 1);
            const c1 = Math.min(start[1], end[1], XLSX_LIMITS.columns - 1);
            const r2 = Math.min(Math.max(start[0], end[0]), XLSX_LIMITS.rows - 1);
            const c2 = Math.min(Math.max(start[1], end[1]), XLSX_LIMITS.columns - 1);
            merges.push([r1, c1, r2, c2]);
          }
          return;
        }
        default:
          return;
      }
    },
    close(tag) {
      switch (tag) {
        case 't':
          inT = false;
          return;
        case 'rPh':
          phonetic -= 1;
          return;
        case 'c': {
          const v = value === null ? null : (value as string[]).join('');
          if (cellType === 'inlineStr') put((inline ?? []).join(''));
          else if (v === null) return;
          else if (cellType === 's') put(strings[Number.parseInt(v, 10)] ?? '');
          else if (cellType === 'b') put(v === '1' ? 'TRUE' : 'FALSE');
          else if (cellType === 'n' && /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(v.trim())) put(v.trim(), v.trim());
          else put(v);
          return;
        }
        default:
          return;
      }
    },
    text(t) {
      if (phonetic > 0) return;
      if (inline && inT) inline.push(t);
      else if (value) value.push(t);
    },
  });

  // The used range: from the first to the last cell that holds something. A merge is clipped to it: a
  // merged area beyond the last value prints nothing, and a hostile A1:XFD1048576 must not be walked.
  let minRow = Infinity;
  let minCol = Infinity;
  let maxRow = -1;
  let maxCol = -1;
  for (const [r, row] of cells) {
    minRow = Math.min(minRow, r);
    maxRow = Math.max(maxRow, r);
    for (const c of row.keys()) {
      minCol = Math.min(minCol, c);
      maxCol = Math.max(maxCol, c);
    }
  }
  if (maxRow < 0) return [];
  const spans = new Map<string, [number, number]>();
  const clipped = merges
    .filter(([r1, c1]) => cells.get(r1)?.has(c1))
    .map(([r1, c1, r2, c2]): [number, number, number, number] => [r1, c1, Math.min(r2, maxRow), Math.min(c2, maxCol)]);
  for (const [r1, c1, r2, c2] of clipped) spans.set(`${r1},${c1}`, [r2 - r1 + 1, c2 - c1 + 1]);
  // Only cells that hold something can be covered; checking those against the merges stays small.
  const isCovered = (r: number, c: number): boolean => clipped.some(([r1, c1, r2, c2]) => r >= r1 && r <= r2 && c >= c1 && c <= c2 && (r !== r1 || c !== c1));
  const rows: SourceRow[] = [];
  for (let r = minRow; r <= maxRow; r += 1) {
    const out: SourceCell[] = [];
    const row = cells.get(r);
    for (const [c, raw] of [...(row ?? new Map<number, RawCell>())].sort((x, y) => x[0] - y[0])) {
      if (isCovered(r, c)) continue;
      const [rowSpan, colSpan] = spans.get(`${r},${c}`) ?? [1, 1];
      const cell: SourceCell = { col: c - minCol, colSpan, rowSpan, text: raw.text };
      if (raw.number !== undefined) cell.number = raw.number;
      out.push(cell);
    }
    rows.push({ cells: out });
  }
  return rows;
}

/**
 * Reads every visible sheet of an .xlsx as one table each (its title rows included: the recognition tells
 * title from header). Shared and inline strings, numbers as stored (exact text, never through a float),
 * numbers stored as text kept as text, merged cells as spans. Hidden sheets are skipped: they hold lookup
 * lists, not tables a clerk published.
 */
export async function readXlsx(pkg: ZipPackage, name: string): Promise<SourceDocument> {
  const main = await mainPartPath(pkg, name, 'xlsx');
  const rels = await relationships(pkg, main);
  const sheets: { name: string; target: string }[] = [];
  await streamXml(pkg, main, name, {
    open(tag, a) {
      if (tag !== 'sheet' || a.state === 'hidden' || a.state === 'veryHidden') return;
      const rel = rels.get(a['r:id'] ?? '');
      if (rel && /\/worksheet$/.test(rel.type)) sheets.push({ name: a.name ?? '', target: rel.target });
    },
    close() {},
    text() {},
  });
  const stringsEntry = [...rels.values()].find((r) => /\/sharedStrings$/.test(r.type))?.target;
  const strings = await sharedStrings(pkg, stringsEntry, name);
  const blocks: SourceBlock[] = [];
  for (const sheet of sheets) {
    if (!pkg.entries.has(sheet.target)) continue;
    const rows = await readSheet(pkg, sheet.target, sheet.name, strings, name);
    const columns = rows.reduce((w, r) => r.cells.reduce((m, c) => Math.max(m, c.col + c.colSpan), w), 0);
    blocks.push({ kind: 'paragraph', text: sheet.name, heading: 1 });
    blocks.push({ kind: 'table', table: { where: `工作表“${sheet.name}”`, columns, rows } });
  }
  return { format: 'xlsx', name, blocks };
}

/**
 * A seed's text (shared/seeds/*.txt, a text rendering of the office's Word file) read back into paragraphs
 * and tables of cell texts, so tests can retype a seed as an office would. Two renderings occur:
 * - 'lines' (seed 001): one table row per line, cells separated by tabs on the table's grid;
 * - 'cells' (seeds 000, 002–004): rows separated by blank lines, one cell per line starting with a tab, a
 *   cell's further paragraphs on lines of their own; merged cells collapse, so rows differ in length.
 */

export type SeedBlock = { kind: 'paragraph'; text: string } | { kind: 'table'; rows: string[][] };

const blank = (line: string | undefined): boolean => line === undefined || (!line.startsWith('\t') && line.trim() === '');

function byLines(text: string): SeedBlock[] {
  const out: SeedBlock[] = [];
  let table: string[][] | null = null;
  for (const line of text.split('\n')) {
    if (line.includes('\t')) {
      if (!table) out.push({ kind: 'table', rows: (table = []) });
      table.push(line.split('\t').map((c) => c.trim()));
      continue;
    }
    table = null;
    if (!blank(line)) out.push({ kind: 'paragraph', text: line.trim() });
  }
  return out;
}

function byCells(text: string): SeedBlock[] {
  const lines = text.split('\n');
  const out: SeedBlock[] = [];
  let table: string[][] | null = null;
  let row: string[] | null = null;
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i]!;
    if (line.startsWith('\t')) {
      // One blank line separates rows; two or more, tables. A title row (…绩效目标表 alone on its row)
      // starts a table even where the rendering kept a single blank line before it.
      const titleRow = blank(lines[i - 1]) && blank(lines[i + 1]) && /表$/.test(line.trim());
      if (table && blank(lines[i - 1]) && (blank(lines[i - 2]) || titleRow)) table = null;
      if (!table) {
        out.push({ kind: 'table', rows: (table = []) });
        row = null;
      }
      if (!row || blank(lines[i - 1])) table.push((row = []));
      row.push(line.slice(1).trim());
      continue;
    }
    if (blank(line)) continue;
    // A line inside a cell: right after the cell's text, or after a blank line with the row going on.
    if (table && row && row.length > 0 && (!blank(lines[i - 1]) || (!blank(lines[i - 2]) && lines[i + 1]?.startsWith('\t')))) {
      row[row.length - 1] = `${row[row.length - 1]}\n${line.trim()}`;
      continue;
    }
    table = null;
    row = null;
    out.push({ kind: 'paragraph', text: line.trim() });
  }
  return out;
}

/**
 * A row that broke across a page comes out of the rendering as two rows, its first cell alone and the
 * other cells after it (seed 002's last 支出方向: "人社局", then 15 cells of a 16-column table): one row.
 */
function joinBrokenRows(blocks: SeedBlock[]): SeedBlock[] {
  for (const b of blocks) {
    if (b.kind !== 'table') continue;
    const width = Math.max(...b.rows.map((r) => r.length));
    for (let r = b.rows.length - 2; r > 0; r -= 1) {
      if (b.rows[r]!.length === 1 && b.rows[r]![0] !== '' && b.rows[r + 1]!.length === width - 1 && width > 2) {
        b.rows.splice(r, 2, [...b.rows[r]!, ...b.rows[r + 1]!]);
      }
    }
  }
  return blocks;
}

export function seedBlocks(text: string, rendering: 'lines' | 'cells'): SeedBlock[] {
  // '[bookmark: _Toc…]' marks where Word keeps an invisible bookmark: no text of the document.
  const visible = text.replace(/\[bookmark: [^\]]*\]/g, '');
  return rendering === 'lines' ? byLines(visible) : joinBrokenRows(byCells(visible));
}

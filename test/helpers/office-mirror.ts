import { readSourceFile } from '../../electron/core/io/read-source.js';
import { readTable, type Unread } from '../../shared/import/extract.js';
import { extractPerformance, type ImportedPerformance } from '../../shared/import/perf.js';
import { recognize, type Recognition } from '../../shared/import/recognize.js';
import type { SourceDocument } from '../../shared/import/source.js';
import { TableSetRegistry } from '../../shared/tables/registry.js';
import type { TableSet } from '../../shared/tables/schema.js';
import { esc, makeDocx, makeXlsx, type SheetSpec } from './ooxml.js';
import type { SeedBlock } from './seed-blocks.js';

/**
 * A seed retyped the way offices type it in Word or WPS, from the seed's own text (seed-blocks.ts), never
 * from this app's exporter: Word-style tables (gridSpan where a row has fewer cells than the grid, vMerge
 * down the first column and the header, a blank spacer row), and WPS habits: runs split mid-word,
 * full-width digits, NBSP in labels and after figures, a long table split across pages with its header
 * rows repeated, long header texts broken over two paragraphs, amounts typed with their unit (8万元).
 * Every quirk is applied by position, so the file is the same on every run; `quirks` counts what was done.
 */

export interface MirrorQuirks {
  splitRuns: number;
  fullWidth: number;
  nbsp: number;
  unitsTyped: number;
  headerParagraphs: number;
  vMerges: number;
  gridSpans: number;
  blankRows: number;
  pageSplits: number;
}

const FULL = (s: string): string => s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
const NUMBER = /^\d+(?:\.\d+)?$/;
/** Labels after which a cell holds an amount (forms), and table headers over amount columns. */
const MONEY_LABEL = /^(?:预算数|其中[:：]?财政\s*资金|财政资金|资金总额[:：]?|其中[:：]\s*基本支出[:：]?|项目支出[:：]?|支出方向年度金额)$/;

function runs(text: string, q: MirrorQuirks, n: number): string {
  const chars = [...text];
  const pieces =
    chars.length < 4
      ? [text]
      : n % 3 === 0
        ? [chars.slice(0, 1), chars.slice(1, Math.ceil(chars.length / 2)), chars.slice(Math.ceil(chars.length / 2))].map((c) => c.join(''))
        : [chars.slice(0, Math.ceil(chars.length / 2)), chars.slice(Math.ceil(chars.length / 2))].map((c) => c.join(''));
  if (pieces.length > 1) q.splitRuns += 1;
  // WPS writes a run per change of font: an ASCII run in Times New Roman, CJK in 仿宋_GB2312.
  return pieces.map((r) => `<w:r><w:rPr><w:rFonts w:ascii="Times New Roman" w:eastAsia="仿宋_GB2312"/></w:rPr><w:t xml:space="preserve">${esc(r)}</w:t></w:r>`).join('');
}

const para = (text: string, q: MirrorQuirks, n: number): string => `<w:p><w:pPr><w:jc w:val="center"/></w:pPr>${text === '' ? '' : runs(text, q, n)}</w:p>`;

interface Cell {
  text: string;
  col: number;
  span: number;
  vMerge?: 'restart' | 'continue';
}

/** The seed row on a grid of `width` columns: a short row's last cell spans the rest, as Word merges it. */
function layRow(texts: string[], width: number, q: MirrorQuirks): Cell[] {
  let col = 0;
  return texts.map((text, i) => {
    const span = i === texts.length - 1 ? width - col : 1;
    if (span > 1) q.gridSpans += 1;
    const cell = { text, col, span };
    col += span;
    return cell;
  });
}

/**
 * Blank cells in the header rows, and (where the seed collapsed merged cells) in the first column, under a
 * label become the label's vertical merge.
 */
function mergeDown(grid: Cell[][], headerRows: number, firstColumn: boolean, q: MirrorQuirks): void {
  for (let r = 1; r < grid.length; r += 1) {
    const filled = grid[r]!.some((c) => c.text !== '');
    for (const cell of grid[r]!) {
      if (cell.text !== '' || !filled || (r >= headerRows && (cell.col !== 0 || !firstColumn))) continue;
      const above = grid[r - 1]!.find((c) => c.col === cell.col && c.span === cell.span);
      if (!above || (above.text === '' && above.vMerge !== 'continue')) continue;
      above.vMerge ??= 'restart';
      cell.vMerge = 'continue';
      q.vMerges += 1;
    }
  }
}

/** Leading rows without a digit: the header Word repeats on each page. */
const headerRowsOf = (rows: string[][]): number => Math.min(3, rows.findIndex((r) => r.some((c) => /\d/.test(c))));

export interface MirrorOptions {
  /** 金额单位 the seed prints, typed after some amounts. */
  unit: '万元' | '元';
  /** 'lines' seeds keep empty grid cells; there an amount has a decimal point (codes never do). */
  rendering: 'lines' | 'cells';
}

/**
 * 'lines' seeds keep the grid, blank cells included. In the header, a blank right of a label with nothing
 * above it is the label's horizontal merge (附件1: 收入 over three columns).
 */
function gridOfLines(rows: string[][], headerRows: number, q: MirrorQuirks): Cell[][] {
  return rows.map((row, r) => {
    const cells: Cell[] = row.map((text, col) => ({ text, col, span: 1 }));
    if (r < Math.max(1, headerRows)) {
      const above = r === 0 ? [] : rows[r - 1]!;
      for (let c = cells.length - 1; c > 0; c -= 1) {
        if (cells[c]!.text !== '' || (above[c] ?? '') !== '' || cells[c - 1]!.text === '') continue;
        cells[c - 1]!.span += cells[c]!.span;
        cells.splice(c, 1);
        q.gridSpans += 1;
      }
    }
    return cells;
  });
}

function tableXml(rows: string[][], o: MirrorOptions, q: MirrorQuirks, counter: { n: number }, header: { rows: number; repeat: boolean }): string {
  const width = Math.max(...rows.map((r) => r.length));
  const grid = o.rendering === 'lines' ? gridOfLines(rows, header.rows, q) : rows.map((r) => layRow(r, width, q));
  const gridWidth = Math.max(...grid.map((r) => r.reduce((n, c) => n + c.span, 0)));
  mergeDown(grid, header.rows, o.rendering === 'cells', q);
  const heads = rows[0] ?? [];
  // Only a column header (three or more labels in its first row) gets its long labels broken by hand.
  const columnHeader = heads.filter((h) => h !== '').length >= 3;
  const body = grid
    .map((cells, r) => {
      const isHeader = r < header.rows;
      const tcs = cells
        .map((cell, i) => {
          counter.n += 1;
          const n = counter.n;
          let text = cell.vMerge === 'continue' ? '' : cell.text;
          const bare = text.replace(/\s/g, '');
          const left = i > 0 ? cells[i - 1]!.text.replace(/\s/g, '') : '';
          const money = NUMBER.test(bare) && !isHeader && (o.rendering === 'lines' ? bare.includes('.') : MONEY_LABEL.test(left) || MONEY_LABEL.test((heads[cell.col] ?? '').replace(/\s/g, '')));
          if (money && n % 4 === 0) {
            text = `${bare}${o.unit}`;
            q.unitsTyped += 1;
          } else if (money && n % 7 === 0) {
            text = FULL(bare);
            q.fullWidth += 1;
          } else if (NUMBER.test(bare) && n % 5 === 0) {
            text = `${bare}\u00a0`;
            q.nbsp += 1;
          }
          if (isHeader && / /.test(text)) {
            text = text.replace(/ /g, '\u00a0');
            q.nbsp += 1;
          }
          // A cell's paragraphs as typed; a long header label broken over two lines by hand.
          let paragraphs = text.split('\n');
          if (isHeader && columnHeader && paragraphs.length === 1 && [...text].length >= 6 && !/\d/.test(text)) {
            const chars = [...text];
            paragraphs = [chars.slice(0, chars.length >> 1).join(''), chars.slice(chars.length >> 1).join('')];
            q.headerParagraphs += 1;
          }
          const props = `<w:tcW w:w="${1000 * cell.span}" w:type="dxa"/>${cell.span > 1 ? `<w:gridSpan w:val="${cell.span}"/>` : ''}${cell.vMerge === 'restart' ? '<w:vMerge w:val="restart"/>' : cell.vMerge === 'continue' ? '<w:vMerge/>' : ''}`;
          return `<w:tc><w:tcPr>${props}</w:tcPr>${paragraphs.map((t, k) => para(t, q, n + k)).join('')}</w:tc>`;
        })
        .join('');
      return `<w:tr><w:trPr>${isHeader && header.repeat ? '<w:tblHeader/>' : ''}</w:trPr>${tcs}</w:tr>`;
    })
    .join('');
  return `<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:tblBorders><w:top w:val="single" w:sz="4"/><w:insideH w:val="single" w:sz="4"/></w:tblBorders></w:tblPr><w:tblGrid>${'<w:gridCol w:w="1000"/>'.repeat(gridWidth)}</w:tblGrid>${body}</w:tbl>`;
}

export interface Mirror {
  docx: Buffer;
  quirks: MirrorQuirks;
}

/**
 * The seed's blocks as a .docx: the longest table with a header split across two pages (header rows repeated and
 * marked to repeat), a blank spacer row in the first table, every text through the quirks above.
 */
export async function mirrorDocx(blocks: readonly SeedBlock[], o: MirrorOptions): Promise<Mirror> {
  const q: MirrorQuirks = { splitRuns: 0, fullWidth: 0, nbsp: 0, unitsTyped: 0, headerParagraphs: 0, vMerges: 0, gridSpans: 0, blankRows: 0, pageSplits: 0 };
  const tables = blocks.filter((b): b is Extract<SeedBlock, { kind: 'table' }> => b.kind === 'table');
  const longest = tables.filter((t) => headerRowsOf(t.rows) > 0).reduce<(typeof tables)[number] | undefined>((a, b) => (!a || b.rows.length > a.rows.length ? b : a), undefined);
  const counter = { n: 0 };
  const xml: string[] = [];
  for (const block of blocks) {
    if (block.kind === 'paragraph') {
      counter.n += 1;
      // NBSP where the office typed a non-breaking space (附件 1 → 附件\u00a01).
      const text = block.text.replace(/^(附件) (\d)/, '$1\u00a0$2');
      if (text !== block.text) q.nbsp += 1;
      xml.push(para(text, q, counter.n));
      continue;
    }
    let rows = block.rows;
    if (block === tables[0] && rows.length > 3) {
      const width = Math.max(...rows.map((r) => r.length));
      rows = [...rows.slice(0, rows.length - 1), new Array<string>(width).fill(''), ...rows.slice(rows.length - 1)];
      q.blankRows += 1;
    }
    const headerRows = Math.max(0, headerRowsOf(rows));
    if (block === longest && headerRows > 0 && rows.length - headerRows >= 6) {
      const cut = headerRows + Math.floor((rows.length - headerRows) / 2);
      xml.push(tableXml(rows.slice(0, cut), o, q, counter, { rows: headerRows, repeat: true }));
      xml.push('<w:p><w:r><w:br w:type="page"/></w:r></w:p>');
      xml.push(tableXml([...rows.slice(0, headerRows), ...rows.slice(cut)], o, q, counter, { rows: headerRows, repeat: true }));
      q.pageSplits += 1;
      continue;
    }
    xml.push(tableXml(rows, o, q, counter, { rows: headerRows, repeat: false }));
  }
  return { docx: await makeDocx(xml.join('')), quirks: q };
}

/**
 * Tables of a seed as one sheet per table, the way the 预算管理一体化 systems export them: the 附件 number,
 * title and unit lines as merged rows at the top, header cells merged across, figures stored as numbers
 * (some as text, as a clerk's paste leaves them), long texts as shared strings.
 */
export async function mirrorXlsx(sheets: readonly { name: string; titles: string[]; rows: string[][] }[]): Promise<Buffer> {
  const specs: SheetSpec[] = sheets.map((s) => {
    const width = Math.max(...s.rows.map((r) => r.length));
    const merges: string[] = [];
    const col = (i: number): string => String.fromCharCode(65 + i);
    const out: SheetSpec['rows'] = s.titles.map((t, r) => {
      merges.push(`A${r + 1}:${col(width - 1)}${r + 1}`);
      return [t, ...new Array<null>(width - 1).fill(null)];
    });
    let n = 0;
    for (const row of s.rows) {
      const r = out.length + 1;
      // A short header row's last label spans the rest of the sheet, as the exporting systems merge it.
      if (row.length < width) merges.push(`${col(row.length - 1)}${r}:${col(width - 1)}${r}`);
      out.push([
        ...row.map((text) => {
          n += 1;
          if (text === '') return null;
          if (NUMBER.test(text)) return n % 3 === 0 ? { text } : Number(text);
          return text;
        }),
        ...new Array<null>(width - row.length).fill(null),
      ]);
    }
    return { name: s.name, rows: out, merges };
  });
  return makeXlsx(specs);
}

/** How each seed's text is rendered, the unit it prints and the table set it must be recognised as. */
export const MIRROR_SEEDS = {
  '000': { rendering: 'cells', unit: '万元', set: 'hunan-2019-jx' },
  '001': { rendering: 'lines', unit: '万元', set: 'hunan-2020' },
  '002': { rendering: 'cells', unit: '万元', set: 'hunan-2019-jx' },
  '003': { rendering: 'cells', unit: '元', set: 'hebei-county-project' },
  '004': { rendering: 'cells', unit: '万元', set: 'district-2023-project' },
} as const;


const registry = new TableSetRegistry();
const sets = registry.list();

export interface OfficeImport {
  doc: SourceDocument;
  recognition: Recognition;
  set: TableSet;
  perf: ImportedPerformance;
  cells: number;
  read: number;
  unread: Unread[];
}

/**
 * A file through the importer as far as this issue builds it: read, recognised against every table set,
 * 绩效 extracted, every other recognised table read into its layout; cells counted (non-empty, read) and
 * everything not read listed with its place and the reason.
 */
export async function importOffice(buf: Buffer, name: string): Promise<OfficeImport> {
  const file = await readSourceFile(buf, name, { convert: false });
  if (file.kind !== 'office') throw new Error(`${name}: ${file.kind}`);
  const doc = file.document;
  const recognition = recognize(doc, sets);
  const set = registry.get(recognition.best!.setId)!;
  const perf = extractPerformance(doc, recognition, set, (id) => registry.table(set.id, id));
  let cells = perf.cells;
  let read = perf.read;
  const unread = [...perf.unread];
  recognition.tables.forEach((t, i) => {
    if (perf.tables.includes(i)) return;
    const match = recognition.matches[i];
    const def = match ? registry.table(set.id, match.tableId) : undefined;
    if (def && def.body.kind !== 'form') {
      const r = readTable(def, t, set.moneyUnit);
      cells += r.cells;
      read += r.read;
      unread.push(...r.unread);
      return;
    }
    t.table.rows.forEach((row, r) =>
      row.cells.forEach((c) => {
        if (c.text.trim() === '') return;
        cells += 1;
        unread.push({ where: t.table.where, row: r + 1, col: c.col + 1, text: c.text, reason: `表格未能识别（上方文字：${t.titles.slice(-1)[0] ?? '无'}）` });
      }),
    );
  });
  return { doc, recognition, set, perf, cells, read, unread };
}


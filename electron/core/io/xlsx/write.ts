import ExcelJS from 'exceljs';
import type { PrintCell, PrintDocument, PrintTable } from '../../../../shared/print/types.js';
import { writeZip } from '../docx/zip.js';
import { openZip } from '../zip.js';

/**
 * The .xlsx of a submission: one sheet per printed table, laid out from the printed model (shared/print)
 * exactly as the .docx and the preview: title, 单位名称 and 单位 lines, the merged header, rows with their
 * spans, 合计 rows as SUM formulas where the printed figures add up (PrintRow.sumOf) with the printed
 * value cached, A4 print setup. Figures are numbers with a number format; every text is a string cell,
 * never a formula, whatever it starts with.
 */

const TABLE_FONT = { name: '宋体', size: 10.5 } as const;
const TITLE_FONT = { name: '宋体', size: 16, bold: true } as const;
const thin = { style: 'thin' } as const;
const BORDER = { top: thin, left: thin, bottom: thin, right: thin };
/** Printable width of A4 portrait at the margins below, in points: wider tables print landscape. */
const PORTRAIT_WIDTH = 523;
/** A portrait layout whose columns need this much more than the page prints landscape rather than shrink. */
const WIDE = 1.25;
/** Points per unit of Excel's column width (the width of a '0' in the default font, plus padding). */
const POINTS_PER_EXCEL_UNIT = 5.6;

/** Characters Excel refuses in sheet names. */
const FORBIDDEN = /[[\]:*?/\\]/g;
export const MAX_SHEET_NAME = 31;

/** Sheet names for the tables, in order: "附件1 部门收支总表", cut to 31 characters, unique (… (2)). */
export function sheetNames(tables: readonly Pick<PrintTable, 'number' | 'title' | 'shortTitle'>[]): string[] {
  const used = new Set<string>();
  return tables.map((t) => {
    const base = (t.number ? `${t.number} ${t.shortTitle ?? t.title}` : t.title).replace(FORBIDDEN, '_').replace(/^'|'$/g, '').trim() || '表';
    let name = base.slice(0, MAX_SHEET_NAME);
    for (let n = 2; used.has(name.toLowerCase()); n += 1) {
      const suffix = `(${n})`;
      name = `${base.slice(0, MAX_SHEET_NAME - suffix.length)}${suffix}`;
    }
    used.add(name.toLowerCase());
    return name;
  });
}

/** Excel's column letters for a 1-based column. */
export function columnLetter(col: number): string {
  let n = col;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

export function numberFormat(decimals: number): string {
  return decimals > 0 ? `#,##0.${'0'.repeat(decimals)}` : '#,##0';
}

/** Rows as A1 references, contiguous runs as ranges: D6:D17,D19. */
function sumRefs(letter: string, rows: number[]): string {
  const sorted = [...rows].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j += 1;
    parts.push(i === j ? `${letter}${sorted[i]}` : `${letter}${sorted[i]}:${letter}${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

/** Whether a text would be read as a formula or a command if typed into a cell (=, +, -, @, tab). */
export function looksLikeFormula(text: string): boolean {
  return /^[=+\-@\t\r]/.test(text);
}

function lineRow(ws: ExcelJS.Worksheet, row: number, width: number, text: string, font: Partial<ExcelJS.Font>, horizontal: 'left' | 'center' | 'right'): void {
  const cell = ws.getCell(row, 1);
  cell.value = text;
  cell.font = font;
  cell.alignment = { horizontal, vertical: 'middle', wrapText: true };
  if (looksLikeFormula(text)) cell.numFmt = '@';
  if (width > 1) ws.mergeCells(row, 1, row, width);
}

function writeCell(ws: ExcelJS.Worksheet, row: number, c: PrintCell, header: boolean): void {
  const cell = ws.getCell(row, c.col + 1);
  // A label and its amount in one cell ("一、基本支出 448.93") prints as the text it is.
  if (c.number !== undefined && c.text !== '' && c.label === undefined) {
    cell.value = Number(c.number);
    cell.numFmt = numberFormat(c.decimals ?? 2);
  } else {
    cell.value = c.text;
    // A text that starts like a formula stays text even when someone edits the cell later.
    if (looksLikeFormula(c.text)) cell.numFmt = '@';
  }
  cell.font = c.bold || header ? { ...TABLE_FONT, bold: true } : TABLE_FONT;
  cell.alignment = { horizontal: c.align, vertical: 'middle', wrapText: c.wrap ?? header, ...(c.indent ? { indent: c.indent } : {}) };
}

/** Display width of a text in 10.5pt points: CJK characters full width, others about half. */
function textPoints(text: string): number {
  let points = 0;
  for (const ch of text) points += ch.charCodeAt(0) > 0x2e80 ? 10.5 : 5.8;
  return points;
}

/**
 * Row height for wrapped text: neither Excel nor LibreOffice grows a row for text in merged cells when the
 * file opens, so the lines each cell needs at its printed width are counted here.
 */
function rowHeight(cells: readonly PrintCell[], widths: readonly number[]): number {
  let lines = 1;
  for (const c of cells) {
    if (c.rowSpan > 1) continue;
    let width = 0;
    for (let i = c.col; i < c.col + c.colSpan; i += 1) width += widths[i] ?? 0;
    const usable = Math.max(10.5, width - 6);
    const needed = c.text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(textPoints(line) / usable)), 0);
    lines = Math.max(lines, needed);
  }
  return Math.max(18, lines * 14 + 4);
}

/** Columns a one-column table (an outline form) is written over. */
const SPREAD = 4;

/**
 * A one-column table as the sheet holds it: the column split in SPREAD equal ones, each cell merged across
 * them. LibreOffice does not shrink a sheet whose single column is wider than the page to the page width
 * (fitToPage): its text ran off both edges of the printed page. Split, it fits like any form.
 */
export function sheetTable(t: PrintTable): PrintTable {
  if (t.columns.length !== 1) return t;
  const column = t.columns[0]!;
  const spread = (rows: PrintTable['rows']): PrintTable['rows'] => rows.map((r) => ({ ...r, cells: r.cells.map((c) => ({ ...c, col: 0, colSpan: SPREAD })) }));
  return {
    ...t,
    columns: Array.from({ length: SPREAD }, (_, i) => ({ ...column, key: `${column.key}.${i + 1}`, width: column.width / SPREAD })),
    header: spread(t.header),
    rows: spread(t.rows),
  };
}

function writeTable(ws: ExcelJS.Worksheet, t: PrintTable): void {
  const width = Math.max(1, t.columns.length);
  let row = 1;
  if (t.number) lineRow(ws, row++, width, t.number, { ...TABLE_FONT, name: '黑体', size: 12 }, 'left');
  lineRow(ws, row, width, t.title, TITLE_FONT, 'center');
  ws.getRow(row++).height = 30;
  if (t.unitLinesJoined && t.unitLine && t.moneyUnitLine && width > 1) {
    const split = Math.ceil(width / 2);
    const left = ws.getCell(row, 1);
    left.value = t.unitLine;
    left.font = TABLE_FONT;
    ws.mergeCells(row, 1, row, split);
    const right = ws.getCell(row, split + 1);
    right.value = t.moneyUnitLine;
    right.font = TABLE_FONT;
    right.alignment = { horizontal: 'right' };
    if (split + 1 < width) ws.mergeCells(row, split + 1, row, width);
    row += 1;
  } else {
    if (t.unitLine) lineRow(ws, row++, width, t.unitLine, TABLE_FONT, 'left');
    if (t.moneyUnitLine) lineRow(ws, row++, width, t.moneyUnitLine, TABLE_FONT, 'right');
  }
  // Column widths in Excel's units, and the same widths in points for the row heights.
  const excelWidths = t.columns.map((c) => Math.max(4, Math.round((c.width / POINTS_PER_EXCEL_UNIT) * 10) / 10));
  const widths = excelWidths.map((w) => w * POINTS_PER_EXCEL_UNIT);
  const headerStart = row;
  const all = [...t.header.map((r) => ({ r, header: true })), ...t.rows.map((r) => ({ r, header: r.role === 'header' || r.role === 'number' }))];
  const bodyRow = (i: number): number => headerStart + t.header.length + i;
  all.forEach(({ r, header }, i) => {
    const at = headerStart + i;
    for (let col = 1; col <= width; col += 1) ws.getCell(at, col).border = BORDER;
    ws.getRow(at).height = rowHeight(r.cells, widths);
    for (const c of r.cells) {
      writeCell(ws, at, c, header);
      if (c.colSpan > 1 || c.rowSpan > 1) ws.mergeCells(at, c.col + 1, at + c.rowSpan - 1, c.col + c.colSpan);
    }
  });
  // 合计 and subtotals: SUM over the rows they name, the printed value cached (what Excel shows before it recalculates).
  t.rows.forEach((r, i) => {
    if (!r.sumOf) return;
    for (const c of r.cells) {
      if (c.number === undefined || c.text === '' || c.label !== undefined || !t.columns[c.col]?.numeric) continue;
      const letter = columnLetter(c.col + 1);
      ws.getCell(bodyRow(i), c.col + 1).value = { formula: `SUM(${sumRefs(letter, r.sumOf.map(bodyRow))})`, result: Number(c.number) };
    }
  });
  row = headerStart + all.length;
  const below = [...(t.empty && t.emptyNote ? [t.emptyNote] : []), ...t.notes];
  for (const line of below) lineRow(ws, row++, width, line, TABLE_FONT, 'left');

  const points = t.columns.reduce((sum, c) => sum + c.width, 0);
  t.columns.forEach((c, i) => {
    ws.getColumn(i + 1).width = excelWidths[i]!;
  });
  const headerEnd = headerStart + t.header.length - 1;
  ws.pageSetup = {
    paperSize: 9,
    orientation: t.orientation === 'landscape' || points > PORTRAIT_WIDTH * WIDE ? 'landscape' : 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.6, right: 0.6, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
    ...(t.header.length > 0 ? { printTitlesRow: `${headerStart}:${headerEnd}` } : {}),
  };
  ws.headerFooter = { oddFooter: '&C第 &P 页，共 &N 页' };
  const frozenColumns = t.columns.filter((c) => c.frozen).length;
  if (t.header.length > 0) ws.views = [{ state: 'frozen', xSplit: frozenColumns, ySplit: headerEnd }];
}

/** The tables of the document as a workbook, one sheet per table in document order (outline forms too). */
export async function writeXlsx(doc: PrintDocument): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '预算编报台';
  wb.title = doc.cover?.title ?? `${doc.deptName}${doc.year}年`;
  const tables = doc.blocks.flatMap((b) => (b.kind === 'table' || b.kind === 'sheet' ? [b.table] : []));
  const names = sheetNames(tables);
  tables.forEach((t, i) => writeTable(wb.addWorksheet(names[i]!), sheetTable(t)));
  if (tables.length === 0) wb.addWorksheet('空');
  // exceljs packs with a JavaScript deflate that costs more than laying out the sheets; it stores the parts
  // and Node's zlib compresses them (several times faster for a 300-project workbook).
  const stored = openZip(Buffer.from(await wb.xlsx.writeBuffer({ zip: { compression: 'STORE' } } as ExcelJS.XlsxWriteOptions)), 'xlsx');
  return writeZip(await Promise.all([...stored.entries.keys()].map(async (name) => ({ name, data: Buffer.from(await stored.text(name), 'utf8') }))));
}

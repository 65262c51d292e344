import { parseNumberText } from '../money/decimal.js';
import { headerCells, isNumericColumn, visibleColumns } from '../tables/layout.js';
import type { ColumnDef, MoneyUnit, TableDef } from '../tables/schema.js';
import { similarity, squash } from './normalize.js';
import type { TableInContext } from './recognize.js';
import type { SourceCell } from './source.js';

/**
 * The cells of a recognised table read into the layout's columns: every non-empty cell of the file either
 * lands in a column (numbers parsed exactly, in 元) or is listed with where it was and why it was not read.
 */

export interface ReadCell {
  text: string;
  /** Numeric columns: the value as a canonical decimal (money in 元). */
  value?: string;
}

export interface ReadRow {
  /** 0-based row of the file's table (after continuations were joined). */
  sourceRow: number;
  cells: Record<string, ReadCell>;
}

export interface Unread {
  /** '第 3 个表格' / '工作表“附件1”', then the 1-based row and column as the clerk counts them. */
  where: string;
  row: number;
  col: number;
  text: string;
  reason: string;
}

export interface ReadTable {
  tableId: string;
  where: string;
  moneyUnit: MoneyUnit;
  rows: ReadRow[];
  /** The layout's empty-table note, when the file prints one instead of rows. */
  emptyNote?: string;
  unread: Unread[];
  /** Non-empty cells of the file's table, and how many of them were read (title, header or body). */
  cells: number;
  read: number;
}

const NUMBER_ROW = /^(?:栏次|\*+|[0-9]+)$/;
const EMPTY_NOTE = /空表|无.*(?:收支|支出|安排|预算)/;
/** "一、基本支出 448.93": a label, then an amount at the end of the same cell. */
const LABEL_AND_AMOUNT = /^(.*?[^\d\s.,])[\s\u3000]*(-?[\d,]+(?:\.\d+)?)$/;

/** Text columns whose fixed cells print a label and its amount together (seed 001 附件1's 经济分类 side). */
function labelAndAmountColumns(def: TableDef): Set<string> {
  const keys = new Set<string>();
  if (def.body.kind !== 'fixed') return keys;
  for (const row of def.body.rows) for (const [key, cell] of Object.entries(row.cells)) if (typeof cell === 'object' && 'label' in cell) keys.add(key);
  return keys;
}

/** The layout's columns in print order, each with the grid column it heads in the file. */
function columnMap(def: TableDef, t: TableInContext, headerRows: number): { col: ColumnDef; at: number }[] {
  const visible = visibleColumns(def);
  if (visible.length === t.table.columns) return visible.map((col, at) => ({ col, at }));
  // Different width (a column dropped or added by the office): find each leaf's label in the file's header.
  const leaves = headerCells(def.header).cells.filter((c) => c.key !== undefined);
  const fileHeader = t.table.rows.slice(t.titleRows, t.titleRows + headerRows).flatMap((r) => r.cells);
  const out: { col: ColumnDef; at: number }[] = [];
  for (const leaf of leaves) {
    const col = visible.find((c) => c.key === leaf.key);
    if (!col) continue;
    let best: { at: number; score: number } | null = null;
    for (const cell of fileHeader) {
      const score = similarity(squash(cell.text), squash(leaf.label));
      if (score >= 0.8 && (!best || score > best.score)) best = { at: cell.col, score };
    }
    if (best) out.push({ col, at: best.at });
  }
  return out;
}

function parseFigure(text: string, col: ColumnDef, unit: MoneyUnit): { ok: true; value: string | null } | { ok: false } {
  const money = col.type === 'money';
  const r = parseNumberText(col.type === 'percent' ? text.replace(/%$/, '') : text, { money, unit });
  return r.ok ? r : { ok: false };
}

/**
 * Reads a recognised table (not a form) into its layout's columns. The header rows are taken as the layout
 * prints them (their labels were what recognised the table), a 栏次 row is skipped, a label-and-amount cell
 * is read whole with its amount as the value where the layout prints one too, and split where it spans a
 * text and a money column of the layout, and a single text across the table is its empty-table note.
 */
export function readTable(def: TableDef, t: TableInContext, defaultUnit: MoneyUnit): ReadTable {
  const unit: MoneyUnit = t.moneyUnit ?? defaultUnit;
  const headerRows = headerCells(def.header).rows;
  const columns = columnMap(def, t, headerRows);
  const byPosition = new Map(columns.map((c) => [c.at, c.col]));
  const labelled = labelAndAmountColumns(def);
  const out: ReadTable = { tableId: def.id, where: t.table.where, moneyUnit: unit, rows: [], unread: [], cells: 0, read: 0 };
  const count = (cell: SourceCell): boolean => {
    if (cell.text.trim() === '') return false;
    out.cells += 1;
    return true;
  };
  const unread = (row: number, cell: SourceCell, reason: string): void => {
    out.unread.push({ where: t.table.where, row: row + 1, col: cell.col + 1, text: cell.text, reason });
  };
  let bodyStart = t.titleRows + headerRows;
  const rows = t.table.rows;
  for (let r = 0; r < Math.min(bodyStart, rows.length); r += 1) for (const cell of rows[r]!.cells) if (count(cell)) out.read += 1;
  const next = rows[bodyStart];
  if (next && next.cells.length > 0 && next.cells.every((c) => c.text.trim() === '' || NUMBER_ROW.test(squash(c.text)))) {
    for (const cell of next.cells) if (count(cell)) out.read += 1;
    bodyStart += 1;
  }
  for (let r = bodyStart; r < rows.length; r += 1) {
    const filled = rows[r]!.cells.filter((c) => c.text.trim() !== '');
    if (filled.length === 1 && filled[0]!.colSpan >= Math.max(2, t.table.columns - 1) && EMPTY_NOTE.test(filled[0]!.text)) {
      count(filled[0]!);
      out.read += 1;
      out.emptyNote = filled[0]!.text.trim();
      continue;
    }
    const cells: Record<string, ReadCell> = {};
    for (const cell of rows[r]!.cells) {
      if (!count(cell)) continue;
      const col = byPosition.get(cell.col);
      if (!col) {
        unread(r, cell, '该列不在表格式中');
        continue;
      }
      const text = cell.text.trim();
      if (labelled.has(col.key)) {
        // "一、基本支出 448.93" as the layout prints it; a label alone (a zero amount) is read as text.
        const both = LABEL_AND_AMOUNT.exec(text);
        const figure = both ? parseFigure(both[2]!, { ...col, type: 'money' }, unit) : null;
        cells[col.key] = figure?.ok && figure.value !== null ? { text, value: figure.value } : { text };
        out.read += 1;
        continue;
      }
      const nextCol = byPosition.get(cell.col + 1);
      const split = cell.colSpan > 1 && !isNumericColumn(col) && nextCol && isNumericColumn(nextCol) ? LABEL_AND_AMOUNT.exec(text) : null;
      if (split && nextCol) {
        const figure = parseFigure(split[2]!, nextCol, unit);
        cells[col.key] = { text: split[1]!.trim() };
        if (figure.ok) cells[nextCol.key] = figure.value === null ? { text: split[2]! } : { text: split[2]!, value: figure.value };
        out.read += 1;
        continue;
      }
      if (isNumericColumn(col)) {
        const figure = parseFigure(text, col, unit);
        if (!figure.ok) {
          unread(r, cell, `“${text}”不是数字`);
          continue;
        }
        cells[col.key] = figure.value === null ? { text } : { text, value: figure.value };
      } else {
        cells[col.key] = { text };
      }
      out.read += 1;
    }
    if (Object.keys(cells).length > 0) out.rows.push({ sourceRow: r, cells });
  }
  return out;
}

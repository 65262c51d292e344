import type { MoneyUnit } from '../tables/schema.js';

/**
 * The printed-table / document model: what the submission looks like, built once from a table set and a
 * workbook (shared/print/build*.ts) and read by every output — the grid's read-only views, the in-app print
 * preview, the .docx and .xlsx writers — and by the importer's recognition. Nothing here knows a table id:
 * a new table set gets its print, exports and recognition from its definitions alone.
 *
 * Everything is positioned on one grid per table: every row (header or body) is a list of cells that name
 * their first column and their spans; a cell covered by another cell's span is absent.
 */

export type PrintAlign = 'left' | 'center' | 'right';

export interface PrintCell {
  /** 0-based column on the table's grid. */
  col: number;
  colSpan: number;
  rowSpan: number;
  /** Exactly what prints ('' for a blank cell), figures formatted with the table's unit and decimals. */
  text: string;
  /**
   * Figures only: the value as printed, in the table's money unit (or the column's own unit), as a
   * canonical decimal string rounded to `decimals` ('0' when zero). The .xlsx writer stores it as a number;
   * a blank figure (zero printed as '') has `number` '0' and text ''.
   */
  number?: string;
  decimals?: number;
  /** A label and its amount in one cell ("一、基本支出 448.93"): the label part, `number` holds the amount. */
  label?: string;
  align: PrintAlign;
  bold?: boolean;
  /** Indent steps (类 0, 款 1, 项 2) for name cells. */
  indent?: number;
  /** Multi-line text keeps its line breaks (goals, measures). */
  wrap?: boolean;
  /** Form cells: the field whose value the cell shows (views and recognition find a value by it). */
  field?: string;
}

export type PrintRowRole = 'header' | 'number' | 'body' | 'section' | 'subtotal' | 'total' | 'blank';

export interface PrintRow {
  role: PrintRowRole;
  cells: PrintCell[];
  /**
   * Stable key of a derived row (a code, 'total' …) for drill-down, highlighting and recognition; a form's
   * list record is '<list field>/<row id>'.
   */
  key?: string;
  level?: number;
  /**
   * Total and subtotal rows: indices (into `rows`) of the rows whose figures this row's figures sum, column
   * for column. The .xlsx writer turns them into SUM formulas with the printed values as cached results.
   */
  sumOf?: number[];
}

export interface PrintColumn {
  key: string;
  /** Width in points at print scale; writers scale the set proportionally to the page's printable width. */
  width: number;
  numeric: boolean;
  /** Decimals of figures in this column (2 for money). */
  decimals?: number;
  /** Key columns a viewer keeps frozen (序号, codes, names). */
  frozen?: boolean;
}

export interface PrintTable {
  tableId: string;
  /** 附件 number as printed ('附件3-1'); '' when the layout prints none. */
  number: string;
  title: string;
  shortTitle?: string;
  orientation: 'portrait' | 'landscape';
  /** 'derived' and 'free'/'fixed' tables print a header and rows; 'form' tables are a grid of labelled cells. */
  kind: 'table' | 'form';
  /**
   * Forms printed as a document rather than a grid (河北 部门整体绩效目标): every row is one cell, a
   * 'section' row a heading, a 'body' row a paragraph. Writers print such a table as headings and text.
   */
  outline?: boolean;
  /** The layout's group (部门预算公开表格, 绩效目标申报表): the document's part heading. */
  group?: string;
  /** '单位名称：…' (or 编制部门：…) line, or null. */
  unitLine: string | null;
  /** '单位：万元' line, or null. */
  moneyUnitLine: string | null;
  /** Print the unit-name line and the money-unit line on one line (name left, unit right). */
  unitLinesJoined?: boolean;
  moneyUnit: MoneyUnit;
  columns: PrintColumn[];
  /** Header rows (role 'header'), then the 栏次 row (role 'number') where the layout prints one. */
  header: PrintRow[];
  /** Body rows, 合计 rows and blank rows of an empty table, in print order. */
  rows: PrintRow[];
  /** No figure in the table is non-zero. */
  empty: boolean;
  /** Printed under an empty table (the layout's note, filled). */
  emptyNote?: string;
  /** Lines printed under the table (说明, 注). */
  notes: string[];
}

/** A stretch of a paragraph's text in one weight. */
export interface PrintRun {
  text: string;
  bold?: boolean;
}

/** One block of the document, in reading order. */
export type PrintBlock =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string; /** Listed in the 目录. */ toc: boolean }
  | {
      kind: 'paragraph';
      text: string;
      align?: PrintAlign;
      /** First-line indent of two characters (official body style). */
      indent?: boolean;
      /** The text in runs, when some of it is bold (the 说明's free text); their texts join to `text`. */
      runs?: PrintRun[];
    }
  /** The table's caption (附件 number and title) is a level-2 entry of the 目录; writers print it as a heading. */
  | { kind: 'table'; table: PrintTable }
  /**
   * An outline form for the workbook export alone: the document prints it as the headings and paragraphs
   * around this block, a workbook as a sheet of its own (one line per row), so no table is left out of it.
   */
  | { kind: 'sheet'; table: PrintTable }
  | { kind: 'pageBreak' };

export interface PrintTocEntry {
  level: 1 | 2 | 3;
  text: string;
}

export const documentParts = ['all', 'budget', 'performance'] as const;
export type DocumentPart = (typeof documentParts)[number];

/** The file formats the document is written in (electron/core/io/<format>/write.ts). */
export const exportFormats = ['xlsx', 'docx'] as const;
export type ExportFormat = (typeof exportFormats)[number];

export interface PrintDocument {
  deptName: string;
  year: number;
  part: DocumentPart;
  /** Cover: "{deptName}{year}年部门预算" and the date line; absent for packages printed without one. */
  cover?: { title: string; dateLine: string };
  /** Entries of the 目录, in order (the writers also emit a real TOC field over the headings). */
  toc: PrintTocEntry[];
  /** Narrative (portrait) and tables (each on its own orientation), in order. */
  blocks: PrintBlock[];
}

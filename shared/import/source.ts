import type { PrintRun } from '../print/types.js';

/**
 * What the importer reads out of a foreign file before it recognises anything: paragraphs and tables in
 * reading order, each table on one grid with merged cells resolved (the same positioning as
 * shared/print/types.ts, so recognition compares like with like). Text is kept as written; numbers are
 * never parsed here.
 */

export interface SourceCell {
  /** 0-based column on the table's grid (after gridBefore / the sheet's first column). */
  col: number;
  colSpan: number;
  rowSpan: number;
  /** The cell's text: paragraphs joined by '\n', runs joined as written (split runs rejoined). */
  text: string;
  /** .xlsx cells stored as numbers: the number exactly as stored in the file (no float round trip). */
  number?: string;
}

export interface SourceRow {
  cells: SourceCell[];
  /** Word: the row repeats as a header on each page (w:tblHeader). */
  repeatHeader?: boolean;
}

export interface SourceTable {
  /** Where it is, in words the clerk understands: '第 3 个表格' or '工作表“附件1”'. */
  where: string;
  /** Width of the grid in columns. */
  columns: number;
  rows: SourceRow[];
}

export type SourceBlock =
  | {
      kind: 'paragraph';
      text: string;
      /** Outline level from the heading style (1 = 标题 1), when any. */
      heading?: number;
      /** Word: the runs as written (their texts joined are `text`), present when some run is in bold. */
      runs?: PrintRun[];
    }
  | { kind: 'table'; table: SourceTable };

export interface SourceDocument {
  format: 'docx' | 'xlsx';
  /** File name as given (for the report). */
  name: string;
  blocks: SourceBlock[];
}

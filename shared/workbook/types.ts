import { z } from 'zod';
import { moneyUnits, type MoneyUnit } from '../tables/schema.js';

/** Workbook format version written by this build (SQLite user_version after all migrations). */
export const WORKBOOK_EXTENSION = '.bdwb';

export const metaSchema = z.strictObject({
  /** 部门名称 */
  deptName: z.string().trim().min(1).max(100),
  /** 单位编码 */
  unitCode: z.string().trim().max(40),
  /** 年度 (the budget year) */
  year: z.number().int().min(2000).max(2100),
  /** 金额单位 used for display and input; storage is always exact 元. */
  moneyUnit: z.enum(moneyUnits),
  /** 编报范围, e.g. 本级 / 汇总 (含下属单位) */
  scope: z.string().trim().max(100),
  tableSetId: z.string().min(1).max(60),
});
export type WorkbookMeta = z.infer<typeof metaSchema>;
export type MetaKey = keyof WorkbookMeta;
export const metaKeys = Object.keys(metaSchema.shape) as MetaKey[];

/** Stored cell values: text as typed, numbers as canonical decimal strings (money in 元). */
export type CellValue = string;
export type RowCells = Record<string, CellValue>;

export interface GridRow {
  id: string;
  cells: RowCells;
}

/** Primitive, invertible operations: the unit of the undo log. */
export type Op =
  | { op: 'setCell'; tableId: string; rowId: string; col: string; value: CellValue | null }
  | { op: 'insertRow'; tableId: string; rowId: string; index: number; cells: RowCells }
  | { op: 'deleteRow'; tableId: string; rowId: string }
  | { op: 'moveRow'; tableId: string; rowId: string; toIndex: number }
  | { op: 'setMeta'; key: MetaKey; value: string | number };

export interface WorkbookState {
  path: string;
  meta: WorkbookMeta;
  /** Increases with every committed change, undo and redo. */
  revision: number;
  canUndo: boolean;
  canRedo: boolean;
  undoLabel: string | null;
  redoLabel: string | null;
  formatVersion: number;
}

export const defaultMoneyUnit: MoneyUnit = '万元';

import type { FormSectionDef, TableDef } from '../tables/schema.js';
import type { GridRow, RowCells } from '../workbook/types.js';
import { indicatorFromCells, printIndicator } from './indicator.js';

/**
 * Where the 绩效目标 layouts keep their values (the rules are written down in schema.ts, "Where a form's
 * values live"). The editor, the printer, the lint and the CLI all resolve fields through here.
 */

/**
 * The model tables of shared/tables/model/performance.json. 专项 and 支出方向 keep the ids their 2019
 * layouts always stored under (zxzj-hz, zxzj-fx), so existing workbooks and JSON exports still read.
 */
export const PERF_TABLES = {
  special: 'zxzj-hz',
  directions: 'zxzj-fx',
  dept: 'perf-dept',
  deptGoals: 'perf-dept-goals',
  projects: 'perf-projects',
  indicators: 'perf-indicators',
} as const;

/** perf-indicators.owner of the department's own indicators (a project's are owned by its row id). */
export const DEPT_OWNER = 'dept';

/** Row key of a 部门整体 form field in perf-dept: field totalAmount → row dept-totalAmount. */
export function deptRowKey(field: string): string {
  return `dept-${field}`;
}

export interface FieldTarget {
  /** The model table to send the edit to (workbook.change with this tableId). */
  tableId: string;
  rowId: string;
  col: string;
}

/**
 * The cell behind a form field. `recordId` is the record's row id in a repeated form (a project).
 * `model` looks up model tables (TableSetRegistry.table or Workbook.table).
 */
export function formFieldTarget(def: TableDef, field: string, model: (id: string) => TableDef | undefined, recordId?: string): FieldTarget | undefined {
  if (def.body.kind !== 'form' || def.store === undefined) return undefined;
  const store = model(def.store);
  if (!store) return undefined;
  if (def.body.repeatFor !== undefined) {
    if (recordId === undefined || !store.columns.some((c) => c.key === field)) return undefined;
    return { tableId: store.id, rowId: recordId, col: field };
  }
  if (store.body.kind !== 'fixed') return undefined;
  const row = store.body.rows.find((r) => r.key === deptRowKey(field));
  const col = row && Object.entries(row.cells).find(([, source]) => typeof source === 'object' && 'input' in source)?.[0];
  return row?.key !== undefined && col !== undefined ? { tableId: store.id, rowId: row.key, col } : undefined;
}

type ListSection = Extract<FormSectionDef, { kind: 'list' }>;

/** The records a list section shows: its store's rows owned by the record, or all of them in a single form. */
export function listRows(storeRows: readonly GridRow[], recordId?: string): GridRow[] {
  if (recordId === undefined) return [...storeRows];
  return storeRows.filter((r) => r.cells.owner === recordId);
}

/** A list row as printed: enum values under the layout's labels (效果指标), 指标值 in the layout's style. */
export function listDisplayCells(section: ListSection, cells: RowCells): Record<string, string> {
  const out: Record<string, string> = {};
  for (const col of section.columns) {
    const stored = cells[col.key] ?? '';
    if (col.key === 'value' && section.indicatorStyle !== undefined) {
      out[col.key] = printIndicator(indicatorFromCells(cells), section.indicatorStyle);
    } else if (col.type === 'enum') {
      out[col.key] = col.options?.find((o) => o.value === stored)?.label ?? stored;
    } else {
      out[col.key] = stored;
    }
  }
  return out;
}

import type { FactQuery, FormSectionDef, TableDef } from '../tables/schema.js';
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

/**
 * The budget figures behind rows of a fixed model table, by row key: a single form of the set that stores
 * there and takes a field from the budget facts (部门整体's 资金总额/基本支出/项目支出) names the row that
 * holds the field. The entry table shows the budget figure there until the clerk types another.
 */
export function budgetBackedRows(tables: readonly TableDef[], store: TableDef): Record<string, FactQuery> {
  const out: Record<string, FactQuery> = {};
  for (const t of tables) {
    if (t.body.kind !== 'form' || t.body.repeatFor !== undefined || t.store !== store.id) continue;
    for (const section of t.body.sections) {
      if (section.kind !== 'cells') continue;
      for (const cell of section.rows.flat()) {
        if (cell.field === undefined || cell.fact === undefined) continue;
        const target = formFieldTarget(t, cell.field, (id) => (id === store.id ? store : undefined));
        if (target && !(target.rowId in out)) out[target.rowId] = cell.fact;
      }
    }
  }
  return out;
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

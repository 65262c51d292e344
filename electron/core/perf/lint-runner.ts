import { PERF_TABLES } from '../../../shared/perf/binding.js';
import { resolveRows, type BudgetProject } from '../../../shared/perf/budget-link.js';
import { lintPerformance, sortFindings, type Finding } from '../../../shared/perf/lint.js';
import type { TableSet } from '../../../shared/tables/schema.js';
import type { GridRow } from '../../../shared/workbook/types.js';
import { storeOf } from '../workbook/edits.js';
import type { Workbook } from '../workbook/workbook.js';
import { budgetTotals } from './budget-totals.js';

/** For each model table, the layout of the set that shows its rows (a list inside a form counts). */
function layoutsByStore(set: TableSet | undefined): Map<string, string> {
  const map = new Map<string, string>();
  for (const t of set?.tables ?? []) {
    if (!map.has(storeOf(t))) map.set(storeOf(t), t.id);
    if (t.body.kind !== 'form') continue;
    for (const s of t.body.sections) if (s.kind === 'list' && s.store !== undefined && !map.has(s.store)) map.set(s.store, t.id);
  }
  return map;
}

/**
 * The quality review of one workbook's 绩效目标 tables, errors first, each pointing at a table of its set.
 * Rows that follow a budget project are checked with the project's current figures.
 */
export function lintWorkbook(wb: Workbook, set: TableSet | undefined, projects: readonly BudgetProject[]): Finding[] {
  const meta = wb.meta();
  const rows: Record<string, readonly GridRow[]> = {};
  for (const id of Object.values(PERF_TABLES)) rows[id] = resolveRows(wb.table(id), wb.rows(id), projects);
  const findings = lintPerformance({ year: meta.year, moneyUnit: meta.moneyUnit, rows, budget: budgetTotals(wb) });
  const layouts = layoutsByStore(set);
  return sortFindings(findings.map((f) => ({ ...f, table: layouts.get(f.store) ?? f.store })));
}

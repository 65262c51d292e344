import { PERF_TABLES } from '../../../shared/perf/binding.js';
import { resolveRows, type BudgetProject } from '../../../shared/perf/budget-link.js';
import { lintBudgetLinks, lintPerformance, sortFindings, type Finding, type OwnerLintCache } from '../../../shared/perf/lint.js';
import type { TableSet } from '../../../shared/tables/schema.js';
import type { GridRow } from '../../../shared/workbook/types.js';
import { storeOf } from '../workbook/edits.js';
import type { Workbook } from '../workbook/workbook.js';
import { budgetTotals, type BudgetTotals } from './budget-totals.js';

/** For each model table, the layout of the set that shows its rows (a list inside a form counts). */
export function layoutsByStore(set: TableSet | undefined): Map<string, string> {
  const map = new Map<string, string>();
  for (const t of set?.tables ?? []) {
    if (!map.has(storeOf(t))) map.set(storeOf(t), t.id);
    if (t.body.kind !== 'form') continue;
    for (const s of t.body.sections) if (s.kind === 'list' && s.store !== undefined && !map.has(s.store)) map.set(s.store, t.id);
  }
  return map;
}

export interface LintOptions {
  /** The budget totals when the caller has them (spares reading the budget facts again). */
  budget?: BudgetTotals | null;
  /** Rows the caller has already read. */
  read?: (store: string) => readonly GridRow[];
  /** 'withoutBudget' leaves out the rules that read the budget totals; 'budgetLinks' runs only those. */
  part?: 'all' | 'withoutBudget' | 'budgetLinks';
  /** Each project's findings from the last run, reused for the projects that did not change. */
  cache?: OwnerLintCache;
}

/**
 * The quality review of one workbook's 绩效目标 tables, errors first, each pointing at a table of its set.
 * Rows that follow a budget project are checked with the project's current figures.
 */
export function lintWorkbook(wb: Workbook, set: TableSet | undefined, projects: readonly BudgetProject[], options: LintOptions = {}): Finding[] {
  const meta = wb.meta();
  const read = options.read ?? ((store: string) => wb.rows(store));
  // Resolved when a rule reads them: the rules that compare with the budget read three tables of the six.
  const rows: Record<string, readonly GridRow[]> = {};
  for (const id of Object.values(PERF_TABLES)) {
    let resolved: readonly GridRow[] | undefined;
    Object.defineProperty(rows, id, { enumerable: true, get: () => (resolved ??= resolveRows(wb.table(id), read(id), projects)) });
  }
  const budget = options.budget === undefined ? budgetTotals(wb) : options.budget;
  const input = { year: meta.year, moneyUnit: meta.moneyUnit, rows, budget };
  const part = options.part ?? 'all';
  const findings = part === 'budgetLinks' ? lintBudgetLinks(input) : lintPerformance(input, part, options.cache);
  const layouts = layoutsByStore(set);
  return sortFindings(findings.map((f) => ({ ...f, table: layouts.get(f.store) ?? f.store })));
}

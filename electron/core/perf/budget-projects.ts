import { FACT_TABLES, type ModelRows } from '../../../shared/derive/index.js';
import { budgetProjects, type BudgetProject } from '../../../shared/perf/budget-link.js';
import { lookupCode } from '../../../shared/reference/index.js';
import { loadCodeList } from '../codes/store.js';
import type { Workbook } from '../workbook/workbook.js';

/** The workbook's budget projects with amounts and 支出方向, named from the year's 功能科目 list (an imported one first). */
export function workbookBudgetProjects(wb: Workbook, dataDir: string): BudgetProject[] {
  const model: ModelRows = {};
  for (const id of Object.values(FACT_TABLES)) model[id] = wb.rows(id);
  const year = wb.meta().year;
  const list = loadCodeList(dataDir, 'function', year);
  return budgetProjects(year, model, (code) => (list ? lookupCode(list, code)?.name : undefined));
}

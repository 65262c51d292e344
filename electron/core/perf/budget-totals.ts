import { compileQuery, FACT_TABLES, FactBase, type ModelRows } from '../../../shared/derive/index.js';
import { Dec } from '../../../shared/money/decimal.js';
import type { Workbook } from '../workbook/workbook.js';

export interface BudgetTotals {
  basic: Dec;
  project: Dec;
  total: Dec;
}

const isBasic = compileQuery({ measure: 'expense', filter: { nature: 'basic' } });
const isProject = compileQuery({ measure: 'expense', filter: { nature: 'project' } });

/**
 * 基本支出 and 项目支出 of the workbook's budget facts (the same queries the 部门整体 layouts print), in 元;
 * null when the workbook holds no expenditure data, so the 绩效 tables are then checked on their own figures.
 */
export function budgetTotals(wb: Workbook): BudgetTotals | null {
  const model: ModelRows = {};
  for (const id of Object.values(FACT_TABLES)) model[id] = wb.rows(id);
  if ((model[FACT_TABLES.lines]?.length ?? 0) === 0 && (model[FACT_TABLES.projects]?.length ?? 0) === 0) return null;
  const base = new FactBase(wb.meta().year);
  base.update(model);
  let basic = new Dec(0);
  let project = new Dec(0);
  for (const f of base.facts()) {
    if (isBasic(f)) basic = basic.plus(f.amount);
    else if (isProject(f)) project = project.plus(f.amount);
  }
  return { basic, project, total: basic.plus(project) };
}

import { FindingList, type Finding, type Severity } from './findings.js';
import { directionOwners, projectOwners, type PerfInput } from './owners.js';
import { checkCosts, checkDeptTotals, checkDirectionSums, checkProjectFunds, checkProjectTotals, checkStatedTotals, checkUnitCosts } from './rules/amounts.js';
import { checkCopiedGoals, checkCopiedIndicators } from './rules/copies.js';
import { checkPlans } from './rules/plan.js';
import { checkDirectionSpecials } from './rules/specials.js';
import { checkCoverage, checkDuplicateNames, checkMissingText, checkTree } from './rules/structure.js';
import { checkIndicatorValues } from './rules/values.js';

export type { Finding, Severity } from './findings.js';
export type { PerfInput } from './owners.js';

/**
 * The quality review of a workbook's 绩效目标 (DOMAIN §5): what a finance reviewer would send back,
 * each finding pointing at the row to fix. Quiet on good data: every rule names a concrete defect.
 *
 * Rule ids: perf.dept-total, perf.dept-budget, perf.special-sum, perf.projects-sum, perf.project-funds,
 * perf.cost-budget, perf.unit-cost, perf.direction-sum, perf.text-amount, perf.direction-special, perf.period, perf.level,
 * perf.no-indicators, perf.output-kinds, perf.benefit-missing, perf.satisfaction-missing, perf.duplicate-name,
 * perf.missing-text, perf.no-number, perf.no-unit, perf.unit-mismatch, perf.time-year, perf.value-is-name,
 * perf.name-desc-numbers, perf.period-value, perf.plan, perf.plan-missing, perf.copied-text,
 * perf.copied-indicators.
 */
export function lintPerformance(input: PerfInput, part: 'all' | 'withoutBudget' = 'all'): Finding[] {
  const out = new FindingList();
  const projects = projectOwners(input);
  const directions = directionOwners(input);
  const owners = [...projects, ...directions];

  if (part === 'all') lintBudgetLinks(input, out);
  checkDirectionSums(input, out);
  checkDirectionSpecials(input, out);
  checkDuplicateNames(input, out);
  checkProjectFunds(projects, input, out);
  checkStatedTotals(projects, input, out);
  checkPlans(projects, input, out);
  checkMissingText(projects, input, out);
  checkTree(owners, out);
  checkCoverage(owners, out);
  checkCosts(owners, input, out);
  checkUnitCosts(projects, input, out);
  checkIndicatorValues(owners, input, out);
  checkCopiedGoals(projects, input, out);
  checkCopiedIndicators(projects, out);
  return out.items;
}

/** Rules that read the budget totals (input.budget): run on their own when only the budget changed. */
export const BUDGET_LINKED_RULES = ['perf.dept-total', 'perf.dept-budget', 'perf.special-sum', 'perf.projects-sum'] as const;

/** The 部门整体 and 专项/项目 totals against each other and against the budget totals. */
export function lintBudgetLinks(input: PerfInput, out: FindingList = new FindingList()): Finding[] {
  checkDeptTotals(input, out);
  checkProjectTotals(input, out);
  return out.items;
}

const ORDER: Record<Severity, number> = { error: 0, warning: 1, hint: 2 };

/** Errors first, then warnings, then hints; within a severity in the order the rules found them. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => ORDER[a.f.severity] - ORDER[b.f.severity] || a.i - b.i)
    .map(({ f }) => f);
}

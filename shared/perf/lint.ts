import { FindingList, type Finding, type FindingInput, type Severity } from './findings.js';
import { directionOwners, projectOwners, type IndicatorItem, type Owner, type PerfInput } from './owners.js';
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
export function lintPerformance(input: PerfInput, part: 'all' | 'withoutBudget' = 'all', cache?: OwnerLintCache): Finding[] {
  const out = new FindingList();
  const projects = projectOwners(input);
  const directions = directionOwners(input);
  const owners = [...projects, ...directions];
  const byOwner = owners.map((o) => cache?.findings(o, input) ?? ownerFindings(o, input));

  if (part === 'all') lintBudgetLinks(input, out);
  checkDirectionSums(input, out);
  checkDirectionSpecials(input, out);
  checkDuplicateNames(input, out);
  OWNER_STEPS.forEach((step, i) => {
    for (const found of byOwner) for (const f of found[i]!) out.add(f);
    // The 专项 and 支出方向 rows' own texts, after the projects' (as the rule reads them).
    if (step.check === checkMissingText) checkMissingText([], input, out);
  });
  checkCopiedGoals(projects, input, out);
  checkCopiedIndicators(projects, out);
  return out.items;
}

/**
 * The rules that read one owner (a project or a 支出方向) and its indicators only, in the order the review
 * runs them; `projects` rules pass over 支出方向. Their findings depend on that owner alone, so they can be
 * kept per owner between runs (OwnerLintCache).
 */
const OWNER_STEPS: { check: (owners: Owner[], input: PerfInput, out: FindingList) => void; projects: boolean }[] = [
  { check: checkProjectFunds, projects: true },
  { check: checkStatedTotals, projects: true },
  { check: checkPlans, projects: true },
  { check: checkMissingText, projects: true },
  { check: (owners, _input, out) => checkTree(owners, out), projects: false },
  { check: (owners, _input, out) => checkCoverage(owners, out), projects: false },
  { check: checkCosts, projects: false },
  { check: checkUnitCosts, projects: true },
  { check: checkIndicatorValues, projects: false },
];

/** One owner's findings of each OWNER_STEPS rule (without ids: the whole review numbers them). */
function ownerFindings(owner: Owner, input: PerfInput): FindingInput[][] {
  // Only the owner: table rows (专项, 支出方向) are read by the whole-table rules.
  const alone: PerfInput = { ...input, rows: {} };
  return OWNER_STEPS.map((step) => {
    if (step.projects && owner.type !== 'project') return [];
    const out = new FindingList();
    step.check([owner], alone, out);
    return out.items.map(({ id: _id, table: _table, ...f }) => f);
  });
}

/**
 * Each owner's findings, kept until the owner's row, its indicator rows (by object: the core keeps the
 * objects of unchanged rows), the year or the unit change. After one edit only the edited owner is
 * reviewed again; the rules across owners (copies, duplicate names, 专项 sums) always run.
 */
export class OwnerLintCache {
  private readonly kept = new Map<string, { key: string; indicators: readonly IndicatorItem[]; findings: FindingInput[][] }>();

  /** Stored cells as text, per cells object (a row that follows no budget project keeps its object). */
  private readonly cellsText = new WeakMap<object, string>();

  findings(owner: Owner, input: PerfInput): FindingInput[][] {
    let cells = this.cellsText.get(owner.cells);
    if (cells === undefined) this.cellsText.set(owner.cells, (cells = JSON.stringify(owner.cells)));
    const key = `${input.year}|${input.moneyUnit}|${owner.type}|${owner.where}|${cells}`;
    const id = `${owner.store}:${owner.row}`;
    const hit = this.kept.get(id);
    if (hit && hit.key === key && hit.indicators.length === owner.indicators.length && hit.indicators.every((item, i) => item === owner.indicators[i])) return hit.findings;
    const findings = ownerFindings(owner, input);
    this.kept.set(id, { key, indicators: owner.indicators, findings });
    return findings;
  }
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

import { Dec, parseNumberText, sumValues } from '../../money/decimal.js';
import { PERF_TABLES, deptRowKey } from '../binding.js';
import { moneyText, roundedMoneyText, type FindingList } from '../findings.js';
import { canonicalUnit, squeezeText } from '../indicator.js';
import { cellText, itemWhere, moneyCell, rowsOf, type Owner, type PerfInput } from '../owners.js';

/**
 * Amounts that must tie (DOMAIN §5, §6 rule 10): 资金总额 = 基本 + 项目, the 专项 and the projects add up
 * to 项目支出, a project's 财政资金 + 其他资金 = 预算数, 成本 indicators within the budget.
 */

const deptFields = [
  { field: 'totalAmount', label: '资金总额', budget: 'total' },
  { field: 'basicAmount', label: '基本支出', budget: 'basic' },
  { field: 'projectAmount', label: '项目支出', budget: 'project' },
] as const;

function deptAmount(input: PerfInput, field: string): Dec | null {
  const row = rowsOf(input, PERF_TABLES.dept).find((r) => r.id === deptRowKey(field));
  return row ? moneyCell(row.cells, 'amount') : null;
}

export function checkDeptTotals(input: PerfInput, out: FindingList): void {
  const unit = input.moneyUnit;
  const [total, basic, project] = deptFields.map((f) => deptAmount(input, f.field));
  if (total && basic && project && !total.eq(basic.plus(project))) {
    out.add({
      rule: 'perf.dept-total',
      severity: 'error',
      store: PERF_TABLES.dept,
      row: deptRowKey('totalAmount'),
      column: 'amount',
      where: '部门整体 › 资金总额',
      message: `资金总额 ${moneyText(total, unit)} 不等于基本支出 ${moneyText(basic, unit)} 与项目支出 ${moneyText(project, unit)} 之和（${moneyText(basic.plus(project), unit)}）。请核对三项金额，使资金总额 = 基本支出 + 项目支出。`,
    });
  }
  if (!input.budget) return;
  for (const f of deptFields) {
    const entered = deptAmount(input, f.field);
    const fact = input.budget[f.budget];
    if (entered && !entered.eq(fact)) {
      out.add({
        rule: 'perf.dept-budget',
        severity: 'error',
        store: PERF_TABLES.dept,
        row: deptRowKey(f.field),
        column: 'amount',
        where: `部门整体 › ${f.label}`,
        message: `部门整体绩效目标中的${f.label} ${moneyText(entered, unit)} 与预算数据中的${f.label} ${moneyText(fact, unit)} 不一致。请改为 ${moneyText(fact, unit)}，或先核对预算数据。`,
      });
    }
  }
}

/** 项目支出 to compare totals with: the budget data's when present, else what the 部门整体 table says. */
function projectReference(input: PerfInput): { value: Dec; source: string } | null {
  if (input.budget) return { value: input.budget.project, source: '预算数据中' };
  const entered = deptAmount(input, 'projectAmount');
  return entered ? { value: entered, source: '部门整体支出绩效目标表中' } : null;
}

/** Both the 专项 list and the project tables must add up to the department's 项目支出. */
const projectSumChecks = [
  {
    rule: 'perf.special-sum',
    store: PERF_TABLES.special,
    where: '专项资金 › 合计',
    what: '各专项资金总额合计',
    fix: '请核对专项资金汇总表各行的资金总额，或部门整体的项目支出。',
  },
  {
    rule: 'perf.projects-sum',
    store: PERF_TABLES.projects,
    where: '项目 › 合计',
    what: '各项目绩效目标表的预算数合计',
    fix: '请补齐或核对项目，使两者一致。',
  },
] as const;

export function checkProjectTotals(input: PerfInput, out: FindingList): void {
  const ref = projectReference(input);
  if (!ref) return;
  const unit = input.moneyUnit;
  for (const check of projectSumChecks) {
    const rows = rowsOf(input, check.store);
    if (!rows.some((r) => moneyCell(r.cells, 'amount') !== null)) continue;
    const sum = sumValues(rows.map((r) => r.cells.amount));
    if (sum.eq(ref.value)) continue;
    out.add({
      rule: check.rule,
      severity: 'error',
      store: check.store,
      row: null,
      column: 'amount',
      where: check.where,
      message: `${check.what} ${moneyText(sum, unit)}，与${ref.source}的项目支出 ${moneyText(ref.value, unit)} 不一致（相差 ${moneyText(sum.minus(ref.value).abs(), unit)}）。${check.fix}`,
    });
  }
}

export function checkProjectFunds(owners: Owner[], input: PerfInput, out: FindingList): void {
  for (const o of owners) {
    if (o.type !== 'project' || o.amount === null || (o.fiscal === null && o.other === null)) continue;
    const parts = (o.fiscal ?? new Dec(0)).plus(o.other ?? new Dec(0));
    if (!parts.eq(o.amount)) {
      out.add({
        rule: 'perf.project-funds',
        severity: 'error',
        store: o.store,
        row: o.row,
        column: 'amount',
        where: o.where,
        message: `${o.where}的预算数 ${moneyText(o.amount, input.moneyUnit)} 不等于财政资金与其他资金之和 ${moneyText(parts, input.moneyUnit)}。请核对这三个金额。`,
      });
    }
  }
}

/** A 成本 figure as a total in 元: "100万元", "200" (in the workbook's unit); per-unit costs (元/人) are not totals. */
function costTotal(value: string, unit: string, input: PerfInput): Dec | null {
  const u = canonicalUnit(unit);
  if (u !== '' && u !== '元' && u !== '万元') return null;
  const parsed = parseNumberText(`${value}${u}`, { money: true, unit: input.moneyUnit });
  return parsed.ok && parsed.value !== null ? new Dec(parsed.value) : null;
}

/** Named after the fiscal input (区级财政投入, 财政补贴资金): the figure is the project's 财政资金 itself. */
const FISCAL_INPUT = /财政/;

export function checkCosts(owners: Owner[], input: PerfInput, out: FindingList): void {
  const unit = input.moneyUnit;
  for (const o of owners) {
    if (o.amount === null) continue;
    for (const item of o.indicators) {
      if (item.kind !== '成本' || item.parsed.kind !== 'number') continue;
      const total = costTotal(item.parsed.value!, item.parsed.unit ?? '', input);
      if (total === null) continue;
      const where = itemWhere(o, item);
      if (total.gt(o.amount)) {
        out.add({
          rule: 'perf.cost-budget',
          severity: 'error',
          store: item.store,
          row: item.row,
          column: item.column ?? 'value',
          where,
          owner: o.row,
          message: `${where}为 ${moneyText(total, unit)}，超过了${o.type === 'project' ? '项目预算数' : '支出方向年度金额'} ${moneyText(o.amount, unit)}。成本指标不能超过预算，请核对指标值或预算数。`,
        });
        continue;
      }
      const fiscal = o.fiscal ?? o.amount;
      if (o.type === 'project' && FISCAL_INPUT.test(item.name) && !total.eq(fiscal)) {
        out.add({
          rule: 'perf.cost-budget',
          severity: 'warning',
          store: item.store,
          row: item.row,
          column: 'value',
          where,
          owner: o.row,
          message: `${where}为 ${moneyText(total, unit)}，与本项目的财政资金 ${moneyText(fiscal, unit)} 不一致。财政投入应等于安排的财政资金，请核对。`,
        });
      }
    }
  }
}

/** 3-2 rows of one 专项 may not add up to more than the 专项's 资金总额 (which may include 上级资金). */
export function checkDirectionSums(input: PerfInput, out: FindingList): void {
  const unit = input.moneyUnit;
  const sums = new Map<string, Dec>();
  for (const r of rowsOf(input, PERF_TABLES.directions)) {
    const name = cellText(r.cells, 'fundName');
    const amount = moneyCell(r.cells, 'amount');
    if (name && amount) sums.set(name, (sums.get(name) ?? new Dec(0)).plus(amount));
  }
  for (const r of rowsOf(input, PERF_TABLES.special)) {
    const name = cellText(r.cells, 'name');
    const amount = moneyCell(r.cells, 'amount');
    const sum = sums.get(name);
    if (amount && sum && sum.gt(amount)) {
      out.add({
        rule: 'perf.direction-sum',
        severity: 'error',
        store: PERF_TABLES.special,
        row: r.id,
        column: 'amount',
        where: `专项“${name}”`,
        message: `专项“${name}”各支出方向的年度金额合计 ${moneyText(sum, unit)}，超过了该专项的资金总额 ${moneyText(amount, unit)}。请核对支出方向表或专项资金汇总表。`,
      });
    }
  }
}

/** "共需资金20万元", "预计160万元": a total stated in the text must be the 预算数. */
const STATED_TOTAL = /(?:共需资金|所需资金|需资金|共需|预算金额|预算资金|预计)\s*(\d+(?:\.\d+)?)\s*(万元|元)/g;

export function checkStatedTotals(owners: Owner[], input: PerfInput, out: FindingList): void {
  for (const o of owners) {
    if (o.type !== 'project' || o.amount === null) continue;
    for (const column of ['purpose', 'goal']) {
      for (const m of cellText(o.cells, column).matchAll(STATED_TOTAL)) {
        const parsed = parseNumberText(`${m[1]}${m[2]}`, { money: true, unit: input.moneyUnit });
        if (!parsed.ok || parsed.value === null || new Dec(parsed.value).eq(o.amount)) continue;
        out.add({
          rule: 'perf.text-amount',
          severity: 'warning',
          store: o.store,
          row: o.row,
          column,
          where: o.where,
          message: `${o.where}的${column === 'goal' ? '绩效目标' : '资金用途'}写明“${m[0]}”，与预算数 ${moneyText(o.amount, input.moneyUnit)} 不一致。请改正文字中的金额或预算数。`,
        });
      }
    }
  }
}

/** Rounding of the per-unit figure (2 decimals) may move the product this much, not more. */
const UNIT_COST_TOLERANCE = new Dec('0.01');

/** “27000人每人153元” in a goal: a count and what each gets, which multiply out to the project's cost. */
const STATED_UNIT_COST = /(\d+(?:\.\d+)?)\s*(人|户|名|个)[^，。；\d]{0,8}?每\2\s*(\d+(?:\.\d+)?)\s*(万元|元)/u;

/** 生均控制成本 191.85元/人 × 受益学生人数 1620人 is the project's cost: it must come to the 预算数. */
export function checkUnitCosts(owners: Owner[], input: PerfInput, out: FindingList): void {
  const unit = input.moneyUnit;
  for (const o of owners) {
    if (o.type !== 'project' || o.amount === null || o.amount.isZero()) continue;
    const stated = STATED_UNIT_COST.exec(squeezeText(o.cells.goal ?? ''));
    const each = stated ? parseNumberText(`${stated[3]}${stated[4]}`, { money: true, unit }) : null;
    if (stated && each?.ok && each.value !== null) {
      const product = new Dec(each.value).mul(stated[1]!);
      if (product.minus(o.amount).abs().gt(o.amount.mul(UNIT_COST_TOLERANCE))) {
        out.add({
          rule: 'perf.unit-cost',
          severity: 'warning',
          store: o.store,
          row: o.row,
          column: 'goal',
          where: o.where,
          owner: o.row,
          message: `${o.where}的绩效目标写明${stated[1]}${stated[2]}、每${stated[2]}${stated[3]}${stated[4]}，合计 ${roundedMoneyText(product, unit)}，与预算数 ${moneyText(o.amount, unit)} 不一致。请核对人数、标准或预算数。`,
        });
      }
    }
    for (const item of o.indicators) {
      // A ceiling (≤550元/人/天) bounds the cost; only a stated unit cost multiplies out to the budget.
      if (item.kind !== '成本' || item.parsed.kind !== 'number' || item.parsed.op !== '=') continue;
      const per = /^(万元|元)\/([^/]+)$/.exec(canonicalUnit(item.parsed.unit));
      if (!per) continue;
      const counts = o.indicators.filter((i) => i !== item && i.parsed.kind === 'number' && i.parsed.op === '=' && canonicalUnit(i.parsed.unit) === per[2]);
      if (counts.length !== 1) continue;
      const each = parseNumberText(`${item.parsed.value}${per[1]}`, { money: true, unit });
      if (!each.ok || each.value === null) continue;
      const count = counts[0]!;
      const product = new Dec(each.value).mul(count.parsed.value!);
      if (product.minus(o.amount).abs().lte(o.amount.mul(UNIT_COST_TOLERANCE))) continue;
      const where = itemWhere(o, item);
      out.add({
        rule: 'perf.unit-cost',
        severity: 'warning',
        store: item.store,
        row: item.row,
        column: 'value',
        where,
        owner: o.row,
        message: `${where}：${item.valueText} × ${count.name || '数量'} ${count.valueText} = ${roundedMoneyText(product, unit)}，与预算数 ${moneyText(o.amount, unit)} 不一致。请核对单位成本、数量或预算数。`,
      });
    }
  }
}

import { canonical, Dec, toUnit } from '../../money/decimal.js';
import type { CheckContext } from '../context.js';
import { resolve, type Resolved } from '../operands.js';
import type { CheckDef, Rule } from '../rule.js';
import type { MoneyUnit } from '../../tables/schema.js';
import { amountWithUnit, displayStep, shownAmount, type FindingInput, type FindingSink } from '../sink.js';

type Relation = '=' | '<=' | '>=';

/** Whether `left relation right` fails by more than the rule's tolerance (a quick test before any wording). */
export function fails(rule: Rule, left: Dec, right: Dec, relation: Relation = '='): boolean {
  const diff = left.minus(right);
  const excess = relation === '=' ? diff.abs() : relation === '<=' ? diff : diff.neg();
  return excess.gt(rule.tolerance ?? 0);
}

/**
 * Reports `left relation right` when it fails by more than the rule's tolerance. A difference no larger
 * than what the printed figures can hide (0.01 of the display unit per figure) is a 提示 that says so.
 */
export function reportComparison(rule: Rule, unit: MoneyUnit, add: (f: FindingInput) => void, at: string, l: Resolved, r: Resolved, relation: Relation = '='): void {
  if (!fails(rule, l.value, r.value, relation)) return;
  const diff = l.value.minus(r.value);
  const excess = relation === '=' ? diff.abs() : relation === '<=' ? diff : diff.neg();
  const cells = [...l.cells, ...r.cells];
  const base = { at, cells, expected: amountWithUnit(r.value, unit), actual: amountWithUnit(l.value, unit) };
  const rounding = displayStep(unit).times(Math.max(1, l.figures + r.figures));
  if (excess.lte(rounding)) {
    const exact = `${canonical(toUnit(diff.abs(), unit))} ${unit}`;
    add({
      ...base,
      severity: '提示',
      difference: exact,
      message: `${l.label} ${shownAmount(l.value, unit)} 与${r.label} ${shownAmount(r.value, unit)} 精确值相差 ${exact}，在两位小数的显示精度之内（尾差），不是错误；数字未作调整。`,
    });
    return;
  }
  const difference = amountWithUnit(diff.abs(), unit);
  const sign = relation === '=' ? '≠' : relation === '<=' ? '大于' : '小于';
  const word = relation === '=' ? '相差' : '超出';
  add({
    ...base,
    difference,
    message: `${l.label} ${shownAmount(l.value, unit)} ${sign} ${r.label} ${shownAmount(r.value, unit)}，${word} ${difference}。${rule.description}`,
  });
}

export function compare(rule: Rule, check: Extract<CheckDef, { kind: 'compare' }>, ctx: CheckContext, out: FindingSink): void {
  const l = resolve(check.left, ctx);
  const r = resolve(check.right, ctx);
  if (!l || !r) return;
  reportComparison(rule, ctx.meta.moneyUnit, (f) => out.add(f), l.cells[0] ? `${l.cells[0].table}:${l.cells[0].row ?? ''}` : 'all', l, r, check.relation);
}

/** This year's figure above last year's: a 需说明 finding until the reason is written down. */
export function yoyRise(rule: Rule, check: Extract<CheckDef, { kind: 'yoyRise' }>, ctx: CheckContext, out: FindingSink): void {
  const now = resolve(check.current, ctx);
  const before = resolve(check.previous, ctx);
  if (!now || !before || !now.value.gt(before.value)) return;
  const unit = ctx.meta.moneyUnit;
  const rise = now.value.minus(before.value);
  out.add({
    at: 'all',
    cells: now.cells,
    expected: `不高于上年 ${amountWithUnit(before.value, unit)}`,
    actual: amountWithUnit(now.value, unit),
    difference: amountWithUnit(rise, unit),
    message: `${now.label} ${shownAmount(now.value, unit)} 比上年 ${shownAmount(before.value, unit)} 增加 ${amountWithUnit(rise, unit)}。${rule.description}`,
  });
}

import { Dec } from '../../money/decimal.js';
import { FACT_TABLES } from '../../derive/model.js';
import type { CheckContext } from '../context.js';
import type { CheckDef, Rule } from '../rule.js';
import { amountWithUnit, shownAmount, type FindingSink } from '../sink.js';

/**
 * Each 功能分类 项 of the table whose amount moved by more than `share` of last year's 预算数, unless a line
 * or project under it carries a note (the stated reason). Without any 上年数 in the workbook it says nothing.
 */
export function yoyChange(rule: Rule, check: Extract<CheckDef, { kind: 'yoyChange' }>, ctx: CheckContext, out: FindingSink): void {
  const layout = ctx.byRole(check.table);
  if (!layout) return;
  const col = (Array.isArray(check.col) ? check.col : [check.col]).find((c) => layout.table.columns.some((x) => x.key === c));
  if (!col || ctx.sum({ measure: 'expense' }, true).isZero()) return;
  const share = new Dec(check.share);
  const reasons = new Set<string>();
  for (const store of [FACT_TABLES.lines, FACT_TABLES.projects]) {
    for (const r of ctx.rows(store)) if ((r.cells.note ?? '').trim() !== '' && r.cells.funcCode) reasons.add(r.cells.funcCode);
  }
  const unit = ctx.meta.moneyUnit;
  for (const row of layout.table.rows) {
    if (!/^\d{7}$/.test(row.key) || reasons.has(row.key)) continue;
    const now = new Dec(row.cells[col]?.value ?? 0);
    const before = ctx.sum({ measure: 'expense', filter: { funcCode: row.key } }, true);
    if (before.isZero()) continue;
    const change = now.minus(before);
    if (change.abs().div(before).lte(share)) continue;
    const pct = change.abs().div(before).times(100).toFixed(1);
    const name = row.cells.name?.text ?? row.key;
    out.add({
      at: row.key,
      cells: [{ table: layout.def.id, row: row.key, column: col }],
      expected: `变动不超过上年的 ${share.times(100).toFixed(0)}%，或说明原因`,
      actual: `${amountWithUnit(now, unit)}（上年 ${amountWithUnit(before, unit)}）`,
      difference: `${change.isNegative() ? '减少' : '增加'} ${amountWithUnit(change.abs(), unit)}（${pct}%）`,
      message: `${row.key} ${name} ${shownAmount(now, unit)} 比上年 ${shownAmount(before, unit)} ${change.isNegative() ? '减少' : '增加'} ${pct}%，没有说明原因。${rule.description}`,
    });
  }
}

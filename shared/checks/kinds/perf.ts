import { deptRowKey } from '../../perf/binding.js';
import type { Finding as PerfFinding } from '../../perf/findings.js';
import { fieldCells } from '../../print/form.js';
import type { CheckContext } from '../context.js';
import type { CheckDef, FindingCell, Severity } from '../rule.js';
import type { FindingSink } from '../sink.js';

const SEVERITY: Record<PerfFinding['severity'], Severity> = { error: '错误', warning: '需说明', hint: '提示' };
const GOAL_LABELS: Record<string, string> = { goal: '绩效目标', goalPeriod: '实施期绩效目标', goalYear: '年度绩效目标' };

const squeeze = (t: string) => t.replace(/\s+/g, '');

/**
 * Where a 绩效 finding is marked. The lint names the stored cell (store, row, column); a repeated form
 * (a project's 绩效目标表) and a form's list show those ids as they are, but a single form (部门整体) shows
 * its stored cells as fields: the finding marks the field there, and names the entry table's cell after it
 * (另见), where the clerk types the value.
 */
function placesOf(ctx: CheckContext, f: PerfFinding): FindingCell[] {
  const here: FindingCell = { table: f.table, row: f.row, column: f.column };
  const def = ctx.set.tables.find((t) => t.id === f.table);
  if (def?.body.kind !== 'form' || def.body.repeatFor !== undefined || def.store !== f.store || f.row === null) return [here];
  const field = fieldCells(def.body).find((c) => deptRowKey(c.field) === f.row)?.field;
  return field === undefined ? [here] : [{ table: f.table, row: null, column: field }, { table: f.store, row: f.row, column: f.column }];
}

/**
 * The 绩效 lint's findings of one rule. A copied goal text is one fact however many places share it:
 * the lint reports each place, the check reports the text once, naming every place.
 */
export function perf(_rule: unknown, check: Extract<CheckDef, { kind: 'perf' }>, ctx: CheckContext, out: FindingSink): void {
  const mine = ctx.perf().filter((f) => f.rule === check.rule);
  if (check.rule !== 'perf.copied-text') {
    for (const f of mine) {
      out.add({ at: f.id.slice(f.rule.length + 1), severity: SEVERITY[f.severity], message: f.message, cells: placesOf(ctx, f) });
    }
    return;
  }
  const groups = new Map<string, PerfFinding[]>();
  for (const f of mine) {
    const text = squeeze(ctx.rows(f.store).find((r) => r.id === f.row)?.cells[f.column ?? ''] ?? '');
    const key = `${f.store}\u0000${f.column ?? ''}\u0000${text}`;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  for (const group of groups.values()) {
    const first = group[0]!;
    const wheres = [...new Set(group.map((f) => f.where))];
    const what = GOAL_LABELS[first.column ?? ''] ?? '目标';
    out.add({
      at: first.id.slice(first.rule.length + 1),
      severity: SEVERITY[first.severity],
      cells: group.flatMap((f) => placesOf(ctx, f)),
      message: `${wheres.join('、')}的${what}完全相同（共 ${group.length} 处），可能是照搬。请按各自的实际内容填写。`,
    });
  }
}

import { Dec, parseNumberText } from '../../money/decimal.js';
import type { FindingList } from '../findings.js';
import { cellText, type Owner, type PerfInput } from '../owners.js';

/** 资金支出计划 is cumulative: each point at least the one before, the last one 100%. */

const HUNDRED = new Dec(100);

function percent(text: string, input: PerfInput): Dec | null | 'bad' {
  const t = text.replace(/[%％]\s*$/, '');
  if (t === '') return null;
  const parsed = parseNumberText(t, { money: false, unit: input.moneyUnit });
  return parsed.ok && parsed.value !== null ? new Dec(parsed.value) : 'bad';
}

export function checkPlans(owners: Owner[], input: PerfInput, out: FindingList): void {
  for (const o of owners) {
    if (o.type !== 'project') continue;
    const points = [1, 2, 3, 4].map((i) => ({ label: cellText(o.cells, `planLabel${i}`) || `第${i}期`, text: cellText(o.cells, `plan${i}`), column: `plan${i}` }));
    const base = { store: o.store, row: o.row, where: `${o.where} › 资金支出计划` } as const;
    const filled = points.map((p) => ({ ...p, value: percent(p.text, input) })).filter((p) => p.value !== null);
    if (filled.length === 0) {
      out.add({ ...base, rule: 'perf.plan-missing', severity: 'warning', column: 'plan1', message: `${o.where}没有填写资金支出计划。请按时点填写累计支出进度，最后一期为100%。` });
      continue;
    }
    const bad = filled.find((p) => p.value === 'bad');
    if (bad) {
      out.add({ ...base, rule: 'perf.plan', severity: 'error', column: bad.column, message: `${o.where}资金支出计划中${bad.label}的“${bad.text}”不是百分比。请填写数字，如“50%”。` });
      continue;
    }
    const values = filled as { label: string; text: string; column: string; value: Dec }[];
    const drop = values.findIndex((p, i) => i > 0 && p.value.lt(values[i - 1]!.value));
    const last = values[values.length - 1]!;
    const over = values.find((p) => p.value.gt(HUNDRED));
    if (drop < 0 && !over && last.value.eq(HUNDRED)) continue;
    const shown = points.map((p) => `${p.label}${p.text === '' ? '未填' : /%$/.test(p.text) ? p.text : `${p.text}%`}`).join('、');
    const problem =
      drop >= 0
        ? `${values[drop]!.label}比${values[drop - 1]!.label}还低`
        : over
          ? `${over.label}超过了100%`
          : `到${last.label}只有${last.text.replace(/%$/, '')}%`;
    out.add({
      ...base,
      rule: 'perf.plan',
      severity: 'error',
      column: (drop >= 0 ? values[drop]! : over ?? last).column,
      message: `${o.where}的资金支出计划是累计进度，应逐期不减并在最后一期达到100%；现为${shown}，${problem}。请改正。`,
    });
  }
}

import { PERF_TABLES } from '../binding.js';
import type { FindingList } from '../findings.js';
import { cellText, rowsOf, type PerfInput } from '../owners.js';

/** 附件3-2 against 附件3-1: every 支出方向 belongs to a 专项 listed in 3-1, within the 专项's 实施期. */
export function checkDirectionSpecials(input: PerfInput, out: FindingList): void {
  const names = new Set(rowsOf(input, PERF_TABLES.special).map((r) => cellText(r.cells, 'name')).filter(Boolean));
  const directions = rowsOf(input, PERF_TABLES.directions);
  directions.forEach((r, i) => {
    const special = cellText(r.cells, 'fundName');
    const direction = cellText(r.cells, 'direction');
    const where = `支出方向“${direction || `第${i + 1}行`}”`;
    if (names.size > 0 && special !== '' && !names.has(special)) {
      const swapped = names.has(direction);
      out.add({
        rule: 'perf.direction-special',
        severity: 'warning',
        store: PERF_TABLES.directions,
        row: r.id,
        column: 'fundName',
        where,
        message: swapped
          ? `所属专项名称“${special}”不在专项资金汇总表中，而本行的支出方向“${direction}”正是汇总表中的专项名称：两列可能填反了。请交换“支出方向”和“所属专项名称”。`
          : `所属专项名称“${special}”不在专项资金汇总表中。请填写汇总表中的专项名称，或在汇总表中补上该专项。`,
      });
    }
    const years = [...cellText(r.cells, 'period').matchAll(/(?:19|20)\d{2}/g)].map((m) => Number(m[0]));
    if (years.length > 0 && (Math.max(...years) < input.year || Math.min(...years) > input.year)) {
      out.add({
        rule: 'perf.period',
        severity: 'warning',
        store: PERF_TABLES.directions,
        row: r.id,
        column: 'period',
        where,
        message: `专项实施期“${cellText(r.cells, 'period')}”不包括预算年度${input.year}年。请核对实施期，或确认该专项本年是否还应申报。`,
      });
    }
  });
}

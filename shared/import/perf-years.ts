import { indicatorCells, parseIndicatorValue } from '../perf/indicator.js';
import type { ImportedIndicator } from './perf-indicators.js';
import type { ImportedPerformance } from './perf.js';
import { shiftYears, type KeptReason } from './years.js';

/**
 * Last year's 绩效目标 carried into the new budget year: every text a clerk would otherwise retype moves its
 * budget year forward (goals, 资金用途, indicator names, descriptions and values: 完成时限 2023年12月31日 →
 * 2024年12月31日), by the rules of years.ts. 实施期 fields (专项实施期, a project's 实施期) describe the
 * 专项's whole period and stay as written. Each change and each year deliberately kept is listed with
 * where it is, for the import report.
 */

export interface PerfYearNote {
  /** '专项“值班工作经费”年度绩效目标', '项目“完成时限”指标值' … */
  where: string;
  from: string;
  to?: string;
  /** Set when the year was kept: why. */
  reason?: KeptReason | '实施期';
}

/** Amounts, codes, 序号 and the spending plan hold no budget year. */
const UNTOUCHED = /amount$|^code$|^seq$|^plan/i;

/** Fields that name the 实施期 itself. */
const PERIOD_FIELDS = new Set(['period']);

const FIELD_NAMES: Record<string, string> = {
  name: '名称',
  direction: '支出方向',
  fundName: '所属专项名称',
  goalPeriod: '实施期绩效目标',
  goalYear: '年度绩效目标',
  goal: '绩效目标',
  purpose: '资金用途',
  overallGoal: '整体绩效目标',
  outputIndicators: '产出指标',
  benefitIndicators: '效益指标',
  measures: '工作保障措施',
  indicator: '绩效指标',
  desc: '指标描述',
  value: '指标值',
  basis: '指标值确定依据',
  period: '实施期',
};

export function shiftPerformance(perf: ImportedPerformance, fromYear: number, toYear: number): { perf: ImportedPerformance; notes: PerfYearNote[] } {
  const notes: PerfYearNote[] = [];
  const text = (where: string, field: string, value: string): string => {
    const label = `${where}${FIELD_NAMES[field] ?? field}`;
    if (PERIOD_FIELDS.has(field)) {
      if (value !== '' && shiftYears(value, fromYear, toYear).changes.length > 0) notes.push({ where: label, from: value, reason: '实施期' });
      return value;
    }
    const r = shiftYears(value, fromYear, toYear);
    if (r.changes.length > 0) notes.push({ where: label, from: value, to: r.text });
    for (const k of r.kept) notes.push({ where: label, from: value, reason: k.reason });
    return r.text;
  };
  const cells = (where: string, row: Record<string, string>): Record<string, string> =>
    Object.fromEntries(Object.entries(row).map(([k, v]) => [k, UNTOUCHED.test(k) ? v : text(where, k, v)]));
  const indicator = (where: string, ind: ImportedIndicator): ImportedIndicator => {
    const at = `${where}指标“${ind.name}”`;
    const original = text(at, 'value', ind.original);
    // The value's parts follow the moved text, so a date indicator stays a date of the new year.
    const parts = original === ind.original ? {} : indicatorCells(parseIndicatorValue(original));
    return { ...ind, name: text(at, 'name', ind.name), desc: text(at, 'desc', ind.desc), basis: text(at, 'basis', ind.basis), ...parts, original };
  };
  const out: ImportedPerformance = {
    ...perf,
    specialFunds: perf.specialFunds.map((r) => cells(`专项“${r.name ?? ''}”`, r)),
    directions: perf.directions.map((d) => {
      const where = `支出方向“${d.cells.direction ?? ''}”（${d.cells.fundName ?? ''}）`;
      return { cells: cells(where, d.cells), indicators: d.indicators.map((i) => indicator(where, i)) };
    }),
    departmentGoal: perf.departmentGoal && cells('部门整体', perf.departmentGoal),
    departmentSubGoals: perf.departmentSubGoals.map((g, i) => cells(`部门整体分项目标（${i + 1}）`, g)),
    projects: perf.projects.map((p) => {
      const where = `项目“${p.cells.name ?? ''}”`;
      return { ...p, cells: cells(where, p.cells), indicators: p.indicators.map((i) => indicator(where, i)) };
    }),
  };
  return { perf: out, notes };
}

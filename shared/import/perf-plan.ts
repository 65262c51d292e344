import { formFieldTarget, PERF_TABLES } from '../perf/binding.js';
import type { TableDef, TableSet } from '../tables/schema.js';
import type { RowCells } from '../workbook/types.js';
import type { ImportedIndicator } from './perf-indicators.js';
import type { ImportedPerformance } from './perf.js';
import { shiftYears } from './years.js';

/**
 * The 绩效 part of an import (shared/import/perf.ts reads it) placed into the workbook's 绩效 stores, and,
 * for the year after the file's, moved into the new year: years that denote the budget year move forward
 * (shared/import/years.ts), last year's amounts are cleared unless kept as a draft.
 */

export interface PlanCell {
  tableId: string;
  rowId: string;
  col: string;
  text: string;
}

export interface PerfPlan {
  rows: Record<string, RowCells[]>;
  cells: PlanCell[];
  /** Indicator rows of the project at this index of rows['perf-projects'] (their owner is that row's id). */
  indicators: { project: number; rows: RowCells[] }[];
  /** What was moved or kept, for the report: place, original, what it became / why. */
  years: { place: string; text: string; note: string }[];
  clearedAmounts: number;
}

const MONEY_FIELDS = new Set(['amount', 'fiscalAmount', 'otherAmount', 'totalAmount', 'basicAmount', 'projectAmount']);

const compact = (cells: Record<string, string | undefined>): RowCells => Object.fromEntries(Object.entries(cells).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ''));

function indicatorRow(i: ImportedIndicator): RowCells {
  return compact({ level1: i.level1, level2: i.level2, name: i.name, desc: i.desc, op: i.op, prefix: i.prefix, value: i.value, unit: i.unit, basis: i.basis, original: i.original, weight: i.weight, direction: i.direction, periodValue: i.periodValue });
}

/** A year move of 绩效 records: from the file's year to the workbook's. */
export interface YearShift {
  from: number;
  to: number;
}

/**
 * One 绩效 record moved into the new year (the same rules for a .docx, an .xlsx and a workbook): texts that
 * name the budget year move forward, 实施期 (`period`) is kept, amounts are cleared unless kept as a draft.
 * What moved or was kept goes to `out.years`, each cleared amount counts in `out.clearedAmounts`.
 */
export function carryRecord(cells: RowCells, place: string, shift: YearShift, keepDraft: boolean, out: Pick<PerfPlan, 'years' | 'clearedAmounts'>): RowCells {
  const next: RowCells = {};
  for (const [key, text] of Object.entries(cells)) {
    if (MONEY_FIELDS.has(key)) {
      if (keepDraft) next[key] = text;
      else out.clearedAmounts += 1;
      continue;
    }
    // 专项实施期 / 实施期 names the whole period of the 专项, not the budget year: kept as written.
    if (key === 'period') {
      next[key] = text;
      continue;
    }
    const moved = shiftYears(text, shift.from, shift.to);
    next[key] = moved.text;
    for (const c of moved.changes) out.years.push({ place, text: text.slice(Math.max(0, c.at - 10), c.at + 14), note: `${c.from} → ${c.to}` });
    for (const k of moved.kept) out.years.push({ place, text: text.slice(Math.max(0, k.at - 10), k.at + 14), note: `${k.year} 保留（${k.reason}）` });
  }
  return next;
}

export function planPerformance(perf: ImportedPerformance, set: TableSet, model: (id: string) => TableDef | undefined, shift: YearShift | null, keepDraft: boolean): PerfPlan {
  const out: PerfPlan = { rows: {}, cells: [], indicators: [], years: [], clearedAmounts: 0 };
  /** One record moved into the new year: texts shifted, amounts cleared (or kept as a draft). */
  const carry = (cells: RowCells, place: string): RowCells => (shift ? carryRecord(cells, place, shift, keepDraft, out) : cells);
  const add = (tableId: string, cells: RowCells, place: string): number => {
    const list = (out.rows[tableId] ??= []);
    list.push(carry(cells, place));
    return list.length - 1;
  };
  perf.specialFunds.forEach((r, i) => add(PERF_TABLES.special, r, `专项资金第 ${i + 1} 行`));
  perf.directions.forEach((d, i) => add(PERF_TABLES.directions, d.cells, `支出方向第 ${i + 1} 行`));
  perf.departmentSubGoals.forEach((r, i) => add(PERF_TABLES.deptGoals, r, `部门整体分项目标第 ${i + 1} 行`));
  if (perf.departmentGoal) {
    const form = set.tables.find((t) => t.store === PERF_TABLES.dept && t.body.kind === 'form');
    const fields = form ? carry(perf.departmentGoal, '部门整体支出绩效') : {};
    for (const [field, text] of Object.entries(fields)) {
      const target = form ? formFieldTarget(form, field, model) : undefined;
      if (target && text !== '') out.cells.push({ tableId: target.tableId, rowId: target.rowId, col: target.col, text });
    }
  }
  for (const p of perf.projects) {
    const name = p.cells.name ?? '';
    const index = add(PERF_TABLES.projects, p.cells, `项目“${name}”（${p.where}）`);
    const rows = p.indicators.map((ind, i) => carry(indicatorRow(ind), `项目“${name}”第 ${i + 1} 个指标`));
    if (rows.length > 0) out.indicators.push({ project: index, rows });
  }
  return out;
}

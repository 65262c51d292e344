import { PERF_TABLES } from '../../../shared/perf/binding';
import { linkColumnsOf } from '../../../shared/perf/budget-link';
import type { IndicatorStyle } from '../../../shared/perf/indicator';
import { indicatorColumnsOf } from '../../../shared/perf/indicator-columns';
import type { TableDef } from '../../../shared/tables/schema';

/** How the set's 项目 layout prints 指标值 (≥90比率 in 河北); the symbol style when it does not say. */
export function layoutStyle(layout: TableDef): IndicatorStyle {
  if (layout.body.kind !== 'form') return 'symbol';
  for (const s of layout.body.sections) if (s.kind === 'list' && s.indicatorStyle) return s.indicatorStyle;
  return 'symbol';
}

/** A new project's cells: the layout's default field texts (资金支出计划 时点 3月底…12月底). */
export function layoutDefaults(layout: TableDef): Record<string, string> {
  const out: Record<string, string> = {};
  if (layout.body.kind !== 'form') return out;
  for (const s of layout.body.sections) {
    if (s.kind !== 'cells') continue;
    for (const row of s.rows) for (const cell of row) if (cell.field && cell.defaultValue) out[cell.field] = cell.defaultValue;
  }
  return out;
}

const perfStores: readonly string[] = Object.values(PERF_TABLES);

/**
 * A 绩效 table entered as a grid, shown with the 绩效 tools (PerfTablePage): its rows live in a 绩效 model
 * table, or its definition holds indicator columns or rows that follow budget projects.
 */
export function isPerfGrid(def: TableDef): boolean {
  return def.body.kind === 'free' && (perfStores.includes(def.store ?? def.id) || linkColumnsOf(def) !== null || indicatorColumnsOf(def).length > 0);
}

import modelBudget from '../../../shared/tables/model/budget.json';
import modelPerformance from '../../../shared/tables/model/performance.json';
import { FACT_TABLES } from '../../../shared/derive/model';
import { withResolvedOptions } from '../../../shared/tables/options';
import type { TableDef } from '../../../shared/tables/schema';

export const ENTRY_GROUP = '预算数据录入';
const PERF_GROUP = '绩效数据录入';

/**
 * The model tables every workbook has (the core's registry loads and validates the same JSON), in the
 * order a clerk fills them. Labels are the short names shown in the side list. Projects' 绩效 and the
 * 专项 tables are edited through their layouts, so only the department-wide 绩效 tables are listed here.
 */
const order: { id: string; label: string; group: string }[] = [
  { id: FACT_TABLES.units, label: '预算单位', group: ENTRY_GROUP },
  { id: FACT_TABLES.income, label: '收入预算', group: ENTRY_GROUP },
  { id: FACT_TABLES.lines, label: '支出明细', group: ENTRY_GROUP },
  { id: FACT_TABLES.projects, label: '项目', group: ENTRY_GROUP },
  { id: FACT_TABLES.info, label: '基本情况', group: ENTRY_GROUP },
  // Named for what is typed in them, apart from the printed 部门整体绩效目标(表) they feed.
  { id: 'perf-dept', label: '部门整体目标与资金', group: PERF_GROUP },
  { id: 'perf-dept-goals', label: '部门整体分项目标', group: PERF_GROUP },
];

const all = [modelBudget, modelPerformance].flatMap((doc) => (doc as unknown as { tables: TableDef[] }).tables.map(withResolvedOptions));

/** The model tables with the side list's short titles, as the grid and the fixed editor take them. */
export const modelTableDefs: TableDef[] = order.flatMap(({ id, label, group }) => {
  const def = all.find((t) => t.id === id);
  return def ? [{ ...def, shortTitle: label, group }] : [];
});

export const findModelTable = (id: string | null): TableDef | null => modelTableDefs.find((t) => t.id === id) ?? null;

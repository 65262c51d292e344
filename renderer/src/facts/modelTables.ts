import modelBudget from '../../../shared/tables/model/budget.json';
import { FACT_TABLES } from '../../../shared/derive/model';
import type { TableDef } from '../../../shared/tables/schema';

/**
 * The budget model tables every workbook has (the core's registry loads and validates the same JSON), in
 * the order a clerk fills them. Labels are the short names shown in the side list.
 */
const order: { id: string; label: string }[] = [
  { id: FACT_TABLES.units, label: '预算单位' },
  { id: FACT_TABLES.income, label: '收入预算' },
  { id: FACT_TABLES.lines, label: '支出明细' },
  { id: FACT_TABLES.projects, label: '项目' },
  { id: FACT_TABLES.info, label: '基本情况' },
];

const all = (modelBudget as unknown as { tables: TableDef[] }).tables;

export const ENTRY_GROUP = '预算数据录入';

/** The model tables with the side list's short titles, as the grid and the fixed editor take them. */
export const modelTableDefs: TableDef[] = order.flatMap(({ id, label }) => {
  const def = all.find((t) => t.id === id);
  return def ? [{ ...def, shortTitle: label, group: ENTRY_GROUP }] : [];
});

export const findModelTable = (id: string | null): TableDef | null => modelTableDefs.find((t) => t.id === id) ?? null;

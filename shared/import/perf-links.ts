import { canonical, Dec } from '../money/decimal.js';
import { PERF_TABLES } from '../perf/binding.js';
import { directionName, linkColumnsOf } from '../perf/budget-link.js';
import { builtinCodeList, lookupCode } from '../reference/index.js';
import type { TableDef } from '../tables/schema.js';
import type { RowCells } from '../workbook/types.js';
import type { NamedProjects } from './facts-projects.js';
import type { ImportedPerformance } from './perf.js';

/**
 * The 绩效 rows of an import tied to the budget projects rebuilt from the same file. The projects are named
 * from the file's 绩效 tables (namedProjects); a 专项 or 支出方向 row of the same name then stores the link
 * (its project's row id, known once written: a PlanLink), and its name, 支出方向 and amount follow the
 * project, keeping only what differs from it (the app's link, shared/perf/budget-link.ts). A 项目绩效目标表
 * shares the project's 项目编码.
 */

/** Cell `col` of row `row` of `tableId` takes the id of the row at index `project` of fact-projects. */
export interface PlanLink {
  tableId: string;
  row: number;
  col: string;
  project: number;
}

const complete = (list: { name: string; amount: string }[]): boolean => list.length > 0 && list.every((p) => p.name !== '' && p.amount !== '');

/**
 * The projects the 绩效 tables name with their amounts (元): the 项目绩效目标表 first, else the 专项 list, else
 * the 支出方向 rows summed by 专项. The first complete list is taken; an incomplete one is passed on only
 * when none is complete, so its fault is reported.
 */
export function namedProjects(perf: ImportedPerformance | null): NamedProjects | undefined {
  if (!perf) return undefined;
  const byFund = new Map<string, Dec>();
  for (const d of perf.directions) {
    const name = d.cells.fundName ?? '';
    if (name === '' || d.cells.amount === undefined) continue;
    byFund.set(name, (byFund.get(name) ?? new Dec(0)).plus(d.cells.amount));
  }
  const lists: NamedProjects[] = [
    { source: '项目绩效目标表', list: perf.projects.map((p) => ({ name: p.cells.name ?? '', amount: p.cells.amount ?? '', ...(p.cells.code ? { code: p.cells.code } : {}) })) },
    { source: '专项资金绩效目标汇总表', list: perf.specialFunds.map((r) => ({ name: r.name ?? '', amount: r.amount ?? '' })) },
    {
      source: '专项资金支出方向绩效目标表',
      list: perf.directions.some((d) => !d.cells.fundName || d.cells.amount === undefined) ? perf.directions.map((d) => ({ name: d.cells.fundName ?? '', amount: d.cells.amount ?? '' })) : [...byFund].map(([name, amount]) => ({ name, amount: canonical(amount) })),
    },
  ];
  return lists.find((l) => complete(l.list)) ?? lists.find((l) => l.list.length > 0);
}

export interface BudgetProjectRef {
  code: string;
  name: string;
  funcCode: string;
  /** This year's amount in the workbook (元), '' when it starts empty. */
  amount: string;
}

/**
 * Links the plan's 专项 / 支出方向 rows (edited in place: the cells that follow the project are dropped) and
 * gives the 项目绩效目标 rows their project's 编码. `names[k]` is the file's name of projects[k].
 */
export function linkPerformance(
  rows: Record<string, RowCells[]>,
  projects: readonly BudgetProjectRef[],
  names: readonly string[],
  table: (id: string) => TableDef | undefined,
  year: number,
): { links: PlanLink[]; linked: number } {
  const links: PlanLink[] = [];
  const index = new Map(names.map((n, k) => [n, k]));
  const functions = builtinCodeList('function', year);
  const direction = (funcCode: string): string => directionName((functions && lookupCode(functions, funcCode)?.name) ?? '');
  let linked = 0;
  for (const [tableId, nameKey] of [
    [PERF_TABLES.special, 'name'],
    [PERF_TABLES.directions, 'fundName'],
  ] as const) {
    const def = table(tableId);
    const cols = def ? linkColumnsOf(def) : null;
    if (!cols) continue;
    (rows[tableId] ?? []).forEach((cells, row) => {
      const k = index.get(cells[nameKey] ?? '');
      if (k === undefined) return;
      const p = projects[k]!;
      const value = { name: p.name, amount: p.amount, direction: direction(p.funcCode) };
      // What equals the project's figure follows it; what the file prints otherwise stays, as the clerk's.
      for (const { key, from } of cols.follows) if ((cells[key] ?? '') === value[from]) delete cells[key];
      links.push({ tableId, row, col: cols.link, project: k });
      linked += 1;
    });
  }
  for (const cells of rows[PERF_TABLES.projects] ?? []) {
    const k = index.get(cells.name ?? '');
    if (k !== undefined) cells.code = projects[k]!.code;
  }
  return { links, linked };
}

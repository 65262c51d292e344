import { FactBase } from '../derive/facts.js';
import type { ModelRows } from '../derive/model.js';
import { canonical, Dec, editText } from '../money/decimal.js';
import type { MoneyUnit, TableDef } from '../tables/schema.js';
import type { GridRow, RowCells } from '../workbook/types.js';

/**
 * 绩效 rows that follow the budget's projects (项目支出). A 专项 or 支出方向 row offered from a project
 * stores only the project's row id in its link column (schema.ts, fromProject); its name, amount and
 * 支出方向 columns stay empty and show the project's current figures, so a changed project amount shows
 * in the 绩效 row without anyone copying it. A value the clerk types there overrides the project's (and
 * is marked); clearing it follows the project again; unlinking writes the current figures into the row.
 */

export type ProjectField = 'name' | 'amount' | 'direction';

/** A budget project as the 绩效 tables see it; amount in 元 (what 附件8 shows for it). */
export interface BudgetProject {
  rowId: string;
  code: string;
  name: string;
  funcCode: string;
  /** 支出方向: the name of the project's 功能科目 项 (一般行政管理事务 → 一般行政管理事务支出). */
  direction: string;
  amount: string;
}

/** The link column and the columns that follow a project, as the table definition marks them. */
export interface LinkColumns {
  link: string;
  follows: { key: string; from: ProjectField }[];
}

export function linkColumnsOf(def: TableDef): LinkColumns | null {
  const link = def.columns.find((c) => c.fromProject === 'link');
  if (!link) return null;
  const follows = def.columns.flatMap((c) => (c.fromProject && c.fromProject !== 'link' ? [{ key: c.key, from: c.fromProject }] : []));
  return { link: link.key, follows };
}

/** How the seed's 支出方向 reads a 功能科目 项 name: 一般行政管理事务 → 一般行政管理事务支出. */
export function directionName(funcName: string): string {
  const name = funcName.trim();
  if (name === '') return '';
  return name.endsWith('支出') ? name : `${name}支出`;
}

/**
 * The workbook's projects with their amounts from the budget facts: a project's own amount, or the sum
 * of the 支出明细 lines booked to it when it has none (the same figure the derived tables print).
 * `funcName` names a 功能科目 code in the workbook year's list.
 */
export function budgetProjects(year: number, model: ModelRows, funcName: (code: string) => string | undefined): BudgetProject[] {
  const base = new FactBase(year);
  base.update(model);
  return projectsOf(base, funcName);
}

/** The same from facts already built (the derived-table cache's), so the checks need not build them again. */
export function projectsOf(base: FactBase, funcName: (code: string) => string | undefined): BudgetProject[] {
  const sums = new Map<string, Dec>();
  for (const f of base.facts()) {
    // A fact of 0 only carries 上年数 (a project brought over from last year's file).
    if (f.measure !== 'expense' || f.nature !== 'project' || f.project === '' || f.amount.isZero()) continue;
    sums.set(f.project, (sums.get(f.project) ?? new Dec(0)).plus(f.amount));
  }
  return [...base.projects.values()]
    .sort((a, b) => a.index - b.index)
    .map((p) => ({
      rowId: p.rowId,
      code: p.code,
      name: p.name,
      funcCode: p.funcCode,
      direction: directionName(funcName(p.funcCode) ?? ''),
      // A project without an amount (no fact: nothing entered, or 0) shows a blank, not 0.00: imported into a new
      // year, its 专项 rows stay empty until the clerk enters this year's figure.
      amount: sums.has(p.id) ? canonical(sums.get(p.id)!) : '',
    }));
}

/** What a linked cell shows: the project's figure ('follows'), the clerk's own value ('override'). */
export type LinkState = 'follows' | 'override';

export interface LinkedRow {
  row: GridRow;
  /** The linked project, null when the row has no link or its project was deleted. */
  project: BudgetProject | null;
  /** Set when the row names a project the budget no longer has. */
  missing: boolean;
  /** State of each following column of a linked row. */
  states: Record<string, LinkState>;
}

const projectValue = (p: BudgetProject, from: ProjectField): string => (from === 'amount' ? p.amount : p[from]);

/**
 * A stored row as it reads: empty following columns filled from the linked project. Rows without a
 * link, and rows whose project is gone, read as stored (a deleted project leaves nothing to follow).
 */
export function resolveRow(cols: LinkColumns, row: GridRow, projects: ReadonlyMap<string, BudgetProject>): LinkedRow {
  const id = (row.cells[cols.link] ?? '').trim();
  if (id === '') return { row, project: null, missing: false, states: {} };
  const project = projects.get(id);
  if (!project) return { row, project: null, missing: true, states: {} };
  const cells: RowCells = { ...row.cells };
  const states: Record<string, LinkState> = {};
  for (const { key, from } of cols.follows) {
    if ((row.cells[key] ?? '') !== '') {
      states[key] = 'override';
    } else {
      cells[key] = projectValue(project, from);
      states[key] = 'follows';
    }
  }
  return { row: { id: row.id, cells }, project, missing: false, states };
}

export const projectsById = (projects: readonly BudgetProject[]): Map<string, BudgetProject> => new Map(projects.map((p) => [p.rowId, p]));

/** The rows of a table as they read (see resolveRow); a table without a link column reads as stored. */
export function resolveRows(def: TableDef, rows: readonly GridRow[], projects: readonly BudgetProject[]): GridRow[] {
  const cols = linkColumnsOf(def);
  if (!cols) return [...rows];
  const byId = projectsById(projects);
  return rows.map((r) => resolveRow(cols, r, byId).row);
}

/** Projects not yet linked from any row of the table, in the budget's order: what the table offers. */
export function unlinkedProjects(cols: LinkColumns, rows: readonly GridRow[], projects: readonly BudgetProject[]): BudgetProject[] {
  const linked = new Set(rows.map((r) => (r.cells[cols.link] ?? '').trim()).filter(Boolean));
  return projects.filter((p) => !linked.has(p.rowId));
}

/** The cells of a new row taken from a project: the link only, so every figure keeps following it. */
export function linkCells(cols: LinkColumns, project: BudgetProject): Record<string, string> {
  return { [cols.link]: project.rowId };
}

/**
 * The cell texts (as a clerk would type them, in `unit`) that turn a linked row into a plain one: each
 * following column keeps what it shows now, and the link is cleared.
 */
export function unlinkCells(cols: LinkColumns, linked: LinkedRow, unit: MoneyUnit): { col: string; text: string }[] {
  const out: { col: string; text: string }[] = [];
  for (const { key, from } of cols.follows) {
    if (linked.states[key] !== 'follows') continue;
    const value = linked.row.cells[key] ?? '';
    out.push({ col: key, text: from === 'amount' ? editText(value, unit) : value });
  }
  out.push({ col: cols.link, text: '' });
  return out;
}

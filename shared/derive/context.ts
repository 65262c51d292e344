import { indexOf, type CodeKind, type CodeList } from '../reference/codes.js';
import { fillTemplate, headerCells, visibleColumns, type TemplateVars } from '../tables/layout.js';
import type { MoneyUnit, TableDef } from '../tables/schema.js';
import type { WorkbookMeta } from '../workbook/types.js';
import type { CubeDelta } from './cube.js';
import type { FactBase } from './facts.js';
import type { Pred } from './match.js';
import type { DerivedProblem, DerivedTable, DrillLine } from './types.js';

/** What a table needs besides the facts: the workbook meta, whose tables they are, and the year's code lists. */
export interface DeriveContext {
  meta: WorkbookMeta;
  /** The year's lists (an imported list wins over the built-in one); absent kinds print no names. */
  lists: Partial<Record<CodeKind, CodeList>>;
  base: FactBase;
  /** Set for one 预算单位's own tables: its code and name. */
  unit?: { code: string; name: string };
}

export function codeName(ctx: DeriveContext, kind: CodeKind, code: string): string | undefined {
  const list = ctx.lists[kind];
  return list ? indexOf(list).get(code)?.name : undefined;
}

/** Only the meta and the unit matter here, so the printer frames entered tables and forms with it too. */
export type FrameContext = Pick<DeriveContext, 'meta' | 'unit'>;

export function templateVars(ctx: FrameContext): TemplateVars {
  const vars: TemplateVars = { year: ctx.meta.year, deptName: ctx.unit?.name || ctx.meta.deptName, unitCode: ctx.unit?.code ?? ctx.meta.unitCode, scope: ctx.meta.scope };
  return vars;
}

export function tableUnit(def: TableDef, meta: WorkbookMeta): MoneyUnit {
  return def.moneyUnit === 'workbook' ? meta.moneyUnit : def.moneyUnit;
}

/** Title, unit lines, header and notes: everything of a DerivedTable that does not depend on the figures. */
export function tableFrame(def: TableDef, ctx: FrameContext): Omit<DerivedTable, 'rows' | 'empty' | 'hints' | 'problems'> {
  const vars = templateVars(ctx);
  const unit = tableUnit(def, ctx.meta);
  const frame: Omit<DerivedTable, 'rows' | 'empty' | 'hints' | 'problems'> = {
    tableId: def.id,
    number: def.number,
    title: fillTemplate(def.title, vars),
    orientation: def.orientation,
    unitLine: def.showUnitName ? fillTemplate(def.unitLine ?? '单位名称：{deptName}', vars) : null,
    moneyUnitLine: def.showMoneyUnit === false ? null : `单位：${unit}`,
    moneyUnit: unit,
    columns: visibleColumns(def).map((c) => {
      const col: DerivedTable['columns'][number] = { key: c.key, type: c.type };
      if (c.align) col.align = c.align;
      if (c.width) col.width = c.width;
      return col;
    }),
    header: headerCells(def.header),
    notes: (def.notes ?? []).map((n) => fillTemplate(n, vars)),
  };
  if (def.shortTitle) frame.shortTitle = fillTemplate(def.shortTitle, vars);
  if (def.numberRow) frame.numberRow = [...def.numberRow];
  if (def.emptyNote) frame.emptyNote = fillTemplate(def.emptyNote, vars);
  if (def.unitLinesJoined) frame.unitLinesJoined = true;
  return frame;
}

/** Where a figure comes from, for drill-down: facts matching `pred`, plus entered cells. */
export interface DrillSpec {
  label: string;
  pred: Pred | null;
  inputs: DrillLine[];
}

/** A problem as a table reports it; the engine turns `dimKey` (a cube cell) into the model rows behind it. */
export type PendingProblem = DerivedProblem & { dimKey?: string };

/** One evaluated layout, kept up to date by cube deltas and rendered on demand. */
export interface TableState {
  apply(delta: CubeDelta): void;
  render(): DerivedTable;
  drill(rowKey: string, col: string): DrillSpec | null;
}

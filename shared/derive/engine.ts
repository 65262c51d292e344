import { Dec, canonical, type Dec as Decimal } from '../money/decimal.js';
import type { CodeKind, CodeList } from '../reference/codes.js';
import { fillTemplate } from '../tables/layout.js';
import type { FactQuery, TableDef } from '../tables/schema.js';
import type { WorkbookMeta } from '../workbook/types.js';
import { templateVars, type DeriveContext, type PendingProblem, type TableState } from './context.js';
import { Cube } from './cube.js';
import { DerivedBodyState } from './derived-body.js';
import type { Fact, FactBase, FactChanges } from './facts.js';
import { FixedBodyState } from './fixed-body.js';
import { compileQuery, type Pred } from './match.js';
import type { ModelRows } from './model.js';
import type { DerivedProblem, DerivedTable, DrillResult, FactSource } from './types.js';

/** Sums kept current at most (a set's rules and template ask for a few hundred). */
const MAX_KEPT_SUMS = 2000;

/** How a layout gets its rows: computed from the facts (read-only) or typed by the clerk. */
export type TableKind = 'derived' | 'entered';

export function tableKind(def: TableDef): TableKind {
  const body = def.body;
  if (body.kind === 'derived') return 'derived';
  if (body.kind === 'fixed') {
    // A fixed table is derived when any cell is computed; one made only of input cells is a form to fill.
    return body.rows.some((r) => Object.values(r.cells).some((c) => typeof c === 'object' && !('input' in c))) ? 'derived' : 'entered';
  }
  return 'entered';
}

export interface EngineOptions {
  meta: WorkbookMeta;
  lists: Partial<Record<CodeKind, CodeList>>;
  /** One 预算单位's own tables; absent for the department's consolidated tables. */
  unit?: string;
}

/**
 * Evaluates the derived tables of one table set over one FactBase: the department's consolidated
 * tables, or one unit's own. Tables are built the first time they are asked for and then kept
 * current by the cube's deltas, so an edit costs in proportion to what it changed.
 */
export class DeriveEngine {
  private readonly cube = new Cube();
  private readonly states = new Map<string, TableState>();
  private readonly rendered = new Map<string, { raw: DerivedTable; out: DerivedTable }>();
  /**
   * Sums asked for before (rules, the 说明's figures), by query, kept current by the cube's deltas like the
   * tables: after an edit a sum costs a lookup, not a pass over every cell. Bounded: the queries come from
   * the set's rules and template, but a caller could make up any number.
   */
  private readonly sums = new Map<string, { pred: Pred; amount: Decimal; prev: Decimal }>();
  private readonly ctx: DeriveContext;
  private model: ModelRows = {};

  constructor(
    private readonly tables: readonly TableDef[],
    readonly base: FactBase,
    readonly options: EngineOptions,
  ) {
    this.ctx = { meta: options.meta, lists: options.lists, base };
    if (options.unit !== undefined) this.ctx.unit = { code: options.unit, name: base.unitName(options.unit) ?? options.unit };
    this.cube.apply([], this.mine(base.facts()));
  }

  private mine(facts: readonly Fact[]): readonly Fact[] {
    const unit = this.options.unit;
    return unit === undefined ? facts : facts.filter((f) => f.unit === unit);
  }

  /**
   * Call with what `base.update(model)` returned: moves the cube and every table built so far by
   * the changed facts only, and hands fixed tables their entered cells.
   */
  sync(changes: FactChanges, model: ModelRows): void {
    this.model = model;
    if (this.ctx.unit) this.ctx.unit.name = this.base.unitName(this.ctx.unit.code) ?? this.ctx.unit.code;
    const deltas = this.cube.apply(this.mine(changes.removed), this.mine(changes.added));
    for (const sum of this.sums.values()) {
      for (const d of deltas) {
        if (!sum.pred(d.cell)) continue;
        sum.amount = sum.amount.plus(d.amount);
        sum.prev = sum.prev.plus(d.prev);
      }
    }
    // Tables print this year's figures only: a change of 上年数 alone is no change to them.
    const moved = deltas.filter((d) => d.count !== 0 || !d.amount.isZero());
    if (moved.length > 0) for (const state of this.states.values()) for (const d of moved) state.apply(d);
    for (const [id, state] of this.states) if (state instanceof FixedBodyState) state.setInputs(model[this.def(id).store ?? id]);
  }

  def(tableId: string): TableDef {
    const def = this.tables.find((t) => t.id === tableId);
    if (!def) throw new Error(`no table ${tableId}`);
    return def;
  }

  has(tableId: string): boolean {
    const def = this.tables.find((t) => t.id === tableId);
    return def !== undefined && tableKind(def) === 'derived';
  }

  private state(tableId: string): TableState {
    let state = this.states.get(tableId);
    if (state) return state;
    const def = this.def(tableId);
    if (tableKind(def) !== 'derived') throw new Error(`table ${tableId} is entered, not derived`);
    if (def.body.kind === 'fixed') {
      const fixed = new FixedBodyState(def, this.ctx);
      fixed.setInputs(this.model[def.store ?? def.id]);
      state = fixed;
    } else state = new DerivedBodyState(def, this.ctx);
    for (const d of this.cube.asDeltas()) state.apply(d);
    this.states.set(tableId, state);
    return state;
  }

  /** The table as printed. Unchanged tables come back as the same object. */
  table(tableId: string): DerivedTable {
    const raw = this.state(tableId).render();
    const last = this.rendered.get(tableId);
    if (last?.raw === raw) return last.out;
    const out = { ...raw, problems: this.resolveProblems(raw.problems as PendingProblem[]) };
    this.rendered.set(tableId, { raw, out });
    return out;
  }

  private resolveProblems(problems: PendingProblem[]): DerivedProblem[] {
    if (!problems.some((p) => p.dimKey !== undefined)) return problems;
    const byCell = new Map<string, FactSource[]>();
    for (const f of this.mine(this.base.facts())) {
      const list = byCell.get(f.dimKey);
      if (list) list.push(f.source);
      else byCell.set(f.dimKey, [f.source]);
    }
    return problems.map(({ dimKey, ...rest }) => (dimKey === undefined ? rest : { ...rest, sources: byCell.get(dimKey) ?? [] }));
  }

  /** The model rows behind one figure; null when the cell is not a figure. */
  drill(tableId: string, rowKey: string, col: string): DrillResult | null {
    const spec = this.state(tableId).drill(rowKey, col);
    if (!spec) return null;
    const lines: DrillResult['lines'] = [];
    let total = new Dec(0);
    if (spec.pred) {
      for (const f of this.mine(this.base.facts())) {
        if (!spec.pred(f)) continue;
        lines.push({ ...f.source, cells: f.cells, amount: canonical(f.amount) });
        total = total.plus(f.amount);
      }
    }
    for (const input of spec.inputs) {
      lines.push(input);
      total = total.plus(input.amount);
    }
    return { label: spec.label, total: canonical(total), lines };
  }

  /** Σ over the facts of a query (the narrative's figures); `prev` sums 上年预算数 instead. */
  sum(query: FactQuery, prev = false): Decimal {
    const key = JSON.stringify(query);
    let sum = this.sums.get(key);
    if (!sum) {
      const pred = compileQuery(query);
      let amount = new Dec(0);
      let before = new Dec(0);
      for (const cell of this.cube.cells.values()) {
        if (!pred(cell)) continue;
        amount = amount.plus(cell.amount);
        before = before.plus(cell.prev);
      }
      if (this.sums.size >= MAX_KEPT_SUMS) this.sums.clear();
      sum = { pred, amount, prev: before };
      this.sums.set(key, sum);
    }
    return prev ? sum.prev : sum.amount;
  }

  /** The layouts of the set with their kind and title, as the side list shows them. */
  list(): { def: TableDef; kind: TableKind; title: string }[] {
    const vars = templateVars(this.ctx);
    return this.tables.map((def) => ({ def, kind: tableKind(def), title: fillTemplate(def.title, vars) }));
  }
}

import { DeriveEngine } from '../derive/engine.js';
import { FactBase } from '../derive/facts.js';
import { FACT_TABLES, type ModelRows } from '../derive/model.js';
import { Dec } from '../money/decimal.js';
import type { TableSet } from '../tables/schema.js';
import type { GridRow, RowCells, WorkbookMeta } from '../workbook/types.js';
import type { Observation } from './facts-constraints.js';

/**
 * The proof of a rebuild: the tables derived again from the rebuilt facts, figure by figure against what
 * the file printed. A figure matches when the derived sum prints the same at the file's precision.
 */

export interface FigureMismatch {
  where: string;
  text: string;
  /** What the rebuilt facts give, in 元. */
  derived: string;
}

export function verifyRebuild(set: TableSet, meta: WorkbookMeta, model: Record<string, RowCells[]>, observations: readonly Observation[]): FigureMismatch[] {
  const rows: ModelRows = {};
  for (const [table, list] of Object.entries(model)) rows[table] = list.map((cells, i): GridRow => ({ id: `${table}-${i}`, cells }));
  const base = new FactBase(meta.year);
  base.update(rows);
  const engine = new DeriveEngine(set.tables, base, { meta, lists: {} });
  engine.sync({ removed: [], added: [] }, rows);
  const out: FigureMismatch[] = [];
  const cache = new Map<string, Map<string, Record<string, { value?: string }>>>();
  for (const o of observations) {
    let byKey = cache.get(o.tableId);
    if (!byKey) {
      byKey = new Map(engine.table(o.tableId).rows.map((r) => [r.key, r.cells]));
      cache.set(o.tableId, byKey);
    }
    const value = new Dec(byKey.get(o.rowKey)?.[o.col]?.value ?? '0');
    if (value.minus(o.value).abs().gt(o.tol)) out.push({ where: o.where, text: o.text, derived: value.toFixed() });
  }
  return out;
}

/** The model rows of a rebuild, by model table. */
export function rebuiltModel(facts: { income: RowCells[]; lines: RowCells[]; projects: RowCells[] }, units: RowCells[] = []): Record<string, RowCells[]> {
  return { [FACT_TABLES.units]: units, [FACT_TABLES.income]: facts.income, [FACT_TABLES.lines]: facts.lines, [FACT_TABLES.projects]: facts.projects };
}

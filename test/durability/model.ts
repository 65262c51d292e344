import type { Edit } from '../../shared/api/contract.js';
import type { GridRow, RowCells } from '../../shared/workbook/types.js';

/**
 * The kill test's picture of what a workbook must hold: random edit bursts (made in the child),
 * replayed here on a plain array after the fact. Only text columns are used, so what was typed is
 * exactly what is stored.
 */

export const TABLE_ID = 'zxzj-hz';
const TEXT_COLS = ['name', 'direction', 'goalPeriod'] as const;

/** A row the model expects; `id` is null for a row inserted by a burst whose ids were never acknowledged. */
export interface ModelRow {
  id: string | null;
  cells: RowCells;
}

/** Small seeded PRNG, so every round's edits and kill times can be replayed from the printed seed. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One burst: cells set on existing rows, sometimes rows deleted, rows inserted, sometimes a row moved. */
export function makeBurst(rng: () => number, ids: readonly string[], n: number): Edit[] {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rng() * list.length)]!;
  const value = (k: number) => `b${n}-${k}-${Math.floor(rng() * 1e9).toString(36)}`;
  const edits: Edit[] = [];
  const touched = new Set<string>();
  if (ids.length > 0) {
    const cells = Array.from({ length: 1 + Math.floor(rng() * 5) }, (_, k) => {
      const rowId = pick(ids);
      touched.add(rowId);
      return { rowId, col: pick(TEXT_COLS), text: rng() < 0.1 ? '' : value(k) };
    });
    edits.push({ kind: 'setCells', tableId: TABLE_ID, cells });
  }
  const deletable = ids.filter((id) => !touched.has(id));
  const deleteCount = Math.min(deletable.length, ids.length > 120 ? 4 : rng() < 0.25 ? 1 : 0);
  const deleted = new Set<string>();
  while (deleted.size < deleteCount) deleted.add(pick(deletable));
  if (deleted.size > 0) edits.push({ kind: 'deleteRows', tableId: TABLE_ID, rowIds: [...deleted] });
  const rows = Array.from({ length: 1 + Math.floor(rng() * 3) }, (_, r) => {
    const row: Record<string, string> = {};
    for (const col of TEXT_COLS) if (rng() < 0.6 || col === 'name') row[col] = value(10 + r);
    return row;
  });
  edits.push({ kind: 'insertRows', tableId: TABLE_ID, index: Math.floor(rng() * (ids.length + 2)), rows });
  const remaining = ids.filter((id) => !deleted.has(id));
  if (remaining.length > 0 && rng() < 0.3) edits.push({ kind: 'moveRow', tableId: TABLE_ID, rowId: pick(remaining), toIndex: Math.floor(rng() * (remaining.length + 3)) });
  return edits;
}

/** Replays a burst the way the store applies it; `inserted` null leaves the new rows' ids open. */
export function applyBurst(model: readonly ModelRow[], edits: readonly Edit[], inserted: readonly string[] | null): ModelRow[] {
  const rows = model.map((r) => ({ id: r.id, cells: { ...r.cells } }));
  const at = (id: string) => {
    const i = rows.findIndex((r) => r.id === id);
    if (i < 0) throw new Error(`model has no row ${id}`);
    return i;
  };
  let next = 0;
  for (const e of edits) {
    if (e.kind === 'setCells') {
      for (const c of e.cells) {
        const row = rows[at(c.rowId)]!;
        if (c.text === '') delete row.cells[c.col];
        else row.cells[c.col] = c.text;
      }
    } else if (e.kind === 'deleteRows') {
      for (const id of e.rowIds) rows.splice(at(id), 1);
    } else if (e.kind === 'insertRows') {
      let index = Math.min(e.index, rows.length);
      for (const raw of e.rows) {
        const cells: RowCells = {};
        for (const [k, v] of Object.entries(raw)) if (v !== '') cells[k] = v;
        rows.splice(index++, 0, { id: inserted ? inserted[next]! : null, cells });
        next++;
      }
    } else if (e.kind === 'moveRow') {
      const from = at(e.rowId);
      const [row] = rows.splice(from, 1);
      rows.splice(Math.min(e.toIndex, rows.length), 0, row!);
    }
  }
  return rows;
}

const canonical = (cells: RowCells) => JSON.stringify(Object.keys(cells).sort().map((k) => [k, cells[k]]));

/** Same rows in the same order with the same cells (an open id matches any id). */
export function sameRows(file: readonly GridRow[], model: readonly ModelRow[]): boolean {
  return file.length === model.length && file.every((f, i) => (model[i]!.id === null || model[i]!.id === f.id) && canonical(f.cells) === canonical(model[i]!.cells));
}

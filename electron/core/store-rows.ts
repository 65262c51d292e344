import type Database from 'better-sqlite3';
import type { GridRow } from '../../shared/workbook/types.js';
import { storeOf } from './workbook/edits.js';
import type { Workbook } from './workbook/workbook.js';

/**
 * A store's rows kept between revisions: a row whose stored text did not change keeps its object, so
 * whatever was computed from it (facts, a check's memo) is reused after an edit elsewhere.
 */
export interface StoreRows {
  list: GridRow[];
  /** The stored text each row was parsed from, by position, and row id → position. */
  raw: string[];
  index: Map<string, number>;
}

interface Statements {
  /** Raw mode: [id, cells] arrays, cheaper than one object per row. */
  rows: Database.Statement<[string], [string, string]>;
  row: Database.Statement<[string, string], { cells: string }>;
}
const statements = new WeakMap<Database.Database, Statements>();

function stmts(db: Database.Database): Statements {
  let s = statements.get(db);
  if (!s) {
    s = {
      rows: db.prepare<[string], [string, string]>('SELECT id, cells FROM grid_rows WHERE table_id = ? ORDER BY position').raw(true),
      row: db.prepare<[string, string], { cells: string }>('SELECT cells FROM grid_rows WHERE id = ? AND table_id = ?'),
    };
    statements.set(db, s);
  }
  return s;
}

/** Reads a store whole, keeping the objects of rows `cached` already holds unchanged. */
export function readStoreRows(db: Database.Database, store: string, cached?: StoreRows): StoreRows {
  const next: StoreRows = { list: [], raw: [], index: new Map() };
  for (const [id, cells] of stmts(db).rows.all(store)) {
    const at = cached?.index.get(id);
    const row = at !== undefined && cached!.raw[at] === cells ? cached!.list[at]! : { id, cells: JSON.parse(cells) as GridRow['cells'] };
    next.index.set(id, next.list.length);
    next.raw.push(cells);
    next.list.push(row);
  }
  return next;
}

/** Re-reads just the edited rows (a new list, the rest kept); null when that is not enough (a row was added or removed). */
export function patchStoreRows(db: Database.Database, store: string, cached: StoreRows, ids: Iterable<string>): StoreRows | null {
  const list = [...cached.list];
  const raw = [...cached.raw];
  for (const id of ids) {
    const at = cached.index.get(id);
    const cells = stmts(db).row.get(id, store)?.cells;
    if (at === undefined || cells === undefined) return null;
    list[at] = { id, cells: JSON.parse(cells) as GridRow['cells'] };
    raw[at] = cells;
  }
  return { list, raw, index: cached.index };
}

/** The store an edit's table id writes to (a layout's store, or the model table itself). */
export function storeOfTable(wb: Workbook, tableId: string): string {
  try {
    return storeOf(wb.table(tableId));
  } catch {
    return tableId;
  }
}

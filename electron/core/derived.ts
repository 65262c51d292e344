import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { canonical } from '../../shared/money/decimal.js';
import { codeKinds, type CodeKind, type CodeList } from '../../shared/reference/types.js';
import {
  DeriveEngine,
  FACT_TABLES,
  FactBase,
  type DerivedTable,
  type DrillResult,
  type ModelRows,
  type TableListEntry,
  type TablesOverview,
} from '../../shared/derive/index.js';
import type { TableSetRegistry } from '../../shared/tables/registry.js';
import type { FactQuery, TableSet } from '../../shared/tables/schema.js';
import type { Change, ChangeResult } from '../../shared/api/contract.js';
import type { GridRow, WorkbookMeta } from '../../shared/workbook/types.js';
import { fillTemplate } from '../../shared/tables/layout.js';
import { econRoleLookup } from '../../shared/tables/vocabulary.js';
import { codeListForSet } from '../../shared/derive/code-names.js';
import { codeListsDir, loadCodeList } from './codes/store.js';
import { CoreError } from './errors.js';
import { patchStoreRows, readStoreRows, storeOfTable, type StoreRows } from './store-rows.js';
import type { Workbook } from './workbook/workbook.js';

/** Stores whose rows the tables read: the fact tables and the stores of layouts with input cells. */
function storesOf(set: TableSet): string[] {
  const stores = new Set<string>(Object.values(FACT_TABLES));
  for (const def of set.tables) {
    if (def.body.kind === 'fixed' && def.body.rows.some((r) => Object.values(r.cells).some((c) => typeof c === 'object' && 'input' in c))) {
      stores.add(def.store ?? def.id);
    }
  }
  return [...stores];
}

/** Changes whenever an imported code list is added, replaced or removed, so names follow the import. */
function codeListsStamp(dataDir: string): string {
  const dir = codeListsDir(dataDir);
  if (!existsSync(dir)) return '';
  const parts: string[] = [];
  for (const year of readdirSync(dir).sort()) {
    const sub = path.join(dir, year);
    try {
      for (const file of readdirSync(sub).sort()) parts.push(`${year}/${file}:${statSync(path.join(sub, file)).mtimeMs}`);
    } catch {
      parts.push(year);
    }
  }
  return parts.join('|');
}

/** What a committed change touched, as far as derived tables care: row ids per store, or whole stores. */
type Touched = Map<string, Set<string> | 'all'>;


/** Everything derived from one workbook at one revision: rows as last read, the facts and one engine per view. */
class Entry {
  revision = -1;
  readonly base: FactBase;
  private readonly engines = new Map<string, DeriveEngine>();
  private readonly rows = new Map<string, StoreRows>();
  private model: ModelRows = {};
  private readonly stores: string[];
  /** Changes reported since `revision` (see DerivedService.noteChange); null when unknown. */
  private known: { revision: number; touched: Touched } | null = null;

  constructor(
    readonly workbookId: string,
    readonly metaKey: string,
    readonly listsKey: string,
    readonly set: TableSet,
    private readonly meta: WorkbookMeta,
    readonly lists: Partial<Record<CodeKind, CodeList>>,
  ) {
    this.base = new FactBase(meta.year, econRoleLookup(lists.econDept?.entries));
    this.stores = storesOf(set);
  }

  note(before: number, after: number, touched: Touched): void {
    if (this.known === null && this.revision === before) this.known = { revision: before, touched: new Map() };
    if (this.known === null || this.known.revision !== before) {
      // A change we were not told about came in between: the next refresh reads everything.
      this.known = null;
      return;
    }
    for (const [store, rows] of touched) {
      const had = this.known.touched.get(store);
      if (rows === 'all' || had === 'all') this.known.touched.set(store, 'all');
      else this.known.touched.set(store, new Set([...(had ?? []), ...rows]));
    }
    this.known.revision = after;
  }

  /** Brings the rows to the workbook's revision: only the rows a known change touched, else every store. */
  refresh(wb: Workbook): void {
    const known = this.known?.revision === wb.revision() ? this.known.touched : null;
    this.known = null;
    const model: ModelRows = { ...this.model };
    // Rows replaced in place (the rest of their store kept, in place): the facts look at just these.
    const edited = new Map<string, GridRow[]>();
    for (const store of this.stores) {
      const touched = known ? known.get(store) : 'all';
      if (touched === undefined) continue;
      if (touched === 'all' || !this.patchRows(wb, store, touched)) this.readStore(wb, store);
      else {
        const rows = this.rows.get(store)!;
        edited.set(store, [...touched].map((id) => rows.list[rows.index.get(id)!]!));
      }
      model[store] = this.rows.get(store)!.list;
    }
    this.model = model;
    const changes = this.base.update(model, edited);
    for (const engine of this.engines.values()) engine.sync(changes, model);
    this.revision = wb.revision();
  }

  /** Re-reads a store; rows whose stored text did not change keep their object, so their facts are reused. */
  private readStore(wb: Workbook, store: string): void {
    this.rows.set(store, readStoreRows(wb.db, store, this.rows.get(store)));
  }

  /** Replaces just the edited rows; false when that is not enough (a row was added or removed). */
  private patchRows(wb: Workbook, store: string, ids: Set<string>): boolean {
    const cached = this.rows.get(store);
    const patched = cached ? patchStoreRows(wb.db, store, cached, ids) : null;
    if (patched) this.rows.set(store, patched);
    return patched !== null;
  }

  /** A store's rows as last read, when this entry reads that store. */
  storeRows(store: string): readonly GridRow[] | undefined {
    return this.rows.get(store)?.list;
  }

  engine(unit: string | undefined): DeriveEngine {
    if (unit !== undefined && !this.base.units.some((u) => u.code === unit)) {
      throw new CoreError('NOT_FOUND', { what: '预算单位', path: unit });
    }
    const key = unit ?? '';
    let engine = this.engines.get(key);
    if (!engine) {
      const options = unit === undefined ? { meta: this.meta, lists: this.lists } : { meta: this.meta, lists: this.lists, unit };
      engine = new DeriveEngine(this.set.tables, this.base, options);
      engine.sync({ removed: [], added: [] }, this.model);
      this.engines.set(key, engine);
    }
    return engine;
  }
}

/**
 * Derived tables per open workbook, cached by revision: a request after an edit re-reads the fact
 * tables (cheap: unchanged rows are not parsed again) and updates only what the edit touched.
 */
export class DerivedService {
  private readonly entries = new Map<string, Entry>();
  /** The imported code lists' stamp, re-checked at most once a second (it changes only on import). */
  private lists = { stamp: '', at: -Infinity };

  constructor(
    private readonly dataDir: string,
    private readonly registry: TableSetRegistry,
  ) {}

  /** `setId` renders the same facts with another table set (the 9-table baseline beside a province's set). */
  private entry(wb: Workbook, setId?: string): Entry {
    const meta = wb.meta();
    const metaKey = JSON.stringify(meta);
    const now = Date.now();
    if (now - this.lists.at > 1000) this.lists = { stamp: codeListsStamp(this.dataDir), at: now };
    const listsKey = this.lists.stamp;
    const useSet = setId ?? meta.tableSetId;
    const key = `${wb.path}\u0000${useSet}`;
    let entry = this.entries.get(key);
    if (!entry || entry.workbookId !== wb.workbookId() || entry.metaKey !== metaKey || entry.listsKey !== listsKey) {
      const set = this.registry.get(useSet);
      if (!set) throw new CoreError('NOT_FOUND', { what: '表格套表', path: useSet });
      const lists: Partial<Record<CodeKind, CodeList>> = {};
      for (const kind of codeKinds) {
        const list = codeListForSet(loadCodeList(this.dataDir, kind, meta.year), set, kind);
        if (list) lists[kind] = list;
      }
      entry = new Entry(wb.workbookId(), metaKey, listsKey, set, meta, lists);
      this.entries.set(key, entry);
    }
    if (entry.revision !== wb.revision()) entry.refresh(wb);
    return entry;
  }

  private derivedDef(entry: Entry, tableId: string, engine: DeriveEngine): void {
    const def = entry.set.tables.find((t) => t.id === tableId);
    if (!def) throw new CoreError('NOT_FOUND', { what: '表格', path: tableId });
    if (!engine.has(tableId)) {
      throw new CoreError('VALIDATION', { issue: `表“${def.shortTitle ?? def.title}”由用户填写，不是由预算数据生成的表` });
    }
  }

  table(wb: Workbook, tableId: string, unit?: string, setId?: string): DerivedTable {
    const entry = this.entry(wb, setId);
    const engine = entry.engine(unit);
    this.derivedDef(entry, tableId, engine);
    return engine.table(tableId);
  }

  drill(wb: Workbook, tableId: string, rowKey: string, col: string, unit?: string, setId?: string): DrillResult {
    const entry = this.entry(wb, setId);
    const engine = entry.engine(unit);
    this.derivedDef(entry, tableId, engine);
    const result = engine.drill(tableId, rowKey, col);
    if (!result) {
      // Row and column keys are internal; the table's title is what the clerk has on screen.
      const def = entry.set.tables.find((t) => t.id === tableId);
      throw new CoreError('NOT_FOUND', { what: `表“${def ? fillTemplate(def.shortTitle ?? def.title, wb.meta()) : tableId}”中的这个数字单元格` });
    }
    return result;
  }

  sums(wb: Workbook, queries: Record<string, FactQuery>, unit?: string, prev = false): Record<string, string> {
    const engine = this.entry(wb).engine(unit);
    return Object.fromEntries(Object.entries(queries).map(([k, q]) => [k, canonical(engine.sum(q, prev))]));
  }

  overview(wb: Workbook, unit?: string, setId?: string): TablesOverview {
    const entry = this.entry(wb, setId);
    const engine = entry.engine(unit);
    const tables = engine.list().map(({ def, kind, title }) => {
      const item: TableListEntry = { id: def.id, number: def.number, title, kind, body: def.body.kind };
      if (def.shortTitle) item.shortTitle = def.shortTitle;
      if (def.group) item.group = def.group;
      if (kind === 'derived') {
        const t = engine.table(def.id);
        item.nonEmpty = !t.empty;
        item.hints = t.hints.length;
        item.problems = t.problems.length;
      }
      return item;
    });
    return {
      revision: entry.revision,
      tableSetId: entry.set.id,
      units: entry.base.units.map(({ code, name, kind, unitType }) => ({ code, name, kind, unitType })),
      tables,
      issues: entry.base.issues,
    };
  }

  /**
   * The workbook's set, code lists, department-wide engine and fact-table rows at its current revision:
   * what the checks read, so they share this cache instead of reading the workbook again.
   */
  current(wb: Workbook): { set: TableSet; lists: Partial<Record<CodeKind, CodeList>>; engine: DeriveEngine; base: FactBase; rows: (store: string) => readonly GridRow[] | undefined } {
    const entry = this.entry(wb);
    return { set: entry.set, lists: entry.lists, engine: entry.engine(undefined), base: entry.base, rows: (store) => entry.storeRows(store) };
  }

  /** Every derived table of the set, in set order (the CLI's `tables` command). */
  allTables(wb: Workbook, unit?: string, setId?: string): DerivedTable[] {
    const engine = this.entry(wb, setId).engine(unit);
    return engine
      .list()
      .filter((t) => t.kind === 'derived')
      .map((t) => engine.table(t.def.id));
  }

  /**
   * Told by the core after each committed change, so the next request re-reads only what changed:
   * the edited rows of a setCells edit, whole stores for anything else (inserts, undo, redo).
   */
  noteChange(wb: Workbook, result: ChangeResult, change?: Change): void {
    const prefix = `${wb.path}\u0000`;
    const mine = [...this.entries.entries()].filter(([key]) => key.startsWith(prefix)).map(([, e]) => e);
    if (mine.length === 0) return;
    const touched: Touched = new Map();
    for (const table of result.tablesChanged) if (table !== '*meta') touched.set(table, 'all');
    const edits = change?.edits ?? [];
    for (const store of touched.keys()) {
      const onStore = edits.filter((e) => e.kind !== 'setMeta' && storeOfTable(wb, e.tableId) === store);
      if (onStore.length > 0 && onStore.every((e) => e.kind === 'setCells')) {
        touched.set(store, new Set(onStore.flatMap((e) => (e.kind === 'setCells' ? e.cells.map((c) => c.rowId) : []))));
      }
    }
    for (const entry of mine) entry.note(result.state.revision - 1, result.state.revision, touched);
  }

  /** Drops what was derived from a workbook (after it is closed for good). */
  forget(file: string): void {
    const prefix = `${path.resolve(file)}\u0000`;
    for (const key of [...this.entries.keys()]) if (key.startsWith(prefix)) this.entries.delete(key);
  }
}

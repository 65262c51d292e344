import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import type { Change, ChangeResult } from '../../../shared/api/contract.js';
import type { TableDef } from '../../../shared/tables/schema.js';
import { metaKeys, metaSchema, type GridRow, type Op, type RowCells, type WorkbookMeta, type WorkbookState } from '../../../shared/workbook/types.js';
import { CoreError } from '../errors.js';
import { applyEdit } from './edits.js';
import { LATEST_VERSION } from './migrations.js';
import { OpApplier, sortKeys } from './ops.js';

/** Oldest undo steps are dropped beyond this, so the log cannot grow without bound. */
const HISTORY_LIMIT = 2000;

export type TableLookup = (setId: string, tableId: string) => TableDef | undefined;

/** One open workbook file. All writes go through `commit`, one SQLite transaction each. */
export class Workbook {
  private readonly applier: OpApplier;
  private readonly stmts;

  constructor(
    readonly path: string,
    readonly db: Database.Database,
    private readonly lookup: TableLookup,
  ) {
    this.applier = new OpApplier(db);
    this.stmts = {
      rows: db.prepare<[string], { id: string; cells: string }>('SELECT id, cells FROM grid_rows WHERE table_id = ? ORDER BY position'),
      lastDone: db.prepare<[], { seq: number; label: string; backward: string }>(
        'SELECT seq, label, backward FROM history WHERE undone = 0 ORDER BY seq DESC LIMIT 1',
      ),
      firstUndone: db.prepare<[], { seq: number; label: string; forward: string }>(
        'SELECT seq, label, forward FROM history WHERE undone = 1 ORDER BY seq ASC LIMIT 1',
      ),
      markUndone: db.prepare<[number, number]>('UPDATE history SET undone = ? WHERE seq = ?'),
      dropRedo: db.prepare('DELETE FROM history WHERE undone = 1'),
      push: db.prepare<[string, string, string, string]>('INSERT INTO history (label, forward, backward, created_at) VALUES (?, ?, ?, ?)'),
      prune: db.prepare<[number]>('DELETE FROM history WHERE seq <= (SELECT max(seq) FROM history) - ?'),
    };
  }

  /** Writes the metadata of a brand-new workbook. */
  initialise(meta: WorkbookMeta, appVersion: string): void {
    this.db
      .transaction(() => {
        for (const key of metaKeys) this.applier.setMeta(key, meta[key]);
        this.applier.setMeta('workbookId', randomUUID());
        this.applier.setMeta('createdAt', new Date().toISOString());
        this.applier.setMeta('createdBy', appVersion);
        this.applier.setMeta('revision', 0);
      })
      .immediate();
  }

  meta(): WorkbookMeta {
    const raw: Record<string, unknown> = {};
    for (const key of metaKeys) raw[key] = this.applier.getMeta(key);
    const parsed = metaSchema.safeParse(raw);
    if (!parsed.success) throw new CoreError('WORKBOOK_CORRUPT', { path: this.path });
    return parsed.data;
  }

  workbookId(): string {
    return String(this.applier.getMeta('workbookId') ?? '');
  }

  revision(): number {
    return Number(this.applier.getMeta('revision') ?? 0);
  }

  state(): WorkbookState {
    const done = this.stmts.lastDone.get();
    const undone = this.stmts.firstUndone.get();
    return {
      path: this.path,
      meta: this.meta(),
      revision: this.revision(),
      canUndo: done !== undefined,
      canRedo: undone !== undefined,
      undoLabel: done?.label ?? null,
      redoLabel: undone?.label ?? null,
      formatVersion: LATEST_VERSION,
    };
  }

  table(tableId: string): TableDef {
    const def = this.lookup(this.meta().tableSetId, tableId);
    if (!def) throw new CoreError('NOT_FOUND', { what: '表格', path: tableId });
    return def;
  }

  /** Rows of a storage table (see storeOf: a layout's rows may live in a shared model table). */
  rows(store: string): GridRow[] {
    return this.stmts.rows.all(store).map((r) => ({ id: r.id, cells: JSON.parse(r.cells) as RowCells }));
  }

  /** Every table id that has stored rows, in id order (for export). */
  storedTableIds(): string[] {
    return (this.db.prepare('SELECT DISTINCT table_id AS id FROM grid_rows ORDER BY table_id').all() as { id: string }[]).map((r) => r.id);
  }

  change(change: Change): ChangeResult {
    return this.commit(() => {
      if (change.baseRevision !== undefined && change.baseRevision !== this.revision()) throw new CoreError('CONFLICT');
      const meta = this.meta();
      const ctx = {
        applier: this.applier,
        meta,
        table: (id: string) => this.table(id),
        forward: [] as Op[],
        backward: [] as Op[],
        inserted: [] as string[],
        tables: new Set<string>(),
      };
      for (const edit of change.edits) applyEdit(edit, ctx);
      this.stmts.dropRedo.run();
      this.stmts.push.run(change.label ?? '编辑', JSON.stringify(ctx.forward), JSON.stringify(ctx.backward.reverse()), new Date().toISOString());
      this.stmts.prune.run(HISTORY_LIMIT);
      return { inserted: ctx.inserted, tables: ctx.tables };
    });
  }

  undo(): ChangeResult {
    return this.commit(() => {
      const entry = this.stmts.lastDone.get();
      if (!entry) throw new CoreError('NOTHING_TO_UNDO');
      const tables = this.replay(JSON.parse(entry.backward) as Op[]);
      this.stmts.markUndone.run(1, entry.seq);
      return { inserted: [], tables };
    });
  }

  redo(): ChangeResult {
    return this.commit(() => {
      const entry = this.stmts.firstUndone.get();
      if (!entry) throw new CoreError('NOTHING_TO_REDO');
      const tables = this.replay(JSON.parse(entry.forward) as Op[]);
      this.stmts.markUndone.run(0, entry.seq);
      return { inserted: [], tables };
    });
  }

  /**
   * Appends rows with their ids after any existing ones, as one commit without undo history: the bulk
   * load of a JSON import. Positions are assigned directly, since inserting row by row re-counts the
   * table each time and turns a 100k-row import into minutes.
   */
  appendRows(tableId: string, rows: GridRow[]): void {
    const insert = this.db.prepare<[string, string, number, string]>('INSERT INTO grid_rows (id, table_id, position, cells) VALUES (?, ?, ?, ?)');
    this.commit(() => {
      const start = this.applier.rowCount(tableId);
      for (const [index, row] of rows.entries()) insert.run(row.id, tableId, start + index, JSON.stringify(sortKeys(row.cells)));
      return { inserted: [], tables: new Set([tableId]) };
    });
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private replay(ops: Op[]): Set<string> {
    const tables = new Set<string>();
    for (const op of ops) {
      this.applier.apply(op);
      tables.add(op.op === 'setMeta' ? '*meta' : op.tableId);
    }
    return tables;
  }

  /** One IMMEDIATE transaction per change: durable (synchronous=FULL) before the caller hears back. */
  private commit(body: () => { inserted: string[]; tables: Set<string> }): ChangeResult {
    const outcome = this.db
      .transaction(() => {
        const result = body();
        this.applier.setMeta('revision', this.revision() + 1);
        return result;
      })
      .immediate();
    return { state: this.state(), insertedRowIds: outcome.inserted, tablesChanged: [...outcome.tables].sort() };
  }
}

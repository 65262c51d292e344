import type { ChangeResult, Edit } from '../../../shared/api/contract';
import type { ApiError, Result } from '../../../shared/api/result';
import type { TableSet } from '../../../shared/tables/schema';
import type { GridRow, WorkbookState } from '../../../shared/workbook/types';
import { call } from '../api/client';
import { shortReason, errorText } from '../api/messages';
import { windowClientId } from './clientId';

const HEARTBEAT_MS = 10_000;

export type SaveStatus = { kind: 'saved' } | { kind: 'saving' } | { kind: 'error'; reason: string; message: string };

export interface SessionSnapshot {
  state: WorkbookState | null;
  tableSet: TableSet | null;
  /** Rows as last loaded from the core, per table. */
  tables: ReadonlyMap<string, readonly GridRow[]>;
  status: SaveStatus;
  /** Set when the workbook could not be opened at all. */
  openError: ApiError | null;
}

export interface ChangeHooks {
  /** Runs after the core accepted the change and changed rows were reloaded, before anyone re-renders. */
  onDone?(result: ChangeResult): void;
  /** Runs after a refusal (and, for CONFLICT, after the reload), before anyone re-renders. */
  onFail?(error: ApiError): void;
}

/**
 * One open workbook as the renderer sees it. Every call that reads or writes goes through one queue, so a
 * change is always sent with the revision of the rows the clerk was looking at, even when edits are typed
 * faster than the host answers.
 */
export class WorkbookSession {
  private snapshot: SessionSnapshot = { state: null, tableSet: null, tables: new Map(), status: { kind: 'saved' }, openError: null };
  private readonly listeners = new Set<() => void>();
  private queue: Promise<unknown> = Promise.resolve();
  private pending = 0;
  /** The revision the loaded rows belong to; sent as baseRevision. */
  private revision = 0;
  private refused = false;
  private heartbeat: ReturnType<typeof setInterval> | null = null;
  private readonly clientId = windowClientId();

  constructor(readonly path: string) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): SessionSnapshot => this.snapshot;

  rows(tableId: string): readonly GridRow[] {
    return this.snapshot.tables.get(tableId) ?? [];
  }

  private set(patch: Partial<SessionSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...patch };
    for (const l of this.listeners) l();
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  open(): Promise<ApiError | null> {
    return this.enqueue(async () => {
      // The lease tells a second window that this file is already being edited here.
      const opened = await call('workbook.open', { path: this.path, clientId: this.clientId });
      if (!opened.ok) {
        this.set({ openError: opened.error });
        return opened.error;
      }
      const set = await call('tablesets.get', { id: opened.value.meta.tableSetId });
      if (!set.ok) {
        this.set({ openError: set.error });
        return set.error;
      }
      this.revision = opened.value.revision;
      this.set({ state: opened.value, tableSet: set.value, openError: null });
      this.startHeartbeat();
      return null;
    });
  }

  loadTable(tableId: string): Promise<ApiError | null> {
    return this.enqueue(async () => {
      const tables = new Map(this.snapshot.tables);
      const error = await this.fetchRows(tableId, tables);
      this.set({ tables });
      return error;
    });
  }

  /**
   * Sends one change. `build` runs when the change's turn comes, against the rows as they are then, and
   * may return null to drop the change (its target vanished meanwhile).
   */
  change(build: () => Edit[] | null, label: string, hooks: ChangeHooks = {}): Promise<Result<ChangeResult> | null> {
    this.beginWrite();
    return this.enqueue(async () => {
      const edits = build();
      if (edits === null || edits.length === 0) {
        this.set({ status: this.endWrite(null, true) });
        return null;
      }
      const r = await call('workbook.change', {
        path: this.path,
        change: { label: label.slice(0, 100), baseRevision: this.revision, edits },
      });
      return this.afterWrite(r, hooks);
    });
  }

  /**
   * Sends a change the core builds itself (an indicator paste or copy) through the same queue: it goes after
   * the edits typed before it, and edits typed while it is on its way wait for it and carry the revision it
   * produced (sent beside the queue, they would be refused as a conflict). `send` runs when its turn comes.
   */
  apply(send: () => Promise<Result<ChangeResult>>, hooks: ChangeHooks = {}): Promise<Result<ChangeResult>> {
    this.beginWrite();
    return this.enqueue(async () => this.afterWrite(await send(), hooks));
  }

  undo(hooks: ChangeHooks = {}): Promise<Result<ChangeResult>> {
    return this.history('workbook.undo', hooks);
  }

  redo(hooks: ChangeHooks = {}): Promise<Result<ChangeResult>> {
    return this.history('workbook.redo', hooks);
  }

  /**
   * The grid refused a text before sending it (e.g. letters in a money cell): nothing was stored, which the
   * status must say as long as the editor still holds that text. Null withdraws it (edit cancelled or fixed).
   */
  reportRefusal(error: ApiError | null): void {
    const status = this.snapshot.status;
    if (error) {
      if (this.pending === 0) this.set({ status: { kind: 'error', reason: shortReason(error), message: errorText(error) } });
      this.refused = true;
    } else if (this.refused) {
      this.refused = false;
      if (status.kind === 'error' && this.pending === 0) this.set({ status: { kind: 'saved' } });
    }
  }

  /** Gives up the lease (which closes the file in the core) once everything queued has been written. */
  close(): Promise<unknown> {
    this.stopHeartbeat();
    return this.enqueue(() => call('workbook.release', { path: this.path, clientId: this.clientId }));
  }

  /** The window is going away (closed or reloaded): free the file now rather than after the lease lapses. */
  releaseNow(): void {
    this.stopHeartbeat();
    void call('workbook.release', { path: this.path, clientId: this.clientId }, { keepalive: true });
  }

  private startHeartbeat(): void {
    this.stopHeartbeat();
    this.heartbeat = setInterval(() => {
      void call('workbook.heartbeat', { path: this.path, clientId: this.clientId }).then((r) => {
        // Only a lost lease matters here; a missed beat is retried by the next one.
        if (!r.ok && r.error.code === 'WORKBOOK_IN_USE') this.set({ status: { kind: 'error', reason: shortReason(r.error), message: errorText(r.error) } });
      });
    }, HEARTBEAT_MS);
  }

  private stopHeartbeat(): void {
    if (this.heartbeat !== null) clearInterval(this.heartbeat);
    this.heartbeat = null;
  }

  /** Loaded layouts whose rows live in one of the changed storage tables (several layouts may share one). */
  private affectedTables(changed: readonly string[], loaded: Iterable<string>): string[] {
    const tables = this.snapshot.tableSet?.tables ?? [];
    return [...loaded].filter((id) => {
      const def = tables.find((t) => t.id === id);
      return changed.includes(def?.store ?? id) || changed.includes(id);
    });
  }

  private history(method: 'workbook.undo' | 'workbook.redo', hooks: ChangeHooks): Promise<Result<ChangeResult>> {
    return this.apply(() => call(method, { path: this.path }), hooks);
  }

  private beginWrite(): void {
    this.pending += 1;
    this.refused = false;
    if (this.snapshot.status.kind !== 'saving') this.set({ status: { kind: 'saving' } });
  }

  private endWrite(error: ApiError | null, skipped = false): SaveStatus {
    this.pending -= 1;
    const current = this.snapshot.status;
    if (error) {
      // Nothing-to-undo and the like are answers, not failed saves.
      if (error.code === 'NOTHING_TO_UNDO' || error.code === 'NOTHING_TO_REDO') return this.pending > 0 ? current : { kind: 'saved' };
      return { kind: 'error', reason: shortReason(error), message: errorText(error) };
    }
    if (skipped && current.kind === 'error') return current;
    return this.pending > 0 ? { kind: 'saving' } : { kind: 'saved' };
  }

  private async afterWrite(r: Result<ChangeResult>, hooks: ChangeHooks): Promise<Result<ChangeResult>> {
    const tables = new Map(this.snapshot.tables);
    if (!r.ok) {
      let state = this.snapshot.state;
      if (r.error.code === 'CONFLICT') {
        // Someone else moved the workbook on: show what is really stored before the clerk tries again.
        const reopened = await call('workbook.open', { path: this.path });
        if (reopened.ok) {
          state = reopened.value;
          this.revision = reopened.value.revision;
        }
        for (const id of [...tables.keys()]) await this.fetchRows(id, tables);
      }
      hooks.onFail?.(r.error);
      this.set({ state, tables, status: this.endWrite(r.error) });
      return r;
    }
    this.revision = r.value.state.revision;
    for (const id of this.affectedTables(r.value.tablesChanged, tables.keys())) await this.fetchRows(id, tables);
    // The workbook switched to another set (or an undo switched it back): the layouts follow.
    const setId = r.value.state.meta.tableSetId;
    let tableSet = this.snapshot.tableSet;
    if (tableSet?.id !== setId) {
      const got = await call('tablesets.get', { id: setId });
      if (got.ok) tableSet = got.value;
    }
    hooks.onDone?.(r.value);
    this.set({ state: r.value.state, tableSet, tables, status: this.endWrite(null) });
    return r;
  }

  private async fetchRows(tableId: string, into: Map<string, readonly GridRow[]>): Promise<ApiError | null> {
    const r = await call('workbook.rows', { path: this.path, tableId });
    if (!r.ok) return r.error;
    into.set(tableId, r.value.rows);
    this.revision = r.value.revision;
    return null;
  }
}

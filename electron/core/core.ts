import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { isMethodName, methods, type MethodName, type MethodOutput, type Methods } from '../../shared/api/contract.js';
import { makeError } from '../../shared/api/errors-zh.js';
import type { Result } from '../../shared/api/result.js';
import { DEFAULT_TABLE_SET_ID, TableSetRegistry } from '../../shared/tables/registry.js';
import type { WorkbookMeta } from '../../shared/workbook/types.js';
import { DerivedService } from './derived.js';
import { backupNow, BackupService, findBackupDir, ownedBackup, type BackupPolicy, type BackupReason } from './backups.js';
import { CoreError, toApiError } from './errors.js';
import { exportWorkbookJsonFile, importJsonToLibrary } from './interchange.js';
import { fileInfo, Library } from './library.js';
import { assertFileInPlace, Leases, rememberFile } from './lock.js';
import { explainOpenFailure, putInPlace, saveAsTarget, saveCopy, settleLeftoverWal } from './recovery.js';
import { LATEST_VERSION } from './workbook/migrations.js';
import { perfHandlers } from './perf/handlers.js';
import { openWorkbookDb } from './workbook/open.js';
import { storeOf } from './workbook/edits.js';
import { Workbook } from './workbook/workbook.js';

export interface CoreOptions {
  dataDir: string;
  host: 'electron' | 'local' | 'test';
  /** Extra table-set JSON documents (e.g. a province's set dropped into the data folder). */
  extraTableSets?: unknown[];
  /** Overrides of the automatic backup policy (tests use short intervals). */
  backupPolicy?: Partial<BackupPolicy>;
}

type Handler<M extends MethodName> = (input: z.output<Methods[M]['input']>) => MethodOutput<M> | Promise<MethodOutput<M>>;
type Handlers = { [M in MethodName]: Handler<M> };

export const APP_VERSION: string = (() => {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    return pkg.version;
  } catch {
    return '0.0.0';
  }
})();

/** The Node core: the only place with logic. Hosts call `call(name, input)` and relay the result value. */
export class Core {
  readonly library: Library;
  readonly tableSets: TableSetRegistry;
  private readonly open = new Map<string, Workbook>();
  private readonly handlers: Handlers;
  readonly backups: BackupService;
  private readonly leases = new Leases();
  readonly derived: DerivedService;

  constructor(readonly options: CoreOptions) {
    this.library = new Library(options.dataDir);
    this.tableSets = new TableSetRegistry(options.extraTableSets);
    this.derived = new DerivedService(options.dataDir, this.tableSets);
    this.backups = new BackupService(this.library.backupsDir, options.backupPolicy);
    this.handlers = this.makeHandlers();
  }

  async call(name: string, input: unknown): Promise<Result<unknown>> {
    if (!isMethodName(name)) return { ok: false, error: makeError('UNKNOWN_METHOD', { method: String(name).slice(0, 80) }) };
    const parsed = methods[name].input.safeParse(input ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
      return { ok: false, error: makeError('VALIDATION', { issue: `${where}${issue?.message ?? '格式错误'}`.slice(0, 300) }) };
    }
    try {
      const handler = this.handlers[name] as (i: unknown) => unknown;
      return { ok: true, value: await handler(parsed.data) };
    } catch (err) {
      const p = (parsed.data as { path?: unknown }).path;
      return { ok: false, error: toApiError(err, typeof p === 'string' ? p : undefined) };
    }
  }

  /** The open workbook at `file`, opening it (and migrating, after a backup) on first use. */
  workbook(file: string): Workbook {
    const key = path.resolve(file);
    const cached = this.open.get(key);
    if (cached?.db.open) {
      try {
        assertFileInPlace(cached);
      } catch (err) {
        this.closeWorkbook(key);
        throw err;
      }
      return cached;
    }
    let db;
    try {
      settleLeftoverWal(key);
      db = openWorkbookDb(key, {
        create: false,
        beforeMigrate: (handle) => backupNow(this.library.backupsDir, handle, key, 'pre-migration'),
      });
    } catch (err) {
      throw explainOpenFailure(this.library.backupsDir, key, err);
    }
    const wb = new Workbook(key, db, (setId, tableId) => this.tableSets.table(setId, tableId));
    rememberFile(wb);
    this.open.set(key, wb);
    return wb;
  }

  createWorkbook(file: string, meta: WorkbookMeta): Workbook {
    const key = path.resolve(file);
    if (existsSync(key)) throw new CoreError('ALREADY_EXISTS', { path: key });
    if (!this.tableSets.get(meta.tableSetId)) throw new CoreError('NOT_FOUND', { what: '表格套表', path: meta.tableSetId });
    const db = openWorkbookDb(key, { create: true });
    const wb = new Workbook(key, db, (setId, tableId) => this.tableSets.table(setId, tableId));
    wb.initialise(meta, APP_VERSION);
    rememberFile(wb);
    this.open.set(key, wb);
    return wb;
  }

  /** Whether `file` is open in this core (a reader can then leave it open for its other users). */
  isOpen(file: string): boolean {
    return this.open.get(path.resolve(file))?.db.open === true;
  }

  closeWorkbook(file: string): void {
    const key = path.resolve(file);
    try {
      this.open.get(key)?.close();
    } finally {
      this.open.delete(key);
    }
  }

  /** A backup of `file` now; importers call this with 'pre-import' before replacing content. */
  backupWorkbook(file: string, reason: BackupReason = 'manual') {
    return this.backups.create(this.workbook(file), reason);
  }

  /** Periodic backups of open workbooks changed since their last backup; hosts start this once. */
  startAutoBackup(intervalMs?: number): void {
    this.backups.start(() => this.open.values(), intervalMs);
  }

  stopAutoBackup(): void {
    this.backups.stop();
  }

  closeAll(): void {
    this.stopAutoBackup();
    for (const wb of this.open.values()) wb.close();
    this.open.clear();
  }

  private listEntry(file: string) {
    try {
      const info = fileInfo(file);
      try {
        const wasOpen = this.open.has(path.resolve(file));
        const meta = this.workbook(file).meta();
        // Listing must not keep files locked against other programs.
        if (!wasOpen) this.closeWorkbook(file);
        return { path: file, fileName: path.basename(file), meta, problem: null, ...info };
      } catch (err) {
        return { path: file, fileName: path.basename(file), meta: null, problem: toApiError(err, file).message, ...info };
      }
    } catch {
      return null;
    }
  }

  private makeHandlers(): Handlers {
    return {
      'app.info': () => ({
        version: APP_VERSION,
        host: this.options.host,
        dataDir: this.options.dataDir,
        libraryDir: this.library.libraryDir,
        formatVersion: LATEST_VERSION,
      }),
      'tablesets.list': () => this.tableSets.list().map(({ id, name, region, year }) => ({ id, name, region, year })),
      'tablesets.get': ({ id }) => {
        const set = this.tableSets.get(id);
        if (!set) throw new CoreError('NOT_FOUND', { what: '表格套表', path: id });
        return set;
      },
      'library.list': () => {
        const workbooks = this.library.libraryFiles().map((f) => this.listEntry(f)).filter((e) => e !== null);
        const recent = this.library
          .recent()
          .map((f) => this.listEntry(f))
          .filter((e) => e !== null);
        return { workbooks, recent };
      },
      'library.create': ({ meta, fileName }) => {
        const set = this.tableSets.get(meta.tableSetId ?? DEFAULT_TABLE_SET_ID);
        const full: WorkbookMeta = {
          deptName: meta.deptName,
          year: meta.year,
          unitCode: meta.unitCode ?? '',
          moneyUnit: meta.moneyUnit ?? set?.moneyUnit ?? '万元',
          scope: meta.scope ?? '本级',
          tableSetId: meta.tableSetId ?? DEFAULT_TABLE_SET_ID,
        };
        const file = this.library.newPath(fileName ?? `${full.deptName}-${full.year}年`, fileName !== undefined);
        const wb = this.createWorkbook(file, full);
        this.library.touchRecent(wb.path);
        return wb.state();
      },
      'library.rename': ({ path: file, newName }) => {
        const from = path.resolve(file);
        this.closeWorkbook(from);
        return { path: this.library.rename(from, newName) };
      },
      'library.delete': ({ path: file }) => {
        const from = path.resolve(file);
        if (!existsSync(from)) throw new CoreError('NOT_FOUND', { what: '工作簿', path: from });
        this.closeWorkbook(from);
        return this.library.recycle(from);
      },
      'library.recycled': () => this.library.recycled(),
      'library.restore': ({ recycledPath }) => ({ path: this.library.restore(recycledPath) }),
      'library.forgetRecent': ({ path: file }) => {
        this.library.forgetRecent(path.resolve(file));
        return null;
      },
      'workbook.open': ({ path: file, clientId }) => {
        if (clientId) this.leases.claim(path.resolve(file), clientId);
        const wb = this.workbook(file);
        this.library.touchRecent(wb.path);
        this.backups.onOpen(wb);
        return wb.state();
      },
      'workbook.heartbeat': ({ path: file, clientId }) => {
        this.leases.claim(path.resolve(file), clientId);
        return { leaseMs: this.leases.ttlMs };
      },
      'workbook.release': ({ path: file, clientId }) => {
        if (this.leases.release(path.resolve(file), clientId)) this.closeWorkbook(file);
        return null;
      },
      'workbook.saveAs': ({ path: file, target, overwrite }) => {
        const wb = this.workbook(file);
        const dest = saveAsTarget(wb.path, target, overwrite ?? false);
        saveCopy(wb.db, dest, (old) => {
          this.closeWorkbook(old);
          return this.library.recycle(old).recycledPath;
        });
        const copy = this.workbook(dest);
        this.library.touchRecent(copy.path);
        return copy.state();
      },
      'backups.list': ({ path: file }) => this.backups.list(file, this.open.get(path.resolve(file))),
      'backups.create': ({ path: file }) => this.backupWorkbook(file, 'manual'),
      'backups.restore': ({ path: file, backupFile }) => {
        const wb = this.workbook(file);
        putInPlace(wb.path, ownedBackup(this.backups.dirOf(wb), backupFile), {
          revisionAtLeast: wb.revision() + 1,
          beforeSwap: () => {
            this.backups.create(wb, 'pre-restore');
            this.closeWorkbook(wb.path);
          },
        });
        return this.workbook(wb.path).state();
      },
      'recovery.restoreFromBackup': ({ path: file, backupFile }) => {
        const key = path.resolve(file);
        const source = ownedBackup(findBackupDir(this.library.backupsDir, key), backupFile);
        this.closeWorkbook(key);
        const damagedPath = putInPlace(key, source, { keepAs: 'damaged' });
        return { state: this.workbook(key).state(), damagedPath };
      },
      'workbook.close': ({ path: file }) => {
        this.closeWorkbook(file);
        return null;
      },
      'workbook.rows': ({ path: file, tableId }) => {
        const wb = this.workbook(file);
        return { revision: wb.revision(), rows: wb.rows(storeOf(wb.table(tableId))) };
      },
      'workbook.change': ({ path: file, change }) => {
        const wb = this.workbook(file);
        this.backups.beforeChange(wb, change);
        const result = wb.change(change);
        this.derived.noteChange(wb, result, change);
        return result;
      },
      'workbook.undo': ({ path: file }) => {
        const wb = this.workbook(file);
        const result = wb.undo();
        this.derived.noteChange(wb, result);
        return result;
      },
      'workbook.redo': ({ path: file }) => {
        const wb = this.workbook(file);
        const result = wb.redo();
        this.derived.noteChange(wb, result);
        return result;
      },
      'workbook.exportJson': ({ path: file, out }) => exportWorkbookJsonFile(this.workbook(file), out),
      'library.importJson': ({ jsonPath, out }) => importJsonToLibrary(this, jsonPath, out),
      'workbook.tables': ({ path: file, unit, tableSetId }) => this.derived.overview(this.workbook(file), unit, tableSetId),
      'workbook.derived': ({ path: file, tableId, unit, tableSetId }) => this.derived.table(this.workbook(file), tableId, unit, tableSetId),
      'workbook.drill': ({ path: file, tableId, rowKey, col, unit, tableSetId }) =>
        this.derived.drill(this.workbook(file), tableId, rowKey, col, unit, tableSetId),
      'workbook.factSums': ({ path: file, queries, unit, prev }) => this.derived.sums(this.workbook(file), queries, unit, prev),
      ...perfHandlers(this),
    };
  }
}

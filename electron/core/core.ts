import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { isMethodName, methods, type MethodName, type MethodOutput, type Methods } from '../../shared/api/contract.js';
import { makeError } from '../../shared/api/errors-zh.js';
import type { Result } from '../../shared/api/result.js';
import { DEFAULT_TABLE_SET_ID, TableSetRegistry } from '../../shared/tables/registry.js';
import type { WorkbookMeta } from '../../shared/workbook/types.js';
import { backupNow } from './backups.js';
import { CoreError, toApiError } from './errors.js';
import { fileInfo, Library } from './library.js';
import { openWorkbookDb } from './workbook/open.js';
import { Workbook } from './workbook/workbook.js';

export interface CoreOptions {
  dataDir: string;
  host: 'electron' | 'local' | 'test';
  /** Extra table-set JSON documents (e.g. a province's set dropped into the data folder). */
  extraTableSets?: unknown[];
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

  constructor(readonly options: CoreOptions) {
    this.library = new Library(options.dataDir);
    this.tableSets = new TableSetRegistry(options.extraTableSets);
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
    if (cached?.db.open) return cached;
    const db = openWorkbookDb(key, {
      create: false,
      beforeMigrate: (handle) => backupNow(this.library.backupsDir, handle, key, 'pre-migration'),
    });
    const wb = new Workbook(key, db, (setId, tableId) => this.tableSets.table(setId, tableId));
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
    this.open.set(key, wb);
    return wb;
  }

  closeWorkbook(file: string): void {
    const key = path.resolve(file);
    this.open.get(key)?.close();
    this.open.delete(key);
  }

  closeAll(): void {
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
        formatVersion: 1,
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
      'workbook.open': ({ path: file }) => {
        const wb = this.workbook(file);
        this.library.touchRecent(wb.path);
        return wb.state();
      },
      'workbook.close': ({ path: file }) => {
        this.closeWorkbook(file);
        return null;
      },
      'workbook.rows': ({ path: file, tableId }) => {
        const wb = this.workbook(file);
        wb.table(tableId);
        return { revision: wb.revision(), rows: wb.rows(tableId) };
      },
      'workbook.change': ({ path: file, change }) => this.workbook(file).change(change),
      'workbook.undo': ({ path: file }) => this.workbook(file).undo(),
      'workbook.redo': ({ path: file }) => this.workbook(file).redo(),
    };
  }
}

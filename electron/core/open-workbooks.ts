import { existsSync } from 'node:fs';
import path from 'node:path';
import type { TableSetRegistry } from '../../shared/tables/registry.js';
import type { WorkbookMeta } from '../../shared/workbook/types.js';
import { backupNow } from './backups.js';
import { CoreError } from './errors.js';
import { assertFileInPlace, rememberFile } from './lock.js';
import { explainOpenFailure, settleLeftoverWal } from './recovery.js';
import { APP_VERSION } from './version.js';
import { openWorkbookDb } from './workbook/open.js';
import { Workbook } from './workbook/workbook.js';

/** The workbooks this core has open, by absolute path; opened (and migrated, after a backup) on first use. */
export class OpenWorkbooks {
  private readonly open = new Map<string, Workbook>();

  constructor(
    private readonly backupsDir: string,
    private readonly tableSets: TableSetRegistry,
  ) {}

  get(file: string): Workbook {
    const key = path.resolve(file);
    const cached = this.open.get(key);
    if (cached?.db.open) {
      try {
        assertFileInPlace(cached);
      } catch (err) {
        this.close(key);
        throw err;
      }
      return cached;
    }
    let db;
    try {
      settleLeftoverWal(key);
      db = openWorkbookDb(key, {
        create: false,
        beforeMigrate: (handle) => backupNow(this.backupsDir, handle, key, 'pre-migration'),
      });
    } catch (err) {
      throw explainOpenFailure(this.backupsDir, key, err);
    }
    return this.remember(key, db);
  }

  create(file: string, meta: WorkbookMeta): Workbook {
    const key = path.resolve(file);
    if (existsSync(key)) throw new CoreError('ALREADY_EXISTS', { path: key });
    if (!this.tableSets.get(meta.tableSetId)) throw new CoreError('NOT_FOUND', { what: '表格套表', path: meta.tableSetId });
    const wb = this.remember(key, openWorkbookDb(key, { create: true }));
    wb.initialise(meta, APP_VERSION);
    return wb;
  }

  private remember(key: string, db: Workbook['db']): Workbook {
    const wb = new Workbook(key, db, (setId, tableId) => this.tableSets.table(setId, tableId));
    rememberFile(wb);
    this.open.set(key, wb);
    return wb;
  }

  /** The workbook at `file` if it is open now (never opens it). */
  peek(file: string): Workbook | undefined {
    const wb = this.open.get(path.resolve(file));
    return wb?.db.open ? wb : undefined;
  }

  close(file: string): void {
    const key = path.resolve(file);
    try {
      this.open.get(key)?.close();
    } finally {
      this.open.delete(key);
    }
  }

  values(): IterableIterator<Workbook> {
    return this.open.values();
  }

  closeAll(): void {
    for (const wb of this.open.values()) wb.close();
    this.open.clear();
  }
}

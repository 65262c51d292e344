import type Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

export type BackupReason = 'pre-migration' | 'on-open' | 'periodic' | 'pre-bulk' | 'pre-restore' | 'pre-import';

/** Which folder holds a workbook's backups: keyed by its id, so renames and moves keep the history together. */
export function backupDirFor(backupsRoot: string, db: Database.Database, file: string): string {
  let id = '';
  try {
    const row = db.prepare("SELECT value FROM meta WHERE key = 'workbookId'").get() as { value: string } | undefined;
    if (row) id = String(JSON.parse(row.value));
  } catch {
    // A file too old or damaged to have an id still gets a folder, named after the file.
  }
  return path.join(backupsRoot, id || path.basename(file).replace(/[^\w\u4e00-\u9fff.-]/g, '_'));
}

/** A consistent copy (including what is still in the WAL) taken through SQLite itself. */
export function backupNow(backupsRoot: string, db: Database.Database, file: string, reason: BackupReason): string {
  const dir = backupDirFor(backupsRoot, db, file);
  mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const target = path.join(dir, `${stamp}__${reason}.bdwb`);
  db.prepare('VACUUM INTO ?').run(target);
  return target;
}

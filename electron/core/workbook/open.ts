import Database from 'better-sqlite3';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { CoreError } from '../errors.js';
import { APPLICATION_ID, LATEST_VERSION, migrations } from './migrations.js';

const SQLITE_HEADER = 'SQLite format 3\u0000';

export interface OpenDbOptions {
  create: boolean;
  /** Called before migrating an existing file, so a backup of the old version exists first. */
  beforeMigrate?: (db: Database.Database, fromVersion: number) => void;
}

function readHeader(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(100);
    const n = readSync(fd, buf, 0, 100, 0);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/** Cheap checks before SQLite touches the file, so a foreign file is never modified. */
export function checkWorkbookFile(path: string): void {
  const stat = statSync(path);
  if (!stat.isFile()) throw new CoreError('NOT_A_WORKBOOK', { path });
  const header = readHeader(path);
  if (header.length < 100 || header.subarray(0, 16).toString('latin1') !== SQLITE_HEADER) {
    throw new CoreError('NOT_A_WORKBOOK', { path });
  }
  if (header.readUInt32BE(68) !== APPLICATION_ID) throw new CoreError('NOT_A_WORKBOOK', { path });
  const pageSize = header.readUInt16BE(16) === 1 ? 65536 : header.readUInt16BE(16);
  const pages = header.readUInt32BE(28);
  // A copy cut short (USB pulled, download interrupted) is shorter than its header says.
  if (pages > 0 && stat.size < pageSize * pages) throw new CoreError('WORKBOOK_CORRUPT', { path });
}

/**
 * Opens a workbook with the settings every promise rests on: WAL with synchronous=FULL (a commit
 * is on disk before we answer) and an exclusive lock (a second process gets WORKBOOK_IN_USE; the
 * OS drops the lock when a process dies, so a crash never leaves the file blocked).
 */
export function openWorkbookDb(path: string, opts: OpenDbOptions): Database.Database {
  if (!opts.create) checkWorkbookFile(path);
  const db = new Database(path, { fileMustExist: !opts.create, timeout: 100 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    if (!opts.create) {
      const check = db.pragma('quick_check', { simple: true });
      if (check !== 'ok') throw new CoreError('WORKBOOK_CORRUPT', { path });
    }
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > LATEST_VERSION) {
      throw new CoreError('WORKBOOK_TOO_NEW', { path, fileVersion: version, supportedVersion: LATEST_VERSION });
    }
    if (version < LATEST_VERSION) {
      if (version > 0) opts.beforeMigrate?.(db, version);
      migrate(db, version);
    }
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/** Runs every pending migration in one transaction together with the version bump. */
export function migrate(db: Database.Database, from: number, upTo = LATEST_VERSION): void {
  db.transaction(() => {
    if (from === 0) db.pragma(`application_id = ${APPLICATION_ID}`);
    for (const m of migrations) if (m.version > from && m.version <= upTo) m.up(db);
    db.pragma(`user_version = ${upTo}`);
  }).immediate();
}

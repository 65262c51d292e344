import Database from 'better-sqlite3';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { CoreError } from '../errors.js';
import { APPLICATION_ID, LATEST_VERSION, migrations, type Migration } from './migrations.js';

const SQLITE_HEADER = 'SQLite format 3\u0000';

export interface OpenDbOptions {
  create: boolean;
  /** Called before migrating an existing file, so a backup of the old version exists first. */
  beforeMigrate?: (db: Database.Database, fromVersion: number) => void;
  /** The migration list; defaults to the app's. A seam for tests of future-version migration paths. */
  migrations?: readonly Migration[];
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
  const nativeBinding = process.env.BUDGETDESK_SQLITE_BINDING;
  const db = new Database(path, { fileMustExist: !opts.create, timeout: 100, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    // Read-only checks first: a file we refuse must not have been written to (not even switched to WAL).
    if (!opts.create) {
      const check = db.pragma('quick_check', { simple: true });
      if (check !== 'ok') throw new CoreError('WORKBOOK_CORRUPT', { path });
    }
    const list = opts.migrations ?? migrations;
    const latest = list[list.length - 1]!.version;
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > latest) {
      throw new CoreError('WORKBOOK_TOO_NEW', { path, fileVersion: version, supportedVersion: latest });
    }
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    if (version < latest) {
      if (version > 0) opts.beforeMigrate?.(db, version);
      migrate(db, version, latest, list);
    }
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/** Runs every pending migration in one transaction together with the version bump. */
export function migrate(db: Database.Database, from: number, upTo = LATEST_VERSION, list: readonly Migration[] = migrations): void {
  db.transaction(() => {
    if (from === 0) db.pragma(`application_id = ${APPLICATION_ID}`);
    for (const m of list) if (m.version > from && m.version <= upTo) m.up(db);
    db.pragma(`user_version = ${upTo}`);
  }).immediate();
}

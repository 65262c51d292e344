import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { accessSync, constants, copyFileSync, existsSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { WORKBOOK_EXTENSION } from '../../shared/workbook/types.js';
import { fsyncPath, idFromDb, isSoundWorkbook, latestSoundBackup, publish, tempBeside, workbookIdFromFile } from './backups.js';
import { CoreError, toApiError } from './errors.js';
import { APPLICATION_ID } from './workbook/migrations.js';

/** SQLite's companions of a WAL-mode file; they belong to that file and travel with it. */
const SIDE_SUFFIXES = ['-wal', '-shm'];

/**
 * Checks a -wal found beside a workbook before the workbook is opened for work. SQLite replays any
 * valid WAL, even one copied in from another file, and folds it into this file for good on close;
 * so the WAL is first read through a read-only connection (which never writes back) and must leave
 * a sound workbook with the same id as the main file. Then it is folded in, so the header checks
 * that follow see it: a workbook killed before its first checkpoint has a blank header on disk.
 */
export function settleLeftoverWal(file: string): void {
  const wal = `${file}-wal`;
  if (!existsSync(file) || !existsSync(wal) || statSync(wal).size === 0) return;
  const idBefore = workbookIdFromFile(file);
  let sound = false;
  let idAfter = '';
  const ro = new Database(file, { readonly: true, fileMustExist: true, timeout: 100 });
  try {
    sound = ro.pragma('application_id', { simple: true }) === APPLICATION_ID && ro.pragma('quick_check', { simple: true }) === 'ok';
    idAfter = idFromDb(ro);
  } catch (err) {
    // Busy (another program has it) and I/O errors are reported as such; only damage is ours to judge.
    if (toApiError(err).code !== 'WORKBOOK_CORRUPT') throw err;
  } finally {
    ro.close();
  }
  if (!sound || (idBefore !== '' && idAfter !== idBefore)) throw new CoreError('WORKBOOK_CORRUPT', { path: file });
  const rw = new Database(file, { fileMustExist: true, timeout: 100 });
  try {
    rw.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    rw.close();
  }
}

function writable(file: string): boolean {
  try {
    accessSync(path.dirname(file), constants.W_OK);
    if (existsSync(file)) accessSync(file, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** SQLite reports a read-only disk as a failure to open or lock; the clerk should hear "read-only". */
function asStorageError(file: string, err: unknown): unknown {
  const code = toApiError(err, file).code;
  return code === 'IO_ERROR' && !writable(file) ? new CoreError('READ_ONLY', { path: file }) : err;
}

/**
 * The error the clerk should see for a workbook that would not open. A damaged one carries the
 * newest backup that passes a full integrity check, for the recovery dialog. A file we hold
 * backups of that no longer reads as a workbook at all (zeroed, overwritten) is a damaged workbook
 * too; without backups it stays "not a workbook", since it may simply be some other file.
 */
export function explainOpenFailure(backupsRoot: string, file: string, err: unknown): unknown {
  const code = toApiError(err, file).code;
  if (code === 'IO_ERROR' && existsSync(file)) return asStorageError(file, err);
  if (code !== 'WORKBOOK_CORRUPT' && code !== 'NOT_A_WORKBOOK') return err;
  const good = latestSoundBackup(backupsRoot, file);
  if (code === 'NOT_A_WORKBOOK' && !good) return err;
  return new CoreError('WORKBOOK_CORRUPT', good ? { path: file, latestGoodBackup: good } : { path: file });
}

/** Keeps the file at `file` and its -wal/-shm as `<file>.<label>-<time>`; nothing is removed. */
export function setAside(file: string, label: string): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  let aside = `${file}.${label}-${stamp}`;
  for (let n = 2; existsSync(aside); n++) aside = `${file}.${label}-${stamp}-${n}`;
  if (existsSync(file)) {
    copyFileSync(file, aside);
    fsyncPath(aside);
  }
  for (const suffix of SIDE_SUFFIXES) if (existsSync(file + suffix)) renameSync(file + suffix, aside + suffix);
  return aside;
}

function hasSideFiles(file: string): boolean {
  return SIDE_SUFFIXES.some((suffix) => existsSync(file + suffix));
}

/**
 * Puts a copy of `source` at `file` (closed by `beforeSwap` at the latest): copied beside it,
 * flushed, renamed over, so the path holds the old file or the complete copy at every instant. The old file is kept
 * aside when `keepAs` is given, and always when it still has a -wal (which would otherwise be
 * replayed into the copy). Returns where the old file was kept, if anywhere.
 */
export function putInPlace(
  file: string,
  source: string,
  opts: { keepAs?: string; revisionAtLeast?: number; beforeSwap?: () => void } = {},
): string | null {
  const temp = tempBeside(file);
  try {
    // Staged first: `beforeSwap` may take a backup, whose pruning could otherwise remove `source`.
    copyFileSync(source, temp);
    if (opts.revisionAtLeast !== undefined) raiseRevision(temp, opts.revisionAtLeast);
    opts.beforeSwap?.();
    const keep = (opts.keepAs !== undefined && existsSync(file)) || hasSideFiles(file);
    const aside = keep ? setAside(file, opts.keepAs ?? 'replaced') : null;
    publish(temp, file);
    return aside;
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
}

/** Revisions only grow, so a window still holding the old revision gets CONFLICT rather than editing restored rows blindly. */
function raiseRevision(file: string, atLeast: number): void {
  const db = new Database(file, { fileMustExist: true });
  try {
    db.prepare("UPDATE meta SET value = ? WHERE key = 'revision' AND CAST(value AS INTEGER) < ?").run(JSON.stringify(atLeast), atLeast);
  } finally {
    db.close();
  }
}

/** Where 另存为 writes: the target with the workbook extension; never the source itself, nor (unless told) an existing file. */
export function saveAsTarget(source: string, target: string, overwrite: boolean): string {
  let dest = path.resolve(target);
  if (!dest.toLowerCase().endsWith(WORKBOOK_EXTENSION)) dest += WORKBOOK_EXTENSION;
  if (dest === path.resolve(source)) throw new CoreError('VALIDATION', { issue: '另存为的目标不能是当前工作簿本身' });
  if (!existsSync(path.dirname(dest))) throw new CoreError('NOT_FOUND', { what: '目标文件夹', path: path.dirname(dest) });
  if (existsSync(dest) && !overwrite) throw new CoreError('ALREADY_EXISTS', { path: dest });
  return dest;
}

/**
 * 另存为: a consistent copy of the open workbook written beside `dest` under a temp name, given its
 * own id (it is a separate file from now on, with its own backups), checked, then renamed into
 * place. A file already at `dest` is handed to `recycle` first (with its -wal/-shm), never deleted.
 */
export function saveCopy(db: Database.Database, dest: string, recycle: (file: string) => string): void {
  const temp = tempBeside(dest);
  try {
    db.prepare('VACUUM INTO ?').run(temp);
    const copy = new Database(temp, { fileMustExist: true });
    try {
      copy.prepare("UPDATE meta SET value = ? WHERE key = 'workbookId'").run(JSON.stringify(randomUUID()));
    } finally {
      copy.close();
    }
    if (!isSoundWorkbook(temp)) throw new CoreError('IO_ERROR', { path: dest, reason: '副本校验未通过' });
    if (existsSync(dest)) {
      const recycled = recycle(dest);
      for (const suffix of SIDE_SUFFIXES) if (existsSync(dest + suffix)) renameSync(dest + suffix, recycled + suffix);
    }
    publish(temp, dest);
  } catch (err) {
    rmSync(temp, { force: true });
    throw asStorageError(dest, err);
  }
}

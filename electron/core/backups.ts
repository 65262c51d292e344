import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BackupEntry, Change } from '../../shared/api/contract.js';
import { CoreError } from './errors.js';
import { APPLICATION_ID } from './workbook/migrations.js';
import type { Workbook } from './workbook/workbook.js';

export type BackupReason = 'pre-migration' | 'on-open' | 'periodic' | 'pre-bulk' | 'pre-restore' | 'pre-import' | 'manual';

/** Never pruned: the state before a format change, before a restore, and what the clerk saved on purpose. */
const KEPT_REASONS = new Set<string>(['pre-migration', 'pre-restore', 'manual']);
const KEEP_NEWEST = 20;
const KEEP_DAILY_DAYS = 14;
const DAY_MS = 86_400_000;
const NAME = /^(\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z)(?:-(\d+))?__([a-z-]+)\.bdwb$/;
/** Path → backup folder, so a file too damaged to tell its id still finds its backups. */
const INDEX_FILE = 'index.json';
/** Files larger than this are not read whole just to learn their id. */
const MAX_SNIFF_BYTES = 256 * 1024 * 1024;

// ---- durable file steps -------------------------------------------------------------------------

/** Flushes a file (or a folder entry, where the OS allows opening one) to the disk, not just the OS cache. */
export function fsyncPath(p: string, isDir = false): void {
  let fd: number;
  try {
    fd = openSync(p, isDir ? 'r' : 'r+');
  } catch (err) {
    if (isDir) return; // Windows cannot open a folder; NTFS journals the rename itself.
    throw err;
  }
  try {
    fsyncSync(fd);
  } catch (err) {
    if (!isDir) throw err;
  } finally {
    closeSync(fd);
  }
}

/** A hidden temp name in the target's own folder, so publishing it is a same-disk rename. */
export function tempBeside(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(4).toString('hex')}.partial`);
}

/** Puts a complete temp file in place in one step: anyone looking sees the old file or the whole new one. */
export function publish(temp: string, target: string): void {
  fsyncPath(temp);
  renameSync(temp, target);
  fsyncPath(path.dirname(target), true);
}

// ---- reading workbook files without opening them for work ---------------------------------------

/** Complete and ours? `full` also checks every index (slower; for choosing a backup to restore). */
export function isSoundWorkbook(file: string, full = false): boolean {
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true, timeout: 100 });
    try {
      if (db.pragma('application_id', { simple: true }) !== APPLICATION_ID) return false;
      return db.pragma(full ? 'integrity_check' : 'quick_check', { simple: true }) === 'ok';
    } finally {
      db.close();
    }
  } catch {
    return false;
  }
}

function readSummary(file: string): BackupEntry['summary'] {
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true, timeout: 100 });
    try {
      const rev = db.prepare("SELECT value FROM meta WHERE key = 'revision'").get() as { value: string } | undefined;
      const rows = db.prepare('SELECT count(*) AS n FROM grid_rows').get() as { n: number };
      return { revision: rev ? Number(JSON.parse(rev.value)) : 0, rows: rows.n };
    } finally {
      db.close();
    }
  } catch {
    return null;
  }
}

/** The workbook id from its meta table, or '' for a file too old or damaged to have one. */
export function idFromDb(db: Database.Database): string {
  try {
    const row = db.prepare("SELECT value FROM meta WHERE key = 'workbookId'").get() as { value: string } | undefined;
    return row ? String(JSON.parse(row.value)) : '';
  } catch {
    return '';
  }
}

/**
 * The workbook id straight from the main file's bytes: no locks taken, no -wal replayed, nothing
 * written, so it is safe on a damaged file and tells us what the file was before any -wal.
 */
export function workbookIdFromFile(file: string): string {
  try {
    if (statSync(file).size > MAX_SNIFF_BYTES) return '';
    const bytes = readFileSync(file);
    if (bytes.length < 100) return '';
    // Marked as a rollback-journal image, SQLite reads the bytes as they are instead of asking for a -wal.
    bytes[18] = 1;
    bytes[19] = 1;
    const db = new Database(bytes, { readonly: true });
    try {
      return idFromDb(db);
    } finally {
      db.close();
    }
  } catch {
    return '';
  }
}

// ---- backup folders -----------------------------------------------------------------------------

function folderNameForFile(file: string): string {
  return path.basename(file).replace(/[^\w\u4e00-\u9fff.-]/g, '_');
}

/** Which folder holds a workbook's backups: keyed by its id, so renames and moves keep the history together. */
export function backupDirFor(backupsRoot: string, db: Database.Database, file: string): string {
  // A file too old or damaged to have an id still gets a folder, named after the file.
  return path.join(backupsRoot, idFromDb(db) || folderNameForFile(file));
}

function readIndex(backupsRoot: string): Record<string, string> {
  try {
    return JSON.parse(readFileSync(path.join(backupsRoot, INDEX_FILE), 'utf8')) as Record<string, string>;
  } catch {
    return {};
  }
}

function recordOrigin(backupsRoot: string, folder: string, file: string): void {
  const index = readIndex(backupsRoot);
  const key = path.resolve(file);
  if (index[key] === folder) return;
  index[key] = folder;
  const target = path.join(backupsRoot, INDEX_FILE);
  const temp = tempBeside(target);
  writeFileSync(temp, JSON.stringify(index, null, 1));
  renameSync(temp, target);
}

/** The backup folder of a workbook that may not open: by its id, else by where it was backed up from. */
export function findBackupDir(backupsRoot: string, file: string): string | null {
  const key = path.resolve(file);
  for (const folder of [workbookIdFromFile(key), readIndex(backupsRoot)[key], folderNameForFile(key)]) {
    if (folder && existsSync(path.join(backupsRoot, folder))) return path.join(backupsRoot, folder);
  }
  return null;
}

function parseName(name: string): { createdAt: string; seq: number; reason: string } | null {
  const m = NAME.exec(name);
  if (!m) return null;
  const createdAt = m[1]!.replace(/T(\d\d)-(\d\d)-(\d\d)-(\d{3})Z$/, 'T$1:$2:$3.$4Z');
  return { createdAt, seq: Number(m[2] ?? 1), reason: m[3]! };
}

/** Backups in `dir`, newest first; half-written copies (hidden temp names) are never listed. */
export function listBackups(dir: string, withSummary = false): BackupEntry[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const found: (BackupEntry & { seq: number })[] = [];
  for (const name of names) {
    const parsed = parseName(name);
    if (!parsed) continue;
    const file = path.join(dir, name);
    try {
      const sizeBytes = statSync(file).size;
      found.push({ file, createdAt: parsed.createdAt, reason: parsed.reason, sizeBytes, summary: withSummary ? readSummary(file) : null, seq: parsed.seq });
    } catch {
      // Removed while we looked.
    }
  }
  found.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.seq - a.seq);
  return found.map(({ seq: _seq, ...entry }) => entry);
}

function freshTarget(dir: string, reason: BackupReason): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  let target = path.join(dir, `${stamp}__${reason}.bdwb`);
  for (let n = 2; existsSync(target); n++) target = path.join(dir, `${stamp}-${n}__${reason}.bdwb`);
  return target;
}

function sweepPartials(dir: string): void {
  for (const name of readdirSync(dir)) if (name.startsWith('.') && name.endsWith('.partial')) rmSync(path.join(dir, name), { force: true });
}

/**
 * A consistent copy (including what is still in the WAL) taken through SQLite itself, written
 * under a temp name, checked, flushed and only then given its real name: a crash or a full disk
 * mid-copy leaves no half backup that could later be chosen for a restore.
 */
export function backupNow(backupsRoot: string, db: Database.Database, file: string, reason: BackupReason): string {
  const dir = backupDirFor(backupsRoot, db, file);
  mkdirSync(dir, { recursive: true });
  sweepPartials(dir);
  const target = freshTarget(dir, reason);
  const temp = tempBeside(target);
  try {
    db.prepare('VACUUM INTO ?').run(temp);
    if (!isSoundWorkbook(temp)) throw new CoreError('IO_ERROR', { path: target, reason: '备份副本校验未通过' });
    publish(temp, target);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
  try {
    recordOrigin(backupsRoot, path.basename(dir), file);
    pruneBackups(dir);
  } catch {
    // Bookkeeping only: the backup itself is complete and must not be reported as failed.
  }
  return target;
}

/**
 * Retention: the newest 20, the newest of each of the last 14 calendar days, and every backup of a kept
 * reason. Only ever called right after a new backup succeeded, so the newest always survives.
 */
export function pruneBackups(dir: string, now = Date.now()): string[] {
  const entries = listBackups(dir);
  const keep = new Set(entries.slice(0, KEEP_NEWEST).map((e) => e.file));
  const midnight = (t: Date) => new Date(t.getFullYear(), t.getMonth(), t.getDate()).getTime();
  const today = midnight(new Date(now));
  const days = new Set<number>();
  for (const e of entries) {
    if (KEPT_REASONS.has(e.reason)) keep.add(e.file);
    // Calendar days on the clerk's clock, today being the first of the 14 (rounded for DST).
    const daysAgo = Math.round((today - midnight(new Date(e.createdAt))) / DAY_MS);
    if (daysAgo < KEEP_DAILY_DAYS && !days.has(daysAgo)) {
      days.add(daysAgo);
      keep.add(e.file);
    }
  }
  if (keep.size === 0) return [];
  const removed = entries.filter((e) => !keep.has(e.file)).map((e) => e.file);
  for (const file of removed) rmSync(file, { force: true });
  return removed;
}

/** The newest backup that passes a full integrity check, for the recovery dialog. */
export function latestSoundBackup(backupsRoot: string, file: string): { file: string; createdAt: string } | null {
  const dir = findBackupDir(backupsRoot, file);
  for (const e of dir ? listBackups(dir) : []) if (isSoundWorkbook(e.file, true)) return { file: e.file, createdAt: e.createdAt };
  return null;
}

/** Accepts only a sound backup file directly inside `dir` (never a path the caller made up). */
export function ownedBackup(dir: string | null, backupFile: string): string {
  const file = path.resolve(backupFile);
  if (!dir) throw new CoreError('NOT_FOUND', { what: '该工作簿的备份' });
  if (path.dirname(file) !== path.resolve(dir) || !parseName(path.basename(file))) {
    throw new CoreError('VALIDATION', { issue: '所选文件不是该工作簿的备份，只能从该工作簿的备份列表中选择' });
  }
  if (!existsSync(file)) throw new CoreError('NOT_FOUND', { what: '备份', path: file });
  if (!isSoundWorkbook(file, true)) throw new CoreError('VALIDATION', { issue: '所选备份已损坏或不完整，请选择另一份备份' });
  return file;
}

// ---- when to back up ----------------------------------------------------------------------------

export interface BackupPolicy {
  /** On open, skip the backup when the newest one is younger than this. */
  onOpenMinutes: number;
  /** How often the timer backs up workbooks changed since their last backup. */
  periodicMinutes: number;
  /** A change touching this many cells, or deleting this many rows at once, is backed up first. */
  bulkCells: number;
  bulkDeleteRows: number;
}

export const DEFAULT_BACKUP_POLICY: BackupPolicy = { onOpenMinutes: 10, periodicMinutes: 10, bulkCells: 200, bulkDeleteRows: 20 };

export function isBulkChange(change: Change, policy: BackupPolicy = DEFAULT_BACKUP_POLICY): boolean {
  let cells = 0;
  for (const e of change.edits) {
    if (e.kind === 'setCells') cells += e.cells.length;
    else if (e.kind === 'insertRows') for (const row of e.rows) cells += Object.keys(row).length;
    else if (e.kind === 'deleteRows' && e.rowIds.length >= policy.bulkDeleteRows) return true;
  }
  return cells >= policy.bulkCells;
}

/** The automatic backups of one Core: on open, before bulk changes, and on a timer while there are changes. */
export class BackupService {
  readonly policy: BackupPolicy;
  /** Revision each workbook had when last backed up: equal now means the backup already holds it. */
  private readonly savedRevision = new Map<string, number>();
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    readonly root: string,
    policy: Partial<BackupPolicy> = {},
  ) {
    this.policy = { ...DEFAULT_BACKUP_POLICY, ...policy };
  }

  dirOf(wb: Workbook): string {
    return backupDirFor(this.root, wb.db, wb.path);
  }

  create(wb: Workbook, reason: BackupReason): BackupEntry {
    const revision = wb.revision();
    const file = backupNow(this.root, wb.db, wb.path, reason);
    this.savedRevision.set(wb.path, revision);
    const { createdAt, reason: named } = parseName(path.basename(file))!;
    return { file, createdAt, reason: named, sizeBytes: statSync(file).size, summary: readSummary(file) };
  }

  /** Lists without opening the workbook, so it also works for one that no longer opens. */
  list(file: string, open?: Workbook): BackupEntry[] {
    const dir = open ? this.dirOf(open) : findBackupDir(this.root, file);
    return dir ? listBackups(dir, true) : [];
  }

  onOpen(wb: Workbook): void {
    const newest = listBackups(this.dirOf(wb))[0];
    if (newest && Date.now() - Date.parse(newest.createdAt) < this.policy.onOpenMinutes * 60_000) {
      const summary = readSummary(newest.file);
      if (summary) this.savedRevision.set(wb.path, summary.revision);
      return;
    }
    this.bestEffort(wb, 'on-open');
  }

  /** Throws when the backup fails: a big paste or delete must not go ahead without its safety copy. */
  beforeChange(wb: Workbook, change: Change): void {
    if (isBulkChange(change, this.policy) && this.savedRevision.get(wb.path) !== wb.revision()) this.create(wb, 'pre-bulk');
  }

  tick(open: Iterable<Workbook>): void {
    for (const wb of open) if (wb.db.open && this.savedRevision.get(wb.path) !== wb.revision()) this.bestEffort(wb, 'periodic');
  }

  /** Starts the periodic timer; unref'd so it never keeps a CLI or test process alive. */
  start(open: () => Iterable<Workbook>, intervalMs = this.policy.periodicMinutes * 60_000): void {
    this.stop();
    this.timer = setInterval(() => this.tick(open()), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private bestEffort(wb: Workbook, reason: BackupReason): void {
    try {
      this.create(wb, reason);
    } catch (err) {
      // An automatic backup that fails (disk full, backup folder gone) must not stop the clerk's work.
      console.warn(`[backups] ${reason} backup of ${wb.path} failed:`, err instanceof Error ? err.message : err);
    }
  }
}

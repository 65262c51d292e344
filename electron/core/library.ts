import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { RecycledEntry } from '../../shared/api/contract.js';
import { WORKBOOK_EXTENSION } from '../../shared/workbook/types.js';
import { CoreError } from './errors.js';

const RECENT_LIMIT = 20;

/** Where the app keeps its own files: the workbook library, the recycle area, backups, the recent list. */
export class Library {
  readonly libraryDir: string;
  readonly recycleDir: string;
  readonly backupsDir: string;
  private readonly recentFile: string;

  constructor(readonly dataDir: string) {
    this.libraryDir = path.join(dataDir, 'workbooks');
    this.recycleDir = path.join(dataDir, 'recycle');
    this.backupsDir = path.join(dataDir, 'backups');
    this.recentFile = path.join(dataDir, 'recent.json');
    for (const dir of [this.libraryDir, this.recycleDir, this.backupsDir]) mkdirSync(dir, { recursive: true });
  }

  libraryFiles(): string[] {
    return readdirSync(this.libraryDir)
      .filter((f) => f.toLowerCase().endsWith(WORKBOOK_EXTENSION))
      .sort((a, b) => a.localeCompare(b, 'zh-CN'))
      .map((f) => path.join(this.libraryDir, f));
  }

  /** A free path in the library for a new workbook named after its department and year. */
  newPath(baseName: string, explicit: boolean): string {
    const clean = safeFileName(baseName);
    const first = path.join(this.libraryDir, clean + WORKBOOK_EXTENSION);
    if (!existsSync(first)) return first;
    if (explicit) throw new CoreError('ALREADY_EXISTS', { path: first });
    for (let n = 2; ; n++) {
      const candidate = path.join(this.libraryDir, `${clean}（${n}）${WORKBOOK_EXTENSION}`);
      if (!existsSync(candidate)) return candidate;
    }
  }

  recent(): string[] {
    try {
      const list = JSON.parse(readFileSync(this.recentFile, 'utf8')) as unknown;
      return Array.isArray(list) ? list.filter((p): p is string => typeof p === 'string') : [];
    } catch {
      return [];
    }
  }

  /** Best effort: a full data disk must not stop a clerk opening a workbook that lives elsewhere. */
  touchRecent(file: string): void {
    try {
      this.writeRecent([file, ...this.recent().filter((p) => p !== file)].slice(0, RECENT_LIMIT));
    } catch (err) {
      console.warn('[budgetdesk] recent list not updated:', err);
    }
  }

  forgetRecent(file: string): void {
    this.writeRecent(this.recent().filter((p) => p !== file));
  }

  replaceRecent(from: string, to: string): void {
    this.writeRecent(this.recent().map((p) => (p === from ? to : p)));
  }

  rename(file: string, newName: string): string {
    const target = path.join(path.dirname(file), safeFileName(newName.replace(/\.bdwb$/i, '')) + WORKBOOK_EXTENSION);
    if (target === file) return file;
    if (existsSync(target)) throw new CoreError('ALREADY_EXISTS', { path: target });
    renameSync(file, target);
    this.replaceRecent(file, target);
    return target;
  }

  /** Moves a workbook to the recycle area; nothing is ever deleted outright. */
  recycle(file: string): RecycledEntry {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    let recycledPath = path.join(this.recycleDir, `${stamp}__${path.basename(file)}`);
    // Never overwrite an earlier recycled copy (same name deleted twice within a millisecond, or a clock set back).
    for (let n = 2; existsSync(recycledPath) || existsSync(`${recycledPath}.json`); n++) {
      recycledPath = path.join(this.recycleDir, `${stamp}-${n}__${path.basename(file)}`);
    }
    moveFile(file, recycledPath);
    const entry: RecycledEntry = { recycledPath, originalPath: file, fileName: path.basename(file), deletedAt: new Date().toISOString() };
    writeFileSync(`${recycledPath}.json`, JSON.stringify(entry, null, 2));
    this.forgetRecent(file);
    return entry;
  }

  recycled(): RecycledEntry[] {
    return readdirSync(this.recycleDir)
      .filter((f) => f.endsWith(`${WORKBOOK_EXTENSION}.json`))
      .map((f) => JSON.parse(readFileSync(path.join(this.recycleDir, f), 'utf8')) as RecycledEntry)
      .filter((e) => existsSync(e.recycledPath))
      .sort((a, b) => b.deletedAt.localeCompare(a.deletedAt));
  }

  restore(recycledPath: string): string {
    const entry = this.recycled().find((e) => e.recycledPath === recycledPath);
    if (!entry) throw new CoreError('NOT_FOUND', { what: '回收区中的工作簿', path: recycledPath });
    let target = entry.originalPath;
    if (existsSync(target)) target = this.newPath(path.basename(target, WORKBOOK_EXTENSION), false);
    moveFile(entry.recycledPath, target);
    unlinkSync(`${entry.recycledPath}.json`);
    this.touchRecent(target);
    return target;
  }

  private writeRecent(list: string[]): void {
    const tmp = `${this.recentFile}.tmp`;
    writeFileSync(tmp, JSON.stringify(list, null, 2));
    renameSync(tmp, this.recentFile);
  }
}

/** Renames, or copies then removes where the target is on another drive (a USB stick). */
export function moveFile(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (err) {
    if ((err as { code?: string }).code !== 'EXDEV') throw err;
    copyFileSync(from, to);
    unlinkSync(from);
  }
}

export function safeFileName(name: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what file names must not hold
  const cleaned = name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').replace(/^\.+/, '').trim();
  return (cleaned || '工作簿').slice(0, 100);
}

export function fileInfo(file: string): { modifiedAt: string; size: number } {
  const st = statSync(file);
  return { modifiedAt: st.mtime.toISOString(), size: st.size };
}

import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isBulkChange, listBackups, pruneBackups } from '../../electron/core/backups.js';
import { Core } from '../../electron/core/core.js';
import { callErr, callOk } from '../helpers/core.js';
import { noiseBytes, overwriteBytes, readBytes } from '../helpers/files.js';
import { useTempDirs } from '../helpers/hooks.js';
import { createSeed000Workbook, SEED_000_TABLE_ID } from '../helpers/seed000.js';

const temp = useTempDirs();
const T = SEED_000_TABLE_ID;

async function rows(core: Core, file: string) {
  return (await callOk(core, 'workbook.rows', { path: file, tableId: T })).rows;
}

async function list(core: Core, file: string) {
  return callOk(core, 'backups.list', { path: file });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('automatic backups', () => {
  it('backs up on open, at most once per interval per workbook', async () => {
    const core = temp.core();
    const { path: file } = await createSeed000Workbook(core);
    expect(await list(core, file)).toEqual([]);
    await callOk(core, 'workbook.open', { path: file });
    const first = await list(core, file);
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ reason: 'on-open', summary: { revision: 1, rows: 12 } });
    expect(first[0]!.sizeBytes).toBeGreaterThan(0);
    await callOk(core, 'workbook.open', { path: file });
    const restarted = temp.restart(core);
    await callOk(restarted, 'workbook.open', { path: file });
    expect(await list(restarted, file)).toHaveLength(1);
    restarted.closeAll();
    const eager = new Core({ dataDir: restarted.options.dataDir, host: 'test', backupPolicy: { onOpenMinutes: 0 } });
    try {
      await callOk(eager, 'workbook.open', { path: file });
      expect((await list(eager, file)).map((b) => b.reason)).toEqual(['on-open', 'on-open']);
    } finally {
      eager.closeAll();
    }
  });

  it('recognises bulk changes: 200 cells, or deleting 20 rows at once', () => {
    const cells = (n: number) => Array.from({ length: n }, (_, i) => ({ rowId: `r${i}`, col: 'name', text: 'x' }));
    expect(isBulkChange({ edits: [{ kind: 'setCells', tableId: T, cells: cells(199) }] })).toBe(false);
    expect(isBulkChange({ edits: [{ kind: 'setCells', tableId: T, cells: cells(200) }] })).toBe(true);
    const rowsOf = (n: number, cols: number) => Array.from({ length: n }, () => Object.fromEntries(Array.from({ length: cols }, (_, c) => [`c${c}`, 'x'])));
    expect(isBulkChange({ edits: [{ kind: 'insertRows', tableId: T, index: 0, rows: rowsOf(40, 5) }] })).toBe(true);
    expect(isBulkChange({ edits: [{ kind: 'insertRows', tableId: T, index: 0, rows: rowsOf(39, 5) }] })).toBe(false);
    expect(isBulkChange({ edits: [{ kind: 'deleteRows', tableId: T, rowIds: cells(20).map((c) => c.rowId) }] })).toBe(true);
    expect(isBulkChange({ edits: [{ kind: 'deleteRows', tableId: T, rowIds: cells(19).map((c) => c.rowId) }] })).toBe(false);
  });

  it('backs up before a bulk change, holding the state from before it', async () => {
    const core = temp.core();
    const { path: file, rowIds } = await createSeed000Workbook(core);
    const many = Array.from({ length: 40 }, (_, i) => ({ name: `批量${i}`, direction: '方向', amount: '1', goalPeriod: '目标', goalYear: '年度' }));
    await callOk(core, 'workbook.change', { path: file, change: { edits: [{ kind: 'setCells', tableId: T, cells: [{ rowId: rowIds[0]!, col: 'name', text: '小改' }] }] } });
    expect(await list(core, file)).toEqual([]);
    const pasted = await callOk(core, 'workbook.change', { path: file, change: { edits: [{ kind: 'insertRows', tableId: T, index: 0, rows: many }] } });
    const afterPaste = await list(core, file);
    expect(afterPaste).toHaveLength(1);
    expect(afterPaste[0]).toMatchObject({ reason: 'pre-bulk', summary: { revision: 2, rows: 12 } });
    await callOk(core, 'workbook.change', { path: file, change: { edits: [{ kind: 'deleteRows', tableId: T, rowIds: pasted.insertedRowIds.slice(0, 20) }] } });
    const afterDelete = await list(core, file);
    expect(afterDelete.map((b) => b.reason)).toEqual(['pre-bulk', 'pre-bulk']);
    expect(afterDelete[0]!.summary).toEqual({ revision: 3, rows: 52 });
    expect(await rows(core, file)).toHaveLength(32);
  });

  it('backs up on a timer only while there are changes since the last backup', async () => {
    const core = temp.core();
    const { path: file, rowIds } = await createSeed000Workbook(core);
    await callOk(core, 'workbook.open', { path: file });
    core.startAutoBackup(30);
    try {
      await sleep(150);
      expect((await list(core, file)).map((b) => b.reason)).toEqual(['on-open']);
      await callOk(core, 'workbook.change', { path: file, change: { edits: [{ kind: 'setCells', tableId: T, cells: [{ rowId: rowIds[1]!, col: 'name', text: '改过' }] }] } });
      await sleep(150);
      const after = await list(core, file);
      expect(after.map((b) => b.reason)).toEqual(['periodic', 'on-open']);
      expect(after[0]!.summary).toEqual({ revision: 2, rows: 12 });
    } finally {
      core.stopAutoBackup();
    }
  });
});

describe('retention', () => {
  /** An empty file with a backup's name, created at local time `at`. */
  function fake(dir: string, at: Date, reason: string): string {
    const name = `${at.toISOString().replace(/[:.]/g, '-')}__${reason}.bdwb`;
    writeFileSync(path.join(dir, name), '');
    return name;
  }

  it('keeps the newest 20, the newest of each of the last 14 days, and every pre-migration, pre-restore and manual backup', () => {
    const dir = temp.make();
    const now = new Date(2024, 5, 15, 18, 0, 0);
    const today = Array.from({ length: 30 }, (_, i) => fake(dir, new Date(2024, 5, 15, 17, 59 - i), 'periodic'));
    const daily: { morning: string; evening: string; daysAgo: number }[] = [];
    for (let d = 1; d <= 20; d++) {
      daily.push({ daysAgo: d, morning: fake(dir, new Date(2024, 5, 15 - d, 9), 'on-open'), evening: fake(dir, new Date(2024, 5, 15 - d, 19), 'periodic') });
    }
    const kept = [fake(dir, new Date(2024, 0, 3, 10), 'pre-migration'), fake(dir, new Date(2024, 1, 3, 10), 'pre-restore'), fake(dir, new Date(2024, 2, 3, 10), 'manual')];
    pruneBackups(dir, now.getTime());
    const left = new Set(readdirSync(dir));
    for (const name of today.slice(0, 20)) expect(left.has(name), name).toBe(true);
    for (const name of today.slice(20)) expect(left.has(name), name).toBe(false);
    for (const day of daily) {
      expect(left.has(day.evening), `evening ${day.daysAgo} days ago`).toBe(day.daysAgo < 14);
      expect(left.has(day.morning), `morning ${day.daysAgo} days ago`).toBe(false);
    }
    for (const name of kept) expect(left.has(name), name).toBe(true);
    expect(left.size).toBe(20 + 13 + 3);
  });

  it('never deletes the only backup, however old', () => {
    const dir = temp.make();
    const only = fake(dir, new Date(2020, 0, 1, 12), 'periodic');
    pruneBackups(dir);
    expect(readdirSync(dir)).toEqual([only]);
  });

  it('ignores and sweeps half-written copies; a crash mid-backup never lists one', async () => {
    const core = temp.core();
    const { path: file } = await createSeed000Workbook(core);
    const first = await callOk(core, 'backups.create', { path: file });
    const dir = path.dirname(first.file);
    const partial = path.join(dir, `.${path.basename(first.file)}.dead.partial`);
    writeFileSync(partial, 'half');
    expect(listBackups(dir).map((b) => b.file)).toEqual([first.file]);
    await callOk(core, 'backups.create', { path: file });
    expect(readdirSync(dir).filter((n) => n.endsWith('.partial'))).toEqual([]);
  });
});

describe('backups.create / backups.list / backups.restore', () => {
  it('lists newest first with reason, size and summary; manual backups are kept', async () => {
    const core = temp.core();
    const { path: file, rowIds } = await createSeed000Workbook(core);
    const a = await callOk(core, 'backups.create', { path: file });
    await callOk(core, 'workbook.change', { path: file, change: { edits: [{ kind: 'deleteRows', tableId: T, rowIds: rowIds.slice(0, 2) }] } });
    const b = await callOk(core, 'backups.create', { path: file });
    expect(b.reason).toBe('manual');
    const listed = await list(core, file);
    expect(listed.map((e) => e.file)).toEqual([b.file, a.file]);
    expect(listed.map((e) => e.summary)).toEqual([
      { revision: 2, rows: 10 },
      { revision: 1, rows: 12 },
    ]);
    expect(Date.parse(listed[0]!.createdAt)).toBeGreaterThanOrEqual(Date.parse(listed[1]!.createdAt));
    // The list does not need the workbook open (the recovery dialog lists backups of a file that will not open).
    core.closeAll();
    expect((await list(core, file)).map((e) => e.file)).toEqual([b.file, a.file]);
  });

  it('restores: the current state is backed up first, the file is replaced whole, the revision keeps growing', async () => {
    const core = temp.core();
    const { path: file, rowIds } = await createSeed000Workbook(core);
    const original = await rows(core, file);
    const good = await callOk(core, 'backups.create', { path: file });
    const gone = await callOk(core, 'workbook.change', { path: file, change: { edits: [{ kind: 'deleteRows', tableId: T, rowIds: rowIds.slice(0, 3) }] } });
    const state = await callOk(core, 'backups.restore', { path: file, backupFile: good.file });
    expect(state.path).toBe(file);
    expect(state.revision).toBeGreaterThan(gone.state.revision);
    expect(await rows(core, file)).toEqual(original);
    const listed = await list(core, file);
    expect(listed[0]).toMatchObject({ reason: 'pre-restore', summary: { revision: gone.state.revision, rows: 9 } });
    // Only the workbook itself in its folder: no temp copy, nothing set aside.
    const beside = readdirSync(path.dirname(file)).filter((n) => (n.startsWith(path.basename(file)) || n.startsWith('.')) && !n.endsWith('-wal'));
    expect(beside).toEqual([path.basename(file)]);
    // Undoing the restore is restoring the pre-restore backup.
    const back = await callOk(core, 'backups.restore', { path: file, backupFile: listed[0]!.file });
    expect(back.revision).toBeGreaterThan(state.revision);
    expect(await rows(core, file)).toHaveLength(9);
    // The restored file is a normal workbook after an app restart.
    const again = temp.restart(core);
    expect((await callOk(again, 'workbook.open', { path: file })).revision).toBe(back.revision);
  });

  it('refuses a file that is not one of this workbook\u2019s sound backups, and changes nothing', async () => {
    const core = temp.core();
    const { path: file } = await createSeed000Workbook(core, { fileName: 'a' });
    const { path: other } = await createSeed000Workbook(core, { fileName: 'b' });
    const own = await callOk(core, 'backups.create', { path: file });
    const foreign = await callOk(core, 'backups.create', { path: other });
    const outside = path.join(temp.make(), path.basename(own.file));
    writeFileSync(outside, readBytes(own.file));
    const before = await callOk(core, 'workbook.open', { path: file });
    for (const backupFile of [foreign.file, outside, path.join(path.dirname(own.file), '..', path.basename(path.dirname(own.file)), '..', 'index.json'), file]) {
      const err = await callErr(core, 'backups.restore', { path: file, backupFile }, 'VALIDATION');
      expect(err.message).toContain('备份');
    }
    overwriteBytes(own.file, 4096, noiseBytes(4096, 5));
    expect((await callErr(core, 'backups.restore', { path: file, backupFile: own.file }, 'VALIDATION')).message).toContain('已损坏');
    expect((await callOk(core, 'workbook.open', { path: file })).revision).toBe(before.revision);
    expect((await list(core, file)).map((b) => b.reason)).not.toContain('pre-restore');
  });
});

describe('workbook.saveAs (另存为)', () => {
  it('writes a complete copy with its own id and opens it; the original stays as it was', async () => {
    const core = temp.core();
    const { path: file, rowIds } = await createSeed000Workbook(core);
    const usb = temp.make();
    const copy = await callOk(core, 'workbook.saveAs', { path: file, target: path.join(usb, '带走的副本') });
    expect(copy.path).toBe(path.join(usb, '带走的副本.bdwb'));
    expect(await rows(core, copy.path)).toEqual(await rows(core, file));
    expect(core.workbook(copy.path).workbookId()).not.toBe(core.workbook(file).workbookId());
    expect(readdirSync(usb).filter((n) => !n.endsWith('-wal'))).toEqual(['带走的副本.bdwb']);
    await callOk(core, 'workbook.change', { path: copy.path, change: { edits: [{ kind: 'deleteRows', tableId: T, rowIds: [rowIds[0]!] }] } });
    expect(await rows(core, file)).toHaveLength(12);
    expect(await rows(core, copy.path)).toHaveLength(11);
    // Each file keeps its own backups.
    await callOk(core, 'backups.create', { path: copy.path });
    expect(await list(core, file)).toEqual([]);
  });

  it('refuses an existing target unless told to overwrite, and then recycles the old file', async () => {
    const core = temp.core();
    const { path: file } = await createSeed000Workbook(core, { fileName: 'src' });
    const dir = temp.make();
    const target = path.join(dir, 'out.bdwb');
    writeFileSync(target, 'older file');
    expect((await callErr(core, 'workbook.saveAs', { path: file, target }, 'ALREADY_EXISTS')).message).toContain(target);
    expect(readBytes(target).toString()).toBe('older file');
    const saved = await callOk(core, 'workbook.saveAs', { path: file, target, overwrite: true });
    expect(saved.path).toBe(target);
    const recycled = await callOk(core, 'library.recycled', {});
    expect(recycled.map((r) => r.originalPath)).toContain(target);
    expect(readBytes(recycled.find((r) => r.originalPath === target)!.recycledPath).toString()).toBe('older file');
    await callErr(core, 'workbook.saveAs', { path: file, target: file }, 'VALIDATION');
    await callErr(core, 'workbook.saveAs', { path: file, target: path.join(dir, 'missing', 'x.bdwb') }, 'NOT_FOUND');
  });
});

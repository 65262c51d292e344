import { copyFileSync, existsSync, readdirSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core.js';
import type { ApiError } from '../../shared/api/result.js';
import { callErr, callOk } from '../helpers/core.js';
import { noiseBytes, overwriteBytes, readBytes } from '../helpers/files.js';
import { useTempDirs } from '../helpers/hooks.js';
import { createSeed000Workbook, SEED_000_TABLE_ID } from '../helpers/seed000.js';

const temp = useTempDirs();
const T = SEED_000_TABLE_ID;

interface Fixture {
  core: Core;
  file: string;
  older: { file: string; rows: number };
  newer: { file: string; rows: number };
}

/** A closed workbook with two manual backups (12 rows, then 10), and a third state (8 rows) in the file itself. */
async function workbookWithBackups(fileName = 'wb'): Promise<Fixture> {
  const core = temp.core();
  const { path: file, rowIds } = await createSeed000Workbook(core, { fileName });
  const older = await callOk(core, 'backups.create', { path: file });
  await callOk(core, 'workbook.change', { path: file, change: { edits: [{ kind: 'deleteRows', tableId: T, rowIds: rowIds.slice(0, 2) }] } });
  const newer = await callOk(core, 'backups.create', { path: file });
  await callOk(core, 'workbook.change', { path: file, change: { edits: [{ kind: 'deleteRows', tableId: T, rowIds: rowIds.slice(2, 4) }] } });
  core.closeAll();
  return { core, file, older: { file: older.file, rows: 12 }, newer: { file: newer.file, rows: 10 } };
}

function pages(file: string): { pageSize: number; count: number } {
  const header = readBytes(file).subarray(0, 100);
  return { pageSize: header.readUInt16BE(16), count: header.readUInt32BE(28) };
}

/** Opens expecting WORKBOOK_CORRUPT; the file (and any -wal) must be exactly as before. */
async function expectCorrupt(core: Core, file: string): Promise<ApiError> {
  const before = readBytes(file);
  const wal = existsSync(`${file}-wal`) ? readBytes(`${file}-wal`) : null;
  const err = await callErr(core, 'workbook.open', { path: file }, 'WORKBOOK_CORRUPT');
  expect(err.message).toContain('已损坏');
  expect(err.message).toContain('备份');
  expect(err.details?.path).toBe(file);
  expect(readBytes(file).equals(before)).toBe(true);
  if (wal) expect(readBytes(`${file}-wal`).equals(wal)).toBe(true);
  return err;
}

describe('opening a damaged workbook', () => {
  it('cut short (interrupted copy): WORKBOOK_CORRUPT naming the newest sound backup', async () => {
    const fx = await workbookWithBackups();
    truncateSync(fx.file, Math.floor(statSync(fx.file).size / 2));
    const err = await expectCorrupt(fx.core, fx.file);
    const hint = err.details?.latestGoodBackup as { file: string; createdAt: string };
    expect(hint.file).toBe(fx.newer.file);
    expect(Number.isNaN(Date.parse(hint.createdAt))).toBe(false);
  });

  it('garbage over the middle pages; a damaged newest backup is skipped for an older sound one', async () => {
    const fx = await workbookWithBackups();
    const { pageSize, count } = pages(fx.file);
    overwriteBytes(fx.file, Math.floor(count / 3) * pageSize, noiseBytes(Math.max(1, Math.floor(count / 3)) * pageSize, 3));
    const { pageSize: bps, count: bcount } = pages(fx.newer.file);
    overwriteBytes(fx.newer.file, Math.floor(bcount / 2) * bps, noiseBytes(bps, 4));
    const err = await expectCorrupt(fx.core, fx.file);
    expect((err.details?.latestGoodBackup as { file: string }).file).toBe(fx.older.file);
  });

  it('zero bytes (a save cut off by a power cut): damaged, since we hold its backups', async () => {
    const fx = await workbookWithBackups();
    writeFileSync(fx.file, '');
    const err = await expectCorrupt(fx.core, fx.file);
    expect((err.details?.latestGoodBackup as { file: string }).file).toBe(fx.newer.file);
  });

  it('a file that never was one of ours stays "not a workbook"', async () => {
    const core = temp.core();
    const file = path.join(temp.make(), 'notes.bdwb');
    writeFileSync(file, '');
    await callErr(core, 'workbook.open', { path: file }, 'NOT_A_WORKBOOK');
  });

  it('a -wal that belongs to another workbook: refused, and neither file is touched', async () => {
    const fx = await workbookWithBackups('a');
    const core = temp.core();
    const { path: other } = await createSeed000Workbook(core, { fileName: 'b' });
    await callOk(core, 'workbook.change', { path: other, change: { edits: [{ kind: 'insertRows', tableId: T, index: 0, rows: [{ name: '别人的修改' }] }] } });
    // Copied while `other` is open: a complete, valid WAL of another file.
    copyFileSync(`${other}-wal`, `${fx.file}-wal`);
    core.closeAll();
    expect(statSync(`${fx.file}-wal`).size).toBeGreaterThan(0);
    const err = await expectCorrupt(fx.core, fx.file);
    expect((err.details?.latestGoodBackup as { file: string }).file).toBe(fx.newer.file);
    // Without the stray -wal the workbook itself is fine: nothing was folded into it.
    writeFileSync(`${fx.file}-wal`, '');
    expect((await callOk(fx.core, 'workbook.rows', { path: fx.file, tableId: T })).rows).toHaveLength(8);
  });

  it('a -wal left by a crash is the same workbook\u2019s: replayed, nothing committed is lost', async () => {
    const core = temp.core();
    const { path: file } = await createSeed000Workbook(core);
    // The state a kill leaves: the main file never checkpointed (its header still blank) plus the -wal.
    const crashed = path.join(temp.make(), 'crashed.bdwb');
    copyFileSync(file, crashed);
    copyFileSync(`${file}-wal`, `${crashed}-wal`);
    core.closeAll();
    expect(readBytes(crashed).readUInt32BE(68)).toBe(0);
    const other = temp.core();
    const state = await callOk(other, 'workbook.open', { path: crashed });
    expect(state.revision).toBe(1);
    expect((await callOk(other, 'workbook.rows', { path: crashed, tableId: T })).rows).toHaveLength(12);
  });
});

describe('recovery.restoreFromBackup', () => {
  it('keeps the damaged file (and its -wal) as <file>.damaged-<time> and puts the backup in its place', async () => {
    const fx = await workbookWithBackups();
    truncateSync(fx.file, Math.floor(statSync(fx.file).size / 2));
    writeFileSync(`${fx.file}-wal`, noiseBytes(5000, 8));
    const damaged = readBytes(fx.file);
    const err = await expectCorrupt(fx.core, fx.file);
    const hint = err.details?.latestGoodBackup as { file: string };
    const result = await callOk(fx.core, 'recovery.restoreFromBackup', { path: fx.file, backupFile: hint.file });
    expect(result.state.path).toBe(fx.file);
    expect(result.damagedPath).toMatch(/\.damaged-\d{4}-\d\d-\d\dT[\d-]+Z$/);
    expect(readBytes(result.damagedPath!).equals(damaged)).toBe(true);
    expect(readBytes(`${result.damagedPath}-wal`).equals(noiseBytes(5000, 8))).toBe(true);
    expect((await callOk(fx.core, 'workbook.rows', { path: fx.file, tableId: T })).rows).toHaveLength(fx.newer.rows);
    expect(readdirSync(path.dirname(fx.file)).filter((n) => n.endsWith('.partial'))).toEqual([]);
    // A normal workbook again, after a restart too; the backups are all still there.
    const again = temp.restart(fx.core);
    expect((await callOk(again, 'workbook.open', { path: fx.file })).meta.deptName).toBeTruthy();
    const listed = (await callOk(again, 'backups.list', { path: fx.file })).map((b) => b.file);
    expect(listed).toEqual(expect.arrayContaining([fx.older.file, fx.newer.file]));
  });

  it('restores a file that is gone altogether (found by where it was backed up from)', async () => {
    const fx = await workbookWithBackups();
    rmSync(fx.file);
    await callErr(fx.core, 'workbook.open', { path: fx.file }, 'NOT_FOUND');
    const listed = await callOk(fx.core, 'backups.list', { path: fx.file });
    expect(listed.map((b) => b.file)).toEqual([fx.newer.file, fx.older.file]);
    const result = await callOk(fx.core, 'recovery.restoreFromBackup', { path: fx.file, backupFile: listed.at(-1)!.file });
    expect(result.damagedPath).toBeNull();
    expect((await callOk(fx.core, 'workbook.rows', { path: fx.file, tableId: T })).rows).toHaveLength(fx.older.rows);
  });

  it('refuses a file outside the workbook\u2019s backup folder, and answers NOT_FOUND without any backups', async () => {
    const fx = await workbookWithBackups();
    truncateSync(fx.file, 5000);
    const before = readBytes(fx.file);
    const stray = path.join(temp.make(), path.basename(fx.newer.file));
    copyFileSync(fx.newer.file, stray);
    await callErr(fx.core, 'recovery.restoreFromBackup', { path: fx.file, backupFile: stray }, 'VALIDATION');
    expect(readBytes(fx.file).equals(before)).toBe(true);
    expect(readdirSync(path.dirname(fx.file)).filter((n) => n.includes('.damaged-'))).toEqual([]);

    const lone = temp.core();
    const { path: file } = await createSeed000Workbook(lone, { fileName: 'lone' });
    lone.closeAll();
    truncateSync(file, 5000);
    const err = await callErr(lone, 'workbook.open', { path: file }, 'WORKBOOK_CORRUPT');
    expect(err.details?.latestGoodBackup).toBeUndefined();
    expect((await callErr(lone, 'recovery.restoreFromBackup', { path: file, backupFile: stray }, 'NOT_FOUND')).message).toContain('备份');
  });
});

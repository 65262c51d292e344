import { existsSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { callErr, callOk, createWorkbook } from '../helpers/core.js';
import { readBytes } from '../helpers/files.js';
import { useTempDirs } from '../helpers/hooks.js';
import { createSeed000Workbook, SEED_000_TABLE_ID, SEED_000_TOTAL_YUAN } from '../helpers/seed000.js';

const temp = useTempDirs();
afterEach(() => {
  vi.useRealTimers();
});

const base = (p: string) => path.basename(p);

describe('library', () => {
  it('lists the workbooks of the library folder with their meta, ignoring other files', async () => {
    const core = temp.core();
    expect(await callOk(core, 'library.list', {})).toEqual({ workbooks: [], recent: [] });
    await createWorkbook(core, { deptName: '财政局', year: 2024 });
    await createWorkbook(core, { deptName: '教育局', year: 2023, moneyUnit: '元' });
    writeFileSync(path.join(core.library.libraryDir, 'readme.txt'), 'not listed');
    const list = await callOk(core, 'library.list', {});
    expect(list.workbooks.map((w) => w.fileName).sort()).toEqual(['教育局-2023年.bdwb', '财政局-2024年.bdwb'].sort());
    const edu = list.workbooks.find((w) => w.fileName === '教育局-2023年.bdwb')!;
    expect(edu.meta).toMatchObject({ deptName: '教育局', year: 2023, moneyUnit: '元' });
    expect(edu.problem).toBeNull();
    expect(edu.size).toBeGreaterThan(0);
    expect(Number.isNaN(Date.parse(edu.modifiedAt))).toBe(false);
  });

  it('listing does not leave closed workbooks open, and keeps open ones open', async () => {
    const core = temp.core();
    const file = await createWorkbook(core);
    const other = await createWorkbook(core, { deptName: '仍打开' });
    // An open workbook has its WAL file beside it; a closed one does not.
    expect(existsSync(`${file}-wal`)).toBe(true);
    await callOk(core, 'workbook.close', { path: file });
    expect(existsSync(`${file}-wal`)).toBe(false);
    await callOk(core, 'library.list', {});
    expect(existsSync(`${file}-wal`)).toBe(false);
    expect(existsSync(`${other}-wal`)).toBe(true);
  });

  it('names new workbooks after 部门 and 年度; duplicates get （2）, （3）', async () => {
    const core = temp.core();
    const a = await createWorkbook(core, { deptName: '政府办', year: 2019 });
    const b = await createWorkbook(core, { deptName: '政府办', year: 2019 });
    const c = await createWorkbook(core, { deptName: '政府办', year: 2019 });
    expect([a, b, c].map(base)).toEqual(['政府办-2019年.bdwb', '政府办-2019年（2）.bdwb', '政府办-2019年（3）.bdwb']);
    expect(path.dirname(a)).toBe(core.library.libraryDir);
  });

  it('an explicit file name is used as given, made safe, and refused when taken', async () => {
    const core = temp.core();
    const a = await createWorkbook(core, {}, '2019年预算');
    expect(base(a)).toBe('2019年预算.bdwb');
    const err = await callErr(core, 'library.create', { meta: { deptName: 'x', year: 2019 }, fileName: '2019年预算' }, 'ALREADY_EXISTS');
    expect(err.message).toContain('已存在同名文件');
    const unsafe = await createWorkbook(core, {}, '../a/b:c*?');
    expect(path.dirname(unsafe)).toBe(core.library.libraryDir);
    expect(base(unsafe)).toBe('_a_b_c__.bdwb');
    const slashes = await createWorkbook(core, { deptName: '财政局/预算股' });
    expect(base(slashes)).toBe('财政局_预算股-2019年.bdwb');
  });

  it('renames a workbook, keeping its content and its place in the recent list', async () => {
    const core = temp.core();
    const wb = await createSeed000Workbook(core);
    const { path: renamed } = await callOk(core, 'library.rename', { path: wb.path, newName: '政府办 2019 终稿' });
    expect(renamed).toBe(path.join(core.library.libraryDir, '政府办 2019 终稿.bdwb'));
    expect(existsSync(wb.path)).toBe(false);
    const rows = (await callOk(core, 'workbook.rows', { path: renamed, tableId: SEED_000_TABLE_ID })).rows;
    expect(rows.reduce((s, r) => s + BigInt(r.cells.amount ?? '0'), 0n).toString()).toBe(SEED_000_TOTAL_YUAN);
    const list = await callOk(core, 'library.list', {});
    expect(list.recent.map((r) => r.path)).toEqual([renamed]);
    // A .bdwb suffix typed by the clerk is not doubled; the same name is a no-op.
    const again = await callOk(core, 'library.rename', { path: renamed, newName: '终稿.bdwb' });
    expect(base(again.path)).toBe('终稿.bdwb');
    expect((await callOk(core, 'library.rename', { path: again.path, newName: '终稿' })).path).toBe(again.path);
  });

  it('refuses to rename onto an existing workbook, leaving both files as they were', async () => {
    const core = temp.core();
    const a = await createWorkbook(core, { deptName: '甲' });
    const b = await createWorkbook(core, { deptName: '乙' });
    await callOk(core, 'workbook.close', { path: a });
    await callOk(core, 'workbook.close', { path: b });
    const [ba, bb] = [readBytes(a), readBytes(b)];
    await callErr(core, 'library.rename', { path: a, newName: '乙-2019年' }, 'ALREADY_EXISTS');
    expect(readBytes(a).equals(ba)).toBe(true);
    expect(readBytes(b).equals(bb)).toBe(true);
    await callErr(core, 'library.rename', { path: path.join(core.library.libraryDir, 'gone.bdwb'), newName: 'x' }, 'NOT_FOUND');
    await callErr(core, 'library.rename', { path: a, newName: '   ' }, 'VALIDATION');
  });

  it('rename keeps a name with path characters inside the library folder', async () => {
    const core = temp.core();
    const a = await createWorkbook(core);
    const { path: renamed } = await callOk(core, 'library.rename', { path: a, newName: '../../escape' });
    expect(path.dirname(renamed)).toBe(core.library.libraryDir);
    expect(existsSync(renamed)).toBe(true);
  });

  it('delete moves a workbook to the recycle area; restore brings it back intact', async () => {
    const core = temp.core();
    const wb = await createSeed000Workbook(core);
    const keep = await createWorkbook(core, { deptName: '保留' });
    const rowsBefore = (await callOk(core, 'workbook.rows', { path: wb.path, tableId: SEED_000_TABLE_ID })).rows;
    const entry = await callOk(core, 'library.delete', { path: wb.path });
    expect(existsSync(wb.path)).toBe(false);
    expect(existsSync(entry.recycledPath)).toBe(true);
    expect(path.dirname(entry.recycledPath)).toBe(core.library.recycleDir);
    expect(entry).toMatchObject({ originalPath: wb.path, fileName: base(wb.path) });

    const list = await callOk(core, 'library.list', {});
    expect(list.workbooks.map((w) => w.path)).toEqual([keep]);
    expect(list.recent.map((w) => w.path)).toEqual([keep]);
    expect(await callOk(core, 'library.recycled', {})).toEqual([entry]);

    const { path: restored } = await callOk(core, 'library.restore', { recycledPath: entry.recycledPath });
    expect(restored).toBe(wb.path);
    expect(await callOk(core, 'library.recycled', {})).toEqual([]);
    expect(readdirSync(core.library.recycleDir)).toEqual([]);
    const state = await callOk(core, 'workbook.open', { path: restored });
    expect(state).toMatchObject({ canUndo: true, undoLabel: '导入种子000' });
    expect((await callOk(core, 'workbook.rows', { path: restored, tableId: SEED_000_TABLE_ID })).rows).toEqual(rowsBefore);
    expect((await callOk(core, 'library.list', {})).recent[0]!.path).toBe(restored);
  });

  it('restoring when the original name was taken again gets a free name', async () => {
    const core = temp.core();
    const first = await createWorkbook(core, { deptName: '政府办' });
    const entry = await callOk(core, 'library.delete', { path: first });
    const second = await createWorkbook(core, { deptName: '政府办' });
    expect(second).toBe(first);
    const { path: restored } = await callOk(core, 'library.restore', { recycledPath: entry.recycledPath });
    expect(base(restored)).toBe('政府办-2019年（2）.bdwb');
    expect(existsSync(second)).toBe(true);
  });

  it('deleting two workbooks of the same name at the same instant keeps both recoverable', async () => {
    const core = temp.core();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2025-03-01T08:00:00.000Z'));
    const a = await createWorkbook(core, { deptName: '同名' });
    const first = await callOk(core, 'library.delete', { path: a });
    const b = await createWorkbook(core, { deptName: '同名', year: 2019, unitCode: '002' });
    expect(b).toBe(a);
    const second = await callOk(core, 'library.delete', { path: b });
    expect(second.recycledPath).not.toBe(first.recycledPath);
    expect(existsSync(first.recycledPath)).toBe(true);
    expect(existsSync(second.recycledPath)).toBe(true);
    expect((await callOk(core, 'library.recycled', {})).length).toBe(2);
    const r1 = await callOk(core, 'library.restore', { recycledPath: first.recycledPath });
    const r2 = await callOk(core, 'library.restore', { recycledPath: second.recycledPath });
    expect(new Set([r1.path, r2.path]).size).toBe(2);
    const units = await Promise.all([r1.path, r2.path].map(async (p) => (await callOk(core, 'workbook.open', { path: p })).meta.unitCode));
    expect(units.sort()).toEqual(['', '002']);
  });

  it('delete and restore refuse unknown paths', async () => {
    const core = temp.core();
    const dir = core.library.libraryDir;
    await callErr(core, 'library.delete', { path: path.join(dir, 'none.bdwb') }, 'NOT_FOUND');
    const err = await callErr(core, 'library.restore', { recycledPath: path.join(core.library.recycleDir, 'none.bdwb') }, 'NOT_FOUND');
    expect(err.message).toContain('回收区中的工作簿');
  });

  it('keeps a recent list, most recent first, without duplicates; forgetRecent removes one', async () => {
    const core = temp.core();
    const a = await createWorkbook(core, { deptName: 'A' });
    const b = await createWorkbook(core, { deptName: 'B' });
    const c = await createWorkbook(core, { deptName: 'C' });
    const recent = async () => (await callOk(core, 'library.list', {})).recent.map((r) => r.path);
    expect(await recent()).toEqual([c, b, a]);
    await callOk(core, 'workbook.open', { path: a });
    expect(await recent()).toEqual([a, c, b]);
    await callOk(core, 'workbook.open', { path: a });
    expect(await recent()).toEqual([a, c, b]);
    expect(await callOk(core, 'library.forgetRecent', { path: c })).toBeNull();
    expect(await recent()).toEqual([a, b]);
    // Forgetting leaves the file itself alone.
    expect(existsSync(c)).toBe(true);
    await callOk(core, 'library.forgetRecent', { path: c });
    expect(await recent()).toEqual([a, b]);
  });

  it('the recent list survives a restart, includes workbooks outside the library and skips missing ones', async () => {
    const outsideDir = temp.make();
    let core = temp.core();
    const inside = await createWorkbook(core);
    const outside = path.join(outsideDir, '外部.bdwb');
    core.createWorkbook(outside, { deptName: '外部单位', year: 2020, unitCode: '', moneyUnit: '元', scope: '本级', tableSetId: 'hunan-2019-jx' });
    core.closeWorkbook(outside);
    await callOk(core, 'workbook.open', { path: outside });
    core = temp.restart(core);
    const list = await callOk(core, 'library.list', {});
    expect(list.recent.map((r) => r.path)).toEqual([outside, inside]);
    expect(list.recent[0]!.meta?.deptName).toBe('外部单位');
    expect(list.workbooks.map((w) => w.path)).toEqual([inside]);
    core.closeAll();
    const moved = path.join(outsideDir, 'moved.bdwb');
    renameSync(outside, moved);
    expect((await callOk(core, 'library.list', {})).recent.map((r) => r.path)).toEqual([inside]);
  });

  it('a damaged recent.json is treated as empty', async () => {
    const core = temp.core();
    writeFileSync(path.join(core.options.dataDir, 'recent.json'), '{ not json');
    expect((await callOk(core, 'library.list', {})).recent).toEqual([]);
    const a = await createWorkbook(core);
    expect((await callOk(core, 'library.list', {})).recent.map((r) => r.path)).toEqual([a]);
  });
});

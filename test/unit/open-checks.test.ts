import Database from 'better-sqlite3';
import { copyFileSync, mkdirSync, readdirSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core.js';
import type { ErrorCode } from '../../shared/api/result.js';
import { callErr, callOk } from '../helpers/core.js';
import { noiseBytes, overwriteBytes, readBytes } from '../helpers/files.js';
import { useTempDirs } from '../helpers/hooks.js';
import { createSeed000Workbook, SEED_000_TABLE_ID, seed000InsertRows } from '../helpers/seed000.js';

const temp = useTempDirs();

const NOT_A_WORKBOOK_TEXT = '不是预算编报台工作簿（.bdwb）';
const CORRUPT_TEXT = '已损坏或不完整';

/** A real workbook with enough rows to span many pages, closed so the file is complete on its own. */
async function closedWorkbook(core: Core, fileName: string, copies = 1): Promise<string> {
  const wb = await createSeed000Workbook(core, { fileName });
  for (let i = 1; i < copies; i++) {
    await callOk(core, 'workbook.change', { path: wb.path, change: { edits: [{ kind: 'insertRows', tableId: SEED_000_TABLE_ID, index: 0, rows: seed000InsertRows() }] } });
  }
  await callOk(core, 'workbook.close', { path: wb.path });
  return wb.path;
}

function pageInfo(file: string): { pageSize: number; pages: number } {
  const header = readBytes(file).subarray(0, 100);
  const raw = header.readUInt16BE(16);
  return { pageSize: raw === 1 ? 65536 : raw, pages: header.readUInt32BE(28) };
}

/**
 * Opens `file` through the API expecting `code`; checks the Chinese message names the file and that
 * neither the file nor its folder changed (no sidecar -wal/-shm/-journal left behind).
 */
async function expectRefused(core: Core, file: string, codes: ErrorCode[], text: string): Promise<void> {
  const before = readBytes(file);
  const mtime = statSync(file).mtimeMs;
  const siblings = readdirSync(path.dirname(file)).sort();
  const err = await callErr(core, 'workbook.open', { path: file });
  expect(codes).toContain(err.code);
  expect(err.message).toContain(text);
  expect(err.message).toContain(file);
  expect(err.message).toMatch(/[\u4e00-\u9fff]/);
  expect(readBytes(file).equals(before), 'file bytes changed').toBe(true);
  expect(statSync(file).mtimeMs).toBe(mtime);
  expect(readdirSync(path.dirname(file)).sort()).toEqual(siblings);
  // A second attempt answers the same (nothing was cached or half-opened).
  expect((await callErr(core, 'workbook.open', { path: file })).code).toBe(err.code);
  await callErr(core, 'workbook.rows', { path: file, tableId: SEED_000_TABLE_ID });
  expect(readBytes(file).equals(before)).toBe(true);
}

describe('files that are not workbooks', () => {
  it('a zero-byte file', async () => {
    const dir = temp.make();
    const core = temp.core();
    const file = path.join(dir, 'empty.bdwb');
    writeFileSync(file, '');
    await expectRefused(core, file, ['NOT_A_WORKBOOK'], NOT_A_WORKBOOK_TEXT);
    expect(statSync(file).size).toBe(0);
  });

  it('a text file', async () => {
    const dir = temp.make();
    const core = temp.core();
    const file = path.join(dir, '说明.bdwb');
    writeFileSync(file, '附件3-1\n2019年区级专项资金预算绩效目标汇总表\n单位：万元\n'.repeat(50));
    await expectRefused(core, file, ['NOT_A_WORKBOOK'], NOT_A_WORKBOOK_TEXT);
  });

  it('a short text file that starts like an SQLite header', async () => {
    const dir = temp.make();
    const core = temp.core();
    const file = path.join(dir, 'short.bdwb');
    writeFileSync(file, 'SQLite format 3\u0000');
    await expectRefused(core, file, ['NOT_A_WORKBOOK'], NOT_A_WORKBOOK_TEXT);
  });

  it('a PNG-like binary', async () => {
    const dir = temp.make();
    const core = temp.core();
    const file = path.join(dir, 'picture.bdwb');
    writeFileSync(file, Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('\u0000\u0000\u0000\rIHDR'), noiseBytes(8192, 7)]));
    await expectRefused(core, file, ['NOT_A_WORKBOOK'], NOT_A_WORKBOOK_TEXT);
  });

  it('a foreign SQLite database (other application_id), in rollback and in WAL mode', async () => {
    const dir = temp.make();
    const core = temp.core();
    for (const [name, wal] of [
      ['foreign.bdwb', false],
      ['foreign-wal.bdwb', true],
    ] as const) {
      const file = path.join(dir, name);
      const db = new Database(file);
      if (wal) db.pragma('journal_mode = WAL');
      db.pragma('application_id = 1234');
      db.pragma('user_version = 1');
      db.exec("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL); INSERT INTO meta VALUES ('deptName', '\"别的程序\"');");
      db.close();
      await expectRefused(core, file, ['NOT_A_WORKBOOK'], NOT_A_WORKBOOK_TEXT);
    }
    // application_id 0: an SQLite file made by anything else.
    const plain = path.join(dir, 'plain.sqlite.bdwb');
    const db = new Database(plain);
    db.exec('CREATE TABLE t (x)');
    db.close();
    await expectRefused(core, plain, ['NOT_A_WORKBOOK'], NOT_A_WORKBOOK_TEXT);
  });

  it('a folder named like a workbook, and a missing file', async () => {
    const dir = temp.make();
    const core = temp.core();
    const folder = path.join(dir, 'folder.bdwb');
    mkdirSync(folder);
    expect((await callErr(core, 'workbook.open', { path: folder })).code).toBe('NOT_A_WORKBOOK');
    const missing = await callErr(core, 'workbook.open', { path: path.join(dir, 'missing.bdwb') }, 'NOT_FOUND');
    expect(missing.message).toContain('找不到');
  });
});

describe('damaged workbooks', () => {
  it('a workbook cut in half (interrupted copy)', async () => {
    const core = temp.core();
    const file = await closedWorkbook(core, 'truncated', 4);
    const { pageSize, pages } = pageInfo(file);
    expect(pages).toBeGreaterThan(4);
    expect(statSync(file).size).toBe(pageSize * pages);
    truncateSync(file, Math.floor(statSync(file).size / 2));
    await expectRefused(core, file, ['WORKBOOK_CORRUPT'], CORRUPT_TEXT);
  });

  it('a workbook cut to one page, and to a few bytes', async () => {
    const core = temp.core();
    const onePage = await closedWorkbook(core, 'one-page');
    truncateSync(onePage, pageInfo(onePage).pageSize);
    await expectRefused(core, onePage, ['WORKBOOK_CORRUPT'], CORRUPT_TEXT);
    const tiny = await closedWorkbook(core, 'tiny');
    truncateSync(tiny, 60);
    await expectRefused(core, tiny, ['NOT_A_WORKBOOK', 'WORKBOOK_CORRUPT'], '工作簿');
  });

  it('garbage written over the middle pages', async () => {
    const core = temp.core();
    const file = await closedWorkbook(core, 'garbage', 4);
    const { pageSize, pages } = pageInfo(file);
    const first = Math.floor(pages / 3);
    const count = Math.max(1, Math.floor(pages / 3));
    overwriteBytes(file, first * pageSize, noiseBytes(count * pageSize, 42));
    expect(pageInfo(file).pages).toBe(pages);
    await expectRefused(core, file, ['WORKBOOK_CORRUPT'], CORRUPT_TEXT);
  });

  it('garbage over the second page (a table root) only', async () => {
    const core = temp.core();
    const file = await closedWorkbook(core, 'root-page', 2);
    const { pageSize } = pageInfo(file);
    overwriteBytes(file, pageSize, noiseBytes(pageSize, 99));
    await expectRefused(core, file, ['WORKBOOK_CORRUPT'], CORRUPT_TEXT);
  });

  it('a checkpoint cut off by a crash: the header already counts pages only the write-ahead log holds; the log is settled first and the workbook opens whole', async () => {
    const core = temp.core();
    const file = await closedWorkbook(core, 'checkpoint');
    await callOk(core, 'workbook.open', { path: file });
    for (let i = 0; i < 3; i++) {
      await callOk(core, 'workbook.change', { path: file, change: { edits: [{ kind: 'insertRows', tableId: SEED_000_TABLE_ID, index: 0, rows: seed000InsertRows() }] } });
    }
    // The state a power cut leaves while the workbook is open: the committed changes are in the -wal file only.
    const crashed = path.join(path.dirname(file), 'crashed.bdwb');
    copyFileSync(file, crashed);
    copyFileSync(`${file}-wal`, `${crashed}-wal`);
    await callOk(core, 'workbook.close', { path: file });
    // SQLite's checkpoint writes page 1 first: the header then counts pages the file does not have yet.
    const { pageSize } = pageInfo(crashed);
    const header = readBytes(crashed).subarray(0, 100);
    header.writeUInt32BE(statSync(crashed).size / pageSize + 8, 28);
    overwriteBytes(crashed, 0, header);
    const shortCopy = path.join(path.dirname(file), 'short-copy.bdwb');
    copyFileSync(crashed, shortCopy);

    const state = await callOk(core, 'workbook.open', { path: crashed });
    expect(state.revision).toBe(4);
    expect((await callOk(core, 'workbook.rows', { path: crashed, tableId: SEED_000_TABLE_ID })).rows).toHaveLength(48);
    await callOk(core, 'workbook.close', { path: crashed });
    // The same file without its log is a copy cut short, and still refused.
    rmSync(`${shortCopy}-wal`, { force: true });
    await expectRefused(core, shortCopy, ['WORKBOOK_CORRUPT'], CORRUPT_TEXT);
  });

  it('the intact original of the same workbook still opens (the checks are not over-eager)', async () => {
    const core = temp.core();
    const file = await closedWorkbook(core, 'intact', 4);
    const state = await callOk(core, 'workbook.open', { path: file });
    expect(state.revision).toBe(4);
    expect((await callOk(core, 'workbook.rows', { path: file, tableId: SEED_000_TABLE_ID })).rows).toHaveLength(48);
  });

  it('the library lists refused files with their problem and leaves them unchanged', async () => {
    const core = temp.core();
    const good = await closedWorkbook(core, 'good');
    const bad = await closedWorkbook(core, 'bad', 3);
    truncateSync(bad, Math.floor(statSync(bad).size / 2));
    const text = path.join(core.library.libraryDir, 'notes.bdwb');
    writeFileSync(text, 'hello');
    const before = [readBytes(bad), readBytes(text)];
    const list = await callOk(core, 'library.list', {});
    const byName = new Map(list.workbooks.map((w) => [w.fileName, w]));
    expect(byName.get('good.bdwb')).toMatchObject({ path: good, problem: null });
    expect(byName.get('bad.bdwb')).toMatchObject({ meta: null });
    expect(byName.get('bad.bdwb')!.problem).toContain(CORRUPT_TEXT);
    expect(byName.get('notes.bdwb')!.problem).toContain(NOT_A_WORKBOOK_TEXT);
    expect(readBytes(bad).equals(before[0]!)).toBe(true);
    expect(readBytes(text).equals(before[1]!)).toBe(true);
  });
});

import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Core } from '../../electron/core/core.js';
import type { Change } from '../../shared/api/contract.js';
import type { ApiError, ErrorCode } from '../../shared/api/result.js';
import { callErr, callOk } from '../helpers/core.js';
import { useTempDirs } from '../helpers/hooks.js';
import { canMount } from '../helpers/mounts.js';
import { createSeed000Workbook, SEED_000_TABLE_ID } from '../helpers/seed000.js';

const temp = useTempDirs();
const T = SEED_000_TABLE_ID;

const TEXT: Partial<Record<ErrorCode, string>> = { DISK_FULL: '磁盘空间已满', READ_ONLY: '只读', IO_ERROR: '读写文件失败' };

/** Fewer than 200 cells (no pre-bulk backup) but far more bytes than a page or two. */
const bigInsert = (label: string): Change => ({
  edits: [{ kind: 'insertRows', tableId: T, index: 0, rows: Array.from({ length: 150 }, (_, i) => ({ name: `${label}${i}`, goalYear: '长文本'.repeat(400) })) }],
});
const smallEdit = (rowId: string, text: string): Change => ({ edits: [{ kind: 'setCells', tableId: T, cells: [{ rowId, col: 'name', text }] }] });

/** The change fails with `code` and its Chinese message; nothing moved: same revision, same rows. */
async function expectRefusedChange(core: Core, file: string, change: Change, code: ErrorCode): Promise<ApiError> {
  const before = await callOk(core, 'workbook.rows', { path: file, tableId: T });
  const err = await callErr(core, 'workbook.change', { path: file, change }, code);
  expect(err.message).toContain(TEXT[code]);
  expect(err.message).toMatch(/已保存的内容不受影响|请检查/);
  const after = await callOk(core, 'workbook.rows', { path: file, tableId: T });
  expect(after).toEqual(before);
  return err;
}

/** After an app restart the file passes a full integrity check and holds exactly `rows` rows at `revision`. */
async function expectIntactAfterReopen(dataDir: string, file: string, revision: number, rows: number): Promise<void> {
  const core = temp.core(dataDir);
  const state = await callOk(core, 'workbook.open', { path: file });
  expect(state.revision).toBe(revision);
  expect((await callOk(core, 'workbook.rows', { path: file, tableId: T })).rows).toHaveLength(rows);
  expect(core.workbook(file).db.pragma('integrity_check', { simple: true })).toBe('ok');
  core.closeAll();
}

describe('disk full, read-only, file gone (simulated inside SQLite and by moving files: works everywhere)', () => {
  it('disk full: DISK_FULL, revision unchanged, work goes on once there is room', async () => {
    const core = temp.core();
    const { path: file, rowIds, state } = await createSeed000Workbook(core);
    const db = core.workbook(file).db;
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
    await expectRefusedChange(core, file, bigInsert('满'), 'DISK_FULL');
    db.pragma('max_page_count = 1073741823');
    const ok = await callOk(core, 'workbook.change', { path: file, change: smallEdit(rowIds[0]!, '腾出空间后') });
    expect(ok.state.revision).toBe(state.revision + 1);
    core.closeAll();
    await expectIntactAfterReopen(core.options.dataDir, file, state.revision + 1, 12);
  });

  it('read-only: READ_ONLY for changes and undo, nothing half-written', async () => {
    const core = temp.core();
    const { path: file, rowIds, state } = await createSeed000Workbook(core);
    const db = core.workbook(file).db;
    db.pragma('query_only = 1');
    await expectRefusedChange(core, file, smallEdit(rowIds[0]!, '只读时'), 'READ_ONLY');
    expect((await callErr(core, 'workbook.undo', { path: file }, 'READ_ONLY')).message).toContain('只读');
    db.pragma('query_only = 0');
    core.closeAll();
    await expectIntactAfterReopen(core.options.dataDir, file, state.revision, 12);
  });

  it('folder moved away (USB stick pulled): IO_ERROR instead of writing into a file nobody sees; intact once back', async () => {
    const core = temp.core();
    const { path: source, rowIds } = await createSeed000Workbook(core);
    const usb = temp.make();
    const copy = await callOk(core, 'workbook.saveAs', { path: source, target: path.join(usb, '在U盘上') });
    const edited = await callOk(core, 'workbook.change', { path: copy.path, change: smallEdit(rowIds[0]!, '拔出前已保存') });
    renameSync(usb, `${usb}-gone`);
    const err = await callErr(core, 'workbook.change', { path: copy.path, change: smallEdit(rowIds[1]!, '拔出后') }, 'IO_ERROR');
    expect(err.message).toContain('U盘已拔出');
    // Still gone: the next call says the file cannot be found.
    await callErr(core, 'workbook.change', { path: copy.path, change: smallEdit(rowIds[1]!, '拔出后') }, 'NOT_FOUND');
    renameSync(`${usb}-gone`, usb);
    core.closeAll();
    await expectIntactAfterReopen(core.options.dataDir, copy.path, edited.state.revision, 12);
    const again = temp.core(core.options.dataDir);
    const { rows } = await callOk(again, 'workbook.rows', { path: copy.path, tableId: T });
    expect(rows[0]!.cells.name).toBe('拔出前已保存');
    expect(rows[1]!.cells.name).not.toBe('拔出后');
  });

  it('file deleted while open: IO_ERROR, not a silent save into a deleted file', async () => {
    const core = temp.core();
    const { path: file, rowIds } = await createSeed000Workbook(core);
    rmSync(file);
    const err = await callErr(core, 'workbook.change', { path: file, change: smallEdit(rowIds[0]!, '删除后') }, 'IO_ERROR');
    expect(err.message).toMatch(/[\u4e00-\u9fff]/);
  });
});


describe.runIf(canMount)('real file systems (tmpfs and bind mounts)', () => {
  const mounts: string[] = [];
  const mount = (args: string[], dir: string) => {
    mkdirSync(dir, { recursive: true });
    execFileSync('mount', [...args, dir], { stdio: 'ignore' });
    mounts.push(dir);
  };
  afterEach(() => {
    for (const dir of mounts.splice(0).reverse()) {
      try {
        execFileSync('umount', ['-l', dir], { stdio: 'ignore' });
      } catch {
        // already gone
      }
    }
  });

  /** Fills the file system holding `dir` to the last byte. */
  function fill(dir: string): void {
    for (const size of [1 << 20, 64 << 10, 4 << 10, 512, 1]) {
      for (let i = 0; ; i++) {
        try {
          writeFileSync(path.join(dir, `filler-${size}-${i}`), Buffer.alloc(size));
        } catch {
          break;
        }
      }
    }
  }

  it('a full disk: DISK_FULL for a change, for 另存为 onto it, and a failed pre-bulk backup refuses the bulk change', async () => {
    const usb = path.join(temp.make(), 'usb');
    mount(['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs'], usb);
    const core = temp.core();
    const { path: source, rowIds } = await createSeed000Workbook(core);
    const copy = await callOk(core, 'workbook.saveAs', { path: source, target: path.join(usb, '满盘') });
    fill(usb);
    await expectRefusedChange(core, copy.path, bigInsert('满'), 'DISK_FULL');
    const other = await callErr(core, 'workbook.saveAs', { path: source, target: path.join(usb, '再存一份') }, 'DISK_FULL');
    expect(other.message).toContain('磁盘空间已满');
    expect(readdirSync(usb).filter((n) => !n.startsWith('filler-'))).toEqual(expect.not.arrayContaining([expect.stringContaining('再存一份')]));
    for (const name of readdirSync(usb)) if (name.startsWith('filler-')) rmSync(path.join(usb, name));
    const ok = await callOk(core, 'workbook.change', { path: copy.path, change: smallEdit(rowIds[0]!, '有空间了') });
    core.closeAll();
    await expectIntactAfterReopen(core.options.dataDir, copy.path, ok.state.revision, 12);

    // Now the data folder (where backups go) is the full one, the workbook's own disk has room.
    const dataDir = path.join(temp.make(), 'data');
    mount(['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs'], dataDir);
    const local = temp.core(dataDir);
    const wb = await createSeed000Workbook(local, { fileName: 'local' });
    const roomy = await callOk(local, 'workbook.saveAs', { path: wb.path, target: path.join(temp.make(), '本地盘') });
    local.closeWorkbook(wb.path);
    fill(dataDir);
    await callErr(local, 'backups.create', { path: roomy.path }, 'DISK_FULL');
    const bulk: Change = { edits: [{ kind: 'setCells', tableId: T, cells: Array.from({ length: 200 }, (_, i) => ({ rowId: wb.rowIds[i % 12]!, col: 'name', text: `批量${i}` })) }] };
    await expectRefusedChange(local, roomy.path, bulk, 'DISK_FULL');
    // Only the safety copy failed: small edits still save.
    await callOk(local, 'workbook.change', { path: roomy.path, change: smallEdit(wb.rowIds[0]!, '小改动照常保存') });
  });

  it('a read-only disk: opening says READ_ONLY, and so does 另存为 onto it', async () => {
    const disk = path.join(temp.make(), 'cdrom');
    mount(['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs'], disk);
    const core = temp.core();
    const { path: source } = await createSeed000Workbook(core);
    const copy = await callOk(core, 'workbook.saveAs', { path: source, target: path.join(disk, '光盘上') });
    core.closeWorkbook(copy.path);
    execFileSync('mount', ['-o', 'remount,ro', disk], { stdio: 'ignore' });
    const err = await callErr(core, 'workbook.open', { path: copy.path }, 'READ_ONLY');
    expect(err.message).toContain('只读');
    await callErr(core, 'workbook.saveAs', { path: source, target: path.join(disk, '另一份') }, 'READ_ONLY');
  });

  it('a USB stick pulled out (lazy unmount) while open: IO_ERROR; plugged back in, everything saved is there', async () => {
    const real = temp.make();
    const usb = path.join(temp.make(), 'usb');
    mount(['--bind', real], usb);
    const core = temp.core();
    const { path: source, rowIds } = await createSeed000Workbook(core);
    const copy = await callOk(core, 'workbook.saveAs', { path: source, target: path.join(usb, '拔盘') });
    const saved = await callOk(core, 'workbook.change', { path: copy.path, change: smallEdit(rowIds[0]!, '拔出前') });
    execFileSync('umount', ['-l', usb], { stdio: 'ignore' });
    mounts.pop();
    const err = await callErr(core, 'workbook.change', { path: copy.path, change: smallEdit(rowIds[0]!, '拔出后') }, 'IO_ERROR');
    expect(err.message).toContain('U盘已拔出');
    core.closeAll();
    mount(['--bind', real], usb);
    await expectIntactAfterReopen(core.options.dataDir, copy.path, saved.state.revision, 12);
  });
});

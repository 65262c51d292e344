import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createSeed001Workbook } from '../fixtures/seed001/load.js';
import { callErr, callOk } from '../helpers/core.js';
import { useTempDirs } from '../helpers/hooks.js';
import { canMount } from '../helpers/mounts.js';
import { readXlsx } from '../helpers/xlsx-read.js';
import { zipPart, zipTest } from '../render/ooxml.js';

/** print.export and `budgetdesk export --format xlsx|docx`: whole files or none, old files kept on failure. */

const temp = useTempDirs('budgetdesk-export-');
const BIN = fileURLToPath(new URL('../../bin/budgetdesk.mjs', import.meta.url));

describe('print.export', () => {
  it('writes the .xlsx of the whole document, nothing else left in the folder', async () => {
    const core = temp.core();
    const file = await createSeed001Workbook(core);
    const dir = temp.make();
    const out = path.join(dir, '部门预算.xlsx');
    const result = await callOk(core, 'print.export', { path: file, format: 'xlsx', out });
    expect(result).toEqual({ out, bytes: statSync(out).size, format: 'xlsx', tables: 20 });
    expect(readdirSync(dir)).toEqual(['部门预算.xlsx']);
    expect(readXlsx(readFileSync(out)).sheets.map((s) => s.name).slice(0, 2)).toEqual(['附件1 部门收支总表', '附件2 部门收入总表']);
  });

  it('part and table selection narrow the file; an existing file is replaced whole', async () => {
    const core = temp.core();
    const file = await createSeed001Workbook(core);
    const out = path.join(temp.make(), 'x.xlsx');
    writeFileSync(out, 'old');
    await callOk(core, 'print.export', { path: file, format: 'xlsx', out, part: 'performance' });
    expect(readXlsx(readFileSync(out)).sheets.map((s) => s.name)).toEqual(['附件1 部门整体支出绩效申报表', '附件2 专项资金预算绩效目标汇总表', '附件3 专项资金支出方向绩效目标表']);
    await callOk(core, 'print.export', { path: file, format: 'xlsx', out, tables: ['sgjf'] });
    expect(readXlsx(readFileSync(out)).sheets.map((s) => s.name)).toEqual(['附件9 “三公”经费支出表']);
  });

  it('a folder as target is refused with a Chinese message and left as it is', async () => {
    const core = temp.core();
    const file = await createSeed001Workbook(core);
    const dir = temp.make();
    const err = await callErr(core, 'print.export', { path: file, format: 'xlsx', out: dir }, 'VALIDATION');
    expect(err.message).toContain('文件夹');
    expect(readdirSync(dir)).toEqual([]);
  });
});


describe.runIf(canMount)('a target that cannot take the file keeps the old one (tmpfs and bind mounts)', () => {
  const mounts: string[] = [];
  const mount = (args: string[], target: string) => {
    execFileSync('mount', [...args, target], { stdio: 'ignore' });
    mounts.push(target);
  };
  afterEach(() => {
    for (const m of mounts.splice(0).reverse()) execFileSync('umount', ['-l', m], { stdio: 'ignore' });
  });

  async function setup() {
    const core = temp.core();
    const file = await createSeed001Workbook(core);
    const disk = path.join(temp.make(), 'disk');
    mkdirSync(disk);
    return { core, file, disk };
  }

  it('a full disk: EXPORT_DISK_FULL, the old file byte for byte, no temporary file left', async () => {
    const { core, file, disk } = await setup();
    mount(['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs'], disk);
    const out = path.join(disk, '部门预算.xlsx');
    writeFileSync(out, Buffer.alloc(10_000, 7));
    for (let i = 0; ; i++) {
      try {
        writeFileSync(path.join(disk, `filler-${i}`), Buffer.alloc(4096));
      } catch {
        break;
      }
    }
    const err = await callErr(core, 'print.export', { path: file, format: 'xlsx', out }, 'EXPORT_DISK_FULL');
    expect(err.message).toContain('磁盘空间不足');
    expect(err.message).toContain('原文件未被改动');
    expect(readFileSync(out).equals(Buffer.alloc(10_000, 7))).toBe(true);
    expect(readdirSync(disk).filter((n) => !n.startsWith('filler-'))).toEqual(['部门预算.xlsx']);
  });

  it('a read-only disk: EXPORT_READ_ONLY, the old file kept', async () => {
    const { core, file, disk } = await setup();
    mount(['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs'], disk);
    const out = path.join(disk, '部门预算.xlsx');
    writeFileSync(out, 'old');
    execFileSync('mount', ['-o', 'remount,ro', disk], { stdio: 'ignore' });
    const err = await callErr(core, 'print.export', { path: file, format: 'xlsx', out }, 'EXPORT_READ_ONLY');
    expect(err.message).toContain('只读');
    expect(readFileSync(out, 'utf8')).toBe('old');
  });

  it('a file another program holds (the target cannot be replaced: EBUSY): EXPORT_LOCKED, the old file kept', async () => {
    const { core, file, disk } = await setup();
    const out = path.join(disk, '部门预算.xlsx');
    writeFileSync(out, 'open in WPS');
    // A file mounted over the target: the kernel refuses to rename anything onto it, as Windows does for a file Word holds open.
    const holder = path.join(temp.make(), 'held');
    writeFileSync(holder, 'open in WPS');
    mount(['--bind', holder], out);
    const err = await callErr(core, 'print.export', { path: file, format: 'xlsx', out }, 'EXPORT_LOCKED');
    expect(err.message).toContain('Word');
    expect(readFileSync(out, 'utf8')).toBe('open in WPS');
    expect(readdirSync(disk)).toEqual(['部门预算.xlsx']);
  });
});

describe('budgetdesk export --format xlsx|docx', () => {
  it('writes the .xlsx of one part and says what it wrote', async () => {
    const dataDir = temp.make();
    const core = temp.core(dataDir);
    const file = await createSeed001Workbook(core);
    core.closeAll();
    const out = path.join(temp.make(), '预算.xlsx');
    const r = spawnSync(process.execPath, [BIN, 'export', file, '--format', 'xlsx', '--part', 'budget', '--out', out], {
      env: { ...process.env, BUDGETDESK_DATA_DIR: dataDir },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('17 张表');
    expect(readXlsx(readFileSync(out)).sheets).toHaveLength(17);
  });
});

describe('.docx through the same path', () => {
  it('print.export and the CLI write the Word file of the document: a whole package with every table title', async () => {
    const dataDir = temp.make();
    const core = temp.core(dataDir);
    const file = await createSeed001Workbook(core);
    const dir = temp.make();
    const out = path.join(dir, '部门预算.docx');
    const result = await callOk(core, 'print.export', { path: file, format: 'docx', out });
    expect(result).toEqual({ out, bytes: statSync(out).size, format: 'docx', tables: 20 });
    expect(readdirSync(dir)).toEqual(['部门预算.docx']);
    expect(zipTest(out)).toContain('No errors detected');
    const body = zipPart(out, 'word/document.xml');
    const titles = (await callOk(core, 'print.document', { path: file })).blocks.flatMap((b) => (b.kind === 'table' ? [b.table.title] : []));
    let at = 0;
    for (const title of titles) {
      const hit = body.indexOf(title, at);
      expect(hit, title).toBeGreaterThan(at - 1);
      at = hit;
    }
    core.closeAll();
    const cliOut = path.join(dir, '绩效.docx');
    const r = spawnSync(process.execPath, [BIN, 'export', file, '--format', 'docx', '--part', 'performance', '--out', cliOut], {
      env: { ...process.env, BUDGETDESK_DATA_DIR: dataDir },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('3 张表');
    expect(zipPart(cliOut, 'word/document.xml')).toContain('部门整体支出绩效申报表');
  });
});

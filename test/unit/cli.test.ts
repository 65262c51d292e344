import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Core } from '../../electron/core/core.js';
import { LATEST_VERSION } from '../../electron/core/workbook/migrations.js';
import { useTempDirs } from '../helpers/hooks.js';
import { createSeed000Workbook, SEED_000_TABLE_ID } from '../helpers/seed000.js';

const BIN = fileURLToPath(new URL('../../bin/budgetdesk.mjs', import.meta.url));
const CHINESE = /[\u4e00-\u9fff]/;
const temp = useTempDirs('budgetdesk-cli-');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real launcher in a child process, with its own data folder. */
function cli(args: string[], opts: { dataDir?: string; cwd?: string } = {}): Run {
  const env = { ...process.env, BUDGETDESK_DATA_DIR: opts.dataDir ?? temp.make() };
  const r = spawnSync(process.execPath, [BIN, ...args], { env, cwd: opts.cwd, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function expectOk(r: Run): Run {
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r;
}

function expectFailure(r: Run, code: 1 | 2, text?: string | RegExp): void {
  expect(r.code).toBe(code);
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(CHINESE);
  if (text !== undefined) expect(r.stderr).toMatch(text);
}

// Each case starts real processes (node + tsx); a busy machine makes that slow, not wrong.
describe('budgetdesk CLI', { timeout: 180_000 }, () => {
  it('new → export → import → export is byte-identical', () => {
    const dir = temp.make();
    const file = path.join(dir, '财政局.bdwb');
    expect(expectOk(cli(['new', file, '--dept', '县财政局', '--year', '2025', '--unit-code', '301', '--money-unit', '元', '--scope', '汇总'])).stdout).toContain(
      file,
    );
    expectOk(cli(['export', file, '--format', 'json', '--out', path.join(dir, 'a.json')]));
    expectOk(cli(['import', path.join(dir, 'a.json'), '--out', path.join(dir, 'b.bdwb')]));
    expectOk(cli(['export', path.join(dir, 'b.bdwb'), '--out', path.join(dir, 'b.json')]));
    const a = readFileSync(path.join(dir, 'a.json'));
    expect(readFileSync(path.join(dir, 'b.json')).equals(a)).toBe(true);
    expect(JSON.parse(a.toString('utf8'))).toEqual({
      format: 'budgetdesk-workbook',
      formatVersion: 1,
      // No --table-set: the fullest set in use by 2025 (湖南 2020's 17 公开 tables and 绩效 forms).
      meta: { deptName: '县财政局', unitCode: '301', year: 2025, moneyUnit: '元', scope: '汇总', tableSetId: 'hunan-2020' },
      tables: {},
    });
    // Nothing left open or half-written: no WAL files, no temp files.
    expect(readdirSync(dir).sort()).toEqual(['a.json', 'b.bdwb', 'b.json', '财政局.bdwb']);
  });

  it('new without --table-set takes the fullest set in use for the year and region', () => {
    const dir = temp.make();
    const setOf = (name: string, ...args: string[]): unknown => {
      const file = path.join(dir, `${name}.bdwb`);
      expectOk(cli(['new', file, '--dept', name, ...args]));
      return (JSON.parse(expectOk(cli(['info', file])).stdout) as { meta: { tableSetId: string } }).meta.tableSetId;
    };
    // Seed 001: a 2020 Hunan department publishes the 17 公开 tables and the 绩效 forms.
    expect(setOf('石峰区政府办2020', '--year', '2020', '--region', '湖南省株洲市')).toBe('hunan-2020');
    // Seed 000: in 2019 only the 3 绩效 forms were in use.
    expect(setOf('石峰区政府办2019', '--year', '2019')).toBe('hunan-2019-jx');
    expect(setOf('玉田县2023', '--year', '2023', '--region', '河北省')).toBe('district-2023-project');
  });

  it('round-trips a filled workbook byte-identically, money exact in 元', async () => {
    const dir = temp.make();
    const core = temp.core();
    const seed = await createSeed000Workbook(core);
    await core.call('workbook.change', {
      path: seed.path,
      change: { edits: [{ kind: 'insertRows', tableId: SEED_000_TABLE_ID, index: 0, rows: [{ name: '多行\n文本', amount: '111.6768' }, { amount: '-0.0001' }] }] },
    });
    core.closeAll();
    const a = path.join(dir, 'a.json');
    const b = path.join(dir, 'b.json');
    expectOk(cli(['export', seed.path, '--format', 'json', '--out', a]));
    expectOk(cli(['import', a, '--out', path.join(dir, 'copy.bdwb')]));
    expectOk(cli(['export', path.join(dir, 'copy.bdwb'), '--format', 'json', '--out', b]));
    expect(readFileSync(b).equals(readFileSync(a))).toBe(true);
    const text = readFileSync(a, 'utf8');
    expect(text).toContain('"amount": "1116768"');
    expect(text).toContain('"amount": "-1"');
    expect(text).toContain('"name": "多行\\n文本"');
    // The CLI released its locks: the app can open both files at once.
    const after = new Core({ dataDir: temp.make(), host: 'test' });
    try {
      expect(after.workbook(path.join(dir, 'copy.bdwb')).rows(SEED_000_TABLE_ID)).toEqual(after.workbook(seed.path).rows(SEED_000_TABLE_ID));
    } finally {
      after.closeAll();
    }
  });

  it('info prints the workbook as JSON', async () => {
    const core = temp.core();
    const seed = await createSeed000Workbook(core);
    core.closeAll();
    const r = expectOk(cli(['info', seed.path]));
    const info = JSON.parse(r.stdout) as { tables: { id: string; title: string | null; rows: number }[] } & Record<string, unknown>;
    expect(info).toMatchObject({
      path: seed.path,
      meta: { deptName: '株洲市石峰区人民政府办公室', unitCode: '', year: 2019, moneyUnit: '万元', scope: '本级', tableSetId: 'hunan-2019-jx' },
      revision: 1,
      formatVersion: LATEST_VERSION,
    });
    // Every table of the set, in the set's order, with its row count.
    expect(info.tables.map((t) => t.id)).toEqual(core.tableSets.get('hunan-2019-jx')!.tables.map((t) => t.id));
    expect(info.tables.find((t) => t.id === SEED_000_TABLE_ID)).toEqual({ id: SEED_000_TABLE_ID, title: '2019年区级专项资金预算绩效目标汇总表', rows: 12 });
    expect(info.tables.filter((t) => t.id !== SEED_000_TABLE_ID).every((t) => t.rows === 0)).toBe(true);
    expect(existsSync(`${seed.path}-wal`)).toBe(false);
  });

  describe('info refuses what is not a workbook, with a Chinese message and a non-zero exit', () => {
    it('a text file', () => {
      const file = path.join(temp.make(), 'notes.bdwb');
      writeFileSync(file, '这是一个文本文件，不是工作簿。\n'.repeat(20));
      expectFailure(cli(['info', file]), 1, /不是预算编报台工作簿/);
    });

    it('a zero-byte file', () => {
      const file = path.join(temp.make(), 'empty.bdwb');
      writeFileSync(file, '');
      expectFailure(cli(['info', file]), 1, /不是预算编报台工作簿/);
      expect(statSync(file).size).toBe(0);
    });

    it('a truncated workbook (a real one cut in half)', async () => {
      const core = temp.core();
      const seed = await createSeed000Workbook(core);
      core.closeAll();
      const bytes = readFileSync(seed.path);
      const file = path.join(temp.make(), 'half.bdwb');
      writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
      expectFailure(cli(['info', file]), 1, /已损坏或不完整/);
      expect(readFileSync(file).equals(bytes.subarray(0, Math.floor(bytes.length / 2)))).toBe(true);
    });

    it('a foreign SQLite database, left unmodified', () => {
      const file = path.join(temp.make(), 'other.sqlite');
      const db = new Database(file);
      db.exec("CREATE TABLE t (x TEXT); INSERT INTO t VALUES ('别人的数据');");
      db.close();
      const before = readFileSync(file);
      expectFailure(cli(['info', file]), 1, /不是预算编报台工作簿/);
      expect(readFileSync(file).equals(before)).toBe(true);
    });

    it('a missing file', () => {
      expectFailure(cli(['info', path.join(temp.make(), 'nope.bdwb')]), 1, /找不到/);
    });
  });

  it('import of a broken JSON file exits 1 and creates nothing', () => {
    const dir = temp.make();
    const json = path.join(dir, 'bad.json');
    writeFileSync(json, '{"format":"budgetdesk-workbook","formatVersion":1,"meta":{},"tables":{}}');
    expectFailure(cli(['import', json, '--out', path.join(dir, 'x.bdwb')]), 1, /meta\.deptName/);
    expect(readdirSync(dir)).toEqual(['bad.json']);
  });

  it('import of a foreign, truncated or empty Word/Excel file exits 1 with the reason in Chinese and writes nothing', () => {
    const dir = temp.make();
    const files: [string, Buffer, RegExp][] = [
      ['随便.docx', Buffer.from('这不是 Word 文件'), /不是 Word（\.docx）/],
      ['截断.xlsx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]), /无法导入“截断\.xlsx”/],
      ['空.docx', Buffer.alloc(0), /0 字节/],
    ];
    for (const [name, bytes] of files) writeFileSync(path.join(dir, name), bytes);
    for (const [name, , message] of files) {
      expectFailure(cli(['import', path.join(dir, name), '--year', '2021', '--out', path.join(dir, 'x.bdwb')]), 1, message);
    }
    expect(readdirSync(dir).sort()).toEqual(files.map(([n]) => n).sort());
  });

  it('new refuses to overwrite an existing file', () => {
    const file = path.join(temp.make(), 'a.bdwb');
    writeFileSync(file, 'keep me');
    expectFailure(cli(['new', file, '--dept', '局', '--year', '2025']), 1, /已存在/);
    expect(readFileSync(file, 'utf8')).toBe('keep me');
  });

  describe('usage errors exit 2 with a hint', () => {
    const file = 'x.bdwb';
    it.each([
      ['no arguments', []],
      ['an unknown command', ['frobnicate']],
      ['a missing file argument', ['info']],
      ['an extra argument', ['info', 'a.bdwb', 'b.bdwb']],
      ['an unknown option', ['info', file, '--bogus']],
      ['an option without its value', ['export', file, '--out']],
      ['new without --dept', ['new', file, '--year', '2025']],
      ['new with a bad year', ['new', file, '--dept', '局', '--year', '25']],
      ['new with a bad money unit', ['new', file, '--dept', '局', '--year', '2025', '--money-unit', '千元']],
      ['new with an unknown table set', ['new', file, '--dept', '局', '--year', '2025', '--table-set', 'mars']],
      ['export without --out', ['export', file]],
      ['export to an unknown format', ['export', file, '--format', 'pdf', '--out', 'x.pdf']],
      ['export with an unknown part', ['export', file, '--format', 'xlsx', '--part', 'half', '--out', 'x.xlsx']],
      ['export json with --part', ['export', file, '--format', 'json', '--part', 'budget', '--out', 'x.json']],
    ])('%s', (_name, args) => {
      const dir = temp.make();
      const r = cli(args, { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(CHINESE);
      expect(r.stderr).toContain('--help');
      // A usage error never touches a file.
      expect(readdirSync(dir)).toEqual([]);
    });

    it('names the unsupported format', () => {
      expect(cli(['export', file, '--format', 'pdf', '--out', 'x.pdf'], { cwd: temp.make() }).stderr).toContain('pdf');
    });
  });

  it('--help, <cmd> --help and --version', () => {
    const help = expectOk(cli(['--help']));
    for (const cmd of ['new', 'info', 'export', 'import']) expect(help.stdout).toContain(cmd);
    expect(expectOk(cli(['new', '--help'])).stdout).toContain('--dept');
    expect(expectOk(cli(['export', '--help'])).stdout).toContain('--format');
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(expectOk(cli(['--version'])).stdout.trim()).toBe(pkg.version);
  });

  it('honours --data-dir over the environment', () => {
    const dataDir = path.join(temp.make(), 'data');
    const json = path.join(temp.make(), 'in.json');
    const dir = temp.make();
    expectOk(cli(['new', path.join(dir, 'a.bdwb'), '--dept', '局', '--year', '2025']));
    expectOk(cli(['export', path.join(dir, 'a.bdwb'), '--out', json]));
    const r = expectOk(cli(['import', json, '--data-dir', dataDir]));
    expect(r.stdout).toContain(path.join(dataDir, 'workbooks', '局-2025年.bdwb'));
    expect(existsSync(path.join(dataDir, 'workbooks', '局-2025年.bdwb'))).toBe(true);
  });
});

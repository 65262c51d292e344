import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/run.js';
import { Core } from '../../electron/core/core.js';
import { readTableSetFolder, tableSetDir } from '../../electron/core/tablesets.js';
import { tableSetJsonSchemaFile } from '../../shared/tables/json-schema.js';
import { SCHEMA_FILE_NAME } from '../../shared/tables/registry.js';
import { callErr, callOk } from '../helpers/core.js';
import { useTempDirs } from '../helpers/hooks.js';
import { createSeed001Workbook, printed } from '../fixtures/seed001/load.js';

/** Table sets as files: the data folder's tablesets/, `extends`, the JSON Schema, `tablesets` CLI and API. */

const temp = useTempDirs('budgetdesk-tablesets-');
const BIN = fileURLToPath(new URL('../../bin/budgetdesk.mjs', import.meta.url));
const SETS = fileURLToPath(new URL('../../shared/tables/sets/', import.meta.url));

/** A county's 2021 set as a bureau would write it: hunan-2020 with one table retitled, one dropped, one added. */
function countySet(): Record<string, unknown> {
  const national = JSON.parse(readFileSync(path.join(SETS, 'national-9.json'), 'utf8')) as { tables: { id: string }[] };
  const hunan = JSON.parse(readFileSync(path.join(SETS, 'hunan-2020.json'), 'utf8')) as { tables: Record<string, unknown>[] };
  const srzb = { ...hunan.tables.find((t) => t.id === 'srzb')!, title: '{year}年部门收入总表（县级）' };
  const threePublic = { ...national.tables.find((t) => t.id === 'sgjf')!, id: 'sgjf-national', number: '附件18', title: '“三公”经费支出预算表（全国口径）', aliases: [] };
  return {
    $schema: `./${SCHEMA_FILE_NAME}`,
    id: 'county-2021',
    name: '某县2021年部门预算公开表格',
    region: '某县',
    year: 2021,
    moneyUnit: '万元',
    extends: 'hunan-2020',
    drop: ['zhgl-zc'],
    tables: [srzb, threePublic],
  };
}

/** A data folder with `files` (name → JSON document or raw text) in its tablesets/. */
function dataFolder(files: Record<string, unknown>): string {
  const dataDir = temp.make();
  mkdirSync(tableSetDir(dataDir), { recursive: true });
  for (const [name, doc] of Object.entries(files)) {
    writeFileSync(path.join(tableSetDir(dataDir), name), typeof doc === 'string' ? doc : JSON.stringify(doc, null, 2));
  }
  return dataDir;
}

/** A core as the desktop shell, the host and the CLI start it: with the data folder's set files. */
function shellCore(dataDir: string): Core {
  const core = new Core({ dataDir, host: 'test', extraTableSets: readTableSetFolder(dataDir) });
  return core;
}

async function cli(args: string[], dataDir: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli([...args, '--data-dir', dataDir], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: {} });
  return { code, stdout, stderr };
}

describe('a set file in the data folder', () => {
  it('is loaded with its parent’s tables, overridden, dropped and added, and a workbook uses it', async () => {
    const dataDir = dataFolder({ 'county-2021.json': countySet() });
    const core = shellCore(dataDir);
    try {
      expect(core.rejectedTableSets).toEqual([]);
      const list = await callOk(core, 'tablesets.list', {});
      const entry = list.find((s) => s.id === 'county-2021')!;
      expect(entry.tables).toHaveLength(20);
      expect({ ...entry, tables: undefined }).toEqual({
        id: 'county-2021',
        name: '某县2021年部门预算公开表格',
        region: '某县',
        province: '某县',
        year: 2021,
        moneyUnit: '万元',
        tables: undefined,
        builtIn: false,
        file: path.join(tableSetDir(dataDir), 'county-2021.json'),
        extends: 'hunan-2020',
      });
      const file = await createSeed001Workbook(core, { tableSetId: 'county-2021' });
      const overview = await callOk(core, 'workbook.tables', { path: file });
      const ids = overview.tables.map((t) => t.id);
      expect(ids).not.toContain('zhgl-zc');
      expect(ids.slice(0, 3)).toEqual(['szzb', 'srzb', 'zczb']);
      expect(ids.at(-1)).toBe('sgjf-national');
      const srzb = await callOk(core, 'workbook.derived', { path: file, tableId: 'srzb' });
      expect(srzb.title).toBe('2020年部门收入总表（县级）');
      // Seed 001's income: 508.93 万元 of 一般公共预算拨款, whichever set prints it.
      expect(printed(srzb).rows).toEqual([['508.93', '508.93', '', '', '', '']]);
      const sgjf = await callOk(core, 'workbook.derived', { path: file, tableId: 'sgjf-national' });
      expect(sgjf.number).toBe('附件18');
    } finally {
      core.closeAll();
    }
  });

  it('a broken or unreadable file is left out and listed with its problems; the other sets still load', async () => {
    const broken = { ...countySet(), id: 'county-broken', extends: 'no-such-set' };
    const dataDir = dataFolder({ 'a-broken.json': broken, 'b-county.json': countySet(), 'c-text.json': '{ "id": "x", ' });
    const core = shellCore(dataDir);
    try {
      expect(core.tableSets.get('county-2021')).toBeDefined();
      const rejected = await callOk(core, 'tablesets.rejected', {});
      expect(rejected.map((r) => [r.setId, path.basename(r.file ?? ''), r.problems.map((p) => p.path)])).toEqual([
        ['c-text', 'c-text.json', ['']],
        ['county-broken', 'a-broken.json', ['extends']],
      ]);
      expect(rejected[0]!.problems[0]!.message).toMatch(/^不是有效的 JSON 文件/);
      expect(rejected[1]!.problems[0]!.message).toContain('所继承的表格套“no-such-set”不存在');
    } finally {
      core.closeAll();
    }
  });

  it('a set may extend a set that is loaded after it', () => {
    const child = { ...countySet(), id: 'county-2022', extends: 'county-2021', drop: ['sgjf-national'], tables: [] };
    const core = shellCore(dataFolder({ 'a-child.json': child, 'b-parent.json': countySet() }));
    try {
      expect(core.rejectedTableSets).toEqual([]);
      expect(core.tableSets.get('county-2022')!.tables.map((t) => t.id)).toEqual(core.tableSets.get('county-2021')!.tables.map((t) => t.id).slice(0, -1));
    } finally {
      core.closeAll();
    }
  });
});

describe('import and switching a workbook’s set', () => {
  it('imports a set file into the data folder, and a workbook switches to it keeping its facts (undoable)', async () => {
    const dataDir = temp.make();
    const source = path.join(temp.make(), '某县表格套.json');
    writeFileSync(source, JSON.stringify(countySet()));
    const core = shellCore(dataDir);
    try {
      const file = await createSeed001Workbook(core);
      const summary = await callOk(core, 'tablesets.import', { file: source });
      expect(summary).toMatchObject({ id: 'county-2021', builtIn: false, file: path.join(tableSetDir(dataDir), 'county-2021.json') });
      expect(existsSync(path.join(tableSetDir(dataDir), SCHEMA_FILE_NAME))).toBe(true);
      await callOk(core, 'workbook.change', { path: file, change: { label: '切换表格套表', edits: [{ kind: 'setMeta', patch: { tableSetId: 'county-2021' } }] } });
      const after = await callOk(core, 'workbook.tables', { path: file });
      expect(after.tableSetId).toBe('county-2021');
      expect((await callOk(core, 'workbook.derived', { path: file, tableId: 'srzb' })).title).toBe('2020年部门收入总表（县级）');
      await callOk(core, 'workbook.undo', { path: file });
      expect((await callOk(core, 'workbook.tables', { path: file })).tableSetId).toBe('hunan-2020');
      // A restart reads the imported file from the data folder.
      core.closeAll();
      const again = shellCore(dataDir);
      try {
        expect(again.tableSets.get('county-2021')?.name).toBe('某县2021年部门预算公开表格');
      } finally {
        again.closeAll();
      }
    } finally {
      core.closeAll();
    }
  });

  it('refuses to switch to a set that is not loaded, and to import over a built-in set', async () => {
    const core = shellCore(temp.make());
    try {
      const file = await createSeed001Workbook(core);
      const error = await callErr(core, 'workbook.change', { path: file, change: { edits: [{ kind: 'setMeta', patch: { tableSetId: 'no-such-set' } }] } }, 'NOT_FOUND');
      expect(error.message).toContain('no-such-set');
      const source = path.join(temp.make(), 'hunan.json');
      copyFileSync(path.join(SETS, 'hunan-2020.json'), source);
      const refused = await callErr(core, 'tablesets.import', { file: source }, 'VALIDATION');
      expect(refused.message).toContain('表格套编号 hunan-2020 已被占用');
    } finally {
      core.closeAll();
    }
  });
});

describe('budgetdesk tablesets', () => {
  it('check reports every problem with its JSON path, in Chinese: unknown key, bad span, unknown placeholder', async () => {
    const set = countySet() as { tables: Record<string, unknown>[] };
    const srzb = set.tables[0]!;
    srzb.colour = 'red';
    srzb.title = '{year}年{deptNmae}收入总表';
    const threePublic = set.tables[1] as { body: { rows: { cells: Record<string, unknown> }[] } };
    const dir = temp.make();
    const broken = path.join(dir, 'broken.json');
    writeFileSync(broken, JSON.stringify(set));
    const dataDir = temp.make();
    const shape = await cli(['tablesets', 'check', broken, '--json'], dataDir);
    expect(shape.code).toBe(1);
    const report = JSON.parse(shape.stdout) as { setId: string; problems: { path: string; message: string }[] };
    expect(report.setId).toBe('county-2021');
    expect(report.problems).toEqual([{ path: 'tables[0].colour', message: expect.stringContaining('未知的字段“colour”') }]);

    // With the shape right, the cross-field checks: a placeholder and a 合计 label spanning past the table.
    delete srzb.colour;
    const zczb = JSON.parse(readFileSync(path.join(SETS, 'hunan-2020.json'), 'utf8')).tables.find((t: { id: string }) => t.id === 'zcmx');
    zczb.body.total.labelSpan = 20;
    set.tables.push(zczb);
    threePublic.body.rows[0]!.cells.total = { sumColumns: ['abroad', 'nosuch'] };
    writeFileSync(broken, JSON.stringify(set));
    const text = await cli(['tablesets', 'check', broken], dataDir);
    expect(text.code).toBe(1);
    expect(text.stderr).toContain('错误：表格套文件有 3 处问题');
    const lines = text.stdout.trim().split('\n');
    expect(lines[0]).toBe('表格套“county-2021”有 3 处问题：');
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(/^ {2}tables\[1\]\(srzb\)\.title：表“附件2 \{year\}年\{deptNmae\}收入总表”：未知的占位符 \{deptNmae\}/),
      expect.stringMatching(/^ {2}tables\[3\]\(zcmx\)\.body\.total\.labelSpan：.*合计行标签从 codeClass 起合并 20 列，超出了表的列数/),
      expect.stringMatching(/^ {2}tables\[19\]\(sgjf-national\)\.body\.rows\[0\]\.cells\.total：.*sumColumns 引用了不存在的列 nosuch/),
    ]);
  });

  it('check passes a good file; list shows built-in and imported sets and the files that were not loaded', async () => {
    const dataDir = dataFolder({ 'county-2021.json': countySet(), 'z-bad.json': { id: 'bad', name: '坏', region: '', year: 2021, moneyUnit: '元', tables: [], extra: 1 } });
    const good = path.join(temp.make(), 'good.json');
    writeFileSync(good, JSON.stringify({ ...countySet(), id: 'county-2023' }));
    const check = await cli(['tablesets', 'check', good], dataDir);
    expect(check).toEqual({ code: 0, stdout: '表格套“county-2023”未发现问题，可以导入。\n', stderr: '' });
    const list = await cli(['tablesets', 'list'], dataDir);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('hunan-2020\t湖南 2020 部门预算公开（17张表＋绩效目标申报表）\t');
    expect(list.stdout).toContain(`county-2021\t某县2021年部门预算公开表格\t某县 2021年起\t20 张表，万元，继承 hunan-2020\t导入：${path.join(tableSetDir(dataDir), 'county-2021.json')}`);
    expect(list.stdout).toContain(`未加载：${path.join(tableSetDir(dataDir), 'z-bad.json')}`);
    expect(list.stdout).toContain('extra：格式错误：未知的字段“extra”');
  });

  it('the real launcher reads the data folder’s sets', () => {
    const dataDir = dataFolder({ 'county-2021.json': countySet() });
    const r = spawnSync(process.execPath, [BIN, 'tablesets', 'list', '--json'], { env: { ...process.env, BUDGETDESK_DATA_DIR: dataDir }, encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).toBe('');
    const doc = JSON.parse(r.stdout) as { sets: { id: string; builtIn: boolean }[] };
    expect(doc.sets.filter((s) => !s.builtIn).map((s) => s.id)).toEqual(['county-2021']);
  });
});

describe('the JSON Schema of a set file', () => {
  it('ships beside the built-in sets and is generated from the zod shapes (run npm run tablesets:schema after changing them)', () => {
    expect(readFileSync(path.join(SETS, SCHEMA_FILE_NAME), 'utf8')).toBe(tableSetJsonSchemaFile());
  });

  it('names the keys a set may use, and refuses others', () => {
    const schema = JSON.parse(tableSetJsonSchemaFile()) as { properties: Record<string, unknown>; additionalProperties: boolean; required: string[] };
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['id', 'name', 'extends', 'drop', 'tables', '$schema']));
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(['id', 'name', 'region', 'year', 'moneyUnit', 'tables']);
  });
});

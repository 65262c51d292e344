import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readSourceFile } from '../../electron/core/io/read-source.js';
import { buildPreview } from '../../shared/import/preview.js';
import { TableSetRegistry } from '../../shared/tables/registry.js';
import { callErr, callOk, makeCore } from '../helpers/core.js';
import { useTempDirs } from '../helpers/hooks.js';
import { makeDocx, p, tbl, tc, tr } from '../helpers/ooxml.js';
import { seedText } from '../helpers/print.js';
import { mirrorDocx, MIRROR_SEEDS } from '../helpers/office-mirror.js';
import { seedBlocks } from '../helpers/seed-blocks.js';
import { exportSeed001Docx, SEED001_DEPT, SEED001_SECTIONS, seed001Explanation, seed001TypedDocx } from '../helpers/seed001-docx.js';

const registry = new TableSetRegistry();
const HUNAN = registry.get('hunan-2020')!;
const temp = useTempDirs('budgetdesk-import-preview-');

async function previewOf(buf: Buffer, name: string) {
  const source = await readSourceFile(buf, name, { convert: false });
  if (source.kind !== 'office') throw new Error(source.kind);
  return buildPreview(source.document, registry);
}

describe('the import preview of a Word file typed by an office', () => {
  it('names the set, each table with its place in the set, rows and the printed 合计 of seed 001', async () => {
    const preview = await previewOf(await seed001TypedDocx(), 'seed001.docx');
    // No title of 附件1–3 names a year.
    expect(preview).toMatchObject({ file: 'seed001.docx', kind: 'docx', deptName: SEED001_DEPT, fileYear: null });
    expect(preview.set).toMatchObject({ id: 'hunan-2020', name: HUNAN.name, year: 2020, matched: 3 });
    expect(preview.tables.map((t) => [t.where, t.sourceTitle, t.number, t.title, t.order, t.rows])).toEqual([
      ['第 1 个表格', '附件 1 部门收支总表', '附件1', '部门收支总表', 1, 2],
      ['第 2 个表格', '附件\u00A0２ 部门收入总表', '附件2', '部门收入总表', 2, 1],
      // The continuation on the next page is part of the same table: one table, its two body rows.
      ['第 3 个表格', '附件 3 部门支出总表', '附件3', '部门支出总表', 3, 2],
    ]);
    // 附件1 prints 收 入 总 计 508.93 (万元); 附件2 and 附件3 print no 合计 row.
    expect(preview.tables.map((t) => t.total)).toEqual(['5089300', null, null]);
    expect(preview.tables.every((t) => t.moneyUnit === '万元' && t.unread === 0 && t.read === t.cells)).toBe(true);
    // The other 17 layouts of the set are not in this file.
    expect(preview.missing.map((m) => m.number)).toEqual(HUNAN.tables.slice(3).map((d) => d.number));
    expect(preview.unrecognised).toEqual([]);
    expect(preview.read).toBe(preview.cells);
    expect(preview.narrative).toEqual([]);
  });

  it.runIf(seedText('001') !== null)('lists the 说明 sections of seed 001 with their paragraphs and length', async () => {
    const preview = await previewOf(await seed001TypedDocx({ explanation: true }), 'seed001.docx');
    expect(preview.narrative.map((s) => s.heading)).toEqual(SEED001_SECTIONS);
    // Section 一 of the seed: the 职责 sentence and its twelve items, counted from the seed text itself.
    const lines = seed001Explanation();
    const body = lines.slice(lines.indexOf('一、部门职能职责') + 1, lines.indexOf('二、机构设置'));
    expect(preview.narrative[0]).toEqual({ heading: '一、部门职能职责', paragraphs: 13, chars: body.reduce((n, l) => n + l.length, 0) });
    expect(body).toHaveLength(13);
    // The tables after the 说明 are still found.
    expect(preview.tables.map((t) => t.tableId)).toEqual(['szzb', 'srzb', 'zczb']);
  });

  it.runIf(seedText('001') !== null)('counts the 绩效 content of seed 001 retyped by an office: 6 专项, 6 支出方向, the 部门整体 goal', async () => {
    const { docx } = await mirrorDocx(seedBlocks(seedText('001')!, MIRROR_SEEDS['001'].rendering), { unit: '万元', rendering: 'lines' });
    const preview = await previewOf(docx, 'seed001-office.docx');
    expect(preview.set?.id).toBe('hunan-2020');
    // Seed 001 附件2 lists six 专项 (值班工作经费 … 政府全会经费), 附件3 their six 支出方向, 附件1 the 部门整体 goal.
    expect(preview.performance).toMatchObject({ specialFunds: 6, directions: 6, departmentGoal: true, projects: [] });
    expect(preview.performance!.indicators).toBeGreaterThan(0);
    expect(preview.tables.filter((t) => t.form).map((t) => t.tableId)).toEqual(['bmzt-jx', 'zxzj-hz', 'zxzj-fx']);
    expect(preview.unrecognised).toEqual([]);
    expect(preview.read).toBe(preview.cells);
  });

  it('lists what it did not recognise: a foreign table and a figure that is no number, each with its place', async () => {
    const buf = await makeDocx(
      [
        p('附件2'),
        p('部门收入总表'),
        p('单位：元'),
        tbl(6, [
          tr(['总计', '一般公共预算拨款', '政府性基金拨款', '纳入专户管理的非税收入拨款', '其他收入', '上年结转'].map((t) => tc(t))),
          tr(['５０８，９３０', '约五十万', '', '', '', ''].map((t) => tc(t))),
        ]),
        p('职工花名册'),
        tbl(3, [tr([tc('姓名'), tc('性别'), tc('出生年月')]), tr([tc('张三'), tc('男'), tc('1980.01')])]),
      ].join(''),
    );
    const preview = await previewOf(buf, '混合.docx');
    expect(preview.set?.id).toBe('hunan-2020');
    expect(preview.tables.map((t) => [t.tableId, t.rows, t.unread, t.cells, t.read])).toEqual([
      ['srzb', 1, 1, 8, 7],
      [null, null, 6, 6, 0],
    ]);
    expect(preview.tables[0]!.moneyUnit).toBe('元');
    expect(preview.unrecognised).toEqual([
      { place: '第 1 个表格（附件2 部门收入总表）第 2 行第 2 列', text: '约五十万', reason: '“约五十万”不是数字' },
      { place: '第 2 个表格', text: '职工花名册', reason: `不是“${HUNAN.name}”中的表格，内容未导入` },
    ]);
    expect(preview).toMatchObject({ cells: 14, read: 7 });
  });

  it('says no set fits a file without any known table', async () => {
    const buf = await makeDocx([p('职工花名册'), tbl(3, [tr([tc('姓名'), tc('性别'), tc('出生年月')]), tr([tc('张三'), tc('男'), tc('1980.01')])])].join(''));
    const preview = await previewOf(buf, 'x.docx');
    expect(preview.set).toBeNull();
    expect(preview.missing).toEqual([]);
    expect(preview.unrecognised).toEqual([{ place: '第 1 个表格', text: '职工花名册', reason: '不像任何已知表格套表中的表格，内容未导入' }]);
  });
});

describe('import.preview through the core', () => {
  it('recognises every table of seed 001 as this app exports it, with the 合计 the seed prints', async () => {
    const core = makeCore(temp.make());
    const file = path.join(temp.make(), '株洲市石峰区人民政府办公室2020年部门预算.docx');
    await exportSeed001Docx(core, file);
    const preview = await callOk(core, 'import.preview', { path: file });
    expect(preview.set).toMatchObject({ id: 'hunan-2020', matched: HUNAN.tables.length });
    // 附件11 and 附件17 are titled 2020年…, as the seed prints them.
    expect(preview.fileYear).toBe(2020);
    expect(preview.tables.map((t) => t.tableId)).toEqual(HUNAN.tables.map((d) => d.id));
    expect(preview.missing).toEqual([]);
    expect(preview.unrecognised).toEqual([]);
    expect(preview.read).toBe(preview.cells);
    const total = (id: string) => preview.tables.find((t) => t.tableId === id)!.total;
    // Seed 001: 附件1 收入总计 508.93, 附件4 合计 508.93 (万元).
    expect(total('szzb')).toBe('5089300');
    expect(total('zcmx')).toBe('5089300');
    // 附件15/16 have no rows (seed 001 has no 政府性基金 or 专户 spending).
    expect(preview.tables.filter((t) => t.tableId === 'zfxjj-zc' || t.tableId === 'zhgl-zc').map((t) => t.rows)).toEqual([0, 0]);
    // Nothing was written into the library by looking.
    expect((await callOk(core, 'library.list', {})).workbooks).toHaveLength(1);
    core.closeAll();
  });

  it('refuses a folder, a missing file and a foreign file in Chinese; a workbook is described, not refused', async () => {
    const core = makeCore(temp.make());
    const dir = temp.make();
    expect((await callErr(core, 'import.preview', { path: dir }, 'VALIDATION')).message).toMatch(/文件夹/);
    expect((await callErr(core, 'import.preview', { path: path.join(dir, '无.docx') }, 'NOT_FOUND')).message).toMatch(/找不到/);
    const state = await callOk(core, 'library.create', { meta: { deptName: '测试部门', year: 2021 } });
    // A workbook is imported like last year's document (test/unit/import-workbook.test.ts has the details).
    expect(await callOk(core, 'import.preview', { path: state.path })).toMatchObject({ kind: 'bdwb', deptName: '测试部门', fileYear: 2021, unrecognised: [] });
    const junk = path.join(dir, '随便.docx');
    writeFileSync(junk, 'not a document at all');
    expect((await callErr(core, 'import.preview', { path: junk }, 'UNSUPPORTED_FILE')).message).toMatch(/不是 Word（\.docx）/);
    core.closeAll();
  });
});

const BIN = fileURLToPath(new URL('../../bin/budgetdesk.mjs', import.meta.url));

function cli(args: string[], dataDir: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { env: { ...process.env, BUDGETDESK_DATA_DIR: dataDir }, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('budgetdesk import of a Word file', { timeout: 180_000 }, () => {
  it('prints the preview with --preview, and creates the workbook without it', async () => {
    const dir = temp.make();
    const file = path.join(dir, 'seed001.docx');
    writeFileSync(file, await seed001TypedDocx());
    const dataDir = temp.make();
    const r = cli(['import', file, '--preview'], dataDir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`单位名称：${SEED001_DEPT}`);
    expect(r.stdout).toContain('文件年度：未找到');
    expect(r.stdout).toContain(`表格套表：${HUNAN.name}（hunan-2020），识别 3 张表`);
    expect(r.stdout).toContain('第 1 个表格  附件 1 部门收支总表 → 附件1 部门收支总表（套表第 1 张，匹配度 100.0%）：2 行，合计 508.93 万元');
    expect(r.stdout).toContain('未识别的内容：无');
    const json = cli(['import', file, '--preview', '--json'], dataDir);
    expect(JSON.parse(json.stdout)).toMatchObject({ set: { id: 'hunan-2020' }, tables: [{ tableId: 'szzb', total: '5089300' }, {}, {}] });

    // Creation is built (import.run): the same file makes a workbook, and the report's summary is printed. Its
    // titles name no year, so the year is asked for.
    const out = path.join(dir, 'new.bdwb');
    const noYear = cli(['import', file, '--out', out], dataDir);
    expect([noYear.code, noYear.stdout]).toEqual([1, '']);
    expect(noYear.stderr).toMatch(/无法从文件的表格标题中确定预算年度/);
    expect(existsSync(out)).toBe(false);
    const created = cli(['import', file, '--year', '2020', '--out', out], dataDir);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(created.stdout).toContain(`已导入为工作簿：${out}`);
    expect(created.stdout).toContain('识别表格 3 张');
    expect(existsSync(out)).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['new.bdwb', 'seed001.docx']);
  });
});

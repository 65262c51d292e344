import ExcelJS from 'exceljs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/run.js';
import type { Core } from '../../electron/core/core.js';
import { builtinCodeList } from '../../shared/reference/builtin.js';
import { makeCore } from '../helpers/core.js';
import { makeTempDir } from '../helpers/temp.js';
import { createSeed001Workbook } from '../fixtures/seed001/load.js';

/** `budgetdesk tables` and `budgetdesk codes import`, run in-process against a real data folder. */

let core: Core;
let dataDir: string;
let file: string;

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli([...args, '--data-dir', dataDir], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: {} });
  return { code, stdout, stderr };
}

interface PrintedJson {
  tableSetId: string;
  tables: { id: string; title: string; unitLine: string; moneyUnitLine: string; header: { label: string; rowSpan: number; colSpan: number }[]; rows: string[][]; emptyNote?: string; hints: string[] }[];
}

beforeAll(async () => {
  dataDir = makeTempDir();
  core = makeCore(dataDir);
  file = await createSeed001Workbook(core);
  core.closeAll();
});
afterAll(() => core.closeAll());

describe('budgetdesk tables', () => {
  it('--json prints every derived table of the set as displayed', async () => {
    const r = await cli('tables', file, '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as PrintedJson;
    expect(doc.tableSetId).toBe('hunan-2020');
    expect(doc.tables).toHaveLength(17);
    const sgjf = doc.tables.find((t) => t.id === 'sgjf')!;
    expect(sgjf).toMatchObject({ title: '一般公共预算“三公”经费支出表', unitLine: '单位名称：株洲市石峰区人民政府办公室', moneyUnitLine: '单位：万元' });
    expect(sgjf.rows[0]).toEqual(['合 计', '20.34']);
    const t8 = doc.tables.find((t) => t.id === 'xmzc-mx')!;
    expect(t8.header.find((h) => h.label === '资 金 来 源')).toMatchObject({ rowSpan: 1, colSpan: 8 });
    expect(doc.tables.find((t) => t.id === 'zfxjj-zc')).toMatchObject({ rows: [], emptyNote: '本部门2020年无政府性基金预算拨款安排的支出，故本表为空表。' });
    expect(doc.tables.find((t) => t.id === 'jbzc-yzjf')!.hints).toEqual([expect.stringContaining('相差 0.01')]);
  });

  it('--set shows the same facts in another layout; --unit one unit’s tables', async () => {
    const national = JSON.parse((await cli('tables', file, '--set', 'national-9', '--json')).stdout) as PrintedJson;
    expect(national.tables.map((t) => t.id)).toEqual(['szzb', 'srzb', 'zczb', 'czbk-szzb', 'ybgg-zc', 'ybgg-jbzc', 'sgjf', 'zfxjj-zc', 'gyzb-zc']);
    expect(national.tables[0]!.rows.at(-1)).toEqual(['收入总计', '508.93', '支出总计', '508.93']);
    const own = JSON.parse((await cli('tables', file, '--unit', '001', '--json')).stdout) as PrintedJson;
    expect(own.tables.find((t) => t.id === 'srzb')!.rows).toEqual([['508.93', '508.93', '', '', '', '']]);
  });

  it('without --json prints the tables as text', async () => {
    const r = await cli('tables', file);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('附件9 一般公共预算“三公”经费支出表\n单位名称：株洲市石峰区人民政府办公室\n单位：万元\n项 目\t预算金额\n合 计\t20.34\n');
    expect(r.stdout).toContain('提示：“预算金额”显示为 69.04');
  });

  it('refuses an unknown set (usage) and an unknown unit (failure), in Chinese', async () => {
    const badSet = await cli('tables', file, '--set', 'nope');
    expect(badSet.code).toBe(2);
    expect(badSet.stderr).toContain('没有表格套表“nope”');
    const badUnit = await cli('tables', file, '--unit', '999');
    expect(badUnit.code).toBe(1);
    expect(badUnit.stderr).toContain('预算单位');
  });
});

describe('budgetdesk codes import', () => {
  it('imports the bureau’s list, prints the differences in Chinese, and the tables then use its names', async () => {
    const dir = makeTempDir();
    const xlsx = path.join(dir, '科目表.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('支出功能分类');
    ws.addRow(['2020年政府收支分类科目']);
    ws.addRow(['科目编码', '科目名称']);
    for (const e of builtinCodeList('function', 2020)!.entries) ws.addRow([e.code, e.code === '2010301' ? '行政运行（本级）' : e.name]);
    ws.addRow(['2010397', '新增的测试项']);
    await wb.xlsx.writeFile(xlsx);

    const dry = await cli('codes', 'import', xlsx, '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('检查 2020 年支出功能分类科目');
    expect(dry.stdout).toContain('新增 1 个，减少 0 个，名称变更 1 个');
    expect(dry.stdout).toContain('2010301 行政运行 → 行政运行（本级）');
    expect(dry.stdout).toContain('未保存');

    const r = await cli('codes', 'import', xlsx, '--year', '2020', '--json');
    expect(r.stderr).toBe('');
    const result = JSON.parse(r.stdout) as { kind: string; year: number; diff: { added: unknown[]; renamed: unknown[] }; storedAt: string };
    expect(result).toMatchObject({ kind: 'function', year: 2020, diff: { added: [{ code: '2010397', name: '新增的测试项' }], renamed: [{ code: '2010301', from: '行政运行', to: '行政运行（本级）' }] } });
    expect(result.storedAt.startsWith(dataDir)).toBe(true);

    const tables = JSON.parse((await cli('tables', file, '--json')).stdout) as PrintedJson;
    expect(tables.tables.find((t) => t.id === 'zczb')!.rows[2]).toEqual(['201', '03', '01', '行政运行（本级）', '448.93', '448.93', '', '', '', '']);
  });

  it('refuses an unknown subcommand and a bad year', async () => {
    expect((await cli('codes', 'export', 'x.xlsx')).code).toBe(2);
    const bad = await cli('codes', 'import', 'x.xlsx', '--year', '20');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('年度“20”无效');
  });
});

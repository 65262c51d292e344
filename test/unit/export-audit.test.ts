import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core.js';
import { createSeed001Workbook } from '../fixtures/seed001/load.js';
import { callOk } from '../helpers/core.js';
import { useTempDirs } from '../helpers/hooks.js';
import { readXlsx, type Sheet } from '../helpers/xlsx-read.js';
import { descendants, parseXml, zipPart, zipTest, type XmlNode } from '../render/ooxml.js';

/**
 * The 审核情况说明 of the .docx and .xlsx exports, read back from the written files: the explained findings
 * (table, finding, 类别, 说明) and the count of those still open. Seed 001 ties (收入总计 = 支出总计 = 508.93
 * 万元, 三公 5.34 万元); the test breaks it in two ways a reviewer would ask about.
 */

const temp = useTempDirs('budgetdesk-export-audit-');

const THREE_PUBLIC_REASON = '新增接待上级检查任务，公务接待费增加。';
const BALANCE_REASON = '上级补助收入600万元中91.07万元待下达项目，暂未安排支出。';

async function explainedWorkbook(core: Core): Promise<string> {
  const file = await createSeed001Workbook(core);
  // 上年“三公” 3 + 1 = 4.00 against this year's 5.34 (seed 001): a 需说明 finding.
  // Income 600 against spending of 508.93: 错误 findings on 附件1 and 附件10 (财政拨款收支总表).
  const income = (await callOk(core, 'workbook.rows', { path: file, tableId: 'fact-income' })).rows[0]!;
  await callOk(core, 'workbook.change', {
    path: file,
    change: {
      edits: [
        { kind: 'setCells', tableId: 'fact-info', cells: [{ rowId: 'info-threePublicPrevReception', col: 'amount', text: '3' }, { rowId: 'info-threePublicPrevVehicle', col: 'amount', text: '1' }] },
        { kind: 'setCells', tableId: 'fact-income', cells: [{ rowId: income.id, col: 'amount', text: '600' }] },
      ],
    },
  });
  const findings = await callOk(core, 'checks.run', { path: file });
  const threePublic = findings.find((f) => f.rule === 'yoy.three-public')!;
  const balance = findings.find((f) => f.rule === 'T1.balance')!;
  await callOk(core, 'checks.explain', { path: file, finding: threePublic.id, text: THREE_PUBLIC_REASON });
  await callOk(core, 'checks.explain', { path: file, finding: balance.id, text: BALANCE_REASON });
  return file;
}

const sheetRow = (sheet: Sheet, row: number): string[] => ['A', 'B', 'C', 'D', 'E'].map((c) => sheet.cells.get(`${c}${row}`)?.value ?? '');
const textOf = (node: XmlNode): string => [...descendants(node, 'w:t')].map((t) => t.text).join('');

describe('审核情况说明 in the exports', () => {
  it('.xlsx: a sheet listing each explained finding with its 说明, and how many remain open', async () => {
    const core = temp.core();
    const file = await explainedWorkbook(core);
    const open = (await callOk(core, 'checks.run', { path: file })).filter((f) => f.severity !== '提示' && !f.explanation);
    // 附件10 财政拨款收支总表 (财政拨款收入 600.00 against 支出 508.93) does not tie either, and nothing explains it.
    expect(open.map((f) => [f.rule, f.table])).toEqual([['T4.balance', 'czbk-szzb']]);
    const out = path.join(temp.make(), '部门预算.xlsx');
    await callOk(core, 'print.export', { path: file, format: 'xlsx', out });
    const sheets = readXlsx(readFileSync(out)).sheets;
    expect(sheets.at(-1)!.name).toBe('审核情况说明');
    const sheet = sheets.at(-1)!;
    const rows = [...sheet.cells.keys()].map((k) => Number(/\d+$/.exec(k)![0]));
    const values = Array.from({ length: Math.max(...rows) }, (_, i) => sheetRow(sheet, i + 1)).filter((r) => r.some((v) => v !== ''));
    const header = values.findIndex((r) => r[0] === '序号');
    expect(values[header]).toEqual(['序号', '所在表格', '审核问题', '类别', '情况说明']);
    expect(values[header + 1]).toEqual(['1', '附件1 部门收支总表', expect.stringContaining('收入总计 600.00 ≠ 支出总计 508.93，相差 91.07 万元'), '错误', BALANCE_REASON]);
    expect(values[header + 2]).toEqual(['2', '附件9 一般公共预算“三公”经费支出表', expect.stringContaining('“三公”经费 5.34 比上年 4.00 增加 1.34 万元'), '需说明', THREE_PUBLIC_REASON]);
    expect(values[header + 3]).toEqual(['导出时尚有 1 个审核问题未作说明（错误 1 个，需说明 0 个）。', '', '', '', '']);
    expect(values.some((r) => r.join('').includes('单位名称：株洲市石峰区人民政府办公室'))).toBe(true);
  });

  it('.docx: the same section after the tables, in the 目录, with the open count under it', async () => {
    const core = temp.core();
    const file = await explainedWorkbook(core);
    const out = path.join(temp.make(), '部门预算.docx');
    await callOk(core, 'print.export', { path: file, format: 'docx', out });
    expect(zipTest(out)).toContain('No errors detected');
    const body = parseXml(zipPart(out, 'word/document.xml'));
    const tables = [...descendants(body, 'w:tbl')];
    const last = tables.at(-1)!;
    const rows = [...descendants(last, 'w:tr')].map((tr) => [...descendants(tr, 'w:tc')].map(textOf));
    expect(rows[0]).toEqual(['序号', '所在表格', '审核问题', '类别', '情况说明']);
    expect(rows.slice(1).map((r) => [r[0], r[1], r[3], r[4]])).toEqual([
      ['1', '附件1 部门收支总表', '错误', BALANCE_REASON],
      ['2', '附件9 一般公共预算“三公”经费支出表', '需说明', THREE_PUBLIC_REASON],
    ]);
    const paragraphs = [...descendants(body, 'w:p')].map(textOf);
    const title = paragraphs.lastIndexOf('审核情况说明');
    expect(title).toBeGreaterThan(paragraphs.findIndex((p) => p.includes('部门收支总表')));
    expect(paragraphs).toContain('导出时尚有 1 个审核问题未作说明（错误 1 个，需说明 0 个）。');
    // Listed in the 目录 (the TC field entry the writer puts on the title).
    expect(zipPart(out, 'word/document.xml')).toMatch(/TC &quot;审核情况说明&quot;|TC "审核情况说明"/);
  });

  it('without any 说明 the package prints as before, even with open findings', async () => {
    const core = temp.core();
    const file = await createSeed001Workbook(core);
    const income = (await callOk(core, 'workbook.rows', { path: file, tableId: 'fact-income' })).rows[0]!;
    await callOk(core, 'workbook.change', { path: file, change: { edits: [{ kind: 'setCells', tableId: 'fact-income', cells: [{ rowId: income.id, col: 'amount', text: '600' }] }] } });
    expect((await callOk(core, 'checks.run', { path: file })).some((f) => f.severity === '错误')).toBe(true);
    const out = path.join(temp.make(), '部门预算.xlsx');
    await callOk(core, 'print.export', { path: file, format: 'xlsx', out });
    const names = readXlsx(readFileSync(out)).sheets.map((s) => s.name);
    expect(names).toHaveLength(20);
    expect(names).not.toContain('审核情况说明');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Core } from '../../electron/core/core.js';
import type { DerivedTable } from '../../shared/derive/types.js';
import { TableSetRegistry } from '../../shared/tables/registry.js';
import { callOk, makeCore } from '../helpers/core.js';
import { createSeed001Workbook, printed, seed001Expected } from '../fixtures/seed001/load.js';

/**
 * Acceptance: seed 001's published facts, typed into a real workbook through the API, reproduce its
 * 17 tables cell for cell as printed (expected/*.json, transcribed from the seed; where the seed
 * contradicts itself the files hold the correct print and say why under seedDeviations).
 */

let core: Core;
let file: string;
const derived = (tableId: string, extra: { unit?: string; tableSetId?: string } = {}): Promise<DerivedTable> =>
  callOk(core, 'workbook.derived', { path: file, tableId, ...extra });

beforeAll(async () => {
  core = makeCore();
  file = await createSeed001Workbook(core);
});
afterAll(() => core.closeAll());

const expected = seed001Expected();

describe('seed 001 (湖南 2020, 株洲市石峰区人民政府办公室)', () => {
  it('has an expected print for each of the 17 部门预算公开 tables of the set', () => {
    const set = new TableSetRegistry().get('hunan-2020')!;
    const published = set.tables.filter((t) => t.group === '部门预算公开表格').map((t) => t.id);
    expect(published).toHaveLength(17);
    expect(expected.map((e) => e.tableId).sort()).toEqual([...published].sort());
  });

  it.each(expected.map((e) => [`${e.number} ${e.title}`, e] as const))('%s prints exactly as published', async (_name, want) => {
    const got = printed(await derived(want.tableId));
    const { seedDeviations: _ignored, ...print } = want;
    const sortHeader = (h: typeof want.header) => [...h].sort((a, b) => a[1] - b[1] || a[2] - b[2]);
    expect({ ...got, header: sortHeader(got.header) }).toEqual({ ...print, header: sortHeader(print.header) });
  });

  it('附件1’s 经济分类 side prints label-and-amount cells that keep the exact amount and drill to the lines', async () => {
    const t = await derived('szzb');
    const econ = t.rows.map((r) => r.cells.econAmount?.text ?? '');
    // As seed 001 prints them; a zero amount leaves the label alone.
    expect(econ.slice(0, 8)).toEqual(['一、基本支出 448.93', '1.工资福利支出 365.55', '2.商品和服务支出 69.04', '3.对个人和家庭的补助 14.34', '', '二、项目支出 60.00', '1.专项商品和服务支出 60.00', '2.对个人和家庭的补助']);
    expect(econ.at(-1)).toBe('支 出 总 计 508.93');
    expect(t.rows[0]!.cells.econAmount).toMatchObject({ label: '一、基本支出', value: '4489253' });
    const drill = await callOk(core, 'workbook.drill', { path: file, tableId: 'szzb', rowKey: 'r1', col: 'econAmount' });
    expect([drill.total, drill.label]).toEqual(['4489253', '附件1 部门收支总表 · 一、基本支出 · 支出-本年预算']);
  });

  it('reports no data problems and no unusable rows', async () => {
    const overview = await callOk(core, 'workbook.tables', { path: file });
    expect(overview.issues).toEqual([]);
    for (const t of overview.tables.filter((x) => x.kind === 'derived')) expect([t.id, t.problems]).toEqual([t.id, 0]);
  });

  it('keeps exact values behind the printed figures', async () => {
    const szzb = await derived('szzb');
    const total = szzb.rows.find((r) => r.key === 'total')!;
    expect(total.cells.incomeAmount).toMatchObject({ text: '508.93', value: '5089253' });
    expect(total.cells.funcAmount).toMatchObject({ text: '508.93', value: '5089253' });
    const jbzc = await derived('ybgg-jbzc');
    expect(jbzc.rows.find((r) => r.key === '302')!.cells.public).toMatchObject({ text: '69.04', value: '690360' });
    expect(jbzc.rows.find((r) => r.key === '30101')!.cells.total).toMatchObject({ text: '111.68', value: '1116768' });
    expect(jbzc.rows.find((r) => r.key === 'total')!.cells.personnel).toMatchObject({ text: '379.89', value: '3798893' });
  });

  it('三公 table: 合计 20.34 = “三公” 5.34 (公务接待费 basic 5 + project 0.34) + 会议费 12.70 + 培训费 2.30', async () => {
    const sgjf = await derived('sgjf');
    const cell = (key: string) => sgjf.rows.find((r) => r.key === key)!.cells.amount!;
    expect(cell('total')).toMatchObject({ text: '20.34', value: '203400' });
    expect(cell('threePublic')).toMatchObject({ text: '5.34', value: '53400' });
    expect(cell('meeting')).toMatchObject({ text: '12.70', value: '127000' });
    expect(cell('training')).toMatchObject({ text: '2.30', value: '23000' });
    const reception = await callOk(core, 'workbook.drill', { path: file, tableId: 'sgjf', rowKey: 'reception', col: 'amount' });
    expect(reception.total).toBe('53400');
    expect(reception.lines.map((l) => [l.tableId, l.cells.econCode, l.amount])).toEqual([
      ['fact-lines', '30217', '50000'],
      ['fact-lines', '30217', '3400'],
    ]);
    expect(reception.label).toBe('附件9 一般公共预算“三公”经费支出表 · 2.公务接待费 · 预算金额');
  });

  it('drills from 行政运行 in 附件3 to the 23 basic lines, and from 附件8 to the projects and their split lines', async () => {
    const basic = await callOk(core, 'workbook.drill', { path: file, tableId: 'zczb', rowKey: '2010301', col: 'general' });
    expect(basic.lines).toHaveLength(23);
    expect(basic.total).toBe('4489253');
    expect(basic.label).toBe('附件3 部门支出总表 · 2010301 行政运行 · 一般公共预算拨款');
    const projects = await callOk(core, 'workbook.drill', { path: file, tableId: 'xmzc-mx', rowKey: 'c:业务性专项经费', col: 'total' });
    expect(projects.total).toBe('600000');
    // Each project's own row contributes what its split lines leave: 政府办党组工作经费 10 − 0.34, 政府全会经费 20 − 8.7.
    expect(projects.lines.map((l) => [l.tableId, l.cells.name ?? l.cells.project, l.amount])).toEqual([
      ['fact-lines', 'XM02', '3400'],
      ['fact-lines', 'XM06', '87000'],
      ['fact-projects', '值班工作经费', '40000'],
      ['fact-projects', '政府办党组工作经费', '96600'],
      ['fact-projects', '机要保密经费', '100000'],
      ['fact-projects', '督查调研经费', '140000'],
      ['fact-projects', '提案建议承办经费', '20000'],
      ['fact-projects', '政府全会经费', '113000'],
    ]);
  });

  it('the narrative figures come from the same facts (机关运行经费, 上年预算数)', async () => {
    const sums = await callOk(core, 'workbook.factSums', {
      path: file,
      queries: {
        operating: { measure: 'expense', filter: { fundSource: 'general', nature: 'basic.public' } },
        basic: { measure: 'expense', filter: { nature: 'basic' } },
        project: { measure: 'expense', filter: { nature: 'project' } },
        income: { measure: 'income' },
      },
    });
    expect(sums).toEqual({ operating: '690360', basic: '4489253', project: '600000', income: '5089253' });
    const prev = await callOk(core, 'workbook.factSums', { path: file, queries: { income: { measure: 'income' } }, prev: true });
    expect(prev).toEqual({ income: '5087600' });
  });
});

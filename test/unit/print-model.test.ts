import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core.js';
import { Dec } from '../../shared/money/decimal.js';
import type { PrintDocument, PrintTable } from '../../shared/print/types.js';
import { createSeed001Workbook, seed001Expected } from '../fixtures/seed001/load.js';
import { loadSeed, type LoadedSeed, type SeedId } from '../fixtures/perf/load.js';
import { callOk, makeCore } from '../helpers/core.js';
import { figureProblems, headerCells, missingInOrder, rowTexts, seedText, sumProblems } from '../helpers/print.js';

/**
 * The printed model (shared/print) that the read-only views, the preview and both writers read: built by
 * the core from real workbooks holding the seeds' data, compared with the seed documents as published.
 */

let core: Core;
let seed001: string;
const perf = new Map<SeedId, LoadedSeed>();

beforeAll(async () => {
  core = makeCore();
  seed001 = await createSeed001Workbook(core);
  for (const id of ['000', '002', '003', '004'] as const) perf.set(id, await loadSeed(core, id));
});
afterAll(() => core.closeAll());

const tables = (doc: PrintDocument): PrintTable[] => doc.blocks.flatMap((b) => (b.kind === 'table' ? [b.table] : []));

/** Every text of a table in reading order, figures with their plain number as another acceptable spelling. */
function readingOrder(t: PrintTable, listsOnly: boolean): (string | string[])[] {
  const start = listsOnly ? t.rows.findIndex((r) => r.role === 'header') : 0;
  return [...t.header, ...t.rows.slice(Math.max(start, 0))].flatMap((r) =>
    r.cells.map((c) => {
      // The seeds print 指标值 with ≥ and with >= alike, and 效益指标 also as 效果指标; a layout prints one spelling.
      if (c.number === undefined) return [c.text, c.text.replace(/>=/g, '≥').replace(/<=/g, '≤'), c.text.replace('效果指标', '效益指标')];
      return c.text === '' ? '' : [c.text.replace(/,/g, ''), new Dec(c.number).toFixed()];
    }),
  );
}

describe('seed 001: the 17 部门预算公开 tables as printed', () => {
  const expected = seed001Expected();

  it.each(expected.map((e) => [`${e.number} ${e.title}`, e] as const))('%s: header, rows, notes exactly as published', async (_name, want) => {
    const [t] = await callOk(core, 'print.table', { path: seed001, tableId: want.tableId });
    expect(t!.kind).toBe('table');
    expect([t!.number, t!.title, t!.unitLine, t!.moneyUnitLine]).toEqual([want.number, want.title, want.unitLine, want.moneyUnitLine]);
    const byPlace = (h: [string, number, number, number, number][]) => [...h].sort((a, b) => a[1] - b[1] || a[2] - b[2]);
    expect(byPlace(headerCells(t!))).toEqual(byPlace(want.header));
    expect(t!.header.find((r) => r.role === 'number') ? rowTexts(t!.header.at(-1)!, t!.columns.length) : undefined).toEqual(want.numberRow);
    expect(t!.rows.map((r) => rowTexts(r, t!.columns.length))).toEqual(want.rows);
    expect(t!.emptyNote).toEqual(want.emptyNote);
    expect(t!.notes).toEqual(want.notes ?? []);
    expect(figureProblems(t!)).toEqual([]);
    expect(sumProblems(t!)).toEqual([]);
  });

  it('合计 and subtotal rows name the rows they sum where the printed figures add up (附件4), and not where rounding breaks it (附件6)', async () => {
    const [zcmx] = await callOk(core, 'print.table', { path: seed001, tableId: 'zcmx' });
    const keys = (sumOf: number[] | undefined) => (sumOf ?? []).map((i) => zcmx!.rows[i]!.key);
    expect(keys(zcmx!.rows.find((r) => r.role === 'total')!.sumOf)).toEqual(['201']);
    expect(keys(zcmx!.rows.find((r) => r.key === '201')!.sumOf)).toEqual(['20103']);
    expect(keys(zcmx!.rows.find((r) => r.key === '20103')!.sumOf)).toEqual(['2010301', '2010302']);
    // 附件6: the 款 of 302 print 69.05 in sum against a 302 of 69.04 (69.036 exactly): no formula may claim otherwise.
    const [yzjf] = await callOk(core, 'print.table', { path: seed001, tableId: 'jbzc-yzjf' });
    const sub302 = yzjf!.rows.find((r) => r.key === '302')!;
    expect(sub302.cells.find((c) => c.number !== undefined)!.text).toBe('69.04');
    expect(sub302.sumOf).toBeUndefined();
  });

  it('keeps the layout’s decimals in the printed value: 111.6768 万元 prints and counts as 111.68', async () => {
    const [gzfl] = await callOk(core, 'print.table', { path: seed001, tableId: 'ybgg-jbzc' });
    const row = gzfl!.rows.find((r) => r.key === '30101')!;
    const figure = row.cells.find((c) => c.text === '111.68')!;
    expect([figure.number, figure.decimals, figure.align]).toEqual(['111.68', 2, 'right']);
  });
});

describe('seed 001: the whole 部门预算 document', () => {
  it('cover, 目录, 说明, the 17 tables in set order, then the 绩效目标 tables', async () => {
    const doc = await callOk(core, 'print.document', { path: seed001 });
    expect(doc.cover?.title).toBe('株洲市石峰区人民政府办公室2020年部门预算');
    expect(doc.cover?.dateLine).toMatch(/^\d{4}年\d{1,2}月$/);
    expect(doc.toc.filter((e) => e.level === 1).map((e) => e.text)).toEqual(['第一部分 部门预算公开说明', '第二部分 部门预算公开表格', '第三部分 绩效目标申报表']);
    const printed = tables(doc);
    expect(printed.map((t) => t.number)).toEqual([...Array.from({ length: 17 }, (_, i) => `附件${i + 1}`), '附件1', '附件2', '附件3']);
    expect(printed.slice(0, 17).map((t) => t.title)).toEqual(seed001Expected().sort((a, b) => Number(a.number.slice(2)) - Number(b.number.slice(2))).map((e) => e.title));
    expect(printed[17]!.kind).toBe('form');
    // The empty tables print their official note instead of rows (附件15, 16).
    expect(printed.filter((t) => t.empty && t.group === '部门预算公开表格').map((t) => t.emptyNote)).toEqual([
      '本部门2020年无政府性基金预算拨款安排的支出，故本表为空表。',
      '本部门2020年无纳入专户管理的非税收入拨款安排的支出，故本表为空表。',
    ]);
  });

  it('the 说明 quotes the figures the seed’s narrative prints', async () => {
    const doc = await callOk(core, 'print.document', { path: seed001, part: 'budget' });
    const headings = doc.blocks.flatMap((b) => (b.kind === 'heading' && b.level === 2 ? [b.text] : []));
    expect(headings).toEqual(['一、部门职能职责', '二、机构设置', '三、部门预算单位构成', '四、部门收支总体情况', '五、一般公共预算拨款支出预算', '六、政府性基金预算支出', '七、其他重要事项情况说明', '八、名词解释']);
    const text = doc.blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : [])).join('\n');
    for (const phrase of [
      '编制人数 27 人',
      '实有人数 26 人',
      '年初预算数 508.93 万元',
      '比上年增加 0.17 万元',
      '2020年年初预算数为 448.93 万元',
      '工资福利支出 365.55 万元',
      '一般商品和服务支出 69.04 万元',
      '对个人和家庭补助 14.34 万元',
      '2020年年初预算数为 60 万元',
      '政府全会经费 20 万元',
      '办公及业务用房 210 平方米',
      '会议费 12.7 万元',
      '培训费 2.3 万元',
    ]) {
      expect(text).toContain(phrase);
    }
    const seed = seedText('001');
    if (seed) {
      // The same figures stand in the seed's own narrative, in this order.
      expect(missingInOrder(seed, ['27 人', '26 人', '508.93 万元', '0.17 万元', '448.93 万元', '365.55 万元', '69.04 万元', '14.34 万元', '60 万元', '6.6 万元', '210 平方米', '12.7 万元', '2.3 万元'])).toEqual([]);
    }
    expect(tables(doc).every((t) => t.group === '部门预算公开表格')).toBe(true);
  });

  it('part “performance” holds only the 绩效目标 tables, without cover or 说明', async () => {
    const doc = await callOk(core, 'print.document', { path: seed001, part: 'performance' });
    expect(doc.cover).toBeUndefined();
    expect(doc.toc.map((e) => e.text)).toEqual(['第一部分 绩效目标申报表', '附件1 2020年部门整体支出绩效申报表', '附件2 2020年区级专项资金预算绩效目标汇总表', '附件3 2020年区级专项资金支出方向绩效目标表']);
  });

  it('a table selection keeps set order; an unknown table id is refused', async () => {
    const doc = await callOk(core, 'print.document', { path: seed001, tables: ['sgjf', 'szzb'] });
    expect(tables(doc).map((t) => t.tableId)).toEqual(['szzb', 'sgjf']);
    const bad = await core.call('print.document', { path: seed001, tables: ['nope'] });
    expect(bad.ok ? null : bad.error.code).toBe('NOT_FOUND');
  });
});

describe('绩效目标 packages (seeds 000, 002, 003, 004)', () => {
  it('seed 000: 附件3-1 prints the 12 专项 and a 合计 of 100 万元 summing them; 3-3 shows the 部门整体 form', async () => {
    const seed = perf.get('000')!;
    const doc = await callOk(core, 'print.document', { path: seed.path, part: 'performance' });
    const [hz, fx, bmzt] = tables(doc);
    expect([hz!.number, fx!.number, bmzt!.number]).toEqual(['附件3-1', '附件3-2', '附件3-3']);
    expect(hz!.rows).toHaveLength(13);
    const total = hz!.rows.at(-1)!;
    expect(total.role).toBe('total');
    expect(total.sumOf).toEqual(Array.from({ length: 12 }, (_, i) => i));
    expect(total.cells.find((c) => c.number !== undefined)).toMatchObject({ text: '100.00', number: '100' });
    expect(hz!.rows.slice(0, 12).map((r) => r.cells[3]!.number)).toEqual(['8', '5', '2', '10', '8', '10', '2', '10', '5', '15', '20', '5']);
    expect(bmzt!.kind).toBe('form');
  });

  it('seed 003: 部门整体 as headings and paragraphs, then one 项目绩效目标表 per project in 元', async () => {
    const seed = perf.get('003')!;
    const doc = await callOk(core, 'print.document', { path: seed.path });
    expect(doc.toc.slice(0, 5).map((e) => e.text)).toEqual(['第一部分 部门整体绩效目标', '一、总体绩效目标', '二、分项绩效目标', '三、工作保障措施', '第二部分 预算项目绩效目标']);
    const projects = tables(doc);
    expect(projects.map((t) => t.title)).toEqual(seed.fixture.projects!.map((p, i) => `${i + 1}.${p.name}绩效目标表`));
    const first = projects[0]!;
    expect([first.unitLine, first.moneyUnitLine, first.columns.length]).toEqual(['434001玉田县人民政府办公室本级', '单位：元', 13]);
    const amount = first.rows[1]!.cells.find((c) => c.number !== undefined)!;
    expect([amount.col, amount.colSpan, amount.number, amount.text]).toEqual([3, 2, '516541.09', '516,541.09']);
    // 一级指标 merges down over its 二级 rows: 产出指标 over 数量/质量/时效/成本.
    const header = first.rows.findIndex((r) => r.role === 'header');
    expect(first.rows[header + 1]!.cells[0]).toMatchObject({ text: '产出指标', rowSpan: 4, col: 0 });
    expect(first.rows[header + 2]!.cells[0]).toMatchObject({ text: '质量指标', col: 1 });
  });

  it('seed 004: 34 project tables in 万元, 指标值 in the layout’s >= style', async () => {
    const seed = perf.get('004')!;
    const doc = await callOk(core, 'print.document', { path: seed.path, part: 'performance' });
    const printed = tables(doc);
    expect(printed).toHaveLength(34);
    expect(printed.every((t) => t.moneyUnitLine === '单位：万元')).toBe(true);
    expect(printed.map((t) => t.rows[1]!.cells.find((c) => c.number !== undefined)!.number)).toEqual(seed.fixture.projects!.map((p) => new Dec(p.amount).toFixed()));
  });

  it.each(['000', '002', '003', '004'] as const)('seed %s: every printed text stands in the seed document, in the same order within each table', async (id) => {
    const text = seedText(id);
    if (!text) return;
    const doc = await callOk(core, 'print.document', { path: perf.get(id)!.path });
    // Seed 004 prints its 34 tables in four different frames (资金用途 / 项目资金主要用途 …) where the layout
    // has one; there the indicator grids are compared, from their header row on.
    const missing = tables(doc).flatMap((t) => missingInOrder(text, readingOrder(t, id === '004')).map((m) => `${t.title}: ${m}`));
    // What the layouts add to the seeds as published: the 合计 row of 附件3-1 (000 and 002 print none),
    // the unit-name line of 附件3-3 (000) and the empty 业务股室意见 label (002).
    const added: Record<SeedId, string[]> = {
      '000': ['2019年区级专项资金预算绩效目标汇总表: 合计', '部门整体支出绩效申报表: 株洲市石峰区人民政府办公室'],
      '002': ['2019年区级专项资金预算绩效目标汇总表: 合计', '2019年区级专项资金预算绩效目标汇总表: 2410.00', '部门整体支出绩效申报表: 业务股室意见：'],
      '003': [],
      // Two 004 tables print 时效 before 数量; the indicator grid keeps the 产出 tree's order (数量 first).
      '004': ['社会治安防范光电配套款绩效目标表: 办理交通案件', '智慧社区光电配套款绩效目标表: 查询信息及破案'],
    };
    expect(missing).toEqual(added[id]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Core } from '../../electron/core/core.js';
import { readTableSetFolder } from '../../electron/core/tablesets.js';
import { rulesFor, runRule } from '../../shared/checks/engine.js';
import type { CheckContext } from '../../shared/checks/context.js';
import type { DerivedTable } from '../../shared/derive/types.js';
import { tamper } from '../helpers/checks.js';
import { callOk } from '../helpers/core.js';
import { makeTempDir } from '../helpers/temp.js';
import { printed } from '../fixtures/seed001/load.js';
import { copyShanghaiSets, createShanghaiWorkbook, SHANGHAI_SETS } from '../fixtures/shanghai/unit.js';

/**
 * Issue 8: Shanghai's district 9 tables are two set files (tablesets/shanghai/), not code. They are
 * copied into a fresh data folder as a bureau's files would be, and a 事业单位 with 事业收入 derives
 * all 9 tables in both variants. Expected figures are worked out by hand from the fixture's facts.
 */

let core: Core;
let file: string;

beforeAll(async () => {
  const dataDir = makeTempDir();
  copyShanghaiSets(dataDir);
  core = new Core({ dataDir, host: 'test', extraTableSets: readTableSetFolder(dataDir) });
  file = await createShanghaiWorkbook(core);
});
afterAll(() => core.closeAll());

const derived = (tableId: string, tableSetId: string = SHANGHAI_SETS.unit): Promise<DerivedTable> =>
  callOk(core, 'workbook.derived', { path: file, tableId, tableSetId });
const row = (t: DerivedTable, key: string): string[] => {
  const r = t.rows.find((x) => x.key === key || x.key.split('|').includes(key));
  if (!r) throw new Error(`no row ${key} in ${t.tableId}`);
  return t.columns.map((c) => r.cells[c.key]?.text ?? '');
};

/** Header labels row by row, left to right. */
const headerLabels = (t: DerivedTable): string[] => [...t.header.cells].sort((a, b) => a.row - b.row || a.col - b.col).map((c) => c.label);

const TABLES = ['szzb', 'srzb', 'zczb', 'czbk-szzb', 'ybgg-zc', 'zfxjj-zc', 'gyzb-zc', 'ybgg-jbzc', 'sgjf'];

describe('Shanghai district sets, loaded from set files in the data folder', () => {
  it('both variants load with their 9 tables, with no code change', async () => {
    expect(core.rejectedTableSets).toEqual([]);
    for (const id of Object.values(SHANGHAI_SETS)) {
      expect(core.tableSets.origin(id)).toMatchObject({ builtIn: false });
      expect(core.tableSets.get(id)!.tables.map((t) => t.id)).toEqual(TABLES);
    }
  });

  it.each(Object.entries(SHANGHAI_SETS))('the %s variant derives all 9 tables with no problems or hints', async (_variant, setId) => {
    for (const id of TABLES) {
      const t = await derived(id, setId);
      expect([id, t.problems.map((p) => p.message), t.hints.map((h) => h.message)]).toEqual([id, [], []]);
      expect(t.unitLinesJoined).toBe(true);
    }
    const overview = await callOk(core, 'workbook.tables', { path: file, tableSetId: setId });
    expect(overview.issues).toEqual([]);
  });

  it('titles, 编制部门/编制单位 and money units follow the variant', async () => {
    const dept = await derived('szzb', SHANGHAI_SETS.dept);
    expect([dept.title, dept.unitLine, dept.moneyUnitLine]).toEqual(['2024年部门财务收支预算总表', '编制部门：上海市某区农业技术推广中心', '单位：元']);
    const unit = await derived('szzb');
    expect([unit.title, unit.unitLine, unit.moneyUnitLine]).toEqual(['2024年预算单位财务收支预算总表', '编制单位：上海市某区农业技术推广中心', '单位：元']);
    const t9 = await derived('sgjf');
    expect([t9.title, t9.moneyUnitLine]).toEqual(['2024年预算单位“三公”经费和机关运行经费预算表', '单位：万元']);
  });

  it('T1: 本年收入 by source and 本年支出 by 功能类; the 单位 variant splits 预算数 under 4 header rows', async () => {
    const dept = await derived('szzb', SHANGHAI_SETS.dept);
    expect(dept.header.rows).toBe(2);
    expect(row(dept, 'fiscal')).toEqual(['一、财政拨款收入', '1,000,000.00', '一、一般公共服务支出', '']);
    expect(row(dept, 'i-general')).toEqual(['1. 一般公共预算资金', '1,000,000.00', '二、外交支出', '']);
    expect(row(dept, 'i-business')).toEqual(['二、事业收入', '300,000.00', '五、教育支出', '']);
    expect(row(dept, 'f208')).toEqual(['', '', '八、社会保障和就业支出', '120,000.00']);
    expect(row(dept, 'f213')).toEqual(['', '', '十二、农林水支出', '980,000.00']);
    expect(row(dept, 'total')).toEqual(['收入总计', '1,300,000.00', '支出总计', '1,300,000.00']);
    const unit = await derived('szzb');
    expect(unit.header.rows).toBe(4);
    expect(headerLabels(unit)).toEqual(['本年收入', '本年支出', '项目', '预算数', '项目', '预算数', '合计', '基本支出', '项目支出', '人员经费', '公用经费']);
    expect(row(unit, 'f213')).toEqual(['', '', '十二、农林水支出', '980,000.00', '600,000.00', '80,000.00', '300,000.00']);
    expect(row(unit, 'total')).toEqual(['收入总计', '1,300,000.00', '支出总计', '1,300,000.00', '920,000.00', '80,000.00', '300,000.00']);
  });

  it('T2 收入预算总表 and T3 支出预算总表: 类|款|项 in separate columns, 合计 at the bottom', async () => {
    const t2 = printed(await derived('srzb'));
    expect(t2.rows).toEqual([
      ['208', '', '', '社会保障和就业支出', '120,000.00', '120,000.00', '', '', ''],
      ['208', '05', '', '行政事业单位养老支出', '120,000.00', '120,000.00', '', '', ''],
      ['208', '05', '05', '机关事业单位基本养老保险缴费支出', '120,000.00', '120,000.00', '', '', ''],
      ['210', '', '', '卫生健康支出', '60,000.00', '60,000.00', '', '', ''],
      ['210', '11', '', '行政事业单位医疗', '60,000.00', '60,000.00', '', '', ''],
      ['210', '11', '02', '事业单位医疗', '60,000.00', '60,000.00', '', '', ''],
      ['213', '', '', '农林水支出', '980,000.00', '680,000.00', '300,000.00', '', ''],
      ['213', '01', '', '农业农村', '980,000.00', '680,000.00', '300,000.00', '', ''],
      ['213', '01', '04', '事业运行', '680,000.00', '680,000.00', '', '', ''],
      ['213', '01', '06', '科技转化与推广服务', '300,000.00', '', '300,000.00', '', ''],
      ['221', '', '', '住房保障支出', '140,000.00', '140,000.00', '', '', ''],
      ['221', '02', '', '住房改革支出', '140,000.00', '140,000.00', '', '', ''],
      ['221', '02', '01', '住房公积金', '140,000.00', '140,000.00', '', '', ''],
      ['合计', '', '', '', '1,300,000.00', '1,000,000.00', '300,000.00', '', ''],
    ]);
    const t3 = printed(await derived('zczb'));
    expect(t3.rows.find((r) => r[2] === '06')).toEqual(['213', '01', '06', '科技转化与推广服务', '300,000.00', '', '300,000.00']);
    expect(t3.rows.at(-1)).toEqual(['合计', '', '', '', '1,300,000.00', '1,000,000.00', '300,000.00']);
  });

  it('T1 ≠ T4 by exactly the 事业收入, and nothing flags it', async () => {
    const t1 = await derived('szzb');
    const t4 = await derived('czbk-szzb');
    const income = (t: DerivedTable) => t.rows.find((r) => r.key === 'total')!.cells.incomeAmount!.value!;
    expect([income(t1), income(t4)]).toEqual(['1300000', '1000000']);
    expect(row(t4, 'f213')).toEqual(['', '', '十二、农林水支出', '680,000.00', '680,000.00', '', '']);
    expect(row(t4, 'total')).toEqual(['收入总计', '1,000,000.00', '支出总计', '1,000,000.00', '1,000,000.00', '', '']);
    expect([...t1.problems, ...t4.problems, ...t1.hints, ...t4.hints]).toEqual([]);
  });

  it('T5 and T8 show the 一般公共预算 part; T8 by 经济分类 类|款 with 人员经费 and 公用经费', async () => {
    const t5 = printed(await derived('ybgg-zc'));
    expect(t5.rows.at(-1)).toEqual(['合计', '', '', '', '1,000,000.00', '1,000,000.00', '']);
    expect(t5.rows.some((r) => r[3] === '科技转化与推广服务')).toBe(false);
    const t8 = printed(await derived('ybgg-jbzc'));
    expect(t8.rows).toEqual([
      ['301', '', '工资福利支出', '920,000.00', '920,000.00', ''],
      ['301', '01', '基本工资', '400,000.00', '400,000.00', ''],
      ['301', '07', '绩效工资', '200,000.00', '200,000.00', ''],
      ['301', '08', '机关事业单位基本养老保险缴费', '120,000.00', '120,000.00', ''],
      ['301', '10', '职工基本医疗保险缴费', '60,000.00', '60,000.00', ''],
      ['301', '13', '住房公积金', '140,000.00', '140,000.00', ''],
      ['302', '', '商品和服务支出', '80,000.00', '', '80,000.00'],
      ['302', '01', '办公费', '50,000.00', '', '50,000.00'],
      ['302', '31', '公务用车运行维护费', '30,000.00', '', '30,000.00'],
      ['合计', '', '', '1,000,000.00', '920,000.00', '80,000.00'],
    ]);
  });

  it('T6 and T7 are empty: 12 blank rows, 合计, then the note naming the right fund', async () => {
    for (const [id, fund] of [
      ['zfxjj-zc', '政府性基金'],
      ['gyzb-zc', '国有资本经营预算'],
    ] as const) {
      const t = await derived(id);
      expect(t.empty).toBe(true);
      expect(t.rows.map((r) => r.style)).toEqual([...Array<string>(12).fill('blank'), 'total']);
      expect(printed(t).rows.at(-1)).toEqual(['合计', '', '', '', '', '', '']);
      expect(t.emptyNote).toBe(`注：本单位2024年无${fund}财政拨款安排的预算，故本表为空表。`);
      expect((await derived(id, SHANGHAI_SETS.dept)).emptyNote).toBe(`注：本部门2024年无${fund}财政拨款安排的预算，故本表为空表。`);
    }
  });

  it('T9 in 万元: 公务用车运行费 only; 机关运行经费 0 for a 事业单位 and = 公用经费 for a 行政单位', async () => {
    const header = headerLabels(await derived('sgjf'));
    expect(header).toEqual(['合计', '因公出国(境)费', '公务接待费', '公务用车购置及运行费', '机关运行经费', '小计', '购置费', '运行费']);
    expect(printed(await derived('sgjf')).rows).toEqual([['3.00', '', '', '3.00', '', '3.00', '']]);
    const units = (await callOk(core, 'workbook.rows', { path: file, tableId: 'fact-units' })).rows;
    await callOk(core, 'workbook.change', { path: file, change: { edits: [{ kind: 'setCells', tableId: 'fact-units', cells: [{ rowId: units[0]!.id, col: 'unitType', text: '行政单位' }] }] } });
    // 公用经费 of 一般公共预算 基本支出: 办公费 50,000 + 公务用车运行维护费 30,000 = 8.00 万元.
    expect(printed(await derived('sgjf')).rows).toEqual([['3.00', '', '', '3.00', '', '3.00', '8.00']]);
    expect(printed(await derived('sgjf', SHANGHAI_SETS.dept)).rows).toEqual([['3.00', '', '', '3.00', '', '3.00', '8.00']]);
    await callOk(core, 'workbook.undo', { path: file });
    expect(printed(await derived('sgjf')).rows).toEqual([['3.00', '', '', '3.00', '', '3.00', '']]);
  });

  describe('审核: the cross-table rules find T1–T9 by role', () => {
    /** The 事业单位's workbook on each variant, checked as the app checks it. */
    const files = new Map<string, string>();
    beforeAll(async () => {
      for (const setId of Object.values(SHANGHAI_SETS)) files.set(setId, setId === SHANGHAI_SETS.unit ? file : await createShanghaiWorkbook(core, setId));
    });
    const ctxOf = (setId: string): CheckContext => core.checks.context(core.workbook(files.get(setId)!));
    const run = (setId: string, id: string, ctx: CheckContext = ctxOf(setId)) => {
      const rule = rulesFor(core.tableSets.get(setId)).find((r) => r.id === id);
      if (!rule) throw new Error(`no rule ${id} for ${setId}`);
      return runRule(rule, ctx).map((f) => `${f.severity} ${f.message}`);
    };

    it.each(Object.values(SHANGHAI_SETS))('%s: T1 收入 1,300,000 > T4 财政拨款 1,000,000 by the 事业收入, and no rule flags anything', async (setId) => {
      expect(await callOk(core, 'checks.run', { path: files.get(setId)! })).toEqual([]);
      // The roles are there: every table of the set is found by the role the rules name.
      expect(core.tableSets.get(setId)!.tables.map((t) => t.role)).toEqual(['incomeExpense', 'income', 'expense', 'fiscal', 'generalExpense', 'fundExpense', 'capitalExpense', 'generalBasic', 'threePublic']);
    });

    it.each(Object.values(SHANGHAI_SETS))('%s: a real mismatch of T4 against T1 is an error, whichever way it goes', (setId) => {
      // T4 收入 140 万 above T1's 收入总计 130 万: 财政拨款 cannot exceed all income.
      const above = tamper(ctxOf(setId), 'fiscal', { row: 'total', col: 'incomeAmount', wan: '140' });
      expect(run(setId, 'T4.vs-T1', above)).toEqual([expect.stringMatching(/^错误 财政拨款收入 1,400,000.00 大于 部门收入总计 1,300,000.00，超出 100,000.00 元。/)]);
      // T4 收入 90 万: below T1's 收入总计 (allowed there), but not T1's own 财政拨款收入 100 万.
      const below = tamper(ctxOf(setId), 'fiscal', { row: 'total', col: 'incomeAmount', wan: '90' });
      expect(run(setId, 'T4.vs-T1', below)).toEqual([]);
      expect(run(setId, 'shanghai.T4.vs-T1-fiscal', below)).toEqual([expect.stringMatching(/^错误 财政拨款收支预算总表收入总计 900,000.00 ≠ 财务收支预算总表财政拨款收入 1,000,000.00，相差 100,000.00 元。/)]);
      // The same figures untampered pass both.
      expect([...run(setId, 'T4.vs-T1'), ...run(setId, 'shanghai.T4.vs-T1-fiscal')]).toEqual([]);
    });

    it.each(Object.values(SHANGHAI_SETS))('%s: the within-table rules read the Shanghai columns (T2 by 财政拨款收入, T4 by fund, T9 vehicles)', (setId) => {
      const ctx = ctxOf(setId);
      expect(run(setId, 'shanghai.T2.row-sum', tamper(ctx, 'income', { row: 'total', col: 'fiscal', wan: '99' }))).toEqual([
        expect.stringMatching(/^错误 “合计”合计 1,300,000.00 ≠ 各栏之和 1,290,000.00，相差 10,000.00 元。/),
      ]);
      expect(run(setId, 'T4.balance', tamper(ctx, 'fiscal', { row: 'total', col: 'funcTotal', wan: '99' }))).toHaveLength(1);
      expect(run(setId, 'T4.vs-T5', tamper(ctx, 'fiscal', { row: 'total', col: 'funcGeneral', wan: '99' }))).toHaveLength(1);
      expect(run(setId, 'T9.vehicle', tamper(ctx, 'threePublic', { row: 'budget', col: 'vehicleRunning', wan: '2' }))).toHaveLength(1);
      // The shipped T2 rule, whose parts are Hunan's and the national fund columns, is switched off by the set.
      expect(rulesFor(core.tableSets.get(setId)).map((r) => r.id)).not.toContain('T2.row-sum');
    });
  });
});

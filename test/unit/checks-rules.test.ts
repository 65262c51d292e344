import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core.js';
import type { CheckContext } from '../../shared/checks/context.js';
import { rulesFor, runRule, shippedRules } from '../../shared/checks/engine.js';
import type { CheckFinding } from '../../shared/checks/rule.js';
import type { DerivedTable } from '../../shared/derive/types.js';
import type { TableRole } from '../../shared/tables/roles.js';
import { TableSetRegistry } from '../../shared/tables/registry.js';
import { tamper } from '../helpers/checks.js';
import { callOk, makeCore } from '../helpers/core.js';
import { createSeed001Workbook, seed001Edits, seed001Facts } from '../fixtures/seed001/load.js';
import { loadSeed } from '../fixtures/perf/load.js';

/**
 * Every 审核 rule of DOMAIN §6 against seed 001's facts (湖南 2020 and the national 9-table layout): the
 * published data passes, and a table with one figure changed (as an imported or hand-typed document would
 * have it), or budget data with the defect, fails with the figures in the message.
 */

let core: Core;
let hunan: string;
let national: string;
const registry = new TableSetRegistry();

beforeAll(async () => {
  core = makeCore();
  hunan = await createSeed001Workbook(core);
  national = await createSeed001Workbook(core, { tableSetId: 'national-9' });
});
afterAll(() => core.closeAll());

const ctxOf = (file: string): CheckContext => core.checks.context(core.workbook(file));

function rule(id: string, setId = 'hunan-2020') {
  const found = rulesFor(registry.get(setId)).find((r) => r.id === id);
  if (!found) throw new Error(`no rule ${id}`);
  return found;
}

const run = (id: string, file: string, ctx: CheckContext = ctxOf(file)): CheckFinding[] =>
  runRule(rule(id, core.workbook(file).meta().tableSetId), ctx);

const messages = (f: CheckFinding[]) => f.map((x) => `${x.severity} ${x.message}`);

describe('within and across tables (湖南 2020 / national 9)', () => {
  const cases: [string, 'hunan' | 'national', TableRole, { row: string; col: string; wan: string }, string][] = [
    ['T1.balance', 'hunan', 'incomeExpense', { row: 'total', col: 'incomeAmount', wan: '600' }, '收入总计 600.00 ≠ 支出总计 508.93，相差 91.07 万元。'],
    ['T1.balance', 'national', 'incomeExpense', { row: 'total', col: 'expenseAmount', wan: '508.83' }, '收入总计 508.93 ≠ 支出总计 508.83，相差 0.10 万元。'],
    ['T1.econ-side', 'hunan', 'incomeExpense', { row: 'total', col: 'econAmount', wan: '500' }, '支出总计（按经济分类） 500.00 ≠ 支出总计（按功能分类） 508.93，相差 8.93 万元。'],
    ['T2.vs-T1', 'hunan', 'income', { row: 'total', col: 'total', wan: '510' }, '收入总表合计 510.00 ≠ 收支总表收入总计 508.93，相差 1.07 万元。'],
    ['T2.row-sum', 'hunan', 'income', { row: 'total', col: 'general', wan: '500' }, '各栏之和 500.00，相差 8.93 万元。'],
    ['T2.row-sum', 'national', 'income', { row: '2010301', col: 'general', wan: '400' }, '“行政运行”合计 448.93 ≠ 各栏之和 400.00，相差 48.93 万元。'],
    ['T3.vs-T1', 'national', 'expense', { row: 'total', col: 'total', wan: '500' }, '支出总表合计 500.00 ≠ 收支总表支出总计 508.93，相差 8.93 万元。'],
    ['T3.row-nature', 'national', 'expense', { row: '2010302', col: 'project', wan: '50' }, '“一般行政管理事务”合计 60.00 ≠ 各栏之和 50.00，相差 10.00 万元。'],
    ['T3.row-source', 'hunan', 'expense', { row: '2010301', col: 'general', wan: '440' }, '“行政运行”总计 448.93 ≠ 各栏之和 440.00，相差 8.93 万元。'],
    ['hierarchy', 'hunan', 'expense', { row: '2010302', col: 'total', wan: '70' }, '“政府办公厅（室）及相关机构事务”总计 508.93 ≠ 下级各行之和 518.93，相差 10.00 万元。'],
    ['T1.rows-vs-T3', 'hunan', 'incomeExpense', { row: 'r1', col: 'funcAmount', wan: '500' }, '“一般公共服务” 500.00 ≠ 附件3201类 508.93，相差 8.93 万元。'],
    ['T4.balance', 'hunan', 'fiscal', { row: 'total', col: 'incomeAmount', wan: '508' }, '财政拨款收入 508.00 ≠ 财政拨款支出 508.93，相差 0.93 万元。'],
    ['T4.row-sum', 'national', 'fiscal', { row: 'current', col: 'funcGeneral', wan: '500' }, '合计 508.93 ≠ 各栏之和 500.00，相差 8.93 万元。'],
    ['T4.vs-T1', 'hunan', 'fiscal', { row: 'total', col: 'incomeAmount', wan: '600' }, '财政拨款收入 600.00 大于 部门收入总计 508.93，超出 91.07 万元。'],
    ['T4.vs-T5', 'hunan', 'generalExpense', { row: 'total', col: 'total', wan: '500' }, '财政拨款收支总表一般公共预算支出 508.93 ≠ 一般公共预算支出表合计 500.00，相差 8.93 万元。'],
    ['T5.row-sum', 'national', 'generalExpense', { row: '2010301', col: 'basic', wan: '400' }, '“行政运行”合计 448.93 ≠ 各栏之和 400.00，相差 48.93 万元。'],
    ['T5.vs-T8', 'national', 'generalBasic', { row: 'total', col: 'total', wan: '440' }, '一般公共预算支出表基本支出 448.93 ≠ 一般公共预算基本支出表合计 440.00，相差 8.93 万元。'],
    ['T8.row-sum', 'hunan', 'generalBasic', { row: '301', col: 'personnel', wan: '300' }, '“工资福利支出”合计 365.55 ≠ 各栏之和 300.00，相差 65.55 万元。'],
    ['T9.three-public', 'hunan', 'threePublic', { row: 'threePublic', col: 'amount', wan: '6' }, '“三公”经费 6.00 ≠ 因公出国（境）费＋公务用车购置及运行费＋公务接待费 5.34，相差 0.66 万元。'],
    ['T9.three-public', 'national', 'threePublic', { row: 'budget', col: 'reception', wan: '4' }, '“三公”经费 5.34 ≠ 因公出国（境）费＋公务用车购置及运行费＋公务接待费 4.00，相差 1.34 万元。'],
    ['T9.vehicle', 'national', 'threePublic', { row: 'budget', col: 'vehicle', wan: '2' }, '公务用车购置及运行费 2.00 ≠ 购置费＋运行维护费 0.00，相差 2.00 万元。'],
    ['T9.vs-data', 'hunan', 'threePublic', { row: 'threePublic', col: 'amount', wan: '5' }, '“三公”经费 5.00 ≠ 预算数据中的“三公”经费 5.34，相差 0.34 万元。'],
    ['operating-cost', 'hunan', 'generalBasic', { row: 'total', col: 'public', wan: '60' }, '一般公共预算基本支出表公用经费 60.00 ≠ 机关运行经费 69.04，相差 9.04 万元。'],
    ['hunan.T1.income-side', 'hunan', 'incomeExpense', { row: 'r8', col: 'incomeAmount', wan: '5' }, '收入总计 508.93 ≠ 各类收入之和 513.93，相差 5.00 万元。'],
    ['hunan.T1.general-income', 'hunan', 'incomeExpense', { row: 'r3', col: 'incomeAmount', wan: '1' }, '一般公共预算拨款 508.93 ≠ 经费拨款＋非税收入拨款 509.93，相差 1.00 万元。'],
    ['hunan.T1.function-side', 'hunan', 'incomeExpense', { row: 'r21', col: 'funcAmount', wan: '2' }, '支出总计 508.93 ≠ 表中列出的各类支出之和 510.93，相差 2.00 万元。'],
    ['hunan.T1.economic-side', 'hunan', 'incomeExpense', { row: 'r6', col: 'econAmount', wan: '50' }, '支出总计 508.93 ≠ 基本支出＋项目支出 498.93，相差 10.00 万元。'],
    ['hunan.T1.basic', 'hunan', 'incomeExpense', { row: 'r4', col: 'econAmount', wan: '4' }, '基本支出 448.93 ≠ 各经济分类之和 438.58，相差 10.34 万元。'],
    ['hunan.T1.project', 'hunan', 'incomeExpense', { row: 'r7', col: 'econAmount', wan: '50' }, '项目支出 60.00 ≠ 各经济分类之和 50.00，相差 10.00 万元。'],
  ];
  for (const [id, set, role, edit, message] of cases) {
    it(`${id} (${set}): passes on seed 001, fails when ${role} ${edit.row}/${edit.col} reads ${edit.wan}`, () => {
      const file = set === 'hunan' ? hunan : national;
      expect(run(id, file)).toEqual([]);
      const found = run(id, file, tamper(ctxOf(file), role, edit));
      expect(found.length).toBeGreaterThan(0);
      expect(found.every((f) => f.severity === rule(id, core.workbook(file).meta().tableSetId).severity)).toBe(true);
      expect(found.map((f) => f.message).join('\n')).toContain(message);
      expect(found[0]!.cells.length).toBeGreaterThan(0);
      expect(found[0]!.difference).toMatch(/ 万元$/);
    });
  }

  it('T4.vs-T6 / T4.vs-T7 (national): an empty fund table against a 财政拨款 figure', () => {
    for (const [id, role, col] of [['T4.vs-T6', 'fundExpense', 'funcFund'], ['T4.vs-T7', 'capitalExpense', 'funcCapital']] as const) {
      expect(run(id, national)).toEqual([]);
      const withTotal = tamper(ctxOf(national), role, (t) => ({ ...t, rows: [{ key: 'total', level: 0, style: 'total', cells: { total: { text: '3.00', value: '30000' } } }] }));
      expect(messages(run(id, national, withTotal))[0]).toContain(`≠ ${id === 'T4.vs-T6' ? '政府性基金' : '国有资本经营'}预算支出表合计 3.00，相差 3.00 万元`);
      const fiscal = tamper(withTotal, 'fiscal', { row: 'total', col, wan: '3' });
      expect(run(id, national, fiscal)).toEqual([]);
    }
  });

  it('a difference the printed figures can hide is a 提示 that says so, never an error', () => {
    const ctx = tamper(ctxOf(hunan), 'income', { row: 'total', col: 'total', wan: '508.93' });
    const found = run('T2.vs-T1', hunan, ctx);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: '提示', difference: '0.0047 万元' });
    expect(found[0]!.message).toBe('收入总表合计 508.93 与收支总表收入总计 508.93 精确值相差 0.0047 万元，在两位小数的显示精度之内（尾差），不是错误；数字未作调整。');
  });
});

describe('budget data through the core', () => {
  let n = 0;
  /** A fresh seed-001 workbook (in the shared core, under its own file name). */
  async function fresh(setId = 'hunan-2020') {
    n += 1;
    const state = await callOk(core, 'library.create', { meta: { ...seed001Facts().meta, tableSetId: setId }, fileName: `fresh-${n}` });
    await callOk(core, 'workbook.change', { path: state.path, change: { edits: seed001Edits() } });
    return state.path;
  }
  const add = (file: string, tableId: string, rows: Record<string, string>[]) =>
    callOk(core, 'workbook.change', { path: file, change: { edits: [{ kind: 'insertRows', tableId, index: 0, rows }] } });

  it('income of 600 against spending of 508.93: 收入总计 ≠ 支出总计 on 附件1', async () => {
    const file = await fresh();
    await add(file, 'fact-income', [{ fundSource: '经费拨款', amount: '91.0747' }]);
    const found = (await callOk(core, 'checks.run', { path: file })).filter((f) => f.rule === 'T1.balance');
    expect(found).toEqual([
      expect.objectContaining({ severity: '错误', table: 'szzb', row: 'total', column: 'incomeAmount', expected: '508.93 万元', actual: '600.00 万元', difference: '91.07 万元' }),
    ]);
    expect(found[0]!.message).toMatch(/^收入总计 600\.00 ≠ 支出总计 508\.93，相差 91\.07 万元。/);
    expect(found[0]!.cells).toEqual([{ table: 'szzb', row: 'total', column: 'incomeAmount' }, { table: 'szzb', row: 'total', column: 'funcAmount' }]);
  });

  it('a unit with 事业收入 (T1 income above T4) gets no error for T1 ≠ T4', async () => {
    for (const setId of ['hunan-2020', 'national-9']) {
      const file = await fresh(setId);
      await add(file, 'fact-income', [{ fundSource: '事业收入', amount: '20' }]);
      await add(file, 'fact-lines', [{ funcCode: '2010302', econCode: '30201', fundSource: '事业收入', nature: '公用经费', amount: '20' }]);
      const found = await callOk(core, 'checks.run', { path: file });
      expect(found.filter((f) => f.severity === '错误'), setId).toEqual([]);
      const fiscal = core.checks.context(core.workbook(file)).byRole('fiscal')!.table.rows.find((r) => r.key === 'total')!;
      expect(fiscal.cells.incomeAmount!.text).toBe('508.93');
    }
  });

  it('data-problems: a line of a project that does not exist, reported once', async () => {
    const file = await fresh();
    expect(run('data-problems', file)).toEqual([]);
    await add(file, 'fact-lines', [{ funcCode: '2010302', econCode: '30201', fundSource: '经费拨款', nature: '项目支出', project: 'XM99', amount: '1' }]);
    const found = run('data-problems', file);
    expect(found.map((f) => f.message)).toEqual(['支出明细第 1 行的所属项目“XM99”在项目支出中不存在。请在预算数据中改正。']);
    expect(found[0]!.cells).toEqual([{ table: 'fact-lines', row: expect.stringMatching(/^r/), column: null }]);
    expect(found.filter((f) => f.message.includes('XM99'))).toHaveLength(1);
  });

  it('placeholders: XX and 待填写 in entered text, one finding per placeholder naming every place', async () => {
    const file = await fresh();
    expect(run('placeholders', file)).toEqual([]);
    await add(file, 'fact-projects', [
      { code: 'XM07', name: 'XX项目', category: '业务性专项经费', funcCode: '2010302', econCode: '30201', fundSource: '经费拨款', amount: '1' },
      { code: 'XM08', name: 'XX工作经费', category: '业务性专项经费', funcCode: '2010302', econCode: '30201', fundSource: '经费拨款', amount: '1' },
    ]);
    await callOk(core, 'workbook.change', { path: file, change: { edits: [{ kind: 'setCells', tableId: 'fact-info', cells: [{ rowId: 'info-trainingNote', col: 'text', text: '待填写' }] }] } });
    const found = run('placeholders', file);
    expect(found.map((f) => [f.severity, f.message, f.cells.length])).toEqual([
      ['错误', '有 2 处文字仍是占位内容“XX”，请填写实际内容后再公开。', 2],
      ['错误', '有 1 处文字仍是占位内容“待填写”，请填写实际内容后再公开。', 1],
    ]);
    expect(found[1]!.cells).toEqual([{ table: 'fact-info', row: 'info-trainingNote', column: 'text' }]);
  });

  it('yoy.three-public: 三公 above last year needs a 说明; below it passes (seed 001: 5.34 against 19.99)', async () => {
    const file = await fresh();
    expect(run('yoy.three-public', file)).toEqual([]);
    await callOk(core, 'workbook.change', {
      path: file,
      change: { edits: [{ kind: 'setCells', tableId: 'fact-info', cells: [{ rowId: 'info-threePublicPrevReception', col: 'amount', text: '3' }, { rowId: 'info-threePublicPrevVehicle', col: 'amount', text: '1' }] }] },
    });
    const found = run('yoy.three-public', file);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: '需说明', actual: '5.34 万元', difference: '1.34 万元' });
    expect(found[0]!.message).toMatch(/^“三公”经费 5\.34 比上年 4\.00 增加 1\.34 万元。/);
  });

  it('yoy.line-change: a 项 moving by more than 30% without a note; a note on its lines is the stated reason', async () => {
    const file = await fresh();
    expect(run('yoy.line-change', file)).toEqual([]);
    const projects = (await callOk(core, 'workbook.rows', { path: file, tableId: 'fact-projects' })).rows;
    await callOk(core, 'workbook.change', { path: file, change: { edits: [{ kind: 'setCells', tableId: 'fact-projects', cells: [{ rowId: projects[0]!.id, col: 'prevAmount', text: '40' }] }] } });
    const found = run('yoy.line-change', file);
    expect(found.map((f) => f.message)).toEqual([expect.stringMatching(/^2010302 一般行政管理事务 60\.00 比上年 40\.00 增加 50\.0%，没有说明原因。/)]);
    await callOk(core, 'workbook.change', { path: file, change: { edits: [{ kind: 'setCells', tableId: 'fact-projects', cells: [{ rowId: projects[1]!.id, col: 'note', text: '新增督查调研任务' }] }] } });
    expect(run('yoy.line-change', file)).toEqual([]);
  });
});

describe('绩效 findings on forms mark their cell', () => {
  it('部门整体 (a single form): the field of 附件 bmzt-jx that shows the cell, then the entry table’s cell', async () => {
    const state = await callOk(core, 'library.create', { meta: seed001Facts().meta, fileName: 'perf-dept-cell' });
    await callOk(core, 'workbook.change', { path: state.path, change: { edits: seed001Edits() } });
    expect((await callOk(core, 'checks.run', { path: state.path })).filter((f) => f.rule.startsWith('perf.'))).toEqual([]);
    // 资金总额 typed as 500 万元 against the budget's 508.93.
    await callOk(core, 'workbook.change', { path: state.path, change: { edits: [{ kind: 'setCells', tableId: 'perf-dept', cells: [{ rowId: 'dept-totalAmount', col: 'amount', text: '500' }] }] } });
    const found = (await callOk(core, 'checks.run', { path: state.path })).filter((f) => f.rule === 'perf.dept-budget');
    expect(found.map((f) => [f.severity, f.table, f.row, f.column])).toEqual([['错误', 'bmzt-jx', null, 'totalAmount']]);
    expect(found[0]!.cells).toEqual([{ table: 'bmzt-jx', row: null, column: 'totalAmount' }, { table: 'perf-dept', row: 'dept-totalAmount', column: 'amount' }]);
  });

  it('a project’s 绩效目标表 (a repeated form): the project and its field, or the indicator row and its 指标值', async () => {
    const seed = await loadSeed(core, '004');
    const found = (await callOk(core, 'checks.run', { path: seed.path })).filter((f) => f.rule.startsWith('perf.'));
    const indicators = new Map((await callOk(core, 'workbook.rows', { path: seed.path, tableId: 'perf-indicators' })).rows.map((r) => [r.id, r.cells.owner]));
    const purpose = found.find((f) => f.rule === 'perf.missing-text')!;
    // 一般债券本息 has no 资金用途 (seed 004).
    expect(purpose.cells).toEqual([{ table: 'zdxm-jx', row: seed.projectIds[seed.fixture.projects!.findIndex((p) => p.name === '一般债券本息')], column: 'purpose' }]);
    const noUnit = found.filter((f) => f.rule === 'perf.no-unit');
    expect(noUnit.length).toBeGreaterThan(0);
    for (const f of noUnit) {
      expect(f.cells).toEqual([{ table: 'zdxm-jx', row: expect.any(String), column: 'value' }]);
      expect(seed.projectIds).toContain(indicators.get(f.row!));
    }
    // Every 绩效 finding of the seed names a row on its table (a whole project when no single field is at fault).
    expect(found.filter((f) => f.cells.length === 0 || f.cells.some((c) => c.row === null))).toEqual([]);
  });
});

describe('notes, names and rounding', () => {
  it('empty-note: the empty 政府性基金 table names its fund; a missing note needs a 说明, a wrong fund is an error', () => {
    expect(run('empty-note', hunan)).toEqual([]);
    const wrong = tamper(ctxOf(hunan), 'fundExpense', (t) => ({ ...t, emptyNote: '本部门2020年无国有资本经营预算拨款安排的支出，故本表为空表。' }));
    expect(messages(run('empty-note', hunan, wrong))).toEqual([
      '错误 附件15政府性基金拨款部门支出总表（分类）是政府性基金的表，但空表说明写的是“国有资本经营”：请改为“本部门2020年无政府性基金预算拨款安排的支出，故本表为空表。”',
    ]);
    const missing = tamper(ctxOf(hunan), 'fundExpense', (t) => {
      const { emptyNote: _drop, ...rest } = t;
      return rest;
    });
    expect(run('empty-note', hunan, missing).map((f) => f.severity)).toEqual(['需说明']);
  });

  it('rounding: seed 001 prints 69.04 over parts that show 69.03 — a 提示 in each of 附件6, 13 and 17, never an error', () => {
    const found = run('rounding', hunan);
    expect(found.map((f) => `${f.table} ${f.row} ${f.column} ${f.expected} ${f.actual}`)).toEqual([
      'jbzc-yzjf 302 amount 69.04 万元 69.03 万元',
      'ybgg-jb-spfw 302 amount 69.04 万元 69.03 万元',
      'ybgg-jbzc 302 total 69.04 万元 69.03 万元',
      'ybgg-jbzc 302 public 69.04 万元 69.03 万元',
    ]);
    expect(found.every((f) => f.severity === '提示')).toBe(true);
    const none = tamper(ctxOf(hunan), 'generalBasic', (t) => ({ ...t, hints: [] }));
    expect(run('rounding', hunan, none).filter((f) => f.table === 'ybgg-jbzc')).toEqual([]);
  });

  it('code-name: 附件3/4 print 201 as 一般公共服务 where the 2020 list says 一般公共服务支出; a wrong name is reported, brackets of either width are the same name', () => {
    const found = run('code-name', hunan);
    // As the seed prints them (附件11 prints the list's 一般公共服务支出): a real inconsistency, a 提示.
    expect(found.map((f) => `${f.severity} ${f.table} ${f.row} ${f.actual}→${f.expected}`)).toEqual([
      '提示 zczb 201 一般公共服务→一般公共服务支出',
      '提示 zcmx 201 一般公共服务→一般公共服务支出',
    ]);
    const rename = (code: string, name: string) => (t: DerivedTable): DerivedTable => ({
      ...t,
      rows: t.rows.map((r) => (r.key === code ? { ...r, cells: { ...r.cells, name: { text: name } } } : r)),
    });
    expect(run('code-name', hunan, tamper(ctxOf(hunan), 'expense', rename('201', '一般公共服务支出'))).filter((f) => f.table === 'zczb')).toEqual([]);
    const wrong = run('code-name', hunan, tamper(ctxOf(hunan), 'generalBasic', rename('30201', '办公用品费')));
    expect(wrong.filter((f) => f.table === 'ybgg-jbzc').map((f) => f.message)).toEqual(['附件17科目 30201 印作“办公用品费”，2020年科目表中名称为“办公费”。']);
    expect(run('code-name', hunan, tamper(ctxOf(hunan), 'generalBasic', rename('30213', '维修(护)费'))).filter((f) => f.table === 'ybgg-jbzc')).toEqual([]);
  });
});

describe('the rule set', () => {
  it('every shipped rule has an id, a description, a severity and what it reads; ids are unique', () => {
    const ids = shippedRules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of shippedRules) {
      expect(r.description.length).toBeGreaterThan(5);
      expect(['错误', '需说明', '提示']).toContain(r.severity);
      expect(Object.values(r.reads).flat().length).toBeGreaterThan(0);
    }
  });

  it('a set carries its own rules and switches shipped ones off', () => {
    const base = JSON.parse(JSON.stringify(registry.get('national-9'))) as Record<string, unknown>;
    const own = {
      id: 'sh.T1.income',
      description: '上海：收入总计不应超过 500 万元（测试规则）。',
      severity: '需说明',
      reads: { tables: ['incomeExpense'] },
      check: { kind: 'compare', relation: '<=', left: { table: 'incomeExpense', row: 'total', col: 'incomeAmount', label: '收入总计' }, right: { fact: { measure: 'income', filter: { fundSource: 'business' } }, label: '事业收入' } },
    };
    const extra = new TableSetRegistry([{ doc: { ...base, id: 'test-own-rules', name: '测试', checks: { off: ['T1.balance', 'rounding'], rules: [own] } } }]);
    const rules = rulesFor(extra.get('test-own-rules'));
    expect(rules.map((r) => r.id)).not.toContain('T1.balance');
    expect(rules.map((r) => r.id)).not.toContain('rounding');
    expect(rules.at(-1)!.id).toBe('sh.T1.income');
    expect(rules).toHaveLength(shippedRules.length - 2 + 1);
    expect(runRule(rules.at(-1)!, ctxOf(national)).map((f) => f.message)).toEqual([
      '收入总计 508.93 大于 事业收入 0.00，超出 508.93 万元。上海：收入总计不应超过 500 万元（测试规则）。',
    ]);
    const broken = new TableSetRegistry([{ doc: { ...base, id: 'test-bad-rules', name: '测试', checks: { rules: [{ ...own, severity: '严重' }] } } }]);
    expect(() => rulesFor(broken.get('test-bad-rules'))).toThrow(/第 1 条审核规则格式错误：severity/);
  });

  it('seed 001 (湖南 2020 and national 9) gives no 错误 and no 需说明', async () => {
    for (const file of [hunan, national]) {
      const found = await callOk(core, 'checks.run', { path: file });
      expect(found.filter((f) => f.severity !== '提示')).toEqual([]);
    }
  });
});

import { describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core.js';
import { budgetBackedRows, PERF_TABLES } from '../../shared/perf/binding.js';
import {
  budgetProjects,
  directionName,
  linkCells,
  linkColumnsOf,
  projectsById,
  resolveRow,
  resolveRows,
  unlinkCells,
  unlinkedProjects,
  type BudgetProject,
} from '../../shared/perf/budget-link.js';
import { appendIndicator, indicatorColumnFor, indicatorColumnsOf } from '../../shared/perf/indicator-columns.js';
import { builtinCodeList, lookupCode } from '../../shared/reference/index.js';
import { TableSetRegistry } from '../../shared/tables/registry.js';
import { checkTableSet } from '../../shared/tables/validate.js';
import type { GridRow } from '../../shared/workbook/types.js';
import { callOk } from '../helpers/core.js';
import { rowTexts } from '../helpers/print.js';
import { useTempDirs } from '../helpers/hooks.js';

const temp = useTempDirs('budgetdesk-perf-link-');
const registry = new TableSetRegistry();
const special = registry.table('hunan-2020', 'zxzj-hz')!;
const directions = registry.table('hunan-2020', 'zxzj-fx')!;
const functions2020 = builtinCodeList('function', 2020)!;
const funcName = (code: string) => lookupCode(functions2020, code)?.name;

// Seed 001 (2020 区政府办): three of its 专项, all under 2010302 一般行政管理事务, in 元.
const projectRows: GridRow[] = [
  { id: 'p1', cells: { code: 'ZX01', name: '值班工作经费', funcCode: '2010302', econCode: '30299', fundSource: 'general.appropriation', amount: '40000' } },
  { id: 'p2', cells: { code: 'ZX02', name: '机要保密经费', funcCode: '2010302', econCode: '30299', fundSource: 'general.appropriation', amount: '100000' } },
  // No amount of its own: its 支出明细 lines (6 + 8 万元) make it up.
  { id: 'p3', cells: { code: 'ZX03', name: '督查调研经费', funcCode: '2010302', econCode: '30299', fundSource: 'general.appropriation' } },
];
const lineRows: GridRow[] = [
  { id: 'l1', cells: { funcCode: '2010302', econCode: '30211', fundSource: 'general.appropriation', nature: 'project', project: 'ZX03', amount: '60000' } },
  { id: 'l2', cells: { funcCode: '2010302', econCode: '30215', fundSource: 'general.appropriation', nature: 'project', project: 'ZX03', amount: '80000' } },
  { id: 'l3', cells: { funcCode: '2010301', econCode: '30101', fundSource: 'general.appropriation', nature: 'basic.personnel', amount: '3655500' } },
];

const projects = (): BudgetProject[] => budgetProjects(2020, { 'fact-projects': projectRows, 'fact-lines': lineRows }, funcName);

describe('budget projects as the 绩效 tables see them', () => {
  it('reads name, amount (own or from its lines) and 支出方向 from the 功能科目, as seed 001 prints it', () => {
    expect(projects()).toEqual([
      { rowId: 'p1', code: 'ZX01', name: '值班工作经费', funcCode: '2010302', direction: '一般行政管理事务支出', amount: '40000' },
      { rowId: 'p2', code: 'ZX02', name: '机要保密经费', funcCode: '2010302', direction: '一般行政管理事务支出', amount: '100000' },
      { rowId: 'p3', code: 'ZX03', name: '督查调研经费', funcCode: '2010302', direction: '一般行政管理事务支出', amount: '140000' },
    ]);
  });

  it('gives a blank amount, not 0, for a project with no amount entered (a project carried into a new year)', () => {
    // 上年预算数 20 万元 (seed 001's 政府全会经费 of 2020), nothing entered for 2021.
    const rows = [{ id: 'p4', cells: { code: 'ZX04', name: '政府全会经费', funcCode: '2010302', econCode: '30299', fundSource: 'general.appropriation', prevAmount: '200000' } }];
    const carried = budgetProjects(2021, { 'fact-projects': rows, 'fact-lines': [] }, funcName);
    expect(carried.map((p) => [p.name, p.amount])).toEqual([['政府全会经费', '']]);
    // Once an amount is entered, it is followed.
    const entered = budgetProjects(2021, { 'fact-projects': [{ ...rows[0]!, cells: { ...rows[0]!.cells, amount: '50000' } }], 'fact-lines': [] }, funcName);
    expect(entered.map((p) => p.amount)).toEqual(['50000']);
  });

  it('names the 支出方向 after the 项 without doubling 支出', () => {
    expect(directionName('一般行政管理事务')).toBe('一般行政管理事务支出');
    expect(directionName('其他政府办公厅（室）及相关机构事务支出')).toBe('其他政府办公厅（室）及相关机构事务支出');
    expect(directionName('')).toBe('');
  });
});

describe('linked 专项 and 支出方向 rows', () => {
  it('are marked in the definitions of both 2020 tables, and a broken marking is refused', () => {
    expect(linkColumnsOf(special)).toEqual({
      link: 'budgetProject',
      follows: [
        { key: 'name', from: 'name' },
        { key: 'direction', from: 'direction' },
        { key: 'amount', from: 'amount' },
      ],
    });
    expect(linkColumnsOf(directions)?.follows).toEqual([
      { key: 'direction', from: 'direction' },
      { key: 'fundName', from: 'name' },
      { key: 'amount', from: 'amount' },
    ]);
    const set = JSON.parse(JSON.stringify(registry.get('hunan-2020'))) as { tables: { id: string; columns: { key: string; fromProject?: string; hidden?: boolean }[] }[] };
    const cols = set.tables.find((t) => t.id === 'zxzj-hz')!.columns;
    cols.find((c) => c.key === 'budgetProject')!.hidden = false;
    cols.find((c) => c.key === 'goalYear')!.fromProject = 'amount';
    const messages = checkTableSet(set).problems.map((p) => p.message);
    expect(messages).toContainEqual(expect.stringContaining('关联项目的列保存项目的内部编号，应设为 hidden'));
    expect(messages).toContainEqual(expect.stringContaining('列 goalYear 跟随项目金额，应为 money 类型'));
  });

  it('store only the link and read the project figures while their cells are empty', () => {
    const cols = linkColumnsOf(special)!;
    const p2 = projects()[1]!;
    expect(linkCells(cols, p2)).toEqual({ budgetProject: 'p2' });
    const linked = resolveRow(cols, { id: 'r1', cells: { budgetProject: 'p2', goalYear: '保密工作无失误' } }, projectsById(projects()));
    expect(linked.row.cells).toEqual({ budgetProject: 'p2', goalYear: '保密工作无失误', name: '机要保密经费', direction: '一般行政管理事务支出', amount: '100000' });
    expect(linked.states).toEqual({ name: 'follows', direction: 'follows', amount: 'follows' });
  });

  it('follow a changed project amount, keep a typed override, and read as stored when the project is gone', () => {
    const cols = linkColumnsOf(special)!;
    const changed = budgetProjects(2020, { 'fact-projects': projectRows.map((r) => (r.id === 'p2' ? { ...r, cells: { ...r.cells, amount: '120000' } } : r)) }, funcName);
    const stored: GridRow[] = [
      { id: 'r1', cells: { budgetProject: 'p2' } },
      { id: 'r2', cells: { budgetProject: 'p1', amount: '50000', direction: '政府事务支出' } },
      { id: 'r3', cells: { budgetProject: 'gone', name: '旧专项' } },
      { id: 'r4', cells: { name: '上级专项', amount: '30000' } },
    ];
    expect(resolveRows(special, stored, changed).map((r) => [r.cells.name, r.cells.direction ?? '', r.cells.amount ?? ''])).toEqual([
      ['机要保密经费', '一般行政管理事务支出', '120000'],
      ['值班工作经费', '政府事务支出', '50000'],
      ['旧专项', '', ''],
      ['上级专项', '', '30000'],
    ]);
    const byId = projectsById(changed);
    expect(resolveRow(cols, stored[1]!, byId).states).toEqual({ name: 'follows', direction: 'override', amount: 'override' });
    expect(resolveRow(cols, stored[2]!, byId)).toMatchObject({ missing: true, project: null, states: {} });
  });

  it('offer only the projects no row links yet, and unlink into the figures shown, in the table unit', () => {
    const cols = linkColumnsOf(directions)!;
    const rows = [{ id: 'r1', cells: { budgetProject: 'p3', dept: '政府办', direction: '政府事务支出' } }];
    expect(unlinkedProjects(cols, rows, projects()).map((p) => p.name)).toEqual(['值班工作经费', '机要保密经费']);
    const linked = resolveRow(cols, rows[0]!, projectsById(projects()));
    expect(unlinkCells(cols, linked, '万元')).toEqual([
      { col: 'fundName', text: '督查调研经费' },
      { col: 'amount', text: '14' },
      { col: 'budgetProject', text: '' },
    ]);
  });
});

async function hunanWorkbook(core: Core): Promise<string> {
  const created = await callOk(core, 'library.create', { meta: { deptName: '株洲市石峰区人民政府办公室', year: 2020, tableSetId: 'hunan-2020' } });
  return created.path;
}

describe('perf.budgetProjects and the lint on linked rows (through the core)', () => {
  it('links a 专项 row, follows an amount changed in 项目, and the 专项 total check uses the figure shown', async () => {
    const core = temp.core();
    const file = await hunanWorkbook(core);
    const add = await callOk(core, 'workbook.change', {
      path: file,
      change: { edits: [{ kind: 'insertRows', tableId: 'fact-projects', index: 0, rows: [{ code: 'ZX06', name: '政府全会经费', funcCode: '2010302', econCode: '30215', fundSource: 'general.appropriation', amount: '20' }] }] },
    });
    const projectId = add.insertedRowIds[0]!;
    expect(await callOk(core, 'perf.budgetProjects', { path: file })).toEqual([
      { rowId: projectId, code: 'ZX06', name: '政府全会经费', funcCode: '2010302', direction: '一般行政管理事务支出', amount: '200000' },
    ]);
    await callOk(core, 'workbook.change', { path: file, change: { edits: [{ kind: 'insertRows', tableId: 'zxzj-hz', index: 0, rows: [{ budgetProject: projectId }] }] } });
    // Stored: the link only.
    const stored = (await callOk(core, 'workbook.rows', { path: file, tableId: 'zxzj-hz' })).rows;
    expect(stored.map((r) => r.cells)).toEqual([{ budgetProject: projectId }]);
    // The 专项 reads as 20 万元 = 项目支出: nothing to report on the total.
    expect((await callOk(core, 'perf.lint', { path: file })).filter((f) => f.rule === 'perf.special-sum')).toEqual([]);

    // A second project raises 项目支出 to 60 万元; the linked 专项 still says 20.
    await callOk(core, 'workbook.change', {
      path: file,
      change: { edits: [{ kind: 'insertRows', tableId: 'fact-projects', index: 1, rows: [{ code: 'ZX04', name: '督查调研经费', funcCode: '2010302', econCode: '30211', fundSource: 'general.appropriation', amount: '40' }] }] },
    });
    const sum = (await callOk(core, 'perf.lint', { path: file })).filter((f) => f.rule === 'perf.special-sum');
    expect(sum.map((f) => f.table)).toEqual([PERF_TABLES.special]);
    expect(sum[0]!.message).toContain('各专项资金总额合计 20万元，与预算数据中的项目支出 60万元 不一致（相差 40万元）');

    // The project's amount changes to 60 万元 in 项目 alone: the 专项 follows it and the check is quiet.
    await callOk(core, 'workbook.change', { path: file, change: { edits: [{ kind: 'deleteRows', tableId: 'fact-projects', rowIds: [(await callOk(core, 'perf.budgetProjects', { path: file }))[1]!.rowId] }] } });
    await callOk(core, 'workbook.change', { path: file, change: { edits: [{ kind: 'setCells', tableId: 'fact-projects', cells: [{ rowId: projectId, col: 'amount', text: '60' }] }] } });
    expect((await callOk(core, 'perf.budgetProjects', { path: file }))[0]!.amount).toBe('600000');
    expect((await callOk(core, 'perf.lint', { path: file })).filter((f) => f.rule === 'perf.special-sum')).toEqual([]);
    // What is printed and exported is what the clerk sees: the project's figures in the linked row.
    const [printed] = await callOk(core, 'print.table', { path: file, tableId: 'zxzj-hz' });
    // (序号 is what the clerk types: none here.)
    const body = printed!.rows.filter((r) => r.role !== 'total').map((r) => rowTexts(r, printed!.columns.length).slice(1));
    expect(body).toEqual([['政府全会经费', '一般行政管理事务支出', '60.00', '', '']]);
  });
});

describe('indicator columns of 支出方向 tables', () => {
  it('are read from the definition, and a 指标库 entry goes to the column of its 二级', () => {
    expect(indicatorColumnsOf(directions).map((c) => c.key)).toEqual(['indQuantity', 'indQuality', 'indTimeliness', 'indCost', 'indEconomic', 'indSocial', 'indEcological', 'indSustainable']);
    expect(indicatorColumnsOf(special)).toEqual([]);
    expect(indicatorColumnFor(directions, '数量指标')).toEqual({ key: 'indQuantity' });
    expect(indicatorColumnFor(directions, '社会效益')).toEqual({ key: 'indSocial' });
    // The 2020 layout prints no 满意度 column (seed 001): the clerk is told which columns there are.
    expect(indicatorColumnFor(directions, '服务对象满意度指标')).toEqual({
      error: '本表没有“服务对象满意度指标”这一栏，只能填写：数量指标、质量指标、时效指标、成本指标、经济效益指标、社会效益指标、生态效益指标、可持续影响指标。',
    });
    expect(indicatorColumnFor(registry.table('hunan-2019-jx', 'zxzj-fx')!, '服务对象满意度指标')).toEqual({ key: 'indSatisfaction' });
    expect(appendIndicator('', '每月开展督查次数', '≥3次')).toBe('每月开展督查次数≥3次');
    expect(appendIndicator('短信 10000 条\n', '通话时长', '20000分钟')).toBe('短信 10000 条\n通话时长20000分钟');
  });
});

describe('部门整体 amounts backed by the budget', () => {
  it('are the rows whose field the set prints from the budget facts', () => {
    const dept = registry.modelTables().find((t) => t.id === PERF_TABLES.dept)!;
    // 湖南 2020 附件1: 资金总额 = all expenditure, 基本支出, 项目支出 (seed 001: 508.9253 = 448.9253 + 60).
    expect(budgetBackedRows(registry.get('hunan-2020')!.tables, dept)).toEqual({
      'dept-totalAmount': { measure: 'expense' },
      'dept-basicAmount': { measure: 'expense', filter: { nature: 'basic' } },
      'dept-projectAmount': { measure: 'expense', filter: { nature: 'project' } },
    });
    expect(budgetBackedRows(registry.get('hunan-2020')!.tables, registry.modelTables().find((t) => t.id === PERF_TABLES.special)!)).toEqual({});
  });
});

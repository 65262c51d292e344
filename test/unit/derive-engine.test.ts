import { describe, expect, it } from 'vitest';
import { DeriveEngine, FactBase, type DerivedTable, type ModelRows } from '../../shared/derive/index.js';
import { builtinCodeList } from '../../shared/reference/builtin.js';
import { TableSetRegistry } from '../../shared/tables/registry.js';
import type { GridRow, RowCells, WorkbookMeta } from '../../shared/workbook/types.js';

/** The pure engine: facts from model rows, incremental updates, problems, hints, drill-down. */

const registry = new TableSetRegistry();
const meta = (tableSetId: string): WorkbookMeta => ({ deptName: '测试局', unitCode: '', year: 2020, moneyUnit: '万元', scope: '本级', tableSetId });
const lists = { function: builtinCodeList('function', 2020)!, econDept: builtinCodeList('econDept', 2020)!, econGov: builtinCodeList('econGov', 2020)! };

let nextId = 0;
const row = (cells: RowCells): GridRow => ({ id: `r${++nextId}`, cells });
/** A basic line in 元. */
const line = (funcCode: string, econCode: string, amount: string, extra: RowCells = {}): GridRow =>
  row({ funcCode, econCode, fundSource: 'general.appropriation', amount, ...extra });

function engineFor(setId: string, model: ModelRows, unit?: string): DeriveEngine {
  const base = new FactBase(2020);
  base.update(model);
  const engine = new DeriveEngine(registry.get(setId)!.tables, base, unit === undefined ? { meta: meta(setId), lists } : { meta: meta(setId), lists, unit });
  engine.sync({ removed: [], added: [] }, model);
  return engine;
}
function update(engine: DeriveEngine, model: ModelRows): void {
  engine.sync(engine.base.update(model), model);
}
const texts = (t: DerivedTable) => t.rows.map((r) => [r.key, ...t.columns.map((c) => r.cells[c.key]?.text ?? '')]);
const cell = (t: DerivedTable, rowKey: string, col: string) => t.rows.find((r) => r.key === rowKey)?.cells[col];

describe('facts', () => {
  it('a basic line without a nature is 人员经费 for 301/303 and 公用经费 otherwise', () => {
    const model = { 'fact-lines': [line('2010301', '30101', '100'), line('2010301', '30302', '20'), line('2010301', '30201', '7')] };
    const t = engineFor('hunan-2020', model).table('ybgg-jbzc');
    expect(cell(t, 'total', 'personnel')).toMatchObject({ value: '120' });
    expect(cell(t, 'total', 'public')).toMatchObject({ value: '7' });
  });

  it('lines of a project split it; a project without an amount is the sum of its lines', () => {
    const model: ModelRows = {
      'fact-projects': [
        row({ code: 'A', name: '甲', category: '专项', funcCode: '2010302', econCode: '30299', fundSource: 'general.appropriation', amount: '1000' }),
        row({ code: 'B', name: '乙', category: '专项', funcCode: '2010302', fundSource: 'general.appropriation' }),
      ],
      'fact-lines': [line('', '30215', '300', { project: 'A' }), line('', '30217', '50', { project: 'B' }), line('', '30215', '25', { project: 'B' })],
    };
    const engine = engineFor('hunan-2020', model);
    expect(engine.base.issues).toEqual([]);
    const t = engine.table('ybgg-zc');
    expect(cell(t, '2010302', 'projectGoods')).toMatchObject({ value: '1075' });
    expect(engine.sum({ measure: 'expense', filter: { econCode: '30215' } }).toFixed()).toBe('325');
    expect(engine.sum({ measure: 'expense', filter: { econCode: '30299' } }).toFixed()).toBe('700');
    const drill = engine.drill('ybgg-zc', '2010302', 'projectTotal')!;
    expect(drill.total).toBe('1075');
    expect(drill.lines.map((l) => [l.tableId, l.amount])).toEqual([
      ['fact-lines', '300'],
      ['fact-lines', '50'],
      ['fact-lines', '25'],
      ['fact-projects', '700'],
    ]);
  });

  it('reports rows it cannot use as they are, naming them', () => {
    const lines = [line('2010302', '30215', '2000', { project: 'A' }), line('2010301', '30201', '5', { project: 'ZZ' }), row({ econCode: '30201', amount: '1' })];
    const model: ModelRows = {
      'fact-units': [row({ code: '001', name: '本级', kind: 'self' })],
      'fact-projects': [row({ code: 'A', name: '甲', funcCode: '2010302', econCode: '30299', fundSource: 'general.appropriation', amount: '1000' })],
      'fact-lines': lines,
      'fact-income': [row({ amount: '9', unit: '999' })],
    };
    const issues = engineFor('hunan-2020', model).base.issues.map((i) => i.message);
    expect(issues).toEqual([
      '收入预算第 1 行没有选择收入来源',
      '收入预算第 1 行的预算单位“999”不在预算单位表中',
      '支出明细第 2 行的所属项目“ZZ”在项目支出中不存在',
      '支出明细第 3 行没有填支出功能分类科目',
      '支出明细第 3 行没有选择资金来源',
      '项目支出第 1 行（甲）的明细合计超过项目金额 1000 元',
    ]);
  });
});

describe('tables', () => {
  it('a project picked by row (it has no code) stays that project when it gets a code', () => {
    const project = row({ name: '督查调研经费专项', category: '专项', funcCode: '2010302', econCode: '30299', fundSource: 'general.appropriation', amount: '140000' });
    const lines = [line('', '30215', '40000', { project: `#${project.id}` })];
    const engine = engineFor('hunan-2020', { 'fact-projects': [project], 'fact-lines': lines });
    expect(engine.base.issues).toEqual([]);
    expect(engine.sum({ measure: 'expense', filter: { econCode: '30215' } }).toFixed()).toBe('40000');
    expect(engine.sum({ measure: 'expense', filter: { nature: 'project' } }).toFixed()).toBe('140000');
    update(engine, { 'fact-projects': [{ ...project, cells: { ...project.cells, code: 'DC01' } }], 'fact-lines': lines });
    expect(engine.base.issues).toEqual([]);
    expect(engine.sum({ measure: 'expense', filter: { project: 'DC01' } }).toFixed()).toBe('140000');
  });

  it('names a project by its row and name in 项目支出, never by its internal row id', () => {
    // Seed 001's projects carry no 项目编码: the engine keys them by row id, which the clerk never sees.
    const project = row({ name: '信息化建设', funcCode: '2010302', econCode: '30299', fundSource: 'general.appropriation', amount: '600000' });
    const model: ModelRows = { 'fact-projects': [row({ name: '机关运转', category: '专项', funcCode: '2010301', econCode: '30201', fundSource: 'general.appropriation', amount: '1' }), project] };
    const engine = engineFor('hunan-2020', model);
    const messages = engine.table('xmzc-mx').problems.map((p) => p.message);
    expect(messages).toEqual([expect.stringContaining('项目支出第 2 行（信息化建设）')]);
    expect(messages[0]).toContain('所属项目没有填项目类别');
    expect(messages.join('')).not.toContain(project.id);
    // A line whose project row was deleted says so, not which id it pointed at.
    update(engine, { ...model, 'fact-lines': [line('2010302', '30215', '5', { project: `#${project.id}` })], 'fact-projects': [model['fact-projects']![0]!] });
    expect(engine.base.issues.map((i) => i.message)).toContain('支出明细第 1 行的所属项目已从项目支出中删除，请重新选择');
  });

  it('a fact outside every printed row of a fixed table is reported, and the total still includes it', () => {
    // 202 外交 has no row in 湖南 附件1; 附件1's 支出总计 counts it, the 功能 rows do not.
    const model = { 'fact-lines': [line('2010301', '30201', '100000'), line('2020101', '30201', '20000')] };
    const t = engineFor('hunan-2020', model).table('szzb');
    expect(cell(t, 'total', 'funcAmount')).toMatchObject({ text: '12.00', value: '120000' });
    expect(cell(t, 'r1', 'funcAmount')).toMatchObject({ text: '10.00' });
    expect(t.problems).toHaveLength(1);
    expect(t.problems[0]).toMatchObject({ col: 'funcAmount', sources: [{ tableId: 'fact-lines', rowId: model['fact-lines'][1]!.id }] });
    expect(t.problems[0]!.message).toContain('功能科目 2020101');
  });

  it('a 功能科目 only to 款 is counted in the 类/款 rows and reported for the 项 rows; an unknown 项 has no name', () => {
    const model = { 'fact-lines': [line('20103', '30201', '100'), line('2010398', '30201', '50')] };
    const t = engineFor('hunan-2020', model).table('zczb');
    expect(texts(t)).toEqual([
      // 附件3 names 201 as seed 001 prints it there (the layout's own name for the 类).
      ['201', '201', '', '', '一般公共服务', '0.02', '0.02', '', '', '', ''],
      ['20103', '201', '03', '', '政府办公厅（室）及相关机构事务', '0.02', '0.02', '', '', '', ''],
      ['2010398', '201', '03', '98', '', '0.01', '0.01', '', '', '', ''],
    ]);
    expect(t.problems.map((p) => p.message)).toEqual([
      expect.stringContaining('没有细化到项'),
      '科目 2010398 不在 2020 年的支出功能分类科目表中，表中名称空缺；请核对科目编码，或导入财政局下发的 2020 年科目表',
    ]);
  });

  it('codes outside a layout’s fixed list go in by code order; fixed codes stay when they have nothing', () => {
    const engine = engineFor('hunan-2020', { 'fact-lines': [line('2010301', '30201', '10000'), line('2010301', '30208', '20000')] });
    const codes = (t: DerivedTable) => t.rows.map((r) => r.key);
    const t6 = engine.table('jbzc-yzjf');
    expect(codes(t6).slice(0, 10)).toEqual(['302', '30201', '30202', '30203', '30204', '30205', '30206', '30207', '30208', '30209']);
    expect(cell(t6, '30208', 'name')).toEqual({ text: '取暖费' });
    expect(cell(t6, '30203', 'amount')).toMatchObject({ text: '', value: '0' });
  });

  it('an empty table prints its note; a filled one does not', () => {
    const engine = engineFor('hunan-2020', { 'fact-lines': [line('2120101', '30201', '10000', { fundSource: 'fund' })] });
    const fund = engine.table('zfxjj-zc');
    expect(fund.empty).toBe(false);
    expect(texts(fund)).toEqual([
      ['total', '', '', '', '合计', '1.00', '1.00', ''],
      ['212', '212', '', '', '城乡社区支出', '1.00', '1.00', ''],
      ['21201', '212', '01', '', '城乡社区管理事务', '1.00', '1.00', ''],
      ['2120101', '212', '01', '01', '行政运行', '1.00', '1.00', ''],
    ]);
    const special = engine.table('zhgl-zc');
    expect(special).toMatchObject({ empty: true, rows: [], emptyNote: '本部门2020年无纳入专户管理的非税收入拨款安排的支出，故本表为空表。' });
  });

  it('rounding: parts that do not add up to the printed total are reported, not nudged', () => {
    // 0.004 + 0.004 + 0.004 万元 print as 0.00 each, the 类 as 0.01.
    const engine = engineFor('hunan-2020', { 'fact-lines': [line('2010301', '30201', '40'), line('2010301', '30202', '40'), line('2010301', '30207', '40')] });
    const t = engine.table('jbzc-yzjf');
    expect(cell(t, '302', 'amount')).toMatchObject({ text: '0.01', value: '120' });
    expect(cell(t, '30201', 'amount')).toMatchObject({ text: '0.00', value: '40' });
    expect(t.hints).toEqual([expect.objectContaining({ rowKey: '302', col: 'amount', shown: '0.01', partsSum: '0.00' })]);
  });

  it('entered cells of a fixed table count in its sums and drill to the entered row', () => {
    const model: ModelRows = { 'fact-lines': [line('2010301', '30201', '100000')], szzb: [{ id: 'carry', cells: { expenseAmount: '30000' } }] };
    const engine = engineFor('national-9', model);
    const t = engine.table('szzb');
    expect(cell(t, 'total', 'expenseAmount')).toMatchObject({ text: '13.00', value: '130000' });
    expect(cell(t, 'carry', 'expenseAmount')).toMatchObject({ text: '3.00', value: '30000' });
    const drill = engine.drill('szzb', 'total', 'expenseAmount')!;
    expect(drill.total).toBe('130000');
    expect(drill.lines.map((l) => [l.tableId, l.rowId, l.amount])).toEqual([
      ['fact-lines', model['fact-lines']![0]!.id, '100000'],
      ['szzb', 'carry', '30000'],
    ]);
    expect(drill.label).toBe('表1 2020年部门收支总表 · 支出总计 · 支出-预算数');
  });
});

describe('incremental updates', () => {
  /** A deterministic sequence of edits a clerk might make, checked against a fresh build after each. */
  it('after every edit equal a fresh build, for every derived table of both sets', () => {
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const funcs = ['2010301', '2010302', '2080501', '2130101', '20103', '2120101'];
    const econs = ['30101', '30102', '30201', '30215', '30217', '30302', '31002', '302'];
    const sources = ['general.appropriation', 'general.nonTax.fee', 'fund', 'specialAccount', 'business', 'carryover.general'];
    const units = [row({ code: 'A', name: '本级', kind: 'self' }), row({ code: 'B', name: '下属', kind: 'subordinate', unitType: 'institution' })];
    const projects = [
      row({ code: 'P1', name: '项目一', category: '专项', funcCode: '2010302', econCode: '30299', fundSource: 'general.appropriation', amount: '50000' }),
      row({ code: 'P2', name: '项目二', category: '运转', funcCode: '2130101', econCode: '31002', fundSource: 'fund', unit: 'B' }),
    ];
    let lines: GridRow[] = [];
    const income = [row({ fundSource: 'general.appropriation', amount: '500000' }), row({ fundSource: 'business', amount: '3000', unit: 'B' })];
    const randomLine = (): GridRow => {
      const cells: RowCells = { funcCode: funcs[rand(funcs.length)]!, econCode: econs[rand(econs.length)]!, fundSource: sources[rand(sources.length)]!, amount: String(rand(100000) - 5000) };
      const r = rand(6);
      if (r === 0) cells.project = 'P1';
      if (r === 1) cells.project = 'P2';
      if (r === 2) cells.unit = 'B';
      return row(cells);
    };
    for (let i = 0; i < 40; i++) lines.push(randomLine());
    const model = (): ModelRows => ({ 'fact-units': units, 'fact-projects': projects, 'fact-lines': lines, 'fact-income': income });
    const setIds = ['hunan-2020', 'national-9'];
    const views = [undefined, 'A', 'B'];
    const live = setIds.flatMap((s) => views.map((u) => ({ s, u, engine: engineFor(s, model(), u) })));
    const derivedIds = (s: string) => live.find((l) => l.s === s)!.engine.list().filter((x) => x.kind === 'derived').map((x) => x.def.id);
    for (const l of live) for (const id of derivedIds(l.s)) l.engine.table(id);
    for (let step = 0; step < 60; step++) {
      const op = rand(5);
      const at = rand(lines.length);
      if (op === 0) lines = [...lines.slice(0, at), randomLine(), ...lines.slice(at)];
      else if (op === 1 && lines.length > 1) lines = lines.filter((_, i) => i !== at);
      else {
        const old = lines[at]!;
        const changed: GridRow = { id: old.id, cells: { ...old.cells, ...randomLine().cells } };
        if (op === 2) changed.cells = { ...old.cells, amount: String(rand(100000)) };
        lines = lines.map((r, i) => (i === at ? changed : r));
      }
      if (step % 20 === 19) projects[0] = { id: projects[0]!.id, cells: { ...projects[0]!.cells, name: `项目一（${step}）`, amount: String(rand(90000)) } };
      for (const l of live) {
        update(l.engine, model());
        const fresh = engineFor(l.s, model(), l.u);
        for (const id of derivedIds(l.s)) {
          const a = l.engine.table(id);
          const b = fresh.table(id);
          expect([step, l.s, l.u, id, texts(a), a.hints, a.problems.map((p) => p.message)]).toEqual([step, l.s, l.u, id, texts(b), b.hints, b.problems.map((p) => p.message)]);
          expect(a.rows.map((r) => Object.values(r.cells).map((c) => c.value))).toEqual(b.rows.map((r) => Object.values(r.cells).map((c) => c.value)));
        }
      }
    }
  });

  it('an unchanged table comes back as the same object; an edit elsewhere leaves it alone', () => {
    const lines = [line('2010301', '30101', '100'), line('2010301', '30201', '50')];
    const engine = engineFor('hunan-2020', { 'fact-lines': lines });
    const wages = engine.table('jbzc-gzfl');
    const goods = engine.table('jbzc-yzjf');
    update(engine, { 'fact-lines': [lines[0]!, { id: lines[1]!.id, cells: { ...lines[1]!.cells, amount: '60' } }] });
    expect(engine.table('jbzc-gzfl')).toBe(wages);
    expect(engine.table('jbzc-yzjf')).not.toBe(goods);
    expect(cell(engine.table('jbzc-yzjf'), '30201', 'amount')).toMatchObject({ value: '60' });
  });
});

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/run.js';
import type { Core } from '../../electron/core/core.js';
import { PERF_TABLES } from '../../shared/perf/binding.js';
import { loadSeed } from '../fixtures/perf/load.js';
import { callErr, callOk } from '../helpers/core.js';
import { useTempDirs } from '../helpers/hooks.js';

const temp = useTempDirs('budgetdesk-perf-api-');

async function newProject(core: Core, meta: { moneyUnit?: '元' | '万元'; tableSetId?: string } = {}, projects: Record<string, string>[] = [{ name: '政府全会经费', amount: '20' }]) {
  const created = await callOk(core, 'library.create', { meta: { deptName: '区政府办', year: 2023, tableSetId: 'district-2023-project', ...meta } });
  const change = await callOk(core, 'workbook.change', { path: created.path, change: { edits: [{ kind: 'insertRows', tableId: PERF_TABLES.projects, index: 0, rows: projects }] } });
  return { path: created.path, ids: change.insertedRowIds };
}

async function indicatorRows(core: Core, file: string) {
  return (await callOk(core, 'workbook.rows', { path: file, tableId: PERF_TABLES.indicators })).rows;
}

/** Rows as pasted from a Word table: merged 一级/二级 cells arrive blank, the 2023 name 效果指标, values as typed. */
const pasted: Record<string, string>[] = [
  { level1: '产出指标', level2: '数量指标', name: '召开全会次数', desc: '全年召开\n政府全体会议次数', value: '≥ 4 次', basis: '年度工作计划' },
  { level1: '', level2: '时效指标', name: '完成时限', value: '2023 年 12\n月 31 日' },
  { level1: '', level2: '', name: '会议通知提前天数', value: '≥3天' },
  { level1: '效果指标', level2: '社会效益指标', name: '会议决定事项落实率', value: '≧95％' },
  { level1: '满意度指标', level2: '服务对象满意度指标', name: '参会人员满意度', value: '>=90%' },
];

describe('perf.indicators.paste / setValue', () => {
  it('stores pasted rows as parts, inherits merged cells, reads 效果指标 as 效益指标, and undoes in one step', async () => {
    const core = temp.core();
    const { path: file, ids } = await newProject(core);
    const result = await callOk(core, 'perf.indicators.paste', { path: file, owner: ids[0]!, rows: pasted });
    expect(result.insertedRowIds).toHaveLength(5);
    expect(result.state.undoLabel).toBe('粘贴绩效指标（5条）');
    const stored = (await indicatorRows(core, file)).map((r) => r.cells);
    expect(stored[0]).toEqual({ owner: ids[0], level1: '产出指标', level2: '数量指标', name: '召开全会次数', desc: '全年召开政府全体会议次数', op: '≥', value: '4', unit: '次', original: '≥ 4 次', basis: '年度工作计划' });
    expect(stored.map((c) => [c.level1, c.level2, c.op, c.value, c.unit ?? ''])).toEqual([
      ['产出指标', '数量指标', '≥', '4', '次'],
      ['产出指标', '时效指标', '定性', '2023年12月31日', ''],
      ['产出指标', '时效指标', '≥', '3', '天'],
      ['效益指标', '社会效益指标', '≥', '95', '%'],
      ['满意度指标', '服务对象满意度指标', '≥', '90', '%'],
    ]);
    expect(stored[1]!.original).toBe('2023 年 12\n月 31 日');
    await callOk(core, 'workbook.undo', { path: file });
    expect(await indicatorRows(core, file)).toEqual([]);
  });

  it('refuses an unknown 一级, an unknown column and an unknown owner, storing nothing', async () => {
    const core = temp.core();
    const { path: file, ids } = await newProject(core);
    const bad = await callErr(core, 'perf.indicators.paste', { path: file, owner: ids[0]!, rows: [{ level1: '绩效指标', name: '甲', value: '1' }] }, 'VALIDATION');
    expect(bad.message).toContain('第1行的一级指标“绩效指标”无效');
    const col = await callErr(core, 'perf.indicators.paste', { path: file, owner: ids[0]!, rows: [{ level1: '产出指标', 权重: '10' }] }, 'VALIDATION');
    expect(col.message).toContain('没有“权重”这一列');
    const gone = await callErr(core, 'perf.indicators.paste', { path: file, owner: 'r000000000000', rows: pasted }, 'NOT_FOUND');
    // Named by what the clerk knows, not by the internal row id.
    expect(gone.message).toContain('找不到要粘贴指标的项目');
    expect(gone.message).not.toContain('r000000000000');
    expect(await indicatorRows(core, file)).toEqual([]);
  });

  it('setValue splits a typed 指标值 and keeps the text', async () => {
    const core = temp.core();
    const { path: file, ids } = await newProject(core);
    const { insertedRowIds } = await callOk(core, 'perf.indicators.paste', { path: file, owner: ids[0]!, rows: [pasted[4]!] });
    await callOk(core, 'perf.indicators.setValue', { path: file, rowId: insertedRowIds[0]!, text: '每年≥ 95 %' });
    expect((await indicatorRows(core, file))[0]!.cells).toMatchObject({ op: '≥', prefix: '每年', value: '95', unit: '%', original: '每年≥ 95 %' });
    await callOk(core, 'perf.indicators.setValue', { path: file, rowId: insertedRowIds[0]!, text: '显著提升' });
    const cells = (await indicatorRows(core, file))[0]!.cells;
    expect([cells.op, cells.value, cells.unit, cells.prefix]).toEqual(['定性', '显著提升', undefined, undefined]);
    await callErr(core, 'perf.indicators.setValue', { path: file, rowId: 'r404', text: '1' }, 'NOT_FOUND');
  });
});

describe('perf.copyIndicators', () => {
  it('copies one project’s indicators to another by name, appended after the target’s own, in one undo step', async () => {
    const core = temp.core();
    const { path: file, ids } = await newProject(core, {}, [
      { name: '政府全会经费', amount: '20' },
      { name: '政府常务会经费', amount: '10' },
    ]);
    await callOk(core, 'perf.indicators.paste', { path: file, owner: ids[0]!, rows: pasted });
    await callOk(core, 'perf.indicators.paste', { path: file, owner: ids[1]!, rows: [pasted[0]!] });
    const result = await callOk(core, 'perf.copyIndicators', { path: file, fromOwner: '政府全会经费', toOwner: ids[1]! });
    expect(result.state.undoLabel).toBe('复制绩效指标（5条）');
    const stored = await indicatorRows(core, file);
    expect(stored.map((r) => r.cells.owner)).toEqual([...Array(5).fill(ids[0]), ...Array(6).fill(ids[1])]);
    expect(stored.slice(6).map((r) => r.cells.name)).toEqual(stored.slice(0, 5).map((r) => r.cells.name));
    await callOk(core, 'workbook.undo', { path: file });
    expect(await indicatorRows(core, file)).toHaveLength(6);
    await callErr(core, 'perf.copyIndicators', { path: file, fromOwner: '不存在的项目', toOwner: ids[1]! }, 'NOT_FOUND');
    await callErr(core, 'perf.copyIndicators', { path: file, fromOwner: ids[0]!, toOwner: '政府全会经费' }, 'VALIDATION');
  });

  it('copies from last year’s workbook (only read, then closed), writing the unit of a bare 成本 figure', async () => {
    const core = temp.core();
    const lastYear = await loadSeed(core, '004');
    core.closeAll();
    const { path: file, ids } = await newProject(core, { moneyUnit: '元', tableSetId: 'hebei-county-project' }, [{ name: '财政专项工作经费', amount: '500000' }]);
    const result = await callOk(core, 'perf.copyIndicators', { path: file, fromWorkbook: lastYear.path, fromOwner: '财政专项工作经费', toOwner: ids[0]! });
    expect(result.insertedRowIds).toHaveLength(6);
    expect(core.isOpen(lastYear.path)).toBe(false);
    const cost = (await indicatorRows(core, file)).find((r) => r.cells.level2 === '成本指标')!;
    expect(cost.cells).toMatchObject({ name: '区级财政投入', op: '=', value: '50', unit: '万元' });
    // 50万元 is this 500000元 project's whole budget: nothing to report about the copied cost.
    expect((await callOk(core, 'perf.lint', { path: file })).filter((f) => f.rule === 'perf.cost-budget')).toEqual([]);
  });
});

describe('perf.budgetTotals and the lint against budget data', () => {
  it('offers 基本/项目支出 from the facts and checks 部门整体 and 专项 against them', async () => {
    const core = temp.core();
    const created = await callOk(core, 'library.create', { meta: { deptName: '区政府办', year: 2019 } });
    const file = created.path;
    expect(await callOk(core, 'perf.budgetTotals', { path: file })).toBeNull();
    const line = { funcCode: '2010301', econCode: '30101', fundSource: 'general.appropriation', nature: 'basic.personnel', amount: '408.76' };
    const projectFact = { code: 'P1', name: '值班工作经费', funcCode: '2010302', econCode: '30201', fundSource: 'general.appropriation', amount: '100' };
    await callOk(core, 'workbook.change', {
      path: file,
      change: {
        edits: [
          { kind: 'insertRows', tableId: 'fact-lines', index: 0, rows: [line] },
          { kind: 'insertRows', tableId: 'fact-projects', index: 0, rows: [projectFact] },
          { kind: 'insertRows', tableId: 'zxzj-hz', index: 0, rows: [{ name: '值班工作经费', amount: '90', goalPeriod: '组织、审核知会APP的使用工作', goalYear: '快速下发各类通知' }] },
          {
            kind: 'setCells',
            tableId: PERF_TABLES.dept,
            cells: [
              { rowId: 'dept-totalAmount', col: 'amount', text: '508.76' },
              { rowId: 'dept-basicAmount', col: 'amount', text: '400' },
              { rowId: 'dept-projectAmount', col: 'amount', text: '100' },
            ],
          },
        ],
      },
    });
    expect(await callOk(core, 'perf.budgetTotals', { path: file })).toEqual({ total: '5087600', basic: '4087600', project: '1000000' });
    const found = await callOk(core, 'perf.lint', { path: file });
    expect(found.map((f) => [f.rule, f.table, f.row])).toEqual([
      ['perf.dept-total', 'bmzt-jx', 'dept-totalAmount'],
      ['perf.dept-budget', 'bmzt-jx', 'dept-basicAmount'],
      ['perf.special-sum', 'zxzj-hz', null],
    ]);
    expect(found[2]!.message).toContain('与预算数据中的项目支出 100万元 不一致');
  });
});

describe('perf.library.*', () => {
  it('searches and suggests from the built-in library without writing a file', async () => {
    const core = temp.core();
    expect(await callOk(core, 'perf.library.categories', {})).toEqual(['会议培训', '信息化运维', '办公运转保障', '补助发放', '基建修缮', '宣传活动', '课题研究']);
    const hits = await callOk(core, 'perf.library.search', { query: '满意度', category: '会议培训' });
    expect(hits.map((e) => e.name)).toEqual(['参会（参训）人员满意度']);
    const costs = await callOk(core, 'perf.library.search', { query: '成本指标', level1: '产出指标', limit: 3 });
    expect(costs.map((e) => e.level2)).toEqual(['成本指标', '成本指标', '成本指标']);
    const meeting = await callOk(core, 'perf.library.suggest', { projectName: '政府全会经费' });
    expect(new Set(meeting.map((e) => e.category))).toEqual(new Set(['会议培训']));
    expect(meeting.map((e) => e.level2)).toEqual(['数量指标', '数量指标', '质量指标', '质量指标', '时效指标', '成本指标', '成本指标', '社会效益指标', '服务对象满意度指标']);
    const it = await callOk(core, 'perf.library.suggest', { projectName: '政务服务便民热线外包服务' });
    expect(it[0]!.category).toBe('信息化运维');
    expect(await callOk(core, 'perf.library.suggest', { projectName: '某某经费', category: '课题研究', limit: 2 })).toHaveLength(2);
    expect(await callOk(core, 'perf.library.suggest', { projectName: '某某经费' })).toEqual([]);
  });

  it('every built-in entry passes the lint as a project indicator', async () => {
    const core = temp.core();
    const { path: file, ids } = await newProject(core);
    for (const category of await callOk(core, 'perf.library.categories', {})) {
      const entries = await callOk(core, 'perf.library.search', { category, limit: 500 });
      await callOk(core, 'perf.indicators.paste', { path: file, owner: ids[0]!, rows: entries.map(({ level1, level2, name, desc, value, basis }) => ({ level1, level2, name, desc, value, basis })) });
    }
    const found = await callOk(core, 'perf.lint', { path: file });
    expect(found.filter((f) => f.store === PERF_TABLES.indicators).map((f) => f.message)).toEqual([]);
  });

  it('stores 二级 as the seed library prints it (数量指标), however the project row spelled it', async () => {
    const core = temp.core();
    const short = await callOk(core, 'perf.library.save', { entry: { category: '巡察整改', level1: '产出指标', level2: '数量', name: '整改问题数' } });
    expect(short.level2).toBe('数量指标');
    const older = await callOk(core, 'perf.library.save', { entry: { category: '巡察整改', level1: '效益指标', level2: '可持续性影响', name: '整改长效机制' } });
    expect(older.level2).toBe('可持续影响指标');
    expect((await callOk(core, 'perf.library.search', { category: '巡察整改', limit: 10 })).map((e) => e.level2).sort()).toEqual(['可持续影响指标', '数量指标']);
  });

  it('saves, edits and deletes entries in <dataDir>/indicator-library.json, kept across restarts', async () => {
    let core = temp.core();
    const file = path.join(core.options.dataDir, 'indicator-library.json');
    const added = await callOk(core, 'perf.library.save', {
      entry: { category: '巡察整改', level1: '产出指标', level2: '数量指标', name: '整改问题数', value: '≥10个', keywords: ['巡察'] },
    });
    expect(added).toMatchObject({ id: expect.stringMatching(/^u[0-9a-f]{10}$/), desc: '', basis: '' });
    await callOk(core, 'perf.library.save', { entry: { id: 'hypx-01', category: '会议培训', level1: '产出指标', level2: '数量指标', name: '举办会议场次', value: '≥6次' } });
    await callOk(core, 'perf.library.delete', { id: 'hypx-02' });
    core = temp.restart(core);
    expect((await callOk(core, 'perf.library.search', { query: '整改' })).map((e) => e.id)).toEqual([added.id]);
    expect(await callOk(core, 'perf.library.categories', {})).toContain('巡察整改');
    // 工作经费 points to 办公运转保障; the entry's own keyword 巡察 adds it after that category's entries.
    const suggested = (await callOk(core, 'perf.library.suggest', { projectName: '巡察整改工作经费' })).map((e) => `${e.category}/${e.name}`);
    expect(suggested[0]).toBe('办公运转保障/保障在职人员数');
    expect(suggested.at(-1)).toBe('巡察整改/整改问题数');
    const meeting = await callOk(core, 'perf.library.search', { category: '会议培训', limit: 500 });
    expect(meeting.find((e) => e.id === 'hypx-01')?.value).toBe('≥6次');
    expect(meeting.some((e) => e.id === 'hypx-02')).toBe(false);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ format: 'budgetdesk-indicator-library', version: 1 });

    const wrong = await callErr(core, 'perf.library.save', { entry: { category: '会议培训', level1: '效益指标', level2: '成本指标', name: '甲' } }, 'VALIDATION');
    expect(wrong.message).toContain('二级指标“成本指标”不属于效益指标');
    await callErr(core, 'perf.library.save', { entry: { id: 'nosuch', category: '会议培训', level1: '产出指标', level2: '数量指标', name: '甲' } }, 'NOT_FOUND');
    await callErr(core, 'perf.library.delete', { id: 'nosuch' }, 'NOT_FOUND');
  });

  it('reports a damaged library file and leaves it as it is', async () => {
    const core = temp.core();
    const file = path.join(core.options.dataDir, 'indicator-library.json');
    writeFileSync(file, '{"format": "budgetdesk-indicator-library", "entries": [');
    const err = await callErr(core, 'perf.library.search', {}, 'VALIDATION');
    expect(err.message).toContain('绩效指标库文件已损坏');
    await callErr(core, 'perf.library.save', { entry: { category: '会议培训', level1: '产出指标', level2: '数量指标', name: '甲' } }, 'VALIDATION');
    expect(readFileSync(file, 'utf8')).toBe('{"format": "budgetdesk-indicator-library", "entries": [');
  });
});

describe('budgetdesk check', () => {
  async function cli(core: Core, args: string[]) {
    let stdout = '';
    let stderr = '';
    const code = await runCli([...args, '--data-dir', core.options.dataDir], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: {} });
    return { code, stdout, stderr };
  }

  it('prints the findings as JSON and exits 1 when one is an error (seed 002)', async () => {
    const core = temp.core();
    const seed = await loadSeed(core, '002');
    core.closeAll();
    const r = await cli(core, ['check', seed.path, '--json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('错误：发现 1 个未说明的错误，请按审核结果修改后再报送。\n');
    const rows = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(rows).toHaveLength(10);
    expect(Object.keys(rows[0]!)).toEqual(['id', 'rule', 'severity', 'message', 'table', 'row', 'column', 'sentence', 'expected', 'actual', 'difference', 'explanation', 'cells']);
    expect(rows[0]).toMatchObject({ id: 'perf.special-sum:zxzj-hz:amount', severity: '错误', table: 'zxzj-hz', row: null, column: 'amount', explanation: null });
    expect(rows[0]!.message).toContain('各专项资金总额合计 2410万元，与部门整体支出绩效目标表中的项目支出 2470万元 不一致（相差 60万元）');
    expect(rows[1]).toMatchObject({ severity: '需说明', table: 'zxzj-fx', row: expect.stringMatching(/^r/), column: 'fundName' });
  });

  it('prints text lines with the table name and exits 0 on warnings only (seed 003); an empty workbook reports the 待填写 its 说明 would print', async () => {
    const core = temp.core();
    const seed = await loadSeed(core, '003');
    const empty = await callOk(core, 'library.create', { meta: { deptName: '空白局', year: 2025 } });
    core.closeAll();
    const r = await cli(core, ['check', seed.path]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('需说明\t项目绩效目标表\t项目“劳务派遣人员报酬经费” › 成本指标“控制在预算金额内”的指标值“支出不超出预算”没有量化。成本指标应写明金额（如“20万元”“2万元/人”），“不超出预算”之类的表述无法衡量成本。');
    expect(lines.at(-1)).toBe('共 24 条：错误 0 条，需说明 7 条，提示 17 条。');
    // An empty workbook has no table to fault, but its 说明 would be published with the template's 待填写: the
    // free section 职能职责 and the figures not entered yet (编制人数, 资产, 车辆), each an error on its sentence.
    const blank = await cli(core, ['check', empty.path]);
    expect([blank.code, blank.stderr]).toEqual([1, '错误：发现 6 个未说明的错误，请按审核结果修改后再报送。\n']);
    const found = blank.stdout.trimEnd().split('\n').filter((l) => l !== '');
    expect(found.slice(0, -1).filter((l) => !(l.startsWith('错误\t第一部分 说明\t') && l.includes('待填写')))).toEqual([]);
    expect(found[0]).toContain('一、部门职能职责：“本部门主要职责是：待填写');
    expect(found[0]).toContain('本节尚未填写');
    expect(found).toContainEqual(expect.stringContaining('中“公务用车购置数待填写”处的数据尚未录入'));
    expect(found.at(-1)).toBe('共 6 条：错误 6 条，需说明 0 条，提示 0 条。');
  });
});

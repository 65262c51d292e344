import { describe, expect, it } from 'vitest';
import { workbookBudgetProjects } from '../../electron/core/perf/budget-projects.js';
import { lintWorkbook } from '../../electron/core/perf/lint-runner.js';
import { CheckRunner, rulesFor } from '../../shared/checks/engine.js';
import { PERF_TABLES } from '../../shared/perf/binding.js';
import { loadSeed, type SeedId } from '../fixtures/perf/load.js';
import { createSeed001Workbook } from '../fixtures/seed001/load.js';
import { callOk } from '../helpers/core.js';
import { useTempDirs } from '../helpers/hooks.js';

const temp = useTempDirs('budgetdesk-checks-perf-');

describe('the 绩效 lint as rules of the check engine', () => {
  it('every perf.* rule the lint has is a rule of every set, and each lint finding comes back once through the engine', async () => {
    const core = temp.core();
    for (const seed of ['000', '002', '003', '004'] as SeedId[]) {
      const { path } = await loadSeed(core, seed);
      const wb = core.workbook(path);
      const set = core.tableSets.get(wb.meta().tableSetId);
      const ruleIds = new Set(rulesFor(set).map((r) => r.id));
      const lint = lintWorkbook(wb, set, workbookBudgetProjects(wb, core.options.dataDir));
      const checks = (await callOk(core, 'checks.run', { path })).filter((f) => f.rule.startsWith('perf.'));
      for (const f of lint) {
        expect(ruleIds.has(f.rule), f.rule).toBe(true);
        const places = checks.filter((c) => c.rule === f.rule && c.cells.some((x) => x.table === f.table && x.row === f.row && x.column === f.column));
        expect(places, `${seed} ${f.id}`).toHaveLength(1);
        expect(places[0]!.severity).toBe({ error: '错误', warning: '需说明', hint: '提示' }[f.severity]);
      }
      const copies = lint.filter((f) => f.rule === 'perf.copied-text').length;
      expect(checks.length, seed).toBe(lint.length - copies + checks.filter((c) => c.rule === 'perf.copied-text').length);
    }
  });

  it('a copied goal text is one finding naming every place (seed 000: 金融办经费 and 优化办经费 in 附件3-1 and 3-2)', async () => {
    const core = temp.core();
    const { path } = await loadSeed(core, '000');
    const copied = (await callOk(core, 'checks.run', { path })).filter((f) => f.rule === 'perf.copied-text');
    expect(copied.map((f) => [f.table, f.cells.length, f.message])).toEqual([
      ['zxzj-hz', 2, expect.stringMatching(/^专项“金融办经费”、专项“优化办经费”的.+完全相同（共 2 处），可能是照搬。/)],
      ['zxzj-fx', 2, expect.stringMatching(/^支出方向“一般行政管理事务支出”（金融办经费）、支出方向“一般行政管理事务支出”（优化办经费）的.+完全相同（共 2 处）/)],
    ]);
  });

  it('a 绩效 edit through perf.indicators.setValue updates the findings (the commit path tells the checks)', async () => {
    const core = temp.core();
    const { path, projectIds } = await loadSeed(core, '003');
    const before = await callOk(core, 'checks.run', { path });
    const noNumber = before.filter((f) => f.rule === 'perf.no-number' && f.message.startsWith('项目“劳务派遣人员报酬经费”'));
    expect(noNumber).toHaveLength(1);
    const indicator = (await callOk(core, 'workbook.rows', { path, tableId: PERF_TABLES.indicators })).rows.find(
      (r) => r.cells.owner === projectIds[0] && r.cells.name === '控制在预算金额内',
    )!;
    await callOk(core, 'perf.indicators.setValue', { path, rowId: indicator.id, text: '≤30万元' });
    const after = await callOk(core, 'checks.run', { path });
    expect(after.filter((f) => f.rule === 'perf.no-number' && f.message.startsWith('项目“劳务派遣人员报酬经费”'))).toEqual([]);
    expect(after.length).toBe(before.length - 1);
  });

  it('dept-name: one short form throughout passes (seed 000 writes 政府办); two spellings are reported', async () => {
    const core = temp.core();
    const { path } = await loadSeed(core, '000');
    expect((await callOk(core, 'checks.run', { path })).filter((f) => f.rule === 'dept-name')).toEqual([]);
    const rows = (await callOk(core, 'workbook.rows', { path, tableId: PERF_TABLES.directions })).rows;
    await callOk(core, 'workbook.change', { path, change: { edits: [{ kind: 'setCells', tableId: PERF_TABLES.directions, cells: [{ rowId: rows[1]!.id, col: 'dept', text: '区政府办' }] }] } });
    const found = (await callOk(core, 'checks.run', { path })).filter((f) => f.rule === 'dept-name');
    expect(found.map((f) => [f.severity, f.cells.length, f.message])).toEqual([
      ['需说明', rows.length - 1, `单位名称有 ${rows.length - 1} 处写作“政府办”，另有写作“区政府办”的；全文的单位名称应一致，请统一为“株洲市石峰区人民政府办公室”。`],
      ['需说明', 1, '单位名称有 1 处写作“区政府办”，另有写作“政府办”的；全文的单位名称应一致，请统一为“株洲市石峰区人民政府办公室”。'],
    ]);
  });
});

describe('incremental checking', () => {
  it('a budget edit leaves the 绩效 findings as they were; after a 绩效 edit the budget rules are not run again', async () => {
    const core = temp.core();
    const { path, projectIds } = await loadSeed(core, '003');
    await callOk(core, 'workbook.change', {
      path,
      change: { edits: [{ kind: 'insertRows', tableId: 'fact-lines', index: 0, rows: [{ funcCode: '2010301', econCode: '30201', fundSource: '经费拨款', nature: '公用经费', amount: '100' }] }] },
    });
    const first = await callOk(core, 'checks.run', { path });
    const perfOf = (list: typeof first) => list.filter((f) => f.rule.startsWith('perf.'));
    const budgetOf = (list: typeof first) => list.filter((f) => !f.rule.startsWith('perf.'));
    const lines = (await callOk(core, 'workbook.rows', { path, tableId: 'fact-lines' })).rows;
    await callOk(core, 'workbook.change', { path, change: { edits: [{ kind: 'setCells', tableId: 'fact-lines', cells: [{ rowId: lines[0]!.id, col: 'amount', text: '120' }] }] } });
    const second = await callOk(core, 'checks.run', { path });
    // perf.* findings depend on the budget totals too (部门整体 资金), so they run again; the text and 绩效-only rules do not.
    expect(perfOf(second)).toEqual(perfOf(first));
    const indicator = (await callOk(core, 'workbook.rows', { path, tableId: PERF_TABLES.indicators })).rows.find((r) => r.cells.owner === projectIds[0])!;
    await callOk(core, 'workbook.change', { path, change: { edits: [{ kind: 'setCells', tableId: PERF_TABLES.indicators, cells: [{ rowId: indicator.id, col: 'desc', text: '按月支付' }] }] } });
    const third = await callOk(core, 'checks.run', { path });
    const budgetSecond = budgetOf(second);
    const budgetThird = budgetOf(third).filter((f) => f.rule !== 'placeholders' && f.rule !== 'dept-name');
    expect(budgetThird.length).toBe(budgetSecond.filter((f) => f.rule !== 'placeholders' && f.rule !== 'dept-name').length);
    for (const f of budgetThird) expect(budgetSecond.find((g) => g.id === f.id)).toBe(f);
  });

  it('after edits, undo and redo the kept findings equal a check from scratch (rows, projects and 绩效 reviews reused only where unchanged)', async () => {
    const core = temp.core();
    const { path, projectIds } = await loadSeed(core, '004');
    const wb = core.workbook(path);
    const fromScratch = () => new CheckRunner(rulesFor(core.tableSets.get(wb.meta().tableSetId))).run(core.checks.context(wb), { budget: 0, perf: 0, text: 0 });
    await callOk(core, 'checks.run', { path });
    const indicators = (await callOk(core, 'workbook.rows', { path, tableId: PERF_TABLES.indicators })).rows.filter((r) => r.cells.owner === projectIds[1]);
    const steps: (() => Promise<unknown>)[] = [
      // A 数量 target without its unit, a placeholder, a deleted indicator, a placeholder goal; then undo and redo.
      () => callOk(core, 'workbook.change', { path, change: { edits: [{ kind: 'setCells', tableId: PERF_TABLES.indicators, cells: [{ rowId: indicators[0]!.id, col: 'value', text: '12' }] }] } }),
      () => callOk(core, 'workbook.change', { path, change: { edits: [{ kind: 'setCells', tableId: PERF_TABLES.indicators, cells: [{ rowId: indicators[1]!.id, col: 'desc', text: 'XX' }] }] } }),
      () => callOk(core, 'workbook.change', { path, change: { edits: [{ kind: 'deleteRows', tableId: PERF_TABLES.indicators, rowIds: [indicators[2]!.id] }] } }),
      () => callOk(core, 'workbook.change', { path, change: { edits: [{ kind: 'setCells', tableId: PERF_TABLES.projects, cells: [{ rowId: projectIds[0]!, col: 'goal', text: '待填写' }] }] } }),
      () => callOk(core, 'workbook.undo', { path }),
      () => callOk(core, 'workbook.redo', { path }),
      () => callOk(core, 'workbook.undo', { path }),
    ];
    for (const step of steps) {
      await step();
      const kept = await callOk(core, 'checks.run', { path });
      expect(kept).toEqual(fromScratch());
    }
  });

  it('a 绩效 row linked to a budget project is checked again when that project changes in the budget', async () => {
    const core = temp.core();
    const path = await createSeed001Workbook(core);
    const wb = core.workbook(path);
    const fromScratch = () => new CheckRunner(rulesFor(core.tableSets.get(wb.meta().tableSetId))).run(core.checks.context(wb), { budget: 0, perf: 0, text: 0 });
    const project = (await callOk(core, 'workbook.rows', { path, tableId: 'fact-projects' })).rows[0]!;
    const specialSum = async () => (await callOk(core, 'checks.run', { path })).filter((f) => f.rule === 'perf.special-sum').map((f) => f.message);
    expect(await specialSum()).toEqual([]);
    // A 专项 following seed 001's first project only (4 万元) against 项目支出 60 万元: reported.
    await callOk(core, 'workbook.change', { path, change: { edits: [{ kind: 'insertRows', tableId: 'zxzj-hz', index: 0, rows: [{ budgetProject: project.id }] }] } });
    const before = await specialSum();
    expect(before.join()).toContain('与预算数据中的项目支出 60万元 不一致');
    expect(await callOk(core, 'checks.run', { path })).toEqual(fromScratch());
    // The project's amount changes in the budget: the linked 专项 follows it, and so does the finding.
    await callOk(core, 'workbook.change', { path, change: { edits: [{ kind: 'setCells', tableId: 'fact-projects', cells: [{ rowId: project.id, col: 'amount', text: '7' }] }] } });
    const after = await specialSum();
    expect(after).not.toEqual(before);
    expect(await callOk(core, 'checks.run', { path })).toEqual(fromScratch());
    await callOk(core, 'workbook.undo', { path });
    expect(await specialSum()).toEqual(before);
    expect(await callOk(core, 'checks.run', { path })).toEqual(fromScratch());
  });
});

import { describe, expect, it } from 'vitest';
import { ChecksService } from '../../electron/core/checks.js';
import type { Core } from '../../electron/core/core.js';
import { DerivedService } from '../../electron/core/derived.js';
import { workbookBudgetProjects } from '../../electron/core/perf/budget-projects.js';
import { lintWorkbook } from '../../electron/core/perf/lint-runner.js';
import { CheckRunner, rulesFor } from '../../shared/checks/engine.js';
import type { CheckFinding } from '../../shared/checks/rule.js';
import { PERF_TABLES } from '../../shared/perf/binding.js';
import { loadSeed, type SeedId } from '../fixtures/perf/load.js';
import { createSeed001Workbook } from '../fixtures/seed001/load.js';
import { callOk } from '../helpers/core.js';
import { useTempDirs } from '../helpers/hooks.js';
import { benchWorkbook } from '../bench/cases/derive.js';

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

/**
 * A check from scratch of the workbook open in `core`: derived tables, rule findings and 说明 made by services
 * of its own, so nothing the core kept between edits (rows, sums, tables, rendered sentences) is reused.
 */
function fullCheck(core: Core, path: string): CheckFinding[] {
  return new ChecksService(new DerivedService(core.options.dataDir, core.tableSets), core.tableSets).findings(core.workbook(path));
}

describe('incremental checking after a budget edit equals a check from scratch', () => {
  const lineEdit = (path: string, rowId: string, col: string, text: string) => ({ path, change: { edits: [{ kind: 'setCells' as const, tableId: 'fact-lines', cells: [{ rowId, col, text }] }] } });

  it('seed 001: a total, a 功能 code (to another 项 and to one not in the list), a 三公 line and a figure the 说明 states', async () => {
    const core = temp.core();
    const path = await createSeed001Workbook(core);
    const lines = (await callOk(core, 'workbook.rows', { path, tableId: 'fact-lines' })).rows;
    const line = (econCode: string) => lines.find((r) => r.cells.econCode === econCode && !r.cells.project)!;
    let before = await callOk(core, 'checks.run', { path });
    expect(before).toEqual(fullCheck(core, path));
    const step = async (what: string, run: () => Promise<unknown>, changed: (kept: CheckFinding[]) => void) => {
      await run();
      const kept = await callOk(core, 'checks.run', { path });
      expect(kept, what).toEqual(fullCheck(core, path));
      changed(kept);
      before = kept;
    };
    const rules = (list: CheckFinding[]) => new Set(list.map((f) => f.rule));
    // 基本工资 up by 10 万元: every total moves, and income no longer covers spending (T1.balance).
    await step('a total', () => callOk(core, 'workbook.change', lineEdit(path, line('30101').id, 'amount', '121.6768')), (kept) => {
      expect(rules(before).has('T1.balance')).toBe(false);
      expect(kept.filter((f) => f.rule === 'T1.balance').map((f) => f.difference)).toEqual(['10.00 万元']);
    });
    // 办公费 booked under 2010302 一般行政管理事务: a new 项 row, the 类/款 sums follow.
    await step('a code to another 项', () => callOk(core, 'workbook.change', lineEdit(path, line('30201').id, 'funcCode', '2010302')), () => undefined);
    expect((await callOk(core, 'workbook.derived', { path, tableId: 'zczb' })).rows.map((r) => r.key)).toContain('2010302');
    // A 功能 code the year's list does not have: the tables show it without a name.
    await step('a code not in the list', () => callOk(core, 'workbook.change', lineEdit(path, line('30202').id, 'funcCode', '2010388')), (kept) => {
      expect(kept.some((f) => f.rule === 'data-problems' && f.message.includes('2010388'))).toBe(true);
    });
    // A line booked to the 款 2010 3 only: its 款 row no longer adds up from its 项 rows (hierarchy), and follows the line's amount.
    await step('a code cut short to its 款', () => callOk(core, 'workbook.change', lineEdit(path, line('30207').id, 'funcCode', '20103')), (kept) => {
      expect(kept.filter((f) => f.rule === 'hierarchy').map((f) => f.difference)).toContain('1.50 万元');
    });
    await step('the amount of that line', () => callOk(core, 'workbook.change', lineEdit(path, line('30207').id, 'amount', '2.5')), (kept) => {
      expect(kept.filter((f) => f.rule === 'hierarchy').map((f) => f.difference)).toContain('2.50 万元');
    });
    // A note still 待填写 on a line, then written: the placeholder finding comes and goes with it.
    await step('a placeholder typed into a line', () => callOk(core, 'workbook.change', lineEdit(path, line('30226').id, 'note', '待填写')), (kept) => {
      expect(kept.filter((f) => f.rule === 'placeholders').map((f) => f.actual)).toEqual(['待填写']);
    });
    await step('the placeholder written over', () => callOk(core, 'workbook.change', lineEdit(path, line('30226').id, 'note', '劳务费')), (kept) => {
      expect(kept.filter((f) => f.rule === 'placeholders')).toEqual([]);
    });
    // 公务接待费 5 → 7 万元: the 三公 table, its checks against the data and the 说明's 三公 paragraph.
    await step('a 三公 line', () => callOk(core, 'workbook.change', lineEdit(path, line('30217').id, 'amount', '7')), (kept) => expect(kept).not.toEqual(before));
    // The clerk's own sentence states 508.93 万元 of income; the income changes, the sentence is flagged; undo clears it.
    await step('a sentence the clerk wrote', () => callOk(core, 'narrative.setSentence', { path, key: 'overall/change#0', text: '（三）预算收支增减变化情况说明：2020 年度本单位年初预算数为 508.93 万元，比上年增加 0.17 万元，基本持平。' }), () => undefined);
    const amountFindings = (list: CheckFinding[]) => list.filter((f) => f.rule === 'text.amount' && f.sentence === 'overall/change#0').map((f) => [f.expected, f.actual]);
    expect(amountFindings(before)).toEqual([]);
    const income = (await callOk(core, 'workbook.rows', { path, tableId: 'fact-income' })).rows[0]!;
    await step('the figure the sentence states', () => callOk(core, 'workbook.change', { path, change: { edits: [{ kind: 'setCells', tableId: 'fact-income', cells: [{ rowId: income.id, col: 'amount', text: '510' }] }] } }), (kept) => {
      expect(amountFindings(kept)).toEqual([
        ['510 万元', '508.93 万元'],
        ['增加 1.24 万元', '增加 0.17 万元'],
      ]);
    });
    await step('undo', () => callOk(core, 'workbook.undo', { path }), (kept) => expect(amountFindings(kept)).toEqual([]));
    await step('redo', () => callOk(core, 'workbook.redo', { path }), (kept) => expect(amountFindings(kept)).toHaveLength(2));
  });

  it('the bench workbook (5,000 lines, 300 projects): line amounts and codes, a project line, one after another', async () => {
    const core = temp.core();
    const path = await benchWorkbook(core, 'checks-incremental');
    const lines = (await callOk(core, 'workbook.rows', { path, tableId: 'fact-lines' })).rows;
    await callOk(core, 'checks.run', { path });
    const projectLine = lines.find((r) => (r.cells.project ?? '') !== '')!;
    const edits = [
      lineEdit(path, lines[17]!.id, 'amount', '123.45'),
      lineEdit(path, lines[4711]!.id, 'amount', '0'),
      lineEdit(path, lines[17]!.id, 'funcCode', '2080501'),
      lineEdit(path, projectLine.id, 'amount', '9999.99'),
      lineEdit(path, lines[2500]!.id, 'econCode', '30217'),
    ];
    for (const edit of edits) {
      await callOk(core, 'workbook.change', edit);
      expect(await callOk(core, 'checks.run', { path })).toEqual(fullCheck(core, path));
    }
  }, 60_000);
});

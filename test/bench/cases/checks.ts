import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { Core } from '../../../electron/core/core.js';
import { CheckRunner, rulesFor } from '../../../shared/checks/engine.js';
import { PERF_TABLES } from '../../../shared/perf/binding.js';
import { callOk } from '../../helpers/core.js';
import { makeTempDir, removeTempDir } from '../../helpers/temp.js';
import { figure, type BenchFigure } from '../stats.js';
import { benchFacts, benchWorkbook } from './derive.js';

/**
 * 审核 of the 300-project workbook of the derive bench (5,000 lines, 10 units, 湖南 2020 set) with a
 * 绩效目标 table for each project (8 indicators each): every rule from scratch, then checks.run after
 * one budget edit and after one 绩效 edit, through Core.call as the renderer calls it.
 */

const RUNS = 100;
const WARMUP = 10;

const INDICATORS = [
  { level1: '产出指标', level2: '数量指标', name: '完成事项数', value: '≥12项' },
  { level1: '产出指标', level2: '质量指标', name: '验收合格率', value: '100%' },
  { level1: '产出指标', level2: '时效指标', name: '完成时间', value: '2020年12月31日前' },
  { level1: '产出指标', level2: '成本指标', name: '项目成本', value: '≤500万元' },
  { level1: '效益指标', level2: '社会效益指标', name: '群众办事时间缩短', value: '≥10%' },
  { level1: '效益指标', level2: '可持续影响指标', name: '制度持续运行年限', value: '≥3年' },
  { level1: '满意度指标', level2: '服务对象满意度指标', name: '服务对象满意度', value: '≥90%' },
  { level1: '满意度指标', level2: '服务对象满意度指标', name: '群众满意度', value: '≥85%' },
];

export async function benchChecks(): Promise<BenchFigure[]> {
  const { typed } = benchFacts();
  const dir = makeTempDir('budgetdesk-bench-checks-');
  const core = new Core({ dataDir: dir, host: 'test' });
  try {
    const perfProjects = typed['fact-projects']!.map((p, i) => ({ code: p.code!, name: p.name!, amount: p.amount ?? '500', goal: `完成${p.name}年度任务第${i + 1}项` }));
    const file = await benchWorkbook(core, 'bench-checks', [{ kind: 'insertRows', tableId: PERF_TABLES.projects, index: 0, rows: perfProjects }]);
    const ids = (await callOk(core, 'workbook.rows', { path: file, tableId: PERF_TABLES.projects })).rows.map((r) => r.id);
    // Each project's own indicators (names and the 数量 target differ), as real projects have.
    const indicators = ids.flatMap((owner, n) => INDICATORS.map((i, k) => ({ ...i, name: `${i.name}（${n + 1}）`, value: k === 0 ? `≥${n + 1}项` : i.value, owner })));
    await callOk(core, 'workbook.change', { path: file, change: { edits: [{ kind: 'insertRows', tableId: PERF_TABLES.indicators, index: 0, rows: indicators }] } });
    await callOk(core, 'checks.run', { path: file });

    const wb = core.workbook(file);
    const rules = rulesFor(core.tableSets.get('hunan-2020'));
    const full: number[] = [];
    for (let run = 0; run < WARMUP + 20; run++) {
      const start = performance.now();
      new CheckRunner(rules).run(core.checks.context(wb), { budget: run, perf: run, text: run });
      if (run >= WARMUP) full.push(performance.now() - start);
    }

    const lineIds = (await callOk(core, 'workbook.rows', { path: file, tableId: 'fact-lines' })).rows.map((r) => r.id);
    const indicatorRows = (await callOk(core, 'workbook.rows', { path: file, tableId: PERF_TABLES.indicators })).rows;
    const afterBudget: number[] = [];
    const afterPerf: number[] = [];
    for (let run = 0; run < WARMUP + RUNS; run++) {
      const rowId = lineIds[(run * 7919) % lineIds.length]!;
      await callOk(core, 'workbook.change', { path: file, change: { edits: [{ kind: 'setCells', tableId: 'fact-lines', cells: [{ rowId, col: 'amount', text: `${run}.25` }] }] } });
      let start = performance.now();
      await callOk(core, 'checks.run', { path: file });
      if (run >= WARMUP) afterBudget.push(performance.now() - start);
      const indicator = indicatorRows[(run * 131) % indicatorRows.length]!;
      await callOk(core, 'workbook.change', { path: file, change: { edits: [{ kind: 'setCells', tableId: PERF_TABLES.indicators, cells: [{ rowId: indicator.id, col: 'desc', text: `说明${run}` }] }] } });
      start = performance.now();
      await callOk(core, 'checks.run', { path: file });
      if (run >= WARMUP) afterPerf.push(performance.now() - start);
    }
    return [
      figure(`checks hunan-2020: every rule from scratch (${rules.length} rules, 5000 lines, 300 projects with 绩效 tables)`, full, 100),
      figure('checks hunan-2020: checks.run after a one-cell budget edit (derived tables and budget rules brought up to date)', afterBudget, 10),
      figure('checks hunan-2020: checks.run after a one-cell 绩效 edit (绩效 lint and text rules run again)', afterPerf, 10),
    ];
  } finally {
    core.closeAll();
    removeTempDir(dir);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const f of await benchChecks()) console.log(f);
}

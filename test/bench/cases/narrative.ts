import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { Core } from '../../../electron/core/core.js';
import { callOk } from '../../helpers/core.js';
import { makeTempDir, removeTempDir } from '../../helpers/temp.js';
import { figure, type BenchFigure } from '../stats.js';
import { benchWorkbook } from './derive.js';

/**
 * 说明 regeneration on the 300-project workbook of the derive bench (5,000 lines, 10 units, 湖南 2020 set):
 * after a one-cell budget edit (every figure and the 300-project list move) and after a sentence rewritten
 * by the clerk, narrative.get through Core.call as the 说明 page calls it.
 */

const RUNS = 100;
const WARMUP = 10;

export async function benchNarrative(): Promise<BenchFigure[]> {
  const dir = makeTempDir('budgetdesk-bench-narrative-');
  const core = new Core({ dataDir: dir, host: 'test' });
  try {
    const file = await benchWorkbook(core, 'bench-narrative');
    const first = await callOk(core, 'narrative.get', { path: file });
    const key = first!.sections.find((s) => s.key === 'fund')!.paragraphs[0]!.sentences[0]!.key;
    const lineIds = (await callOk(core, 'workbook.rows', { path: file, tableId: 'fact-lines' })).rows.map((r) => r.id);
    const afterBudget: number[] = [];
    const afterSentence: number[] = [];
    for (let run = 0; run < WARMUP + RUNS; run++) {
      const rowId = lineIds[(run * 7919) % lineIds.length]!;
      await callOk(core, 'workbook.change', { path: file, change: { edits: [{ kind: 'setCells', tableId: 'fact-lines', cells: [{ rowId, col: 'amount', text: `${run}.25` }] }] } });
      let start = performance.now();
      const v = await callOk(core, 'narrative.get', { path: file });
      if (run >= WARMUP) afterBudget.push(performance.now() - start);
      if (!v || v.sections.length === 0) throw new Error('说明 is empty');
      await callOk(core, 'narrative.setSentence', { path: file, key, text: `本部门政府性基金预算支出见附件15（第${run}稿）。` });
      start = performance.now();
      await callOk(core, 'narrative.get', { path: file });
      if (run >= WARMUP) afterSentence.push(performance.now() - start);
    }
    return [
      figure('narrative hunan-2020: narrative.get after a one-cell budget edit (300 projects listed, every figure regenerated)', afterBudget, 20),
      figure('narrative hunan-2020: narrative.get after a sentence rewritten by the clerk', afterSentence, 20),
    ];
  } finally {
    core.closeAll();
    removeTempDir(dir);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const f of await benchNarrative()) console.log(f);
}

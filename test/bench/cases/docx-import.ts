import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import mammoth from 'mammoth';
import { Core } from '../../../electron/core/core.js';
import { callOk } from '../../helpers/core.js';
import { makeTempDir, removeTempDir } from '../../helpers/temp.js';
import { figure, type BenchFigure } from '../stats.js';
import { PROJECTS, writeBenchDocx } from './docx-export.js';

/**
 * Import of the export bench's .docx (the 湖南 2020 set + 300 项目绩效目标表 × 12 indicators, written by our own
 * exporter): `import.preview` and `import.run` into a new 2021 workbook through the core, each timed in its own
 * process so its peak memory (maxRSS, Node and tsx included) is its own. Beside it mammoth's extractRawText on
 * the same file, the cheapest thing a general .docx reader does (text only, no tables rebuilt).
 */

const RUNS = 5;
const TARGET_MS = 1500;
const TARGET_MB = 500;

type Step = 'preview' | 'run' | 'mammoth';
const STEPS = ['preview', 'run', 'mammoth'] as const;

interface ChildReport {
  times: number[];
  /** CPU time (user + system) of each run: on a loaded machine it says what the wall-clock times cannot. */
  cpu: number[];
  maxRssMb: number;
  /** What was read, so a run that silently read nothing cannot pass: tables recognised, or characters of text. */
  size: number;
}

async function child(step: Step, file: string, runs: number): Promise<void> {
  const dataDir = makeTempDir('budgetdesk-bench-import-');
  try {
    const core = new Core({ dataDir, host: 'test' });
    const target = (i: number): string => path.join(dataDir, `导入${i}.bdwb`);
    const times: number[] = [];
    const cpu: number[] = [];
    let size = 0;
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      const cpuStart = process.cpuUsage();
      if (step === 'preview') size = (await callOk(core, 'import.preview', { path: file })).tables.length;
      else if (step === 'run') {
        const result = await callOk(core, 'import.run', { source: file, year: 2021, out: target(i) });
        size = result.report?.tables.length ?? 0;
      } else size = (await mammoth.extractRawText({ buffer: readFileSync(file) })).value.length;
      times.push(performance.now() - start);
      const used = process.cpuUsage(cpuStart);
      cpu.push((used.user + used.system) / 1000);
      if (step === 'run') core.closeWorkbook(target(i));
    }
    const report: ChildReport = { times, cpu, maxRssMb: process.resourceUsage().maxRSS / 1024, size };
    process.stdout.write(`\n${JSON.stringify(report)}\n`);
  } finally {
    removeTempDir(dataDir);
  }
}

function measure(step: Step, file: string, runs: number): ChildReport {
  const out = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), step, file, String(runs)], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  const last = out.stdout.trim().split('\n').at(-1) ?? '';
  if (out.status !== 0 || !last.startsWith('{')) throw new Error(`import bench (${step}) failed: ${out.stderr.slice(-2000)}`);
  return JSON.parse(last) as ChildReport;
}

/** Preview and run (a warm-up + RUNS timed runs each), one-shot runs for peak memory, and mammoth on the same file. */
export async function benchDocxImport(): Promise<BenchFigure[]> {
  const dir = makeTempDir('budgetdesk-bench-import-src-');
  try {
    const file = path.join(dir, '上年预算.docx');
    const bytes = await writeBenchDocx();
    writeFileSync(file, bytes);
    const preview = measure('preview', file, RUNS + 1);
    const run = measure('run', file, RUNS + 1);
    // Peak memory of one import, as the export bench measures it: over several runs the lazy collector keeps
    // earlier runs' garbage and the peak says more about V8 than about the importer.
    const previewOnce = measure('preview', file, 1);
    const runOnce = measure('run', file, 1);
    const reader = measure('mammoth', file, RUNS + 1);
    const mammothFig = figure('mammoth', reader.times.slice(1), TARGET_MS);
    const what = `.docx with ${PROJECTS} project tables (湖南2020 set + ${PROJECTS} × 12 indicators, ${(bytes.length / 1024).toFixed(0)} KB)`;
    const cpuMs = (r: ChildReport): number => figure('cpu', r.cpu.slice(1), TARGET_MS).medianMs;
    const cpuMedian = (r: ChildReport): string => `${(cpuMs(r) / 1000).toFixed(2)} s`;
    const note = (once: ChildReport, many: ChildReport, fig: BenchFigure, read: string): string =>
      `${read}; CPU time median ${cpuMedian(many)}; peak RSS ${once.maxRssMb.toFixed(0)} MB for one, ${many.maxRssMb.toFixed(0)} MB over ${RUNS + 1} (target < ${TARGET_MB} MB); ` +
      `mammoth.extractRawText on the same file: median ${(mammothFig.medianMs / 1000).toFixed(2)} s (CPU ${cpuMedian(reader)}), peak RSS ${reader.maxRssMb.toFixed(0)} MB → ` +
      `import takes ${(fig.medianMs / mammothFig.medianMs).toFixed(2)}× mammoth's time (CPU time ${(cpuMs(many) / cpuMs(reader)).toFixed(2)}×)`;
    const previewFig = figure(`import.preview, ${what}`, preview.times.slice(1), TARGET_MS);
    const runFig = figure(`import.run into a new 2021 workbook, same file`, run.times.slice(1), TARGET_MS);
    return [
      { ...previewFig, met: previewOnce.maxRssMb < TARGET_MB && preview.maxRssMb < TARGET_MB, note: note(previewOnce, preview, previewFig, `${preview.size} tables recognised`) },
      { ...runFig, met: runOnce.maxRssMb < TARGET_MB && run.maxRssMb < TARGET_MB, note: note(runOnce, run, runFig, `${run.size} tables in the report`) },
    ];
  } finally {
    removeTempDir(dir);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [step, file, runs] = process.argv.slice(2);
  if ((STEPS as readonly string[]).includes(step ?? '') && file) await child(step as Step, file, Number(runs) || 1);
  else console.log(await benchDocxImport());
}

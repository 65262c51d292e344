import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Core } from '../../../electron/core/core.js';
import { DeriveEngine, FactBase, type ModelRows } from '../../../shared/derive/index.js';
import { builtinCodeList } from '../../../shared/reference/builtin.js';
import { TableSetRegistry } from '../../../shared/tables/registry.js';
import type { Edit } from '../../../shared/api/contract.js';
import type { GridRow, RowCells, WorkbookMeta } from '../../../shared/workbook/types.js';
import { callOk } from '../../helpers/core.js';
import { makeTempDir, removeTempDir } from '../../helpers/temp.js';
import { figure, type BenchFigure } from '../stats.js';

/**
 * Recomputing the derived tables after one edit, for a large department: 5,000 expenditure lines
 * and 300 projects over 10 预算单位. Times the pure engine (what the renderer or the core does after
 * an edit) and the same through Core.call, which also reads the changed rows back from SQLite.
 */

const LINES = 5000;
const PROJECTS = 300;
const UNITS = 10;
const RUNS = 200;
const WARMUP = 20;
const TARGET_MS = 20;


/** Deterministic pseudo-random numbers, so every run times the same workbook. */
function randomSource(seed: number): (n: number) => number {
  let s = seed;
  return (n) => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s % n;
  };
}

/** Cell texts as a clerk types them (万元, enum labels), and the same rows as stored (元, enum values). */
export function benchFacts(): { typed: Record<string, Record<string, string>[]>; meta: Omit<WorkbookMeta, 'tableSetId'> } {
  const rand = randomSource(20200101);
  const funcs = builtinCodeList('function', 2020)!.entries.filter((e) => e.code.length === 7 && /^(201|205|207|208|210|212|213|221)/.test(e.code)).map((e) => e.code);
  const econs = builtinCodeList('econDept', 2020)!.entries.filter((e) => e.code.length === 5 && /^(301|302|303|310)/.test(e.code)).map((e) => e.code);
  const sources = ['经费拨款', '经费拨款', '经费拨款', '经费拨款', '经费拨款', '经费拨款', '行政事业性收费收入', '政府性基金预算拨款', '纳入专户管理的非税收入拨款', '事业收入'];
  const units = Array.from({ length: UNITS }, (_, i) => ({
    code: String(101 + i),
    name: i === 0 ? '基准测试局' : `基准测试局下属单位${i}`,
    kind: i === 0 ? '本级' : '下属单位',
    unitType: i === 0 ? '行政单位' : '事业单位',
  }));
  // Each unit spends under a handful of 功能 项, as real units do.
  const unitFuncs = units.map(() => Array.from({ length: 8 }, () => funcs[rand(funcs.length)]!));
  const amount = () => `${rand(200)}.${String(rand(10000)).padStart(4, '0')}`;
  const projects = Array.from({ length: PROJECTS }, (_, i) => {
    const unit = i % UNITS;
    const row: Record<string, string> = {
      unit: units[unit]!.code,
      code: `XM${String(i + 1).padStart(4, '0')}`,
      name: `基准项目${i + 1}`,
      category: `项目类别${(i % 8) + 1}`,
      funcCode: unitFuncs[unit]![rand(8)]!,
      econCode: econs.filter((e) => e.startsWith('302'))[rand(20)]!,
      fundSource: sources[rand(sources.length)]!,
    };
    // A third of the projects have no amount of their own: they are the sum of their lines.
    if (i % 3 !== 0) row.amount = `${500 + rand(500)}`;
    return row;
  });
  const lines = Array.from({ length: LINES }, (_, i) => {
    const unit = i % UNITS;
    const row: Record<string, string> = { funcCode: unitFuncs[unit]![rand(8)]!, econCode: econs[rand(econs.length)]!, fundSource: sources[rand(sources.length)]!, amount: amount() };
    if (unit !== 0) row.unit = units[unit]!.code;
    if (i % 5 === 0) {
      const p = projects[rand(PROJECTS)]!;
      row.project = p.code!;
      row.unit = p.unit!;
      row.nature = '项目支出';
      row.econCode = econs.filter((e) => e.startsWith('302'))[rand(20)]!;
    }
    return row;
  });
  const income = units.map((u) => ({ unit: u.code, fundSource: '经费拨款', amount: '5000' }));
  return {
    typed: { 'fact-units': units, 'fact-income': income, 'fact-projects': projects, 'fact-lines': lines },
    meta: { deptName: '基准测试局', year: 2020, unitCode: '', moneyUnit: '万元', scope: '汇总（含下属单位）' },
  };
}

const labelToValue: Record<string, string> = {
  本级: 'self',
  下属单位: 'subordinate',
  行政单位: 'admin',
  事业单位: 'institution',
  经费拨款: 'general.appropriation',
  行政事业性收费收入: 'general.nonTax.fee',
  政府性基金预算拨款: 'fund',
  纳入专户管理的非税收入拨款: 'specialAccount',
  事业收入: 'business',
  项目支出: 'project',
};

/** The typed rows as the workbook stores them (money in 元), for the engine-only figure. */
function storedRows(typed: Record<string, Record<string, string>[]>): ModelRows {
  const model: Record<string, GridRow[]> = {};
  let id = 0;
  for (const [table, rows] of Object.entries(typed)) {
    model[table] = rows.map((r) => {
      const cells: RowCells = {};
      for (const [k, v] of Object.entries(r)) {
        if (k === 'amount') cells[k] = String(Math.round(Number(v) * 10000));
        else cells[k] = labelToValue[v] ?? v;
      }
      return { id: `r${++id}`, cells };
    });
  }
  return model;
}

/** One edit = one line's amount changed; every derived table of the set is then rendered. */
function engineFigures(registry: TableSetRegistry, setId: string, typed: Record<string, Record<string, string>[]>, meta: Omit<WorkbookMeta, 'tableSetId'>): BenchFigure[] {
  const set = registry.get(setId)!;
  const model = storedRows(typed) as Record<string, GridRow[]>;
  const lists = { function: builtinCodeList('function', 2020)!, econDept: builtinCodeList('econDept', 2020)!, econGov: builtinCodeList('econGov', 2020)! };
  const coldStart = performance.now();
  const base = new FactBase(meta.year);
  base.update(model);
  const engine = new DeriveEngine(set.tables, base, { meta: { ...meta, tableSetId: setId }, lists });
  engine.sync({ removed: [], added: [] }, model);
  const ids = engine
    .list()
    .filter((t) => t.kind === 'derived')
    .map((t) => t.def.id);
  for (const id of ids) engine.table(id);
  const coldMs = performance.now() - coldStart;
  const lines = model['fact-lines']!;
  const times: number[] = [];
  for (let run = 0; run < WARMUP + RUNS; run++) {
    const at = (run * 7919) % lines.length;
    const old = lines[at]!;
    // The rows array is replaced as a store read would: a new array, one new row object.
    model['fact-lines'] = lines.map((r, i) => (i === at ? { id: old.id, cells: { ...old.cells, amount: String(1000 + run * 37) } } : r));
    lines.splice(0, lines.length, ...model['fact-lines']);
    const start = performance.now();
    engine.sync(base.update(model), model);
    for (const id of ids) engine.table(id);
    if (run >= WARMUP) times.push(performance.now() - start);
  }
  return [
    figure(`derive ${setId}: all ${ids.length} derived tables after one edit, engine (${LINES} lines, ${PROJECTS} projects)`, times, TARGET_MS),
    figure(`derive ${setId}: first build of all ${ids.length} tables (informational)`, [coldMs], 1000),
  ];
}

/** The bench department as one workbook (湖南 2020 set) in `core`'s library, entered as one change; `extra` adds more edits. */
export async function benchWorkbook(core: Core, fileName: string, extra: Edit[] = []): Promise<string> {
  const { typed, meta } = benchFacts();
  const state = await callOk(core, 'library.create', { meta: { ...meta, tableSetId: 'hunan-2020' }, fileName });
  const edits: Edit[] = ['fact-units', 'fact-income', 'fact-projects', 'fact-lines'].map((tableId) => ({ kind: 'insertRows' as const, tableId, index: 0, rows: typed[tableId]! }));
  await callOk(core, 'workbook.change', { path: state.path, change: { label: '基准数据', edits: [...edits, ...extra] } });
  return state.path;
}

/** The same through the API: workbook.change of one cell (or an undo), then workbook.derived for every derived table. */
async function coreFigures(): Promise<BenchFigure[]> {
  const dir = makeTempDir('budgetdesk-bench-derive-');
  const core = new Core({ dataDir: dir, host: 'test' });
  try {
    const file = await benchWorkbook(core, 'bench-derive');
    const overview = await callOk(core, 'workbook.tables', { path: file });
    const ids = overview.tables.filter((t) => t.kind === 'derived').map((t) => t.id);
    const rowIds = (await callOk(core, 'workbook.rows', { path: file, tableId: 'fact-lines' })).rows.map((r) => r.id);
    const all = async (): Promise<number> => {
      const start = performance.now();
      for (const tableId of ids) await callOk(core, 'workbook.derived', { path: file, tableId });
      return performance.now() - start;
    };
    const edited: number[] = [];
    const undone: number[] = [];
    for (let run = 0; run < WARMUP + RUNS; run++) {
      const rowId = rowIds[(run * 7919) % rowIds.length]!;
      await callOk(core, 'workbook.change', { path: file, change: { edits: [{ kind: 'setCells', tableId: 'fact-lines', cells: [{ rowId, col: 'amount', text: `${run}.25` }] }] } });
      const ms = await all();
      if (run >= WARMUP) edited.push(ms);
      // Undo does not say which rows it touched, so the whole fact-lines store is read again.
      await callOk(core, 'workbook.undo', { path: file });
      const undoMs = await all();
      if (run >= WARMUP) undone.push(undoMs);
      await callOk(core, 'workbook.redo', { path: file });
      await all();
    }
    return [
      figure(`derive hunan-2020: all ${ids.length} tables after a one-cell edit, via Core.call (workbook.change, then workbook.derived × ${ids.length})`, edited, TARGET_MS),
      figure(`derive hunan-2020: all ${ids.length} tables after undo, via Core.call (re-reads all ${LINES} lines from SQLite)`, undone, TARGET_MS),
    ];
  } finally {
    core.closeAll();
    removeTempDir(dir);
  }
}

/** The built-in sets, and the Shanghai set files as a data folder would hold them. */
function benchRegistry(): TableSetRegistry {
  const dir = fileURLToPath(new URL('../../../tablesets/shanghai/', import.meta.url));
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  return new TableSetRegistry(files.map((f) => ({ doc: JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as unknown, file: f })));
}

export async function benchDerive(): Promise<BenchFigure[]> {
  const { typed, meta } = benchFacts();
  const registry = benchRegistry();
  return [
    ...engineFigures(registry, 'hunan-2020', typed, meta),
    ...engineFigures(registry, 'national-9', typed, meta),
    ...engineFigures(registry, 'shanghai-district-2025', typed, meta),
    ...engineFigures(registry, 'shanghai-district-unit-2024', typed, meta),
    ...(await coreFigures()),
  ];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const f of await benchDerive()) console.log(f);
}

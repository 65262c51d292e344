import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core.js';
import { Dec } from '../../shared/money/decimal.js';
import type { GridRow } from '../../shared/workbook/types.js';
import { callErr, callOk } from '../helpers/core.js';
import { useTempDirs } from '../helpers/hooks.js';
import { createSeed001Workbook, seed001Facts } from '../fixtures/seed001/load.js';

/**
 * Import of a workbook (.bdwb) and of its interchange JSON (written by workbook.exportJson): the preview
 * describes what the file holds, and import.run brings it into the next year by the rules a .docx follows
 * (amounts → 上年预算数, 绩效 texts to the new year, 实施期 and 文号 kept, 绩效 amounts cleared) or into an open
 * workbook of the same set, conflicts reported before anything is replaced. Seed 001's figures (facts.json,
 * typed from the seed text) are the expected values; the 绩效 project is typed here in the seed's style.
 */

const temp = useTempDirs('budgetdesk-import-wb-');
const wan = (text: string): string => new Dec(text).times(10000).toFixed();
const rows = async (core: Core, wb: string, tableId: string): Promise<GridRow[]> => (await callOk(core, 'workbook.rows', { path: wb, tableId })).rows;
const sum = (list: GridRow[], col: string): string => list.reduce((s, r) => s.plus(r.cells[col] ?? '0'), new Dec(0)).toFixed();

const DUTIES = '根据《株洲市石峰区人民政府办公室职能配置、内设机构和人员编制规定》（株石办发〔2019〕39号），本部门主要职责是：协助区政府领导组织起草2020年度工作报告。';

/** Seed 001's workbook with one 绩效 project (two indicators) and the 职能职责 section written. */
async function sourceWorkbook(core: Core): Promise<string> {
  const wb = await createSeed001Workbook(core);
  const project = { name: '政务信息化运行维护经费', amount: '12', purpose: '保障2020年政务网络和电子公文系统正常运行', period: '2019年-2021年', goal: '2020年完成全区电子公文系统升级' };
  const done = await callOk(core, 'workbook.change', { path: wb, change: { label: '绩效项目', edits: [{ kind: 'insertRows', tableId: 'perf-projects', index: 0, rows: [project] }] } });
  const owner = done.insertedRowIds[0]!;
  const indicators: Record<string, string>[] = [
    { owner, level1: '产出指标', level2: '数量指标', name: '2020年系统运行天数', op: '≥', value: '365', unit: '天' },
    { owner, level1: '效益指标', level2: '社会效益指标', name: '公文办理时效', op: '定性', value: '提高' },
  ];
  await callOk(core, 'workbook.change', { path: wb, change: { label: '绩效指标', edits: [{ kind: 'insertRows', tableId: 'perf-indicators', index: 0, rows: indicators }] } });
  await callOk(core, 'narrative.setSection', { path: wb, section: 'duties', text: DUTIES });
  // 部门基本情况: an amount of the year before (上年公务接待费), one of the file's year (政府采购：服务), a count.
  const info = [
    { rowId: 'info-threePublicPrevReception', col: 'amount', text: '0.5' },
    { rowId: 'info-procServices', col: 'amount', text: '3' },
    { rowId: 'info-vehicles', col: 'count', text: '2' },
  ];
  await callOk(core, 'workbook.change', { path: wb, change: { label: '基本情况', edits: [{ kind: 'setCells', tableId: 'fact-info', cells: info }] } });
  return wb;
}

describe('import.preview of a workbook and of its JSON', () => {
  it('describes department, year, set, tables with row counts, projects, indicators and 说明 sections', async () => {
    const core = temp.core();
    const wb = await sourceWorkbook(core);
    const json = path.join(temp.make(), '2020.json');
    await callOk(core, 'workbook.exportJson', { path: wb, out: json });
    const facts = seed001Facts();
    for (const [file, kind] of [
      [wb, 'bdwb'],
      [json, 'json'],
    ] as const) {
      const p = await callOk(core, 'import.preview', { path: file });
      expect([p.kind, p.deptName, p.fileYear, p.set?.id]).toEqual([kind, facts.meta.deptName, 2020, 'hunan-2020']);
      const count = (id: string) => p.tables.find((t) => t.tableId === id)?.rows;
      expect([count('fact-income'), count('fact-lines'), count('fact-projects')]).toEqual([
        facts.tables['fact-income']!.length,
        facts.tables['fact-lines']!.length,
        facts.tables['fact-projects']!.length,
      ]);
      expect(p.performance).toMatchObject({ projects: [{ name: '政务信息化运行维护经费', indicators: 2 }], indicators: 2 });
      expect(p.narrative).toEqual([{ heading: '部门职能职责', paragraphs: 1, chars: DUTIES.length }]);
      expect([p.unrecognised, p.read === p.cells, p.cells > 0]).toEqual([[], true, true]);
    }
    // Looking wrote nothing: the library holds the source alone.
    expect((await callOk(core, 'library.list', {})).workbooks).toHaveLength(1);
  });
});

describe('import.run of a workbook and of its JSON', () => {
  it.each(['bdwb', 'json'] as const)('a .%s into 2021: amounts become 上年预算数, 绩效 moves to the new year, 说明 kept', async (kind) => {
    const core = temp.core();
    const wb = await sourceWorkbook(core);
    let source = wb;
    if (kind === 'json') {
      source = path.join(temp.make(), '2020.json');
      await callOk(core, 'workbook.exportJson', { path: wb, out: source });
    }
    const out = path.join(temp.make(), '2021.bdwb');
    const result = await callOk(core, 'import.run', { source, year: 2021, out });
    expect(result).toMatchObject({ path: out, written: true, conflicts: [] });
    expect([result.report!.fileYear, result.report!.year, result.report!.shifted, result.report!.counts.perfProjects, result.report!.counts.indicators]).toEqual([2020, 2021, true, 1, 2]);

    const state = await callOk(core, 'workbook.open', { path: out });
    expect(state.meta).toMatchObject({ year: 2021, tableSetId: 'hunan-2020', deptName: seed001Facts().meta.deptName });
    // Seed 001 附件1: 收入总计 508.93 万元 (508.9253 in the seed's detail) is 2021's 上年预算数; 2021's own is empty.
    const income = await rows(core, out, 'fact-income');
    expect(sum(income, 'prevAmount')).toBe(wan('508.9253'));
    // Every budget line and project carries its 2020 amount as 上年预算数, row by row.
    for (const id of ['fact-lines', 'fact-projects']) {
      const moved = await rows(core, out, id);
      expect(moved.map((r) => r.cells.prevAmount)).toEqual((await rows(core, wb, id)).map((r) => r.cells.amount));
      for (const r of moved) expect(r.cells.amount).toBeUndefined();
    }
    for (const r of income) expect(r.cells.amount).toBeUndefined();

    // 绩效: years of the budget year move on, the 实施期 does not, last year's amount is cleared.
    const [project] = await rows(core, out, 'perf-projects');
    expect(project!.cells).toMatchObject({ name: '政务信息化运行维护经费', purpose: '保障2021年政务网络和电子公文系统正常运行', period: '2019年-2021年', goal: '2021年完成全区电子公文系统升级' });
    expect(project!.cells.amount).toBeUndefined();
    const indicators = await rows(core, out, 'perf-indicators');
    expect(indicators.map((r) => [r.cells.owner, r.cells.name, r.cells.value])).toEqual([
      [project!.id, '2021年系统运行天数', '365'],
      [project!.id, '公文办理时效', '提高'],
    ]);
    // 部门基本情况: the 上年 figures are 2020's, not the file's own 2019 ones (0.5): seed 001 says "2020 年“三公”经费预算数
    // 5.34 万元，其中：公务接待费 5.34 万元、公务用车购置费 0 万元，公务用车运行费 0 万元、因公出国（境）费 0 万元" and
    // "机关运行经费…共安排 69.04 万元"; the 2020 procurement amount is not 2021's; the count carries over.
    const info = new Map((await rows(core, out, 'fact-info')).map((r) => [r.id, r.cells]));
    expect([info.get('info-threePublicPrevReception')?.amount, info.get('info-threePublicPrevAbroad')?.amount, info.get('info-threePublicPrevVehicle')?.amount]).toEqual([wan('5.34'), '0', '0']);
    expect([info.get('info-procServices')?.amount, info.get('info-vehicles')?.count]).toEqual([undefined, '2']);
    // 机关运行经费 is the 公用经费 total of the fixture's 一般公共预算基本支出表 (the seed's detail gives 69.036 万元,
    // printed 69.04).
    expect(new Dec(info.get('info-operatingPrev')!.amount!).div(10000).toDecimalPlaces(2).toFixed(2)).toBe('69.04');
    // The report says where each came from.
    const report = await rows(core, out, 'import-report');
    expect(report.filter((r) => r.cells.kind === '数据' && (r.cells.target ?? '').startsWith('部门基本情况 › 上年')).map((r) => r.cells.target)).toEqual(
      expect.arrayContaining(['部门基本情况 › 上年公务接待费预算数', '部门基本情况 › 上年机关运行经费预算数']),
    );
    // 说明 as written, its citation (〔2019〕39号) untouched.
    const narrative = await callOk(core, 'narrative.get', { path: out });
    expect(narrative!.sections.find((s) => s.title === '部门职能职责')!.paragraphs.flatMap((p) => p.sentences.map((x) => x.text)).join('')).toContain(DUTIES);
    // The report is kept with the workbook.
    expect((await rows(core, out, 'import-report')).some((r) => r.cells.kind === '年份' && r.cells.note === '2020 → 2021')).toBe(true);
  });

  it('the same year into a new workbook moves the workbook as it is', async () => {
    const core = temp.core();
    const wb = await sourceWorkbook(core);
    const json = path.join(temp.make(), '2020.json');
    await callOk(core, 'workbook.exportJson', { path: wb, out: json });
    const out = path.join(temp.make(), 'copy.bdwb');
    const result = await callOk(core, 'import.run', { source: json, out });
    expect([result.written, result.report]).toEqual([true, null]);
    for (const id of ['fact-income', 'fact-lines', 'fact-projects', 'perf-projects', 'perf-indicators', 'narrative-text', 'import-report']) {
      expect((await rows(core, out, id)).map((r) => r.cells)).toEqual((await rows(core, wb, id)).map((r) => r.cells));
    }
    expect(sum(await rows(core, out, 'fact-income'), 'amount')).toBe(wan('508.9253'));
  });

  it('into an open workbook of the same set: added with its indicators; a second import reports conflicts before replacing anything', async () => {
    const core = temp.core();
    const wb = await sourceWorkbook(core);
    const file = path.join(temp.make(), '上年.bdwb');
    core.closeAll();
    copyFileSync(wb, file);
    const target = (await callOk(core, 'library.create', { meta: { ...seed001Facts().meta, year: 2021 }, fileName: 'into-2021' })).path;
    const first = await callOk(core, 'import.run', { source: file, into: target });
    expect([first.written, first.conflicts, first.report!.shifted]).toEqual([true, [], true]);
    expect(sum(await rows(core, target, 'fact-income'), 'prevAmount')).toBe(wan('508.9253'));
    const [project] = await rows(core, target, 'perf-projects');
    expect((await rows(core, target, 'perf-indicators')).filter((r) => r.cells.owner === project!.id)).toHaveLength(2);

    const again = await callOk(core, 'import.run', { source: file, into: target });
    expect(again.written).toBe(false);
    expect(again.conflicts.length).toBeGreaterThan(0);
    expect(again.conflicts.join('；')).toMatch(/已有 \d+ 行/);
    // Nothing was written by the refused import.
    expect(await rows(core, target, 'perf-projects')).toHaveLength(1);
    const replaced = await callOk(core, 'import.run', { source: file, into: target, replace: true });
    expect(replaced.written).toBe(true);
    expect(await rows(core, target, 'perf-projects')).toHaveLength(1);
    expect(await rows(core, target, 'perf-indicators')).toHaveLength(2);
    expect(sum(await rows(core, target, 'fact-income'), 'prevAmount')).toBe(wan('508.9253'));
  });

  it('refuses a workbook into itself, into another set, and into an earlier year, in Chinese, writing nothing', async () => {
    const core = temp.core();
    const wb = await sourceWorkbook(core);
    expect((await callErr(core, 'import.run', { source: wb, into: wb }, 'VALIDATION')).message).toMatch(/导入到它自己/);
    const other = (await callOk(core, 'library.create', { meta: { deptName: '别的部门', year: 2021, tableSetId: 'national-9' } })).path;
    expect((await callErr(core, 'import.run', { source: wb, into: other }, 'VALIDATION')).message).toMatch(/表格套.*不同/);
    expect(await rows(core, other, 'fact-income')).toEqual([]);
    const out = path.join(temp.make(), '2019.bdwb');
    expect((await callErr(core, 'import.run', { source: wb, year: 2019, out }, 'VALIDATION')).message).toMatch(/不能导入为更早的 2019 年/);
  });
});

import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core.js';
import { Dec } from '../../shared/money/decimal.js';
import type { GridRow } from '../../shared/workbook/types.js';
import { callErr, callOk } from '../helpers/core.js';
import { useTempDirs } from '../helpers/hooks.js';
import { loadSeed, type SeedId } from '../fixtures/perf/load.js';
import { SEED_000_ROWS } from '../helpers/seed000.js';
import { shiftYears } from '../../shared/import/years.js';
import { createSeed001Workbook, printed, seed001Expected, seed001Facts } from '../fixtures/seed001/load.js';

/**
 * `import.run`: a published .docx/.xlsx back into a workbook. The round trip exports each seed workbook with
 * the app's own exporters and imports the file into the next year; seed 001's facts (facts.json, typed from
 * the seed text) must come back as 上年预算数, and imported as the same year they must print the seed's 17
 * tables exactly as published (expected/*.json, transcribed from the seed).
 */

const temp = useTempDirs('budgetdesk-import-');
const FORMATS = ['docx', 'xlsx'] as const;

async function exported(core: Core, wb: string, format: 'docx' | 'xlsx'): Promise<string> {
  const out = path.join(temp.make(), `上年预算.${format}`);
  await callOk(core, 'print.export', { path: wb, format, out });
  return out;
}

const rows = async (core: Core, wb: string, tableId: string): Promise<GridRow[]> => (await callOk(core, 'workbook.rows', { path: wb, tableId })).rows;

/** Amounts in 元 summed by a key; the seed's 4-decimal 万元 figures print at 2, so 100 元 is one printed digit. */
function sums(list: Record<string, string>[], key: (r: Record<string, string>) => string | null, col: string): Map<string, Dec> {
  const out = new Map<string, Dec>();
  for (const r of list) {
    const k = key(r);
    if (k === null || r[col] === undefined) continue;
    out.set(k, (out.get(k) ?? new Dec(0)).plus(r[col]!));
  }
  return out;
}

function expectClose(got: Map<string, Dec>, want: Map<string, Dec>): void {
  expect([...got.keys()].sort()).toEqual([...want.keys()].sort());
  for (const [k, v] of want) expect([k, got.get(k)!.minus(v).abs().lt(100)]).toEqual([k, true]);
}

const wan = (text: string): string => new Dec(text).times(10000).toFixed();

describe('import.run: seed 001 round trip into the next year', () => {
  it.each(FORMATS)('exported as .%s and imported into 2021, gives the 2020 facts back as 上年预算数 and this year empty', async (format) => {
    const core = temp.core();
    const source = await createSeed001Workbook(core);
    const file = await exported(core, source, format);
    const out = path.join(temp.make(), '2021.bdwb');
    const result = await callOk(core, 'import.run', { source: file, year: 2021, out });
    expect(result).toMatchObject({ path: out, written: true, conflicts: [] });
    const report = result.report!;
    expect([report.setId, report.fileYear, report.year, report.shifted]).toEqual(['hunan-2020', 2020, 2021, true]);
    // Nothing the file holds is left unrecognised, and every published figure is reproduced by the facts.
    expect(report.entries.filter((e) => e.kind === '未识别' || e.kind === '未还原')).toEqual([]);
    expect(report.tables.filter((t) => t.cells > 0).every((t) => t.read === t.cells)).toBe(true);

    const facts = seed001Facts();
    const state = await callOk(core, 'workbook.open', { path: out });
    expect(state.meta).toMatchObject({ deptName: facts.meta.deptName, year: 2021, tableSetId: 'hunan-2020', moneyUnit: '万元' });
    const lines = (await rows(core, out, 'fact-lines')).map((r) => r.cells);
    const projects = (await rows(core, out, 'fact-projects')).map((r) => r.cells);
    const income = (await rows(core, out, 'fact-income')).map((r) => r.cells);
    // This year's amounts start empty.
    for (const r of [...lines, ...projects, ...income]) expect(r.amount).toBeUndefined();

    // Basic lines: 项 × 款 × 资金来源 × 人员/公用, as the seed's 附件5–7 and 11–14 and 17 publish them.
    const labels: Record<string, string> = { 经费拨款: 'general.appropriation', 人员经费: 'basic.personnel', 公用经费: 'basic.public' };
    const seedLines = facts.tables['fact-lines']!.map((r) => ({ ...r, fundSource: labels[r.fundSource!]!, nature: labels[r.nature!] ?? 'project', amount: wan(r.amount!) }));
    const basicKey = (r: Record<string, string>) => (r.nature!.startsWith('basic') ? `${r.funcCode}|${r.econCode}|${r.fundSource}|${r.nature}` : null);
    expectClose(sums(lines, basicKey, 'prevAmount'), sums(seedLines, basicKey, 'amount'));
    // Income by source.
    expectClose(sums(income, (r) => r.fundSource!, 'prevAmount'), new Map([['general.appropriation', new Dec(wan('508.9253'))]]));
    // Projects: the tables publish them by 类别 (附件8) and 功能科目 (附件11); the split of 会议费/公务接待费 that
    // only 附件9 shows comes back as lines of the project.
    const seedProjects = facts.tables['fact-projects']!.map((r) => ({ ...r, amount: wan(r.amount!) }));
    expectClose(sums(projects, (r) => `${r.category}|${r.funcCode}`, 'prevAmount'), sums(seedProjects, (r) => `${r.category}|${r.funcCode}`, 'amount'));
    const roleLines = (r: Record<string, string>) => (r.nature === 'project' ? r.econCode! : null);
    expectClose(sums(lines, roleLines, 'prevAmount'), new Map([['30215', new Dec(wan('8.7'))], ['30217', new Dec(wan('0.34'))]]));
    // 三公 of 2020 (附件9: 公务接待费 5.34) is next year's 上年 figure for 同比.
    const info = new Map((await rows(core, out, 'fact-info')).map((r) => [r.id, r.cells]));
    expect([info.get('info-threePublicPrevReception')?.amount, info.get('info-threePublicPrevAbroad')?.amount]).toEqual([wan('5.34'), '0']);
    // 机关运行经费 of 2020 as printed (seed: "共安排 69.04 万元", the 公用经费 合计 of 一般公共预算基本支出表).
    expect(info.get('info-operatingPrev')?.amount).toBe(wan('69.04'));
    expect(report.entries.filter((e) => e.target === '部门基本情况 › 上年机关运行经费预算数').map((e) => e.note)).toEqual(['文件 2020 年的数字，作为 2021 年的上年数']);
    // 部门基本情况 as the exported 说明 words it (二、机构设置; 七（三）国有资产占有情况: "办公及业务用房 210 平方米；车辆 0 辆…";
    // 七（六）会议费、培训费 with what they cover; the .xlsx has no 说明): the fixture's, typed from the seed.
    const typedInfo = (rowId: string) => Object.fromEntries(facts.info.filter((c) => c.rowId === rowId && c.col !== 'amount').map((c) => [c.col, c.text]));
    const fromText = ['info-staffQuota', 'info-staffActual', 'info-orgCount', 'info-assetDate', 'info-buildingArea', 'info-vehicles', 'info-officialVehicles', 'info-largeEquipment', 'info-buyVehicles', 'info-buyEquipment', 'info-meetingNote', 'info-trainingNote'];
    for (const rowId of fromText) {
      const { amount: _amount, ...read } = info.get(rowId) ?? {};
      expect([rowId, read]).toEqual([rowId, format === 'docx' ? typedInfo(rowId) : {}]);
    }
    // The 2021 tables show nothing until the clerk enters this year's amounts.
    const szzb = await callOk(core, 'workbook.derived', { path: out, tableId: 'szzb' });
    expect(szzb.empty).toBe(true);

    // The 说明 (printed in the .docx only; the .xlsx holds the tables) comes back as written, section by section.
    expect(report.narrative.length > 3).toBe(format === 'docx');
    const narrative = (await rows(core, out, 'narrative-text')).map((r) => r.cells);
    expect(narrative.map((r) => r.text)).toEqual(report.narrative.map((n) => n.paragraphs.join('\n')));
    expect(narrative.every((r) => r.key!.startsWith('sec:'))).toBe(true);

    // What the tables leave open is said: the 60 万元 of projects (附件8) less the 8.70 会议费 and 0.34 公务接待费
    // that 附件9 puts beyond the basic lines is 专项商品和服务支出 (附件11) without a 款.
    const assumed = report.entries.filter((e) => e.kind === '假设').map((e) => e.note);
    expect(assumed).toContain('项目支出 50.96 万元的经济分类只公开到类 302，记入 30299（该类的“其他”款）');
    expect(assumed).toContain('项目支出中 8.70 万元记入经济分类 30215（会议费）：“三公”经费表中的金额超出基本支出的部分');

    // The report is saved with the workbook, row for row.
    const saved = (await rows(core, out, 'import-report')).map((r) => r.cells);
    expect(saved).toHaveLength(report.entries.length);
    expect(saved.filter((r) => r.kind === '假设').map((r) => r.note)).toEqual(report.entries.filter((e) => e.kind === '假设').map((e) => e.note));
    expect(saved.some((r) => r.kind === '表格' && r.target === '附件11 一般公共预算支出情况表')).toBe(true);
  });

  it('keeps the file’s amounts as this year’s draft when asked', async () => {
    const core = temp.core();
    const file = await exported(core, await createSeed001Workbook(core), 'docx');
    const { path: out } = await callOk(core, 'import.run', { source: file, year: 2021, keepDraft: true, out: path.join(temp.make(), 'draft.bdwb') });
    const income = (await rows(core, out, 'fact-income')).map((r) => r.cells);
    expect(income).toEqual([{ fundSource: 'general.appropriation', amount: wan('508.93'), prevAmount: wan('508.93') }]);
    const szzb = await callOk(core, 'workbook.derived', { path: out, tableId: 'szzb' });
    expect(szzb.rows.find((r) => r.key === 'total')?.cells.incomeAmount?.text).toBe('508.93');
  });
});

describe('import.run: seed 001 imported as its own year prints its 17 tables as published', () => {
  it.each(FORMATS)('from .%s', async (format) => {
    const core = temp.core();
    const file = await exported(core, await createSeed001Workbook(core), format);
    const { path: out, report } = await callOk(core, 'import.run', { source: file, out: path.join(temp.make(), 'same.bdwb') });
    expect(report!.shifted).toBe(false);
    const sortHeader = (h: [string, number, number, number, number][]) => [...h].sort((a, b) => a[1] - b[1] || a[2] - b[2]);
    for (const want of seed001Expected()) {
      const got = printed(await callOk(core, 'workbook.derived', { path: out, tableId: want.tableId }));
      const { seedDeviations: _ignored, ...print } = want;
      const gotPrint = got;
      expect({ ...gotPrint, header: sortHeader(gotPrint.header) }).toEqual({ ...print, header: sortHeader(print.header) });
    }
    const overview = await callOk(core, 'workbook.tables', { path: out });
    expect(overview.issues).toEqual([]);
  });
});

describe('import.run: the 绩效 seeds', () => {
  it.each(['000', '002', '003', '004'] as SeedId[])('seed %s exported and imported into the next year gives back every 专项 row, project and indicator', async (seed) => {
    const core = temp.core();
    const loaded = await loadSeed(core, seed);
    const fixture = loaded.fixture;
    for (const format of FORMATS) {
      const result = await callOk(core, 'import.run', { source: await exported(core, loaded.path, format), year: loaded.meta.year + 1, out: path.join(temp.make(), `${seed}-${format}.bdwb`) });
      const report = result.report!;
      expect(report.setId).toBe(loaded.meta.tableSetId);
      expect(report.entries.filter((e) => e.kind === '未识别' || e.kind === '未导入')).toEqual([]);
      const out = result.path;
      const special = (await rows(core, out, 'zxzj-hz')).map((r) => r.cells);
      const wantSpecial = seed === '000' ? SEED_000_ROWS.map((r) => r.name) : (fixture.special ?? []).map((r) => r.name);
      expect(special.map((r) => r.name)).toEqual(wantSpecial);
      // Last year's amounts are not this year's: cleared until entered.
      expect(special.every((r) => r.amount === undefined)).toBe(true);
      expect((await rows(core, out, 'zxzj-fx')).map((r) => r.cells.direction)).toEqual((fixture.directions ?? []).map((r) => r.direction));
      const projects = await rows(core, out, 'perf-projects');
      expect(projects.map((r) => r.cells.name)).toEqual((fixture.projects ?? []).map((p) => p.name));
      const indicators = await rows(core, out, 'perf-indicators');
      for (const [i, p] of (fixture.projects ?? []).entries()) {
        // Names as printed; a line break typed inside a name is not part of it.
        const mine = indicators.filter((r) => r.cells.owner === projects[i]!.id).map((r) => r.cells.name?.replace(/\s+/g, ''));
        // Moved into the new year when the file's year is known (保障2023年度… → 保障2024年度…).
        const moved = (t: string) => (report.shifted ? shiftYears(t, loaded.meta.year, loaded.meta.year + 1).text : t);
        expect([p.name, mine]).toEqual([p.name, p.indicators.map((x) => moved(x.name).replace(/\s+/g, ''))]);
      }
      // 部门整体 printed as a form (湖南), or as the 河北 outline: paragraphs after a 目录 that lists its headings
      // in the .docx, a sheet of one line per row in the .xlsx.
      const form = core.tableSets.get(loaded.meta.tableSetId)!.tables.find((t) => t.store === 'perf-dept');
      if (fixture.dept?.overallGoal && form?.body.kind === 'form') {
        const goal = (await rows(core, out, 'perf-dept')).find((r) => r.id === 'dept-overallGoal');
        expect(goal?.cells.text?.replace(/\s+/g, '')).toBe(shiftYears(fixture.dept.overallGoal, loaded.meta.year, loaded.meta.year + 1).text.replace(/\s+/g, ''));
      }
    }
  });
});

describe('import.run: 绩效 texts moved into the next year', () => {
  it('seed 004 into 2024: the file’s year is read from its texts, not from a project named 2003年以前…; 完成时限 moves to 2024', async () => {
    const core = temp.core();
    const loaded = await loadSeed(core, '004');
    const result = await callOk(core, 'import.run', { source: await exported(core, loaded.path, 'docx'), year: 2024, keepDraft: true, out: path.join(temp.make(), '2024.bdwb') });
    expect([result.report!.fileYear, result.report!.shifted]).toEqual([2023, true]);
    const projects = await rows(core, result.path, 'perf-projects');
    expect(projects[0]!.cells).toMatchObject({ name: '县级电子政务外网安全监测平台建设', amount: '200000' });
    expect(projects.find((r) => r.cells.name?.endsWith('退休人员生活补贴'))?.cells.name).toBe('2003年以前退休人员生活补贴');
    const deadline = (await rows(core, result.path, 'perf-indicators')).find((r) => r.cells.owner === projects[0]!.id && r.cells.name === '完成时限')!;
    expect(deadline.cells).toMatchObject({ op: '定性', value: '2024年12月31日' });
  });

  it('seed 000 into 2020: 专项实施期 stays as written, the 年度 texts move', async () => {
    const core = temp.core();
    const loaded = await loadSeed(core, '000');
    const result = await callOk(core, 'import.run', { source: await exported(core, loaded.path, 'docx'), year: 2020, out: path.join(temp.make(), '2020.bdwb') });
    const proposals = (await rows(core, result.path, 'zxzj-fx')).find((r) => r.cells.fundName === '提案建议承办经费')!;
    expect(proposals.cells).toMatchObject({ period: '2019年', indQuantity: '完成2020年提案、建议共116件的办理工作' });
  });
});

describe('import.run into an open workbook', () => {
  it('adds the file’s content, reports conflicts instead of overwriting, replaces only when told, and undoes as one step', async () => {
    const core = temp.core();
    const file = await exported(core, await createSeed001Workbook(core), 'xlsx');
    const wb = (await callOk(core, 'library.create', { meta: { deptName: '株洲市石峰区人民政府办公室', year: 2021, tableSetId: 'hunan-2020' } })).path;
    const first = await callOk(core, 'import.run', { source: file, into: wb });
    expect([first.written, first.conflicts]).toEqual([true, []]);
    const before = await rows(core, wb, 'fact-lines');
    expect(before.length).toBeGreaterThan(20);
    // Amounts land in 元 as the file prints them (附件2: 508.93 万元), not re-read in the workbook's unit.
    expect((await rows(core, wb, 'fact-income')).map((r) => r.cells.prevAmount)).toEqual([wan('508.93')]);
    const reception = (await rows(core, wb, 'fact-info')).find((r) => r.id === 'info-threePublicPrevReception');
    expect(reception?.cells.amount).toBe(wan('5.34'));
    expect(before.every((r) => r.cells.prevAmount !== undefined && r.cells.amount === undefined)).toBe(true);

    const second = await callOk(core, 'import.run', { source: file, into: wb });
    expect(second.written).toBe(false);
    expect(second.conflicts.join('；')).toContain('支出预算明细已有');
    expect(await rows(core, wb, 'fact-lines')).toEqual(before);

    const replaced = await callOk(core, 'import.run', { source: file, into: wb, replace: true });
    expect(replaced.written).toBe(true);
    const after = await rows(core, wb, 'fact-lines');
    expect(after.map((r) => r.cells)).toEqual(before.map((r) => r.cells));
    expect(after.map((r) => r.id)).not.toEqual(before.map((r) => r.id));
    await callOk(core, 'workbook.undo', { path: wb });
    expect(await rows(core, wb, 'fact-lines')).toEqual(before);
  });
});

describe('import.run refuses bad files and writes nothing', () => {
  it.each([
    ['random.docx', Buffer.from('这不是一个 Word 文件'), /不是 Word/],
    ['truncated.xlsx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), /无法导入/],
    ['empty.docx', Buffer.alloc(0), /0 字节/],
  ])('%s', async (name, bytes, message) => {
    const core = temp.core();
    const dir = temp.make();
    const source = path.join(dir, name);
    writeFileSync(source, bytes);
    const error = await callErr(core, 'import.run', { source, out: path.join(dir, 'x.bdwb') }, 'UNSUPPORTED_FILE');
    expect(error.message).toMatch(message);
    expect(error.message).toContain('没有创建或修改任何工作簿');
    expect(readdirSync(dir)).toEqual([name]);
  });
});

import { describe, expect, it } from 'vitest';
import { indicatorsOfText } from '../../shared/import/perf-indicators.js';
import { parseNumberText } from '../../shared/money/decimal.js';
import { indicatorCells, parseIndicatorValue, squeezeText } from '../../shared/perf/indicator.js';
import { normaliseLevel1 } from '../../shared/perf/tree.js';
import type { MoneyUnit } from '../../shared/tables/schema.js';
import { readFixture, type PerfFixture, type SeedId } from '../fixtures/perf/load.js';
import { importOffice, MIRROR_SEEDS, mirrorDocx, type OfficeImport } from '../helpers/office-mirror.js';
import { seedText } from '../helpers/print.js';
import { SEED_000_ROWS } from '../helpers/seed000.js';
import { seedBlocks } from '../helpers/seed-blocks.js';

/**
 * The 绩效目标 of seeds 000, 002, 003 and 004, typed into office-style .docx files (helpers/office-mirror.ts),
 * read back by extractPerformance. Expected values are the seeds' own texts as test/fixtures/perf/*.json
 * transcribes them; money is compared in 元 after reading the fixture's figure in the seed's unit.
 */

const texts = Object.fromEntries((['000', '002', '003', '004'] as const).map((id) => [id, seedText(id)]));

async function imported(id: SeedId): Promise<OfficeImport> {
  const spec = MIRROR_SEEDS[id];
  const mirror = await mirrorDocx(seedBlocks(texts[id]!, spec.rendering), spec);
  return importOffice(mirror.docx, `seed${id}.docx`);
}

const yuan = (text: string, unit: MoneyUnit): string => {
  const r = parseNumberText(text, { money: true, unit });
  if (!r.ok) throw new Error(`not money: ${text}`);
  return r.value ?? '';
};

/** A fixture row with its money columns in 元, as the stores hold them. */
function inYuan(row: Record<string, string>, unit: MoneyUnit, money: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(row)) if (v !== '') out[k] = money.includes(k) ? yuan(v, unit) : v;
  return out;
}
const nonEmpty = (row: Record<string, string>): Record<string, string> => Object.fromEntries(Object.entries(row).filter(([, v]) => v !== ''));

/** What an indicator row of the seed must come back as: 一级 normalised, 指标值 split, the printed text kept. */
function expectedIndicator(ind: PerfFixture['projects'] extends (infer P)[] | undefined ? (P extends { indicators: (infer I)[] } ? I : never) : never) {
  return {
    level1: normaliseLevel1(ind.level1),
    level2: squeezeText(ind.level2),
    name: squeezeText(ind.name),
    desc: squeezeText(ind.desc),
    basis: squeezeText(ind.basis),
    ...indicatorCells(parseIndicatorValue(ind.value)),
    original: expect.any(String),
  };
}

describe.runIf(Object.values(texts).every((t) => t !== null))('绩效目标 read back from office-typed files', () => {
  it('seed 000: 附件3-1 专项, 附件3-2 支出方向 with their indicators parsed, 附件3-3 部门整体', async () => {
    const { perf } = await imported('000');
    const fixture = readFixture('000');
    expect(perf.specialFunds).toEqual(SEED_000_ROWS.map((r) => nonEmpty(inYuan({ ...r }, '万元', ['amount']))));
    // The seed prints three 社会效益 cells over two lines ("提高综合协调⏎服务水平"); the importer keeps the
    // text as printed, the fixture has it on one line: compared without the line breaks.
    const unwrapped = perf.directions.map((d) => Object.fromEntries(Object.entries(d.cells).map(([k, v]) => [k, v.replace(/\n/g, '')])));
    expect(unwrapped).toEqual(fixture.directions!.map((r) => nonEmpty(inYuan(r, '万元', ['amount']))));
    expect(perf.directions[7]!.cells.indSocial).toBe('提高综合协调\n服务水平');
    expect(perf.directions[7]!.indicators.find((i) => i.level2 === '社会效益指标')!.name).toBe('提高综合协调服务水平');
    expect(perf.departmentGoal).toEqual(inYuan(fixture.dept!, '万元', ['totalAmount', 'basicAmount', 'projectAmount']));
    expect(perf.deptName).toBe('石峰区人民政府办公室');
    // 政府办党组工作经费: 数量 "每月召开党组会不少于1次", 成本 a sentence, 满意度 "社会公众综合满意度达到100%".
    const party = perf.directions[3]!;
    expect(party.cells.fundName).toBe('政府办党组工作经费');
    expect(party.indicators.map((i) => [i.level1, i.level2, i.name, i.op, i.value, i.unit, i.original])).toEqual([
      ['产出指标', '数量指标', '每月召开党组会', '≥', '1', '次', '每月召开党组会不少于1次'],
      ['产出指标', '成本指标', '按照工作实际及法制工作目标要求，专款专用', '定性', '', '', '按照工作实际及法制工作目标要求，专款专用'],
      ['效益指标', '社会效益指标', '保障政府办各项工作平稳运行', '定性', '', '', '保障政府办各项工作平稳运行'],
      ['满意度指标', '服务对象满意度指标', '社会公众综合满意度', '≥', '100', '%', '社会公众综合满意度达到100%'],
    ]);
    // 值班工作经费's 数量 cell states two figures: two indicators.
    expect(perf.directions[0]!.indicators.slice(0, 2).map((i) => [i.name, i.value, i.unit])).toEqual([
      ['短信', '10000', '条'],
      ['通话时长', '20000', '分钟'],
    ]);
    // The 编报说明's four example tables are recognised as such and not imported.
    expect(perf.examples).toHaveLength(4);
    expect(perf.projects).toEqual([]);
  });

  it('seed 002: amounts typed with 万元 in the 部门整体 form, the 合计-less 专项 list, blank rows skipped', async () => {
    const { perf } = await imported('002');
    const fixture = readFixture('002');
    expect(perf.specialFunds).toEqual(fixture.special!.map((r) => inYuan(r, '万元', ['amount'])));
    expect(perf.directions.map((d) => d.cells)).toEqual(fixture.directions!.map((r) => nonEmpty(inYuan(r, '万元', ['amount']))));
    expect(perf.departmentGoal).toEqual(inYuan(fixture.dept!, '万元', ['totalAmount', 'basicAmount', 'projectAmount']));
    expect(perf.departmentGoal!.totalAmount).toBe('29760600');
    // "10人（区机关8人，教育2人）" is one figure with a note, not split at the comma inside the brackets.
    expect(perf.directions[1]!.indicators[0]).toMatchObject({ level2: '数量指标', op: '=', value: '10', original: '10人（区机关8人，教育2人）' });
  });

  it('seed 003: the 部门整体 outline from paragraphs, 7 projects in 元, each grid continued in a table of its own', async () => {
    const { perf } = await imported('003');
    const fixture = readFixture('003');
    expect(perf.departmentGoal).toEqual(fixture.dept);
    expect(perf.departmentSubGoals).toEqual(fixture.deptGoals);
    expect(perf.projects).toHaveLength(7);
    perf.projects.forEach((p, i) => {
      const { indicators, ...cells } = fixture.projects![i]!;
      expect(p.cells, cells.name as string).toEqual(nonEmpty(inYuan(cells as Record<string, string>, '元', ['amount', 'fiscalAmount', 'otherAmount'])));
      expect(p.indicators, cells.name as string).toEqual(indicators.map(expectedIndicator));
    });
    // ≥90比率 as the 河北 system prints it: ≥ 90 %, the printed text kept.
    expect(perf.projects[0]!.indicators[7]).toMatchObject({ name: '服务对象满意度', op: '≥', value: '90', unit: '比率', original: '≥90比率' });
  });

  it('seed 004: 34 重大政策和重点项目 in 万元, goals written 目标1/目标2 on rows of their own joined', async () => {
    const { perf } = await imported('004');
    const fixture = readFixture('004');
    expect(perf.projects.map((p) => p.cells.name)).toEqual(fixture.projects!.map((p) => p.name));
    perf.projects.forEach((p, i) => {
      const { indicators, ...cells } = fixture.projects![i]!;
      expect(p.cells, `${i} ${cells.name}`).toEqual(nonEmpty(inYuan(cells as Record<string, string>, '万元', ['amount', 'fiscalAmount', 'otherAmount'])));
      expect(p.indicators, `${i} ${cells.name}`).toEqual(indicators.map(expectedIndicator));
    });
    expect(perf.unread).toEqual([]);
  });
});

describe('indicators typed in one 支出方向 cell', () => {
  it('splits figures at commas only where every part states one, and keeps dates whole', () => {
    expect(indicatorsOfText('时效指标', '2019年底完成')).toMatchObject([{ level1: '产出指标', level2: '时效指标', name: '2019年底完成', op: '定性', value: '2019年底完成' }]);
    expect(indicatorsOfText('成本指标', '标准520元/人')).toMatchObject([{ name: '标准', op: '=', value: '520', unit: '元/人' }]);
    expect(indicatorsOfText('社会效益指标', '快速下发各类通知，全局掌握工作动态')).toHaveLength(1);
    expect(indicatorsOfText('数量指标', '开展宣传不少于5次\n发放资料1000份')).toMatchObject([
      { name: '开展宣传', op: '≥', value: '5', unit: '次' },
      { name: '发放资料', op: '=', value: '1000', unit: '份' },
    ]);
    expect(indicatorsOfText('不是指标栏', '10人')).toEqual([]);
  });
});


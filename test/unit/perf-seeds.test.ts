import { describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core.js';
import { Dec, sumValues } from '../../shared/money/decimal.js';
import { formFieldTarget, listDisplayCells, listRows, PERF_TABLES } from '../../shared/perf/binding.js';
import { parseIndicatorValue, printIndicator } from '../../shared/perf/indicator.js';
import type { TableDef } from '../../shared/tables/schema.js';
import type { GridRow } from '../../shared/workbook/types.js';
import { loadSeed, type LoadedSeed, type SeedId } from '../fixtures/perf/load.js';
import { callOk } from '../helpers/core.js';
import { useTempDirs } from '../helpers/hooks.js';

const temp = useTempDirs('budgetdesk-perf-');

async function rows(core: Core, path: string, tableId: string): Promise<GridRow[]> {
  return (await callOk(core, 'workbook.rows', { path, tableId })).rows;
}

function layout(core: Core, seed: LoadedSeed, tableId: string): TableDef {
  return core.tableSets.table(seed.meta.tableSetId, tableId)!;
}

/** One printed form: its fields by name (stored values) and its list sections as displayed. */
async function form(core: Core, seed: LoadedSeed, def: TableDef, recordId?: string) {
  if (def.body.kind !== 'form') throw new Error('expected a form');
  const model = (id: string) => core.tableSets.table(seed.meta.tableSetId, id);
  const fields: Record<string, string> = {};
  const lists: Record<string, Record<string, string>[]> = {};
  for (const section of def.body.sections) {
    if (section.kind === 'list') {
      const stored = await rows(core, seed.path, section.store!);
      lists[section.field] = listRows(stored, recordId).map((r) => listDisplayCells(section, r.cells));
      continue;
    }
    for (const cell of section.rows.flat()) {
      if (cell.field === undefined) continue;
      const target = formFieldTarget(def, cell.field, model, recordId);
      expect(target, `${def.id}.${cell.field}`).toBeDefined();
      const row = (await rows(core, seed.path, target!.tableId)).find((r) => r.id === target!.rowId);
      fields[cell.field] = row?.cells[target!.col] ?? '';
    }
  }
  return { fields, lists };
}

const total = (stored: GridRow[], col = 'amount'): string => sumValues(stored.map((r) => r.cells[col])).toFixed();

/** What the lint reports on each seed as published: "severity rule table where". Every line is a real defect of the seed. */
const expected: Record<SeedId, string[]> = {
  '000': [
    "warning perf.output-kinds zxzj-fx 支出方向“政府事务支出”（值班工作经费）",
    "warning perf.output-kinds zxzj-fx 支出方向“一般行政管理事务支出”（金融办经费）",
    "warning perf.output-kinds zxzj-fx 支出方向“一般行政管理事务支出”（优化办经费）",
    "warning perf.output-kinds zxzj-fx 支出方向“政府事务支出”（政府办党组工作经费）",
    "warning perf.output-kinds zxzj-fx 支出方向“一般行政管理事务支出”（机要保密经费）",
    "warning perf.output-kinds zxzj-fx 支出方向“一般行政管理事务支出”（调研督查经费）",
    "warning perf.output-kinds zxzj-fx 支出方向“一般行政管理事务支出”（提案建议承办经费）",
    "warning perf.output-kinds zxzj-fx 支出方向“政府事务支出”（外事经费）",
    "warning perf.output-kinds zxzj-fx 支出方向“一般行政管理事务支出”（法制办经费）",
    "warning perf.output-kinds zxzj-fx 支出方向“一般行政管理事务支出”（应急办经费）",
    "warning perf.output-kinds zxzj-fx 支出方向“政府会议支出”（政府全会经费）",
    "warning perf.output-kinds zxzj-fx 支出方向“食品安全事务支出”（食安办经费）",
    "warning perf.no-number zxzj-fx 支出方向“政府事务支出”（值班工作经费） › 成本指标",
    "warning perf.no-number zxzj-fx 支出方向“一般行政管理事务支出”（金融办经费） › 成本指标",
    "warning perf.no-number zxzj-fx 支出方向“一般行政管理事务支出”（优化办经费） › 成本指标",
    "warning perf.no-number zxzj-fx 支出方向“政府事务支出”（政府办党组工作经费） › 成本指标",
    "warning perf.no-number zxzj-fx 支出方向“一般行政管理事务支出”（机要保密经费） › 成本指标",
    "warning perf.no-number zxzj-fx 支出方向“一般行政管理事务支出”（调研督查经费） › 成本指标",
    "warning perf.no-number zxzj-fx 支出方向“一般行政管理事务支出”（提案建议承办经费） › 成本指标",
    "warning perf.no-number zxzj-fx 支出方向“政府事务支出”（外事经费） › 成本指标",
    "warning perf.no-number zxzj-fx 支出方向“一般行政管理事务支出”（法制办经费） › 成本指标",
    "warning perf.no-number zxzj-fx 支出方向“食品安全事务支出”（食安办经费） › 成本指标",
    "warning perf.copied-text zxzj-hz 专项“金融办经费”",
    "warning perf.copied-text zxzj-hz 专项“优化办经费”",
    "warning perf.copied-text zxzj-fx 支出方向“一般行政管理事务支出”（金融办经费）",
    "warning perf.copied-text zxzj-fx 支出方向“一般行政管理事务支出”（优化办经费）",
  ],
  '002': [
    "error perf.special-sum zxzj-hz 专项资金 › 合计",
    "warning perf.direction-special zxzj-fx 支出方向“已关闭破产企业退休人员医药费”",
    "warning perf.output-kinds zxzj-fx 支出方向“用于城乡居民医保”（城乡居民医保补助）",
    "warning perf.output-kinds zxzj-fx 支出方向“用于离休干部10人医药费”（离休干部医药费统筹金）",
    "warning perf.output-kinds zxzj-fx 支出方向“已关闭破产企业退休人员医药费”（用于已关闭破产企业退休人员医药费）",
    "warning perf.output-kinds zxzj-fx 支出方向“用于老工伤人员旧伤复发医药费报销”（老工伤人员医药费）",
    "warning perf.output-kinds zxzj-fx 支出方向“用于居民个人医保补偿”（城乡居民医保再次补偿）",
    "warning perf.output-kinds zxzj-fx 支出方向“用于全区网格化劳务派遣人员工资、社会保险等经费”（网格化劳务派遣人员经费）",
    "warning perf.no-number zxzj-fx 支出方向“用于老工伤人员旧伤复发医药费报销”（老工伤人员医药费） › 成本指标",
    "warning perf.no-number zxzj-fx 支出方向“用于居民个人医保补偿”（城乡居民医保再次补偿） › 成本指标",
  ],
  '003': [
    "warning perf.no-number xm-jx 项目“劳务派遣人员报酬经费” › 成本指标“控制在预算金额内”",
    "warning perf.no-number xm-jx 项目“残疾人保障金” › 成本指标“不超出预算金额”",
    "warning perf.no-number xm-jx 项目“法律顾问服务费” › 成本指标“控制在预算金额内”",
    "warning perf.no-number xm-jx 项目“防范和打击非法集资专项经费” › 成本指标“控制在预算成本内”",
    "warning perf.no-number xm-jx 项目“玉田县红十字会专项业务费” › 成本指标“控制在预算金额内”",
    "warning perf.no-number xm-jx 项目“政府业务费” › 成本指标“控制在预算金额内”",
    "warning perf.no-number xm-jx 项目“政务服务便民热线外包服务” › 成本指标“控制在预算金额内”",
    "hint perf.value-is-name xm-jx 项目“残疾人保障金” › 经济效益指标“提高残疾人生活水平”",
    "hint perf.value-is-name xm-jx 项目“残疾人保障金” › 社会效益指标“提高残疾人就业率”",
    "hint perf.value-is-name xm-jx 项目“残疾人保障金” › 社会效益指标“保障残疾人基本权益”",
    "hint perf.value-is-name xm-jx 项目“法律顾问服务费” › 社会效益指标“提升法制政府管理水平”",
    "hint perf.value-is-name xm-jx 项目“法律顾问服务费” › 社会效益指标“保证法制工作有序开展”",
    "hint perf.value-is-name xm-jx 项目“法律顾问服务费” › 社会效益指标“提升社会稳定水平”",
    "hint perf.value-is-name xm-jx 项目“防范和打击非法集资专项经费” › 社会效益指标“提升应急处置能力”",
    "hint perf.value-is-name xm-jx 项目“防范和打击非法集资专项经费” › 社会效益指标“保障县内金融环境稳定性”",
    "hint perf.value-is-name xm-jx 项目“防范和打击非法集资专项经费” › 社会效益指标“提升社会稳定水平”",
    "hint perf.value-is-name xm-jx 项目“玉田县红十字会专项业务费” › 社会效益指标“提高被救助人员生活水平”",
    "hint perf.value-is-name xm-jx 项目“玉田县红十字会专项业务费” › 社会效益指标“提升公益服务水平”",
    "hint perf.value-is-name xm-jx 项目“玉田县红十字会专项业务费” › 社会效益指标“提高社会对公益救助活动的重视水平”",
    "hint perf.value-is-name xm-jx 项目“政府业务费” › 社会效益指标“保证机关正常办公”",
    "hint perf.value-is-name xm-jx 项目“政府业务费” › 社会效益指标“提高办事效率”",
    "hint perf.value-is-name xm-jx 项目“政府业务费” › 社会效益指标“提高政务服务水平”",
    "hint perf.value-is-name xm-jx 项目“政务服务便民热线外包服务” › 社会效益指标“保障电子政务中心正常运转”",
    "hint perf.value-is-name xm-jx 项目“政务服务便民热线外包服务” › 社会效益指标“提高办事效率”",
  ],
  '004': [
    "error perf.duplicate-name zdxm-jx 项目“教育园区配套设施（中学）”",
    "error perf.plan zdxm-jx 项目“城乡居民基本医疗保险区级财政补助” › 资金支出计划",
    "warning perf.text-amount zdxm-jx 项目“长期照护保险区级财政补助”",
    "warning perf.missing-text zdxm-jx 项目“一般债券本息”",
    "warning perf.output-kinds zdxm-jx 项目“中小学幼儿园保安服务”",
    "warning perf.cost-budget zdxm-jx 项目“重点人群核酸检测费用” › 成本指标“区级财政投入”",
    "warning perf.unit-cost zdxm-jx 项目“小海北小学配套装备采购项目” › 成本指标“生均控制成本”",
    "warning perf.unit-cost zdxm-jx 项目“城乡居民基本医疗保险区级财政补助”",
    "warning perf.no-unit zdxm-jx 项目“县级电子政务外网安全监测平台建设” › 数量指标“安装设备数”",
    "warning perf.unit-mismatch zdxm-jx 项目“县级电子政务外网安全监测平台建设” › 成本指标“预算执行率”",
    "warning perf.no-unit zdxm-jx 项目“支持中小企业发展资金” › 数量指标“预计支持企业”",
    "warning perf.unit-mismatch zdxm-jx 项目“支持中小企业发展资金” › 质量指标“发放达标率”",
    "warning perf.no-number zdxm-jx 项目“基础设施建设资金” › 数量指标“修缮范围”",
    "warning perf.no-number zdxm-jx 项目“一标三实二维码门牌款” › 数量指标“办理门牌数量”",
    "warning perf.no-number zdxm-jx 项目“智慧社区光电配套款” › 数量指标“查询信息及破案”",
    "warning perf.unit-mismatch zdxm-jx 项目“村级服务群众专项经费” › 数量指标“行政村个数”",
    "warning perf.unit-mismatch zdxm-jx 项目“垃圾市场化运作” › 数量指标“完成垃圾处理户数”",
    "warning perf.unit-mismatch zdxm-jx 项目“垃圾县级处理” › 数量指标“填埋处置量”",
    "warning perf.unit-mismatch zdxm-jx 项目“支持科技创新资金” › 数量指标“科技创新企业数量”",
    "warning perf.unit-mismatch zdxm-jx 项目“高龄老人生活补助” › 成本指标“救助资金社会化发放率”",
    "warning perf.unit-mismatch zdxm-jx 项目“退役军人公益岗资金” › 成本指标“救助资金社会化发放率”",
    "warning perf.name-desc-numbers zdxm-jx 项目“城乡居民基本医疗保险区级财政补助” › 数量指标“按参保人员每人153元给予补助”",
    "warning perf.name-desc-numbers zdxm-jx 项目“长期照护保险区级财政补助” › 数量指标“按参保人员40000人每月补助40元给予补助”",
    "warning perf.unit-mismatch zdxm-jx 项目“财政对职工养老社会保险基金补助” › 时效指标“完成时限”",
    "warning perf.unit-mismatch zdxm-jx 项目“财政对职工养老社会保险基金补助” › 成本指标“区级财政投入”",
    "warning perf.unit-mismatch zdxm-jx 项目“2003年以前退休人员生活补贴” › 时效指标“完成时限”",
    "warning perf.no-number zdxm-jx 项目“死亡抚恤金” › 数量指标“2023年度实际发生额”",
    "warning perf.no-number zdxm-jx 项目“死亡抚恤金” › 服务对象满意度指标“家属满意度”",
    "warning perf.copied-text zdxm-jx 项目“教育园区配套设施（小学）”",
    "warning perf.copied-text zdxm-jx 项目“教育园区配套设施（中学）”",
    "warning perf.copied-text zdxm-jx 项目“教育园区配套设施（中学）”",
    "warning perf.copied-text zdxm-jx 项目“小海北小学配套装备采购项目”",
    "warning perf.copied-text zdxm-jx 项目“财政对行政社会保险基金补助”",
    "warning perf.copied-text zdxm-jx 项目“2003年以前退休人员生活补贴”",
    "warning perf.copied-indicators zdxm-jx 项目“垃圾县级处理”",
    "warning perf.copied-indicators zdxm-jx 项目“退役军人公益岗资金”",
    "hint perf.value-is-name zdxm-jx 项目“县级电子政务外网安全监测平台建设” › 经济效益指标“保障工作正常开展”",
    "hint perf.value-is-name zdxm-jx 项目“困难企业补贴” › 社会效益指标“职工基本生活得到保障”",
    "hint perf.value-is-name zdxm-jx 项目“困难企业补贴” › 可持续影响指标“项目具有可持续性”",
    "hint perf.value-is-name zdxm-jx 项目“农业保险保费补贴” › 可持续影响指标“项目具有可持续性”",
    "hint perf.value-is-name zdxm-jx 项目“一般债券本息” › 社会效益指标“防范政府债务出现区域性、系统性风险”",
    "hint perf.value-is-name zdxm-jx 项目“支持中小企业发展资金” › 社会效益指标“推进地区企业高质量发展”",
    "hint perf.value-is-name zdxm-jx 项目“支持中小企业发展资金” › 经济效益指标“企业效益得到提高”",
    "hint perf.value-is-name zdxm-jx 项目“支持中小企业发展资金” › 可持续影响指标“项目具有可持续性”",
    "hint perf.value-is-name zdxm-jx 项目“财政专项工作经费” › 社会效益指标“保障2023年度项目评审、评估、绩效评价等工作的顺利开展”",
    "hint perf.value-is-name zdxm-jx 项目“基础设施建设资金” › 社会效益指标“漏损率降低”",
    "hint perf.value-is-name zdxm-jx 项目“支持科技创新资金” › 社会效益指标“提高我区工业企业整体科技水平”",
    "hint perf.value-is-name zdxm-jx 项目“支持科技创新资金” › 可持续影响指标“企业创新发展有后劲”",
    "hint perf.value-is-name zdxm-jx 项目“重点人群核酸检测费用” › 经济效益指标“促进疫情中社会发展”",
    "hint perf.value-is-name zdxm-jx 项目“重点人群核酸检测费用” › 社会效益指标“加强新冠疫情防控工作”",
    "hint perf.value-is-name zdxm-jx 项目“重点人群核酸检测费用” › 可持续影响指标“可持续性影响”",
    "hint perf.value-is-name zdxm-jx 项目“死亡抚恤金” › 质量指标“完成2023年度死亡抚恤金的发放”",
    "hint perf.value-is-name zdxm-jx 项目“死亡抚恤金” › 社会效益指标“减轻家属的生活负担”",
    "hint perf.value-is-name zdxm-jx 项目“死亡抚恤金” › 可持续影响指标“给予家属经济和精神安慰”",
    "hint perf.value-is-name zdxm-jx 项目“农业社区经费” › 社会效益指标“保障农业社区基本秩序”",
    "hint perf.value-is-name zdxm-jx 项目“农业社区经费” › 可持续影响指标“项目具有可持续性”",
  ],
};

async function findings(core: Core, path: string): Promise<string[]> {
  return (await callOk(core, 'perf.lint', { path })).map((f) => `${f.severity} ${f.rule} ${f.table} ${f.where}`);
}

describe('seed 000 (区政府办 2019, 附件3-1～3-3, 万元)', () => {
  it('loads into its layouts, and 3-1 合计, 3-2 and 3-3 tie as the seed prints them', async () => {
    const core = temp.core();
    const seed = await loadSeed(core, '000');
    const specials = await rows(core, seed.path, 'zxzj-hz');
    expect(specials.map((r) => r.cells.name)).toHaveLength(12);
    expect(total(specials)).toBe('1000000');
    const directions = await rows(core, seed.path, 'zxzj-fx');
    expect(directions).toHaveLength(12);
    expect(directions.map((r) => [r.cells.fundName, r.cells.amount])).toEqual(specials.map((r) => [r.cells.name, r.cells.amount]));
    const { fields } = await form(core, seed, layout(core, seed, 'bmzt-jx'));
    expect([fields.totalAmount, fields.basicAmount, fields.projectAmount]).toEqual(['5087600', '4087600', '1000000']);
    expect(new Dec(fields.totalAmount!).eq(new Dec(fields.basicAmount!).plus(fields.projectAmount!))).toBe(true);
    expect(fields.projectAmount).toBe(total(specials));
    expect(fields.outputIndicators).toBe('加强政府重要工作的调研，提升综合协调服务水平。');
  });

  it('lint: every 3-2 row lacks 时效 indicators, 10 unquantified 成本, 金融办/优化办 share one 实施期目标', async () => {
    const core = temp.core();
    const seed = await loadSeed(core, '000');
    expect(await findings(core, seed.path)).toEqual(expected['000']);
  });
});

describe('seed 002 (区人社局 2019, 附件3-1～3-3, 万元)', () => {
  it('loads; 3-3 资金总额 = 基本 + 项目 as printed, while 3-1 sums to 2410万元', async () => {
    const core = temp.core();
    const seed = await loadSeed(core, '002');
    const specials = await rows(core, seed.path, 'zxzj-hz');
    expect(specials.map((r) => r.cells.seq)).toEqual(['一', '二', '三', '四', '五', '六']);
    expect(total(specials)).toBe('24100000');
    expect(total(await rows(core, seed.path, 'zxzj-fx'))).toBe('24100000');
    const { fields } = await form(core, seed, layout(core, seed, 'bmzt-jx'));
    expect([fields.totalAmount, fields.basicAmount, fields.projectAmount]).toEqual(['29760600', '5060600', '24700000']);
    expect(new Dec(fields.totalAmount!).eq(new Dec(fields.basicAmount!).plus(fields.projectAmount!))).toBe(true);
  });

  it('lint: 专项合计 2410 ≠ 项目支出 2470 (error), the swapped 3-2 row, no 质量 indicators, 据实报销 as 成本', async () => {
    const core = temp.core();
    const seed = await loadSeed(core, '002');
    expect(await findings(core, seed.path)).toEqual(expected['002']);
    const [sum] = await callOk(core, 'perf.lint', { path: seed.path });
    expect(sum!.message).toBe('各专项资金总额合计 2410万元，与部门整体支出绩效目标表中的项目支出 2470万元 不一致（相差 60万元）。请核对专项资金汇总表各行的资金总额，或部门整体的项目支出。');
  });
});

describe('seed 003 (玉田县政府办, 部门整体 + 7 项目, 元)', () => {
  it('loads into the 河北 layouts and prints every 指标值 back exactly as the seed does', async () => {
    const core = temp.core();
    const seed = await loadSeed(core, '003');
    const projects = await rows(core, seed.path, 'xm-jx');
    expect(projects.map((r) => r.id)).toEqual(seed.projectIds);
    expect(total(projects)).toBe('1752541.09');
    const def = layout(core, seed, 'xm-jx');
    for (const [i, p] of seed.fixture.projects!.entries()) {
      const { fields, lists } = await form(core, seed, def, seed.projectIds[i]);
      expect(fields.name).toBe(p.name);
      expect(fields.amount).toBe(new Dec(p.amount).toFixed());
      expect(fields.fiscalAmount).toBe(fields.amount);
      expect([fields.planLabel1, fields.plan1, fields.planLabel4, fields.plan4]).toEqual(['3月底', '25%', '12月底', '100%']);
      expect(lists.indicators!.map((r) => [r.level1, r.level2, r.name, r.value, r.basis])).toEqual(p.indicators.map((ind) => [ind.level1, ind.level2, ind.name, ind.value, ind.basis]));
    }
    const dept = await form(core, seed, layout(core, seed, 'bmzt-jxmb'));
    expect(dept.fields.overallGoal).toMatch(/^围绕县政府中心工作和重点工作/);
    expect(dept.fields.measures!.split('\n')).toHaveLength(7);
    expect(dept.lists.subGoals!.map((g) => g.indicator)).toEqual(['会议服务保障率。', '办公任务完成率。', '宣传活动开展及时率。', '保证法制工作有序开展。', '反馈群众反映问题的时效。']);
  });

  it('lint: 成本 “支出不超出预算” in all 7 projects; 效益 values that only repeat their names', async () => {
    const core = temp.core();
    const seed = await loadSeed(core, '003');
    expect(await findings(core, seed.path)).toEqual(expected['003']);
  });
});

describe('seed 004 (2023 区级, 34 重大政策和重点项目绩效目标表, 万元)', () => {
  it('loads every project into the district layout; 指标值 print in its >= style, 效益 as 效果指标', async () => {
    const core = temp.core();
    const seed = await loadSeed(core, '004');
    const projects = await rows(core, seed.path, 'zdxm-jx');
    expect(projects).toHaveLength(34);
    expect(total(projects)).toBe('122909900');
    expect(await rows(core, seed.path, PERF_TABLES.indicators)).toHaveLength(233);
    const def = layout(core, seed, 'zdxm-jx');
    const shown: string[] = [];
    for (const [i, p] of seed.fixture.projects!.entries()) {
      const { fields, lists } = await form(core, seed, def, seed.projectIds[i]);
      expect(fields.fiscalAmount).toBe(fields.amount);
      expect(fields.amount).toBe(new Dec(p.amount).mul(10000).toFixed());
      const list = lists.indicators!;
      expect(list.map((r) => r.value)).toEqual(p.indicators.map((ind) => printIndicator(parseIndicatorValue(ind.value), 'ascii')));
      expect(new Set(list.map((r) => r.level1))).toEqual(new Set(['产出指标', '效果指标', '满意度指标']));
      shown.push(...list.map((r) => r.value!));
    }
    expect(shown).toEqual(expect.arrayContaining(['>=95%', '2023年12月31日', '343人', '<=0次', '191.85元/人', '2023.12.31之前', '合格']));
  });

  it('lint: the duplicated table, the plan that falls back to 0%, cost and unit contradictions, copied goals and indicators', async () => {
    const core = temp.core();
    const seed = await loadSeed(core, '004');
    expect(await findings(core, seed.path)).toEqual(expected['004']);
  });
});

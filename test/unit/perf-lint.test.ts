import { describe, expect, it } from 'vitest';
import { Dec } from '../../shared/money/decimal.js';
import { PERF_TABLES } from '../../shared/perf/binding.js';
import { indicatorCells, parseIndicatorValue } from '../../shared/perf/indicator.js';
import { lintPerformance, sortFindings, type Finding, type PerfInput } from '../../shared/perf/lint.js';
import type { GridRow, RowCells } from '../../shared/workbook/types.js';

/** Rules one by one on small workbooks in 万元 (stored amounts in 元, as the core stores them). */

const W = 10000;
const yuan = (wan: number): string => String(wan * W);

function project(id: string, cells: RowCells = {}): GridRow {
  return {
    id,
    cells: {
      name: `项目${id}`,
      amount: yuan(20),
      fiscalAmount: yuan(20),
      purpose: `${id}的资金用途`,
      goal: `${id}：保障区政府常务会议按计划召开`,
      planLabel1: '3月底',
      plan1: '25%',
      planLabel2: '6月底',
      plan2: '50%',
      planLabel3: '9月底',
      plan3: '75%',
      planLabel4: '12月底',
      plan4: '100%',
      ...cells,
    },
  };
}

let serial = 0;
function indicator(owner: string, level1: string, level2: string, name: string, value: string, extra: RowCells = {}): GridRow {
  serial += 1;
  return { id: `i${serial}`, cells: { owner, level1, level2, name, ...indicatorCells(parseIndicatorValue(value)), ...extra } };
}

/** A project a reviewer would pass: all four 产出 kinds, 效益 and 满意度, each quantified. */
function goodIndicators(owner: string): GridRow[] {
  return [
    indicator(owner, '产出指标', '数量指标', `${owner}召开会议次数`, '≥12次'),
    indicator(owner, '产出指标', '质量指标', `${owner}会议材料准确率`, '100%'),
    indicator(owner, '产出指标', '时效指标', `${owner}会议通知提前发出时间`, '≥3天'),
    indicator(owner, '产出指标', '成本指标', `${owner}会议综合定额`, '≤550元/人/天'),
    indicator(owner, '效益指标', '社会效益指标', `${owner}会议决策事项落实率`, '≥95%'),
    indicator(owner, '满意度指标', '服务对象满意度指标', `${owner}参会人员满意度`, '≥90%'),
  ];
}

function input(rows: Partial<Record<string, GridRow[]>>, extra: Partial<PerfInput> = {}): PerfInput {
  return { year: 2023, moneyUnit: '万元', rows, budget: null, ...extra };
}

const rules = (findings: Finding[]): string[] => findings.map((f) => `${f.severity} ${f.rule} ${f.row ?? '-'}${f.column ? `.${f.column}` : ''}`);

function only(rows: Partial<Record<string, GridRow[]>>, extra: Partial<PerfInput> = {}): Finding {
  const found = lintPerformance(input(rows, extra));
  expect(found, rules(found).join('\n')).toHaveLength(1);
  return found[0]!;
}

const dept = (total: number, basic: number, projectAmount: number): GridRow[] => [
  { id: 'dept-totalAmount', cells: { amount: yuan(total) } },
  { id: 'dept-basicAmount', cells: { amount: yuan(basic) } },
  { id: 'dept-projectAmount', cells: { amount: yuan(projectAmount) } },
];

describe('quiet on good data', () => {
  it('finds nothing in two sound projects, their 部门整体 totals and a 专项 table that ties', () => {
    const rows = {
      [PERF_TABLES.projects]: [project('p1'), project('p2', { amount: yuan(30), fiscalAmount: yuan(20), otherAmount: yuan(10) })],
      [PERF_TABLES.indicators]: [...goodIndicators('p1'), ...goodIndicators('p2')],
      [PERF_TABLES.dept]: dept(150, 100, 50),
    };
    expect(lintPerformance(input(rows))).toEqual([]);
    const specials = [{ id: 's1', cells: { name: '值班工作经费', amount: yuan(50), goalPeriod: '组织、审核知会APP的使用工作', goalYear: '快速下发各类通知' } }];
    expect(lintPerformance(input({ [PERF_TABLES.special]: specials, [PERF_TABLES.dept]: dept(150, 100, 50) }))).toEqual([]);
  });
});

describe('amounts', () => {
  it('资金总额 ≠ 基本支出 + 项目支出', () => {
    const f = only({ [PERF_TABLES.dept]: dept(508.76, 408.76, 99) });
    expect(f).toMatchObject({ rule: 'perf.dept-total', severity: 'error', table: 'perf-dept', store: 'perf-dept', row: 'dept-totalAmount', column: 'amount' });
    expect(f.message).toBe('资金总额 508.76万元 不等于基本支出 408.76万元 与项目支出 99万元 之和（507.76万元）。请核对三项金额，使资金总额 = 基本支出 + 项目支出。');
  });

  it('部门整体 against the budget data, and 专项 against the budget data’s 项目支出 rather than the typed one', () => {
    const budget = { basic: new Dec(yuan(400)), project: new Dec(yuan(100)), total: new Dec(yuan(500)) };
    const found = lintPerformance(
      input({ [PERF_TABLES.dept]: dept(500, 410, 90), [PERF_TABLES.special]: [{ id: 's1', cells: { name: '甲', amount: yuan(90), goalPeriod: '', goalYear: '' } }] }, { budget }),
    );
    expect(found.filter((f) => f.rule !== 'perf.missing-text').map((f) => [f.rule, f.row, f.message])).toEqual([
      ['perf.dept-budget', 'dept-basicAmount', '部门整体绩效目标中的基本支出 410万元 与预算数据中的基本支出 400万元 不一致。请改为 400万元，或先核对预算数据。'],
      ['perf.dept-budget', 'dept-projectAmount', '部门整体绩效目标中的项目支出 90万元 与预算数据中的项目支出 100万元 不一致。请改为 100万元，或先核对预算数据。'],
      ['perf.special-sum', null, '各专项资金总额合计 90万元，与预算数据中的项目支出 100万元 不一致（相差 10万元）。请核对专项资金汇总表各行的资金总额，或部门整体的项目支出。'],
    ]);
  });

  it('项目 amounts against 项目支出; 财政资金 + 其他资金 against 预算数', () => {
    const found = lintPerformance(
      input({
        [PERF_TABLES.projects]: [project('p1', { amount: yuan(30), fiscalAmount: yuan(20), otherAmount: yuan(5) })],
        [PERF_TABLES.indicators]: goodIndicators('p1'),
        [PERF_TABLES.dept]: dept(60, 20, 40),
      }),
    );
    expect(rules(found)).toEqual(['error perf.projects-sum -.amount', 'error perf.project-funds p1.amount']);
    expect(found[1]!.message).toBe('项目“项目p1”的预算数 30万元 不等于财政资金与其他资金之和 25万元。请核对这三个金额。');
  });

  it('成本 above the budget is an error; a bare figure is in the workbook’s unit; per-unit costs are not totals', () => {
    const rows = {
      [PERF_TABLES.projects]: [project('p1')],
      [PERF_TABLES.indicators]: [
        ...goodIndicators('p1').filter((r) => r.cells.level2 !== '成本指标'),
        indicator('p1', '产出指标', '成本指标', '区级财政投入', '25'),
        indicator('p1', '产出指标', '成本指标', '人均成本', '30万元/人'),
      ],
    };
    const f = only(rows);
    expect(f).toMatchObject({ rule: 'perf.cost-budget', severity: 'error', owner: 'p1', column: 'value' });
    expect(f.message).toBe('项目“项目p1” › 成本指标“区级财政投入”为 25万元，超过了项目预算数 20万元。成本指标不能超过预算，请核对指标值或预算数。');
    // In a workbook kept in 元 the same figure is 25元: within the budget, but not the 财政资金 either.
    expect(rules(lintPerformance(input(rows, { moneyUnit: '元' })))).toEqual([`warning perf.cost-budget ${f.row}.value`]);
  });

  it('a 财政投入 成本 below the 财政资金 is a warning (seed 004 核酸检测: 146 of 300)', () => {
    const rows = {
      [PERF_TABLES.projects]: [project('p1', { amount: yuan(300), fiscalAmount: yuan(300) })],
      [PERF_TABLES.indicators]: [...goodIndicators('p1').filter((r) => r.cells.level2 !== '成本指标'), indicator('p1', '产出指标', '成本指标', '区级财政投入', '146万元')],
    };
    expect(only(rows)).toMatchObject({ rule: 'perf.cost-budget', severity: 'warning', message: expect.stringContaining('为 146万元，与本项目的财政资金 300万元 不一致') });
  });

  it('a count and what each gets, stated in the goal, against the budget (seed 004: 27000人 × 每人153元 ≠ 400万元)', () => {
    const goal = (text: string, amount: number) => ({ [PERF_TABLES.projects]: [project('p1', { goal: text, amount: yuan(amount), fiscalAmount: yuan(amount) })], [PERF_TABLES.indicators]: goodIndicators('p1') });
    expect(only(goal('按预计参保人数27000人每人153元给予区级财政补助', 400)).message).toBe(
      '项目“项目p1”的绩效目标写明27000人、每人153元，合计 413.10万元，与预算数 400万元 不一致。请核对人数、标准或预算数。',
    );
    expect(lintPerformance(input(goal('按预计参保人数27000人每人153元给予区级财政补助', 413.1)))).toEqual([]);
  });

  it('unit cost × count against the budget (seed 004 小海北: 4062.98元/人 × 262人 ≠ 146.55万元)', () => {
    const rows = (amount: string) => ({
      [PERF_TABLES.projects]: [project('p1', { amount, fiscalAmount: amount })],
      [PERF_TABLES.indicators]: [
        ...goodIndicators('p1').filter((r) => r.cells.level2 !== '成本指标'),
        indicator('p1', '产出指标', '成本指标', '生均控制成本', '191.85元/人'),
        indicator('p1', '效益指标', '社会效益指标', '受益学生人数', '1620人'),
      ],
    });
    expect(lintPerformance(input(rows('310800')))).toEqual([]);
    expect(only(rows('400000')).message).toBe(
      '项目“项目p1” › 成本指标“生均控制成本”：191.85元/人 × 受益学生人数 1620人 = 31.08万元，与预算数 40万元 不一致。请核对单位成本、数量或预算数。',
    );
  });

  it('a total stated in the text must be the 预算数', () => {
    const rows = { [PERF_TABLES.projects]: [project('p1', { goal: '按每人40元给予财政补助预计16万元' })], [PERF_TABLES.indicators]: goodIndicators('p1') };
    expect(only(rows)).toMatchObject({ rule: 'perf.text-amount', column: 'goal', message: '项目“项目p1”的绩效目标写明“预计16万元”，与预算数 20万元 不一致。请改正文字中的金额或预算数。' });
  });
});

describe('专项 and 支出方向', () => {
  const special = (id: string, name: string, amount: number): GridRow => ({ id, cells: { name, amount: yuan(amount), goalPeriod: `${name}实施期目标`, goalYear: `${name}年度目标说明` } });
  const direction = (id: string, directionName: string, fundName: string, amount: number, extra: RowCells = {}): GridRow => ({
    id,
    cells: {
      direction: directionName,
      fundName,
      period: '2023年',
      amount: yuan(amount),
      goalPeriod: `${id}实施期目标文字`,
      goalYear: `${id}年度目标文字说明`,
      indQuantity: '213人',
      indQuality: '资金足额发放率100%',
      indTimeliness: '2023年底完成',
      indCost: '人平5.92万元/年',
      indSocial: '保障劳务派遣人员工资按时发放',
      indSatisfaction: '服务对象满意度达到100%',
      ...extra,
    },
  });

  it('directions of a 专项 may not exceed its 资金总额', () => {
    const f = only({ [PERF_TABLES.special]: [special('s1', '网格化劳务派遣人员经费', 1260)], [PERF_TABLES.directions]: [direction('d1', '工资', '网格化劳务派遣人员经费', 1000), direction('d2', '社保', '网格化劳务派遣人员经费', 300)] });
    expect(f).toMatchObject({ rule: 'perf.direction-sum', row: 's1', severity: 'error' });
  });

  it('a direction whose 所属专项名称 is not in 3-1, with the swap spelled out when the columns are reversed', () => {
    const found = lintPerformance(
      input({
        [PERF_TABLES.special]: [special('s1', '已关闭破产企业退休人员医药费', 25)],
        [PERF_TABLES.directions]: [direction('d1', '已关闭破产企业退休人员医药费', '用于已关闭破产企业退休人员医药费', 25), direction('d2', '其他', '不存在的专项', 1)],
      }),
    );
    expect(found.map((f) => [f.rule, f.row, f.message])).toEqual([
      [
        'perf.direction-special',
        'd1',
        '所属专项名称“用于已关闭破产企业退休人员医药费”不在专项资金汇总表中，而本行的支出方向“已关闭破产企业退休人员医药费”正是汇总表中的专项名称：两列可能填反了。请交换“支出方向”和“所属专项名称”。',
      ],
      ['perf.direction-special', 'd2', '所属专项名称“不存在的专项”不在专项资金汇总表中。请填写汇总表中的专项名称，或在汇总表中补上该专项。'],
    ]);
  });

  it('专项实施期 not covering the budget year', () => {
    expect(only({ [PERF_TABLES.directions]: [direction('d1', '工资', '甲', 1, { period: '2019年-2021年' })] })).toMatchObject({ rule: 'perf.period', column: 'period' });
  });

  it('3-2 indicator columns: missing kinds, unquantified 成本, 时效 from an old year', () => {
    const found = lintPerformance(input({ [PERF_TABLES.directions]: [direction('d1', '工资', '甲', 1, { indQuality: '', indCost: '据实报销', indTimeliness: '2021年底完成' })] }));
    expect(rules(found)).toEqual(['warning perf.output-kinds d1', 'warning perf.time-year d1.indTimeliness', 'warning perf.no-number d1.indCost']);
    expect(found[0]!.message).toBe('支出方向“工资”（甲）缺少产出指标中的质量指标。产出指标应包括数量、质量、时效、成本四类，请补充。');
  });
});

describe('indicator structure', () => {
  it('invalid 一级, 二级 under the wrong 一级, unknown 二级', () => {
    const rows = {
      [PERF_TABLES.projects]: [project('p1')],
      [PERF_TABLES.indicators]: [
        ...goodIndicators('p1'),
        indicator('p1', '绩效指标', '数量指标', '甲', '1个'),
        indicator('p1', '产出指标', '社会效益指标', '乙', '1个'),
        indicator('p1', '效益指标', '效率指标', '丙', '1个'),
      ],
    };
    const found = lintPerformance(input(rows));
    expect(found.map((f) => [f.rule, f.column, f.message])).toEqual([
      ['perf.level', 'level1', '项目“项目p1” › 数量指标“甲”的一级指标“绩效指标”无效。一级指标应为产出指标、效益指标（也写作效果指标）或满意度指标。'],
      ['perf.level', 'level2', '项目“项目p1” › 社会效益指标“乙”：社会效益指标属于效益指标，不能放在产出指标下。请改一级指标，或换成数量指标、质量指标、时效指标、成本指标之一。'],
      ['perf.level', 'level2', '项目“项目p1” › 效率指标“丙”的二级指标“效率指标”不是效益指标的二级指标。请从经济效益指标、社会效益指标、生态效益指标、可持续影响指标中选择。'],
    ]);
  });

  it('no indicators at all; missing 产出 kinds, 效益 and 满意度', () => {
    expect(only({ [PERF_TABLES.projects]: [project('p1')] })).toMatchObject({ rule: 'perf.no-indicators', row: 'p1' });
    const found = lintPerformance(input({ [PERF_TABLES.projects]: [project('p1')], [PERF_TABLES.indicators]: goodIndicators('p1').slice(0, 2) }));
    expect(rules(found)).toEqual(['warning perf.output-kinds p1', 'warning perf.benefit-missing p1', 'warning perf.satisfaction-missing p1']);
    expect(found[0]!.message).toContain('缺少产出指标中的时效指标、成本指标');
  });

  it('the same project name twice; empty 资金用途 and 绩效目标', () => {
    const rows = {
      [PERF_TABLES.projects]: [project('p1', { name: '教育园区配套设施（中学）' }), project('p2', { name: '教育园区配套设施（中学）', purpose: '', goal: '' })],
      [PERF_TABLES.indicators]: [...goodIndicators('p1'), ...goodIndicators('p2')],
    };
    expect(rules(lintPerformance(input(rows)))).toEqual(['error perf.duplicate-name p2.name', 'warning perf.missing-text p2.purpose', 'warning perf.missing-text p2.goal']);
  });
});

describe('indicator values', () => {
  const withOne = (row: GridRow, drop?: string) => ({
    [PERF_TABLES.projects]: [project('p1')],
    [PERF_TABLES.indicators]: [...goodIndicators('p1').filter((r) => r.cells.level2 !== drop), row],
  });

  it('产出 数量/成本 and 满意度 without a number; 数量 without a unit', () => {
    expect(only(withOne(indicator('p1', '产出指标', '成本指标', '控制在预算金额内', '支出不超出预算'), '成本指标')).message).toBe(
      '项目“项目p1” › 成本指标“控制在预算金额内”的指标值“支出不超出预算”没有量化。成本指标应写明金额（如“20万元”“2万元/人”），“不超出预算”之类的表述无法衡量成本。',
    );
    expect(only(withOne(indicator('p1', '满意度指标', '服务对象满意度指标', '家属满意度', '家属满意度'), '服务对象满意度指标'))).toMatchObject({ rule: 'perf.no-number' });
    expect(only(withOne(indicator('p1', '产出指标', '数量指标', '安装设备数', '3')))).toMatchObject({
      rule: 'perf.no-unit',
      message: '项目“项目p1” › 数量指标“安装设备数”的指标值“3”只有数字，没有计量单位。请写明单位（如“3个”“3人”“3万元”）。',
    });
    // Seed 004: the unit is in the name (保障的农业社区个数 5), or bare figures add up to the 预算数 in the table's
    // unit (一般债券本息 (20 万元 here): 本金 12.5 + 利息 7.5); a bare figure that does not is still reported.
    expect(lintPerformance(input(withOne(indicator('p1', '产出指标', '数量指标', '保障的农业社区个数', '5'))))).toEqual([]);
    const debt = (principal: string) => ({
      [PERF_TABLES.projects]: [project('p1')],
      [PERF_TABLES.indicators]: [
        ...goodIndicators('p1').filter((r) => r.cells.level2 !== '数量指标'),
        indicator('p1', '产出指标', '数量指标', '支付到期本金款', principal),
        indicator('p1', '产出指标', '数量指标', '支付到期利息款', '7.5'),
      ],
    });
    expect(lintPerformance(input(debt('12.5')))).toEqual([]);
    expect(lintPerformance(input(debt('13'))).map((f) => f.rule)).toEqual(['perf.no-unit', 'perf.no-unit']);
    // 质量 and 效益 may be qualitative (编报说明: 军休服务房建筑标准 “办公用房标准”).
    expect(lintPerformance(input(withOne(indicator('p1', '产出指标', '质量指标', '军休服务房建筑标准', '办公用房标准'))))).toEqual([]);
  });

  it('a unit that contradicts the value or the indicator', () => {
    const cases: [GridRow, string][] = [
      [indicator('p1', '产出指标', '成本指标', '资金', '', { op: '=', value: '28.8万元', unit: '%' }), '的指标值“28.8万元”自带单位“万元”，与计量单位“%”矛盾。请只保留一个正确的单位。'],
      [indicator('p1', '产出指标', '成本指标', '预算执行率', '>=90%'), '是百分比，但成本指标反映的是所需成本'],
      [indicator('p1', '产出指标', '质量指标', '验收合格率', '12人'), '是比率类指标，指标值“12人”却以“人”计'],
      [indicator('p1', '产出指标', '数量指标', '行政村个数', '100%'), '是数量类指标，指标值“100%”却是百分比'],
      [indicator('p1', '产出指标', '数量指标', '填埋处置量', '100%'), '是数量类指标，指标值“100%”却是百分比'],
      [indicator('p1', '产出指标', '时效指标', '完成时限', '100%'), '是完成时限，指标值“100%”却是百分比'],
      [indicator('p1', '产出指标', '质量指标', '发放达标率', '按照文件要求，保质保量完成', { desc: '实际发放的企业/应发放的企业*100%' }), '的描述是比率公式'],
    ];
    for (const [row, fragment] of cases) {
      const f = only(withOne(row, row.cells.level2 === '成本指标' ? '成本指标' : undefined));
      expect(f.rule).toBe('perf.unit-mismatch');
      expect(f.message).toContain(fragment);
    }
  });

  it('a 时效 date before the budget year', () => {
    expect(only(withOne(indicator('p1', '产出指标', '时效指标', '完成时限', '2021年'))).message).toBe(
      '项目“项目p1” › 时效指标“完成时限”的时限“2021年”早于预算年度2023年，可能沿用了往年的表格。请改为2023年内的时限。',
    );
    expect(lintPerformance(input(withOne(indicator('p1', '产出指标', '时效指标', '完成时限', '2023 年 12\n月 31 日'))))).toEqual([]);
    // Seed 004 雪亮工程二期: a project paying the 尾款 of work finished in 2021 states that year rightly.
    const finalPayment = { ...withOne(indicator('p1', '产出指标', '时效指标', '完成时限', '2021年')), [PERF_TABLES.projects]: [project('p1', { purpose: '用于雪亮工程二期建设尾款支付' })] };
    expect(lintPerformance(input(finalPayment))).toEqual([]);
  });

  it('a value that only repeats the name is a hint', () => {
    expect(only(withOne(indicator('p1', '效益指标', '社会效益指标', '提高办事效率', '提高办事效率')))).toMatchObject({ rule: 'perf.value-is-name', severity: 'hint' });
  });

  it('name and description that differ only in their numbers', () => {
    const row = indicator('p1', '产出指标', '数量指标', '按参保人员每人153元给予补助', '400万元', { desc: '按参保人员每人160元给予补助' });
    expect(only(withOne(row)).message).toBe('项目“项目p1” › 数量指标“按参保人员每人153元给予补助”：指标名称中的数字（153）与指标描述中的数字（160）不一致。请核对后统一。');
  });

  it('年度 values that contradict 实施期 values', () => {
    expect(only(withOne(indicator('p1', '产出指标', '数量指标', '新增幼儿园数量', '5000所', { periodValue: '20000年' }))).message).toContain('单位不同（所 / 年）');
    expect(only(withOne(indicator('p1', '产出指标', '数量指标', '受益儿童数', '1200万人次', { periodValue: '1000万人次' }))).message).toContain('大于整个实施期的指标值“1000万人次”');
    expect(lintPerformance(input(withOne(indicator('p1', '产出指标', '数量指标', '毛入园率', '≥79%', { periodValue: '85%' }))))).toEqual([]);
  });
});

describe('资金支出计划', () => {
  const plan = (p1: string, p2: string, p3: string, p4: string) => ({
    [PERF_TABLES.projects]: [project('p1', { plan1: p1, plan2: p2, plan3: p3, plan4: p4 })],
    [PERF_TABLES.indicators]: goodIndicators('p1'),
  });

  it('must rise to 100% (blank points allowed, with or without %)', () => {
    expect(lintPerformance(input(plan('', '50', '', '100%')))).toEqual([]);
    expect(only(plan('0%', '0%', '100%', '0%')).message).toBe(
      '项目“项目p1”的资金支出计划是累计进度，应逐期不减并在最后一期达到100%；现为3月底0%、6月底0%、9月底100%、12月底0%，12月底比9月底还低。请改正。',
    );
    expect(only(plan('25%', '50%', '75%', '90%')).message).toContain('到12月底只有90%');
    expect(only(plan('25%', '50%', '110%', '110%')).message).toContain('9月底超过了100%');
    expect(only(plan('一季度', '', '', '100%'))).toMatchObject({ rule: 'perf.plan', column: 'plan1' });
    expect(only(plan('', '', '', ''))).toMatchObject({ rule: 'perf.plan-missing', severity: 'warning' });
  });
});

describe('copied text', () => {
  it('the same 绩效目标 under different names; the same indicators under another project', () => {
    const goal = '完善教育功能，提高教育质量，改善办学条件，达到学生家长满意。';
    const copy = (owner: string) => [
      indicator(owner, '产出指标', '数量指标', '居民户数', '300户'),
      indicator(owner, '产出指标', '质量指标', '垃圾分类完成率', '100%'),
      indicator(owner, '产出指标', '时效指标', '完成时间', '2023年12月31日'),
      indicator(owner, '产出指标', '成本指标', '区级财政投入', '20'),
      indicator(owner, '效益指标', '社会效益指标', '群众幸福感', '≥95%'),
      indicator(owner, '满意度指标', '服务对象满意度指标', '群众满意度', '≥90%'),
    ];
    const found = lintPerformance(
      input({
        [PERF_TABLES.projects]: [project('p1', { goal }), project('p2', { goal: `${goal}\n` }), project('p3')],
        [PERF_TABLES.indicators]: [...copy('p1'), ...goodIndicators('p2'), ...copy('p3')],
      }),
    );
    expect(rules(found)).toEqual(['warning perf.copied-text p1.goal', 'warning perf.copied-text p2.goal', 'warning perf.copied-indicators p3']);
    expect(found[0]!.message).toBe(`项目“项目p1”的绩效目标与“项目p2”的完全相同，可能是照搬。请按本项目的实际内容填写。`);
    expect(found[2]!.message).toBe('项目“项目p3”有5条绩效指标（名称和指标值）与项目“项目p1”完全相同，可能是照搬。请按本项目的产出和效益重新设置指标。');
  });
});

describe('findings', () => {
  it('have stable, unique ids and sort errors before warnings before hints', () => {
    const rows = {
      [PERF_TABLES.projects]: [project('p1', { plan4: '90%' })],
      [PERF_TABLES.indicators]: [...goodIndicators('p1'), { ...indicator('p1', '效益指标', '社会效益指标', '甲', '甲'), id: 'h1' }, { ...indicator('p1', '效益指标', '社会效益指标', '乙', '乙'), id: 'h2' }],
      [PERF_TABLES.dept]: dept(1, 1, 1),
    };
    const first = lintPerformance(input(rows));
    const again = lintPerformance(input(rows));
    expect(again.map((f) => f.id)).toEqual(first.map((f) => f.id));
    expect(new Set(first.map((f) => f.id)).size).toBe(first.length);
    expect(rules(first)).toEqual(['error perf.dept-total dept-totalAmount.amount', 'error perf.projects-sum -.amount', 'error perf.plan p1.plan4', 'hint perf.value-is-name h1.value', 'hint perf.value-is-name h2.value']);
    expect(sortFindings([...first].reverse()).map((f) => f.severity)).toEqual(['error', 'error', 'error', 'hint', 'hint']);
    expect(first.map((f) => f.id)).toContain('perf.plan:p1:plan4');
  });
});

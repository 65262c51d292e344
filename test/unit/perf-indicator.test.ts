import { describe, expect, it } from 'vitest';
import { canonicalUnit, indicatorCells, indicatorFromCells, parseIndicatorValue, printIndicator, squeezeText, statesQuantity, type IndicatorStyle, type ParsedIndicator } from '../../shared/perf/indicator.js';
import { level2KindOf, level1Of, normaliseLevel1 } from '../../shared/perf/tree.js';

/** [指标值 as printed in the seed, kind, 指标性质, 指标值 (number, or the text), 计量单位 as written, printed back in the seed's style] */
type Row = [string, ParsedIndicator['kind'], ParsedIndicator['op'], string, string, string];

/** Every distinct 指标值 of seed 003's seven 项目绩效目标表 (河北: ≥90比率 style). */
const seed003: Row[] = [
  ["10人数", 'number', '=', "10", "人数", "10人数"],
  ["100比率", 'number', '=', "100", "比率", "100比率"],
  ["支出不超出预算", 'text', '定性', "支出不超出预算", "", "支出不超出预算"],
  ["提高毕业生就业率", 'text', '定性', "提高毕业生就业率", "", "提高毕业生就业率"],
  ["提高劳务派遣人员生活水平", 'text', '定性', "提高劳务派遣人员生活水平", "", "提高劳务派遣人员生活水平"],
  ["促进劳务派遣人员消费水平", 'text', '定性', "促进劳务派遣人员消费水平", "", "促进劳务派遣人员消费水平"],
  ["≥90比率", 'number', '≥', "90", "比率", "≥90比率"],
  ["≥100比率", 'number', '≥', "100", "比率", "≥100比率"],
  ["不超出预算金额", 'text', '定性', "不超出预算金额", "", "不超出预算金额"],
  ["提高残疾人生活水平", 'text', '定性', "提高残疾人生活水平", "", "提高残疾人生活水平"],
  ["提高残疾人就业率", 'text', '定性', "提高残疾人就业率", "", "提高残疾人就业率"],
  ["保障残疾人基本权益", 'text', '定性', "保障残疾人基本权益", "", "保障残疾人基本权益"],
  ["≤180天数", 'number', '≤', "180", "天数", "≤180天数"],
  ["提升法制政府管理水平", 'text', '定性', "提升法制政府管理水平", "", "提升法制政府管理水平"],
  ["保证法制工作有序开展", 'text', '定性', "保证法制工作有序开展", "", "保证法制工作有序开展"],
  ["提升社会稳定水平", 'text', '定性', "提升社会稳定水平", "", "提升社会稳定水平"],
  ["≥6次数", 'number', '≥', "6", "次数", "≥6次数"],
  ["提升应急处置能力", 'text', '定性', "提升应急处置能力", "", "提升应急处置能力"],
  ["保障县内金融环境稳定性", 'text', '定性', "保障县内金融环境稳定性", "", "保障县内金融环境稳定性"],
  ["≥10人数", 'number', '≥', "10", "人数", "≥10人数"],
  ["提高被救助人员生活水平", 'text', '定性', "提高被救助人员生活水平", "", "提高被救助人员生活水平"],
  ["提升公益服务水平", 'text', '定性', "提升公益服务水平", "", "提升公益服务水平"],
  ["提高社会对公益救助活动的重视水平", 'text', '定性', "提高社会对公益救助活动的重视水平", "", "提高社会对公益救助活动的重视水平"],
  ["保证机关正常办公", 'text', '定性', "保证机关正常办公", "", "保证机关正常办公"],
  ["提高办事效率", 'text', '定性', "提高办事效率", "", "提高办事效率"],
  ["提高政务服务水平", 'text', '定性', "提高政务服务水平", "", "提高政务服务水平"],
  ["≤7工作日", 'number', '≤', "7", "工作日", "≤7工作日"],
  ["保障电子政务中心正常运转", 'text', '定性', "保障电子政务中心正常运转", "", "保障电子政务中心正常运转"],
  ["解决群众实际问题，维护社会稳定", 'text', '定性', "解决群众实际问题，维护社会稳定", "", "解决群众实际问题，维护社会稳定"],
];

/** Every distinct 指标值 of seed 004's 34 重大政策和重点项目绩效目标表 (printed in the 2023 layout's >= style). */
const seed004: Row[] = [
  ["3", 'number', '=', "3", "", "3"],
  [">=95%", 'number', '≥', "95", "%", ">=95%"],
  ["2023年12月31日", 'date', '定性', "2023年12月31日", "", "2023年12月31日"],
  [">=90%", 'number', '≥', "90", "%", ">=90%"],
  ["保障工作正常开展", 'text', '定性', "保障工作正常开展", "", "保障工作正常开展"],
  ["343 人", 'number', '=', "343", "人", "343人"],
  ["100%", 'number', '=', "100", "%", "100%"],
  ["2023年12月底", 'date', '定性', "2023年12月底", "", "2023年12月底"],
  ["200", 'number', '=', "200", "", "200"],
  ["职工基本生活得到保障", 'text', '定性', "职工基本生活得到保障", "", "职工基本生活得到保障"],
  ["项目具有可持续性", 'text', '定性', "项目具有可持续性", "", "项目具有可持续性"],
  ["95%", 'number', '=', "95", "%", "95%"],
  ["35%", 'number', '=', "35", "%", "35%"],
  ["0", 'number', '=', "0", "", "0"],
  ["2023年底", 'date', '定性', "2023年底", "", "2023年底"],
  ["54", 'number', '=', "54", "", "54"],
  ["高于去年", 'text', '定性', "高于去年", "", "高于去年"],
  ["≥80%", 'number', '≥', "80", "%", ">=80%"],
  ["319.5", 'number', '=', "319.5", "", "319.5"],
  ["806.31", 'number', '=', "806.31", "", "806.31"],
  ["≤0 次", 'number', '≤', "0", "次", "<=0次"],
  ["1125.81", 'number', '=', "1125.81", "", "1125.81"],
  ["防范政府债务出现区域性、系统性风险", 'text', '定性', "防范政府债务出现区域性、系统性风险", "", "防范政府债务出现区域性、系统性风险"],
  ["2023 年", 'date', '定性', "2023年", "", "2023年"],
  ["10", 'number', '=', "10", "", "10"],
  ["按照文件要求，保质保量完成", 'text', '定性', "按照文件要求，保质保量完成", "", "按照文件要求，保质保量完成"],
  ["100万元", 'number', '=', "100", "万元", "100万元"],
  ["推进地区企业高质量发展", 'text', '定性', "推进地区企业高质量发展", "", "推进地区企业高质量发展"],
  ["企业效益得到提高", 'text', '定性', "企业效益得到提高", "", "企业效益得到提高"],
  ["50件", 'number', '=', "50", "件", "50件"],
  ["50", 'number', '=', "50", "", "50"],
  ["保障2023年度项目评审、评估、绩效评价等工作的顺利开展", 'text', '定性', "保障2023年度项目评审、评估、绩效评价等工作的顺利开展", "", "保障2023年度项目评审、评估、绩效评价等工作的顺利开展"],
  ["2023 年 12\n月 31 日", 'date', '定性', "2023年12月31日", "", "2023年12月31日"],
  ["1 起", 'number', '=', "1", "起", "1起"],
  ["符合相关规定", 'text', '定性', "符合相关规定", "", "符合相关规定"],
  ["20", 'number', '=', "20", "", "20"],
  ["加强", 'text', '定性', "加强", "", "加强"],
  ["有效", 'text', '定性', "有效", "", "有效"],
  ["全部", 'text', '定性', "全部", "", "全部"],
  ["65.85", 'number', '=', "65.85", "", "65.85"],
  ["漏损率降低", 'text', '定性', "漏损率降低", "", "漏损率降低"],
  ["影响时间较长", 'text', '定性', "影响时间较长", "", "影响时间较长"],
  ["2023年12\n月31日", 'date', '定性', "2023年12月31日", "", "2023年12月31日"],
  ["预计全区", 'text', '定性', "预计全区", "", "预计全区"],
  ["是", 'text', '定性', "是", "", "是"],
  ["45", 'number', '=', "45", "", "45"],
  ["查询信息及破案", 'text', '定性', "查询信息及破案", "", "查询信息及破案"],
  ["符合标准", 'text', '定性', "符合标准", "", "符合标准"],
  ["一级A标准", 'text', '定性', "一级A标准", "", "一级A标准"],
  ["按规定执行", 'text', '定性', "按规定执行", "", "按规定执行"],
  ["560", 'number', '=', "560", "", "560"],
  ["显著提升", 'text', '定性', "显著提升", "", "显著提升"],
  ["改善", 'text', '定性', "改善", "", "改善"],
  ["≥95%", 'number', '≥', "95", "%", ">=95%"],
  ["100", 'number', '=', "100", "", "100"],
  ["≥790人", 'number', '≥', "790", "人", ">=790人"],
  ["提升教学质量", 'text', '定性', "提升教学质量", "", "提升教学质量"],
  ["2023年12月", 'date', '定性', "2023年12月", "", "2023年12月"],
  ["146.12", 'number', '=', "146.12", "", "146.12"],
  ["提升学前教育质量", 'text', '定性', "提升学前教育质量", "", "提升学前教育质量"],
  ["≥24人", 'number', '≥', "24", "人", ">=24人"],
  ["合格", 'text', '定性', "合格", "", "合格"],
  ["2023年完成", 'date', '定性', "2023年完成", "", "2023年完成"],
  ["3600人", 'number', '=', "3600", "人", "3600人"],
  ["≥6680台件", 'number', '≥', "6680", "台件", ">=6680台件"],
  ["191.85元/人", 'number', '=', "191.85", "元/人", "191.85元/人"],
  ["1620人", 'number', '=', "1620", "人", "1620人"],
  ["98%", 'number', '=', "98", "%", "98%"],
  ["≥23882台件", 'number', '≥', "23882", "台件", ">=23882台件"],
  ["275.78元/人", 'number', '=', "275.78", "元/人", "275.78元/人"],
  ["2100人", 'number', '=', "2100", "人", "2100人"],
  ["≥1所", 'number', '≥', "1", "所", ">=1所"],
  ["4062.98元/人", 'number', '=', "4062.98", "元/人", "4062.98元/人"],
  ["262人", 'number', '=', "262", "人", "262人"],
  ["150", 'number', '=', "150", "", "150"],
  ["提高我区工业企业整体科技水平", 'text', '定性', "提高我区工业企业整体科技水平", "", "提高我区工业企业整体科技水平"],
  ["企业创新发展有后劲", 'text', '定性', "企业创新发展有后劲", "", "企业创新发展有后劲"],
  ["≧95%", 'number', '≥', "95", "%", ">=95%"],
  ["1300人", 'number', '=', "1300", "人", "1300人"],
  ["120人", 'number', '=', "120", "人", "120人"],
  ["稳步提升", 'text', '定性', "稳步提升", "", "稳步提升"],
  ["48人", 'number', '=', "48", "人", "48人"],
  ["400万元", 'number', '=', "400", "万元", "400万元"],
  ["2023年9月底", 'date', '定性', "2023年9月底", "", "2023年9月底"],
  ["172万元", 'number', '=', "172", "万元", "172万元"],
  ["1613人", 'number', '=', "1613", "人", "1613人"],
  ["4550", 'number', '=', "4550", "", "4550"],
  ["500万元", 'number', '=', "500", "万元", "500万元"],
  ["4.0%", 'number', '=', "4.0", "%", "4.0%"],
  ["148人", 'number', '=', "148", "人", "148人"],
  ["270", 'number', '=', "270", "", "270"],
  ["14项", 'number', '=', "14", "项", "14项"],
  ["2023.12.31\n之前", 'date', '定性', "2023.12.31之前", "", "2023.12.31之前"],
  ["较好", 'text', '定性', "较好", "", "较好"],
  ["可持续", 'text', '定性', "可持续", "", "可持续"],
  ["≥90%", 'number', '≥', "90", "%", ">=90%"],
  ["146万元", 'number', '=', "146", "万元", "146万元"],
  ["促进疫情中社会发展", 'text', '定性', "促进疫情中社会发展", "", "促进疫情中社会发展"],
  ["加强新冠疫情防控工作", 'text', '定性', "加强新冠疫情防控工作", "", "加强新冠疫情防控工作"],
  ["可持续性影响", 'text', '定性', "可持续性影响", "", "可持续性影响"],
  ["7个", 'number', '=', "7", "个", "7个"],
  ["≥75%", 'number', '≥', "75", "%", ">=75%"],
  ["200万元", 'number', '=', "200", "万元", "200万元"],
  ["有效提升", 'text', '定性', "有效提升", "", "有效提升"],
  ["持续提升", 'text', '定性', "持续提升", "", "持续提升"],
  ["123个", 'number', '=', "123", "个", "123个"],
  ["2021年", 'date', '定性', "2021年", "", "2021年"],
  ["完善社会治安综合治理体系，维护社会稳定", 'text', '定性', "完善社会治安综合治理体系，维护社会稳定", "", "完善社会治安综合治理体系，维护社会稳定"],
  ["80%", 'number', '=', "80", "%", "80%"],
  ["2023 年度\n实际发生额", 'text', '定性', "2023年度实际发生额", "", "2023年度实际发生额"],
  ["完成 2023\n年度死亡抚恤金的发放", 'text', '定性', "完成2023年度死亡抚恤金的发放", "", "完成2023年度死亡抚恤金的发放"],
  ["100 万元", 'number', '=', "100", "万元", "100万元"],
  ["减轻家属的生活负担", 'text', '定性', "减轻家属的生活负担", "", "减轻家属的生活负担"],
  ["给予家属经济和精神安慰", 'text', '定性', "给予家属经济和精神安慰", "", "给予家属经济和精神安慰"],
  ["家属满意度", 'text', '定性', "家属满意度", "", "家属满意度"],
  ["5", 'number', '=', "5", "", "5"],
  ["2110", 'number', '=', "2110", "", "2110"],
  ["保障农业社区基本秩序", 'text', '定性', "保障农业社区基本秩序", "", "保障农业社区基本秩序"],
];

/** The examples of the 2019 编报说明 (seed 000/002), printed with ≥. */
const guideExamples: Row[] = [
  ['85%', 'number', '=', '85', '%', '85%'],
  ['≥79%', 'number', '≥', '79', '%', '≥79%'],
  ['80%', 'number', '=', '80', '%', '80%'],
  ['≥69%', 'number', '≥', '69', '%', '≥69%'],
  ['20000年', 'number', '=', '20000', '年', '20000年'],
  ['5000所', 'number', '=', '5000', '所', '5000所'],
  ['平均每年1000万元人次', 'number', '=', '1000', '万元人次', '平均每年1000万元人次'],
  ['1000万人次', 'number', '=', '1000', '万人次', '1000万人次'],
  ['1200万人次', 'number', '=', '1200', '万人次', '1200万人次'],
  ['每年≥90%', 'number', '≥', '90', '%', '每年≥90%'],
  ['≥90%', 'number', '≥', '90', '%', '≥90%'],
  ['办公用房标准', 'text', '定性', '办公用房标准', '', '办公用房标准'],
  ['100%', 'number', '=', '100', '%', '100%'],
  ['每年年底前', 'text', '定性', '每年年底前', '', '每年年底前'],
  ['2019年年底前', 'date', '定性', '2019年年底前', '', '2019年年底前'],
  ['烈士备案当年发放', 'text', '定性', '烈士备案当年发放', '', '烈士备案当年发放'],
  ['≥30万元/个', 'number', '≥', '30', '万元/个', '≥30万元/个'],
  ['40万元/人', 'number', '=', '40', '万元/人', '40万元/人'],
  ['2万元/人', 'number', '=', '2', '万元/人', '2万元/人'],
];

/** Glyph variants clerks' input methods produce. */
const variants: Row[] = [
  ['≧95%', 'number', '≥', '95', '%', '≥95%'],
  ['＞＝95％', 'number', '≥', '95', '%', '≥95%'],
  ['=>95%', 'number', '≥', '95', '%', '≥95%'],
  ['≥ 95 %', 'number', '≥', '95', '%', '≥95%'],
  ['≦７工作日', 'number', '≤', '7', '工作日', '≤7工作日'],
  ['＜＝7天', 'number', '≤', '7', '天', '≤7天'],
  ['＞0', 'number', '>', '0', '', '>0'],
  ['＝100％', 'number', '=', '100', '%', '100%'],
  ['１０人', 'number', '=', '10', '人', '10人'],
  ['1,000人次', 'number', '=', '1000', '人次', '1000人次'],
  ['不低于95%', 'number', '≥', '95', '%', '≥95%'],
  ['不超过3个工作日', 'number', '≤', '3', '个工作日', '≤3个工作日'],
  ['95%以上', 'number', '≥', '95', '%', '≥95%'],
  ['5%以内', 'number', '≤', '5', '%', '≤5%'],
  ['人平5.92万元/年', 'number', '=', '5.92', '万元/年', '人平5.92万元/年'],
  ['按时发放', 'text', '定性', '按时发放', '', '按时发放'],
  ['高于去年', 'text', '定性', '高于去年', '', '高于去年'],
  ['10人（区机关8人，教育2人）', 'text', '定性', '10人（区机关8人，教育2人）', '', '10人（区机关8人，教育2人）'],
  ['2023年度实际发生额', 'text', '定性', '2023年度实际发生额', '', '2023年度实际发生额'],
  ['2019年底完成', 'date', '定性', '2019年底完成', '', '2019年底完成'],
  ['  ', 'empty', '定性', '', '', ''],
];

function expectRow([input, kind, op, value, unit, printed]: Row, style: IndicatorStyle): void {
  const p = parseIndicatorValue(input);
  expect(p.original).toBe(input);
  expect({ kind: p.kind, op: p.op }).toEqual({ kind, op });
  if (kind === 'number') expect({ value: p.value, unit: p.unit }).toEqual({ value, unit });
  else expect(p.text).toBe(value);
  expect(printIndicator(p, style)).toBe(printed);
  // Printed back, it still means the same: same 指标性质, number and unit (比率 = %), or the same text.
  const again = parseIndicatorValue(printed);
  expect({ kind: again.kind, op: again.op, value: again.value, unit: canonicalUnit(again.unit), text: again.text }).toEqual({
    kind: p.kind,
    op: p.op,
    value: p.value,
    unit: canonicalUnit(p.unit),
    text: p.text,
  });
}

describe('parseIndicatorValue / printIndicator', () => {
  it.each(seed003)('seed 003 %j', (...row) => expectRow(row as Row, 'hebei'));
  it.each(seed004)('seed 004 %j', (...row) => expectRow(row as Row, 'ascii'));
  it.each(guideExamples)('编报说明 %j', (...row) => expectRow(row as Row, 'symbol'));
  it.each(variants)('variant %j', (...row) => expectRow(row as Row, 'symbol'));

  it('covers every distinct 指标值 of seeds 003 and 004; seed 003 prints back character for character', () => {
    expect(seed003).toHaveLength(29);
    expect(seed004).toHaveLength(118);
    for (const [input, , , , , printed] of seed003) expect(printed).toBe(input);
  });

  it('dates carry their year (for stale-year checks)', () => {
    expect(parseIndicatorValue('2023 年 12\n月 31 日').year).toBe(2023);
    expect(parseIndicatorValue('2021年').year).toBe(2021);
    expect(parseIndicatorValue('2023.12.31\n之前').year).toBe(2023);
    expect(parseIndicatorValue('完成时限2023年').year).toBeUndefined();
  });

  it('prints one parse in each layout style', () => {
    const hebei = parseIndicatorValue('≥90比率');
    expect([printIndicator(hebei, 'hebei'), printIndicator(hebei, 'ascii'), printIndicator(hebei, 'symbol')]).toEqual(['≥90比率', '>=90%', '≥90%']);
    const district = parseIndicatorValue('>=95%');
    expect([printIndicator(district, 'hebei'), printIndicator(district, 'symbol')]).toEqual(['≥95比率', '≥95%']);
    expect(printIndicator(parseIndicatorValue('343 人'), 'hebei')).toBe('343人数');
    expect(printIndicator(parseIndicatorValue('10人数'), 'ascii')).toBe('10人');
    expect(printIndicator(parseIndicatorValue('≤180天数'), 'symbol')).toBe('≤180天');
    expect(printIndicator(parseIndicatorValue('≤7工作日'), 'ascii')).toBe('<=7工作日');
  });

  it('stores the parts and reads them back, keeping what was pasted', () => {
    const cells = indicatorCells(parseIndicatorValue('≧ 95％'));
    expect(cells).toEqual({ op: '≥', prefix: '', value: '95', unit: '%', original: '≧ 95％' });
    expect(printIndicator(indicatorFromCells(cells), 'ascii')).toBe('>=95%');
    expect(indicatorCells(parseIndicatorValue('支出不超出预算'))).toEqual({ op: '定性', prefix: '', value: '支出不超出预算', unit: '', original: '支出不超出预算' });
    expect(indicatorCells(parseIndicatorValue('每年≥90%'))).toEqual({ op: '≥', prefix: '每年', value: '90', unit: '%', original: '每年≥90%' });
    // A value typed straight into the grid's 指标值 cell is read as if pasted.
    expect(indicatorFromCells({ op: '定性', value: '≤7工作日' })).toMatchObject({ kind: 'number', op: '≤', value: '7', unit: '工作日' });
    expect(indicatorFromCells({ op: '≥', value: '全部' })).toMatchObject({ kind: 'text', text: '≥全部' });
  });

  it('squeezes Word line breaks out of Chinese text but keeps spaces between Latin words and numbers', () => {
    expect(squeezeText('完成 2023\n年度死亡抚恤金的发放')).toBe('完成2023年度死亡抚恤金的发放');
    expect(squeezeText(' Windows 10 系统\u3000')).toBe('Windows 10系统');
  });

  it('tells a stated quantity from a year', () => {
    expect(statesQuantity('短信10000条，通话时长20000分钟')).toBe(true);
    expect(statesQuantity('每月召开党组会不少于1次')).toBe(true);
    expect(statesQuantity('2023年度实际发生额')).toBe(false);
    expect(statesQuantity('2019年12月31日前完成')).toBe(false);
    expect(statesQuantity('据实报销')).toBe(false);
  });
});

describe('indicator tree', () => {
  it('reads 一级 under its names, 效果指标 as 效益指标', () => {
    expect(['产出指标', '效益指标', '效果指标', '效 果 指 标', '满意度指标', '满意度'].map(normaliseLevel1)).toEqual([
      '产出指标',
      '效益指标',
      '效益指标',
      '效益指标',
      '满意度指标',
      '满意度指标',
    ]);
    expect(normaliseLevel1('绩效指标')).toBeUndefined();
  });

  it('reads 二级 kinds however the seeds write them', () => {
    const kinds = ['数量指标', '数量\n指标', '成本 指标', '可持续影响', '可持续性影响', '可持续影响指标', '服务对象满意度指标', '服务对象满意度指\n标', '社会公益或服务对象满意度指标'];
    expect(kinds.map(level2KindOf)).toEqual(['数量', '数量', '成本', '可持续影响', '可持续影响', '可持续影响', '服务对象满意度', '服务对象满意度', '服务对象满意度']);
    expect(level2KindOf('效率指标')).toBeUndefined();
    expect(level1Of('社会效益')).toBe('效益指标');
    expect(level1Of('时效')).toBe('产出指标');
  });
});

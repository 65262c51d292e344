import { describe, expect, it } from 'vitest';
import { shiftYears } from '../../shared/import/years.js';
import { seedText } from '../helpers/print.js';

/** Each sentence is quoted from a seed (the seed and line are named) and must be found there verbatim. */
const seeds = ['000', '001', '002', '004'].map((id) => seedText(id) ?? '').join('\n');
const quoted = (s: string): string => {
  expect(seeds.includes(s), `not in the seeds: ${s}`).toBe(true);
  return s;
};

describe.runIf(seeds.length > 1000)('moving last year’s text into the new budget year', () => {
  it('moves the budget year, and the year a 同比 sentence compares with (seed 001, 2020 → 2021)', () => {
    const s = quoted('“三公”经费预算数增减变动说明：2020 年“三公”经费预算数比 2019 年预算数减少 3.65 万元，主要原因是厉行节约。');
    const r = shiftYears(s, 2020, 2021);
    expect(r.text).toBe('“三公”经费预算数增减变动说明：2021 年“三公”经费预算数比 2020 年预算数减少 3.65 万元，主要原因是厉行节约。');
    expect(r.changes.map((c) => [c.from, c.to])).toEqual([
      ['2020', '2021'],
      ['2019', '2020'],
    ]);
    expect(shiftYears(quoted('（一）收入预算：2020 年年初预算数 508.93 万元'), 2020, 2021).text).toBe('（一）收入预算：2021 年年初预算数 508.93 万元');
    expect(shiftYears(quoted('2020 年度本部门无政府性基金预算安排的支出。'), 2020, 2021).text).toBe('2021 年度本部门无政府性基金预算安排的支出。');
  });

  it('keeps document numbers (seed 001 〔2019〕39号, seed 004 [2008]394号) and titles of documents', () => {
    const s = quoted('（株石办发〔2019〕39号）');
    const r = shiftYears(s, 2019, 2020);
    expect(r.text).toBe(s);
    expect(r.kept).toEqual([{ at: 6, year: '2019', reason: '文号' }]);
    const hebei = quoted('根据唐政办函[2008]394、395号文件');
    expect(shiftYears(hebei, 2008, 2009)).toMatchObject({ text: hebei, changes: [], kept: [{ reason: '文号' }] });
    const book = quoted('《河北省政府集中采购目录及标准（2022年版）》');
    expect(shiftYears(book, 2022, 2023)).toMatchObject({ text: book, changes: [], kept: [{ reason: '文件名称' }] });
  });

  it('keeps 实施期 ranges (seed 000 编报说明 and its example tables) but moves a single budget year', () => {
    const range = quoted('专项三年一设，一般情况是2019年—2021年、根据专项资金具体情况填写。');
    expect(shiftYears(range, 2019, 2020)).toMatchObject({ text: range, changes: [], kept: [{ year: '2019', reason: '起止年度' }] });
    const period = quoted('实施期（2019年-2021年）');
    expect(shiftYears(period, 2019, 2020).text).toBe(period);
    // A 时效 indicator names the budget year: it moves.
    expect(shiftYears(quoted('2019年年底前'), 2019, 2020).text).toBe('2020年年底前');
    expect(shiftYears(quoted('完成2019年提案、建议共116件的办理工作'), 2019, 2020).text).toBe('完成2020年提案、建议共116件的办理工作');
    expect(shiftYears(quoted('2019年底完成'), 2019, 2020).text).toBe('2020年底完成');
  });

  it('keeps dates of past events and moves deadlines in the budget year (seed 004, 2023 → 2024)', () => {
    const debt = quoted('截至2022年底，政府债务余额为76820万元，2023年应偿还债务本息4469万元');
    const r = shiftYears(debt, 2023, 2024);
    expect(r.text).toBe('截至2022年底，政府债务余额为76820万元，2024年应偿还债务本息4469万元');
    // As if the text were a year older: the 截至 date is still a past event.
    expect(shiftYears(debt, 2022, 2023)).toMatchObject({ text: debt, changes: [], kept: [{ year: '2022', reason: '过去的日期' }] });
    expect(shiftYears(quoted('2023年9月底前完成与市平台对接工作'), 2023, 2024).text).toBe('2024年9月底前完成与市平台对接工作');
    expect(shiftYears(quoted('2023.12.31'), 2023, 2024).text).toBe('2024.12.31');
    expect(shiftYears(quoted('改制列入过渡范围单位的2003年3月2日前退休人员'), 2003, 2004).kept).toEqual([{ at: 11, year: '2003', reason: '过去的日期' }]);
    const law = quoted('按照 2015 年 1 月 1 日起施行的新《预算法》');
    expect(shiftYears(law, 2015, 2016).text).toBe(law);
    // 截止 2019 年 12 月 31 日 in the 2020 document names last year's end: not a comparison, left as written.
    const assets = quoted('截止 2019 年 12 月 31 日，本部门共有办公及业务用房 210 平方米');
    expect(shiftYears(assets, 2020, 2021).text).toBe(assets);
  });

  it('keeps the width of the digits, ignores numbers that are no years, and changes nothing within one year', () => {
    expect(shiftYears('２０１９年区级专项资金预算绩效目标汇总表', 2019, 2020).text).toBe('２０２０年区级专项资金预算绩效目标汇总表');
    const counts = quoted('短信10000条，通话时长20000分钟');
    expect(shiftYears(counts, 2000, 2001).text).toBe(counts);
    expect(shiftYears('人员2019名', 2019, 2020).text).toBe('人员2019名');
    expect(shiftYears('完成 2023\n年度死亡抚恤金的发放', 2023, 2024).text).toBe('完成 2024\n年度死亡抚恤金的发放');
    const same = shiftYears('2020 年预算安排培训费 2.3 万元', 2020, 2020);
    expect(same).toEqual({ text: '2020 年预算安排培训费 2.3 万元', changes: [], kept: [] });
  });
});

import { Dec, toUnit } from '../../money/decimal.js';
import type { MoneyUnit } from '../../tables/schema.js';
import type { FindingList } from '../findings.js';
import { canonicalUnit, parseIndicatorValue, squeezeText, statesQuantity } from '../indicator.js';
import { itemWhere, type IndicatorItem, type Owner, type PerfInput } from '../owners.js';

/**
 * Each indicator on its own: 产出 quantified with a unit that fits the value (28.8万元 with unit % is
 * wrong), 时效 dates in the budget year, 年度 values consistent with 实施期 values, no value that only
 * repeats the indicator's name.
 */

type Add = (item: IndicatorItem, rule: string, severity: 'error' | 'warning' | 'hint', column: string, message: string) => void;

function adder(owner: Owner, out: FindingList): Add {
  return (item, rule, severity, column, message) =>
    out.add({ rule, severity, store: item.store, row: item.row, column: item.column ?? column, where: itemWhere(owner, item), owner: owner.row, message });
}

const quoted = (item: IndicatorItem): string => `“${item.valueText}”`;

/** A counting word in the indicator's name gives the unit of a bare number: 保障的农业社区个数 5 means 5个. */
const UNIT_IN_NAME = /(个数|人数|次数|户数|家数|件数|台数|套数|天数|项数|所数|辆数|场次|人次|户次)$/;

/**
 * Bare figures of one project that add up exactly to its 预算数 are money in the table's unit (一般债券本息:
 * 支付到期本金款 319.5 + 支付到期利息款 806.31 = 1125.81 万元), not counts without a unit.
 */
function bareMoney(owner: Owner, unit: MoneyUnit): Set<IndicatorItem> {
  const bare = owner.indicators.filter((i) => i.kind === '数量' && i.parsed.kind === 'number' && (i.parsed.unit ?? '') === '');
  if (bare.length === 0 || owner.amount === null) return new Set();
  const sum = bare.reduce((acc, i) => acc.plus(i.parsed.value!), new Dec(0));
  return sum.eq(toUnit(owner.amount, unit)) ? new Set(bare) : new Set();
}

function checkQuantified(owner: Owner, item: IndicatorItem, add: Add, money: Set<IndicatorItem>): boolean {
  const where = itemWhere(owner, item);
  const quantified = item.parsed.kind === 'number' || statesQuantity(item.valueText);
  if (item.valueText === '') {
    if (item.kind === '数量' || item.kind === '成本' || item.kind === '服务对象满意度') add(item, 'perf.no-number', 'warning', 'value', `${where}没有填写指标值。请填写可衡量的目标值。`);
    return false;
  }
  if (!quantified) {
    const advice: Partial<Record<string, string>> = {
      数量: '数量指标应写明数量和计量单位（如“10人”“≥6次”）',
      成本: '成本指标应写明金额（如“20万元”“2万元/人”），“不超出预算”之类的表述无法衡量成本',
      服务对象满意度: '满意度指标应写明比例（如“≥90%”）',
    };
    const text = item.kind ? advice[item.kind] : undefined;
    if (text) {
      add(item, 'perf.no-number', 'warning', 'value', `${where}的指标值${quoted(item)}没有量化。${text}。`);
      return false;
    }
  }
  if (item.kind === '数量' && item.parsed.kind === 'number' && (item.parsed.unit ?? '') === '' && !UNIT_IN_NAME.test(squeezeText(item.name)) && !money.has(item)) {
    const v = item.parsed.value!;
    add(item, 'perf.no-unit', 'warning', 'value', `${where}的指标值“${v}”只有数字，没有计量单位。请写明单位（如“${v}个”“${v}人”“${v}万元”）。`);
    return false;
  }
  return true;
}

const RATE_NAME = /(?:率|比率|比例|占比)(?:（%）|\(%\)|%)?$/;
/** Names of counted quantities; a name ending in 量 (填埋处置量) counts too, 质量 does not. */
const COUNT_NAME = /人数|户数|个数|次数|数量|件数|项数|家数|台数|套数|(?<!质)量$/;
const DEADLINE_NAME = /时限|时间|日期/;
const RATIO_FORMULA = /[*×xX]\s*100\s*[%％]/;

function checkUnitFits(owner: Owner, item: IndicatorItem, add: Add): void {
  const where = itemWhere(owner, item);
  const p = item.parsed;
  const unit = p.kind === 'number' ? canonicalUnit(p.unit) : '';
  const cells = item.cells;
  if (cells && cells.op !== '定性' && (cells.unit ?? '').trim() !== '') {
    const inValue = parseIndicatorValue(cells.value ?? '');
    if (inValue.kind === 'number' && (inValue.unit ?? '') !== '' && canonicalUnit(inValue.unit) !== canonicalUnit(cells.unit)) {
      add(item, 'perf.unit-mismatch', 'warning', 'unit', `${where}的指标值“${cells.value}”自带单位“${inValue.unit}”，与计量单位“${cells.unit}”矛盾。请只保留一个正确的单位。`);
      return;
    }
  }
  if (item.kind === '成本' && unit === '%') {
    add(item, 'perf.unit-mismatch', 'warning', 'value', `${where}的指标值${quoted(item)}是百分比，但成本指标反映的是所需成本。请填写金额（如“20万元”“2万元/人”），比率类指标请放在质量或时效指标中。`);
    return;
  }
  if (RATE_NAME.test(item.name) && p.kind === 'number' && unit !== '' && unit !== '%') {
    add(item, 'perf.unit-mismatch', 'warning', 'value', `${where}是比率类指标，指标值${quoted(item)}却以“${p.unit}”计。请改用百分比，或改正指标名称。`);
    return;
  }
  if (COUNT_NAME.test(item.name) && !/率/.test(item.name) && unit === '%') {
    add(item, 'perf.unit-mismatch', 'warning', 'value', `${where}是数量类指标，指标值${quoted(item)}却是百分比。请填写具体数量和单位（如“20个”“300户”）。`);
    return;
  }
  if (item.kind === '时效' && DEADLINE_NAME.test(item.name) && unit === '%') {
    add(item, 'perf.unit-mismatch', 'warning', 'value', `${where}是完成时限，指标值${quoted(item)}却是百分比。请填写完成日期（如“12月31日前”）。`);
    return;
  }
  if (RATIO_FORMULA.test(item.desc) && p.kind === 'text') {
    add(item, 'perf.unit-mismatch', 'warning', 'value', `${where}的描述是比率公式（…×100%），指标值${quoted(item)}却不是百分比。请按公式填写目标比率（如“100%”）。`);
  }
}

function checkTimeliness(owner: Owner, item: IndicatorItem, input: PerfInput, add: Add): void {
  if (item.kind !== '时效') return;
  const leading = /^((?:19|20)\d{2})年/.exec(item.valueText.normalize('NFKC'));
  const year = item.parsed.kind === 'date' ? item.parsed.year : leading ? Number(leading[1]) : undefined;
  // A 尾款 (final payment) project pays this year for work finished earlier: its past 完成时限 is right.
  const finalPayment = ['name', 'purpose', 'goal'].some((k) => (owner.cells[k] ?? '').includes('尾款'));
  if (year !== undefined && year < input.year && !finalPayment) {
    add(item, 'perf.time-year', 'warning', 'value', `${itemWhere(owner, item)}的时限${quoted(item)}早于预算年度${input.year}年，可能沿用了往年的表格。请改为${input.year}年内的时限。`);
  }
}

const QUALITATIVE_OK = new Set(['质量', '经济效益', '社会效益', '生态效益', '可持续影响']);

function checkRepeatsName(owner: Owner, item: IndicatorItem, add: Add): void {
  if (!item.kind || !QUALITATIVE_OK.has(item.kind) || item.parsed.kind !== 'text' || item.name === '') return;
  if (squeezeText(item.valueText) !== squeezeText(item.name)) return;
  add(
    item,
    'perf.value-is-name',
    'hint',
    'value',
    `${itemWhere(owner, item)}的指标值只重复了指标名称，没有给出可衡量的目标。请写明预期达到的程度或数值（如“办结时限缩短至5个工作日”“≥90%”）。`,
  );
}

function checkNameDesc(owner: Owner, item: IndicatorItem, add: Add): void {
  if (item.name === '' || item.desc === '') return;
  const digits = (t: string): string[] => t.match(/\d+(?:\.\d+)?/g) ?? [];
  const shape = (t: string): string => t.replace(/\d+(?:\.\d+)?/g, '#');
  const a = digits(item.name);
  const b = digits(item.desc);
  if (a.length === 0 || shape(item.name) !== shape(item.desc) || a.join() === b.join()) return;
  add(item, 'perf.name-desc-numbers', 'warning', 'desc', `${itemWhere(owner, item)}：指标名称中的数字（${a.join('、')}）与指标描述中的数字（${b.join('、')}）不一致。请核对后统一。`);
}

function checkPeriodValue(owner: Owner, item: IndicatorItem, add: Add): void {
  if (item.periodValue === '' || item.parsed.kind !== 'number') return;
  const period = parseIndicatorValue(item.periodValue);
  if (period.kind !== 'number') return;
  const where = itemWhere(owner, item);
  const yearUnit = canonicalUnit(item.parsed.unit);
  const periodUnit = canonicalUnit(period.unit);
  if (yearUnit !== periodUnit && yearUnit !== '' && periodUnit !== '') {
    add(item, 'perf.period-value', 'warning', 'periodValue', `${where}的年度指标值${quoted(item)}与实施期指标值“${item.periodValue}”单位不同（${item.parsed.unit} / ${period.unit}）。请核对：同一指标的年度值和实施期值应使用同一单位。`);
    return;
  }
  const cumulative = yearUnit !== '%' && (item.parsed.op === '≥' || item.parsed.op === '=' || item.parsed.op === '>');
  if (cumulative && Number(item.parsed.value) > Number(period.value)) {
    add(item, 'perf.period-value', 'warning', 'periodValue', `${where}的年度指标值${quoted(item)}大于整个实施期的指标值“${item.periodValue}”。年度值是实施期的一部分，请核对是否填反。`);
  }
}

export function checkIndicatorValues(owners: Owner[], input: PerfInput, out: FindingList): void {
  for (const owner of owners) {
    const add = adder(owner, out);
    const money = bareMoney(owner, input.moneyUnit);
    for (const item of owner.indicators) {
      if (checkQuantified(owner, item, add, money)) checkUnitFits(owner, item, add);
      checkTimeliness(owner, item, input, add);
      checkRepeatsName(owner, item, add);
      checkNameDesc(owner, item, add);
      checkPeriodValue(owner, item, add);
    }
  }
}

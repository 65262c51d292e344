/**
 * The vocabulary a table set speaks: text placeholders and the fact dimensions its queries filter on.
 * This one table is read by the set validator (shared/tables/validate.ts), the fact matcher
 * (shared/derive/match.ts), the labels of problems and drill-downs, and the enum options of the model
 * tables (a column with `optionsFrom` lists a dimension's values), so a new dimension or value is one
 * entry here and nothing else.
 *
 * ── Text placeholders ────────────────────────────────────────────────────────────────────────────
 * Titles, notes, emptyNote, unitLine and form cell text may contain:
 *   {year} {prevYear} {deptName} {unitCode} {scope}   from the workbook meta ({scope}: 编报范围, e.g. 本级)
 * and, only in a form with `repeatFor` (one printed table per record):
 *   {index}          1-based position of the record (the "1." in "1.劳务派遣人员报酬经费绩效目标表")
 *   {item.<field>}   a field of the record, e.g. {item.name}; the record's fields are the form's field names
 *
 * ── Fact queries ─────────────────────────────────────────────────────────────────────────────────
 * Every derived number is `sum(amount)` over the atomic budget facts that match a FactQuery: a measure
 * and a filter whose keys are the dimensions below, ANDed; an array value means "any of".
 *   'income'   budget income facts (部门收入), each with a fundSource (and unit).
 *   'expense'  expenditure lines: 功能分类项 × 经济分类款 × fundSource × nature (+ project), with amount.
 *              Tables that show income split by function (national 收入总表) use 'expense' by fundSource:
 *              a department's income is budgeted onto function codes through its spending.
 * A layout without a column for some fund source folds it into its catch-all column (Hunan's 其他收入 is
 * ['capital','business','operating','other']) so every table still ties to the totals.
 *
 * Derived rows add their own value to every query of the row: a functionClass row adds funcCode=<row code>
 * (prefix), an economicClass row econCode, a govEconomicClass row govEconCode, a project row project,
 * a projectCategory row projectCategory, a unit row unit. The body filter is ANDed into every query too.
 */

export const placeholderNames = ['year', 'prevYear', 'deptName', 'unitCode', 'scope'] as const;
export const repeatPlaceholderNames = ['index'] as const;

/** Collections a repeated form can iterate over (one printed table per record). */
export const formCollections = ['projects'] as const;

export const factMeasures = ['income', 'expense'] as const;
export type FactMeasure = (typeof factMeasures)[number];

/** One value of an enumerated dimension. `pick: false` marks a group a fact never carries itself. */
export interface DimensionValue {
  value: string;
  label: string;
  /** Other spellings clerks type or paste for this value. */
  aliases?: readonly string[];
  pick?: false;
  /** Role values: the 部门预算支出经济分类 款 that carry the role. */
  codes?: readonly string[];
}

/**
 * How a filter value matches a fact's value:
 *   hierarchical  'a' matches 'a' and every 'a.*' ('general' covers 'general.nonTax.fee');
 *   prefix        classification codes: '201' = the whole 类, '20103' = 款, '2010301' = 项;
 *   exact         equal strings.
 */
export type DimensionMatch = 'hierarchical' | 'prefix' | 'exact';

export interface DimensionDef {
  /** What the tables call it, for messages. */
  label: string;
  match: DimensionMatch;
  /** Enumerated dimensions: every value a filter may name. Absent = free values (ids, names). */
  values?: readonly DimensionValue[];
  /** Prefix dimensions: the code lengths a filter may name. */
  digits?: readonly number[];
  /** Income facts know only these dimensions; every dimension applies to expense facts. */
  income?: true;
}

/** 资金来源. Facts carry the most specific value that applies. */
const fundSourceValues: readonly DimensionValue[] = [
  { value: 'general', label: '一般公共预算拨款', pick: false },
  // 附件1 prints 一般公共预算拨款 over 经费拨款 and the non-tax lines; typed alone it means 经费拨款.
  { value: 'general.appropriation', label: '经费拨款', aliases: ['一般公共预算拨款', '一般公共预算', '一般预算拨款', '公共预算拨款', '财政拨款', '财政经费拨款', '经费拨款收入'] },
  { value: 'general.nonTax', label: '纳入一般公共预算管理的非税收入拨款', pick: false },
  { value: 'general.nonTax.fee', label: '行政事业性收费收入', aliases: ['行政事业性收费', '行政性收费', '事业性收费', '收费收入'] },
  { value: 'general.nonTax.special', label: '专项收入', aliases: ['专项收入拨款'] },
  { value: 'general.nonTax.asset', label: '国有资源（资产）有偿使用收入', aliases: ['国有资源(资产)有偿使用收入', '国有资源有偿使用收入', '国有资产有偿使用收入', '有偿使用收入'] },
  { value: 'general.nonTax.other', label: '其他各项收入拨款', aliases: ['其他各项收入'] },
  // 附件1/2 print 政府性基金拨款.
  { value: 'fund', label: '政府性基金预算拨款', aliases: ['政府性基金拨款', '政府性基金', '基金预算拨款', '基金拨款', '基金'] },
  { value: 'capital', label: '国有资本经营预算拨款', aliases: ['国有资本经营预算', '国有资本经营拨款', '国有资本经营收入', '国资预算'] },
  { value: 'specialAccount', label: '纳入专户管理的非税收入拨款', aliases: ['财政专户管理的非税收入拨款', '纳入专户管理的非税收入', '专户管理的非税收入', '财政专户管理资金', '财政专户', '专户'] },
  { value: 'business', label: '事业收入' },
  { value: 'operating', label: '事业单位经营收入', aliases: ['经营收入'] },
  { value: 'other', label: '其他收入', aliases: ['上级补助收入', '附属单位上缴收入'] },
  { value: 'carryover', label: '上年结转', pick: false },
  { value: 'carryover.general', label: '上年结转（一般公共预算）', aliases: ['上年结转(一般公共预算)', '一般公共预算上年结转', '一般公共预算结转'] },
  { value: 'carryover.fund', label: '上年结转（政府性基金）', aliases: ['上年结转(政府性基金)', '政府性基金上年结转', '基金结转'] },
  { value: 'carryover.capital', label: '上年结转（国有资本经营）', aliases: ['上年结转(国有资本经营)', '国有资本经营上年结转'] },
  { value: 'carryover.other', label: '上年结转（其他资金）', aliases: ['上年结转(其他资金)', '其他资金上年结转'] },
];

/**
 * The dimensions of a fact, keyed by the filter key (which is also the fact's field name).
 * (No separate 'econClass' key: the 经济分类 类 is econCode with a 3-digit prefix.)
 */
export const factDimensions = {
  fundSource: { label: '资金来源', match: 'hierarchical', values: fundSourceValues, income: true },
  /** 支出性质: 基本支出 (人员经费 | 公用经费) or 项目支出. */
  nature: {
    label: '支出性质',
    match: 'hierarchical',
    values: [
      { value: 'basic', label: '基本支出', pick: false },
      // The 公开说明 calls them 人员支出 and 公用支出.
      { value: 'basic.personnel', label: '人员经费', aliases: ['人员支出'] },
      { value: 'basic.public', label: '公用经费', aliases: ['公用支出', '日常公用经费'] },
      { value: 'project', label: '项目支出', aliases: ['项目经费', '专项支出'] },
    ],
  },
  funcCode: { label: '支出功能分类科目', match: 'prefix', digits: [3, 5, 7] },
  econCode: { label: '部门预算支出经济分类科目', match: 'prefix', digits: [3, 5] },
  govEconCode: { label: '政府预算支出经济分类科目', match: 'prefix', digits: [3, 5] },
  project: { label: '项目', match: 'exact' },
  /** 项目类别 as printed (e.g. 业务性专项经费). */
  projectCategory: { label: '项目类别', match: 'exact' },
  /** 预算单位 code. */
  unit: { label: '预算单位', match: 'exact', income: true },
  /**
   * What a 经济分类 款 is spent on, for the 三公 and 会议费/培训费 columns: layouts name the role, not the
   * code, so the columns stay right whatever the year's codes. A line's role comes from its econCode.
   */
  econRole: {
    label: '经济分类用途',
    match: 'exact',
    values: [
      { value: 'abroad', label: '因公出国（境）费', codes: ['30212'] },
      { value: 'reception', label: '公务接待费', codes: ['30217'] },
      { value: 'vehiclePurchase', label: '公务用车购置费', codes: ['31013'] },
      { value: 'vehicleRun', label: '公务用车运行维护费', codes: ['30231'] },
      { value: 'meeting', label: '会议费', codes: ['30215'] },
      { value: 'training', label: '培训费', codes: ['30216'] },
    ],
  },
  /**
   * 单位性质 of the fact's 预算单位 (facts of a workbook that lists no units have ''): 机关运行经费 is the
   * 公用经费 of 行政单位 and 参照公务员法管理事业单位 only.
   */
  unitType: {
    label: '单位性质',
    match: 'exact',
    values: [
      { value: 'admin', label: '行政单位' },
      { value: 'civilServant', label: '参照公务员法管理事业单位' },
      { value: 'institution', label: '事业单位' },
    ],
    income: true,
  },
} as const satisfies Record<string, DimensionDef>;

export type FactDimension = keyof typeof factDimensions;
export const factDimensionKeys = Object.keys(factDimensions) as FactDimension[];

export function dimension(key: string): DimensionDef | undefined {
  return Object.hasOwn(factDimensions, key) ? (factDimensions as Record<string, DimensionDef>)[key] : undefined;
}

/** The econRole of a 部门预算支出经济分类 code ('' when it has none), by the usual codes above. */
const roleByCode = new Map<string, string>(factDimensions.econRole.values.flatMap((v) => v.codes.map((c) => [c, v.value] as const)));
export function econRoleOf(econCode: string): string {
  return roleByCode.get(econCode) ?? '';
}

/**
 * The econRole lookup of a year's 经济分类 list: a list whose entries name their roles (a bureau's list
 * issued with its set) decides alone, so its own codes map and a code it gives no role has none;
 * a list without roles keeps the usual codes.
 */
export function econRoleLookup(entries: readonly { code: string; role?: string }[] | undefined): (econCode: string) => string {
  const own = new Map<string, string>();
  for (const e of entries ?? []) if (e.role) own.set(e.code, e.role);
  return own.size === 0 ? econRoleOf : (code) => own.get(code) ?? '';
}

/** 单位级次 of a 预算单位 (not a fact dimension: facts carry the unit itself). */
export const unitKinds: readonly DimensionValue[] = [
  { value: 'self', label: '本级' },
  { value: 'subordinate', label: '下属单位' },
];

/** Enum lists a model column can take its options from (`optionsFrom`). */
export const optionLists: Record<string, readonly DimensionValue[]> = {
  fundSource: factDimensions.fundSource.values,
  nature: factDimensions.nature.values,
  unitType: factDimensions.unitType.values,
  unitKind: unitKinds,
};

/** Label of a dimension's value in Chinese ('general' → 一般公共预算拨款); undefined when unknown. */
export function valueLabel(key: FactDimension | 'unitKind', value: string): string | undefined {
  const values = key === 'unitKind' ? unitKinds : (factDimensions[key] as DimensionDef).values;
  return values?.find((v) => v.value === value)?.label;
}

/** Hierarchical match used by fundSource and nature: 'general' matches 'general.nonTax.fee'. */
export function hierarchicalMatch(filterValue: string, factValue: string): boolean {
  return factValue === filterValue || factValue.startsWith(`${filterValue}.`);
}

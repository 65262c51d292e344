import type { GridRow } from '../workbook/types.js';

/** The model tables (shared/tables/model/budget.json) that hold the atomic budget facts. */
export const FACT_TABLES = {
  units: 'fact-units',
  income: 'fact-income',
  lines: 'fact-lines',
  projects: 'fact-projects',
  info: 'fact-info',
} as const;

/** Rows by storage table id: the fact tables above plus the stores of layouts with input cells. */
export type ModelRows = Record<string, readonly GridRow[] | undefined>;

/** How the clerk's 单位级次 / 单位性质 enum values read in Chinese (budget.json options). */
export const unitKindLabels: Record<string, string> = { self: '本级', subordinate: '下属单位' };
export const unitTypeLabels: Record<string, string> = {
  admin: '行政单位',
  civilServant: '参照公务员法管理事业单位',
  institution: '事业单位',
};

/** fundSource values as the tables name them, for problem messages and drill labels. */
export const fundSourceLabels: Record<string, string> = {
  general: '一般公共预算拨款',
  'general.appropriation': '经费拨款',
  'general.nonTax': '纳入一般公共预算管理的非税收入拨款',
  'general.nonTax.fee': '行政事业性收费收入',
  'general.nonTax.special': '专项收入',
  'general.nonTax.asset': '国有资源（资产）有偿使用收入',
  'general.nonTax.other': '其他各项收入拨款',
  fund: '政府性基金预算拨款',
  capital: '国有资本经营预算拨款',
  specialAccount: '纳入专户管理的非税收入拨款',
  business: '事业收入',
  operating: '事业单位经营收入',
  other: '其他收入',
  carryover: '上年结转',
  'carryover.general': '上年结转（一般公共预算）',
  'carryover.fund': '上年结转（政府性基金）',
  'carryover.capital': '上年结转（国有资本经营）',
  'carryover.other': '上年结转（其他资金）',
};

export const natureLabels: Record<string, string> = {
  basic: '基本支出',
  'basic.personnel': '人员经费',
  'basic.public': '公用经费',
  project: '项目支出',
};

import { editText, formatNumber, toUnit } from '../money/decimal.js';
import type { Dec } from '../money/decimal.js';
import type { MoneyUnit } from '../tables/schema.js';

export type Severity = 'error' | 'warning' | 'hint';

/** One thing a reviewer would send back, pointing at the row (and column) to fix. */
export interface Finding {
  /** Stable: the rule id and the row (and column), so a finding keeps its id across runs. */
  id: string;
  rule: string;
  severity: Severity;
  /** Chinese: what is wrong and what to do. */
  message: string;
  /** The table to open: a layout of the workbook's set where one shows the row, else the model table. */
  table: string;
  /** The model table that holds the row. */
  store: string;
  row: string | null;
  column: string | null;
  /** Where, in words: 项目“政府业务费” › 成本指标“控制在预算金额内”. */
  where: string;
  /** For an indicator row: the row id of the project (or other owner) it belongs to. */
  owner?: string;
}

export type FindingInput = Omit<Finding, 'id' | 'table'>;

/** Collects findings and gives each a unique stable id. */
export class FindingList {
  readonly items: Finding[] = [];
  private readonly ids = new Set<string>();

  add(f: FindingInput): void {
    const base = `${f.rule}:${f.row ?? f.store}${f.column ? `:${f.column}` : ''}`;
    let id = base;
    for (let n = 2; this.ids.has(id); n += 1) id = `${base}#${n}`;
    this.ids.add(id);
    this.items.push({ id, table: f.store, ...f });
  }
}

/** A stored 元 amount in the workbook's unit, exact: "2470万元". */
export function moneyText(value: Dec, unit: MoneyUnit): string {
  return `${editText(value.toFixed(), unit)}${unit}`;
}

/** A computed amount, rounded to 分 of the display unit as the tables print it: "106.45万元". */
export function roundedMoneyText(value: Dec, unit: MoneyUnit): string {
  return `${formatNumber(toUnit(value, unit), 2, false)}${unit}`;
}

export const severityLabels: Record<Severity, string> = { error: '错误', warning: '警告', hint: '提示' };

import { Dec, formatNumber, toUnit } from '../money/decimal.js';
import type { MoneyUnit } from '../tables/schema.js';
import type { CheckFinding, FindingCell, Rule, Severity } from './rule.js';

/** What an evaluator reports; the sink adds the rule id, the default severity and a stable id. */
export interface FindingInput {
  /** Distinguishes findings of one rule (a row key, a store:row); part of the stable id. */
  at: string;
  message: string;
  cells: FindingCell[];
  severity?: Severity;
  expected?: string;
  actual?: string;
  difference?: string;
  /** A 说明 finding: the key of the sentence it is about. */
  sentence?: string;
}

export class FindingSink {
  readonly items: CheckFinding[] = [];
  private readonly ids = new Set<string>();

  constructor(private readonly rule: Rule) {}

  add(f: FindingInput): void {
    const base = `${this.rule.id}:${f.at}`;
    let id = base;
    for (let n = 2; this.ids.has(id); n += 1) id = `${base}#${n}`;
    this.ids.add(id);
    const first = f.cells[0];
    const finding: CheckFinding = {
      id,
      rule: this.rule.id,
      severity: f.severity ?? this.rule.severity,
      message: f.message,
      table: first?.table ?? null,
      row: first?.row ?? null,
      column: first?.column ?? null,
      cells: f.cells,
    };
    if (f.expected !== undefined) finding.expected = f.expected;
    if (f.actual !== undefined) finding.actual = f.actual;
    if (f.difference !== undefined) finding.difference = f.difference;
    if (f.sentence !== undefined) finding.sentence = f.sentence;
    this.items.push(finding);
  }
}

/** An exact 元 amount as the tables print it, without the unit: "508.93". */
export function shownAmount(value元: Dec, unit: MoneyUnit): string {
  return formatNumber(toUnit(value元, unit), 2);
}

/** With its unit, for expected/actual/difference: "508.93 万元". */
export function amountWithUnit(value元: Dec, unit: MoneyUnit): string {
  return `${shownAmount(value元, unit)} ${unit}`;
}

/** What one printed figure can hide by rounding to 2 decimals of the display unit, in 元. */
export function displayStep(unit: MoneyUnit): Dec {
  return new Dec(unit === '万元' ? 100 : 0.01);
}

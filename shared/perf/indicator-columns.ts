import type { TableDef } from '../tables/schema.js';
import { directionIndicatorColumns, level2KindOf, level2Label, type Level2Kind } from './tree.js';

/**
 * Tables that hold indicators as text columns, one per 二级 kind (专项资金支出方向绩效目标表): which of
 * the 9 columns a definition shows, and where an indicator from the 指标库 goes.
 */

export function indicatorColumnsOf(def: TableDef): { key: string; kind: Level2Kind }[] {
  const shown = new Set(def.columns.filter((c) => !c.hidden).map((c) => c.key));
  return directionIndicatorColumns.filter((c) => shown.has(c.key));
}

/** The column for an indicator of this 二级 (数量 / 数量指标 → indQuantity), or an error naming the kinds the table has. */
export function indicatorColumnFor(def: TableDef, level2: string): { key: string } | { error: string } {
  const kind = level2KindOf(level2);
  const columns = indicatorColumnsOf(def);
  const hit = kind && columns.find((c) => c.kind === kind);
  if (hit) return { key: hit.key };
  return { error: `本表没有“${level2}”这一栏，只能填写：${columns.map((c) => level2Label(c.kind)).join('、')}。` };
}

/** The cell text after adding one indicator ("参会人员满意度≥90%"), on a line of its own after what is there. */
export function appendIndicator(existing: string, name: string, value: string): string {
  const line = `${name.trim()}${value.trim()}`;
  const before = existing.trim();
  return before === '' ? line : `${before}\n${line}`;
}

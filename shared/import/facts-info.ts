import type { Dec as Decimal } from '../money/decimal.js';
import { nextYearInfo, sumField, type NextYearInfo } from '../narrative/render.js';
import type { TableSet } from '../tables/schema.js';
import type { Observation } from './facts-constraints.js';

/**
 * A published document brought into the next year: the 上年 amounts of 部门基本情况 (上年机关运行经费, 上年
 * “三公”经费 items) as the file prints them. The set's 说明 template names them by its `change` pairs, as it
 * does for a workbook (narrative/render.ts nextYearInfo, which this calls); a figure the template takes from a printed table
 * is read from that table's cell in the file, a sum from its parts as the 说明 sums them (sumField). What the file does not print is left out.
 */
export function nextYearInfoFromFile(set: TableSet, observations: readonly Observation[]): NextYearInfo[] {
  const template = set.narrative;
  if (!template) return [];
  const printed = new Map(observations.map((o) => [`${o.tableId}|${o.rowKey}|${o.col}`, o.value]));
  const value = (name: string, depth = 0): Decimal | null => {
    const def = template.fields[name];
    if (!def || depth > 8) return null;
    if ('table' in def) {
      for (const t of set.tables.filter((x) => x.role === def.table)) {
        const v = printed.get(`${t.id}|${def.row}|${def.col}`);
        if (v !== undefined) return v;
      }
      return null;
    }
    return 'sum' in def ? sumField(def, (part) => value(part, depth + 1)) : null;
  };
  return nextYearInfo(template, (field) => value(field));
}

import { sumFigures } from '../../../shared/print/format';
import type { MoneyUnit } from '../../../shared/tables/schema';
import { provisionalValue, type GridColumn } from './columns';
import type { DisplayRow } from './pending';

/**
 * The 合计 row, summed exactly from stored values (元 for money) and printed like the cells (shared/print,
 * as the exports print it). Texts typed but not yet confirmed count as what they will be stored as, so the
 * total follows the clerk's typing.
 */
export function totalTexts(rows: readonly DisplayRow[], columns: readonly GridColumn[], unit: MoneyUnit): Record<string, string> {
  const out: Record<string, string> = {};
  for (const col of columns) {
    if (!col.sum) continue;
    const values = rows.map((row) => {
      const typed = row.typed?.[col.key];
      return typed !== undefined ? provisionalValue(col, typed, unit) : row.cells[col.key];
    });
    out[col.key] = sumFigures(values, col.def.type, unit).text;
  }
  return out;
}

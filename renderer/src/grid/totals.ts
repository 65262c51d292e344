import { dec, formatMoney, formatNumber } from '../../../shared/money/decimal';
import type { MoneyUnit } from '../../../shared/tables/schema';
import { provisionalValue, type GridColumn } from './columns';
import type { DisplayRow } from './pending';

/**
 * The 合计 row, summed exactly from stored values (元 for money) and formatted like the cells. Texts typed
 * but not yet confirmed count as what they will be stored as, so the total follows the clerk's typing.
 */
export function totalTexts(rows: readonly DisplayRow[], columns: readonly GridColumn[], unit: MoneyUnit): Record<string, string> {
  const out: Record<string, string> = {};
  for (const col of columns) {
    if (!col.sum) continue;
    let total = dec(null);
    for (const row of rows) {
      const typed = row.typed?.[col.key];
      const value = typed !== undefined ? provisionalValue(col, typed, unit) : row.cells[col.key];
      if (value === null || value === undefined || value === '') continue;
      try {
        total = total.add(value);
      } catch {
        // Not a number: the core never stores one in a numeric column, so skipping cannot hide money.
      }
    }
    out[col.key] = col.def.type === 'money' ? formatMoney(total.toFixed(), unit) : formatNumber(total, col.def.type === 'integer' ? 0 : 2);
  }
  return out;
}

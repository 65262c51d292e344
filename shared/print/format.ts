import { canonical, dec, Dec, formatNumber, toUnit, type Dec as Decimal } from '../money/decimal.js';
import type { ColumnType, MoneyUnit } from '../tables/schema.js';

/** Money prints with 2 decimals in the table's unit; numbers with 2, integers with none. */
export function figureDecimals(type: ColumnType): number {
  return type === 'integer' ? 0 : 2;
}

export interface Figure {
  /** As printed ('' for an empty cell). */
  text: string;
  /** The printed value, in the table's unit, rounded to `decimals`, canonical ('0' when zero or empty). */
  number: string;
  decimals: number;
}

/**
 * A stored figure (money in 元) as the official tables print it. Stored values are exact; only the printed
 * copy is rounded, half up, as the derive engine does for derived tables.
 */
export function printFigure(stored: string | null | undefined, type: ColumnType, unit: MoneyUnit): Figure {
  const decimals = figureDecimals(type);
  if (stored === null || stored === undefined || stored === '') return { text: '', number: '0', decimals };
  const value: Decimal = type === 'money' ? toUnit(stored, unit) : dec(stored);
  const rounded = value.toDecimalPlaces(decimals, Dec.ROUND_HALF_UP);
  return { text: formatNumber(rounded, decimals), number: canonical(rounded), decimals };
}

/** A total over stored figures (元 for money), printed like the column's cells; texts that are not numbers are skipped. */
export function sumFigures(stored: Iterable<string | null | undefined>, type: ColumnType, unit: MoneyUnit): Figure {
  let total = dec(null);
  for (const value of stored) {
    if (value === null || value === undefined || value === '') continue;
    try {
      total = total.add(value);
    } catch {
      // Not a number: the core never stores one in a numeric column, so skipping cannot hide money.
    }
  }
  return printFigure(canonical(total), type, unit);
}

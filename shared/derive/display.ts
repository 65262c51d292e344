import { canonical, Dec, formatNumber, toUnit, type Dec as Decimal } from '../money/decimal.js';
import type { HeaderNode, MoneyUnit, TableDef } from '../tables/schema.js';
import type { DerivedHint } from './types.js';

/** Tables print money with 2 decimals in their unit; the exact value is kept beside the text. */
export const DISPLAY_DECIMALS = 2;

export interface Shown {
  text: string;
  /** The printed number (rounded, in the table's unit): what a reader adds up. */
  rounded: Decimal;
}

const ZERO = new Dec(0);

export function show(value元: Decimal, unit: MoneyUnit, showZeros: boolean): Shown {
  if (value元.isZero()) return { text: showZeros ? formatNumber(ZERO, DISPLAY_DECIMALS) : '', rounded: ZERO };
  const rounded = toUnit(value元, unit).toDecimalPlaces(DISPLAY_DECIMALS, Dec.ROUND_HALF_UP);
  return { text: formatNumber(rounded, DISPLAY_DECIMALS), rounded };
}

export { canonical };

/**
 * A hint when the printed parts do not add up to the printed total. The data is exact; only the
 * separate rounding of each printed figure makes them differ, and numbers are never nudged to hide it.
 */
export function roundingHint(rowKey: string, col: string, colName: string, total: Decimal, parts: Decimal[]): DerivedHint | null {
  let sum = ZERO;
  for (const p of parts) sum = sum.plus(p);
  if (sum.eq(total)) return null;
  const shown = formatNumber(total, DISPLAY_DECIMALS);
  const partsSum = formatNumber(sum, DISPLAY_DECIMALS);
  const diff = formatNumber(total.minus(sum).abs(), DISPLAY_DECIMALS);
  return {
    rowKey,
    col,
    shown,
    partsSum,
    message: `“${colName}”显示为 ${shown}，其各组成部分显示值之和为 ${partsSum}，相差 ${diff}：这是各数分别四舍五入到两位小数造成的尾差，数据本身准确，表中数字未作调整。`,
  };
}

/** A column's printed name with its group headings: '基本支出-合计' rather than a bare '合计'. */
export function columnPath(def: Pick<TableDef, 'header'>, key: string): string {
  const find = (nodes: HeaderNode[], trail: string[]): string[] | null => {
    for (const n of nodes) {
      const here = [...trail, n.label.replace(/\s+/g, '')];
      if (!n.children && n.key === key) return here;
      if (n.children) {
        const hit = find(n.children, here);
        if (hit) return hit;
      }
    }
    return null;
  };
  const path = find(def.header, []);
  return path ? path.join('-') : key;
}

import { Dec } from '../money/decimal.js';
import type { PrintColumn, PrintRow } from './types.js';

/**
 * Whether `total` prints the sum of `parts` in every figure column, as printed. The writers turn such a
 * row into SUM formulas; a total whose parts were each rounded on their own (a rounding hint) does not
 * add up on paper and stays a plain figure, so a spreadsheet never shows another number than the print.
 */
export function addsUp(total: PrintRow, parts: readonly PrintRow[], columns: readonly PrintColumn[]): boolean {
  let figures = 0;
  for (const cell of total.cells) {
    if (!columns[cell.col]?.numeric || cell.number === undefined) continue;
    figures += 1;
    let sum = new Dec(0);
    for (const part of parts) {
      const at = part.cells.find((c) => c.col === cell.col);
      if (at?.number !== undefined) sum = sum.plus(at.number);
      else if (at && at.text.trim() !== '') return false;
    }
    if (!sum.eq(cell.number)) return false;
  }
  return figures > 0;
}

/** Sets `sumOf` on `rows[at]` to `parts` (indices into rows) when the printed figures add up. */
export function linkSum(rows: PrintRow[], at: number, parts: number[], columns: readonly PrintColumn[]): void {
  if (parts.length === 0) return;
  if (addsUp(rows[at]!, parts.map((i) => rows[i]!), columns)) rows[at]!.sumOf = parts;
}

import { dec, formatNumber } from '../money/decimal.js';
import type { PrintCell, PrintColumn, PrintTable } from './types.js';

/**
 * How a printed table's cells read and how wide its columns print, for every paged output (the .docx writer,
 * the print preview and its PDF): one answer, so Word and the PDF wrap the same cells the same way.
 */

/** Left/right cell margin (1 mm) and one character of table text, in twips. */
export const CELL_MARGIN = 57;
const DIGIT_TWIPS = 110;

/** The text a cell prints: figures from their value with thousands separators and the column's decimals. */
export function cellText(cell: PrintCell, column: PrintColumn | undefined): string {
  if (cell.number === undefined || cell.text === '') return cell.text;
  const figure = formatNumber(dec(cell.number), cell.decimals ?? column?.decimals ?? 2);
  return cell.label !== undefined ? `${cell.label} ${figure}` : figure;
}

/** Width of text at table size, in twips: 10.5 pt for a CJK character, about half that for ASCII. */
function textTwips(text: string): number {
  let w = 0;
  for (const ch of text) w += ch.charCodeAt(0) < 0x80 ? DIGIT_TWIPS : 210;
  return w;
}

/** Text that must not wrap inside a cell: figures, codes, percentages (ASCII), short words ("2019年", "政府办"). */
const unbreakable = (text: string) => text !== '' && !/\s/.test(text) && (/^[\x21-\x7e]{1,24}$/.test(text) || [...text].length <= 5);

/**
 * Column widths in twips: the layout's widths scaled to the printable width, then columns whose figures,
 * codes or short words would wrap widened, taking the width from the other columns (whose longer texts wrap
 * between characters anyway).
 */
export function columnWidths(table: PrintTable, printable: number): number[] {
  const cols = table.columns;
  const total = cols.reduce((s, c) => s + Math.max(c.width, 1), 0);
  const widths = cols.map((c) => (Math.max(c.width, 1) / total) * printable);
  const need = cols.map(() => 0);
  for (const row of table.rows) {
    for (const cell of row.cells) {
      if (cell.colSpan !== 1 || cell.label !== undefined) continue;
      const text = cellText(cell, cols[cell.col]);
      if (!unbreakable(text)) continue;
      need[cell.col] = Math.max(need[cell.col]!, textTwips(text) + 2 * CELL_MARGIN + 40);
    }
  }
  const deficit = widths.reduce((s, w, i) => s + Math.max(0, need[i]! - w), 0);
  // Donors: columns without unbreakable text give up to half their width.
  const spare = widths.reduce((s, w, i) => s + (need[i] === 0 ? w / 2 : 0), 0);
  if (deficit > 0 && spare > 0) {
    const take = Math.min(1, deficit / spare);
    for (let i = 0; i < widths.length; i++) {
      if (need[i] === 0) widths[i] = widths[i]! - (widths[i]! / 2) * take;
      else widths[i] = Math.max(widths[i]!, need[i]!);
    }
    const scale = printable / widths.reduce((s, w) => s + w, 0);
    for (let i = 0; i < widths.length; i++) widths[i] = widths[i]! * scale;
  }
  const rounded = widths.map((w) => Math.floor(w));
  rounded[rounded.length - 1]! += printable - rounded.reduce((s, w) => s + w, 0);
  return rounded;
}

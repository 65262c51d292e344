import type { HeaderCell } from '../tables/layout.js';
import type { PrintRow } from './types.js';

/** The merged header as printed: one row per header level, each cell at its column with its spans; then the 栏次 row. */
export function headerRows(header: { rows: number; cells: readonly HeaderCell[] }, numberRow?: readonly string[]): PrintRow[] {
  const rows: PrintRow[] = Array.from({ length: header.rows }, () => ({ role: 'header', cells: [] }));
  for (const c of header.cells) {
    rows[c.row]!.cells.push({ col: c.col, colSpan: c.colSpan, rowSpan: c.rowSpan, text: c.label, align: 'center', bold: true, wrap: true });
  }
  for (const row of rows) row.cells.sort((a, b) => a.col - b.col);
  if (numberRow && numberRow.length > 0) {
    rows.push({ role: 'number', cells: numberRow.map((text, col) => ({ col, colSpan: 1, rowSpan: 1, text, align: 'center' })) });
  }
  return rows;
}

import Decimal from 'decimal.js';
import type { PrintCell, PrintDocument, PrintTable } from '../../shared/print/types.js';
import { readTables, type GridCell } from './ooxml.js';

/**
 * Compares the tables read back from an exported document.xml (by the independent reader in ooxml.ts) with
 * the PrintDocument they were written from, cell for cell: positions, spans, header repetition, texts, and
 * figures by value (thousands separators and the column's decimals as printed, right-aligned).
 */

export const tablesOf = (doc: PrintDocument): PrintTable[] => doc.blocks.flatMap((b) => (b.kind === 'table' ? [b.table] : []));

/** Figures as the official tables print them: thousands separators, the column's decimals. */
const GROUPED = /^-?\d{1,3}(,\d{3})*(\.\d+)?$/;

function cellProblem(got: GridCell, cell: PrintCell, decimals: number): string | null {
  if (cell.number === undefined || cell.text === '') return got.text === cell.text ? null : `“${got.text}” ≠ “${cell.text}”`;
  let figure = got.text;
  if (cell.label !== undefined) {
    const [label, amount] = got.text.split('\t');
    if (label !== cell.label) return `label “${label}” ≠ “${cell.label}”`;
    figure = amount ?? '';
  } else if (got.align !== 'right') return `figure “${got.text}” aligned ${got.align}`;
  if (!GROUPED.test(figure)) return `figure “${figure}” not grouped by thousands`;
  if ((figure.split('.')[1]?.length ?? 0) !== decimals) return `figure “${figure}” not at ${decimals} decimals`;
  if (!new Decimal(figure.replace(/,/g, '')).equals(new Decimal(cell.number))) return `figure “${figure}” ≠ ${cell.number}`;
  return null;
}

/** Every difference between the exported tables and the document's, as readable lines ([] when equal). */
export function tableMismatches(doc: PrintDocument, documentXml: string): string[] {
  const tables = tablesOf(doc);
  const grid = readTables(documentXml);
  if (grid.length !== tables.length) return [`${grid.length} tables in the file, ${tables.length} in the document`];
  const problems: string[] = [];
  tables.forEach((t, i) => {
    const g = grid[i]!;
    const name = `${t.number} ${t.title}`.trim();
    if (g.gridCols.length !== t.columns.length) problems.push(`${name}: ${g.gridCols.length} grid columns, ${t.columns.length} in the layout`);
    if (g.headerRows !== t.header.length) problems.push(`${name}: ${g.headerRows} repeated header rows, ${t.header.length} header rows`);
    if (!g.allCantSplit || !g.fixedLayout) problems.push(`${name}: rows may split or layout not fixed`);
    const printed = [...t.header, ...t.rows].flatMap((row, r) => row.cells.map((cell) => ({ r, cell })));
    if (g.cells.length !== printed.length) problems.push(`${name}: ${g.cells.length} cells in the file, ${printed.length} printed`);
    printed.forEach(({ r, cell }, k) => {
      const got = g.cells[k];
      const where = `${name} row ${r + 1} col ${cell.col + 1}`;
      if (!got || got.row !== r || got.col !== cell.col || got.rowSpan !== cell.rowSpan || got.colSpan !== cell.colSpan) {
        problems.push(`${where}: placed ${got ? `r${got.row + 1}c${got.col + 1} ${got.rowSpan}×${got.colSpan}` : 'nowhere'}, printed ${cell.rowSpan}×${cell.colSpan}`);
        return;
      }
      const problem = cellProblem(got, cell, cell.decimals ?? t.columns[cell.col]?.decimals ?? 2);
      if (problem) problems.push(`${where}: ${problem}`);
    });
  });
  return problems;
}

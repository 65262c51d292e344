import type { DerivedRow, DerivedTable } from '../derive/types.js';
import { canonical, Dec, toUnit } from '../money/decimal.js';
import { columnAlign, printColumns } from './columns.js';
import { figureDecimals } from './format.js';
import { headerRows } from './header.js';
import { linkSum } from './sums.js';
import type { PrintCell, PrintRow, PrintRowRole, PrintTable } from './types.js';

const ROLE: Record<DerivedRow['style'], PrintRowRole> = { normal: 'body', section: 'section', subtotal: 'subtotal', total: 'total', blank: 'blank' };

/**
 * A table from the derive engine as printed. The engine already laid out the header, rows and texts;
 * this adds the printed value of each figure and, where the printed figures add up, which rows a
 * 合计 or subtotal sums (the .xlsx writer's SUM formulas).
 */
export function printDerived(t: DerivedTable): PrintTable {
  const columns = printColumns(t.columns);
  const rows: PrintRow[] = t.rows.map((r) => {
    const cells: PrintCell[] = [];
    let covered = 0;
    t.columns.forEach((c, i) => {
      if (covered > 0) {
        covered -= 1;
        return;
      }
      const src = r.cells[c.key];
      const span = src?.colSpan ?? 1;
      covered = span - 1;
      const cell: PrintCell = { col: i, colSpan: span, rowSpan: 1, text: src?.text ?? '', align: r.style === 'total' && span > 1 ? 'center' : columnAlign(c) };
      if (src?.label !== undefined && src.value !== undefined) {
        // A label and its amount in one cell: the amount as printed beside the label.
        const decimals = figureDecimals('money');
        cell.label = src.label;
        cell.number = canonical(toUnit(src.value, t.moneyUnit).toDecimalPlaces(decimals, Dec.ROUND_HALF_UP));
        cell.decimals = decimals;
      } else if (columns[i]!.numeric && src?.value !== undefined) {
        const decimals = figureDecimals(c.type);
        const value = c.type === 'money' ? toUnit(src.value, t.moneyUnit) : new Dec(src.value);
        cell.number = canonical(value.toDecimalPlaces(decimals, Dec.ROUND_HALF_UP));
        cell.decimals = decimals;
      }
      if (r.style === 'total' || r.style === 'section') cell.bold = true;
      if (c.type === 'text' && r.level > 0) cell.indent = r.level;
      cells.push(cell);
    });
    return { role: ROLE[r.style], cells, key: r.key, level: r.level };
  });
  linkTotals(rows, columns);
  const out: PrintTable = {
    tableId: t.tableId,
    number: t.number,
    title: t.title,
    orientation: t.orientation,
    kind: 'table',
    unitLine: t.unitLine,
    moneyUnitLine: t.moneyUnitLine,
    moneyUnit: t.moneyUnit,
    columns,
    header: headerRows(t.header, t.numberRow),
    rows,
    empty: t.empty,
    notes: t.notes,
  };
  if (t.shortTitle) out.shortTitle = t.shortTitle;
  if (t.unitLinesJoined) out.unitLinesJoined = true;
  if (t.emptyNote !== undefined && t.empty) out.emptyNote = t.emptyNote;
  return out;
}

/**
 * Classification tables: a subtotal row sums the rows one level below it up to the next row at its level,
 * and the 合计 sums the top-level rows. linkSum keeps only links whose printed figures add up, so a fixed
 * layout whose totals sum other rows (收支总表: 总计 = 本年 + 结转) simply keeps plain figures.
 */
function linkTotals(rows: PrintRow[], columns: PrintTable['columns']): void {
  const body = rows.map((r, i) => ({ r, i })).filter(({ r }) => r.role !== 'total');
  rows.forEach((row, at) => {
    if (row.role === 'subtotal') {
      const level = row.level ?? 0;
      const parts: number[] = [];
      for (let j = at + 1; j < rows.length; j += 1) {
        const l = rows[j]!.level ?? 0;
        if (rows[j]!.role === 'total' || l <= level) break;
        if (l === level + 1) parts.push(j);
      }
      linkSum(rows, at, parts, columns);
    } else if (row.role === 'total') {
      linkSum(rows, at, body.filter(({ r }) => (r.level ?? 0) === 0).map(({ i }) => i), columns);
    }
  });
}

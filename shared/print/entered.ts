import { tableFrame, tableUnit } from '../derive/context.js';
import type { DerivedCell, DerivedRow, DerivedTable } from '../derive/types.js';
import { canonical, dec, sumValues } from '../money/decimal.js';
import { isNumericColumn, visibleColumns } from '../tables/layout.js';
import type { ColumnDef, MoneyUnit, TableDef } from '../tables/schema.js';
import type { GridRow, RowCells, WorkbookMeta } from '../workbook/types.js';
import { printDerived } from './derived.js';
import { printFigure } from './format.js';
import type { PrintTable } from './types.js';

/** A stored cell as the layout prints it: enum values under their labels, figures in the table's unit. */
export function enteredCell(col: ColumnDef, stored: string | undefined, unit: MoneyUnit): DerivedCell {
  if (isNumericColumn(col)) {
    const text = printFigure(stored, col.type, unit).text;
    return stored === undefined || stored === '' ? { text } : { text, value: stored };
  }
  if (stored === undefined) return { text: '' };
  if (col.type === 'enum') return { text: col.options?.find((o) => o.value === stored)?.label ?? stored };
  return { text: stored };
}

/** Columns a 合计 row sums: money unless the layout says 'none', other figures when it says 'sum'. */
export function summedColumn(col: ColumnDef): boolean {
  return col.total === 'sum' || (col.type === 'money' && col.total !== 'none');
}

function rowOf(key: string, level: number, cells: RowCells, columns: ColumnDef[], unit: MoneyUnit): DerivedRow {
  return { key, level, style: 'normal', cells: Object.fromEntries(columns.map((c) => [c.key, enteredCell(c, cells[c.key], unit)])) };
}

/** The 合计 row of a free table: its label over `labelSpan` columns, each summed column's exact total. */
function totalRow(def: TableDef, rows: readonly GridRow[], columns: ColumnDef[], unit: MoneyUnit): DerivedRow | null {
  if (def.body.kind !== 'free' || !def.body.total) return null;
  const { label, labelColumn, labelSpan } = def.body.total;
  const cells: Record<string, DerivedCell> = {};
  const start = columns.findIndex((c) => c.key === labelColumn);
  columns.forEach((c, i) => {
    if (i === start) cells[c.key] = labelSpan && labelSpan > 1 ? { text: label, colSpan: labelSpan } : { text: label };
    else if (i > start && i < start + (labelSpan ?? 1)) return;
    else if (summedColumn(c)) {
      const value = canonical(sumValues(rows.map((r) => r.cells[c.key])));
      cells[c.key] = { text: printFigure(value, c.type, unit).text, value };
    } else cells[c.key] = { text: '' };
  });
  return { key: 'total', level: 0, style: 'total', cells };
}

/**
 * A table the clerk fills in (free rows, or fixed rows of input cells) as printed, laid out by the same
 * printer as the derived tables: rows in stored order, the 合计 where the layout puts it.
 */
export function printEntered(def: TableDef, stored: readonly GridRow[], meta: WorkbookMeta): PrintTable {
  const unit = tableUnit(def, meta);
  const columns = visibleColumns(def);
  let rows: DerivedRow[];
  if (def.body.kind === 'fixed') {
    const byKey = new Map(stored.map((r) => [r.id, r.cells]));
    rows = def.body.rows.map((r, i) => {
      const key = r.key ?? `#${i}`;
      const entered = byKey.get(key) ?? {};
      const cells: RowCells = {};
      for (const [col, source] of Object.entries(r.cells)) {
        if (typeof source === 'string') cells[col] = source;
        else if ('input' in source && entered[col] !== undefined) cells[col] = entered[col];
      }
      return { ...rowOf(key, r.level ?? 0, cells, columns, unit), style: r.style ?? 'normal' };
    });
  } else {
    rows = stored.map((r) => rowOf(r.id, 0, r.cells, columns, unit));
    const total = totalRow(def, stored, columns, unit);
    if (total) rows = def.body.kind === 'free' && def.body.total?.position === 'top' ? [total, ...rows] : [...rows, total];
  }
  const empty = !rows.some((r) => Object.values(r.cells).some((c) => c.value !== undefined && !dec(c.value).isZero()));
  const table: DerivedTable = { ...tableFrame(def, { meta }), rows: stored.length === 0 && def.body.kind === 'free' ? [] : rows, empty, hints: [], problems: [] };
  return printDerived(table);
}

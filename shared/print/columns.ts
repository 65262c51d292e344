import type { ColumnDef, ColumnType } from '../tables/schema.js';
import { figureDecimals } from './format.js';
import type { PrintAlign, PrintColumn } from './types.js';

/** Points per character of a column's layout width (宋体 10.5pt, mixed CJK and digits). */
export const POINTS_PER_CHAR = 7;
const DEFAULT_CHARS = 12;

const NUMERIC: readonly ColumnType[] = ['money', 'number', 'integer', 'percent'];

/** The printed columns of a table: widths from the layout, key columns (those before the first figure) frozen. */
export function printColumns(columns: readonly Pick<ColumnDef, 'key' | 'type' | 'width'>[]): PrintColumn[] {
  const firstFigure = columns.findIndex((c) => NUMERIC.includes(c.type));
  return columns.map((c, i) => {
    const numeric = NUMERIC.includes(c.type);
    const col: PrintColumn = { key: c.key, width: (c.width ?? DEFAULT_CHARS) * POINTS_PER_CHAR, numeric };
    if (numeric) col.decimals = figureDecimals(c.type);
    if (firstFigure > 0 && i < firstFigure) col.frozen = true;
    return col;
  });
}

/** How a column's cells align when the layout does not say: figures right, 序号 centred, text left. */
export function columnAlign(col: Pick<ColumnDef, 'type' | 'align'>): PrintAlign {
  if (col.align) return col.align;
  if (NUMERIC.includes(col.type)) return 'right';
  return col.type === 'seq' ? 'center' : 'left';
}

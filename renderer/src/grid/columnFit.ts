import type { CSSProperties } from 'react';
import type { ColumnDef, TableDef } from '../../../shared/tables/schema';

/**
 * Column widths for a window of a given width, shared by the entry grid and the derived views. Widths in the
 * table definition are what the printed table wants; on screen, columns shrink towards a minimum that keeps
 * their content readable (codes whole, figures to the cent) so a table fits the window where it can, and
 * scrolls sideways where it cannot. The key columns at the left (序号, codes, names) are frozen.
 */

/** What a column is to its row: the columns that say which row is which stay in view when a table scrolls. */
export type KeyRole = 'seq' | 'code' | 'name';

export interface FitColumn {
  type: ColumnDef['type'];
  /** The width it would like, in pixels (preferredWidth of the definition's characters, or wider). */
  width: number;
  role: KeyRole | null;
}

export interface ColumnFit {
  widths: number[];
  /** Left edge of each column in the table, after its border and the leading column (grid row numbers). */
  lefts: number[];
  /** Where each frozen column sticks, from the container's left edge (the table's border scrolls away). */
  stickyLefts: number[];
  /** Width of the whole table. */
  total: number;
  /** The first `frozen` columns stay at the left while the rest scrolls. */
  frozen: number;
  /** Right edge of the frozen part once scrolled, from the container's left edge: scrolling columns must not hide behind it. */
  frozenRight: number;
}

const PX_PER_CHAR = 13;
const DEFAULT_CHARS = 12;
const CELL_PADDING = 12;

/** The width the definition asks for (in characters), in pixels. */
export const preferredWidth = (chars: number | undefined): number => Math.max(48, Math.round((chars ?? DEFAULT_CHARS) * PX_PER_CHAR) + CELL_PADDING);

/**
 * The narrowest a column may become. Figures keep room for "99,999,999.99"; codes keep a whole 功能科目 code
 * (7 digits) and a little of the name the grid shows after it, as clipped codes ("010301") are unreadable.
 */
function minimumWidth(col: FitColumn, preferred: number): number {
  const floor = (px: number) => Math.min(preferred, px);
  switch (col.type) {
    case 'seq':
      return preferred;
    case 'code':
      return floor(120);
    case 'money':
    case 'number':
    case 'integer':
    case 'percent':
      return floor(104);
    case 'enum':
      return floor(96);
    case 'longtext':
      return floor(200);
    default:
      return col.role === 'name' ? floor(180) : floor(100);
  }
}

/** Frozen columns may take at most this share of the window, so the scrolling part always has room. */
const MAX_FROZEN_SHARE = 0.5;

/**
 * Widths for `available` pixels (the container's inner width, of which the table's left border takes `edge`
 * and a leading column such as the grid's row numbers `lead - edge`). Columns keep their printed widths when all fit; otherwise each gives up part
 * of what it has above its minimum, in proportion; when even the minimums do not fit, all are at the minimum
 * and the table scrolls.
 */
export function fitColumns(cols: readonly FitColumn[], available: number, lead = 0, edge = 0): ColumnFit {
  const preferred = cols.map((c) => c.width);
  const minimum = cols.map((c, i) => minimumWidth(c, preferred[i]!));
  const room = Math.max(0, available - lead);
  const sumPref = preferred.reduce((a, b) => a + b, 0);
  const sumMin = minimum.reduce((a, b) => a + b, 0);
  let widths: number[];
  if (available <= 0 || sumPref <= room) widths = preferred;
  else if (sumMin >= room) widths = minimum;
  else {
    const share = (sumPref - room) / (sumPref - sumMin);
    widths = preferred.map((p, i) => Math.floor(p - (p - minimum[i]!) * share));
  }
  const lefts: number[] = [];
  let x = lead;
  for (const w of widths) {
    lefts.push(x);
    x += w;
  }
  let frozen = 0;
  while (frozen < cols.length && cols[frozen]!.role !== null) frozen++;
  // Never freeze every column, nor more than the share of the window.
  if (frozen === cols.length) frozen = 0;
  const limit = available > 0 ? available * MAX_FROZEN_SHARE : Infinity;
  while (frozen > 0 && lefts[frozen - 1]! + widths[frozen - 1]! > limit) frozen--;
  const frozenRight = (frozen > 0 ? lefts[frozen - 1]! + widths[frozen - 1]! : lead) - edge;
  return { widths, lefts, stickyLefts: lefts.slice(0, frozen).map((l) => l - edge), total: x, frozen, frozenRight };
}

/** A derived column's role in its table's definition (科目编码 parts, 名称, 序号). */
const derivedRoles: Record<string, KeyRole> = {
  code: 'code',
  codeClass: 'code',
  codeSection: 'code',
  codeItem: 'code',
  name: 'name',
  nameQualified: 'name',
  seq: 'seq',
};

/**
 * The key role of a column, from the definition only: the role it declares (项目编码, 项目名称), its type
 * (seq, code), a key of another table (a line's 预算单位 or 项目), or, in a derived table, the role its body
 * gives it.
 */
export function keyRole(table: TableDef, col: Pick<ColumnDef, 'key' | 'type'> & Partial<Pick<ColumnDef, 'ref' | 'role'>>): KeyRole | null {
  if (col.role) return col.role;
  if (table.body.kind === 'derived') {
    const source = table.body.columns[col.key];
    if (typeof source === 'string') return derivedRoles[source] ?? null;
  }
  if (col.type === 'seq') return 'seq';
  if (col.type === 'code' || col.ref !== undefined) return 'code';
  return null;
}

/** Inline style of a frozen cell (spanning `span` columns from `col`): it sticks at its column's left edge. */
export const stickyLeft = (fit: ColumnFit | undefined, col: number, span = 1): CSSProperties | undefined =>
  fit && col + span <= fit.frozen ? { position: 'sticky', left: fit.stickyLefts[col] } : undefined;

/** Class names marking a frozen cell, and the last frozen column (drawn with a heavier right edge). */
export function frozenClass(fit: ColumnFit | undefined, col: number, span = 1): string | null {
  if (!fit || col + span > fit.frozen) return null;
  return col + span === fit.frozen ? 'frozen frozen-edge' : 'frozen';
}

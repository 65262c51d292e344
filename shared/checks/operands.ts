import { Dec } from '../money/decimal.js';
import type { CheckContext } from './context.js';
import type { FindingCell, Operand } from './rule.js';

/** An operand's value in 元, what it is called and the cells it was read from. */
export interface Resolved {
  value: Dec;
  label: string;
  cells: FindingCell[];
  /** Printed figures added up to get it (each may hide up to one rounding step). */
  figures: number;
}

const list = (k: string | string[]): string[] => (Array.isArray(k) ? k : [k]);

/** The label printed before a figure in its row (two-sided layouts: the label of that side). */
export function rowLabel(cells: Record<string, { text: string }>, col: string): string {
  const keys = Object.keys(cells);
  const before = keys.slice(0, Math.max(0, keys.indexOf(col))).reverse();
  for (const k of before) {
    const text = cells[k]!.text.replace(/\s+/g, '');
    if (text !== '' && !/^[\d,.-]+$/.test(text)) return text;
  }
  return '';
}

/** Null when the set lacks what the operand names: the rule then does not apply to this set. */
export function resolve(op: Operand, ctx: CheckContext): Resolved | null {
  if ('table' in op) {
    const layout = ctx.byRole(op.table);
    if (!layout) return null;
    const row = list(op.row)
      .map((k) => layout.table.rows.find((r) => r.key === k))
      .find((r) => r !== undefined);
    const col = list(op.col).find((c) => layout.table.columns.some((x) => x.key === c));
    if (!row || !col) return null;
    const cell = row.cells[col];
    const label = op.label ?? (rowLabel(row.cells, col) || row.key);
    return { value: new Dec(cell?.value ?? 0), label, cells: [{ table: layout.def.id, row: row.key, column: col }], figures: 1 };
  }
  if ('fact' in op) return { value: ctx.sum(op.fact, op.prev ?? false), label: op.label ?? '预算数据', cells: [], figures: 0 };
  if ('store' in op) {
    let value = new Dec(0);
    let any = false;
    for (const r of ctx.rows(op.store)) {
      if (op.rows && !op.rows.includes(r.id)) continue;
      const v = r.cells[op.col];
      if (v === undefined || v === '') continue;
      any = true;
      value = value.plus(v);
    }
    if (!any) return null;
    return { value, label: op.label ?? op.store, cells: [{ table: ctx.layoutOf(op.store), row: null, column: op.col }], figures: 0 };
  }
  const parts = op.sum.map((p) => resolve(p, ctx));
  if (parts.some((p) => p === null)) return null;
  const ok = parts as Resolved[];
  return {
    value: ok.reduce((acc, p) => acc.plus(p.value), new Dec(0)),
    label: op.label ?? ok.map((p) => p.label).join('＋'),
    cells: ok.flatMap((p) => p.cells),
    figures: ok.reduce((n, p) => n + p.figures, 0),
  };
}

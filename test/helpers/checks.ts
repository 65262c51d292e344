import { expect } from 'vitest';
import type { CheckContext, PrintedLayout } from '../../shared/checks/context.js';
import type { DerivedTable } from '../../shared/derive/types.js';
import { Dec } from '../../shared/money/decimal.js';
import type { TableRole } from '../../shared/tables/roles.js';

/**
 * A 审核 context with one printed figure of the table of `role` changed to `wan` 万元 (or that table edited
 * by `edit`), as an imported or hand-typed document would have it: the facts behind the tables stay.
 */
export function tamper(ctx: CheckContext, role: TableRole, edit: { row: string; col: string; wan: string } | ((t: DerivedTable) => DerivedTable)): CheckContext {
  const change = (l: PrintedLayout): PrintedLayout => {
    if (l.def.role !== role) return l;
    if (typeof edit === 'function') return { ...l, table: edit(l.table) };
    const rows = l.table.rows.map((r) =>
      r.key !== edit.row ? r : { ...r, cells: { ...r.cells, [edit.col]: { text: edit.wan, value: new Dec(edit.wan).times(10000).toFixed() } } },
    );
    expect(rows).not.toEqual(l.table.rows);
    return { ...l, table: { ...l.table, rows } };
  };
  return {
    ...ctx,
    byRole: (r) => {
      const l = ctx.byRole(r);
      return l && change(l);
    },
    printed: () => ctx.printed().map(change),
  };
}

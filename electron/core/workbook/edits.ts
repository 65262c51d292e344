import { randomBytes } from 'node:crypto';
import type { Edit } from '../../../shared/api/contract.js';
import { parseNumberText } from '../../../shared/money/decimal.js';
import { columnLabel, isNumericColumn } from '../../../shared/tables/layout.js';
import type { ColumnDef, MoneyUnit, TableDef } from '../../../shared/tables/schema.js';
import { metaSchema, type Op, type RowCells, type WorkbookMeta } from '../../../shared/workbook/types.js';
import { CoreError } from '../errors.js';
import type { OpApplier } from './ops.js';

export function newRowId(): string {
  return `r${randomBytes(6).toString('hex')}`;
}

export function tableMoneyUnit(def: TableDef, meta: WorkbookMeta): MoneyUnit {
  return def.moneyUnit === 'workbook' ? meta.moneyUnit : def.moneyUnit;
}

/** Turns what the clerk typed into the stored value, or refuses it with a message naming the cell. */
export function normaliseCell(def: TableDef, col: ColumnDef, text: string, unit: MoneyUnit, rowNumber: number): string | null {
  const where = `第${rowNumber}行“${columnLabel(def, col.key)}”`;
  if (isNumericColumn(col)) {
    const parsed = parseNumberText(text, { money: col.type === 'money', unit });
    if (!parsed.ok) throw new CoreError('INVALID_NUMBER', { text: text.slice(0, 50), where, reason: parsed.reason });
    if (col.type === 'integer' && parsed.value !== null && !/^-?\d+$/.test(parsed.value)) {
      throw new CoreError('INVALID_NUMBER', { text: text.slice(0, 50), where, reason: 'not-integer' });
    }
    return parsed.value;
  }
  const clean = text.replace(/\r\n?/g, '\n').trim();
  return clean === '' ? null : clean;
}

/**
 * Expands one client edit into primitive ops, applying each as it goes so later edits in the same
 * change see earlier ones (a paste that adds rows then fills them). Returns the undo ops in order.
 */
export function applyEdit(
  edit: Edit,
  ctx: { applier: OpApplier; meta: WorkbookMeta; table: (id: string) => TableDef; forward: Op[]; backward: Op[]; inserted: string[]; tables: Set<string> },
): void {
  const run = (op: Op): void => {
    ctx.backward.push(ctx.applier.apply(op));
    ctx.forward.push(op);
  };
  if (edit.kind === 'setMeta') {
    const patch = metaSchema.partial().parse(edit.patch);
    for (const [key, value] of Object.entries(patch)) {
      if (value !== undefined) run({ op: 'setMeta', key: key as keyof WorkbookMeta, value });
    }
    ctx.tables.add('*meta');
    return;
  }
  const def = ctx.table(edit.tableId);
  if (def.body.kind !== 'free') throw new CoreError('VALIDATION', { issue: `表“${def.title}”由数据自动生成，不能直接编辑` });
  const unit = tableMoneyUnit(def, ctx.meta);
  const column = (key: string): ColumnDef => {
    const col = def.columns.find((c) => c.key === key);
    if (!col) throw new CoreError('VALIDATION', { issue: `表“${def.shortTitle ?? def.title}”没有列 ${key}` });
    return col;
  };
  ctx.tables.add(def.id);
  switch (edit.kind) {
    case 'setCells':
      for (const c of edit.cells) {
        const { position } = ctx.applier.rowOf(def.id, c.rowId);
        run({ op: 'setCell', tableId: def.id, rowId: c.rowId, col: c.col, value: normaliseCell(def, column(c.col), c.text, unit, position + 1) });
      }
      return;
    case 'insertRows': {
      let index = Math.min(edit.index, ctx.applier.rowCount(def.id));
      for (const raw of edit.rows) {
        const cells: RowCells = {};
        for (const [key, text] of Object.entries(raw)) {
          const value = normaliseCell(def, column(key), text, unit, index + 1);
          if (value !== null) cells[key] = value;
        }
        const rowId = newRowId();
        run({ op: 'insertRow', tableId: def.id, rowId, index, cells });
        ctx.inserted.push(rowId);
        index += 1;
      }
      return;
    }
    case 'deleteRows':
      for (const rowId of edit.rowIds) run({ op: 'deleteRow', tableId: def.id, rowId });
      return;
    case 'moveRow':
      run({ op: 'moveRow', tableId: def.id, rowId: edit.rowId, toIndex: edit.toIndex });
      return;
  }
}

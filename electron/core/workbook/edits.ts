import { randomBytes } from 'node:crypto';
import type { Edit } from '../../../shared/api/contract.js';
import { parseNumberText } from '../../../shared/money/decimal.js';
import { columnLabel, isNumericColumn } from '../../../shared/tables/layout.js';
import type { ColumnDef, MoneyUnit, TableDef } from '../../../shared/tables/schema.js';
import { metaSchema, type Op, type RowCells, type WorkbookMeta } from '../../../shared/workbook/types.js';
import { columnPath } from '../../../shared/derive/display.js';
import { CoreError } from '../errors.js';
import { isWellFormedCode, normalizeCode } from '../../../shared/reference/index.js';
import type { OpApplier } from './ops.js';

export function newRowId(): string {
  return `r${randomBytes(6).toString('hex')}`;
}

/** Where an entered table's rows live: its own id, or the model table it shares with other layouts. */
export function storeOf(def: TableDef): string {
  return def.store ?? def.id;
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
  if (clean === '') return null;
  if (col.type === 'enum') {
    const option = col.options?.find((o) => o.value === clean || o.label === clean || o.aliases?.includes(clean));
    if (!option) throw new CoreError('VALIDATION', { issue: `${where}只能填写：${col.options?.map((o) => o.label).join('、')}` });
    return option.value;
  }
  if (col.type === 'code') {
    const code = normalizeCode(clean);
    if (code === undefined || (col.codeList !== undefined && !isWellFormedCode(col.codeList, code))) {
      throw new CoreError('VALIDATION', { issue: `${where}“${clean.slice(0, 30)}”不是有效的科目编码，请输入数字编码或从候选中选择` });
    }
    return code;
  }
  return clean;
}

/**
 * Expands one client edit into primitive ops, applying each as it goes so later edits in the same
 * change see earlier ones (a paste that adds rows then fills them). Returns the undo ops in order.
 */
export interface EditContext {
  applier: OpApplier;
  meta: WorkbookMeta;
  table: (id: string) => TableDef;
  forward: Op[];
  backward: Op[];
  inserted: string[];
  tables: Set<string>;
}

export function applyEdit(edit: Edit, ctx: EditContext): void {
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
  const store = storeOf(def);
  if (def.body.kind === 'fixed') {
    applyFixedEdit(edit, def, store, ctx, run);
    return;
  }
  if (def.body.kind !== 'free') throw new CoreError('VALIDATION', { issue: `表“${def.title}”由数据自动生成，不能直接编辑` });
  const unit = tableMoneyUnit(def, ctx.meta);
  const column = (key: string): ColumnDef => {
    const col = def.columns.find((c) => c.key === key);
    if (!col) throw new CoreError('VALIDATION', { issue: `表“${def.shortTitle ?? def.title}”没有列 ${key}` });
    return col;
  };
  ctx.tables.add(store);
  switch (edit.kind) {
    case 'setCells':
      for (const c of edit.cells) {
        const { position } = ctx.applier.rowOf(store, c.rowId);
        run({ op: 'setCell', tableId: store, rowId: c.rowId, col: c.col, value: normaliseCell(def, column(c.col), c.text, unit, position + 1) });
      }
      return;
    case 'insertRows': {
      let index = Math.min(edit.index, ctx.applier.rowCount(store));
      for (const raw of edit.rows) {
        const cells: RowCells = {};
        for (const [key, text] of Object.entries(raw)) {
          const value = normaliseCell(def, column(key), text, unit, index + 1);
          if (value !== null) cells[key] = value;
        }
        const rowId = newRowId();
        run({ op: 'insertRow', tableId: store, rowId, index, cells });
        ctx.inserted.push(rowId);
        index += 1;
      }
      return;
    }
    case 'deleteRows':
      for (const rowId of edit.rowIds) run({ op: 'deleteRow', tableId: store, rowId });
      return;
    case 'moveRow':
      run({ op: 'moveRow', tableId: store, rowId: edit.rowId, toIndex: edit.toIndex });
      return;
  }
}

/**
 * Why a fixed table's cell cannot be set, naming it as printed: the row's caption left of the column
 * (年末结转结余) and the column's heading (支出-预算数), else the row number; never the internal keys.
 */
function notInputCell(def: TableDef, index: number, colKey: string): string {
  const table = `表“${def.shortTitle ?? def.title}”`;
  const row = def.body.kind === 'fixed' && index >= 0 ? def.body.rows[index] : undefined;
  const at = def.columns.findIndex((k) => k.key === colKey);
  if (!row || at < 0) return `${table}中没有这个单元格（表格样式可能已更新），请刷新后重试`;
  const caption = def.columns
    .slice(0, at)
    .map((k) => row.cells[k.key])
    .filter((v): v is string => typeof v === 'string' && v.trim() !== '')
    .at(-1);
  const rowName = caption ? `“${caption.trim()}”行` : `第 ${index + 1} 行`;
  return `${table}${rowName}的“${columnPath(def, colKey)}”栏由预算数据算出或为固定文字，不是填写格，不能填写`;
}

/**
 * Fixed tables (key/value facts such as 编制人数) store one row per fixed row key, created on the first
 * edit; only cells the definition marks as input can be set.
 */
function applyFixedEdit(edit: Edit, def: TableDef, store: string, ctx: EditContext, run: (op: Op) => void): void {
  if (def.body.kind !== 'fixed' || edit.kind !== 'setCells') {
    throw new CoreError('VALIDATION', { issue: `表“${def.shortTitle ?? def.title}”的行是固定的，只能填写其中的输入格` });
  }
  const rows = def.body.rows;
  const unit = tableMoneyUnit(def, ctx.meta);
  ctx.tables.add(store);
  for (const c of edit.cells) {
    const index = rows.findIndex((r) => r.key === c.rowId);
    const source = index < 0 ? undefined : rows[index]!.cells[c.col];
    const col = def.columns.find((k) => k.key === c.col);
    if (!col || typeof source !== 'object' || !('input' in source)) {
      throw new CoreError('VALIDATION', { issue: notInputCell(def, index, c.col) });
    }
    if (!ctx.applier.hasRow(store, c.rowId)) run({ op: 'insertRow', tableId: store, rowId: c.rowId, index: ctx.applier.rowCount(store), cells: {} });
    run({ op: 'setCell', tableId: store, rowId: c.rowId, col: c.col, value: normaliseCell(def, col, c.text, unit, index + 1) });
  }
}

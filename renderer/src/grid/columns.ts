import { makeError } from '../../../shared/api/errors-zh';
import type { ApiError } from '../../../shared/api/result';
import { editText, parseNumberText } from '../../../shared/money/decimal';
import { summedColumn } from '../../../shared/print/entered';
import { printFigure } from '../../../shared/print/format';
import { isWellFormedCode, normalizeCode } from '../../../shared/reference/index';
import { columnLabel, headerLeafKeys, isNumericColumn, visibleColumns } from '../../../shared/tables/layout';
import type { ColumnDef, MoneyUnit, TableDef } from '../../../shared/tables/schema';
import { keyRole, preferredWidth, type KeyRole } from './columnFit';
import type { ColumnPicker } from './editors/pickers';

export interface GridColumn {
  key: string;
  def: ColumnDef;
  label: string;
  /** Preferred pixel width, from the definition's width in characters; fitColumns fits it to the window. */
  width: number;
  /** 序号, code or name: frozen at the left when leading (columnFit). */
  role: KeyRole | null;
  numeric: boolean;
  align: 'left' | 'center' | 'right';
  /** Summed in the 合计 row. */
  sum: boolean;
  /** Enum, code and ref columns: suggestions while typing and the "code name" display (editors/pickers). */
  picker?: ColumnPicker;
}

/** Columns in printed order: the header's leaves decide positions, so spans and data line up. */
export function gridColumns(def: TableDef): GridColumn[] {
  const visible = visibleColumns(def);
  const byKey = new Map(visible.map((c) => [c.key, c]));
  const ordered: ColumnDef[] = [];
  for (const key of headerLeafKeys(def.header)) {
    const col = byKey.get(key);
    if (col) {
      ordered.push(col);
      byKey.delete(key);
    }
  }
  ordered.push(...byKey.values());
  return ordered.map((c) => {
    const numeric = isNumericColumn(c);
    return {
      key: c.key,
      def: c,
      label: columnLabel(def, c.key),
      width: preferredWidth(c.width),
      role: keyRole(def, c),
      numeric,
      align: c.align ?? (numeric ? 'right' : c.type === 'seq' ? 'center' : 'left'),
      sum: summedColumn(c),
    };
  });
}

const optionLabel = (col: GridColumn, value: string): string => col.def.options?.find((o) => o.value === value)?.label ?? value;

/**
 * The option a typed text means: its value, label or one of its other spellings (效果指标 for 效益指标).
 * Sent as the label, which the core accepts, so aliases work even where the core only knows labels.
 */
export function enumLabelFor(col: GridColumn, text: string): string | null {
  const clean = text.trim();
  const option = col.def.options?.find((o) => o.value === clean || o.label === clean || (o.aliases ?? []).includes(clean));
  return option ? option.label : null;
}

/** What a cell shows: money in the table's unit, numbers with fixed decimals; the stored value is untouched. */
export function displayText(col: GridColumn, value: string | undefined, unit: MoneyUnit): string {
  if (value === undefined || value === '') return '';
  if (col.def.type === 'enum') return optionLabel(col, value);
  if (col.picker) return col.picker.describe(value);
  if (!col.numeric) return value;
  try {
    return printFigure(value, col.def.type, unit).text;
  } catch {
    // A value the core would never store; show it rather than hide it.
    return value;
  }
}

/** What the editor starts with: the exact value, nothing hidden by rounding. */
export function editorText(col: GridColumn, value: string | undefined, unit: MoneyUnit): string {
  if (value === undefined || value === '') return '';
  if (col.def.type === 'enum') return optionLabel(col, value);
  if (col.def.type === 'money') {
    try {
      return editText(value, unit);
    } catch {
      return value;
    }
  }
  return value;
}

/**
 * Why the core would refuse this text in this cell (the rules of its normaliseCell), in words that follow the
 * quoted text; null when it would be stored.
 */
export function cellProblem(col: GridColumn, text: string, unit: MoneyUnit): string | null {
  if (col.numeric) {
    const parsed = parseNumberText(text, { money: col.def.type === 'money', unit });
    if (!parsed.ok) return '不是有效的金额或数字';
    return col.def.type === 'integer' && parsed.value !== null && !/^-?\d+$/.test(parsed.value) ? '不是整数' : null;
  }
  if (text.trim() === '') return null;
  if (col.def.type === 'enum' && enumLabelFor(col, text) === null) return `不是可选的值（可选：${col.def.options?.map((o) => o.label).join('、') ?? ''}）`;
  if (col.def.type === 'code') {
    const code = normalizeCode(textToSend(col, text));
    if (code === undefined || (col.def.codeList !== undefined && !isWellFormedCode(col.def.codeList, code))) return '不是有效的科目编码';
  }
  return null;
}

/** The same refusal the core would give, so the editor can stay open without a round trip. */
export function checkCellText(table: TableDef, col: GridColumn, text: string, unit: MoneyUnit, rowNumber: number): ApiError | null {
  if (cellProblem(col, text, unit) === null) return null;
  const where = `第${rowNumber}行“${columnLabel(table, col.key)}”`;
  if (col.numeric) return makeError('INVALID_NUMBER', { text: text.slice(0, 50), where });
  if (col.def.type === 'enum') return makeError('VALIDATION', { issue: `${where}只能填写：${col.def.options?.map((o) => o.label).join('、') ?? ''}` });
  return makeError('VALIDATION', { issue: `${where}“${text.trim().slice(0, 30)}”不是有效的科目编码，请输入数字编码或从候选中选择` });
}

/** The text to send for what the clerk typed: enum spellings become the option's label. */
export function textToSend(col: GridColumn, text: string): string {
  if (col.def.type === 'enum' && text.trim() !== '') return enumLabelFor(col, text) ?? text;
  // A code pasted as "2010301 行政运行" or a unit picked by name: the stored key only.
  if (col.picker && text.trim() !== '') return col.picker.normalise(text);
  return text;
}

/** The stored value a typed text will become, for live totals before the core answers. */
export function provisionalValue(col: GridColumn, text: string, unit: MoneyUnit): string | null {
  if (!col.numeric) return text;
  const parsed = parseNumberText(text, { money: col.def.type === 'money', unit });
  return parsed.ok ? parsed.value : null;
}

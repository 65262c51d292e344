import { formatMoney } from '../money/decimal.js';
import { listDisplayCells } from '../perf/binding.js';
import { columnLabel, fillTemplate, type TemplateVars } from '../tables/layout.js';
import type { FactQuery, FormCellDef, FormSectionDef, MoneyUnit, TableDef } from '../tables/schema.js';
import type { GridRow, WorkbookMeta } from '../workbook/types.js';
import { tableFrame, tableUnit, templateVars } from '../derive/context.js';
import { POINTS_PER_CHAR } from './columns.js';
import { printFigure } from './format.js';
import type { PrintCell, PrintRow, PrintTable } from './types.js';

type FormBody = Extract<TableDef['body'], { kind: 'form' }>;
type ListSection = Extract<FormSectionDef, { kind: 'list' }>;

/** One record a form prints: its field values (stored: money in 元) and each list's rows. */
export interface FormRecord {
  values: Record<string, string>;
  lists: Record<string, readonly GridRow[]>;
  /** Repeated forms: 1-based position, for {index} in the title. */
  index?: number;
}

/** Every cell of a form's cells sections that shows a field's value. */
export function fieldCells(body: FormBody): (FormCellDef & { field: string })[] {
  return body.sections.flatMap((s) => (s.kind === 'cells' ? s.rows.flat().filter((c): c is FormCellDef & { field: string } => c.field !== undefined) : []));
}

/** The fact queries of a form's budget-derived cells, keyed by field (the names workbook.factSums answers with). */
export function formFactQueries(body: FormBody): Record<string, FactQuery> {
  return Object.fromEntries(fieldCells(body).flatMap((c) => (c.fact ? [[c.field, c.fact]] : [])));
}

/**
 * The values a form shows: stored input, with budget-derived cells taken from the fact sums. Without any
 * budget data every sum is zero, and then the clerk's own figures (entered in 部门整体绩效目标) are shown
 * rather than a row of misleading zeros.
 */
export function formValues(stored: Record<string, string>, factSums: Record<string, string> | null): Record<string, string> {
  if (!factSums || Object.values(factSums).every((v) => v === '0' || v === '')) return stored;
  return { ...stored, ...factSums };
}

/** A field's value as printed in the layout: money in the table's unit, then the cell's suffix. */
export function formCellText(cell: FormCellDef, value: string | undefined, unit: MoneyUnit): string {
  if (value === undefined || value === '') return '';
  const shown = cell.type === 'money' ? formatMoney(value, unit) : value;
  return cell.suffix ? `${shown} ${cell.suffix}` : shown;
}

const cell = (col: number, text: string, extra: Partial<PrintCell> = {}): PrintCell => ({ col, colSpan: 1, rowSpan: 1, text, align: 'left', ...extra });

/** A cells section: each cell placed at the first grid column its row has free (rowSpans from above take theirs). */
function cellsRows(rows: FormCellDef[][], grid: number, values: Record<string, string>, vars: TemplateVars, unit: MoneyUnit): PrintRow[] {
  const taken = rows.map(() => new Array<boolean>(grid).fill(false));
  return rows.map((row, r) => {
    let c = 0;
    const cells = row.map((def) => {
      while (c < grid && taken[r]![c]) c += 1;
      const colSpan = def.colSpan ?? 1;
      const rowSpan = def.rowSpan ?? 1;
      for (let dr = 0; dr < rowSpan && r + dr < rows.length; dr += 1) for (let dc = 0; dc < colSpan && c + dc < grid; dc += 1) taken[r + dr]![c + dc] = true;
      const label = def.text ? fillTemplate(def.text, vars) : '';
      const value = def.field !== undefined ? formCellText(def, values[def.field], unit) : '';
      const out = cell(c, `${label}${label && value && def.type === 'longtext' ? '\n' : ''}${value}`, {
        colSpan,
        rowSpan,
        align: def.align ?? (def.field !== undefined ? (def.type === 'money' ? 'right' : 'left') : 'center'),
        wrap: true,
      });
      if (def.bold) out.bold = true;
      if (def.field !== undefined) out.field = def.field;
      if (def.type === 'money' && def.field !== undefined && !label) {
        const figure = printFigure(values[def.field], 'money', unit);
        out.number = figure.number;
        out.decimals = figure.decimals;
      }
      c += colSpan;
      return out;
    });
    return { role: 'body', cells };
  });
}

/** Indices of list rows whose merged column value continues the one above (their cell is covered). */
function mergeSpans(records: Record<string, string>[], key: string): number[] {
  return records.map((rec, i) => {
    const v = rec[key] ?? '';
    if (v === '' || (i > 0 && records[i - 1]![key] === v)) return v === '' ? 1 : 0;
    let n = 1;
    while (i + n < records.length && records[i + n]![key] === v) n += 1;
    return n;
  });
}

/** A list section: its header row, then one row per record, equal consecutive values merged where the layout says. */
function listRowsOf(section: ListSection, stored: readonly GridRow[], unit: MoneyUnit): PrintRow[] {
  const visible = section.columns.filter((c) => !c.hidden);
  const spans = section.columnSpans ?? visible.map(() => 1);
  const starts = spans.map((_, i) => spans.slice(0, i).reduce((a, b) => a + b, 0));
  const records = stored.map((r) => {
    const cells = listDisplayCells(section, r.cells);
    for (const c of section.columns) if (c.type === 'money') cells[c.key] = formatMoney(cells[c.key], unit);
    return cells;
  });
  const merged = new Map((section.mergeColumns ?? []).map((k) => [k, mergeSpans(records, k)]));
  const header: PrintRow = {
    role: 'header',
    cells: visible.map((c, i) => cell(starts[i]!, section.header ? columnLabel({ header: section.header }, c.key).replace(c.key, '') : '', { colSpan: spans[i]!, align: 'center', bold: true, wrap: true })),
  };
  const body = records.map((rec, r): PrintRow => {
    const cells: PrintCell[] = [];
    visible.forEach((c, i) => {
      const span = merged.get(c.key)?.[r] ?? 1;
      if (span === 0) return;
      const out = cell(starts[i]!, rec[c.key] ?? '', { colSpan: spans[i]!, rowSpan: span, wrap: true, align: c.type === 'money' || c.type === 'number' ? 'right' : c.align ?? 'left' });
      if (c.type === 'money') {
        const figure = printFigure(stored[r]!.cells[c.key], 'money', unit);
        out.number = figure.number;
        out.decimals = figure.decimals;
      }
      cells.push(out);
    });
    return { role: 'body', cells, key: `${section.field}/${stored[r]!.id}` };
  });
  return [header, ...body];
}

const CHINESE = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
function chineseNumber(n: number): string {
  if (n <= 10) return CHINESE[n]!;
  if (n < 20) return `十${CHINESE[n - 10]}`;
  return `${CHINESE[Math.floor(n / 10)]}十${CHINESE[n % 10]}`;
}

/** The number a seq column prints for the n-th record (1-based) in the layout's style. */
export function seqText(numbering: 'arabic' | 'chinese' | 'chineseParen' | undefined, n: number): string {
  if (numbering === 'chinese') return `${chineseNumber(n)}、`;
  if (numbering === 'chineseParen') return `（${chineseNumber(n)}）`;
  return String(n);
}

/**
 * An outline form (printAs 'outline'): text cells become headings, field cells paragraphs, and each list
 * record its number, then "表头：值" lines (or just the value when the list has one other column).
 */
function outlineRows(body: FormBody, values: Record<string, string>, lists: FormRecord['lists'], vars: TemplateVars, unit: MoneyUnit): PrintRow[] {
  const rows: PrintRow[] = [];
  for (const section of body.sections) {
    if (section.kind === 'cells') {
      for (const row of section.rows) {
        for (const def of row) {
          const label = def.text ? fillTemplate(def.text, vars) : '';
          const value = def.field !== undefined ? formCellText(def, values[def.field], unit) : '';
          if (def.field === undefined) rows.push({ role: 'section', cells: [cell(0, label, { bold: def.bold ?? true })] });
          else rows.push({ role: 'body', cells: [cell(0, label ? `${label}${value}` : value, { wrap: true })] });
        }
      }
      continue;
    }
    const seq = section.columns.find((c) => c.type === 'seq');
    const others = section.columns.filter((c) => !c.hidden && c !== seq);
    (lists[section.field] ?? []).forEach((r, i) => {
      const shown = listDisplayCells(section, r.cells);
      const lines = others.length === 1 ? [shown[others[0]!.key] ?? ''] : others.map((c) => `${section.header ? columnLabel({ header: section.header }, c.key) : c.key}：${shown[c.key] ?? ''}`);
      const number = seq ? seqText(seq.numbering, i + 1) : '';
      rows.push({ role: 'body', cells: [cell(0, others.length === 1 ? `${number}${lines[0]}` : [number, ...lines].filter((l) => l !== '').join('\n'), { wrap: true })] });
    });
  }
  return rows;
}

/** A form (部门整体支出绩效申报表, 项目绩效目标表) for one record, as printed. */
export function printForm(def: TableDef, meta: WorkbookMeta, record: FormRecord): PrintTable {
  if (def.body.kind !== 'form') throw new Error(`${def.id} is not a form`);
  const body = def.body;
  const unit = tableUnit(def, meta);
  const vars: TemplateVars = { ...templateVars({ meta }), item: record.values };
  if (record.index !== undefined) vars.index = record.index;
  const { columns: _columns, header: _header, numberRow: _numberRow, emptyNote, ...frame } = tableFrame(def, { meta });
  const filled = { ...frame, title: fillTemplate(def.title, vars), unitLine: def.showUnitName ? fillTemplate(def.unitLine ?? '单位名称：{deptName}', vars) : null };
  const outline = body.printAs === 'outline';
  const rows = outline
    ? outlineRows(body, record.values, record.lists, vars, unit)
    : body.sections.flatMap((s) => (s.kind === 'cells' ? cellsRows(s.rows, body.gridColumns, record.values, vars, unit) : listRowsOf(s, record.lists[s.field] ?? [], unit)));
  // Forms fill a portrait page's printable width (72 characters of 宋体 10.5pt).
  const width = Math.round((outline ? 72 : 72 / body.gridColumns) * POINTS_PER_CHAR);
  const table: PrintTable = {
    ...filled,
    kind: 'form',
    columns: Array.from({ length: outline ? 1 : body.gridColumns }, (_, i) => ({ key: `c${i + 1}`, width, numeric: false })),
    header: [],
    rows,
    empty: Object.values(record.values).every((v) => v === '') && Object.values(record.lists).every((l) => l.length === 0),
  };
  if (outline) table.outline = true;
  if (table.empty && emptyNote !== undefined) table.emptyNote = emptyNote;
  return table;
}

import { formatMoney } from '../../../shared/money/decimal';
import { formFieldTarget, listDisplayCells, listRows } from '../../../shared/perf/binding';
import type { FactQuery, FormCellDef, FormSectionDef, MoneyUnit, TableDef } from '../../../shared/tables/schema';
import type { GridRow } from '../../../shared/workbook/types';

type FormBody = Extract<TableDef['body'], { kind: 'form' }>;
type ListSection = Extract<FormSectionDef, { kind: 'list' }>;

/** Every cell of a form's cells sections that shows a field's value. */
function fieldCells(body: FormBody): (FormCellDef & { field: string })[] {
  return body.sections.flatMap((s) => (s.kind === 'cells' ? s.rows.flat().filter((c): c is FormCellDef & { field: string } => c.field !== undefined) : []));
}

/** The fact queries of a form's budget-derived cells, keyed by field (the names workbook.factSums answers with). */
export function formFactQueries(body: FormBody): Record<string, FactQuery> {
  return Object.fromEntries(fieldCells(body).flatMap((c) => (c.fact ? [[c.field, c.fact]] : [])));
}

/**
 * The stored value (元 for money) of each field of a single form, read from its store's rows as
 * shared/perf/binding.ts binds them. A repeated form has no single record here, so it gets nothing.
 */
export function formStoredValues(def: TableDef, storeRows: readonly GridRow[], model: (id: string) => TableDef | undefined): Record<string, string> {
  if (def.body.kind !== 'form' || def.body.repeatFor !== undefined) return {};
  const out: Record<string, string> = {};
  for (const cell of fieldCells(def.body)) {
    const target = formFieldTarget(def, cell.field, model);
    const value = target && storeRows.find((r) => r.id === target.rowId)?.cells[target.col];
    if (value) out[cell.field] = value;
  }
  return out;
}

/**
 * The values a form shows: stored input, with budget-derived cells taken from the fact sums. Without any
 * budget data every sum is zero, and then the clerk's own figures (entered in 部门整体绩效目标) are shown
 * rather than a row of misleading zeros.
 */
export function formValues(stored: Record<string, string>, factSums: Record<string, string> | null): Record<string, string> {
  if (!factSums || Object.values(factSums).every((v) => Number(v) === 0)) return stored;
  return { ...stored, ...factSums };
}

/** A field's value as printed in the layout: money in the table's unit, then the cell's suffix. */
export function formCellText(cell: FormCellDef, value: string | undefined, unit: MoneyUnit): string {
  if (value === undefined || value === '') return '';
  const shown = cell.type === 'money' ? formatMoney(value, unit) : value;
  return cell.suffix ? `${shown} ${cell.suffix}` : shown;
}

/** A single form's list records as printed (indicator lists, money in the table's unit), or none when the list has no store. */
export function formListRows(section: ListSection, storeRows: readonly GridRow[] | undefined, unit: MoneyUnit): Record<string, string>[] {
  if (section.store === undefined || !storeRows) return [];
  const money = section.columns.filter((c) => c.type === 'money').map((c) => c.key);
  return listRows(storeRows).map((r) => {
    const cells = listDisplayCells(section, r.cells);
    for (const key of money) cells[key] = formatMoney(cells[key], unit);
    return cells;
  });
}

import { tableKind } from '../../../shared/derive/index.js';
import { templateVars } from '../../../shared/derive/context.js';
import { formFieldTarget } from '../../../shared/perf/binding.js';
import { linkColumnsOf, resolveRows } from '../../../shared/perf/budget-link.js';
import { printAudit } from '../../../shared/print/audit.js';
import { buildDocument, inPart } from '../../../shared/print/document.js';
import { printDerived } from '../../../shared/print/derived.js';
import { printEntered } from '../../../shared/print/entered.js';
import { fieldCells, formFactQueries, formValues, printForm, type FormRecord } from '../../../shared/print/form.js';
import type { DocumentPart, PrintDocument, PrintTable } from '../../../shared/print/types.js';
import { fillTemplate } from '../../../shared/tables/layout.js';
import type { TableDef, TableSet } from '../../../shared/tables/schema.js';
import type { GridRow, WorkbookMeta } from '../../../shared/workbook/types.js';
import type { Core } from '../core.js';
import { CoreError } from '../errors.js';
import { storeOf } from '../workbook/edits.js';
import type { Workbook } from '../workbook/workbook.js';
import { workbookBudgetProjects } from '../perf/budget-projects.js';

/** Rows of a store, read once per request (a repeated form's 300 records share one read of the indicators). */
function rowReader(wb: Workbook): (store: string) => GridRow[] {
  const cache = new Map<string, GridRow[]>();
  return (store) => {
    let rows = cache.get(store);
    if (!rows) {
      rows = wb.rows(store);
      cache.set(store, rows);
    }
    return rows;
  };
}

function byOwner(rows: readonly GridRow[]): Map<string, GridRow[]> {
  const out = new Map<string, GridRow[]>();
  for (const r of rows) {
    const owner = r.cells.owner ?? '';
    const list = out.get(owner);
    if (list) list.push(r);
    else out.set(owner, [r]);
  }
  return out;
}

/** A form's records: one per row of its store for a repeated form, else the one record its model rows bind. */
function formRecords(core: Core, wb: Workbook, def: TableDef, read: (store: string) => GridRow[]): FormRecord[] {
  if (def.body.kind !== 'form') return [];
  const body = def.body;
  const setId = wb.meta().tableSetId;
  const model = (id: string) => core.tableSets.table(setId, id);
  const listSections = body.sections.flatMap((s) => (s.kind === 'list' ? [s] : []));
  if (body.repeatFor !== undefined) {
    const owners = new Map(listSections.map((s) => [s.field, byOwner(s.store === undefined ? [] : read(s.store))]));
    return read(storeOf(def)).map((row, i) => ({
      values: row.cells,
      lists: Object.fromEntries(listSections.map((s) => [s.field, owners.get(s.field)!.get(row.id) ?? []])),
      index: i + 1,
    }));
  }
  const stored: Record<string, string> = {};
  for (const cell of fieldCells(body)) {
    const target = formFieldTarget(def, cell.field, model);
    const value = target && read(target.tableId).find((r) => r.id === target.rowId)?.cells[target.col];
    if (value) stored[cell.field] = value;
  }
  const queries = formFactQueries(body);
  const sums = Object.keys(queries).length > 0 ? core.derived.sums(wb, queries) : null;
  return [{ values: formValues(stored, sums), lists: Object.fromEntries(listSections.map((s) => [s.field, s.store === undefined ? [] : read(s.store)])) }];
}

/** An entered table's rows as printed: rows following a budget project carry its current figures. */
function enteredRows(core: Core, wb: Workbook, def: TableDef, read: (store: string) => GridRow[]): GridRow[] {
  const rows = read(storeOf(def));
  return linkColumnsOf(def) ? resolveRows(def, rows, workbookBudgetProjects(wb, core.options.dataDir)) : rows;
}

function printLayout(core: Core, wb: Workbook, def: TableDef, read: (store: string) => GridRow[]): PrintTable[] {
  let tables: PrintTable[];
  if (tableKind(def) === 'derived') tables = [printDerived(core.derived.table(wb, def.id))];
  else if (def.body.kind === 'form') tables = formRecords(core, wb, def, read).map((record) => printForm(def, wb.meta(), record));
  else tables = [printEntered(def, enteredRows(core, wb, def, read), wb.meta())];
  if (def.group) for (const t of tables) t.group = def.group;
  return tables;
}

function setOf(core: Core, wb: Workbook): TableSet {
  const set = core.tableSets.get(wb.meta().tableSetId);
  if (!set) throw new CoreError('NOT_FOUND', { what: '表格套表', path: wb.meta().tableSetId });
  return set;
}

/** One layout of the workbook's set as printed: one table, or one per record of a repeated form. */
export function printTable(core: Core, wb: Workbook, tableId: string): PrintTable[] {
  const def = setOf(core, wb).tables.find((t) => t.id === tableId);
  if (!def) throw new CoreError('NOT_FOUND', { what: '表格', path: tableId });
  return printLayout(core, wb, def, rowReader(wb));
}

export interface DocumentRequest {
  part: DocumentPart;
  /** Layout ids to include (all of the part by default). */
  tables?: string[];
  dateLine: string;
}

/** The whole submission of a workbook, from its set's layouts in set order. */
export function printDocument(core: Core, wb: Workbook, request: DocumentRequest): PrintDocument {
  const set = setOf(core, wb);
  const unknown = (request.tables ?? []).filter((id) => !set.tables.some((t) => t.id === id));
  if (unknown.length > 0) throw new CoreError('NOT_FOUND', { what: '表格', path: unknown.join('、') });
  const chosen = set.tables.filter((def) => inPart(def, request.part) && (request.tables === undefined || request.tables.includes(def.id)));
  const read = rowReader(wb);
  const meta = wb.meta();
  return buildDocument({
    meta,
    part: request.part,
    dateLine: request.dateLine,
    narrative: core.narrative.sections(wb),
    tables: chosen.map((def) => ({ def, printed: printLayout(core, wb, def, read) })),
    // The whole submission answers the reviewer's 审核; a chosen few tables are printed without it.
    audit: request.tables === undefined ? printAudit(core.checks.findings(wb), meta, (id) => tableName(core, set, meta, id)) : null,
  });
}

/** A table as the 审核情况说明 names it: "附件1 部门收支总表", an entry table by its title. */
function tableName(core: Core, set: TableSet, meta: WorkbookMeta, id: string): string {
  const def = core.tableSets.table(set.id, id);
  if (!def) return id;
  const title = fillTemplate(def.title, templateVars({ meta }));
  return def.number ? `${def.number} ${title}` : title;
}

/** The cover's date line for today: '2026年12月'. */
export function dateLineOf(date: Date): string {
  return `${date.getFullYear()}年${date.getMonth() + 1}月`;
}

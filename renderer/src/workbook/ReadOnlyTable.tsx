import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import { columnLabel, fillTemplate } from '../../../shared/tables/layout';
import type { FormSectionDef, MoneyUnit, TableDef } from '../../../shared/tables/schema';
import type { WorkbookMeta } from '../../../shared/workbook/types';
import { call } from '../api/client';
import { findModelTable } from '../facts/modelTables';
import { gridColumns } from '../grid/columns';
import { gridSx } from '../grid/gridStyles';
import { HeaderRows } from '../grid/HeaderRows';
import { useNotifier } from '../ui/Notifier';
import { formCellText, formFactQueries, formListRows, formStoredValues, formValues } from './formValues';
import type { WorkbookSession } from './session';
import { templateVars } from './templateVars';

type FormBody = Extract<TableDef['body'], { kind: 'form' }>;
type ListSection = Extract<FormSectionDef, { kind: 'list' }>;

const modelTable = (id: string): TableDef | undefined => findModelTable(id) ?? undefined;

/**
 * Layouts shown read-only. A form is a view of the model tables the clerk fills in the side list, so it
 * shows their values; any other table here only has its printed header, never invented numbers.
 */
export function ReadOnlyTable({ session, table, meta, unit }: { session: WorkbookSession; table: TableDef; meta: WorkbookMeta; unit: MoneyUnit }) {
  const isForm = table.body.kind === 'form';
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1, minHeight: 0, flex: 1 }}>
      <Alert severity="info" data-testid="derived-note">
        {isForm ? '此表内容来自“部门整体绩效目标”等录入表，请在左侧录入后查看' : '此表将由预算数据自动生成（后续版本提供）'}
      </Alert>
      <Box sx={{ ...gridSx, flex: '0 1 auto', maxHeight: '100%', width: 'fit-content', maxWidth: '100%' }}>
        {table.body.kind === 'form' ? <FormLayout session={session} table={table} body={table.body} meta={meta} unit={unit} /> : <HeaderOnly table={table} />}
      </Box>
    </Box>
  );
}

function HeaderOnly({ table }: { table: TableDef }) {
  if (table.header.length === 0) return null;
  const columns = gridColumns(table);
  const width = columns.reduce((sum, c) => sum + c.width, 0);
  return (
    <table style={{ width }}>
      <colgroup>
        {columns.map((c) => (
          <col key={c.key} style={{ width: c.width }} />
        ))}
      </colgroup>
      <thead>
        <HeaderRows header={table.header} gutter={false} numberRow={table.numberRow} />
      </thead>
    </table>
  );
}

/**
 * Sums of the form's budget-derived cells, asked again at every revision: a change to the budget data
 * (or its undo) moves them, and the core only answers for the revision it holds.
 */
function useFactSums(session: WorkbookSession, body: FormBody, revision: number): Record<string, string> | null {
  const { notifyError } = useNotifier();
  const queries = useMemo(() => formFactQueries(body), [body]);
  const [sums, setSums] = useState<Record<string, string> | null>(null);
  useEffect(() => {
    if (Object.keys(queries).length === 0) return;
    let live = true;
    void call('workbook.factSums', { path: session.path, queries }).then((r) => {
      if (!live) return;
      if (r.ok) setSums(r.value);
      else notifyError(r.error);
    });
    return () => {
      live = false;
    };
  }, [session, queries, revision, notifyError]);
  return Object.keys(queries).length === 0 ? null : sums;
}

/** A form's labelled cells with their merges, its fields filled from the model tables and the budget facts. */
function FormLayout({ session, table, body, meta, unit }: { session: WorkbookSession; table: TableDef; body: FormBody; meta: WorkbookMeta; unit: MoneyUnit }) {
  const snap = useSyncExternalStore(session.subscribe, session.getSnapshot);
  const { notifyError } = useNotifier();
  const vars = templateVars(meta);
  const colWidth = Math.max(120, Math.floor(960 / body.gridColumns));
  const listStores = useMemo(() => [...new Set(body.sections.flatMap((s) => (s.kind === 'list' && s.store !== undefined ? [s.store] : [])))], [body]);

  // The form's own rows (its store's, by the layout id) are loaded by the page; list records live elsewhere.
  // Once loaded, the session reloads them after every change, undo and redo that touches them.
  useEffect(() => {
    for (const id of listStores) void session.loadTable(id).then((e) => e && notifyError(e));
  }, [session, listStores, notifyError]);

  const sums = useFactSums(session, body, snap.state?.revision ?? 0);
  const values = formValues(formStoredValues(table, snap.tables.get(table.id) ?? [], modelTable), sums);

  return (
    <table style={{ width: colWidth * body.gridColumns }} data-testid="form-layout">
      <colgroup>
        {Array.from({ length: body.gridColumns }, (_, i) => (
          <col key={i} style={{ width: colWidth }} />
        ))}
      </colgroup>
      <tbody>
        {body.sections.flatMap((section, s) => {
          if (section.kind === 'cells') {
            return section.rows.map((row, r) => (
              <tr key={`${s}-${r}`} style={{ height: 32 }}>
                {row.map((cell, c) => {
                  const label = cell.text ? fillTemplate(cell.text, vars) : '';
                  const value = cell.field !== undefined ? formCellText(cell, values[cell.field], unit) : '';
                  return (
                    <td
                      key={c}
                      colSpan={cell.colSpan}
                      rowSpan={cell.rowSpan}
                      data-testid={cell.field !== undefined ? `form-field-${cell.field}` : undefined}
                      style={{
                        padding: '4px 8px',
                        fontWeight: cell.bold ? 600 : undefined,
                        textAlign: cell.align ?? (cell.field ? 'left' : 'center'),
                        background: cell.field ? '#fff' : '#f6f8fb',
                        // The clerk's line breaks are part of the text (one goal or measure per line).
                        whiteSpace: 'pre-wrap',
                        verticalAlign: cell.field ? 'top' : undefined,
                      }}
                    >
                      {label}
                      {label && value && cell.type === 'longtext' ? '\n' : ''}
                      {value}
                    </td>
                  );
                })}
              </tr>
            ));
          }
          return listSection(section, s, formListRows(section, section.store === undefined ? undefined : snap.tables.get(section.store), unit));
        })}
      </tbody>
    </table>
  );
}

/** A list section: its header row, then one row per record, equal consecutive values merged where the layout says. */
function listSection(section: ListSection, s: number, records: Record<string, string>[]) {
  const visible = section.columns.filter((c) => !c.hidden);
  const spans = section.columnSpans ?? visible.map(() => 1);
  const merge = new Set(section.mergeColumns ?? []);
  // rowSpan of each merged cell, 0 where it is covered by the cell above.
  const rowSpan = (i: number, key: string): number => {
    if (!merge.has(key)) return 1;
    const v = records[i]![key] ?? '';
    if (i > 0 && v !== '' && records[i - 1]![key] === v) return 0;
    let n = 1;
    while (v !== '' && i + n < records.length && records[i + n]![key] === v) n += 1;
    return n;
  };
  return [
    <tr key={`${s}-list`} style={{ height: 32 }}>
      {visible.map((c, i) => (
        <td key={c.key} colSpan={spans[i]} style={{ padding: '4px 8px', textAlign: 'center', fontWeight: 600, background: '#eef2f7' }}>
          {section.header ? columnLabel({ header: section.header }, c.key).replace(c.key, '') : ''}
        </td>
      ))}
    </tr>,
    ...records.map((cells, r) => (
      <tr key={`${s}-list-${r}`} style={{ height: 32 }} data-testid={`form-list-${section.field}-row`}>
        {visible.map((c, i) => {
          const span = rowSpan(r, c.key);
          if (span === 0) return null;
          return (
            <td key={c.key} colSpan={spans[i]} rowSpan={span > 1 ? span : undefined} style={{ padding: '4px 8px', whiteSpace: 'pre-wrap', textAlign: c.type === 'money' || c.type === 'number' ? 'right' : 'left' }}>
              {cells[c.key] ?? ''}
            </td>
          );
        })}
      </tr>
    )),
  ];
}

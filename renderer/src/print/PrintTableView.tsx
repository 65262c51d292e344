import type { CSSProperties } from 'react';
import type { PrintCell, PrintRow, PrintTable } from '../../../shared/print/types';
import { frozenClass, stickyLeft, type ColumnFit, type FitColumn } from '../grid/columnFit';

/** Screen pixels per printed point: the layout's widths at a readable size. */
const PX_PER_POINT = 1.6;

/** A printed table's columns for columnFit: their print widths on screen, figures and frozen key columns. */
export function printFitColumns(table: PrintTable): FitColumn[] {
  return table.columns.map((c) => ({ type: c.numeric ? 'money' : 'text', width: Math.round(c.width * PX_PER_POINT), role: c.frozen ? 'name' : null }));
}

function cellStyle(c: PrintCell, header: boolean, fitted: boolean): CSSProperties {
  return {
    // Longhands only: beside a shorthand, an undefined paddingLeft made React drop the left padding.
    paddingTop: 4,
    paddingBottom: 4,
    paddingRight: 8,
    paddingLeft: 8 + (c.indent ?? 0) * 14,
    textAlign: c.align,
    fontWeight: c.bold || header ? 600 : undefined,
    // The clerk's line breaks are part of the text (one goal or measure per line); in a table narrowed to
    // the window, headers and texts wrap as printed, figures never.
    whiteSpace: c.wrap ? 'pre-wrap' : fitted && c.number === undefined ? 'normal' : 'nowrap',
    fontVariantNumeric: c.number !== undefined ? 'tabular-nums' : undefined,
    verticalAlign: c.field !== undefined ? 'top' : undefined,
    background: header ? '#eef2f7' : undefined,
  };
}

/** What a row's cells carry for tests and tools: a form field's name, a list record's list. */
function rowTestId(row: PrintRow): string | undefined {
  const list = row.key?.includes('/') ? row.key.slice(0, row.key.indexOf('/')) : undefined;
  return list === undefined ? undefined : `form-list-${list}-row`;
}

/**
 * A printed table (shared/print) as the submission prints it: the merged header, the body rows with their
 * spans, figures as printed. The same model the .docx/.xlsx writers and the print preview read.
 */
export function PrintTableView({ table, fit, flagged }: { table: PrintTable; fit?: ColumnFit; /** Cells a picked 审核 finding marks. */ flagged?: (cell: PrintCell) => boolean }) {
  const widths = fit?.widths ?? table.columns.map((c) => Math.round(c.width * PX_PER_POINT));
  const width = fit?.total ?? widths.reduce((sum, w) => sum + w, 0);
  const row = (r: PrintRow, i: number, header: boolean) => (
    <tr key={i} style={{ height: 32 }} data-testid={rowTestId(r)} className={r.role === 'total' ? 'total' : undefined}>
      {r.cells.map((c) => {
        const Cell = header || r.role === 'header' ? 'th' : 'td';
        return (
          <Cell
            key={c.col}
            colSpan={c.colSpan > 1 ? c.colSpan : undefined}
            rowSpan={c.rowSpan > 1 ? c.rowSpan : undefined}
            data-testid={c.field !== undefined ? `form-field-${c.field}` : undefined}
            data-col={c.col}
            className={[frozenClass(fit, c.col, c.colSpan), flagged?.(c) ? 'flagged' : null].filter(Boolean).join(' ') || undefined}
            style={{ ...cellStyle(c, header || r.role === 'header' || r.role === 'number', fit !== undefined), ...stickyLeft(fit, c.col, c.colSpan) }}
          >
            {c.text}
          </Cell>
        );
      })}
    </tr>
  );
  return (
    <table style={{ width }} data-testid={table.kind === 'form' ? 'form-layout' : 'print-table'}>
      <colgroup>
        {table.columns.map((c, i) => (
          <col key={c.key} style={{ width: widths[i] }} />
        ))}
      </colgroup>
      {table.header.length > 0 && <thead>{table.header.map((r, i) => row(r, i, true))}</thead>}
      <tbody>{table.rows.map((r, i) => row(r, i, false))}</tbody>
    </table>
  );
}

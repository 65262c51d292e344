import type { PrintCell, PrintRow, PrintTable } from '../../../shared/print/types';
import { printableWidth } from '../../../shared/print/page';
import { cellText, columnWidths } from '../../../shared/print/widths';

const pt = (twips: number) => `${twips / 20}pt`;

function Row({ row, table, header }: { row: PrintRow; table: PrintTable; header: boolean }) {
  const Cell = header ? 'th' : 'td';
  return (
    <tr className={row.role === 'blank' ? 'blank' : undefined} data-m={header ? undefined : 'row'}>
      {row.cells.map((c: PrintCell) => (
        <Cell
          key={c.col}
          colSpan={c.colSpan > 1 ? c.colSpan : undefined}
          rowSpan={c.rowSpan > 1 ? c.rowSpan : undefined}
          style={{ textAlign: c.label !== undefined ? 'left' : c.align, fontWeight: c.bold ? 700 : undefined, paddingLeft: c.indent ? `calc(2.85pt + ${c.indent * 10.5}pt)` : undefined }}
        >
          {c.label !== undefined && c.number !== undefined && c.text !== '' ? (
            <span className="bd-label-amount">
              <span>{c.label}</span>
              <span>{cellText(c, table.columns[c.col]).slice(c.label.length + 1)}</span>
            </span>
          ) : (
            cellText(c, table.columns[c.col])
          )}
        </Cell>
      ))}
    </tr>
  );
}

/**
 * One printed table, or the part of it that falls on one page, as the .docx prints it: 附件 number, title and
 * unit lines above the first part, the header rows on every part, the columns as wide as in Word.
 */
export function PrintTableSlice({
  table,
  orientation,
  caption = true,
  rows = [0, table.rows.length],
  notes = true,
}: {
  table: PrintTable;
  orientation: 'portrait' | 'landscape';
  caption?: boolean;
  rows?: [number, number];
  notes?: boolean;
}) {
  const widths = columnWidths(table, printableWidth(orientation));
  const joined = table.unitLine !== null && table.moneyUnitLine !== null && table.unitLinesJoined;
  const notesShown = [...(table.empty && table.emptyNote ? [table.emptyNote] : []), ...table.notes];
  return (
    <>
      {caption && (
        <div className="bd-block bd-table-caption" data-m="caption">
          {table.number && <p className="bd-table-number">{table.number}</p>}
          <p className="bd-table-title" data-testid="preview-table-title">
            {table.title}
          </p>
          {joined ? (
            <p className="bd-unit-line bd-unit-joined">
              <span>{table.unitLine}</span>
              <span>{table.moneyUnitLine}</span>
            </p>
          ) : (
            <>
              {table.unitLine !== null && <p className="bd-unit-line">{table.unitLine}</p>}
              {table.moneyUnitLine !== null && <p className="bd-unit-line bd-right">{table.moneyUnitLine}</p>}
            </>
          )}
        </div>
      )}
      {rows[1] > rows[0] || (caption && table.rows.length === 0) ? (
        <table className="bd-table" style={{ width: pt(widths.reduce((s, w) => s + w, 0)) }}>
          <colgroup>
            {widths.map((w, i) => (
              <col key={i} style={{ width: pt(w) }} />
            ))}
          </colgroup>
          <thead data-m="header">
            {table.header.map((r, i) => (
              <Row key={i} row={r} table={table} header />
            ))}
          </thead>
          <tbody>
            {table.rows.slice(rows[0], rows[1]).map((r, i) => (
              <Row key={rows[0] + i} row={r} table={table} header={false} />
            ))}
          </tbody>
        </table>
      ) : null}
      {notes && notesShown.length > 0 && (
        <div className="bd-block" data-m="notes">
          {notesShown.map((n, i) => (
            <p key={i} className="bd-note">
              {n}
            </p>
          ))}
        </div>
      )}
    </>
  );
}

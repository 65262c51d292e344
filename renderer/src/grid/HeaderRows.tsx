import { useMemo } from 'react';
import { headerCells, type HeaderCell } from '../../../shared/tables/layout';
import type { HeaderNode } from '../../../shared/tables/schema';
import { frozenClass, stickyLeft, type ColumnFit } from './columnFit';

/**
 * The printed multi-row header with its merges, as <tr>s for a <thead>; an optional gutter column leads.
 * Cells over frozen columns only (科目编码 over 类/款/项) stay at the left with them.
 */
export function HeaderRows({ header, gutter, numberRow, fit }: { header: HeaderNode[]; gutter: boolean; numberRow?: string[] | undefined; fit?: ColumnFit }) {
  const rows = useMemo(() => {
    const layout = headerCells(header);
    const byRow: HeaderCell[][] = Array.from({ length: layout.rows }, () => []);
    for (const cell of layout.cells) byRow[cell.row]!.push(cell);
    for (const r of byRow) r.sort((a, b) => a.col - b.col);
    return byRow;
  }, [header]);
  return (
    <>
      {rows.map((cells, i) => (
        <tr key={i} className="hdr">
          {i === 0 && gutter && <th rowSpan={rows.length} className="gutter" aria-label="行号" />}
          {cells.map((c) => (
            <th
              key={`${c.row}-${c.col}`}
              rowSpan={c.rowSpan}
              colSpan={c.colSpan}
              data-col-key={c.key}
              className={frozenClass(fit, c.col, c.colSpan) ?? undefined}
              style={stickyLeft(fit, c.col, c.colSpan)}
            >
              {c.label}
            </th>
          ))}
        </tr>
      ))}
      {numberRow && (
        // 栏次 line (1, 2, 3 …) printed under the header in some official layouts.
        <tr className="hdr numbers">
          {gutter && <th className="gutter" />}
          {numberRow.map((label, i) => (
            <th key={i} className={frozenClass(fit, i) ?? undefined} style={stickyLeft(fit, i)}>
              {label}
            </th>
          ))}
        </tr>
      )}
    </>
  );
}

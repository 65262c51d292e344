import type { MoneyUnit, TotalRowDef } from '../../../shared/tables/schema';
import type { TableMarks } from '../checks/highlight';
import { frozenClass, stickyLeft, type ColumnFit } from './columnFit';
import { displayText, type GridColumn } from './columns';
import { ROW_HEIGHT } from './gridStyles';
import type { DisplayRow } from './pending';
import { inRect, type CellPos, type Rect } from './selection';

const shownText = (row: DisplayRow, col: GridColumn, unit: MoneyUnit): string => {
  const typed = row.typed?.[col.key];
  return typed !== undefined ? typed : displayText(col, row.cells[col.key], unit);
};

/**
 * A cell whose value is not (only) stored: 'follows' shows another table's figure, 'override' the clerk's own
 * instead, 'missing' a cell whose source is gone.
 */
export interface CellMark {
  kind: 'follows' | 'override' | 'missing';
  /** Says where the value comes from and how to change that. */
  title: string;
}

/**
 * The visible slice of the body, rows first..last-1. Index display.length is the new-row line: typing
 * there adds a row; it has no test ids because it is not a data row.
 */
export function BodyRows(props: {
  display: readonly DisplayRow[];
  columns: readonly GridColumn[];
  fit: ColumnFit;
  unit: MoneyUnit;
  first: number;
  last: number;
  rowHeight: number;
  rect: Rect;
  active: CellPos;
  mark?: (rowId: string, col: string) => CellMark | undefined;
  /** Cells of the 审核 finding picked in the panel. */
  flagged?: TableMarks | null;
}) {
  const { display, columns, fit, unit, first, last, rowHeight, rect, active, mark, flagged } = props;
  const multi = rect.r0 !== rect.r1 || rect.c0 !== rect.c1;
  const rows: React.ReactNode[] = [];
  for (let r = first; r < last; r++) {
    const row = display[r];
    const ghost = row === undefined;
    rows.push(
      <tr key={row?.key ?? 'ghost'} className={ghost ? 'ghost' : undefined} style={{ height: rowHeight }}>
        <td className="gutter" data-r={r} data-c={-1} title={ghost ? '在此行输入即可新增一行' : '点击选中整行'}>
          <div className="ci" style={{ height: rowHeight - 1, lineHeight: `${rowHeight - 1}px` }}>
            {ghost ? '＋' : r + 1}
          </div>
        </td>
        {columns.map((col, c) => {
          const text = row ? shownText(row, col, unit) : '';
          const long = col.def.type === 'longtext';
          const classes = ['cell'];
          const frozen = frozenClass(fit, c);
          if (frozen) classes.push(frozen);
          if (col.numeric) classes.push('num');
          else if (col.align !== 'left') classes.push(col.align);
          if (long) classes.push('long');
          if (row?.typed?.[col.key] !== undefined) classes.push('typed');
          if (multi && inRect(rect, r, c)) classes.push('sel');
          if (r === active.r && c === active.c) classes.push('act');
          const marked = row && row.ref.kind === 'row' ? mark?.(row.key, col.key) : undefined;
          if (marked) classes.push(marked.kind);
          if (row && row.ref.kind === 'row' && flagged?.has(row.key, col.key)) classes.push('flagged');
          return (
            <td
              key={col.key}
              className={classes.join(' ')}
              data-r={r}
              data-c={c}
              style={stickyLeft(fit, c)}
              data-testid={ghost ? undefined : `cell-${r}-${col.key}`}
              data-link={marked?.kind}
              title={marked ? `${text}\n${marked.title}` : text.length > 8 && !col.numeric ? text : undefined}
            >
              <div className="ci" style={long ? undefined : { height: rowHeight - 1, lineHeight: `${rowHeight - 1}px` }}>
                {text}
              </div>
            </td>
          );
        })}
      </tr>,
    );
  }
  return <>{rows}</>;
}

/** The 合计 line: label in its column (merged across labelSpan columns when the layout says so), sums elsewhere. */
export function TotalRow({ total, columns, fit, totals }: { total: TotalRowDef; columns: readonly GridColumn[]; fit: ColumnFit; totals: Record<string, string> }) {
  const labelAt = columns.findIndex((c) => c.key === total.labelColumn);
  const span = Math.max(1, Math.min(total.labelSpan ?? 1, columns.length - Math.max(0, labelAt)));
  const line = { height: ROW_HEIGHT - 1, lineHeight: `${ROW_HEIGHT - 1}px` };
  const cells: React.ReactNode[] = [];
  for (let i = 0; i < columns.length; i++) {
    const col = columns[i]!;
    if (i === labelAt) {
      cells.push(
        <td key={col.key} colSpan={span} className={['center', frozenClass(fit, i, span)].filter(Boolean).join(' ')} style={stickyLeft(fit, i, span)} data-testid={`total-${col.key}`}>
          <div className="ci" style={line}>
            {total.label}
          </div>
        </td>,
      );
      i += span - 1;
      continue;
    }
    cells.push(
      <td
        key={col.key}
        className={[col.numeric ? 'num' : '', frozenClass(fit, i) ?? ''].filter(Boolean).join(' ') || undefined}
        style={stickyLeft(fit, i)}
        data-testid={`total-${col.key}`}
      >
        <div className="ci" style={line}>
          {totals[col.key] ?? ''}
        </div>
      </td>,
    );
  }
  return (
    <tr className="total" style={{ height: ROW_HEIGHT }}>
      <td className="gutter" />
      {cells}
    </tr>
  );
}

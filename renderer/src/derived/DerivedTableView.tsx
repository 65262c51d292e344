import { useEffect, useMemo, useRef, useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import type { DerivedColumn, DerivedTable } from '../../../shared/derive/types';
import type { TableDef } from '../../../shared/tables/schema';
import type { WorkbookMeta } from '../../../shared/workbook/types';
import { errorText } from '../api/messages';
import { useTableMarks, type TableMarks } from '../checks/highlight';
import { fitColumns, frozenClass, keyRole, preferredWidth, stickyLeft, type ColumnFit } from '../grid/columnFit';
import { gridSx, TABLE_BORDER } from '../grid/gridStyles';
import { HeaderRows } from '../grid/HeaderRows';
import { useAvailableWidth } from '../grid/useAvailableWidth';
import { navigate } from '../router';
import { DerivedHeading } from './DerivedHeading';
import { DrillDialog, type DrillTarget } from './DrillDialog';
import { requestJump } from './jump';
import { useDerived } from './useDerived';

const isNumeric = (c: DerivedColumn) => c.type === 'money' || c.type === 'number' || c.type === 'integer' || c.type === 'percent';

const derivedSx = {
  ...gridSx,
  '& td': { borderRight: '1px solid #9aa5b1', borderBottom: '1px solid #9aa5b1', px: 0.75, height: 28, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' },
  '& td.num': { textAlign: 'right', fontVariantNumeric: 'tabular-nums' },
  // Names and items wrap, as printed, when their column has been narrowed to fit the window.
  '& td.wrap': { whiteSpace: 'normal', lineHeight: 1.4, py: 0.5 },
  '& td.center': { textAlign: 'center' },
  '& tr.total td, & tr.subtotal td, & tr.section td': { fontWeight: 600 },
  '& tr.total td': { bgcolor: '#f7f4ea' },
  '& td.drill': { cursor: 'pointer', color: '#1f5fa8' },
  '& td.drill:hover': { textDecoration: 'underline', bgcolor: 'rgba(31, 95, 168, 0.06)' },
  '& td.hint': { bgcolor: '#fff6d6' },
  '& td.problem': { bgcolor: '#fde5e3' },
  '& td.empty-note': { textAlign: 'left', whiteSpace: 'pre-line', color: 'text.secondary', py: 1 },
  // Cells of the 审核 finding picked in the panel.
  '& td.flagged': { bgcolor: '#ffe2b8', boxShadow: 'inset 0 0 0 2px #d84315' },
};

/** A table computed from the budget facts: read-only, every figure can be traced to its lines. */
export function DerivedTableView({ path, table, meta, revision }: { path: string; table: TableDef; meta: WorkbookMeta; revision: number }) {
  const [unit, setUnit] = useState('');
  const [drill, setDrill] = useState<DrillTarget | null>(null);
  const { table: data, units, error } = useDerived(path, table.id, unit, revision);
  const outerRef = useRef<HTMLDivElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const marks = useTableMarks(table.id);
  const scrolledFor = useRef(0);
  const available = useAvailableWidth(outerRef, scrollRef, data !== null);
  const columns = data?.columns;
  const fit = useMemo(
    () => fitColumns((columns ?? []).map((c) => ({ type: c.type, width: preferredWidth(c.width), role: keyRole(table, c) })), available, TABLE_BORDER, TABLE_BORDER),
    [columns, table, available],
  );
  // A finding picked in the 审核 panel: bring its first cell into view once per pick, after the columns
  // have been fitted to the window (an earlier scroll would be undone by the re-layout).
  useEffect(() => {
    if (!marks || !data || available <= 0 || scrolledFor.current === marks.serial) return;
    const target = scrollRef.current?.querySelector('td.flagged');
    if (!target) return;
    scrolledFor.current = marks.serial;
    target.scrollIntoView({ block: 'center', inline: 'nearest' });
  }, [marks, data, available, fit]);

  if (error) return <Alert severity="error">{errorText(error)}</Alert>;
  if (!data) return <LinearProgress />;
  const jump = (tableId: string, rowId: string) => {
    setDrill(null);
    requestJump(tableId, rowId);
    navigate({ name: 'workbook', path, table: tableId });
  };
  return (
    <Box ref={outerRef} sx={{ display: 'flex', flexDirection: 'column', minHeight: 0, flex: 1 }} data-testid="derived-table">
      <DerivedHeading table={data} units={units} unit={unit} onUnit={setUnit} />
      <Box
        ref={scrollRef}
        data-testid="derived-scroll"
        data-flagged={marks?.whole ? 'table' : undefined}
        // A finding about the whole table (a figure summed from the budget data) outlines it.
        sx={{ ...derivedSx, flex: '0 1 auto', width: 'fit-content', maxWidth: '100%', ...(marks?.whole ? { outline: '2px solid #d84315', outlineOffset: 2 } : {}) }}
        // Scrolling a cell into view (keyboard focus, find) keeps it out from under the frozen columns.
        style={{ scrollPaddingLeft: fit.frozenRight }}
      >
        <DerivedBody table={table} data={data} fit={fit} flagged={marks} onDrill={(rowKey, col) => setDrill({ tableId: table.id, rowKey, col, unit })} />
      </Box>
      <Findings data={data} />
      {data.notes.map((n, i) => (
        <Typography key={i} variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
          {n}
        </Typography>
      ))}
      <DrillDialog path={path} target={drill} moneyUnit={data.moneyUnit} year={meta.year} onClose={() => setDrill(null)} onJump={jump} />
    </Box>
  );
}

function DerivedBody({ table, data, fit, flagged, onDrill }: { table: TableDef; data: DerivedTable; fit: ColumnFit; flagged: TableMarks | null; onDrill(rowKey: string, col: string): void }) {
  const marks = new Map<string, { kind: 'hint' | 'problem'; message: string }>();
  for (const p of data.problems) if (p.rowKey && p.col) marks.set(`${p.rowKey}|${p.col}`, { kind: 'problem', message: p.message });
  for (const h of data.hints) marks.set(`${h.rowKey}|${h.col}`, { kind: 'hint', message: h.message });
  // Indentation shows the 类/款/项 level in the first text column (the name), as the printed tables do.
  const indentCol = data.columns.find((c) => c.type === 'text' || c.type === 'longtext')?.key;
  const showNote = data.empty && data.emptyNote;
  return (
    <table style={{ width: fit.total }}>
      <colgroup>
        {data.columns.map((c, i) => (
          <col key={c.key} style={{ width: fit.widths[i] }} />
        ))}
      </colgroup>
      <thead>
        <HeaderRows header={table.header} gutter={false} numberRow={data.numberRow} fit={fit} />
      </thead>
      <tbody>
        {data.rows.map((row) => (
          <tr key={row.key} className={row.style} data-testid={`drow-${row.key}`}>
            {data.columns.map((col, i) => {
              const cell = row.cells[col.key];
              if (!cell) return null;
              const mark = marks.get(`${row.key}|${col.key}`);
              const classes = [isNumeric(col) ? 'num' : (col.align ?? (col.type === 'code' || col.type === 'seq' ? 'center' : 'left'))];
              const frozen = frozenClass(fit, i, cell.colSpan);
              if (frozen) classes.push(frozen);
              if (col.type === 'text' || col.type === 'longtext') classes.push('wrap');
              if (cell.drill) classes.push('drill');
              if (mark) classes.push(mark.kind);
              if (flagged?.has(row.key, col.key)) classes.push('flagged');
              const sticky = stickyLeft(fit, i, cell.colSpan);
              const indent = col.key === indentCol && row.level > 0 ? { paddingLeft: 6 + row.level * 16 } : undefined;
              return (
                <td
                  key={col.key}
                  colSpan={cell.colSpan}
                  className={classes.join(' ')}
                  style={sticky || indent ? { ...sticky, ...indent } : undefined}
                  data-testid={`dcell-${row.key}-${col.key}`}
                  title={mark ? mark.message : cell.drill ? '点击查看组成此数的明细行' : cell.text.length > 10 ? cell.text : undefined}
                  onClick={cell.drill ? () => onDrill(row.key, col.key) : undefined}
                >
                  {cell.text}
                </td>
              );
            })}
          </tr>
        ))}
        {/* An empty table prints its blank rows and 合计 (if the layout has them), then its note. */}
        {showNote && (
          <tr>
            <td colSpan={data.columns.length} className={flagged?.whole ? 'empty-note flagged' : 'empty-note'} data-testid="empty-note">
              {data.emptyNote}
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}

/** 提示 (rounding differences) and 问题 (data the table cannot show), listed under the table. */
function Findings({ data }: { data: DerivedTable }) {
  if (data.hints.length === 0 && data.problems.length === 0) return null;
  return (
    <Box sx={{ mt: 1, display: 'flex', flexDirection: 'column', gap: 0.5, maxHeight: 180, overflowY: 'auto' }}>
      {data.problems.map((p, i) => (
        <Alert key={`p${i}`} severity="error" data-testid="derived-problem" sx={{ py: 0 }}>
          问题：{p.message}
        </Alert>
      ))}
      {data.hints.map((h, i) => (
        <Alert key={`h${i}`} severity="warning" data-testid="derived-hint" sx={{ py: 0 }}>
          提示：{h.message}（显示合计 {h.shown}，各项之和 {h.partsSum}）
        </Alert>
      ))}
    </Box>
  );
}

import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { PrintCell, PrintTable } from '../../../shared/print/types';
import type { TableDef } from '../../../shared/tables/schema';
import { call } from '../api/client';
import { useTableMarks } from '../checks/highlight';
import { fitColumns } from '../grid/columnFit';
import { gridSx, TABLE_BORDER } from '../grid/gridStyles';
import { useAvailableWidth } from '../grid/useAvailableWidth';
import { PrintTableView, printFitColumns } from '../print/PrintTableView';
import { useNotifier } from '../ui/Notifier';
import type { WorkbookSession } from './session';

/**
 * Layouts shown read-only, as printed: the core builds the printed table (print.table) from the model tables
 * the clerk fills in the side list and from the budget data, again at every revision (a change, undo or redo
 * anywhere may move a figure), so this view shows exactly what the exports will hold.
 */
export function ReadOnlyTable({ session, table }: { session: WorkbookSession; table: TableDef }) {
  const snap = useSyncExternalStore(session.subscribe, session.getSnapshot);
  const revision = snap.state?.revision ?? 0;
  const { notifyError } = useNotifier();
  const [printed, setPrinted] = useState<{ id: string; tables: PrintTable[] } | null>(null);
  useEffect(() => {
    let live = true;
    void call('print.table', { path: session.path, tableId: table.id }).then((r) => {
      if (!live) return;
      if (r.ok) setPrinted({ id: table.id, tables: r.value });
      else notifyError(r.error);
    });
    return () => {
      live = false;
    };
  }, [session, table.id, revision, notifyError]);
  const isForm = table.body.kind === 'form';
  const shown = printed?.id === table.id ? printed.tables : [];
  // A 审核 finding on a form (部门整体) names the field it is about: that field's cell is marked and brought into view.
  const marks = useTableMarks(table.id);
  const flagged = useMemo(() => (marks ? (c: PrintCell) => c.field !== undefined && marks.cells.some((m) => m.row === null && m.column === c.field) : undefined), [marks]);
  const boxRef = useRef<HTMLDivElement>(null);
  const shownMarks = useRef(0);
  useEffect(() => {
    const target = boxRef.current?.querySelector('td.flagged');
    if (!marks || !target || shownMarks.current === marks.serial) return;
    shownMarks.current = marks.serial;
    target.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [marks, shown]);
  return (
    <Box ref={boxRef} sx={{ display: 'flex', flexDirection: 'column', gap: 1, minHeight: 0, flex: 1 }}>
      <Alert severity="info" data-testid="derived-note">
        {isForm ? '此表内容来自左侧“绩效数据录入”中的“部门整体目标与资金”等表，请在那里录入后查看' : '此表将由预算数据自动生成（后续版本提供）'}
      </Alert>
      {shown.map((t, i) => (
        <FittedPrintTable key={i} table={t} flagged={flagged} />
      ))}
    </Box>
  );
}

/** One printed table fitted to the window as the entry grid is: narrowed columns, frozen key columns, a visible scrollbar. */
function FittedPrintTable({ table, flagged }: { table: PrintTable; flagged?: ((c: PrintCell) => boolean) | undefined }) {
  const outerRef = useRef<HTMLDivElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const available = useAvailableWidth(outerRef, scrollRef, true);
  const fit = useMemo(() => fitColumns(printFitColumns(table), available, TABLE_BORDER, TABLE_BORDER), [table, available]);
  return (
    <Box ref={outerRef} sx={{ display: 'flex', flexDirection: 'column', minHeight: 0, flex: '0 1 auto' }}>
      <Box ref={scrollRef} data-testid="print-table-scroll" sx={{ ...gridSx, flex: '0 1 auto', width: 'fit-content', maxWidth: '100%' }} style={{ scrollPaddingLeft: fit.frozenRight }}>
        <PrintTableView table={table} fit={fit} flagged={flagged} />
        {table.empty && table.emptyNote && (
          <Typography variant="body2" color="text.secondary" sx={{ p: 1 }}>
            {table.emptyNote}
          </Typography>
        )}
      </Box>
    </Box>
  );
}

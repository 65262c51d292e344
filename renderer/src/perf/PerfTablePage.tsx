import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import Typography from '@mui/material/Typography';
import type { Edit } from '../../../shared/api/contract';
import { formatMoney } from '../../../shared/money/decimal';
import { linkCells, linkColumnsOf, unlinkCells, unlinkedProjects, type BudgetProject } from '../../../shared/perf/budget-link';
import type { Finding } from '../../../shared/perf/findings';
import { appendIndicator, indicatorColumnFor, indicatorColumnsOf } from '../../../shared/perf/indicator-columns';
import type { LibraryEntry } from '../../../shared/perf/library-entry';
import type { MoneyUnit, TableDef } from '../../../shared/tables/schema';
import { call } from '../api/client';
import { requestJump } from '../derived/jump';
import { Grid } from '../grid/Grid';
import { useNotifier } from '../ui/Notifier';
import type { WorkbookSession } from '../workbook/session';
import { CopyColumnsDialog } from './CopyColumnsDialog';
import { LibraryDialog } from './LibraryDialog';
import { linkView } from './linkView';
import { PerfChecks, usePerfFindings } from './PerfChecks';

interface Props {
  session: WorkbookSession;
  table: TableDef;
  unit: MoneyUnit;
  onUndo(): void;
  onRedo(): void;
}

/** The budget's projects, asked again at every revision of the workbook. */
function useBudgetProjects(session: WorkbookSession, revision: number, wanted: boolean): BudgetProject[] {
  const { notifyError } = useNotifier();
  const [projects, setProjects] = useState<BudgetProject[]>([]);
  useEffect(() => {
    if (!wanted) return;
    let live = true;
    void call('perf.budgetProjects', { path: session.path }).then((r) => live && (r.ok ? setProjects(r.value) : notifyError(r.error)));
    return () => {
      live = false;
    };
  }, [session, revision, wanted, notifyError]);
  return projects;
}

/**
 * A 绩效 table entered as a grid (专项资金汇总表, 支出方向表). What it offers beside the grid is read from
 * its definition: rows taken from the budget's projects that keep following them (fromProject columns),
 * the 指标库 and 复制指标 where it has indicator columns, and the 质量检查 of its rows, live.
 */
export function PerfTablePage({ session, table, unit, onUndo, onRedo }: Props) {
  const snap = useSyncExternalStore(session.subscribe, session.getSnapshot);
  const { notify, notifyError } = useNotifier();
  const cols = useMemo(() => linkColumnsOf(table), [table]);
  const indicatorCols = useMemo(() => indicatorColumnsOf(table), [table]);
  const revision = snap.state?.revision ?? 0;
  const projects = useBudgetProjects(session, revision, cols !== null);
  const findings = usePerfFindings(session, [table.store ?? table.id], revision);
  const view = useMemo(() => (cols ? linkView(cols, projects, unit) : undefined), [cols, projects, unit]);
  const [activeRow, setActiveRow] = useState<string | null>(null);
  const [offersAt, setOffersAt] = useState<HTMLElement | null>(null);
  const [dialog, setDialog] = useState<'library' | 'copy' | null>(null);
  const [gridKey, setGridKey] = useState(0);
  const onActiveRow = useCallback((id: string | null) => setActiveRow(id), []);

  const stored = snap.tables.get(table.id) ?? [];
  const offers = cols ? unlinkedProjects(cols, stored, projects) : [];
  const active = activeRow ? view?.linked(activeRow) : undefined;
  const activeCells = (activeRow && (active?.row.cells ?? stored.find((r) => r.id === activeRow)?.cells)) || null;
  const activeLabel = activeCells ? activeCells.direction || activeCells.name || activeCells.fundName || '' : '';

  const change = async (edits: () => Edit[] | null, label: string): Promise<boolean> => {
    const r = await session.change(edits, label);
    if (r && !r.ok) notifyError(r.error);
    return r?.ok ?? false;
  };

  const take = (chosen: readonly BudgetProject[]) => {
    setOffersAt(null);
    if (!cols || chosen.length === 0) return;
    void change(() => [{ kind: 'insertRows', tableId: table.id, index: session.rows(table.id).length, rows: chosen.map((p) => linkCells(cols, p)) }], `从预算项目添加（${chosen.length}个）`).then(
      (ok) => ok && notify(`已添加 ${chosen.length} 个预算项目，名称、金额随项目数据更新`, 'success'),
    );
  };

  const unlink = () => {
    if (!cols || !active || (!active.project && !active.missing)) return;
    const cells = unlinkCells(cols, active, unit);
    void change(() => [{ kind: 'setCells', tableId: table.id, cells: cells.map((c) => ({ rowId: active.row.id, ...c })) }], '取消关联预算项目');
  };

  const addFromLibrary = async (entry: LibraryEntry): Promise<boolean> => {
    if (!activeRow || !activeCells) return false;
    const target = indicatorColumnFor(table, entry.level2);
    if ('error' in target) {
      notifyError(target.error);
      return false;
    }
    const text = appendIndicator(activeCells[target.key] ?? '', entry.name, entry.value);
    return change(() => [{ kind: 'setCells', tableId: table.id, cells: [{ rowId: activeRow, col: target.key, text }] }], `添加指标“${entry.name}”`);
  };

  const pick = (f: Finding) => {
    if (!f.row) return;
    requestJump(table.id, f.row);
    setGridKey((k) => k + 1);
  };

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1, minHeight: 0, flex: 1 }}>
      <PerfChecks findings={findings} onPick={pick}>
        {cols && (
          <>
            <Button size="small" variant="outlined" data-testid="offer-projects" disabled={offers.length === 0} onClick={(e) => setOffersAt(e.currentTarget)}>
              从预算项目添加{offers.length > 0 ? `（${offers.length}）` : ''}
            </Button>
            <Button size="small" variant="outlined" data-testid="unlink-project" disabled={!active?.project && !active?.missing} onClick={unlink}>
              取消关联
            </Button>
          </>
        )}
        {indicatorCols.length > 0 && (
          <>
            <Button size="small" variant="outlined" data-testid="open-library" disabled={!activeCells} onClick={() => setDialog('library')}>
              指标库
            </Button>
            <Button size="small" variant="outlined" data-testid="copy-indicators" disabled={!activeCells || stored.length < 2} onClick={() => setDialog('copy')}>
              复制指标…
            </Button>
          </>
        )}
      </PerfChecks>
      {cols && (
        <Typography variant="caption" color="text.secondary">
          蓝字来自预算项目，随项目数据更新；直接输入可改写（右上角标记），清空即恢复。
        </Typography>
      )}
      {cols && offers.length > 0 && stored.length === 0 && (
        <Alert severity="info" data-testid="offer-note">
          预算数据中有 {offers.length} 个项目，可点“从预算项目添加”列入本表。
        </Alert>
      )}
      <Grid key={gridKey} session={session} table={table} unit={unit} onUndo={onUndo} onRedo={onRedo} view={view} onActiveRow={onActiveRow} />
      <Menu anchorEl={offersAt} open={offersAt !== null} onClose={() => setOffersAt(null)}>
        <MenuItem data-testid="offer-all" onClick={() => take(offers)}>
          全部添加（{offers.length}个）
        </MenuItem>
        {offers.map((p) => (
          <MenuItem key={p.rowId} data-testid="offer-project" onClick={() => take([p])} sx={{ gap: 2 }}>
            <Box component="span" sx={{ flex: 1 }}>
              {p.name || p.code || '（未命名项目）'}
            </Box>
            <Typography component="span" variant="body2" color="text.secondary">
              {p.direction}
            </Typography>
            <Typography component="span" variant="body2" sx={{ fontVariantNumeric: 'tabular-nums' }}>
              {formatMoney(p.amount, unit)}
            </Typography>
          </MenuItem>
        ))}
      </Menu>
      <LibraryDialog open={dialog === 'library'} projectName={activeLabel} onClose={() => setDialog(null)} onAdd={addFromLibrary} />
      {dialog === 'copy' && activeRow && (
        <CopyColumnsDialog
          rows={view ? view.rows(stored) : stored}
          target={activeRow}
          columns={indicatorCols.map((c) => c.key)}
          onClose={() => setDialog(null)}
          onCopy={(cells, label) => void change(() => [{ kind: 'setCells', tableId: table.id, cells }], label).then((ok) => ok && setDialog(null))}
        />
      )}
    </Box>
  );
}

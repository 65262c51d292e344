import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import Alert from '@mui/material/Alert';
import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Toolbar from '@mui/material/Toolbar';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import type { ChangeResult } from '../../../shared/api/contract';
import type { Result } from '../../../shared/api/result';
import { fillTemplate } from '../../../shared/tables/layout';
import type { MoneyUnit } from '../../../shared/tables/schema';
import type { WorkbookMeta } from '../../../shared/workbook/types';
import { call } from '../api/client';
import { errorText } from '../api/messages';
import type { CheckFinding } from '../../../shared/checks/rule';
import { ChecksButton } from '../checks/ChecksButton';
import { ChecksPanel } from '../checks/ChecksPanel';
import { setHighlight } from '../checks/highlight';
import { useChecks } from '../checks/useChecks';
import { tableKind } from '../../../shared/derive/engine';
import { DerivedTableView } from '../derived/DerivedTableView';
import { FixedInputTable } from '../facts/FixedInputTable';
import { findModelTable, modelTableDefs } from '../facts/modelTables';
import { FileActions } from '../backups/FileActions';
import { ImportWizard } from '../import/ImportWizard';
import { ExportActions } from '../export/ExportActions';
import { ReportButton } from '../import/ReportButton';
import { Grid } from '../grid/Grid';
import { isPerfGrid } from '../perf/layoutInfo';
import { PerfTableChecks } from '../perf/PerfChecks';
import { PerfTablePage } from '../perf/PerfTablePage';
import { ProjectsPage } from '../perf/ProjectsPage';
import { handlesOpenError, OpenProblem } from '../recovery/OpenProblem';
import { navigate } from '../router';
import { useNotifier } from '../ui/Notifier';
import { MetaDialog } from './MetaDialog';
import { ReadOnlyTable } from './ReadOnlyTable';
import { SaveStatusChip } from './SaveStatusChip';
import { WorkbookSession } from './session';
import { TableHeading } from './TableHeading';
import { templateVars } from './templateVars';
import { TableNav } from './TableNav';
import { NarrativePage } from '../narrative/NarrativePage';
import { NARRATIVE_PAGE } from '../../../shared/narrative/view';

const isTextInput = (el: EventTarget | null): boolean =>
  el instanceof HTMLElement && (el.isContentEditable || el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT');

/** Whether the 审核 panel is shown, remembered across workbooks and restarts. */
const CHECKS_OPEN_KEY = 'budgetdesk.checksOpen';

// Undo/redo from the toolbar leave the keyboard in the grid, so the clerk can keep typing.
const keepFocus = (e: React.MouseEvent) => e.preventDefault();

export function WorkbookPage({ path, tableId }: { path: string; tableId: string | null }) {
  const { notify, notifyError } = useNotifier();
  const [session] = useState(() => new WorkbookSession(path));
  const snap = useSyncExternalStore(session.subscribe, session.getSnapshot);
  const [editingMeta, setEditingMeta] = useState(false);
  const [importing, setImporting] = useState(false);
  const [checksOpen, setChecksOpen] = useState(() => window.localStorage.getItem(CHECKS_OPEN_KEY) === '1');
  const showChecks = (open: boolean) => {
    window.localStorage.setItem(CHECKS_OPEN_KEY, open ? '1' : '0');
    setChecksOpen(open);
  };

  useEffect(() => {
    void session.open();
    const onPageHide = () => session.releaseNow();
    window.addEventListener('pagehide', onPageHide);
    return () => {
      window.removeEventListener('pagehide', onPageHide);
      void session.close();
    };
  }, [session]);

  const tables = snap.tableSet?.tables ?? [];
  const table = tables.find((t) => t.id === tableId) ?? findModelTable(tableId);
  const meta = snap.state?.meta ?? null;
  const checks = useChecks(path, snap.state?.revision ?? null);
  const allTables = useMemo(() => [...modelTableDefs, ...(snap.tableSet?.tables ?? [])], [snap.tableSet]);
  const tableName = useCallback(
    (id: string) => {
      if (id === NARRATIVE_PAGE) return '第一部分 说明';
      const def = allTables.find((t) => t.id === id);
      if (!def || !meta) return id;
      const title = fillTemplate(def.shortTitle ?? def.title, templateVars(meta));
      return def.number ? `${def.number} ${title}` : title;
    },
    [allTables, meta],
  );
  // A finding opens its table (or, from 另见, another one it names) with its cells marked there.
  const pickFinding = useCallback(
    (f: CheckFinding, other?: string) => {
      setHighlight(f);
      const target = other ?? f.table;
      if (target && (target === NARRATIVE_PAGE || allTables.some((t) => t.id === target))) navigate({ name: 'workbook', path, table: target });
    },
    [allTables, path],
  );
  const explainFinding = useCallback(
    async (f: CheckFinding, text: string): Promise<boolean> => {
      const r = await session.apply(() => call('checks.explain', { path, finding: f.id, text }));
      if (!r.ok) notifyError(r.error);
      return r.ok;
    },
    [session, path, notifyError],
  );

  // No (or an unknown) table in the address: show the first one, without adding a history entry. The 说明 is a page of sets that have one.
  const onNarrative = tableId === NARRATIVE_PAGE && snap.tableSet?.narrative !== undefined;
  useEffect(() => {
    const first = snap.tableSet?.tables[0];
    if (first && !table && !onNarrative) navigate({ name: 'workbook', path, table: first.id }, { replace: true });
  }, [snap.tableSet, table, path, onNarrative]);

  useEffect(() => {
    if (!table) return;
    // Fresh rows every time a table is shown: another window may have changed them.
    void session.loadTable(table.id).then((error) => error && notifyError(error));
  }, [session, table, notifyError]);

  useEffect(() => {
    document.title = meta ? `${meta.deptName} ${meta.year}年 - 预算编报台` : '预算编报台';
  }, [meta]);

  const afterHistory = useCallback(
    (r: Result<ChangeResult>) => {
      if (r.ok) return;
      if (r.error.code === 'NOTHING_TO_UNDO' || r.error.code === 'NOTHING_TO_REDO') notify(errorText(r.error), 'info');
      else notifyError(r.error);
    },
    [notify, notifyError],
  );
  const undo = useCallback(() => void session.undo().then(afterHistory), [session, afterHistory]);
  const redo = useCallback(() => void session.redo().then(afterHistory), [session, afterHistory]);

  // Undo/redo also from outside the grid (after clicking a button or the table list), but never out of a text field.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || !(e.ctrlKey || e.metaKey) || e.altKey || isTextInput(e.target)) return;
      if (document.querySelector('.MuiDialog-root, .bd-print-root')) return;
      const key = e.key.toLowerCase();
      if (key === 'z' && !e.shiftKey) {
        e.preventDefault();
        undo();
      } else if (key === 'y' || (key === 'z' && e.shiftKey)) {
        e.preventDefault();
        redo();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undo, redo]);

  const saveMeta = async (patch: Partial<WorkbookMeta>): Promise<boolean> => {
    const r = await session.change(() => [{ kind: 'setMeta', patch }], '修改工作簿信息');
    if (r && !r.ok) {
      notifyError(r.error);
      return false;
    }
    return true;
  };

  const back = () => navigate({ name: 'home' });

  if (snap.openError) {
    if (handlesOpenError(snap.openError)) return <OpenProblem error={snap.openError} path={path} onRetry={() => session.open()} onBack={back} />;
    return (
      <Box sx={{ p: 4, maxWidth: 720, mx: 'auto' }}>
        <Alert severity="error" data-testid="error-message" sx={{ mb: 2 }}>
          {errorText(snap.openError)}
        </Alert>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2, wordBreak: 'break-all' }}>
          文件：{path}
        </Typography>
        <Button variant="contained" onClick={back} data-testid="back-home">
          返回首页
        </Button>
      </Box>
    );
  }

  const unit: MoneyUnit | null = table && meta ? (table.moneyUnit === 'workbook' ? meta.moneyUnit : table.moneyUnit) : null;
  const state = snap.state;

  return (
    <Box sx={{ height: '100vh', display: 'flex', flexDirection: 'column', bgcolor: 'background.default' }}>
      {/* Two rows, so nothing wraps at 1280 px: who and where on the first, with what always matters while keying
          (审核, saved state, undo); the file actions on the second. */}
      <AppBar position="static" elevation={0} sx={{ '& .MuiButton-root': { whiteSpace: 'nowrap', flexShrink: 0 } }}>
        <Toolbar variant="dense" sx={{ gap: 1 }}>
          <Button color="inherit" onClick={back} data-testid="back-home" sx={{ minWidth: 0 }}>
            ← 首页
          </Button>
          <Typography variant="h6" component="h1" noWrap sx={{ fontSize: 17, minWidth: 0 }} data-testid="workbook-title">
            {meta ? `${meta.deptName} · ${meta.year}年` : '正在打开…'}
          </Typography>
          {meta && (
            <Typography variant="body2" noWrap sx={{ opacity: 0.8, flexShrink: 0 }}>
              {meta.scope}
              {meta.unitCode ? ` · 单位编码 ${meta.unitCode}` : ''} · 金额单位 {meta.moneyUnit}
            </Typography>
          )}
          <Box sx={{ flex: 1 }} />
          <ChecksButton findings={checks.findings} open={checksOpen} onToggle={() => showChecks(!checksOpen)} />
          <SaveStatusChip status={snap.status} />
          <Tooltip title={state?.canUndo ? `撤销：${state.undoLabel ?? '上一步'}（Ctrl+Z）` : '没有可撤销的操作'}>
            <span>
              <Button color="inherit" size="small" data-testid="undo" disabled={!state?.canUndo} onMouseDown={keepFocus} onClick={undo}>
                撤销
              </Button>
            </span>
          </Tooltip>
          <Tooltip title={state?.canRedo ? `重做：${state.redoLabel ?? '下一步'}（Ctrl+Y）` : '没有可重做的操作'}>
            <span>
              <Button color="inherit" size="small" data-testid="redo" disabled={!state?.canRedo} onMouseDown={keepFocus} onClick={redo}>
                重做
              </Button>
            </span>
          </Tooltip>
        </Toolbar>
        <Toolbar variant="dense" sx={{ gap: 1, minHeight: 40, bgcolor: 'primary.dark', overflowX: 'auto' }}>
          <Button color="inherit" size="small" variant="outlined" disabled={!meta} onClick={() => setEditingMeta(true)} data-testid="edit-meta">
            工作簿信息
          </Button>
          <FileActions path={path} meta={meta} />
          <Button color="inherit" size="small" variant="outlined" disabled={!meta || !snap.tableSet} onClick={() => setImporting(true)} data-testid="import-into">
            导入到本工作簿
          </Button>
          <ExportActions path={path} meta={meta} tables={tables} />
          <ReportButton path={path} revision={snap.state?.revision ?? 0} />
        </Toolbar>
      </AppBar>
      {!snap.tableSet || !meta ? (
        <LinearProgress />
      ) : (
        <Box sx={{ flex: 1, display: 'flex', minHeight: 0 }}>
          <Box component="aside" sx={{ width: 240, flexShrink: 0, overflowY: 'auto', borderRight: '1px solid #dde2e8', bgcolor: '#fff' }}>
            <TableNav
              tables={[...modelTableDefs, ...tables]}
              pages={snap.tableSet.narrative ? [{ id: NARRATIVE_PAGE, label: '说明', group: '第一部分 部门预算公开说明' }] : []}
              selected={tableId === NARRATIVE_PAGE ? NARRATIVE_PAGE : (table?.id ?? '')}
              meta={meta}
              // A table opened from the list takes the keyboard (Grid focuses itself on mount); clicking the open
              // table's own entry hands the keyboard back to its grid where it was.
              onSelect={(id) => (id === table?.id ? document.querySelector<HTMLElement>('[data-testid="grid"]')?.focus() : navigate({ name: 'workbook', path, table: id }))}
            />
          </Box>
          <Box component="main" sx={{ flex: 1, minWidth: 0, display: 'flex', flexDirection: 'column', px: 2, pt: 1.5, pb: 1 }}>
            {onNarrative && <NarrativePage session={session} path={path} revision={snap.state?.revision ?? 0} findings={checks.findings} onUndo={undo} onRedo={redo} />}
            {table && unit && tableKind(table) === 'derived' && (
              <DerivedTableView key={table.id} path={path} table={table} meta={meta} revision={snap.state?.revision ?? 0} />
            )}
            {table && unit && tableKind(table) !== 'derived' && (
              <>
                {table.store !== 'perf-projects' && <TableHeading table={table} meta={meta} unit={unit} />}
                {(table.body.kind === 'fixed' || table.body.kind === 'form') && table.store !== 'perf-projects' && (
                  <PerfTableChecks key={table.id} session={session} table={table} revision={snap.state?.revision ?? 0} />
                )}
                {table.body.kind === 'fixed' && findModelTable(table.id) ? (
                  <FixedInputTable session={session} table={table} unit={unit} />
                ) : table.body.kind === 'form' && table.store === 'perf-projects' ? (
                  <ProjectsPage key={table.id} session={session} layout={table} unit={meta.moneyUnit} />
                ) : table.body.kind !== 'free' ? (
                  <ReadOnlyTable key={table.id} session={session} table={table} />
                ) : snap.tables.has(table.id) && isPerfGrid(table) ? (
                  <PerfTablePage key={table.id} session={session} table={table} unit={unit} onUndo={undo} onRedo={redo} />
                ) : snap.tables.has(table.id) ? (
                  <Grid key={table.id} session={session} table={table} unit={unit} onUndo={undo} onRedo={redo} />
                ) : (
                  <LinearProgress />
                )}
                {table.notes?.map((n, i) => (
                  <Typography key={i} variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
                    {fillTemplate(n, templateVars(meta))}
                  </Typography>
                ))}
              </>
            )}
          </Box>
          {checksOpen && (
            <ChecksPanel
              findings={checks.findings}
              error={checks.error}
              order={allTables.map((t) => t.id)}
              tableName={tableName}
              onPick={pickFinding}
              onExplain={explainFinding}
              onClose={() => showChecks(false)}
            />
          )}
        </Box>
      )}
      {meta && snap.tableSet && (
        <ImportWizard
          open={importing}
          target={{ kind: 'into', path, deptName: meta.deptName, year: meta.year, tableSet: { id: snap.tableSet.id, name: snap.tableSet.name } }}
          onClose={() => setImporting(false)}
          // The core changed every imported table under this window: a full reload shows the truth.
          onImported={() => window.location.reload()}
        />
      )}
      {meta && <MetaDialog open={editingMeta} meta={meta} onClose={() => setEditingMeta(false)} onSave={saveMeta} />}
    </Box>
  );
}

import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import type { Finding } from '../../../shared/perf/findings';
import { PERF_TABLES } from '../../../shared/perf/binding';
import type { LibraryEntry } from '../../../shared/perf/library-entry';
import type { MoneyUnit, TableDef } from '../../../shared/tables/schema';
import type { GridRow } from '../../../shared/workbook/types';
import { call } from '../api/client';
import { useTableMarks } from '../checks/highlight';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { useNotifier } from '../ui/Notifier';
import type { WorkbookSession } from '../workbook/session';
import { CopyIndicatorsDialog } from './CopyIndicatorsDialog';
import { IndicatorGrid } from './IndicatorGrid';
import { endOfOwner } from './indicatorEdits';
import { LibraryDialog } from './LibraryDialog';
import { LintPanel } from './LintPanel';
import { layoutDefaults, layoutStyle } from './layoutInfo';
import { runPerfChange } from './perfModel';
import { ProjectEditor } from './ProjectEditor';
import { ProjectList } from './ProjectList';
import { SaveToLibraryDialog } from './SaveToLibraryDialog';

/** 项目绩效目标: the project list, the selected project's form and its indicators, with library, copy and lint. */
export function ProjectsPage({ session, layout, unit }: { session: WorkbookSession; layout: TableDef; unit: MoneyUnit }) {
  const snap = useSyncExternalStore(session.subscribe, session.getSnapshot);
  const { notifyError } = useNotifier();
  const [selected, setSelected] = useState<string | null>(null);
  const [focusRow, setFocusRow] = useState<string | null>(null);
  const [dialog, setDialog] = useState<'library' | 'copy' | 'delete' | null>(null);
  const [toLibrary, setToLibrary] = useState<GridRow | null>(null);
  const [findings, setFindings] = useState<Finding[] | null>(null);
  /** A field of a project's form to focus once that project's form is on screen (a new project, a finding). */
  const [focusField, setFocusField] = useState<{ project: string; name: string } | null>(null);
  const editorRef = useRef<HTMLDivElement>(null);
  const style = layoutStyle(layout);

  // After every render until the form shows that project and holds the field: then focus it, once.
  useEffect(() => {
    const box = editorRef.current;
    if (!focusField || !box || box.dataset.project !== focusField.project) return;
    const field = box.querySelector<HTMLElement>(`[data-testid="project-editor"] [name="${focusField.name}"]`);
    if (!field) return;
    field.focus();
    setFocusField(null);
  });

  useEffect(() => {
    for (const id of [PERF_TABLES.projects, PERF_TABLES.indicators]) void session.loadTable(id).then((e) => e && notifyError(e));
  }, [session, notifyError]);

  // A 审核 finding picked in the panel names a project's field or an indicator row: open that project there, once per pick.
  const marks = useTableMarks(layout.id);
  const shownMarks = useRef(0);
  const loaded = snap.tables.get(PERF_TABLES.projects) !== undefined && snap.tables.get(PERF_TABLES.indicators) !== undefined;
  useEffect(() => {
    if (!marks || !loaded || shownMarks.current === marks.serial) return;
    shownMarks.current = marks.serial;
    const place = marks.cells.find((c) => c.row !== null);
    if (!place) return;
    const indicator = session.rows(PERF_TABLES.indicators).find((r) => r.id === place.row);
    const projectId = indicator ? indicator.cells.owner : place.row;
    if (!projectId || !session.rows(PERF_TABLES.projects).some((p) => p.id === projectId)) return;
    setSelected(projectId);
    if (indicator) setFocusRow(indicator.id);
    else if (place.column) setFocusField({ project: projectId, name: place.column });
  }, [marks, loaded, session]);

  const projects = snap.tables.get(PERF_TABLES.projects);
  const indicators = snap.tables.get(PERF_TABLES.indicators);
  if (!projects || !indicators) return null;
  const index = Math.max(0, projects.findIndex((p) => p.id === selected));
  const project = projects[index] ?? null;

  const addProject = async () => {
    const r = await session.change(() => [{ kind: 'insertRows', tableId: PERF_TABLES.projects, index: session.rows(PERF_TABLES.projects).length, rows: [layoutDefaults(layout)] }], '新增项目');
    if (r && !r.ok) return notifyError(r.error);
    const id = r?.value.insertedRowIds[0];
    if (id) {
      setSelected(id);
      setFocusField({ project: id, name: 'name' });
    }
  };

  const deleteProject = async (id: string) => {
    const own = session.rows(PERF_TABLES.indicators).filter((r) => r.cells.owner === id).map((r) => r.id);
    const r = await session.change(
      () => [{ kind: 'deleteRows', tableId: PERF_TABLES.projects, rowIds: [id] }, ...(own.length ? [{ kind: 'deleteRows' as const, tableId: PERF_TABLES.indicators, rowIds: own }] : [])],
      '删除项目',
    );
    if (r && !r.ok) notifyError(r.error);
    setDialog(null);
    setSelected(null);
  };

  const addFromLibrary = async (entry: LibraryEntry): Promise<boolean> => {
    if (!project) return false;
    const row = { level1: entry.level1, level2: entry.level2, name: entry.name, desc: entry.desc, value: entry.value, basis: entry.basis };
    // The place is found when the paste's turn comes, after the rows added by edits still on their way.
    const r = await runPerfChange(session, () => call('perf.indicators.paste', { path: session.path, owner: project.id, rows: [row], index: endOfOwner(session.rows(PERF_TABLES.indicators), project.id) }));
    // The keyboard stays in the dialog (more may be added, Esc closes it): the new row is not focused behind it.
    if (!r.ok) notifyError(r.error);
    return r.ok;
  };

  const runLint = async () => {
    const r = await call('perf.lint', { path: session.path });
    if (!r.ok) return notifyError(r.error);
    setFindings(r.value.filter((f) => f.store === PERF_TABLES.projects || f.store === PERF_TABLES.indicators || f.owner !== undefined));
  };

  const pick = (f: Finding) => {
    const projectId = f.store === PERF_TABLES.projects ? f.row : (f.owner ?? null);
    if (projectId && projects.some((p) => p.id === projectId)) setSelected(projectId);
    if (f.store === PERF_TABLES.indicators && f.row) setFocusRow(f.row);
    else if (f.column && projectId) setFocusField({ project: projectId, name: f.column });
  };

  return (
    <Box sx={{ flex: 1, minHeight: 0, display: 'flex', gap: 1.5 }}>
      <ProjectList projects={projects} selected={project?.id ?? null} unit={unit} onSelect={setSelected} onAdd={() => void addProject()} onDelete={() => setDialog('delete')} />
      <Box sx={{ flex: 1, minWidth: 0, overflowY: 'auto', display: 'flex', flexDirection: 'column', gap: 1.5, pb: 2 }}>
        <Box sx={{ display: 'flex', gap: 1, alignItems: 'center' }}>
          <Typography variant="subtitle1" sx={{ fontWeight: 600, flex: 1 }} noWrap>
            {project ? `${index + 1}. ${project.cells.name || '（未命名项目）'} 绩效目标表` : '项目绩效目标'}
          </Typography>
          <Button size="small" variant="outlined" data-testid="open-library" disabled={!project} onClick={() => setDialog('library')}>
            指标库
          </Button>
          <Button size="small" variant="outlined" data-testid="copy-indicators" disabled={!project} onClick={() => setDialog('copy')}>
            复制指标…
          </Button>
          <Button size="small" variant="outlined" data-testid="run-lint" onClick={() => void runLint()}>
            质量检查
          </Button>
        </Box>
        {findings && <LintPanel findings={findings} onPick={pick} onClose={() => setFindings(null)} />}
        {project ? (
          <>
            <Box ref={editorRef} data-project={project.id} sx={{ display: 'contents' }}>
              <ProjectEditor key={project.id} session={session} project={project} rowNumber={index + 1} unit={unit} flagged={(key) => marks?.has(project.id, key) ?? false} />
            </Box>
            <Typography variant="subtitle2">绩效指标</Typography>
            <IndicatorGrid session={session} owner={project.id} all={indicators} style={style} unit={unit} focusRow={focusRow} setFocusRow={setFocusRow} onSaveToLibrary={setToLibrary} />
          </>
        ) : (
          <Alert severity="info">还没有项目。点左侧“新增项目”，每个项目填写一张项目支出绩效目标表。</Alert>
        )}
      </Box>
      {project && (
        <>
          <LibraryDialog open={dialog === 'library'} projectName={project.cells.name ?? ''} onClose={() => setDialog(null)} onAdd={addFromLibrary} />
          <CopyIndicatorsDialog open={dialog === 'copy'} session={session} target={project} projects={projects} onClose={() => setDialog(null)} />
          <ConfirmDialog
            open={dialog === 'delete'}
            title="删除项目"
            text={`删除“${project.cells.name || '未命名项目'}”及其全部绩效指标？删除后可用“撤销”恢复。`}
            confirmLabel="删除"
            danger
            onConfirm={() => void deleteProject(project.id)}
            onClose={() => setDialog(null)}
          />
        </>
      )}
      <SaveToLibraryDialog row={toLibrary} style={style} onClose={() => setToLibrary(null)} />
    </Box>
  );
}

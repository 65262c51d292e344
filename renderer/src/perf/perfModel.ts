import modelPerformance from '../../../shared/tables/model/performance.json';
import { PERF_TABLES } from '../../../shared/perf/binding';
import type { ChangeResult } from '../../../shared/api/contract';
import type { Result } from '../../../shared/api/result';
import type { TableDef } from '../../../shared/tables/schema';
import { gridColumns, type GridColumn } from '../grid/columns';
import type { WorkbookSession } from '../workbook/session';

const all = (modelPerformance as unknown as { tables: TableDef[] }).tables;

/** The model tables the 项目绩效 editor writes to (the core validates the same JSON). */
export const projectsDef: TableDef = all.find((t) => t.id === PERF_TABLES.projects)!;
export const indicatorsDef: TableDef = all.find((t) => t.id === PERF_TABLES.indicators)!;

const projectColumns = gridColumns(projectsDef);
export const projectColumn = (key: string): GridColumn => projectColumns.find((c) => c.key === key)!;

/**
 * Runs a perf.* method that changes the workbook (paste, copy). Those calls bypass the session's change
 * queue: they wait until every queued edit is written (a reload takes its turn in the queue), and on
 * success the session re-reads the workbook state (undo/redo, revision) and the indicator rows.
 */
export async function runPerfChange(session: WorkbookSession, send: () => Promise<Result<ChangeResult>>): Promise<Result<ChangeResult>> {
  await session.loadTable(PERF_TABLES.indicators);
  const r = await send();
  if (!r.ok) return r;
  await session.open();
  for (const id of new Set([...r.value.tablesChanged, PERF_TABLES.indicators])) await session.loadTable(id);
  return r;
}

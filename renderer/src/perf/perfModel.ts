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
 * Runs a perf.* method that changes the workbook (paste, copy) in the session's queue, after the edits typed
 * before it; the session then takes the new revision and reloads the changed rows it holds, so the indicator
 * rows are loaded first when they are not yet.
 */
export function runPerfChange(session: WorkbookSession, send: () => Promise<Result<ChangeResult>>): Promise<Result<ChangeResult>> {
  if (!session.getSnapshot().tables.has(PERF_TABLES.indicators)) void session.loadTable(PERF_TABLES.indicators);
  return session.apply(send);
}

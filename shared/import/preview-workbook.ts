import { NARRATIVE_TABLE } from '../narrative/store.js';
import { PERF_TABLES } from '../perf/binding.js';
import type { WorkbookInterchange } from '../workbook/interchange.js';
import type { RowCells } from '../workbook/types.js';
import { workbookNarrative } from './plan-workbook.js';
import type { ImportPreview, PreviewPerformance, PreviewSets, PreviewTable } from './preview.js';
import { IMPORT_REPORT_TABLE } from './workbook.js';

/**
 * The import wizard's preview of a workbook (.bdwb) or its interchange JSON: nothing to recognise (the file
 * names its department, year and table set), so it lists what the file holds: each stored table with its
 * rows, the projects with their indicators, the 说明 sections kept as written.
 */

const filled = (cells: RowCells): number => Object.values(cells).filter((v) => v !== '').length;

export function buildWorkbookPreview(doc: WorkbookInterchange, file: string, kind: 'bdwb' | 'json', registry: PreviewSets): ImportPreview {
  const setId = doc.meta.tableSetId;
  const set = registry.list().find((s) => s.id === setId);
  const tables: PreviewTable[] = [];
  let cells = 0;
  for (const [tableId, rows] of Object.entries(doc.tables)) {
    if (rows.length === 0 || tableId === IMPORT_REPORT_TABLE || tableId === NARRATIVE_TABLE) continue;
    const def = registry.table(setId, tableId);
    const title = def?.title ?? tableId;
    const n = rows.reduce((sum, r) => sum + filled(r.cells), 0);
    cells += n;
    const order = set ? set.tables.findIndex((t) => t.id === tableId) : -1;
    tables.push({
      where: `工作簿表“${title}”`,
      sourceTitle: title,
      tableId,
      number: def?.number || null,
      title,
      order: order >= 0 ? order + 1 : null,
      score: 1,
      form: false,
      rows: rows.length,
      total: null,
      moneyUnit: doc.meta.moneyUnit,
      emptyNote: null,
      cells: n,
      read: n,
      unread: 0,
    });
  }
  const rowsOf = (id: string) => doc.tables[id] ?? [];
  const indicators = rowsOf(PERF_TABLES.indicators);
  const projects = rowsOf(PERF_TABLES.projects).map((p) => ({ name: p.cells.name ?? '', indicators: indicators.filter((i) => i.cells.owner === p.id).length }));
  const departmentGoal = rowsOf(PERF_TABLES.dept).some((r) => filled(r.cells) > 0) || rowsOf(PERF_TABLES.deptGoals).length > 0;
  const performance: PreviewPerformance | null =
    projects.length + indicators.length + rowsOf(PERF_TABLES.special).length + rowsOf(PERF_TABLES.directions).length > 0 || departmentGoal
      ? {
          specialFunds: rowsOf(PERF_TABLES.special).length,
          directions: rowsOf(PERF_TABLES.directions).length,
          departmentGoal,
          projects,
          indicators: indicators.length,
        }
      : null;
  return {
    file,
    kind,
    fileYear: doc.meta.year,
    deptName: doc.meta.deptName,
    set: set ? { id: set.id, name: set.name, year: set.year, score: 1, matched: tables.length } : null,
    otherSets: [],
    tables,
    missing: [],
    narrative: workbookNarrative(rowsOf(NARRATIVE_TABLE)).map((s) => ({ heading: s.heading, paragraphs: s.paragraphs.length, chars: s.paragraphs.reduce((n, p) => n + p.length, 0) })),
    performance,
    unrecognised: [],
    cells,
    read: cells,
  };
}

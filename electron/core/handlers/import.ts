import { randomBytes } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Edit, ImportRunResult } from '../../../shared/api/contract.js';
import { FACT_TABLES } from '../../../shared/derive/model.js';
import { PERF_TABLES } from '../../../shared/perf/binding.js';
import { editText } from '../../../shared/money/decimal.js';
import { buildPreview } from '../../../shared/import/preview.js';
import { importedNarrativeEdits, NARRATIVE_TABLE } from '../../../shared/narrative/store.js';
import { recognize } from '../../../shared/import/recognize.js';
import type { SourceDocument } from '../../../shared/import/source.js';
import { IMPORT_REPORT_TABLE, planImport, type ImportPlan } from '../../../shared/import/workbook.js';
import { parseInterchange, serializeInterchange, type WorkbookInterchange } from '../../../shared/workbook/interchange.js';
import type { GridRow, RowCells } from '../../../shared/workbook/types.js';
import type { Core } from '../core.js';
import { CoreError } from '../errors.js';
import { createWorkbookFromInterchange, exportWorkbookJson, loadInterchange } from '../interchange.js';
import { checkImportSize, readSourceFile } from '../io/read-source.js';
import type { Handler, HandlersOf } from './types.js';

/**
 * `import.run`: last year's .docx/.xlsx (or a workbook, or its JSON) into a new workbook or an open one.
 * A new workbook is built as one interchange document and created atomically (nothing is written when
 * anything fails); content added to an open workbook is one undoable change, and never replaces what the
 * workbook already holds unless `replace` says so.
 */

const newId = (): string => `r${randomBytes(6).toString('hex')}`;

/** Budget fact tables an import fills; what they hold already is what a second import would overwrite. */
const FILLED = [
  FACT_TABLES.units,
  FACT_TABLES.income,
  FACT_TABLES.lines,
  FACT_TABLES.projects,
  PERF_TABLES.special,
  PERF_TABLES.directions,
  PERF_TABLES.deptGoals,
  PERF_TABLES.projects,
] as const;

/**
 * Reads a Word/Excel file a clerk picked for import: its size is checked before it is read in, and a workbook
 * or JSON file is pointed to its own way in. Nothing is written.
 */
export async function readOfficeFile(file: string): Promise<{ document: SourceDocument; convertedFrom?: string }> {
  const name = path.basename(file);
  const stat = statSync(file);
  if (stat.isDirectory()) throw new CoreError('VALIDATION', { issue: `“${file}”是一个文件夹，请选择其中的 Word（.docx）或 Excel（.xlsx）文件` });
  checkImportSize(stat.size, name);
  const source = await readSourceFile(readFileSync(file), name);
  if (source.kind === 'workbook') throw new CoreError('UNSUPPORTED_FILE', { name, issue: '这是预算编报台工作簿（.bdwb），不需要导入：请在首页“打开工作簿”中打开它' });
  if (source.kind === 'json') throw new CoreError('UNSUPPORTED_FILE', { name, issue: '这是工作簿 JSON 交换文件：请用命令 budgetdesk import <JSON文件> 导入' });
  return source.convertedFrom === undefined ? { document: source.document } : { document: source.document, convertedFrom: source.convertedFrom };
}

/** Any file `import.run` takes, size checked before it is read in. */
function readSource(file: string): Buffer {
  const full = path.resolve(file);
  let stat;
  try {
    stat = statSync(full);
  } catch (err) {
    if ((err as { code?: string }).code === 'ENOENT') throw new CoreError('NOT_FOUND', { what: '要导入的文件', path: full });
    throw err;
  }
  if (stat.isDirectory()) throw new CoreError('VALIDATION', { issue: `“${full}”是一个文件夹，请选择要导入的文件` });
  checkImportSize(stat.size, path.basename(full));
  return readFileSync(full);
}

/** Last year's amounts as 上年预算数 of a later year (this year's kept as a draft when asked). */
function shiftYear(doc: WorkbookInterchange, year: number, keepDraft: boolean): WorkbookInterchange {
  if (year === doc.meta.year) return doc;
  if (year < doc.meta.year) throw new CoreError('VALIDATION', { issue: `文件是 ${doc.meta.year} 年的工作簿，不能导入为更早的 ${year} 年` });
  const tables = { ...doc.tables };
  for (const id of [FACT_TABLES.income, FACT_TABLES.lines, FACT_TABLES.projects]) {
    tables[id] = (doc.tables[id] ?? []).map((row) => {
      const { amount, prevAmount: _old, ...rest } = row.cells;
      const cells: RowCells = { ...rest };
      if (amount !== undefined) cells.prevAmount = amount;
      if (amount !== undefined && keepDraft) cells.amount = amount;
      return { id: row.id, cells };
    });
  }
  return { ...doc, meta: { ...doc.meta, year }, tables };
}

function planOf(core: Core, name: string, document: Parameters<typeof recognize>[0], input: RunInput): ImportPlan {
  const intoMeta = input.into ? core.workbook(path.resolve(input.into)).meta() : undefined;
  const sets = intoMeta ? core.tableSets.list().filter((s) => s.id === intoMeta.tableSetId) : core.tableSets.list();
  const recognition = recognize(document, sets);
  if (!recognition.best) {
    throw new CoreError('UNSUPPORTED_FILE', {
      name,
      issue: intoMeta
        ? `文件中没有与工作簿的表格套“${core.tableSets.get(intoMeta.tableSetId)?.name ?? intoMeta.tableSetId}”相符的表格`
        : '文件中没有可识别的部门预算或绩效目标表格（按标题和表头与各表格套比对）。请确认选择的是上一年度公开的预算文件',
    });
  }
  const set = core.tableSets.get(recognition.best.setId);
  const options = { ...(input.year === undefined ? {} : { year: input.year }), ...(input.keepDraft ? { keepDraft: true } : {}), ...(intoMeta ? { into: intoMeta } : {}) };
  const result = planImport(document, recognition, (s, t) => core.tableSets.table(s, t), set, options);
  if (!result.ok) throw new CoreError('VALIDATION', { issue: result.issue });
  return result.plan;
}

/** The plan as an interchange document, checked by the same validation a JSON import gets. */
function interchangeOf(core: Core, plan: ImportPlan): WorkbookInterchange {
  const tables: Record<string, GridRow[]> = {};
  for (const [id, rows] of Object.entries(plan.rows)) if (rows.length > 0) tables[id] = rows.map((cells) => ({ id: newId(), cells }));
  const projects = tables[PERF_TABLES.projects] ?? [];
  const indicators = plan.indicators.flatMap((x) => x.rows.map((cells) => ({ id: newId(), cells: { ...cells, owner: projects[x.project]!.id } })));
  if (indicators.length > 0) tables[PERF_TABLES.indicators] = indicators;
  for (const edit of narrativeEdits(core, plan, [])) if (edit.kind === 'insertRows') tables[NARRATIVE_TABLE] = edit.rows.map((cells) => ({ id: newId(), cells }));
  const fixed = new Map<string, Map<string, RowCells>>();
  for (const c of plan.cells) {
    const table = fixed.get(c.tableId) ?? new Map<string, RowCells>();
    table.set(c.rowId, { ...table.get(c.rowId), [c.col]: c.text });
    fixed.set(c.tableId, table);
  }
  for (const [id, rows] of fixed) tables[id] = [...rows].map(([rowId, cells]) => ({ id: rowId, cells }));
  const parsed = parseInterchange(serializeInterchange(plan.meta, tables), (id) => core.tableSets.get(id), core.tableSets.modelTables());
  if (!parsed.ok) throw new CoreError('INTERNAL', { reason: `导入结果未通过校验：${parsed.error.message}` });
  return parsed.value;
}

type RunInput = Parameters<Handler<'import.run'>>[0];

/** The 说明 sections read, as the narrative table keeps text written by a person (or imported). */
function narrativeEdits(core: Core, plan: ImportPlan, existing: GridRow[]): Edit[] {
  return importedNarrativeEdits(core.tableSets.get(plan.meta.tableSetId)?.narrative, plan.report.narrative, existing);
}

/** Adds the plan to an open workbook as one undoable change; conflicts are reported, not overwritten. */
function addToWorkbook(core: Core, file: string, plan: ImportPlan, replace: boolean): ImportRunResult {
  const wb = core.workbook(file);
  const conflicts: string[] = [];
  for (const id of FILLED) {
    const have = wb.rows(id).length;
    if (have > 0 && (plan.rows[id]?.length ?? 0) > 0) conflicts.push(`${core.tableSets.table(wb.meta().tableSetId, id)?.title ?? id}已有 ${have} 行`);
  }
  const fixedTables = [...new Set(plan.cells.map((c) => c.tableId))];
  const fixedRows = new Map(fixedTables.map((t) => [t, new Map(wb.rows(t).map((r) => [r.id, r.cells]))]));
  for (const c of plan.cells) {
    const old = fixedRows.get(c.tableId)?.get(c.rowId)?.[c.col];
    if (old !== undefined && old !== '' && old !== c.text) conflicts.push(`${core.tableSets.table(wb.meta().tableSetId, c.tableId)?.title ?? c.tableId}“${c.rowId}”已填写`);
  }
  const narrative = narrativeEdits(core, plan, wb.rows(NARRATIVE_TABLE));
  const rewritten = narrative.find((e) => e.kind === 'deleteRows');
  if (rewritten?.kind === 'deleteRows') conflicts.push(`说明中已有 ${rewritten.rowIds.length} 节文字`);
  if (conflicts.length > 0 && !replace) return { path: file, written: false, conflicts, report: plan.report };
  // Edits take money as typed, in the workbook's unit; the plan holds exact 元.
  const meta = wb.meta();
  const money = (tableId: string): Set<string> => new Set((core.tableSets.table(meta.tableSetId, tableId)?.columns ?? []).filter((c) => c.type === 'money').map((c) => c.key));
  const typed = (tableId: string, cells: RowCells): RowCells => {
    const keys = money(tableId);
    return Object.fromEntries(Object.entries(cells).map(([k, v]) => [k, keys.has(k) ? editText(v, meta.moneyUnit) : v]));
  };
  const edits: Edit[] = [];
  for (const id of FILLED) {
    const old = wb.rows(id);
    if ((plan.rows[id]?.length ?? 0) === 0 || old.length === 0) continue;
    edits.push({ kind: 'deleteRows', tableId: id, rowIds: old.map((r) => r.id) });
    if (id === PERF_TABLES.projects) {
      // A replaced project takes its indicators with it.
      const owned = new Set(old.map((r) => r.id));
      const orphans = wb.rows(PERF_TABLES.indicators).filter((r) => owned.has(r.cells.owner ?? ''));
      if (orphans.length > 0) edits.push({ kind: 'deleteRows', tableId: PERF_TABLES.indicators, rowIds: orphans.map((r) => r.id) });
    }
  }
  // Inserted row ids come back in edit order; the projects' ids own their indicators.
  let before = 0;
  let projectsAt = -1;
  for (const [id, rows] of Object.entries(plan.rows)) {
    if (rows.length === 0) continue;
    if (id === PERF_TABLES.projects) projectsAt = before;
    edits.push({ kind: 'insertRows', tableId: id, index: id === IMPORT_REPORT_TABLE ? wb.rows(id).length : 0, rows: rows.map((r) => typed(id, r)) });
    before += rows.length;
  }
  for (const tableId of fixedTables) {
    const keys = money(tableId);
    const cells = plan.cells.filter((c) => c.tableId === tableId).map(({ rowId, col, text }) => ({ rowId, col, text: keys.has(col) ? editText(text, meta.moneyUnit) : text }));
    edits.push({ kind: 'setCells', tableId, cells });
  }
  edits.push(...narrative);
  if (edits.length === 0) return { path: file, written: true, conflicts, report: plan.report };
  const label = `导入“${plan.report.file}”`;
  const done = core.commits.change(wb, { label, edits });
  // Indicators name their project by row id, which exists only now: a second step of the same import.
  const indicators = plan.indicators.flatMap((x) => x.rows.map((cells) => ({ ...cells, owner: done.insertedRowIds[projectsAt + x.project]! })));
  if (indicators.length > 0 && projectsAt >= 0) core.commits.change(wb, { label: `${label}（绩效指标）`, edits: [{ kind: 'insertRows', tableId: PERF_TABLES.indicators, index: wb.rows(PERF_TABLES.indicators).length, rows: indicators }] });
  return { path: file, written: true, conflicts, report: plan.report };
}

export async function runImport(core: Core, input: RunInput): Promise<ImportRunResult> {
  const name = path.basename(input.source);
  const buf = readSource(input.source);
  const source = await readSourceFile(buf, name);
  const target = (doc: WorkbookInterchange): string => input.out ?? core.library.newPath(`${doc.meta.deptName}-${doc.meta.year}年`, false);

  if (source.kind !== 'office') {
    if (input.into) throw new CoreError('VALIDATION', { issue: '工作簿或其 JSON 文件只能导入为新工作簿，不能并入已打开的工作簿' });
    let doc: WorkbookInterchange;
    if (source.kind === 'json') {
      doc = loadInterchange(core, { path: input.source });
    } else {
      const file = path.resolve(input.source);
      const wasOpen = core.isOpen(file);
      doc = loadInterchange(core, { text: exportWorkbookJson(core.workbook(file)) });
      if (!wasOpen) core.closeWorkbook(file);
    }
    doc = shiftYear(doc, input.year ?? doc.meta.year, input.keepDraft ?? false);
    const state = createWorkbookFromInterchange(core, doc, target(doc));
    core.library.touchRecent(state.path);
    return { path: state.path, written: true, conflicts: [], report: null };
  }

  const plan = planOf(core, name, source.document, input);
  if (input.into) return addToWorkbook(core, path.resolve(input.into), plan, input.replace ?? false);
  const doc = interchangeOf(core, plan);
  const state = createWorkbookFromInterchange(core, doc, target(doc));
  core.library.touchRecent(state.path);
  return { path: state.path, written: true, conflicts: [], report: plan.report };
}

export function importHandlers(core: Core): HandlersOf<'import.'> {
  return {
    'import.preview': async ({ path: file }) => {
      const { document, convertedFrom } = await readOfficeFile(file);
      return buildPreview(document, core.tableSets, convertedFrom === undefined ? {} : { convertedFrom });
    },
    'import.run': (input) => runImport(core, input),
  };
}

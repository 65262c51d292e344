import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Edit, ImportRunResult } from '../../../shared/api/contract.js';
import { FACT_TABLES } from '../../../shared/derive/model.js';
import { PERF_TABLES } from '../../../shared/perf/binding.js';
import { editText } from '../../../shared/money/decimal.js';
import { buildPreview, type ImportPreview } from '../../../shared/import/preview.js';
import { buildWorkbookPreview } from '../../../shared/import/preview-workbook.js';
import { planFromWorkbook } from '../../../shared/import/plan-workbook.js';
import type { NextYearInfo } from '../../../shared/narrative/render.js';
import { importedNarrativeEdits, NARRATIVE_TABLE } from '../../../shared/narrative/store.js';
import { recognize } from '../../../shared/import/recognize.js';
import { IMPORT_REPORT_TABLE, planImport, type ImportPlan } from '../../../shared/import/workbook.js';
import { parseInterchange, serializeInterchange, type WorkbookInterchange } from '../../../shared/workbook/interchange.js';
import type { GridRow, RowCells } from '../../../shared/workbook/types.js';
import type { Core } from '../core.js';
import { CoreError } from '../errors.js';
import { createWorkbookFromInterchange, exportWorkbookJson, loadInterchange } from '../interchange.js';
import { readImportFile, type ImportFile } from '../io/read-source.js';
import type { Handler, HandlersOf } from './types.js';

/**
 * `import.run`: last year's .docx/.xlsx (or a workbook, or its JSON) into a new workbook or an open one.
 * A new workbook is built as one interchange document and created atomically (nothing is written when
 * anything fails); content added to an open workbook is one undoable change, and never replaces what the
 * workbook already holds unless `replace` says so.
 */

const newId = (): string => `r${randomBytes(6).toString('hex')}`;

/** A file picked for import as the importers take it: a document to recognise, or a workbook's content. */
type Loaded = { kind: 'office'; file: ImportFile; document: Parameters<typeof recognize>[0]; convertedFrom?: string } | { kind: 'workbook'; file: ImportFile; from: 'bdwb' | 'json'; doc: WorkbookInterchange };

/**
 * The one reader of import.preview and import.run: readImportFile classifies the file and refuses what cannot
 * be read (size, zip bomb, password, old binary formats, foreign files); a workbook is read through the core
 * (its own checks: newer versions refused), its JSON through the interchange validation.
 */
async function load(core: Core, source: string): Promise<Loaded> {
  const file = await readImportFile(source);
  if (file.kind === 'office') return { kind: 'office', file, document: file.document, ...(file.convertedFrom === undefined ? {} : { convertedFrom: file.convertedFrom }) };
  if (file.kind === 'json') return { kind: 'workbook', file, from: 'json', doc: loadInterchange(core, { path: file.path }) };
  const wasOpen = core.isOpen(file.path);
  try {
    return { kind: 'workbook', file, from: 'bdwb', doc: loadInterchange(core, { text: exportWorkbookJson(core.workbook(file.path)) }) };
  } finally {
    if (!wasOpen) core.closeWorkbook(file.path);
  }
}

/**
 * The 上年 amounts of 部门基本情况 a workbook gives the next year (上年“三公”经费, 上年机关运行经费), read
 * from its derived tables as its own 说明 reads them. A .bdwb is opened where it is; its JSON is laid down
 * as a workbook in a temporary folder for the reading and removed after.
 */
function lastYearInfo(core: Core, loaded: Extract<Loaded, { kind: 'workbook' }>): NextYearInfo[] {
  if (loaded.from === 'bdwb') {
    const wasOpen = core.isOpen(loaded.file.path);
    try {
      return core.narrative.nextYearInfo(core.workbook(loaded.file.path));
    } finally {
      if (!wasOpen) core.closeWorkbook(loaded.file.path);
    }
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'budgetdesk-lastyear-'));
  const file = path.join(dir, 'source.bdwb');
  try {
    const wb = core.createWorkbook(file, loaded.doc.meta);
    for (const [tableId, rows] of Object.entries(loaded.doc.tables)) if (rows.length > 0) wb.appendRows(tableId, rows);
    return core.narrative.nextYearInfo(wb);
  } finally {
    if (core.isOpen(file)) core.closeWorkbook(file);
    rmSync(dir, { recursive: true, force: true });
  }
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
  // The department's own indicators (a workbook's) come as rows; a project's are owned by its new row id.
  if (indicators.length > 0) tables[PERF_TABLES.indicators] = [...(tables[PERF_TABLES.indicators] ?? []), ...indicators];
  for (const l of plan.links ?? []) tables[l.tableId]![l.row]!.cells[l.col] = tables[FACT_TABLES.projects]![l.project]!.id;
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
  // Tables the import fills: what they hold already is what it would replace (the report is appended to).
  const filled = Object.keys(plan.rows).filter((id) => id !== IMPORT_REPORT_TABLE && id !== PERF_TABLES.indicators);
  for (const id of filled) {
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
  for (const id of filled) {
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
  const at = new Map<string, number>();
  for (const [id, rows] of Object.entries(plan.rows)) {
    if (rows.length === 0) continue;
    if (id === PERF_TABLES.projects) projectsAt = before;
    at.set(id, before);
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
  // 专项/支出方向 rows link their budget project by its row id, likewise known only now.
  const id = (tableId: string, row: number): string => done.insertedRowIds[at.get(tableId)! + row]!;
  const links = plan.links ?? [];
  const linkEdits: Edit[] = [...new Set(links.map((l) => l.tableId))].map((tableId) => ({
    kind: 'setCells',
    tableId,
    cells: links.filter((l) => l.tableId === tableId).map((l) => ({ rowId: id(tableId, l.row), col: l.col, text: id(FACT_TABLES.projects, l.project) })),
  }));
  if (linkEdits.length > 0) core.commits.change(wb, { label: `${label}（关联项目）`, edits: linkEdits });
  return { path: file, written: true, conflicts, report: plan.report };
}

export async function runImport(core: Core, input: RunInput): Promise<ImportRunResult> {
  const loaded = await load(core, input.source);
  const into = input.into === undefined ? undefined : path.resolve(input.into);
  if (into !== undefined && into === loaded.file.path) throw new CoreError('VALIDATION', { issue: '不能把工作簿导入到它自己，请选择另一个文件' });
  const target = (meta: WorkbookInterchange['meta']): string => input.out ?? core.library.newPath(`${meta.deptName}-${meta.year}年`, false);
  let plan: ImportPlan;
  if (loaded.kind === 'office') plan = planOf(core, loaded.file.name, loaded.document, input);
  else {
    const { doc } = loaded;
    const intoMeta = into ? core.workbook(into).meta() : undefined;
    const options = { ...(input.year === undefined ? {} : { year: input.year }), ...(input.keepDraft ? { keepDraft: true } : {}), ...(intoMeta ? { into: intoMeta } : {}) };
    const shifted = (intoMeta?.year ?? input.year ?? doc.meta.year) > doc.meta.year;
    const carried = shifted ? lastYearInfo(core, loaded) : [];
    const result = planFromWorkbook(doc, loaded.file.name, (s, t) => core.tableSets.table(s, t), core.tableSets.get(doc.meta.tableSetId)?.name ?? doc.meta.tableSetId, options, carried);
    if (!result.ok) throw new CoreError('VALIDATION', { issue: result.issue });
    plan = result.plan;
  }
  if (into) return addToWorkbook(core, into, plan, input.replace ?? false);
  // The same year into a new workbook is the workbook moved as it is, every table and 说明 rewrite included,
  // byte for byte (a JSON round trip gives the same JSON back); there is nothing to report or keep with it.
  const copy = loaded.kind === 'workbook' && !plan.report.shifted;
  const doc = copy ? loaded.doc : interchangeOf(core, plan);
  const state = createWorkbookFromInterchange(core, doc, target(doc.meta));
  core.library.touchRecent(state.path);
  return { path: state.path, written: true, conflicts: [], report: copy ? null : plan.report };
}

/** What the file would give, nothing written: a document as recognised, a workbook as it stands. */
async function previewImport(core: Core, source: string): Promise<ImportPreview> {
  const loaded = await load(core, source);
  if (loaded.kind === 'workbook') return buildWorkbookPreview(loaded.doc, loaded.file.name, loaded.from, core.tableSets);
  return buildPreview(loaded.document, core.tableSets, loaded.convertedFrom === undefined ? {} : { convertedFrom: loaded.convertedFrom });
}

export function importHandlers(core: Core): HandlersOf<'import.'> {
  return {
    'import.preview': ({ path: file }) => previewImport(core, file),
    'import.run': (input) => runImport(core, input),
  };
}

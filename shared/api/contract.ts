import { z } from 'zod';
import { metaSchema, type GridRow, type WorkbookMeta, type WorkbookState } from '../workbook/types.js';
import { factQuerySchema, type MoneyUnit, type TableSet } from '../tables/schema.js';
import type { TableSetSummary } from '../tables/set-choice.js';
import { codeKinds, type CodeList } from '../reference/types.js';
import type { RejectedTableSet, TableSetProblem } from '../tables/validate.js';
import type { DerivedTable, DrillResult, TablesOverview } from '../derive/types.js';
import type { CheckFinding, Rule } from '../checks/rule.js';
import type { Finding } from '../perf/findings.js';
import type { BudgetProject } from '../perf/budget-link.js';
import { libraryEntryInputSchema, type LibraryEntry } from '../perf/library-entry.js';
import { level1Names } from '../perf/tree.js';
import type { NarrativeView } from '../narrative/view.js';
import type { ImportReport } from '../import/workbook.js';
import { documentParts, exportFormats, type ExportFormat, type PrintDocument, type PrintTable } from '../print/types.js';
import type { ImportPreview } from '../import/preview.js';

/**
 * The one API contract. Every host (Electron IPC, the local HTTP host, tests, the CLI) calls
 * these methods by name with inputs validated against these schemas; handlers live in the core.
 */

const path = z.string().min(1).max(4096);
const id = z.string().min(1).max(80);
const cellText = z.string().max(20000);
const colKey = z.string().min(1).max(60);
const MAX_BATCH = 50000;
const documentPart = z.enum(documentParts);

export const editSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('setCells'),
    tableId: id,
    cells: z.array(z.strictObject({ rowId: id, col: colKey, text: cellText })).min(1).max(MAX_BATCH),
  }),
  z.strictObject({
    kind: z.literal('insertRows'),
    tableId: id,
    index: z.number().int().min(0),
    rows: z.array(z.record(colKey, cellText)).min(1).max(MAX_BATCH),
  }),
  z.strictObject({ kind: z.literal('deleteRows'), tableId: id, rowIds: z.array(id).min(1).max(MAX_BATCH) }),
  z.strictObject({ kind: z.literal('moveRow'), tableId: id, rowId: id, toIndex: z.number().int().min(0) }),
  z.strictObject({ kind: z.literal('setMeta'), patch: metaSchema.partial() }),
]);
export type Edit = z.infer<typeof editSchema>;

export const changeSchema = z.strictObject({
  label: z.string().max(100).optional(),
  /** Refuse the change when the workbook moved on since the client last looked. */
  baseRevision: z.number().int().min(0).optional(),
  edits: z.array(editSchema).min(1).max(1000),
});
export type Change = z.infer<typeof changeSchema>;

export interface WorkbookListEntry {
  path: string;
  fileName: string;
  meta: WorkbookMeta | null;
  /** Set when the file could not be read as a workbook. */
  problem: string | null;
  modifiedAt: string;
  size: number;
}

export interface RecycledEntry {
  recycledPath: string;
  originalPath: string;
  fileName: string;
  deletedAt: string;
}

export interface AppInfo {
  version: string;
  host: 'electron' | 'local' | 'test';
  dataDir: string;
  libraryDir: string;
  formatVersion: number;
}

export interface ChangeResult {
  state: WorkbookState;
  /** Ids of rows created by insertRows edits, in order. */
  insertedRowIds: string[];
  /** Tables whose rows changed; the client reloads these. */
  tablesChanged: string[];
}

/** One backup copy of a workbook, as listed in the backups panel (newest first). */
/** A loaded table set as `tablesets.list` shows it: the summary, its money unit and where it came from. */
export interface TableSetListEntry extends TableSetSummary {
  moneyUnit: MoneyUnit;
  builtIn: boolean;
  /** The data-folder file an imported set was read from. */
  file?: string;
  /** The set it builds on. */
  extends?: string;
}

export interface BackupEntry {
  file: string;
  createdAt: string;
  /** on-open | periodic | pre-bulk | pre-migration | pre-restore | pre-import | manual */
  reason: string;
  sizeBytes: number;
  /** Null when the copy could not be read. */
  summary: { revision: number; rows: number } | null;
}

/** `method<Output>()(inputSchema)`: curried so the input type is inferred from the schema. */
const method =
  <O>() =>
  <I extends z.ZodType>(input: I) => ({ input, output: undefined as unknown as O });

/** What `import.run` did: the workbook written (or, with conflicts and no `replace`, left as it was) and the report. */
export interface ImportRunResult {
  path: string;
  written: boolean;
  /** Content the open workbook already holds that the import would replace (nothing is written then without `replace`). */
  conflicts: string[];
  /** Null for a workbook or its JSON (copied as it is). */
  report: ImportReport | null;
}

export const methods = {
  'app.info': method<AppInfo>()(z.strictObject({})),
  'tablesets.list': method<TableSetListEntry[]>()(z.strictObject({})),
  /** The set a new workbook of that year and region gets by default (the same rule as `budgetdesk new`). */
  'tablesets.choose': method<{ id: string }>()(
    z.strictObject({ year: metaSchema.shape.year, region: z.string().trim().max(100).optional() }),
  ),
  /**
   * The 科目 list of a kind for a report year, as the derived tables of `tableSetId` name codes with it: the
   * finance bureau's imported list when there is one, else the built-in one (null when neither covers the year),
   * with the names the set prints.
   */
  'codes.list': method<CodeList | null>()(z.strictObject({ kind: z.enum(codeKinds), year: metaSchema.shape.year, tableSetId: id.optional() })),
  'tablesets.get': method<TableSet>()(z.strictObject({ id })),
  /** Set files of the data folder that were not loaded, each with its problems (JSON path, Chinese). */
  'tablesets.rejected': method<RejectedTableSet[]>()(z.strictObject({})),
  /** Checks a set file against the loaded sets without loading it. */
  'tablesets.check': method<{ setId: string | null; problems: TableSetProblem[] }>()(z.strictObject({ file: path })),
  /** Copies a set file into the data folder's tablesets/ and loads it (replacing an earlier import of the same id). */
  'tablesets.import': method<TableSetListEntry>()(z.strictObject({ file: path })),

  'library.list': method<{ workbooks: WorkbookListEntry[]; recent: WorkbookListEntry[] }>()(z.strictObject({})),
  'library.create': method<WorkbookState>()(
    z.strictObject({
      meta: metaSchema.partial({ unitCode: true, moneyUnit: true, scope: true, tableSetId: true }),
      fileName: z.string().max(120).optional(),
    }),
  ),
  'library.rename': method<{ path: string }>()(z.strictObject({ path, newName: z.string().trim().min(1).max(120) })),
  'library.delete': method<RecycledEntry>()(z.strictObject({ path })),
  'library.recycled': method<RecycledEntry[]>()(z.strictObject({})),
  'library.restore': method<{ path: string }>()(z.strictObject({ recycledPath: path })),
  'library.forgetRecent': method<null>()(z.strictObject({ path })),

  /** `clientId` names the window; another window's fresh lease on the same file gets WORKBOOK_IN_USE. */
  'workbook.open': method<WorkbookState>()(z.strictObject({ path, clientId: id.optional() })),
  /** Renews the window's lease; send every 10 s or so (a lease lapses after `leaseMs`). */
  'workbook.heartbeat': method<{ leaseMs: number }>()(z.strictObject({ path, clientId: id })),
  /** The window is done: drops its lease and closes the file so other programs may open it. */
  'workbook.release': method<null>()(z.strictObject({ path, clientId: id })),
  /** 另存为: a new file with its own id; an existing target only with `overwrite` (the old one goes to the recycle area). */
  'workbook.saveAs': method<WorkbookState>()(z.strictObject({ path, target: path, overwrite: z.boolean().optional() })),
  'backups.list': method<BackupEntry[]>()(z.strictObject({ path })),
  'backups.create': method<BackupEntry>()(z.strictObject({ path })),
  /** Backs up the current state ('pre-restore'), then replaces the workbook by the chosen backup. */
  'backups.restore': method<WorkbookState>()(z.strictObject({ path, backupFile: path })),
  /** For a workbook that no longer opens: keeps it as <file>.damaged-<time> and puts the backup in its place. */
  'recovery.restoreFromBackup': method<{ state: WorkbookState; damagedPath: string | null }>()(z.strictObject({ path, backupFile: path })),
  'workbook.close': method<null>()(z.strictObject({ path })),
  'workbook.rows': method<{ revision: number; rows: GridRow[] }>()(z.strictObject({ path, tableId: id })),
  'workbook.change': method<ChangeResult>()(z.strictObject({ path, change: changeSchema })),
  'workbook.undo': method<ChangeResult>()(z.strictObject({ path })),
  'workbook.redo': method<ChangeResult>()(z.strictObject({ path })),
  'workbook.exportJson': method<{ out: string; bytes: number }>()(z.strictObject({ path, out: path })),
  /** The set's layouts (derived or entered; derived ones say whether they are empty), the 预算单位 and unusable fact rows. */
  'workbook.tables': method<TablesOverview>()(z.strictObject({ path, unit: id.optional(), tableSetId: id.optional() })),
  /**
   * A derived table as printed. `unit` (a 预算单位 code) gives that unit's own table; absent = the department,
   * all units. `tableSetId` renders the same facts in another set's layout (default: the workbook's set).
   */
  'workbook.derived': method<DerivedTable>()(z.strictObject({ path, tableId: id, unit: id.optional(), tableSetId: id.optional() })),
  /** The fact rows behind one figure of a derived table (row key and column as in DerivedTable). */
  'workbook.drill': method<DrillResult>()(
    z.strictObject({ path, tableId: id, rowKey: z.string().min(1).max(200), col: colKey, unit: id.optional(), tableSetId: id.optional() }),
  ),
  /** Exact sums (元) of named fact queries, for narrative figures; `prev` sums 上年预算数. */
  'workbook.factSums': method<Record<string, string>>()(
    z.strictObject({
      path,
      queries: z.record(z.string().min(1).max(60), factQuerySchema).refine((q) => Object.keys(q).length <= 500, { message: '一次最多 500 项' }),
      unit: id.optional(),
      prev: z.boolean().optional(),
    }),
  ),
  /**
   * One layout of the workbook's set as printed (shared/print/types.ts): one table, or one per record of a
   * repeated form (项目绩效目标表). What the read-only views, the preview and the writers all show.
   */
  'print.table': method<PrintTable[]>()(z.strictObject({ path, tableId: id })),
  /**
   * The submission as one document: cover, 目录, 说明, the published tables in set order, the 绩效目标 tables.
   * `part` budget = 部门预算公开 only, performance = 绩效目标 only; `tables` narrows to those layout ids.
   */
  'print.document': method<PrintDocument>()(z.strictObject({ path, part: documentPart.optional(), tables: z.array(id).min(1).max(500).optional() })),
  /**
   * Writes the document (as print.document builds it) to `out` as .xlsx or .docx: into a temporary file beside
   * it, then renamed over it, so a failed or cancelled export leaves the old file untouched. A target open in
   * Word/WPS gives EXPORT_LOCKED, a read-only place EXPORT_READ_ONLY, a full disk EXPORT_DISK_FULL.
   */
  'print.export': method<{ out: string; bytes: number; format: ExportFormat; tables: number }>()(
    z.strictObject({ path, format: z.enum(exportFormats), out: path, part: documentPart.optional(), tables: z.array(id).min(1).max(500).optional() }),
  ),
  /** Without `out`, the new workbook goes into the library under the department's name. */
  'library.importJson': method<WorkbookState>()(z.strictObject({ jsonPath: path, out: path.optional() })),
  /**
   * Last year's .docx/.xlsx (or a .bdwb workbook, or its JSON) into a new workbook at `out` (the library when
   * absent), or added to the open workbook `into`. `year` after the file's year puts the file's amounts into
   * 上年预算数 (and into this year's too with `keepDraft`). Nothing already in `into` is replaced without
   * `replace`: the conflicts are returned with written=false. The report is saved in the workbook.
   */
  'import.run': method<ImportRunResult>()(
    z.strictObject({
      source: path,
      year: z.number().int().min(2000).max(2100).optional(),
      into: path.optional(),
      keepDraft: z.boolean().optional(),
      replace: z.boolean().optional(),
      out: path.optional(),
    }),
  ),

  // 导入 last year's .docx/.xlsx (reading: electron/core/io/read-source.ts; recognition: shared/import/)
  /** What a Word/Excel file would give, without writing anything: the set it fits, each table as recognised, the 说明 sections, what was not recognised. */
  'import.preview': method<ImportPreview>()(z.strictObject({ path })),

  // 审核 (rules: shared/checks/rules/*.json and the set's own; engine: shared/checks/engine.ts)
  /** Every finding of the workbook's rules, errors first; 需说明 findings carry their explanation when given. */
  'checks.run': method<CheckFinding[]>()(z.strictObject({ path })),
  /** The rules a workbook's set checks with (shipped ones not switched off, then the set's own); without a path, the shipped rules. */
  'checks.rules': method<Rule[]>()(z.strictObject({ path: path.optional() })),
  /**
   * Writes (or, with an empty text, removes) the 说明 of an open 需说明 or 错误 finding, by its id. One undoable
   * change; the text is kept in the workbook and shown with the finding for as long as the finding exists.
   */
  'checks.explain': method<ChangeResult>()(z.strictObject({ path, finding: z.string().min(1).max(300), text: z.string().max(2000) })),

  // 第一部分 说明 (template: the set's `narrative`, shared/narrative/; what people wrote: model table narrative-text)
  /** The 说明 as it stands: each section and sentence, generated from the data or kept as written; null without a template. */
  'narrative.get': method<NarrativeView | null>()(z.strictObject({ path })),
  /**
   * Keeps a sentence as the clerk wrote it (by its key): it no longer follows the data and is checked instead.
   * Written back as generated, or emptied, it follows the data again. One undoable change.
   */
  'narrative.setSentence': method<ChangeResult>()(z.strictObject({ path, key: z.string().min(1).max(300), text: cellText })),
  /** The 主要原因 of a change in a generated sentence (by sentence key and field); the sentence keeps following the data. */
  'narrative.setReason': method<ChangeResult>()(z.strictObject({ path, key: z.string().min(1).max(300), field: id, text: z.string().max(2000) })),
  /**
   * A section as written (free sections: 职能职责, 机构设置, 名词解释) in the stored form of shared/narrative/richtext.ts:
   * paragraphs one per line, `**` around bold words, `\` before a literal `*` or `\`; empty text = the template's.
   */
  'narrative.setSection': method<ChangeResult>()(z.strictObject({ path, section: id, text: cellText })),
  /** Forgets what was written in a section (rewritten sentences, imported text), so it is generated from the data again. */
  'narrative.reset': method<ChangeResult>()(z.strictObject({ path, section: id })),

  // 绩效目标 (model: shared/tables/model/performance.json; binding of layouts: shared/perf/binding.ts)
  /** Quality review of the 绩效 tables: errors first, each finding naming table, row and column. */
  'perf.lint': method<Finding[]>()(z.strictObject({ path })),
  /** 资金总额/基本支出/项目支出 (元) from the budget data, to offer in 部门整体; null without budget data. */
  'perf.budgetTotals': method<{ total: string; basic: string; project: string } | null>()(z.strictObject({ path })),
  /** The budget's projects (row id, name, 支出方向 from the 功能科目, amount in 元) that 专项 and 支出方向 rows follow. */
  'perf.budgetProjects': method<BudgetProject[]>()(z.strictObject({ path })),
  /**
   * Pasted indicator rows (keys level1, level2, name, desc, value, basis, weight, direction, periodValue) for
   * one owner (a perf-projects row id, or 'dept'): merged 一级/二级 cells inherit from the row above, 效果指标
   * reads as 效益指标, value is split into op/prefix/value/unit with the text kept as original. One undo step.
   */
  'perf.indicators.paste': method<ChangeResult>()(
    z.strictObject({ path, owner: id, rows: z.array(z.record(colKey, cellText)).min(1).max(2000), index: z.number().int().min(0).optional() }),
  ),
  /** A 指标值 typed as one text (≥95%, 2023年12月31日, 按时发放) into a perf-indicators row. */
  'perf.indicators.setValue': method<ChangeResult>()(z.strictObject({ path, rowId: id, text: cellText })),
  /**
   * Appends a copy of one owner's indicators to another. Owners may be given as row id, 项目编码, 项目名称
   * or 'dept'; `fromWorkbook` copies from another workbook (last year's), which is only read. One undo step.
   */
  'perf.copyIndicators': method<ChangeResult>()(
    z.strictObject({ path, fromOwner: z.string().min(1).max(200), toOwner: z.string().min(1).max(200), fromWorkbook: path.optional() }),
  ),
  'perf.library.search': method<LibraryEntry[]>()(
    z.strictObject({
      query: z.string().max(200).optional(),
      category: z.string().max(20).optional(),
      level1: z.enum(level1Names).optional(),
      limit: z.number().int().min(1).max(500).optional(),
    }),
  ),
  'perf.library.categories': method<string[]>()(z.strictObject({})),
  /** Without `entry.id` adds an entry; with it replaces that entry (built-in ones too). */
  'perf.library.save': method<LibraryEntry>()(z.strictObject({ entry: libraryEntryInputSchema })),
  'perf.library.delete': method<null>()(z.strictObject({ id })),
  /** Library entries for a new project: by `category`, or by the categories its name points to. */
  'perf.library.suggest': method<LibraryEntry[]>()(
    z.strictObject({ projectName: z.string().min(1).max(200), category: z.string().max(20).optional(), limit: z.number().int().min(1).max(200).optional() }),
  ),
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = Methods[M]['output'];
export const methodNames = Object.keys(methods) as MethodName[];

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(methods, name);
}

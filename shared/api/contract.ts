import { z } from 'zod';
import { metaSchema, type GridRow, type WorkbookMeta, type WorkbookState } from '../workbook/types.js';
import type { TableSet } from '../tables/schema.js';

/**
 * The one API contract. Every host (Electron IPC, the local HTTP host, tests, the CLI) calls
 * these methods by name with inputs validated against these schemas; handlers live in the core.
 */

const path = z.string().min(1).max(4096);
const id = z.string().min(1).max(80);
const cellText = z.string().max(20000);
const colKey = z.string().min(1).max(60);
const MAX_BATCH = 50000;

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

export const methods = {
  'app.info': method<AppInfo>()(z.strictObject({})),
  'tablesets.list': method<{ id: string; name: string; region: string; year: number }[]>()(z.strictObject({})),
  'tablesets.get': method<TableSet>()(z.strictObject({ id })),

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
  /** Without `out`, the new workbook goes into the library under the department's name. */
  'library.importJson': method<WorkbookState>()(z.strictObject({ jsonPath: path, out: path.optional() })),
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = Methods[M]['output'];
export const methodNames = Object.keys(methods) as MethodName[];

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(methods, name);
}

import { isMethodName, methods, type MethodName } from '../../shared/api/contract.js';
import { makeError } from '../../shared/api/errors-zh.js';
import type { Result } from '../../shared/api/result.js';
import { TableSetRegistry, type RejectedTableSet } from '../../shared/tables/registry.js';
import { chooseTableSet, summarizeTableSet } from '../../shared/tables/set-choice.js';
import type { WorkbookMeta } from '../../shared/workbook/types.js';
import { BackupService, type BackupPolicy, type BackupReason } from './backups.js';
import { ChecksService } from './checks.js';
import { CommitPath } from './commit.js';
import { DerivedService } from './derived.js';
import { NarrativeService } from './narrative.js';
import { CoreError, toApiError } from './errors.js';
import { appHandlers } from './handlers/app.js';
import { codeHandlers } from './handlers/codes.js';
import { importHandlers } from './handlers/import.js';
import { backupHandlers } from './handlers/backups.js';
import { checkHandlers } from './handlers/checks.js';
import { libraryHandlers } from './handlers/library.js';
import { narrativeHandlers } from './handlers/narrative.js';
import { perfHandlers } from './handlers/perf.js';
import { printHandlers } from './handlers/print.js';
import { tableHandlers } from './handlers/tables.js';
import type { Handler } from './handlers/types.js';
import { workbookHandlers } from './handlers/workbook.js';
import { Library } from './library.js';
import { Leases } from './lock.js';
import { OpenWorkbooks } from './open-workbooks.js';
import type { TableSetFolder } from './tablesets.js';
import type { Workbook } from './workbook/workbook.js';

export { APP_VERSION } from './version.js';

export interface CoreOptions {
  dataDir: string;
  host: 'electron' | 'local' | 'test';
  /**
   * Table sets beyond the built-in ones: the data folder's `tablesets/*.json`, as readTableSetFolder()
   * reads them. A broken one is left out and listed by `tablesets.rejected`; the others still load.
   */
  extraTableSets?: TableSetFolder;
  /** Overrides of the automatic backup policy (tests use short intervals). */
  backupPolicy?: Partial<BackupPolicy>;
}

type Handlers = { [M in MethodName]: Handler<M> };

/**
 * The Node core. Hosts call `call(name, input)` and relay the result value; `call` validates the input and
 * dispatches to the handlers in ./handlers/, which get this object as their one context: the open
 * workbooks, the services, and `commits`, the one path every change takes.
 */
export class Core {
  readonly library: Library;
  readonly tableSets: TableSetRegistry;
  /** Set files of the data folder that were not loaded, with what to fix. */
  readonly rejectedTableSets: RejectedTableSet[];
  readonly backups: BackupService;
  readonly leases = new Leases();
  readonly derived: DerivedService;
  readonly checks: ChecksService;
  readonly narrative: NarrativeService;
  readonly commits: CommitPath;
  private readonly workbooks: OpenWorkbooks;
  private readonly handlers: Handlers;

  constructor(readonly options: CoreOptions) {
    this.library = new Library(options.dataDir);
    this.tableSets = new TableSetRegistry(options.extraTableSets?.sets ?? [], { lenient: true });
    this.rejectedTableSets = [...(options.extraTableSets?.unreadable ?? []), ...this.tableSets.rejected];
    this.workbooks = new OpenWorkbooks(this.library.backupsDir, this.tableSets);
    this.derived = new DerivedService(options.dataDir, this.tableSets);
    this.backups = new BackupService(this.library.backupsDir, options.backupPolicy);
    this.commits = new CommitPath(this.backups);
    this.narrative = new NarrativeService(this.derived);
    this.checks = new ChecksService(this.derived, this.tableSets, this.narrative);
    this.commits.listen(({ wb, result, change }) => this.derived.noteChange(wb, result, change));
    this.commits.listen((committed) => this.checks.noteChange(committed));
    this.commits.listen((committed) => this.narrative.noteChange(committed));
    this.handlers = {
      ...appHandlers(this),
      ...codeHandlers(this),
      ...libraryHandlers(this),
      ...workbookHandlers(this),
      ...tableHandlers(this),
      ...backupHandlers(this),
      ...perfHandlers(this),
      ...printHandlers(this),
      ...checkHandlers(this),
      ...importHandlers(this),
      ...narrativeHandlers(this),
    };
  }

  async call(name: string, input: unknown): Promise<Result<unknown>> {
    if (!isMethodName(name)) return { ok: false, error: makeError('UNKNOWN_METHOD', { method: String(name).slice(0, 80) }) };
    const parsed = methods[name].input.safeParse(input ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
      return { ok: false, error: makeError('VALIDATION', { issue: `${where}${issue?.message ?? '格式错误'}`.slice(0, 300) }) };
    }
    try {
      const handler = this.handlers[name] as (i: unknown) => unknown;
      return { ok: true, value: await handler(parsed.data) };
    } catch (err) {
      const p = (parsed.data as { path?: unknown }).path;
      return { ok: false, error: toApiError(err, typeof p === 'string' ? p : undefined) };
    }
  }

  /** The open workbook at `file`, opening it (and migrating, after a backup) on first use. */
  workbook(file: string): Workbook {
    return this.workbooks.get(file);
  }

  /** The set a new workbook gets when none is named: the same rule for the dialog, the API and `budgetdesk new`. */
  defaultTableSetId(year: number, region?: string): string {
    const set = chooseTableSet(this.tableSets.list().map(summarizeTableSet), { year, region });
    if (!set) throw new CoreError('NOT_FOUND', { what: '表格套表', path: region ? `${region} ${String(year)}年` : `${String(year)}年` });
    return set.id;
  }

  createWorkbook(file: string, meta: WorkbookMeta): Workbook {
    return this.workbooks.create(file, meta);
  }

  /** The workbook at `file` when it is open in this core, without opening it. */
  openWorkbook(file: string): Workbook | undefined {
    return this.workbooks.peek(file);
  }

  /** Whether `file` is open in this core (a reader can then leave it open for its other users). */
  isOpen(file: string): boolean {
    return this.workbooks.peek(file) !== undefined;
  }

  closeWorkbook(file: string): void {
    this.workbooks.close(file);
  }

  /** A backup of `file` now; importers call this with 'pre-import' before replacing content. */
  backupWorkbook(file: string, reason: BackupReason = 'manual') {
    return this.backups.create(this.workbook(file), reason);
  }

  /** Periodic backups of open workbooks changed since their last backup; hosts start this once. */
  startAutoBackup(intervalMs?: number): void {
    this.backups.start(() => this.workbooks.values(), intervalMs);
  }

  stopAutoBackup(): void {
    this.backups.stop();
  }

  closeAll(): void {
    this.stopAutoBackup();
    this.workbooks.closeAll();
  }
}

import { readdirSync, readFileSync } from 'node:fs';
import modelBudget from './model/budget.json' with { type: 'json' };
import modelChecks from './model/checks.json' with { type: 'json' };
import modelImport from './model/import.json' with { type: 'json' };
import modelNarrative from './model/narrative.json' with { type: 'json' };
import modelPerformance from './model/performance.json' with { type: 'json' };
import { withResolvedOptions } from './options.js';
import type { TableDef, TableSet, TableSetFile } from './schema.js';
import { checkTableSet, checkTableSetShape, type RejectedTableSet, type TableSetProblem } from './validate.js';

export type { RejectedTableSet } from './validate.js';

/**
 * Built-in table sets: every `*.json` in ./sets (the bundle build copies them beside the Electron main
 * file, which the same relative URL then finds). A new region or year is a new file there, no code.
 */
const BUILT_IN_DIR = new URL('./sets/', import.meta.url);

/** The JSON Schema of a set file ships in the sets folder under this name; it is not a set. */
export const SCHEMA_FILE_NAME = 'tableset.schema.json';

/** The JSON Schema of a set file, as shipped (scripts/tableset-schema.ts writes it from the zod shapes). */
export function tableSetJsonSchemaText(): string {
  return readFileSync(new URL(SCHEMA_FILE_NAME, BUILT_IN_DIR), 'utf8');
}

export function builtInTableSets(): unknown[] {
  return readdirSync(BUILT_IN_DIR)
    .filter((f) => f.endsWith('.json') && f !== SCHEMA_FILE_NAME)
    .sort()
    .map((f) => JSON.parse(readFileSync(new URL(f, BUILT_IN_DIR), 'utf8')) as unknown);
}

/**
 * Model tables: where entered facts live whatever layout shows them (budget facts, projects, indicators).
 * Same JSON shape as a table set; every workbook has them, and layouts point at them with `store`.
 * Each model document is a JSON file in ./model, listed here.
 */
const builtInModels: unknown[] = [modelBudget, modelPerformance, modelChecks, modelNarrative, modelImport];

/** A table set that cannot be used; `problems` says what to fix, `message` lists the first few. */
export class TableSetError extends Error {
  constructor(
    readonly setId: string,
    readonly problems: TableSetProblem[],
  ) {
    const shown = problems.slice(0, 10).map((p) => `  ${p.path}: ${p.message}`);
    const more = problems.length > shown.length ? [`  …另有 ${problems.length - shown.length} 处问题`] : [];
    super([`表格套“${setId}”有 ${problems.length} 处问题，未加载：`, ...shown, ...more].join('\n'));
    this.name = 'TableSetError';
  }
}

function setIdOf(raw: unknown): string {
  const id = (raw as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id : '(无编号)';
}

/**
 * A set with its parent's tables merged in: the parent's tables in order, a table of `tables` with the
 * same id replacing the parent's, new ones appended, and the ids in `drop` removed; the parent's code
 * lists are kept where the set gives none of that kind.
 */
export function mergeExtends(doc: TableSetFile, parent: TableSet): { set: TableSet; problems: TableSetProblem[] } {
  const problems: TableSetProblem[] = [];
  const parentIds = new Set(parent.tables.map((t) => t.id));
  (doc.drop ?? []).forEach((id, i) => {
    if (!parentIds.has(id)) problems.push({ path: `drop[${i}]`, message: `要去掉的表 ${id} 不在所继承的表格套“${parent.id}”中` });
  });
  const dropped = new Set(doc.drop ?? []);
  const own = new Map(doc.tables.map((t) => [t.id, t]));
  doc.tables.forEach((t, i) => {
    if (dropped.has(t.id)) problems.push({ path: `tables[${i}].id`, message: `表 ${t.id} 同时列在 drop 中，不能既替换又去掉` });
  });
  const tables: TableDef[] = [];
  for (const t of parent.tables) {
    if (dropped.has(t.id)) continue;
    tables.push(own.get(t.id) ?? t);
  }
  for (const t of doc.tables) if (!parentIds.has(t.id)) tables.push(t);
  const { drop: _drop, $schema: _schema, ...rest } = doc;
  // Code lists are the year's, whatever the layouts: a child keeps its parent's unless it gives its own of a kind.
  const codeLists = parent.codeLists || doc.codeLists ? { ...parent.codeLists, ...doc.codeLists } : undefined;
  // A set built on another says its 说明 like its parent unless it brings its own.
  const narrative = rest.narrative ?? parent.narrative;
  return { set: { ...rest, ...(codeLists ? { codeLists } : {}), ...(narrative ? { narrative } : {}), tables }, problems };
}

/** Where a set came from, for `tablesets list` and the problems of a set that was not loaded. */
export interface TableSetOrigin {
  builtIn: boolean;
  /** The file an extra set was read from, if any. */
  file?: string;
}

export interface ExtraTableSet {
  doc: unknown;
  file?: string;
}

export class TableSetRegistry {
  private readonly sets = new Map<string, TableSet>();
  private readonly origins = new Map<string, TableSetOrigin>();
  private readonly models = new Map<string, TableDef>();
  /** Extra sets that were not loaded (lenient registries only), with what to fix. */
  readonly rejected: RejectedTableSet[] = [];

  /**
   * Loads the built-in sets, then `extra` (raw documents, or documents with the file they came from).
   * A broken set throws TableSetError, unless `lenient`: then a broken extra set is left out and listed
   * in `rejected`, so one bad file in the data folder does not keep the app from starting.
   */
  constructor(extra: ExtraTableSet[] = [], options: { models?: unknown[]; lenient?: boolean } = {}) {
    for (const raw of options.models ?? builtInModels) for (const t of this.checked(raw).tables) this.models.set(t.id, t);
    for (const raw of builtInTableSets()) this.add(raw, { builtIn: true });
    // A set may extend one that comes later in the list: retry while some set still gets in.
    let pending = [...extra];
    const failures = new Map<ExtraTableSet, TableSetError>();
    while (pending.length > 0) {
      const next: ExtraTableSet[] = [];
      for (const e of pending) {
        try {
          this.add(e.doc, e.file === undefined ? { builtIn: false } : { builtIn: false, file: e.file });
          failures.delete(e);
        } catch (err) {
          if (!(err instanceof TableSetError)) throw err;
          failures.set(e, err);
          next.push(e);
        }
      }
      if (next.length === pending.length) break;
      pending = next;
    }
    for (const [e, err] of failures) {
      if (!options.lenient) throw err;
      this.rejected.push(e.file === undefined ? { setId: err.setId, problems: err.problems } : { setId: err.setId, file: e.file, problems: err.problems });
    }
  }

  /**
   * Checks a set document against this registry (its parent, the model tables, ids taken) without
   * adding it: the set as it would be used, or the problems, each with its JSON path.
   */
  check(raw: unknown, options: { replace?: boolean } = {}): { set: TableSet | null; problems: TableSetProblem[] } {
    const shape = checkTableSetShape(raw);
    if (!shape.doc) return { set: null, problems: shape.problems };
    const doc = shape.doc;
    let merged: TableSet;
    const problems: TableSetProblem[] = [];
    if (doc.extends !== undefined) {
      const parent = this.sets.get(doc.extends);
      if (!parent) return { set: null, problems: [{ path: 'extends', message: `所继承的表格套“${doc.extends}”不存在，可用：${[...this.sets.keys()].join('、')}` }] };
      const m = mergeExtends(doc, parent);
      problems.push(...m.problems);
      merged = m.set;
    } else {
      const { drop, $schema: _schema, ...rest } = doc;
      if (drop !== undefined) problems.push({ path: 'drop', message: '只有继承其他表格套（extends）时才能去掉表（drop）' });
      merged = rest;
    }
    const checked = checkTableSet(merged);
    problems.push(...checked.problems);
    if (!checked.set) return { set: null, problems };
    const set = checked.set;
    const replaceable = options.replace === true && this.origins.get(set.id)?.builtIn === false;
    if (this.sets.has(set.id) && !replaceable) problems.push({ path: 'id', message: `表格套编号 ${set.id} 已被占用（内置或先加载的表格套）` });
    set.tables.forEach((t, i) => {
      if (t.store !== undefined && !this.models.has(t.store)) problems.push({ path: `tables[${i}](${t.id}).store`, message: `数据表 ${t.store} 不存在（应为模型表之一）` });
    });
    return { set: { ...set, tables: set.tables.map(withResolvedOptions) }, problems };
  }

  /**
   * Adds one set document; throws TableSetError (nothing added) when it has problems. `replace` lets a
   * set file replace the set it loaded earlier under the same id (never a built-in one).
   */
  add(raw: unknown, origin: TableSetOrigin = { builtIn: false }, options: { replace?: boolean } = {}): TableSet {
    const { set, problems } = this.check(raw, options);
    if (!set || problems.length > 0) throw new TableSetError(setIdOf(raw), problems);
    this.sets.set(set.id, set);
    this.origins.set(set.id, origin);
    return set;
  }

  private checked(raw: unknown): TableSet {
    const { set, problems } = checkTableSet(raw);
    if (!set || problems.length > 0) throw new TableSetError(setIdOf(raw), problems);
    return { ...set, tables: set.tables.map(withResolvedOptions) };
  }

  /** Tables every workbook has, whatever its set: the entered facts behind the layouts. */
  modelTables(): TableDef[] {
    return [...this.models.values()];
  }

  list(): TableSet[] {
    return [...this.sets.values()];
  }

  get(id: string): TableSet | undefined {
    return this.sets.get(id);
  }

  origin(id: string): TableSetOrigin | undefined {
    return this.origins.get(id);
  }

  /** A layout of the set, or else a model table. */
  table(setId: string, tableId: string): TableDef | undefined {
    return this.sets.get(setId)?.tables.find((t) => t.id === tableId) ?? this.models.get(tableId);
  }
}

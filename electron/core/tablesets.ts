import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { SCHEMA_FILE_NAME, tableSetJsonSchemaText, type ExtraTableSet, type RejectedTableSet, type TableSetRegistry } from '../../shared/tables/registry.js';
import type { TableSet } from '../../shared/tables/schema.js';
import type { TableSetProblem } from '../../shared/tables/validate.js';
import { writeFileAtomic } from './atomic-write.js';
import { CoreError } from './errors.js';

/**
 * Table sets a finance bureau issues as files: `<data folder>/tablesets/*.json`, read at start by the
 * desktop shell, the local host and the CLI (through CoreOptions.extraTableSets), checked, and imported
 * into that folder from the app or the CLI.
 */

export const TABLESET_DIR = 'tablesets';

/** The set files of a data folder, and those that are not even JSON (with what is wrong). */
export interface TableSetFolder {
  sets: ExtraTableSet[];
  unreadable: RejectedTableSet[];
}

export function tableSetDir(dataDir: string): string {
  return path.join(dataDir, TABLESET_DIR);
}

/** A set file's JSON, or the problem that keeps it from being read. */
export function readTableSetFile(file: string): { doc: unknown } | { problem: TableSetProblem } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    return { problem: { path: '', message: `无法读取文件：${(err as NodeJS.ErrnoException).code ?? String(err)}` } };
  }
  try {
    return { doc: JSON.parse(text.replace(/^\uFEFF/, '')) as unknown };
  } catch (err) {
    return { problem: { path: '', message: `不是有效的 JSON 文件（${(err as Error).message}）；请用文本编辑器检查括号、逗号和引号` } };
  }
}

export function readTableSetFolder(dataDir: string): TableSetFolder {
  const dir = tableSetDir(dataDir);
  const folder: TableSetFolder = { sets: [], unreadable: [] };
  if (!existsSync(dir)) return folder;
  for (const name of readdirSync(dir).sort()) {
    if (!name.endsWith('.json') || name === SCHEMA_FILE_NAME) continue;
    const file = path.join(dir, name);
    const read = readTableSetFile(file);
    if ('doc' in read) folder.sets.push({ doc: read.doc, file });
    else folder.unreadable.push({ setId: path.basename(name, '.json'), file, problems: [read.problem] });
  }
  return folder;
}

/** What `tablesets check` reports: the set id (when it has one) and every problem with its JSON path. */
export interface TableSetCheck {
  setId: string | null;
  problems: TableSetProblem[];
}

/**
 * Checks a set file against the loaded sets (its `extends`, ids taken) without loading it; a set already
 * imported under the same id is the file's older version, not a clash.
 */
export function checkTableSetFile(registry: TableSetRegistry, file: string): TableSetCheck {
  const read = readTableSetFile(file);
  if (!('doc' in read)) return { setId: null, problems: [read.problem] };
  const id = (read.doc as { id?: unknown } | null)?.id;
  return { setId: typeof id === 'string' ? id : null, problems: registry.check(read.doc, { replace: true }).problems };
}

/**
 * Copies a checked set file into the data folder (as `<id>.json`, with the JSON Schema beside it for an
 * editor) and loads it. A set already imported under that id is replaced; a built-in one is not.
 */
export function importTableSetFile(registry: TableSetRegistry, dataDir: string, file: string): TableSet {
  const read = readTableSetFile(file);
  if (!('doc' in read)) throw new CoreError('VALIDATION', { issue: `表格套文件${read.problem.message}` });
  const { set, problems } = registry.check(read.doc, { replace: true });
  if (!set || problems.length > 0) {
    const shown = problems.slice(0, 5).map((p) => `${p.path || '（文件）'}：${p.message}`);
    throw new CoreError('VALIDATION', { issue: `表格套文件有 ${problems.length} 处问题，未导入：${shown.join('；')}${problems.length > 5 ? '……' : ''}` });
  }
  const dir = tableSetDir(dataDir);
  const target = path.join(dir, `${set.id}.json`);
  // Beside the imported file, `$schema` points at the schema copied next to it.
  const doc = typeof (read.doc as { $schema?: unknown }).$schema === 'string' ? { ...(read.doc as object), $schema: `./${SCHEMA_FILE_NAME}` } : read.doc;
  writeFileAtomic(target, `${JSON.stringify(doc, null, 2)}\n`);
  writeFileAtomic(path.join(dir, SCHEMA_FILE_NAME), tableSetJsonSchemaText());
  return registry.add(read.doc, { builtIn: false, file: target }, { replace: true });
}

import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, statSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import {
  INTERCHANGE_LIMITS,
  parseInterchange,
  serializeInterchange,
  tooLarge,
  type WorkbookInterchange,
} from '../../shared/workbook/interchange.js';
import { WORKBOOK_EXTENSION, type GridRow, type WorkbookState } from '../../shared/workbook/types.js';
import type { Core } from './core.js';
import { CoreError } from './errors.js';
import type { Workbook } from './workbook/workbook.js';
import { writeFileAtomic } from './atomic-write.js';

/** The workbook as canonical interchange JSON (every stored table, rows in display order). */
export function exportWorkbookJson(wb: Workbook): string {
  const tables: Record<string, GridRow[]> = {};
  for (const id of wb.storedTableIds()) tables[id] = wb.rows(id);
  return serializeInterchange(wb.meta(), tables);
}

/** Writes the export next to its target first, so an interrupted export never leaves half a file. */
export function exportWorkbookJsonFile(wb: Workbook, outPath: string): { out: string; bytes: number } {
  const out = path.resolve(outPath);
  // Writing JSON over a workbook would destroy it; the clerk most likely picked the wrong file.
  if (out === wb.path || out.toLowerCase().endsWith(WORKBOOK_EXTENSION)) {
    throw new CoreError('VALIDATION', { issue: `导出文件不能是工作簿（${WORKBOOK_EXTENSION}）文件，请另选一个 .json 文件名` });
  }
  const dir = path.dirname(out);
  if (!existsSync(dir)) throw new CoreError('NOT_FOUND', { what: '文件夹', path: dir });
  if (existsSync(out) && statSync(out).isDirectory()) throw new CoreError('VALIDATION', { issue: `“${out}”是一个文件夹，请指定文件名` });
  const data = Buffer.from(exportWorkbookJson(wb), 'utf8');
  writeFileAtomic(out, data);
  return { out, bytes: data.length };
}

export type InterchangeSource = { text: string } | { path: string };

/** Reads and validates an interchange document; the size is checked before anything is read. */
export function loadInterchange(core: Core, source: InterchangeSource): WorkbookInterchange {
  let text: string;
  if ('text' in source) {
    const bytes = Buffer.byteLength(source.text, 'utf8');
    if (bytes > INTERCHANGE_LIMITS.maxBytes) throw fromApi(tooLarge(bytes));
    text = source.text;
  } else {
    text = readInterchangeFile(source.path);
  }
  const parsed = parseInterchange(text, (id) => core.tableSets.get(id), core.tableSets.modelTables());
  if (!parsed.ok) throw fromApi(parsed.error);
  return parsed.value;
}

function readInterchangeFile(file: string): string {
  const full = path.resolve(file);
  let size: number;
  try {
    const st = statSync(full);
    if (!st.isFile()) throw new CoreError('INVALID_INTERCHANGE', { issue: `“${full}”不是文件` });
    size = st.size;
  } catch (err) {
    if ((err as { code?: string }).code === 'ENOENT') throw new CoreError('NOT_FOUND', { what: 'JSON 文件', path: full });
    throw err;
  }
  if (size > INTERCHANGE_LIMITS.maxBytes) throw fromApi(tooLarge(size, full));
  const buf = readFileSync(full);
  // The file may have grown since stat.
  if (buf.length > INTERCHANGE_LIMITS.maxBytes) throw fromApi(tooLarge(buf.length, full));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    throw new CoreError('INVALID_INTERCHANGE', {
      issue: '文件不是 UTF-8 编码（可能被记事本等程序另存为 ANSI/GBK 编码），请以 UTF-8 编码保存后再导入',
    });
  }
}

/**
 * Builds a new workbook at `outPath` from a validated document. It is written under a temporary name
 * in the same folder and renamed only when complete, so a failure never leaves a half-written file.
 */
export function createWorkbookFromInterchange(core: Core, doc: WorkbookInterchange, outPath: string): WorkbookState {
  const out = path.resolve(outPath);
  if (existsSync(out)) throw new CoreError('ALREADY_EXISTS', { path: out });
  const dir = path.dirname(out);
  if (!existsSync(dir)) throw new CoreError('NOT_FOUND', { what: '文件夹', path: dir });
  const tmp = tempPathBeside(out, 'importing');
  try {
    const wb = core.createWorkbook(tmp, doc.meta);
    for (const tableId of Object.keys(doc.tables).sort()) {
      const rows = doc.tables[tableId]!;
      if (rows.length > 0) wb.appendRows(tableId, rows);
    }
    core.closeWorkbook(tmp);
    // Closing checkpoints the WAL into the main file; a leftover WAL would mean renaming loses data.
    if (existsSync(`${tmp}-wal`)) throw new CoreError('INTERNAL', { reason: '导入时临时文件未能完整写入' });
    if (existsSync(out)) throw new CoreError('ALREADY_EXISTS', { path: out });
    renameSync(tmp, out);
  } catch (err) {
    core.closeWorkbook(tmp);
    removeQuietly(tmp, `${tmp}-wal`, `${tmp}-shm`, `${tmp}-journal`);
    throw err;
  }
  return core.workbook(out).state();
}

export function importWorkbookJson(core: Core, source: InterchangeSource, outPath: string): WorkbookState {
  return createWorkbookFromInterchange(core, loadInterchange(core, source), outPath);
}

/** `library.importJson`: into the library under the department's name unless a target is given. */
export function importJsonToLibrary(core: Core, jsonPath: string, outPath?: string): WorkbookState {
  const doc = loadInterchange(core, { path: jsonPath });
  const target = outPath ?? core.library.newPath(`${doc.meta.deptName}-${doc.meta.year}年`, false);
  const state = createWorkbookFromInterchange(core, doc, target);
  core.library.touchRecent(state.path);
  return state;
}

function fromApi(error: { code: CoreError['code']; details?: Record<string, unknown> }): CoreError {
  return new CoreError(error.code, error.details);
}

/** Hidden, without the workbook extension, so the library never lists a file still being written. */
function tempPathBeside(file: string, purpose: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(4).toString('hex')}.${purpose}`);
}

function removeQuietly(...files: string[]): void {
  for (const f of files) {
    try {
      unlinkSync(f);
    } catch {
      // Already gone, or never created.
    }
  }
}

import { z } from 'zod';
import { makeError } from '../api/errors-zh.js';
import { ok, type ApiError, type Result } from '../api/result.js';
import { canonical, Dec } from '../money/decimal.js';
import { isNumericColumn } from '../tables/layout.js';
import type { ColumnDef, TableDef, TableSet } from '../tables/schema.js';
import { metaSchema, type GridRow, type WorkbookMeta } from './types.js';

/**
 * The workbook's JSON interchange format (docs/workbook-format.md). Exports are canonical text so
 * export → import → export is byte-identical; imports are treated as hostile until proven otherwise.
 */

export const INTERCHANGE_FORMAT = 'budgetdesk-workbook';
export const INTERCHANGE_FORMAT_VERSION = 1;

export const INTERCHANGE_LIMITS = {
  /** Checked against the file size before a byte is read. */
  maxBytes: 64 * 1024 * 1024,
  /** A valid document nests 5 deep (root › tables › rows › row › cells); the rest is margin. */
  maxDepth: 8,
  maxRowsPerTable: 100_000,
  maxRowsTotal: 200_000,
  /** Same cap as a cell typed through the API (contract cellText). */
  maxTextChars: 20_000,
  /** parseNumberText allows 16 integer digits; 元 conversion adds at most 4 fraction digits. */
  maxNumberChars: 60,
  maxRowIdChars: 80,
} as const;

export interface WorkbookInterchange {
  format: typeof INTERCHANGE_FORMAT;
  formatVersion: typeof INTERCHANGE_FORMAT_VERSION;
  meta: WorkbookMeta;
  /** Rows per table id, in display order. Tables without rows may be absent. */
  tables: Record<string, GridRow[]>;
}

// ---------------------------------------------------------------------------------------------
// Canonical text

/**
 * JSON with every object's keys sorted, 2-space indentation and a trailing newline. Hand-written
 * because JSON.stringify puts integer-like keys ("2019") first whatever order they were added in.
 */
export function canonicalJson(value: unknown): string {
  return `${writeValue(value, '')}\n`;
}

function writeValue(value: unknown, indent: string): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((v) => inner + writeValue(v, inner)).join(',\n')}\n${indent}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((k) => record[k] !== undefined)
    .sort();
  if (keys.length === 0) return '{}';
  return `{\n${keys.map((k) => `${inner}${JSON.stringify(k)}: ${writeValue(record[k], inner)}`).join(',\n')}\n${indent}}`;
}

export function serializeInterchange(meta: WorkbookMeta, tables: Record<string, GridRow[]>): string {
  const doc: WorkbookInterchange = { format: INTERCHANGE_FORMAT, formatVersion: INTERCHANGE_FORMAT_VERSION, meta, tables };
  return canonicalJson(doc);
}

// ---------------------------------------------------------------------------------------------
// Refusals

type Path = (string | number)[];

/** `tables.zxzj-hz[3].cells.amount`: the JSON path a clerk (or support) can find in the file. */
export function formatPath(path: Path): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out === '' ? part : `.${part}`;
  return out || '（文件顶层）';
}

function refuse(path: Path, text: string): ApiError {
  const where = formatPath(path);
  const rowIndex = path[0] === 'tables' && typeof path[2] === 'number' ? path[2] : undefined;
  const row = rowIndex === undefined ? '' : `（第 ${rowIndex + 1} 行）`;
  return makeError('INVALID_INTERCHANGE', { issue: `${where}${row}：${text}`.slice(0, 500), where });
}

export function formatSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.ceil(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;
}

export function tooLarge(bytes: number, path?: string): ApiError {
  const details: Record<string, unknown> = { size: formatSize(bytes), limit: formatSize(INTERCHANGE_LIMITS.maxBytes) };
  if (path !== undefined) details.path = path;
  return makeError('FILE_TOO_LARGE', details);
}

// ---------------------------------------------------------------------------------------------
// Structural scan, before JSON.parse

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

interface Frame {
  object: boolean;
  /** Object frames: the current key; array frames: the current index. */
  at: string | number;
  expectKey: boolean;
  keys: Set<string> | null;
}

/**
 * One linear pass over the raw text that refuses what JSON.parse would accept but must not reach it
 * or the schema: nesting deep enough to exhaust the stack, duplicate keys (JSON.parse silently keeps
 * the last, hiding data) and prototype keys. Syntax errors are left for JSON.parse to report.
 */
export function scanJsonStructure(text: string, maxDepth: number = INTERCHANGE_LIMITS.maxDepth): ApiError | null {
  const stack: Frame[] = [];
  const pathHere = (): Path => stack.map((f) => f.at);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      let j = i + 1;
      while (j < text.length) {
        const d = text.charCodeAt(j);
        if (d === 0x5c /* \ */) j += 2;
        else if (d === 0x22) break;
        else j++;
      }
      const top = stack[stack.length - 1];
      if (top?.object && top.expectKey) {
        let key: string;
        try {
          key = JSON.parse(text.slice(i, j + 1)) as string;
        } catch {
          return null;
        }
        top.at = key;
        top.expectKey = false;
        if (FORBIDDEN_KEYS.has(key)) return refuse(pathHere(), `不允许使用名称“${key}”（可能是恶意构造的文件）`);
        if (top.keys!.has(key)) return refuse(pathHere(), `名称“${key}”重复出现，无法确定应使用哪一个值`);
        top.keys!.add(key);
      }
      i = j;
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (stack.length >= maxDepth) return refuse(pathHere(), `嵌套层数超过上限 ${maxDepth}`);
      const object = c === 0x7b;
      stack.push({ object, at: object ? '' : 0, expectKey: object, keys: object ? new Set() : null });
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      stack.pop();
    } else if (c === 0x2c /* , */) {
      const top = stack[stack.length - 1];
      if (top?.object) top.expectKey = true;
      else if (top) top.at = (top.at as number) + 1;
    }
  }
  return null;
}

function syntaxError(text: string, err: unknown): ApiError {
  const message = err instanceof Error ? err.message : '';
  const pos = /position (\d+)/.exec(message);
  let where = '';
  if (/end of JSON|Unterminated/i.test(message) || (pos && Number(pos[1]) >= text.trimEnd().length)) {
    where = '（文件在结尾处不完整，可能被截断）';
  } else if (pos) {
    const before = text.slice(0, Number(pos[1]));
    const line = before.split('\n').length;
    const col = before.length - before.lastIndexOf('\n');
    where = `（第 ${line} 行第 ${col} 列附近）`;
  } else if (!/^\s*[{[]/.test(text)) {
    where = '（文件开头应为 {）';
  }
  return makeError('INVALID_INTERCHANGE', { issue: `不是有效的 JSON 文本${where}` });
}

// ---------------------------------------------------------------------------------------------
// Schema

/** Exactly what `canonical()` produces: no exponent, sign only when negative, no spare zeros. */
const CANONICAL_DECIMAL = /^-?(0|[1-9]\d{0,15})(\.\d*[1-9])?$/;
const CANONICAL_INTEGER = /^-?(0|[1-9]\d{0,15})$/;

function isCanonicalNumber(text: string, integer: boolean): boolean {
  if (text.length > INTERCHANGE_LIMITS.maxNumberChars || text === '-0') return false;
  if (!(integer ? CANONICAL_INTEGER : CANONICAL_DECIMAL).test(text)) return false;
  return canonical(new Dec(text)) === text;
}

function cellSchema(col: ColumnDef): z.ZodType<string> {
  if (!isNumericColumn(col)) return z.string().max(INTERCHANGE_LIMITS.maxTextChars);
  const integer = col.type === 'integer';
  const what = col.type === 'money' ? '金额（以元为单位）' : integer ? '整数' : '数字';
  const example = col.type === 'money' ? '"1116768" 或 "-0.5"' : integer ? '"12" 或 "-3"' : '"12.5" 或 "-0.25"';
  return z.string().refine((text) => isCanonicalNumber(text, integer), {
    error: (iss) =>
      `“${String(iss.input).slice(0, 60)}”不是规范写法的${what}。应为带引号的十进制数，例如 ${example}；` +
      '整数部分最多 16 位，不带千位分隔符、单位、正号、指数或多余的 0，空单元格请省略该列',
  });
}

const rowIdSchema = z
  .string()
  .max(INTERCHANGE_LIMITS.maxRowIdChars)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, { error: '行 id 只能由字母、数字和 _ . - 组成' });

function tableSchema(def: TableDef) {
  const cells = z.strictObject(Object.fromEntries(def.columns.map((col) => [col.key, cellSchema(col).optional()])));
  return z.array(z.strictObject({ id: rowIdSchema, cells })).max(INTERCHANGE_LIMITS.maxRowsPerTable);
}

/** The whole document, for one table set: unknown tables and columns are refused, not dropped. */
export function interchangeSchemaFor(set: TableSet) {
  return z.strictObject({
    format: z.literal(INTERCHANGE_FORMAT),
    formatVersion: z.literal(INTERCHANGE_FORMAT_VERSION),
    meta: metaSchema,
    tables: z.strictObject(Object.fromEntries(set.tables.map((def) => [def.id, tableSchema(def).optional()]))),
  });
}

/** Enough to find the table set the rest of the document must be checked against. */
const headSchema = z.object({ meta: metaSchema });

const metaLabels: Record<string, string> = {
  deptName: '部门名称',
  unitCode: '单位编码',
  year: '年度',
  moneyUnit: '金额单位',
  scope: '编报范围',
  tableSetId: '表格套表',
};

const typeNames: Record<string, string> = {
  string: '文本（带引号的字符串）',
  number: '数字',
  int: '整数',
  object: '对象 {…}',
  array: '数组 […]',
  boolean: 'true 或 false',
};

function describeValue(value: unknown): string {
  if (value === undefined) return '缺少此项';
  if (value === null) return 'null';
  if (Array.isArray(value)) return '数组';
  if (typeof value === 'object') return '对象';
  if (typeof value === 'string') return `文本“${value.slice(0, 40)}”`;
  if (typeof value === 'number') return `数字 ${String(value)}`;
  return String(value);
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v = root;
  for (const part of path) {
    if (v === null || typeof v !== 'object' || !Object.prototype.hasOwnProperty.call(v, part)) return undefined;
    v = (v as Record<PropertyKey, unknown>)[part];
  }
  return v;
}

function issueToError(issue: z.core.$ZodIssue, raw: unknown, set: TableSet | undefined): ApiError {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  const label = path[0] === 'meta' && typeof path[1] === 'string' && metaLabels[path[1]] ? `${metaLabels[path[1]]}` : '';
  switch (issue.code) {
    case 'invalid_type': {
      const actual = valueAt(raw, issue.path);
      if (actual === undefined) return refuse(path, `缺少${label || '此项'}`);
      let hint = '';
      if (issue.expected === 'string' && typeof actual === 'number') hint = '。数字也必须写成带引号的字符串，以免丢失精度';
      return refuse(path, `${label}应为${typeNames[issue.expected] ?? issue.expected}，实际为${describeValue(actual)}${hint}`);
    }
    case 'unrecognized_keys': {
      const key = issue.keys[0] ?? '';
      const at = [...path, key];
      if (path.length === 0) return refuse(at, '未知的字段');
      if (path.length === 1 && path[0] === 'tables') return refuse(at, `未知的表格：表格套表“${set?.name ?? ''}”中没有此表`);
      if (path.length === 1 && path[0] === 'meta') return refuse(at, '未知的基本信息字段');
      if (path[path.length - 1] === 'cells') {
        const def = set?.tables.find((t) => t.id === path[1]);
        return refuse(at, `未知的列：表“${def?.shortTitle ?? def?.title ?? String(path[1])}”中没有此列`);
      }
      return refuse(at, '未知的字段（每行只能有 id 和 cells）');
    }
    case 'too_big':
      if (issue.origin === 'array') return refuse(path, `行数超过上限 ${String(issue.maximum)}`);
      if (issue.origin === 'string') return refuse(path, `${label}文本过长，上限为 ${String(issue.maximum)} 个字符`);
      return refuse(path, `${label}不能大于 ${String(issue.maximum)}`);
    case 'too_small':
      if (issue.origin === 'string') return refuse(path, `${label || '此项'}不能为空`);
      return refuse(path, `${label}不能小于 ${String(issue.minimum)}`);
    case 'invalid_value':
      return refuse(path, `${label}应为 ${issue.values.map((v) => JSON.stringify(v)).join(' 或 ')}，实际为${describeValue(valueAt(raw, issue.path))}`);
    default:
      return refuse(path, issue.message);
  }
}

// ---------------------------------------------------------------------------------------------
// Import

/**
 * Validates interchange text against the limits, the format and the workbook's table set.
 * Never throws: every refusal is an INVALID_INTERCHANGE / FILE_TOO_LARGE value naming the place.
 */
export function parseInterchange(
  input: string,
  lookupSet: (id: string) => TableSet | undefined,
  /** Model tables (budget facts …) every workbook has besides its set's layouts. */
  modelTables: readonly TableDef[] = [],
): Result<WorkbookInterchange> {
  // UTF-16 length never exceeds the UTF-8 byte count, so this only catches what the file check could not see.
  if (input.length > INTERCHANGE_LIMITS.maxBytes) return { ok: false, error: tooLarge(input.length) };
  // Windows Notepad adds a BOM when saving; it carries no meaning, so it is tolerated on import.
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  if (text.trim() === '') return { ok: false, error: makeError('INVALID_INTERCHANGE', { issue: '文件是空的' }) };

  const structural = scanJsonStructure(text);
  if (structural) return { ok: false, error: structural };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return { ok: false, error: syntaxError(text, err) };
  }

  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { ok: false, error: refuse([], `应为对象 {…}，实际为${describeValue(raw)}`) };
  }
  const head = raw as Record<string, unknown>;
  if (head.format !== INTERCHANGE_FORMAT) {
    return { ok: false, error: refuse(['format'], `应为 "${INTERCHANGE_FORMAT}"，这不是预算编报台导出的工作簿 JSON`) };
  }
  if (typeof head.formatVersion === 'number' && head.formatVersion > INTERCHANGE_FORMAT_VERSION) {
    return {
      ok: false,
      error: refuse(['formatVersion'], `文件由更新版本的预算编报台导出（格式版本 ${head.formatVersion}，本程序支持 ${INTERCHANGE_FORMAT_VERSION}），请升级程序后再导入`),
    };
  }

  const headParsed = headSchema.safeParse(raw);
  if (!headParsed.success) return { ok: false, error: issueToError(headParsed.error.issues[0]!, raw, undefined) };
  const setId = headParsed.data.meta.tableSetId;
  const layouts = lookupSet(setId);
  if (!layouts) return { ok: false, error: refuse(['meta', 'tableSetId'], `本程序没有表格套表“${setId}”，请升级程序或使用相应的套表`) };
  // Rows of the model tables are part of every workbook, whatever layouts show them.
  const set: TableSet = { ...layouts, tables: [...layouts.tables, ...modelTables.filter((m) => !layouts.tables.some((t) => t.id === m.id))] };

  const parsed = interchangeSchemaFor(set).safeParse(raw);
  if (!parsed.success) return { ok: false, error: issueToError(parsed.error.issues[0]!, raw, set) };
  const doc = parsed.data as WorkbookInterchange;

  // Row ids are unique across the whole workbook, not per table.
  const seen = new Map<string, string>();
  let total = 0;
  for (const [tableId, rows] of Object.entries(doc.tables)) {
    for (const [index, row] of rows.entries()) {
      const first = seen.get(row.id);
      if (first !== undefined) return { ok: false, error: refuse(['tables', tableId, index, 'id'], `行 id“${row.id}”与 ${first} 重复`) };
      seen.set(row.id, formatPath(['tables', tableId, index, 'id']));
    }
    total += rows.length;
    if (total > INTERCHANGE_LIMITS.maxRowsTotal) {
      return { ok: false, error: refuse(['tables', tableId], `全部表格合计行数超过上限 ${INTERCHANGE_LIMITS.maxRowsTotal}`) };
    }
  }
  return ok(doc);
}

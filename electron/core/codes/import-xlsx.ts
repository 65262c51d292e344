import { closeSync, openSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { builtinCodeList, builtinYears } from '../../../shared/reference/builtin.js';
import type { CodeEntry, CodeKind } from '../../../shared/reference/types.js';
import { CoreError } from '../errors.js';
import { diffCodeLists, type CodeListDiff } from './diff.js';
import { parseCodeSheet, type GridRow, type ParsedSheet } from './parse-sheet.js';
import { saveImportedCodeList } from './store.js';

/** The finance bureau's full list is a few hundred KB; anything this big is the wrong file. */
export const MAX_CODELIST_BYTES = 20 * 1024 * 1024;

export interface CodeListFile extends ParsedSheet {
  sheet: string;
}

export interface ImportCodeListResult {
  kind: CodeKind;
  year: number;
  count: number;
  /** Against the built-in list of `baseYear` (the newest built-in list not after `year`, else the oldest). */
  diff: CodeListDiff;
  baseYear: number;
  /** The year printed in the sheet's title, when there is one and it differs from `year`. */
  fileYear?: number;
  layout: 'code-name' | 'split';
  sheet: string;
  warnings: string[];
  /** Where the list was stored; absent for a dry run. */
  storedAt?: string;
}

const formatSize = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Refuses, before exceljs reads anything, a missing, oversized or non-xlsx file. */
function checkFile(file: string): void {
  let size: number;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) throw new CoreError('NOT_FOUND', { what: '文件', path: file });
    size = stat.size;
  } catch (err) {
    if (err instanceof CoreError || (err as { code?: unknown }).code !== 'ENOENT') throw err;
    throw new CoreError('NOT_FOUND', { what: '文件', path: file });
  }
  if (size > MAX_CODELIST_BYTES) throw new CoreError('FILE_TOO_LARGE', { size: formatSize(size), limit: formatSize(MAX_CODELIST_BYTES), path: file });
  const head = Buffer.alloc(8);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, head, 0, 8, 0);
  } finally {
    closeSync(fd);
  }
  if (head.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) {
    throw new CoreError('VALIDATION', { issue: `“${path.basename(file)}”是旧版 Excel（.xls）文件，请在 Excel 或 WPS 中另存为 .xlsx 后再导入`, path: file });
  }
  if (!head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) {
    throw new CoreError('VALIDATION', { issue: `“${path.basename(file)}”不是 Excel 工作簿（.xlsx），请选择财政局下发的 .xlsx 科目表`, path: file });
  }
}

/** A cell as the text a person sees; integral numbers without ".0", formulas by their cached result. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  // A fractional number stays visibly fractional so it is refused as a code rather than misread.
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value.toISOString();
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return cellText((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  if ('text' in value) return String(value.text);
  return '';
}

function sheetRows(sheet: ExcelJS.Worksheet): GridRow[] {
  const rows: GridRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      cells[col - 1] = cellText(cell.value);
    });
    rows.push({ row: rowNumber, cells: Array.from(cells, (c) => c ?? '') });
  });
  return rows;
}

/**
 * Reads a code list from an .xlsx as issued: the named sheet, or the first sheet with a recognisable
 * code header. Throws VALIDATION (in Chinese) for anything it cannot read exactly.
 */
export async function readCodeListXlsx(file: string, options: { sheet?: string } = {}): Promise<CodeListFile> {
  checkFile(file);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(file);
  } catch {
    throw new CoreError('VALIDATION', { issue: `无法读取“${path.basename(file)}”：文件不是有效的 .xlsx 工作簿，或已损坏`, path: file });
  }
  const sheets = workbook.worksheets;
  if (sheets.length === 0) throw new CoreError('VALIDATION', { issue: `“${path.basename(file)}”中没有工作表`, path: file });
  if (options.sheet !== undefined) {
    const sheet = workbook.getWorksheet(options.sheet);
    if (!sheet) throw new CoreError('VALIDATION', { issue: `工作簿中没有名为“${options.sheet}”的工作表`, path: file });
    return { ...parseCodeSheet(sheetRows(sheet)), sheet: sheet.name };
  }
  let firstError: unknown;
  for (const sheet of sheets) {
    try {
      return { ...parseCodeSheet(sheetRows(sheet)), sheet: sheet.name };
    } catch (err) {
      // A cover or notes sheet may come first; the error that counts is the first sheet's, if none fits.
      firstError ??= err;
      const issue = (err as CoreError).details?.issue;
      const noHeader = typeof issue === 'string' && (issue.startsWith('找不到科目编码列') || issue.startsWith('工作表是空的'));
      if (!noHeader) throw err;
    }
  }
  throw firstError;
}

const yearIn = (text: string): number | undefined => {
  const m = /(?<!\d)(20\d{2})(?!\d)/.exec(text);
  return m ? Number(m[1]) : undefined;
};

function baseListFor(kind: CodeKind, year: number): { year: number; entries: CodeEntry[] } {
  const list = builtinCodeList(kind, year) ?? builtinCodeList(kind, builtinYears(kind)[0]!);
  if (!list) throw new CoreError('INTERNAL', { reason: `no built-in ${kind} list` });
  return list;
}

/**
 * Imports the finance bureau's code list for a year: reads and checks it, diffs it against the
 * built-in list and (unless `dryRun`) stores it, after which it wins over the built-in list of that year.
 * The year comes from `options.year`, else from the sheet title or the file name.
 */
export async function importCodeList(
  dataDir: string,
  xlsxPath: string,
  options: { year?: number; sheet?: string; dryRun?: boolean } = {},
): Promise<ImportCodeListResult> {
  if (options.year !== undefined && !(Number.isInteger(options.year) && options.year >= 2000 && options.year <= 2100)) {
    throw new CoreError('VALIDATION', { issue: `年度“${options.year}”无效，应为四位年份，如 2024` });
  }
  const parsed = await readCodeListXlsx(xlsxPath, options.sheet === undefined ? {} : { sheet: options.sheet });
  const fileYear = parsed.titleYear ?? yearIn(path.basename(xlsxPath));
  const year = options.year ?? fileYear;
  if (year === undefined) {
    throw new CoreError('VALIDATION', { issue: '无法确定科目表所属年度：表头上方和文件名中都没有年份，请指定年度' });
  }
  const base = baseListFor(parsed.kind, year);
  const result: ImportCodeListResult = {
    kind: parsed.kind,
    year,
    count: parsed.entries.length,
    diff: diffCodeLists(base.entries, parsed.entries),
    baseYear: base.year,
    layout: parsed.layout,
    sheet: parsed.sheet,
    warnings: parsed.warnings,
  };
  if (fileYear !== undefined && fileYear !== year) result.fileYear = fileYear;
  if (!options.dryRun) {
    result.storedAt = saveImportedCodeList(dataDir, { kind: parsed.kind, year, source: 'imported', entries: parsed.entries }, xlsxPath);
  }
  return result;
}

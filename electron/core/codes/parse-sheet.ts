import { codeLevel, isWellFormedCode, leadingDigit, parentCodeOf } from '../../../shared/reference/codes.js';
import { namesEqual, normalizeCode } from '../../../shared/reference/normalize.js';
import { codeKindLabels, codeKinds, type CodeEntry, type CodeKind } from '../../../shared/reference/types.js';
import { CoreError } from '../errors.js';

/**
 * Reads a code list out of a grid of cell texts, as the finance bureau lays it out: either a code
 * column and a name column, or the code split over 类|款|项 columns with parent parts left blank.
 * Pure (no exceljs) so the rules can be tested on plain arrays.
 */

/** One sheet row: its 1-based row number in the workbook and its cells as text ('' for empty). */
export interface GridRow {
  row: number;
  cells: string[];
}

export interface ParsedSheet {
  kind: CodeKind;
  layout: 'code-name' | 'split';
  entries: CodeEntry[];
  /** A year printed in the title rows above the header ("2023年政府收支分类科目"), if any. */
  titleYear?: number;
  /** Problems that do not stop the import (a 款 whose 类 is missing from the file …). */
  warnings: string[];
}

const HEADER_SCAN_ROWS = 30;
const compact = (s: string): string => s.normalize('NFKC').replace(/\s+/g, '');

type Layout =
  | { layout: 'code-name'; headerRow: number; codeCol: number; nameCol: number }
  | { layout: 'split'; headerRow: number; cols: [number, number, number | undefined]; nameCol: number };

function isCodeHeader(text: string): boolean {
  const t = compact(text);
  return t.length > 0 && t.length <= 16 && /编码|代码|编号/.test(t) && !t.includes('名称');
}

function isNameHeader(text: string): boolean {
  const t = compact(text);
  return t.length > 0 && t.length <= 16 && t.includes('名称') && !/编码|代码|编号/.test(t);
}

function findLayout(rows: GridRow[]): Layout | undefined {
  const head = rows.slice(0, HEADER_SCAN_ROWS);
  // Split columns first: their header often sits under a "科目编码" cell that would otherwise match.
  for (let i = 0; i < head.length; i++) {
    const cells = head[i]!.cells.map(compact);
    const lei = cells.indexOf('类');
    const kuan = cells.indexOf('款');
    if (lei < 0 || kuan < 0) continue;
    const xiang = cells.indexOf('项');
    // "科目名称" is usually merged down beside the 类|款|项 row, so look in this row and a few above.
    let nameCol = -1;
    for (let j = i; j >= Math.max(0, i - 3) && nameCol < 0; j--) nameCol = head[j]!.cells.findIndex(isNameHeader);
    if (nameCol < 0) continue;
    return { layout: 'split', headerRow: i, cols: [lei, kuan, xiang < 0 ? undefined : xiang], nameCol };
  }
  for (let i = 0; i < head.length; i++) {
    const cells = head[i]!.cells;
    const codeCol = cells.findIndex(isCodeHeader);
    if (codeCol < 0) continue;
    const names = cells.map((c, col) => (isNameHeader(c) ? col : -1)).filter((col) => col >= 0);
    if (names.length === 0) continue;
    // The name column nearest to the right of the code column, else the nearest one at all.
    const nameCol = names.find((c) => c > codeCol) ?? names.at(-1)!;
    return { layout: 'code-name', headerRow: i, codeCol, nameCol };
  }
  return undefined;
}

interface RawRow {
  row: number;
  text: string;
  code?: string;
  name: string;
  problem?: string;
}

/** Pads a 款/项 part written as a number ("3" for "03"). */
const part = (text: string, width: number): string | undefined => {
  const code = normalizeCode(text);
  if (code === undefined) return undefined;
  return code.length < width ? code.padStart(width, '0') : code;
};

function readCodeName(rows: GridRow[], layout: Extract<Layout, { layout: 'code-name' }>): RawRow[] {
  const out: RawRow[] = [];
  for (const { row, cells } of rows) {
    const text = (cells[layout.codeCol] ?? '').trim();
    const name = (cells[layout.nameCol] ?? '').trim();
    // Rows without a digit in the code column are notes, subtotals ("合计") or repeated headers.
    if (!/\d/.test(text.normalize('NFKC'))) continue;
    const code = normalizeCode(text);
    out.push(code === undefined ? { row, text, name, problem: '含有数字以外的字符' } : { row, text, code, name });
  }
  return out;
}

function readSplit(rows: GridRow[], layout: Extract<Layout, { layout: 'split' }>): RawRow[] {
  const out: RawRow[] = [];
  let lei: string | undefined;
  let kuan: string | undefined;
  const [leiCol, kuanCol, xiangCol] = layout.cols;
  for (const { row, cells } of rows) {
    const t1 = (cells[leiCol] ?? '').trim();
    const t2 = (cells[kuanCol] ?? '').trim();
    const t3 = xiangCol === undefined ? '' : (cells[xiangCol] ?? '').trim();
    const name = (cells[layout.nameCol] ?? '').trim();
    const text = [t1, t2, t3].filter(Boolean).join(' ');
    if (!/\d/.test(text.normalize('NFKC'))) continue;
    const p1 = t1 ? part(t1, 3) : undefined;
    const p2 = t2 ? part(t2, 2) : undefined;
    const p3 = t3 ? part(t3, 2) : undefined;
    if ((t1 && !p1) || (t2 && !p2) || (t3 && !p3)) {
      out.push({ row, text, name, problem: '含有数字以外的字符' });
      continue;
    }
    // Each level may hold its own two digits or the full code; blank parents come from the rows above.
    const leiHere = p1 ?? lei;
    // A 类 repeated on every row (merged cells) still lets a 项 row take its 款 from above.
    const kuanHere = p2 === undefined ? (p1 === undefined || p1 === lei ? kuan : undefined) : p2.length === 2 ? (leiHere ? leiHere + p2 : undefined) : p2;
    let code: string | undefined;
    if (p3 !== undefined) code = p3.length === 2 ? (kuanHere ? kuanHere + p3 : undefined) : p3;
    else if (p2 !== undefined) code = kuanHere;
    else code = p1;
    if (code === undefined) {
      out.push({ row, text, name, problem: '缺少所属的类或款' });
      continue;
    }
    if ((p1 && !code.startsWith(p1)) || (p2 && p2.length > 2 && !code.startsWith(p2))) {
      out.push({ row, text, name, problem: '各级编码不一致' });
      continue;
    }
    if (code.length === 3) {
      lei = code;
      kuan = undefined;
    } else if (code.length === 5) {
      lei = code.slice(0, 3);
      kuan = code;
    }
    out.push({ row, text, code, name });
  }
  return out;
}

function detectKind(raw: RawRow[]): CodeKind | undefined {
  const counts = new Map<string, number>();
  for (const r of raw) if (r.code) counts.set(r.code[0]!, (counts.get(r.code[0]!) ?? 0) + 1);
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  if ((counts.get('1') ?? 0) > total / 2) {
    throw new CoreError('VALIDATION', { issue: '这是收入分类科目表（编码以 1 开头），目前只支持导入支出功能分类和支出经济分类科目' });
  }
  // A stray row of another kind is a bad row; only a sizeable share of each is a mixed file.
  const present = codeKinds.filter((k) => (counts.get(leadingDigit[k]) ?? 0) >= Math.max(3, total * 0.2));
  if (present.length > 1) {
    throw new CoreError('VALIDATION', {
      issue: `同一张表中混有${present.map((k) => codeKindLabels[k]).join('和')}，请分别放在不同的工作表或文件中导入`,
    });
  }
  return codeKinds
    .map((k) => [k, counts.get(leadingDigit[k]) ?? 0] as const)
    .sort((a, b) => b[1] - a[1])
    .find(([, n]) => n > 0)?.[0];
}

const LIST_LIMIT = 10;

function rowList(items: { row: number; text: string; problem?: string }[]): string {
  const shown = items
    .slice(0, LIST_LIMIT)
    .map((r) => `第 ${r.row} 行“${r.text}”${r.problem ? `（${r.problem}）` : ''}`)
    .join('、');
  return items.length > LIST_LIMIT ? `${shown} 等 ${items.length} 行` : shown;
}

const genericHint = '科目编码应为 2（支出功能分类）、3（部门经济分类）或 5（政府经济分类）开头的 3、5 或 7 位数字';

const shapeHint: Record<CodeKind, string> = {
  function: '支出功能分类科目编码应为 2 开头的 3 位（类）、5 位（款）或 7 位（项）数字',
  econDept: '部门预算支出经济分类科目编码应为 3 开头的 3 位（类）或 5 位（款）数字',
  econGov: '政府预算支出经济分类科目编码应为 5 开头的 3 位（类）或 5 位（款）数字',
};

/** Finds the header, reads every row, checks every code; throws VALIDATION naming the bad rows. */
export function parseCodeSheet(rows: GridRow[]): ParsedSheet {
  if (!rows.some((r) => r.cells.some((c) => c.trim()))) {
    throw new CoreError('VALIDATION', { issue: '工作表是空的，没有任何内容' });
  }
  const layout = findLayout(rows);
  if (!layout) {
    throw new CoreError('VALIDATION', {
      issue: '找不到科目编码列：表头应有“科目编码”（或“科目代码”“编码”）和“科目名称”两列，或分列的“类”“款”“项”和“科目名称”',
    });
  }
  const titleYear = rows
    .slice(0, layout.headerRow)
    .flatMap((r) => r.cells)
    .map((c) => /(20\d{2})\s*年/.exec(c.normalize('NFKC'))?.[1])
    .find((y) => y !== undefined);
  const body = rows.slice(layout.headerRow + 1);
  const raw = layout.layout === 'split' ? readSplit(body, layout) : readCodeName(body, layout);
  if (raw.length === 0) throw new CoreError('VALIDATION', { issue: '表头下方没有任何科目编码' });

  const kind = detectKind(raw);
  const bad = raw.filter((r) => r.problem !== undefined || !r.code || !kind || !isWellFormedCode(kind, r.code));
  if (bad.length || !kind) {
    throw new CoreError('VALIDATION', {
      issue: `有 ${bad.length} 行科目编码无效：${rowList(bad)}；${kind ? shapeHint[kind] : genericHint}`,
      rows: bad.map((r) => r.row),
    });
  }
  const unnamed = raw.filter((r) => !r.name);
  if (unnamed.length) {
    throw new CoreError('VALIDATION', { issue: `有 ${unnamed.length} 行缺少科目名称：${rowList(unnamed)}`, rows: unnamed.map((r) => r.row) });
  }

  const byCode = new Map<string, RawRow>();
  const conflicts: RawRow[] = [];
  for (const r of raw) {
    const seen = byCode.get(r.code!);
    if (!seen) byCode.set(r.code!, r);
    // The same code and name twice is harmless (a repeated block); two names for one code are not.
    else if (!namesEqual(seen.name, r.name)) conflicts.push(r);
  }
  if (conflicts.length) {
    throw new CoreError('VALIDATION', {
      issue: `有 ${conflicts.length} 行科目编码重复且名称不同：${rowList(conflicts)}`,
      rows: conflicts.map((r) => r.row),
    });
  }

  const warnings: string[] = [];
  for (const r of byCode.values()) {
    const parent = parentCodeOf(kind, r.code!);
    if (parent && !byCode.has(parent)) warnings.push(`第 ${r.row} 行科目 ${r.code} 的上级${codeLevel(kind, parent)}级科目 ${parent} 不在表中`);
  }
  const entries = [...byCode.values()]
    .map((r) => ({ code: r.code!, name: r.name.replace(/\s+/g, '') }))
    .sort((a, b) => (a.code < b.code ? -1 : 1));
  return { kind, layout: layout.layout, entries, warnings, ...(titleYear ? { titleYear: Number(titleYear) } : {}) };
}

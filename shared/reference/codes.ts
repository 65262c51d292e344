import { namesEqual, normalizeCode, normalizeName } from './normalize.js';
import type { CodeEntry, CodeKind, CodeLevel, CodeList } from './types.js';

export type { CodeEntry, CodeKind, CodeLevel, CodeList } from './types.js';

/** Code length per level: 功能分类 类/款/项 = 3/5/7 digits, both 经济分类 类/款 = 3/5. */
export const levelLengths: Record<CodeKind, Partial<Record<CodeLevel, number>>> = {
  function: { 类: 3, 款: 5, 项: 7 },
  econDept: { 类: 3, 款: 5 },
  econGov: { 类: 3, 款: 5 },
};

/** First digit of every 类 of a kind: 功能 2xx, 部门经济 3xx, 政府经济 5xx. */
export const leadingDigit: Record<CodeKind, string> = { function: '2', econDept: '3', econGov: '5' };

export function codeLevel(kind: CodeKind, code: string): CodeLevel | undefined {
  const lengths = levelLengths[kind];
  for (const level of ['类', '款', '项'] as const) if (lengths[level] === code.length) return level;
  return undefined;
}

/** The code of the enclosing 类/款, or undefined for a 类 (or a malformed code). */
export function parentCodeOf(kind: CodeKind, code: string): string | undefined {
  const level = codeLevel(kind, code);
  if (level === '款') return code.slice(0, 3);
  if (level === '项') return code.slice(0, 5);
  return undefined;
}

/** Whether a digit string is shaped like a code of this kind (right length and leading digit). */
export function isWellFormedCode(kind: CodeKind, code: string): boolean {
  return /^\d+$/.test(code) && codeLevel(kind, code) !== undefined && code.startsWith(leadingDigit[kind]);
}

export interface SearchHit extends CodeEntry {
  level: CodeLevel;
  /** Names of the enclosing 类 and 款, outermost first, so a picker can tell the many 行政运行 apart. */
  path: string[];
}

export interface CodeNameCheck {
  status: 'ok' | 'unknown-code' | 'name-mismatch';
  /** The list's name for the code, whenever the code is known. */
  expected?: string;
  /** 'qualified': the name was written as "行政运行（政府办公厅（室）及相关机构事务）", the parent 款 in brackets. */
  form?: 'exact' | 'qualified';
  /** The mismatching name is a known provincial or published variant of the official one. */
  variant?: boolean;
  /** The mismatching name is what the code was called in an earlier year's list. */
  former?: boolean;
  /**
   * For an unknown 项: the built-in list does not enumerate the 项 of its 款, so the code may well be
   * valid; importing the finance bureau's list settles it.
   */
  incomplete?: boolean;
}

/** Lookups over one list, indexed once. Build through `indexOf` to share the index per list. */
export class CodeIndex {
  private readonly byCode = new Map<string, CodeEntry>();
  private readonly childrenByCode = new Map<string, CodeEntry[]>();
  private readonly roots: CodeEntry[] = [];
  private readonly normalizedNames = new Map<string, string>();

  constructor(readonly list: CodeList) {
    const sorted = [...list.entries].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    for (const entry of sorted) {
      this.byCode.set(entry.code, entry);
      this.normalizedNames.set(entry.code, normalizeName(entry.name));
    }
    for (const entry of sorted) {
      const parent = parentCodeOf(list.kind, entry.code);
      if (parent === undefined) {
        this.roots.push(entry);
        continue;
      }
      const siblings = this.childrenByCode.get(parent);
      if (siblings) siblings.push(entry);
      else this.childrenByCode.set(parent, [entry]);
    }
  }

  get kind(): CodeKind {
    return this.list.kind;
  }

  get(code: string): CodeEntry | undefined {
    const clean = normalizeCode(code);
    return clean === undefined ? undefined : this.byCode.get(clean);
  }

  level(code: string): CodeLevel | undefined {
    const clean = normalizeCode(code);
    return clean === undefined ? undefined : codeLevel(this.kind, clean);
  }

  /** The enclosing 类 and 款 that exist in the list, outermost first (the code itself excluded). */
  parents(code: string): CodeEntry[] {
    const chain: CodeEntry[] = [];
    let parent = parentCodeOf(this.kind, normalizeCode(code) ?? '');
    while (parent !== undefined) {
      const entry = this.byCode.get(parent);
      if (entry) chain.unshift(entry);
      parent = parentCodeOf(this.kind, parent);
    }
    return chain;
  }

  /** Direct children in code order; without a code, the 类. */
  children(code?: string): CodeEntry[] {
    if (code === undefined) return [...this.roots];
    const clean = normalizeCode(code);
    return clean === undefined ? [] : [...(this.childrenByCode.get(clean) ?? [])];
  }

  /**
   * Code-picker search. Digit groups form a code prefix ("201 03 01", "20103"); other words must all
   * appear in the entry's name or an enclosing name, at least one in its own name ("政府办公厅 行政运行").
   * Exact code and exact name first, then prefix and partial matches, each in code order.
   */
  search(query: string, limit = 50): SearchHit[] {
    const tokens = query.normalize('NFKC').match(/\d+|[^\d\s]+/g) ?? [];
    const digits = tokens.filter((t) => /^\d+$/.test(t)).join('');
    // Separators typed between code groups ("201-03-01") are not words.
    const words = tokens.filter((t) => !/^\d+$/.test(t) && /\p{L}/u.test(t)).map(normalizeName);
    if (!digits && words.length === 0) return [];
    const ranked: { hit: SearchHit; rank: number }[] = [];
    for (const entry of this.byCode.values()) {
      if (digits && !entry.code.startsWith(digits)) continue;
      const own = this.normalizedNames.get(entry.code) ?? '';
      const parents = this.parents(entry.code);
      let rank = digits && entry.code === digits ? 0 : 2;
      if (words.length) {
        const names = [own, ...parents.map((p) => this.normalizedNames.get(p.code) ?? '')];
        if (!words.some((w) => own.includes(w))) continue;
        if (!words.every((w) => names.some((n) => n.includes(w)))) continue;
        if (words.length === 1 && own === words[0]) rank = Math.min(rank, 1);
        else if (words.some((w) => own.startsWith(w))) rank = Math.min(rank, 2);
        else rank = Math.min(rank, 3);
      }
      const level = codeLevel(this.kind, entry.code);
      if (!level) continue;
      ranked.push({ hit: { ...entry, level, path: parents.map((p) => p.name) }, rank });
    }
    ranked.sort((a, b) => a.rank - b.rank || (a.hit.code < b.hit.code ? -1 : 1));
    return ranked.slice(0, limit).map((r) => r.hit);
  }

  /** Whether a code/name pair as printed in a table agrees with the list. Never accepts a mismatch quietly. */
  validate(code: string, name: string): CodeNameCheck {
    const clean = normalizeCode(code);
    const entry = clean === undefined ? undefined : this.byCode.get(clean);
    if (!entry || clean === undefined) {
      const check: CodeNameCheck = { status: 'unknown-code' };
      if (clean !== undefined && this.list.source === 'builtin' && codeLevel(this.kind, clean) === '项') {
        const parent = parentCodeOf(this.kind, clean);
        if (parent && this.byCode.has(parent) && !this.childrenByCode.has(parent)) check.incomplete = true;
      }
      return check;
    }
    if (namesEqual(entry.name, name)) return { status: 'ok', expected: entry.name, form: 'exact' };
    const parent = this.parents(clean).at(-1);
    if (parent && namesEqual(`${entry.name}（${parent.name}）`, name)) return { status: 'ok', expected: entry.name, form: 'qualified' };
    const check: CodeNameCheck = { status: 'name-mismatch', expected: entry.name };
    if (entry.variants?.some((v) => namesEqual(v, name))) check.variant = true;
    if (entry.former?.some((v) => namesEqual(v, name))) check.former = true;
    return check;
  }
}

const indexes = new WeakMap<CodeList, CodeIndex>();

/** The index of a list, built on first use and kept as long as the list object lives. */
export function indexOf(list: CodeList): CodeIndex {
  let index = indexes.get(list);
  if (!index) {
    index = new CodeIndex(list);
    indexes.set(list, index);
  }
  return index;
}

export const lookupCode = (list: CodeList, code: string): CodeEntry | undefined => indexOf(list).get(code);
export const parentChain = (list: CodeList, code: string): CodeEntry[] => indexOf(list).parents(code);
export const childrenOf = (list: CodeList, code?: string): CodeEntry[] => indexOf(list).children(code);
export const searchCodes = (list: CodeList, query: string, limit?: number): SearchHit[] => indexOf(list).search(query, limit);
export const validateCodeName = (list: CodeList, code: string, name: string): CodeNameCheck => indexOf(list).validate(code, name);

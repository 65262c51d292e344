import type { CodeKind, CodeList } from '../reference/types.js';
import type { TableSet } from '../tables/schema.js';

/** The 科目 list a derived body's rows come from. */
export const CODE_KIND: Record<string, CodeKind> = { functionClass: 'function', economicClass: 'econDept', govEconomicClass: 'econGov' };

/**
 * The list a set issues for its year replaces an older or built-in one; a list the clerk imported for
 * that year or a later one stays, and takes the set's roles for the codes both have.
 */
function withSetList(loaded: CodeList | undefined, set: Pick<TableSet, 'year' | 'codeLists'>, kind: CodeKind): CodeList | undefined {
  const own = set.codeLists?.[kind];
  if (!own) return loaded;
  if (!loaded || loaded.year < set.year || (loaded.year === set.year && loaded.source === 'builtin')) {
    return { kind, year: set.year, source: 'set', entries: own.map((e) => ({ ...e })) };
  }
  const roles = new Map(own.flatMap((e) => (e.role ? [[e.code, e.role] as const] : [])));
  if (roles.size === 0) return loaded;
  return { ...loaded, entries: loaded.entries.map((e) => (roles.has(e.code) ? { ...e, role: roles.get(e.code)! } : e)) };
}

/**
 * The year's list as a set prints it: where the set's tables name a code (湖南 2020 prints 30110 as
 * 城镇职工基本医疗保险缴费, as seed 001 does), that name replaces the list's, which stays findable as a variant.
 * The derived tables and the entry pickers both read this list, so a code has one name in a workbook.
 * Where the set's tables disagree (302 is 一般商品和服务支出 in 附件13, 商品和服务支出 elsewhere), the first
 * table's name is the list's; each table still prints its own.
 */
export function codeListForSet(loaded: CodeList | undefined, set: Pick<TableSet, 'tables' | 'year' | 'codeLists'> | undefined, kind: CodeKind): CodeList | undefined {
  if (!set) return loaded;
  const list = withSetList(loaded, set, kind);
  if (!list) return list;
  const printed = new Map<string, string>();
  for (const t of set.tables) {
    if (t.body.kind !== 'derived' || CODE_KIND[t.body.rowsFrom] !== kind) continue;
    for (const entry of t.body.codes ?? []) if (typeof entry !== 'string' && !printed.has(entry.code)) printed.set(entry.code, entry.name);
  }
  if (printed.size === 0) return list;
  const entries = list.entries.map((e) => {
    const name = printed.get(e.code);
    if (name === undefined || name === e.name) return e;
    return { ...e, name, variants: [...new Set([e.name, ...(e.variants ?? [])])].filter((v) => v !== name) };
  });
  return { ...list, entries };
}

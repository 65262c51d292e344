import { z } from 'zod';
import { squeezeText } from './indicator.js';
import { libraryEntrySchema, type LibraryEntry } from './library-entry.js';
import seed from './library-seed.json' with { type: 'json' };
import { level1Names, level1Of, level2KindOf, level2Kinds, type Level1 } from './tree.js';

export { libraryEntrySchema, type LibraryEntry } from './library-entry.js';

/**
 * The indicator library: ready-made 三级指标 by category (会议培训, 信息化运维 …) that a clerk searches
 * and drops into a project's indicator grid. Pure: storage is electron/core/perf/library-store.ts.
 */

export const LIBRARY_FORMAT = 'budgetdesk-indicator-library';

export const libraryCategorySchema = z.strictObject({
  name: z.string().trim().min(1).max(20),
  /** Words in project names that belong to this category (培训 → 会议培训). */
  keywords: z.array(z.string().trim().min(1).max(10)).max(50),
});
export type LibraryCategory = z.infer<typeof libraryCategorySchema>;

export const libraryFileSchema = z.strictObject({
  format: z.literal(LIBRARY_FORMAT),
  version: z.literal(1),
  categories: z.array(libraryCategorySchema).max(200),
  entries: z.array(libraryEntrySchema).max(10000),
});
export type LibraryFile = z.infer<typeof libraryFileSchema>;

/** The library a new installation starts with. */
export function seedLibrary(): LibraryFile {
  return libraryFileSchema.parse(seed);
}

/** An entry whose 二级 does not belong to its 一级 (成本指标 under 效益指标) is refused with the reason. */
export function entryProblem(entry: LibraryEntry): string | null {
  const kind = level2KindOf(entry.level2);
  const allowed = level2Kinds[entry.level1].map((k) => `${k}指标`).join('、');
  if (kind === undefined || level1Of(kind) !== entry.level1) return `二级指标“${entry.level2}”不属于${entry.level1}，应为${allowed}之一`;
  return null;
}

const TREE_ORDER: readonly string[] = level1Names.flatMap((l1) => level2Kinds[l1]);

function treeRank(entry: LibraryEntry): number {
  const kind = level2KindOf(entry.level2);
  return kind === undefined ? TREE_ORDER.length : TREE_ORDER.indexOf(kind);
}

const fold = (text: string): string => squeezeText(text).toLowerCase();

export interface LibraryQuery {
  query?: string;
  category?: string;
  level1?: Level1;
  limit?: number;
}

/**
 * Entries matching every word of the query (in name, description, value, basis, category, keywords),
 * name matches first, then by category and the 产出→效益→满意度 order.
 */
export function searchLibrary(file: LibraryFile, q: LibraryQuery): LibraryEntry[] {
  const words = (q.query ?? '').split(/[\s,，、]+/).map(fold).filter(Boolean);
  const categoryOrder = new Map(file.categories.map((c, i) => [c.name, i]));
  const hits: { entry: LibraryEntry; nameHit: boolean; index: number }[] = [];
  file.entries.forEach((entry, index) => {
    if (q.category !== undefined && entry.category !== q.category) return;
    if (q.level1 !== undefined && entry.level1 !== q.level1) return;
    const haystack = fold([entry.name, entry.desc, entry.value, entry.basis, entry.category, entry.level2, ...(entry.keywords ?? [])].join(' '));
    if (!words.every((w) => haystack.includes(w))) return;
    hits.push({ entry, nameHit: words.length > 0 && words.some((w) => fold(entry.name).includes(w)), index });
  });
  hits.sort(
    (a, b) =>
      Number(b.nameHit) - Number(a.nameHit) ||
      (categoryOrder.get(a.entry.category) ?? 999) - (categoryOrder.get(b.entry.category) ?? 999) ||
      treeRank(a.entry) - treeRank(b.entry) ||
      a.index - b.index,
  );
  return hits.slice(0, q.limit ?? 50).map((h) => h.entry);
}

/** Categories a project name points to (政府全会经费 → 会议培训), best match first. */
export function categoriesFor(file: LibraryFile, projectName: string): string[] {
  const name = fold(projectName);
  return file.categories
    .map((c, i) => ({ name: c.name, i, hits: c.keywords.filter((k) => name.includes(fold(k))).length }))
    .filter((c) => c.hits > 0)
    .sort((a, b) => b.hits - a.hits || a.i - b.i)
    .map((c) => c.name);
}

/**
 * Indicators to start a project with: the entries of the category given (or of the categories its name
 * points to), plus entries of any category whose own keywords appear in the name; 产出 first.
 */
export function suggestIndicators(file: LibraryFile, projectName: string, category?: string, limit = 30): LibraryEntry[] {
  const categories = category !== undefined ? [category] : categoriesFor(file, projectName);
  const name = fold(projectName);
  const rank = new Map(categories.map((c, i) => [c, i]));
  const picked = file.entries.filter((e) => rank.has(e.category) || (e.keywords ?? []).some((k) => name.includes(fold(k))));
  return picked
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => (rank.get(a.entry.category) ?? 99) - (rank.get(b.entry.category) ?? 99) || treeRank(a.entry) - treeRank(b.entry) || a.index - b.index)
    .slice(0, limit)
    .map((h) => h.entry);
}

import { namesEqual } from '../../../shared/reference/normalize.js';
import type { CodeEntry } from '../../../shared/reference/types.js';

export interface CodeListDiff {
  /** In the new list, not in the base. */
  added: { code: string; name: string }[];
  /** In the base, not in the new list. */
  removed: { code: string; name: string }[];
  /** Same code, a different name (differences of width, spaces or quote style alone do not count). */
  renamed: { code: string; from: string; to: string }[];
}

/** What changes when `next` replaces `base`, each part in code order. */
export function diffCodeLists(base: readonly CodeEntry[], next: readonly CodeEntry[]): CodeListDiff {
  const before = new Map(base.map((e) => [e.code, e.name]));
  const after = new Map(next.map((e) => [e.code, e.name]));
  const byCode = (a: { code: string }, b: { code: string }) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
  const added = [...after].filter(([code]) => !before.has(code)).map(([code, name]) => ({ code, name }));
  const removed = [...before].filter(([code]) => !after.has(code)).map(([code, name]) => ({ code, name }));
  const renamed = [...after]
    .filter(([code, name]) => before.has(code) && !namesEqual(before.get(code)!, name))
    .map(([code, to]) => ({ code, from: before.get(code)!, to }));
  return { added: added.sort(byCode), removed: removed.sort(byCode), renamed: renamed.sort(byCode) };
}

import type { FactQuery } from '../tables/schema.js';
import { dimension, type FactDimension } from '../tables/vocabulary.js';
import type { FactDims } from './facts.js';

/** A compiled filter over fact dimensions (shared/tables/vocabulary.ts). */
export type Pred = (f: FactDims) => boolean;

export type Filter = Record<string, string | string[]>;

const always: Pred = () => true;

/** One filter key as a predicate, by how its dimension matches (the vocabulary's `match`). */
function oneKey(key: string, raw: string | string[]): Pred {
  const values = Array.isArray(raw) ? raw : [raw];
  const dim = dimension(key);
  // validateTableSet() refuses unknown keys; a key that slipped through matches nothing rather than everything.
  if (!dim) return () => false;
  const field = key as FactDimension;
  switch (dim.match) {
    case 'hierarchical': {
      // 'general' matches 'general.nonTax.fee': a hierarchical value covers its descendants.
      const dotted = values.map((v) => `${v}.`);
      return (f) => {
        const v = f[field];
        for (let i = 0; i < values.length; i++) if (v === values[i] || v.startsWith(dotted[i]!)) return true;
        return false;
      };
    }
    case 'prefix':
      return (f) => {
        const v = f[field];
        for (const prefix of values) if (v.startsWith(prefix)) return true;
        return false;
      };
    case 'exact': {
      const set = new Set(values);
      return (f) => set.has(f[field]);
    }
  }
}

export function compileFilter(filter: Filter | undefined): Pred {
  if (!filter) return always;
  const parts = Object.entries(filter).map(([k, v]) => oneKey(k, v));
  if (parts.length === 0) return always;
  if (parts.length === 1) return parts[0]!;
  if (parts.length === 2) {
    const [a, b] = parts as [Pred, Pred];
    return (f) => a(f) && b(f);
  }
  return (f) => {
    for (const p of parts) if (!p(f)) return false;
    return true;
  };
}

/** A fact query with extra filters ANDed in (the body's filter, the row's code). */
export function compileQuery(query: FactQuery, ...extra: (Filter | undefined)[]): Pred {
  const measure = query.measure;
  const parts = [compileFilter(query.filter), ...extra.filter((e): e is Filter => e !== undefined).map(compileFilter)];
  return (f) => {
    if (f.measure !== measure) return false;
    for (const p of parts) if (!p(f)) return false;
    return true;
  };
}

export function anyOf(preds: Pred[]): Pred {
  if (preds.length === 1) return preds[0]!;
  return (f) => preds.some((p) => p(f));
}

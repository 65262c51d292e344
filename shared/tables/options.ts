import type { ColumnDef, TableDef } from './schema.js';
import { optionLists } from './vocabulary.js';

/**
 * An enum column that names a vocabulary list (`optionsFrom`) gets that list's values a clerk can pick
 * as its options, so the core's registry and the renderer's model tables offer the same values.
 */
export function resolveOptions(col: ColumnDef): ColumnDef {
  if (col.optionsFrom === undefined) return col;
  const { optionsFrom, ...rest } = col;
  const options = (optionLists[optionsFrom] ?? [])
    .filter((v) => v.pick !== false)
    .map((v) => (v.aliases ? { value: v.value, label: v.label, aliases: [...v.aliases] } : { value: v.value, label: v.label }));
  return { ...rest, options };
}

export function withResolvedOptions(t: TableDef): TableDef {
  return t.columns.some((c) => c.optionsFrom !== undefined) ? { ...t, columns: t.columns.map(resolveOptions) } : t;
}

import hunan2019jx from './sets/hunan-2019-jx.json' with { type: 'json' };
import { tableSetSchema, type TableDef, type TableSet } from './schema.js';

/** Built-in table sets. A new region or year is a new JSON file in ./sets, listed here. */
const builtIn: unknown[] = [hunan2019jx];

export const DEFAULT_TABLE_SET_ID = 'hunan-2019-jx';

export class TableSetRegistry {
  private readonly sets = new Map<string, TableSet>();

  constructor(extra: unknown[] = []) {
    for (const raw of [...builtIn, ...extra]) {
      const set = tableSetSchema.parse(raw);
      this.sets.set(set.id, set);
    }
  }

  list(): TableSet[] {
    return [...this.sets.values()];
  }

  get(id: string): TableSet | undefined {
    return this.sets.get(id);
  }

  table(setId: string, tableId: string): TableDef | undefined {
    return this.sets.get(setId)?.tables.find((t) => t.id === tableId);
  }
}

export function builtInTableSets(): unknown[] {
  return [...builtIn];
}

import districtProject2023 from './sets/district-2023-project.json' with { type: 'json' };
import hebeiCountyProject from './sets/hebei-county-project.json' with { type: 'json' };
import hunan2019jx from './sets/hunan-2019-jx.json' with { type: 'json' };
import hunan2020 from './sets/hunan-2020.json' with { type: 'json' };
import national9 from './sets/national-9.json' with { type: 'json' };
import { checkTableSet, type TableDef, type TableSet, type TableSetProblem } from './schema.js';

/** Built-in table sets. A new region or year is a new JSON file in ./sets, listed here. */
const builtIn: unknown[] = [hunan2019jx, hunan2020, national9, hebeiCountyProject, districtProject2023];

export const DEFAULT_TABLE_SET_ID = 'hunan-2019-jx';

/** A table set that cannot be used; `problems` says what to fix, `message` lists the first few. */
export class TableSetError extends Error {
  constructor(
    readonly setId: string,
    readonly problems: TableSetProblem[],
  ) {
    const shown = problems.slice(0, 10).map((p) => `  ${p.path}: ${p.message}`);
    const more = problems.length > shown.length ? [`  …另有 ${problems.length - shown.length} 处问题`] : [];
    super([`表格套“${setId}”有 ${problems.length} 处问题，未加载：`, ...shown, ...more].join('\n'));
    this.name = 'TableSetError';
  }
}

function setIdOf(raw: unknown): string {
  const id = (raw as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id : '(无编号)';
}

export class TableSetRegistry {
  private readonly sets = new Map<string, TableSet>();

  /** Refuses (throws TableSetError) any set with problems, and a second set with an id already taken. */
  constructor(extra: unknown[] = []) {
    for (const raw of [...builtIn, ...extra]) {
      const { set, problems } = checkTableSet(raw);
      if (!set || problems.length > 0) throw new TableSetError(setIdOf(raw), problems);
      if (this.sets.has(set.id)) {
        throw new TableSetError(set.id, [{ path: 'id', message: `表格套编号 ${set.id} 已被占用（内置或先加载的表格套）` }]);
      }
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

import districtProject2023 from './sets/district-2023-project.json' with { type: 'json' };
import hebeiCountyProject from './sets/hebei-county-project.json' with { type: 'json' };
import hunan2019jx from './sets/hunan-2019-jx.json' with { type: 'json' };
import hunan2020 from './sets/hunan-2020.json' with { type: 'json' };
import national9 from './sets/national-9.json' with { type: 'json' };
import modelBudget from './model/budget.json' with { type: 'json' };
import modelPerformance from './model/performance.json' with { type: 'json' };
import { withResolvedOptions } from './options.js';
import type { TableDef, TableSet } from './schema.js';
import { checkTableSet, type TableSetProblem } from './validate.js';

/** Built-in table sets. A new region or year is a new JSON file in ./sets, listed here. */
const builtIn: unknown[] = [hunan2019jx, hunan2020, national9, hebeiCountyProject, districtProject2023];

/**
 * Model tables: where entered facts live whatever layout shows them (budget facts, projects, indicators).
 * Same JSON shape as a table set; every workbook has them, and layouts point at them with `store`.
 * Each model document is a JSON file in ./model, listed here.
 */
const builtInModels: unknown[] = [modelBudget, modelPerformance];

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

function checked(raw: unknown): TableSet {
  const { set, problems } = checkTableSet(raw);
  if (!set || problems.length > 0) throw new TableSetError(setIdOf(raw), problems);
  return { ...set, tables: set.tables.map(withResolvedOptions) };
}

export class TableSetRegistry {
  private readonly sets = new Map<string, TableSet>();
  private readonly models = new Map<string, TableDef>();

  /** Refuses (throws TableSetError) any set with problems, and a second set with an id already taken. */
  constructor(extra: unknown[] = [], models: unknown[] = builtInModels) {
    for (const raw of models) for (const t of checked(raw).tables) this.models.set(t.id, t);
    for (const raw of [...builtIn, ...extra]) {
      const set = checked(raw);
      if (this.sets.has(set.id)) {
        throw new TableSetError(set.id, [{ path: 'id', message: `表格套编号 ${set.id} 已被占用（内置或先加载的表格套）` }]);
      }
      const strayStores = set.tables.filter((t) => t.store !== undefined && !this.models.has(t.store));
      if (strayStores.length > 0) {
        throw new TableSetError(
          set.id,
          strayStores.map((t) => ({ path: `tables(${t.id}).store`, message: `数据表 ${t.store} 不存在（应为模型表之一）` })),
        );
      }
      this.sets.set(set.id, set);
    }
  }

  /** Tables every workbook has, whatever its set: the entered facts behind the layouts. */
  modelTables(): TableDef[] {
    return [...this.models.values()];
  }

  list(): TableSet[] {
    return [...this.sets.values()];
  }

  get(id: string): TableSet | undefined {
    return this.sets.get(id);
  }

  /** A layout of the set, or else a model table. */
  table(setId: string, tableId: string): TableDef | undefined {
    return this.sets.get(setId)?.tables.find((t) => t.id === tableId) ?? this.models.get(tableId);
  }
}

export function builtInTableSets(): unknown[] {
  return [...builtIn];
}

import path from 'node:path';
import type { CheckContext, Dependency, PrintedLayout } from '../../shared/checks/context.js';
import { CheckRunner, rulesFor } from '../../shared/checks/engine.js';
import type { CheckFinding } from '../../shared/checks/rule.js';
import { FACT_TABLES } from '../../shared/derive/index.js';
import { PERF_TABLES } from '../../shared/perf/binding.js';
import { linkColumnsOf, projectsOf, type BudgetProject } from '../../shared/perf/budget-link.js';
import { lookupCode } from '../../shared/reference/index.js';
import type { Finding as PerfFinding } from '../../shared/perf/findings.js';
import { OwnerLintCache } from '../../shared/perf/lint.js';
import { NARRATIVE_TABLE } from '../../shared/narrative/store.js';
import type { TableRole } from '../../shared/tables/roles.js';
import type { TableSetRegistry } from '../../shared/tables/registry.js';
import type { GridRow } from '../../shared/workbook/types.js';
import type { Change } from '../../shared/api/contract.js';
import type { Committed } from './commit.js';
import { patchStoreRows, readStoreRows, storeOfTable, type StoreRows } from './store-rows.js';
import type { DerivedService } from './derived.js';
import type { NarrativeService } from './narrative.js';
import { layoutsByStore, lintWorkbook } from './perf/lint-runner.js';
import { storeOf } from './workbook/edits.js';
import type { Workbook } from './workbook/workbook.js';

const PERF_STORES = new Set<string>(Object.values(PERF_TABLES));
/** Where explanations of 需说明 findings are kept (a model table, so they undo, back up and export like any edit). */
export const CHECK_NOTES_TABLE = 'check-notes';

/**
 * Which rules an edit of `table` can change. Every rule reading the 绩效 tables depends on 'perf' (the text
 * rules too), so a 绩效 edit leaves the budget and 说明 checks alone; the 说明 text is read by text rules only.
 */
function dependencyOf(table: string): Dependency[] {
  if (table === '*meta') return ['budget', 'perf', 'text'];
  if (table === CHECK_NOTES_TABLE) return [];
  if (table === NARRATIVE_TABLE) return ['text'];
  return PERF_STORES.has(table) ? ['perf'] : ['budget', 'text'];
}

/** The budget projects the 绩效 tables' rows link to (by row id). */
function linkedProjects(wb: Workbook, rows: (store: string) => readonly GridRow[]): Set<string> {
  const ids = new Set<string>();
  for (const store of PERF_STORES) {
    const cols = linkColumnsOf(wb.table(store));
    if (!cols) continue;
    for (const r of rows(store)) {
      const id = (r.cells[cols.link] ?? '').trim();
      if (id !== '') ids.add(id);
    }
  }
  return ids;
}

/** The rows of `table` a change edited in place; null when rows were added, removed or moved (or the change is unknown: undo, redo). */
function editedRows(wb: Workbook, table: string, change: Change | undefined): string[] | null {
  const edits = (change?.edits ?? []).filter((e) => e.kind !== 'setMeta' && storeOfTable(wb, e.tableId) === table);
  if (edits.length === 0 || !edits.every((e) => e.kind === 'setCells')) return null;
  return edits.flatMap((e) => (e.kind === 'setCells' ? e.cells.map((c) => c.rowId) : []));
}

/** One workbook's checks: the runner (which keeps each rule's findings) and change counts per dependency. */
class Entry {
  readonly versions: Record<Dependency, number> = { budget: 0, perf: 0, text: 0 };
  /** The revision the versions account for; a change we were not told about makes every rule run again. */
  revision: number;
  findings: { revision: number; list: CheckFinding[] } | null = null;
  /**
   * Rows of the stores the derived tables do not read (绩效, 说明 …) as last read, and what changed in each
   * since: the ids of edited rows, or 'all'. Unchanged rows keep their objects, so per-row results are reused.
   */
  readonly storeRows = new Map<string, StoreRows>();
  readonly stale = new Map<string, Set<string> | 'all'>();
  /** The budget's projects as the 绩效 tables link them, at a budget change count. */
  projects: { version: number; list: BudgetProject[] } | null = null;
  /** The budget projects the 绩效 rows link to, at a 绩效 change count (a budget edit leaves them as they are). */
  linked: { version: number; ids: Set<string> } | null = null;
  /** The 绩效 lint's findings per project, reused for the projects an edit did not touch. */
  readonly perfCache = new OwnerLintCache();
  /**
   * The 绩效 lint's findings: the rules that read only the 绩效 tables, per change count of those; the few
   * that compare with the budget totals, per those totals too (a budget edit re-runs only these).
   */
  perfOwn: { key: string; findings: PerfFinding[] } | null = null;
  perfLinks: { key: string; findings: PerfFinding[] } | null = null;
  /** Both, as the rules read them: the same array while neither changed. */
  perfAll: { own: PerfFinding[]; links: PerfFinding[]; list: PerfFinding[] } | null = null;

  constructor(
    readonly workbookId: string,
    readonly setId: string,
    readonly runner: CheckRunner,
    revision: number,
  ) {
    this.revision = revision;
  }

  bump(deps: readonly Dependency[]): void {
    for (const d of deps) this.versions[d] += 1;
  }

  /** Every store changed (an unannounced change, a new revision we cannot account for). */
  bumpAll(): void {
    this.bump(['budget', 'perf', 'text']);
    for (const store of this.storeRows.keys()) this.stale.set(store, 'all');
  }

  /** A committed change touched `store`: `rows` are the ids it edited, null when rows came or went (or unknown). */
  touched(store: string, rows: readonly string[] | null): void {
    const before = this.stale.get(store);
    if (rows === null || before === 'all') this.stale.set(store, 'all');
    else this.stale.set(store, new Set([...(before ?? []), ...rows]));
    this.bump(dependencyOf(store));
  }

  /** A store's rows now, re-reading only what changed since they were last read. */
  rows(wb: Workbook, store: string): readonly GridRow[] {
    const kept = this.storeRows.get(store);
    const stale = this.stale.get(store);
    if (kept && stale === undefined) return kept.list;
    const next = (kept && stale instanceof Set && patchStoreRows(wb.db, store, kept, stale)) || readStoreRows(wb.db, store, kept);
    this.storeRows.set(store, next);
    this.stale.delete(store);
    return next.list;
  }
}

/**
 * The 审核 of every open workbook, kept current through the commit path: each committed change bumps
 * the dependencies it touched, and the next request re-runs only the rules reading those.
 */
export class ChecksService {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly derived: DerivedService,
    private readonly registry: TableSetRegistry,
    /** The 说明 page's renderer: the text rules check the same render the page shows, made once per revision. */
    private readonly narrative?: NarrativeService,
  ) {}

  noteChange({ wb, result, change }: Committed): void {
    const entry = this.entries.get(path.resolve(wb.path));
    if (!entry) return;
    if (entry.revision !== result.state.revision - 1) entry.bumpAll();
    else for (const t of result.tablesChanged) entry.touched(t, editedRows(wb, t, change));
    entry.revision = result.state.revision;
  }

  findings(wb: Workbook): CheckFinding[] {
    const meta = wb.meta();
    const key = path.resolve(wb.path);
    let entry = this.entries.get(key);
    if (!entry || entry.workbookId !== wb.workbookId() || entry.setId !== meta.tableSetId) {
      entry = new Entry(wb.workbookId(), meta.tableSetId, new CheckRunner(rulesFor(this.registry.get(meta.tableSetId))), wb.revision());
      this.entries.set(key, entry);
    }
    const revision = wb.revision();
    if (entry.findings?.revision === revision) return entry.findings.list;
    if (entry.revision !== revision) {
      entry.bumpAll();
      entry.revision = revision;
    }
    const list = entry.runner.run(this.context(wb, entry), entry.versions, this.explanations(wb));
    entry.findings = { revision, list };
    return list;
  }

  /** Explanations only change the findings' text, so they are read on every request. */
  private explanations(wb: Workbook): Map<string, string> {
    const map = new Map<string, string>();
    for (const r of wb.rows(CHECK_NOTES_TABLE)) if (r.cells.finding && r.cells.text) map.set(r.cells.finding, r.cells.text);
    return map;
  }

  /** What the rules read from `wb` now (tests and the CLI use it to run single rules). */
  context(wb: Workbook, entry?: Entry): CheckContext {
    const meta = wb.meta();
    const { set, lists, engine, base, rows: cachedRows } = this.derived.current(wb);
    const read = new Map<string, readonly GridRow[]>();
    const rows = (store: string): readonly GridRow[] => {
      const fromDerived = cachedRows(store);
      if (fromDerived) return fromDerived;
      if (entry) return entry.rows(wb, store);
      let r = read.get(store);
      if (!r) read.set(store, (r = wb.rows(store)));
      return r;
    };
    const layouts = layoutsByStore(set);
    const printed = (def: PrintedLayout['def']): PrintedLayout => ({ def, table: engine.table(def.id) });
    const derivedDefs = set.tables.filter((t) => engine.has(t.id));
    let perf: PerfFinding[] | null = null;
    const entered = set.tables.filter((t) => !engine.has(t.id)).map((t) => storeOf(t));
    const narrative = this.narrative;
    return {
      meta,
      set,
      lists,
      byRole: (role: TableRole) => {
        const def = derivedDefs.find((t) => t.role === role);
        return def ? printed(def) : null;
      },
      printed: () => derivedDefs.map(printed),
      sum: (query, prev) => engine.sum(query, prev),
      rows,
      textStores: () => [...new Set([...this.registry.modelTables().map((t) => t.id), ...entered])].filter((s) => s !== CHECK_NOTES_TABLE),
      layoutOf: (store) => layouts.get(store) ?? store,
      factIssues: () => base.issues,
      ...(entry && narrative ? { narrative: () => narrative.render(wb) } : {}),
      perf: (): PerfFinding[] => {
        if (perf) return perf;
        const version = entry?.versions.perf ?? -1;
        const hasBudget = rows(FACT_TABLES.lines).length > 0 || rows(FACT_TABLES.projects).length > 0;
        const basic = engine.sum({ measure: 'expense', filter: { nature: 'basic' } });
        const project = engine.sum({ measure: 'expense', filter: { nature: 'project' } });
        const budget = hasBudget ? { basic, project, total: basic.plus(project) } : null;
        const read = (store: string) => rows(store);
        const functions = lists.function;
        // 绩效 rows linked to a budget project show its figures, so the lint depends on those projects (and on
        // no other): without a link the budget's projects are not even summed.
        const linked = entry?.linked?.version === version ? entry.linked.ids : linkedProjects(wb, rows);
        if (entry) entry.linked = { version, ids: linked };
        const budgetVersion = entry?.versions.budget ?? -1;
        let projects: BudgetProject[] = [];
        if (linked.size > 0) {
          projects = entry?.projects?.version === budgetVersion ? entry.projects.list : projectsOf(base, (code) => (functions ? lookupCode(functions, code)?.name : undefined));
          if (entry) entry.projects = { version: budgetVersion, list: projects };
        }
        const ownKey = `${version}|${JSON.stringify(projects.filter((p) => linked.has(p.rowId)))}`;
        const linksKey = `${ownKey}|${hasBudget}|${basic.toFixed()}|${project.toFixed()}`;
        const own = entry?.perfOwn?.key === ownKey ? entry.perfOwn.findings : lintWorkbook(wb, set, projects, { budget, read, part: 'withoutBudget', ...(entry ? { cache: entry.perfCache } : {}) });
        let links = entry?.perfLinks?.key === linksKey ? entry.perfLinks.findings : lintWorkbook(wb, set, projects, { budget, read, part: 'budgetLinks' });
        // The same few findings after a budget edit: the last list, so the 绩效 rules see nothing changed.
        if (entry?.perfLinks && links !== entry.perfLinks.findings && JSON.stringify(links) === JSON.stringify(entry.perfLinks.findings)) links = entry.perfLinks.findings;
        if (!entry) return (perf = [...links, ...own]);
        entry.perfOwn = { key: ownKey, findings: own };
        entry.perfLinks = { key: linksKey, findings: links };
        if (entry.perfAll?.own !== own || entry.perfAll.links !== links) entry.perfAll = { own, links, list: [...links, ...own] };
        perf = entry.perfAll.list;
        return perf;
      },

    };
  }
}

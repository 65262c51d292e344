import { tableRoles, type TableRole } from '../tables/roles.js';
import type { TableSet } from '../tables/schema.js';
import type { CheckContext, Dependency } from './context.js';
import { compare, yoyRise } from './kinds/compare.js';
import { narrative } from './kinds/narrative.js';
import { perf } from './kinds/perf.js';
import { classificationLayouts, classRows, codeName, dataProblems, emptyNote, hierarchy, rounding, rowSum } from './kinds/tables.js';
import type { DerivedTable } from '../derive/types.js';
import { deptName, placeholders } from './kinds/text.js';
import { yoyChange } from './kinds/yoy.js';
import { ruleSchema, severities, type CheckDef, type CheckFinding, type Operand, type Rule } from './rule.js';
import { PERF_TABLES } from '../perf/binding.js';
import budgetRules from './rules/budget.json' with { type: 'json' };
import narrativeRules from './rules/narrative.json' with { type: 'json' };
import perfRules from './rules/perf.json' with { type: 'json' };
import { FindingSink } from './sink.js';

type Evaluator = (rule: Rule, check: never, ctx: CheckContext, out: FindingSink) => void;
/**
 * Everything a rule's findings are made from, as objects that are replaced, never changed (printed tables,
 * the fact issue list, the 绩效 lint's findings): when each is the one of the last run, so are the findings.
 */
type Reads = (check: never, ctx: CheckContext) => readonly unknown[];

const printedTables = (ctx: CheckContext): DerivedTable[] => ctx.printed().map((l) => l.table);
const classTables = (ctx: CheckContext): DerivedTable[] => classificationLayouts(ctx).map((l) => l.table);
type Of<K extends CheckDef['kind']> = Extract<CheckDef, { kind: K }>;

/** Each kind of check, with the data its result depends on (and, where cheap to name, the objects it reads). */
const KINDS: Record<CheckDef['kind'], { run: Evaluator; deps: Dependency[]; reads?: Reads }> = {
  compare: { run: compare, deps: ['budget', 'perf'] },
  rowSum: { run: rowSum, deps: ['budget'], reads: (c: Of<'rowSum'>, ctx) => [ctx.meta.moneyUnit, ctx.byRole(c.table)?.table] },
  hierarchy: { run: hierarchy, deps: ['budget'], reads: (_c, ctx) => [ctx.meta.moneyUnit, ...classTables(ctx)] },
  classRows: { run: classRows, deps: ['budget'], reads: (c: Of<'classRows'>, ctx) => [ctx.meta.moneyUnit, ctx.byRole(c.table)?.table, ctx.byRole(c.classTable)?.table] },
  emptyNote: { run: emptyNote, deps: ['budget'], reads: (_c, ctx) => [ctx.meta.year, ...printedTables(ctx)] },
  rounding: { run: rounding, deps: ['budget'], reads: (_c, ctx) => printedTables(ctx) },
  dataProblems: { run: dataProblems, deps: ['budget'], reads: (_c, ctx) => [ctx.factIssues(), ...printedTables(ctx)] },
  codeName: { run: codeName, deps: ['budget'], reads: (_c, ctx) => [ctx.meta.year, ctx.lists, ...classTables(ctx)] },
  placeholders: { run: placeholders, deps: ['budget', 'perf', 'text'] },
  deptName: { run: deptName, deps: ['perf', 'text'] },
  yoyRise: { run: yoyRise, deps: ['budget'] },
  yoyChange: { run: yoyChange, deps: ['budget'] },
  perf: { run: perf, deps: ['budget', 'perf'], reads: (_c, ctx) => [ctx.perf()] },
  narrative: { run: narrative, deps: ['budget', 'text'] },
};

function parseRules(raw: unknown[], where: string): Rule[] {
  return raw.map((r, i) => {
    const parsed = ruleSchema.safeParse(r);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`${where} 第 ${i + 1} 条审核规则格式错误：${issue?.path.join('.')} ${issue?.message}`);
    }
    return parsed.data;
  });
}

/** The rules shipped with the app (shared/checks/rules/*.json), in order. */
export const shippedRules: readonly Rule[] = parseRules([...budgetRules, ...perfRules, ...narrativeRules], '内置');

/** The rules a set checks with: the shipped ones it does not switch off, then its own. */
export function rulesFor(set: TableSet | undefined): Rule[] {
  const off = new Set(set?.checks?.off ?? []);
  const own = parseRules(set?.checks?.rules ?? [], `表格套“${set?.name ?? ''}”`);
  const ids = new Set(own.map((r) => r.id));
  return [...shippedRules.filter((r) => !off.has(r.id) && !ids.has(r.id)), ...own];
}

const perfStores = new Set<string>(Object.values(PERF_TABLES));

function operandDeps(op: Operand, into: Set<Dependency>): void {
  if ('sum' in op) for (const p of op.sum) operandDeps(p, into);
  else if ('store' in op) into.add(perfStores.has(op.store) ? 'perf' : 'budget');
  else into.add('budget');
}

const depsMemo = new WeakMap<Rule, Dependency[]>();

/** What a rule's result depends on: a comparison, by what its operands read (most read only budget figures). */
export function dependenciesOf(rule: Rule): Dependency[] {
  let deps = depsMemo.get(rule);
  if (!deps) {
    const c = rule.check;
    if (c.kind === 'compare' || c.kind === 'yoyRise') {
      const found = new Set<Dependency>();
      for (const op of c.kind === 'compare' ? [c.left, c.right] : [c.current, c.previous]) operandDeps(op, found);
      deps = [...found];
    } else deps = KINDS[c.kind].deps;
    depsMemo.set(rule, deps);
  }
  return deps;
}

const ORDER = Object.fromEntries(severities.map((s, i) => [s, i])) as Record<CheckFinding['severity'], number>;

/**
 * Runs one rule on its own (tests, --rules examples). A finding read from sums of facts names no cell; it
 * points at the tables the rule reads (by role), so the panel still opens where the figure is printed.
 */
export function runRule(rule: Rule, ctx: CheckContext): CheckFinding[] {
  const out = new FindingSink(rule);
  (KINDS[rule.check.kind].run as (r: Rule, c: CheckDef, x: CheckContext, o: FindingSink) => void)(rule, rule.check, ctx, out);
  const unplaced = out.items.filter((f) => f.cells.length === 0);
  if (unplaced.length === 0) return out.items;
  const tables = (rule.reads.tables ?? []).flatMap((role) => {
    const layout = (tableRoles as readonly string[]).includes(role) ? ctx.byRole(role as TableRole) : null;
    return layout ? [{ table: layout.def.id, row: null, column: null }] : [];
  });
  for (const f of unplaced) {
    f.cells = tables;
    f.table = tables[0]?.table ?? null;
  }
  return out.items;
}

/**
 * Runs a set's rules, keeping each rule's findings until the data it reads changes: `versions` counts
 * changes per dependency (the core bumps them on every committed change), so after one edit only the
 * rules reading what changed run again. Explanations are attached on the way out.
 */
export class CheckRunner {
  private readonly cache = new Map<string, { stamp: string; reads: readonly unknown[] | null; findings: CheckFinding[] }>();

  constructor(readonly rules: readonly Rule[]) {}

  run(ctx: CheckContext, versions: Record<Dependency, number>, explanations: ReadonlyMap<string, string> = new Map()): CheckFinding[] {
    // Errors first, then 需说明, then 提示; within a severity in rule order.
    const bySeverity: CheckFinding[][] = severities.map(() => []);
    for (const rule of this.rules) {
      const stamp = dependenciesOf(rule).map((d) => versions[d]).join(':');
      let entry = this.cache.get(rule.id);
      if (!entry || entry.stamp !== stamp) {
        // What it depends on changed; what it reads may not have (an edit elsewhere in the budget).
        const readsOf = KINDS[rule.check.kind].reads as ((c: CheckDef, x: CheckContext) => readonly unknown[]) | undefined;
        const reads = readsOf ? readsOf(rule.check, ctx) : null;
        entry = entry && reads && entry.reads && sameList(entry.reads, reads) ? { ...entry, stamp } : { stamp, reads, findings: runRule(rule, ctx) };
        this.cache.set(rule.id, entry);
      }
      for (const f of entry.findings) {
        const explanation = explanations.get(f.id);
        bySeverity[ORDER[f.severity]]!.push(explanation === undefined ? f : { ...f, explanation });
      }
    }
    return bySeverity.flat();
  }
}

function sameList(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

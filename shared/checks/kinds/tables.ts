import { Dec } from '../../money/decimal.js';
import { columnPath } from '../../derive/display.js';
import type { DerivedRow, DerivedTable } from '../../derive/types.js';
import type { CodeEntry, CodeKind, CodeList } from '../../reference/types.js';
import type { CheckContext, PrintedLayout } from '../context.js';
import { rowLabel, type Resolved } from '../operands.js';
import type { CheckDef, Rule } from '../rule.js';
import type { FindingInput, FindingSink } from '../sink.js';
import { fails, reportComparison } from './compare.js';

const list = (k: string | string[]): string[] => (Array.isArray(k) ? k : [k]);

/**
 * Findings of a rule that reads one printed table only, kept with that table object: the engine hands
 * back the same object while the table is unchanged, so after an edit only the tables it changed are checked.
 */
const perTable = new WeakMap<DerivedTable, Map<Rule, FindingInput[]>>();

function eachTable(rule: Rule, layouts: PrintedLayout[], out: FindingSink, check: (layout: PrintedLayout, add: (f: FindingInput) => void) => void): void {
  for (const layout of layouts) {
    let byRule = perTable.get(layout.table);
    if (!byRule) perTable.set(layout.table, (byRule = new Map()));
    let found = byRule.get(rule);
    if (!found) {
      const collected: FindingInput[] = [];
      check(layout, (f) => collected.push(f));
      byRule.set(rule, (found = collected));
    }
    for (const f of found) out.add(f);
  }
}

function figure(layout: PrintedLayout, row: DerivedRow, col: string, label: string): Resolved {
  return { value: new Dec(row.cells[col]?.value ?? 0), label, cells: [{ table: layout.def.id, row: row.key, column: col }], figures: 1 };
}

function rowName(row: DerivedRow): string {
  for (const k of ['name', 'item', 'incomeItem', 'funcItem']) {
    const t = row.cells[k]?.text.replace(/\s+/g, '');
    if (t) return t;
  }
  return row.key === 'total' ? '合计' : row.key;
}

function colName(layout: PrintedLayout, col: string): string {
  return columnPath(layout.def, col).replace(/\s+/g, '');
}

function sumOf(parts: Resolved[], label: string): Resolved {
  return {
    value: parts.reduce((a, p) => a.plus(p.value), new Dec(0)),
    label,
    cells: parts.flatMap((p) => p.cells),
    figures: parts.reduce((n, p) => n + p.figures, 0),
  };
}

/** Every row: the total column = Σ the part columns the layout has. */
export function rowSum(rule: Rule, check: Extract<CheckDef, { kind: 'rowSum' }>, ctx: CheckContext, out: FindingSink): void {
  const layout = ctx.byRole(check.table);
  if (!layout) return;
  eachTable(rule, [layout], out, (l, add) => {
    const has = (c: string) => l.table.columns.some((x) => x.key === c);
    const total = list(check.total).find(has);
    const parts = check.parts.filter(has);
    if (!total || parts.length < 2) return;
    for (const row of l.table.rows) {
      if (row.cells[total] === undefined) continue;
      // Kept with the row object, which the engine keeps while the row's figures stay.
      let byRule = rowMemo.get(row);
      if (!byRule) rowMemo.set(row, (byRule = new Map()));
      const key = `${l.def.id}|${ctx.meta.moneyUnit}|${total}|${parts.join(',')}`;
      let kept = byRule.get(rule);
      if (kept?.key !== key) {
        const found: FindingInput[] = [];
        const sum = parts.reduce((a, c) => a.plus(row.cells[c]?.value ?? 0), new Dec(0));
        if (fails(rule, new Dec(row.cells[total]!.value ?? 0), sum)) {
          const t = figure(l, row, total, `“${rowName(row)}”${colName(l, total)}`);
          const p = sumOf(parts.map((c) => figure(l, row, c, colName(l, c))), '各栏之和');
          reportComparison(rule, ctx.meta.moneyUnit, (f) => found.push(f), `${l.def.id}:${row.key}`, t, p);
        }
        byRule.set(rule, (kept = { key, found }));
      }
      for (const f of kept.found) add(f);
    }
  });
}

/** A row's findings of a rowSum rule, with what they were found with (layout, unit, columns). */
const rowMemo = new WeakMap<DerivedRow, Map<Rule, { key: string; found: FindingInput[] }>>();

const CLASS_LIST: Record<string, CodeKind> = { functionClass: 'function', economicClass: 'econDept', govEconomicClass: 'econGov' };

export function classificationLayouts(ctx: CheckContext): PrintedLayout[] {
  return ctx.printed().filter((l) => l.def.body.kind === 'derived' && l.def.body.rowsFrom in CLASS_LIST);
}

function moneyColumns(layout: PrintedLayout): string[] {
  return layout.def.columns.filter((c) => c.type === 'money' && !c.hidden).map((c) => c.key);
}

/**
 * One parent row's findings per money column, kept with the parent's row object: the engine keeps the
 * objects of rows an edit did not touch, so after an edit only the groups around the changed rows are
 * added up again.
 */
const groupMemo = new WeakMap<DerivedRow, Map<Rule, { def: PrintedLayout['def']; unit: string; kids: DerivedRow[]; cols: string[]; byCol: FindingInput[][] }>>();

function groupFindings(rule: Rule, ctx: CheckContext, layout: PrintedLayout, parent: DerivedRow, kids: DerivedRow[], cols: string[]): FindingInput[][] {
  let byRule = groupMemo.get(parent);
  if (!byRule) groupMemo.set(parent, (byRule = new Map()));
  const unit = ctx.meta.moneyUnit;
  const hit = byRule.get(rule);
  if (hit && hit.def === layout.def && hit.unit === unit && sameList(hit.kids, kids) && sameList(hit.cols, cols)) return hit.byCol;
  const byCol = cols.map((col) => {
    const found: FindingInput[] = [];
    const sum = kids.reduce((a, k) => a.plus(k.cells[col]?.value ?? 0), new Dec(0));
    if (!fails(rule, new Dec(parent.cells[col]?.value ?? 0), sum)) return found;
    const t = figure(layout, parent, col, `“${rowName(parent)}”${colName(layout, col)}`);
    const p = sumOf(kids.map((k) => figure(layout, k, col, rowName(k))), '下级各行之和');
    reportComparison(rule, unit, (f) => found.push(f), `${layout.def.id}:${parent.key}:${col}`, t, p);
    return found;
  });
  byRule.set(rule, { def: layout.def, unit, kids, cols, byCol });
  return byCol;
}

function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** 类 = Σ 款 = Σ 项 and 合计 = Σ 类, in every money column of every classification table. */
export function hierarchy(rule: Rule, _check: CheckDef, ctx: CheckContext, out: FindingSink): void {
  eachTable(rule, classificationLayouts(ctx), out, (layout, add) => {
    const rows = layout.table.rows.filter((r) => r.style !== 'section');
    const body = rows.filter((r) => r.key !== 'total');
    const groups: { parent: DerivedRow; kids: DerivedRow[] }[] = [];
    const topLevel = Math.min(...body.map((x) => x.level));
    const total = rows.find((r) => r.key === 'total');
    if (total && body.length > 0) groups.push({ parent: total, kids: body.filter((r) => r.level === topLevel) });
    body.forEach((r, i) => {
      const kids: DerivedRow[] = [];
      for (let j = i + 1; j < body.length && body[j]!.level > r.level; j += 1) if (body[j]!.level === r.level + 1) kids.push(body[j]!);
      if (kids.length > 0) groups.push({ parent: r, kids });
    });
    const cols = moneyColumns(layout);
    const found = groups.map(({ parent, kids }) => groupFindings(rule, ctx, layout, parent, kids, cols));
    // Column by column, as a reviewer reads the table (and as the findings were always ordered).
    cols.forEach((_col, c) => {
      for (const byCol of found) for (const f of byCol[c]!) add(f);
    });
  });
}

/** A fixed row's figure for one 功能分类 类 = that 类's row of the classification table. */
export function classRows(rule: Rule, check: Extract<CheckDef, { kind: 'classRows' }>, ctx: CheckContext, out: FindingSink): void {
  const layout = ctx.byRole(check.table);
  const classes = ctx.byRole(check.classTable);
  if (!layout || !classes || layout.def.body.kind !== 'fixed') return;
  const col = list(check.col).find((c) => layout.table.columns.some((x) => x.key === c));
  const classCol = list(check.classCol).find((c) => classes.table.columns.some((x) => x.key === c));
  if (!col || !classCol) return;
  for (const def of layout.def.body.rows) {
    const source = def.cells[col];
    if (typeof source !== 'object' || !('fact' in source)) continue;
    const filter = source.fact.filter ?? {};
    const code = filter.funcCode;
    if (Object.keys(filter).length !== 1 || typeof code !== 'string' || code.length !== 3) continue;
    const row = layout.table.rows.find((r) => r.key === def.key);
    if (!row) continue;
    const mine = figure(layout, row, col, `“${rowLabel(row.cells, col).replace(/^\d+、/, '')}”`);
    const other = classes.table.rows.find((r) => r.key === code);
    const theirs: Resolved = other
      ? figure(classes, other, classCol, `${classes.def.number}${code}类`)
      : { value: new Dec(0), label: `${classes.def.number}${code}类`, cells: [], figures: 0 };
    reportComparison(rule, ctx.meta.moneyUnit, (f) => out.add(f), `${layout.def.id}:${row.key}`, mine, theirs);
  }
}

const FUND_NAMES: Record<string, string> = {
  general: '一般公共预算',
  fund: '政府性基金',
  capital: '国有资本经营',
  specialAccount: '纳入专户管理的非税收入',
};

function fundOf(layout: PrintedLayout): string | undefined {
  if (layout.def.body.kind !== 'derived') return undefined;
  const f = layout.def.body.filter?.fundSource;
  const first = (Array.isArray(f) ? f[0] : f)?.split('.')[0];
  return first === undefined ? undefined : FUND_NAMES[first];
}

/** An empty table is still published with a note, and the note names the table's own fund. */
export function emptyNote(_rule: Rule, _check: CheckDef, ctx: CheckContext, out: FindingSink): void {
  const printed = ctx.printed();
  // Before any budget figure is entered every table is empty: nothing to explain yet.
  if (printed.every((l) => l.table.empty)) return;
  for (const layout of printed) {
    if (!layout.table.empty) continue;
    const where = `${layout.def.number}${layout.table.shortTitle ?? layout.table.title}`;
    const cells = [{ table: layout.def.id, row: null, column: null }];
    const note = layout.table.emptyNote ?? '';
    if (note === '') {
      out.add({ at: layout.def.id, cells, severity: '需说明', message: `${where}没有数据，公开时仍须保留此表并注明原因（如“本部门${ctx.meta.year}年无……，故本表为空表。”）；请说明为何为空。` });
      continue;
    }
    const fund = fundOf(layout);
    if (fund === undefined || note.includes(fund)) continue;
    const named = Object.values(FUND_NAMES).find((n) => note.includes(n));
    out.add({
      at: layout.def.id,
      cells,
      expected: `说明中写明“${fund}”`,
      actual: note,
      message: `${where}是${fund}的表，但空表说明写的是“${named ?? note}”：请改为“本部门${ctx.meta.year}年无${fund}预算拨款安排的支出，故本表为空表。”`,
    });
  }
}

/** The tables' own rounding hints: the printed parts of a total differ from it by rounding only. */
export function rounding(rule: Rule, _check: CheckDef, ctx: CheckContext, out: FindingSink): void {
  eachTable(rule, ctx.printed(), out, (layout, add) => {
    for (const h of layout.table.hints) {
      add({
        at: `${layout.def.id}:${h.rowKey}:${h.col}`,
        cells: [{ table: layout.def.id, row: h.rowKey, column: h.col }],
        expected: `${h.shown} ${layout.table.moneyUnit}`,
        actual: `${h.partsSum} ${layout.table.moneyUnit}`,
        message: `${layout.def.number}${layout.table.shortTitle ?? ''}：${h.message}`,
      });
    }
  });
}

/** Budget rows the facts cannot use and figures the tables cannot place; one finding per problem, naming every table. */
export function dataProblems(_rule: Rule, _check: CheckDef, ctx: CheckContext, out: FindingSink): void {
  const flagged = new Set(ctx.factIssues().map((i) => `${i.tableId}:${i.rowId}`));
  for (const issue of ctx.factIssues()) {
    out.add({ at: `${issue.tableId}:${issue.rowId}`, cells: [{ table: ctx.layoutOf(issue.tableId), row: issue.rowId, column: null }], message: `${issue.message}。请在预算数据中改正。` });
  }
  const byMessage = new Map<string, { layouts: PrintedLayout[]; cells: { table: string; row: string | null; column: string | null }[] }>();
  for (const layout of ctx.printed()) {
    for (const p of layout.table.problems) {
      // A row already reported as unusable is the cause; the table's consequence would be a second finding.
      if (p.sources && p.sources.length > 0 && p.sources.every((src) => flagged.has(`${src.tableId}:${src.rowId}`))) continue;
      const entry = byMessage.get(p.message) ?? { layouts: [], cells: [] };
      if (!entry.layouts.includes(layout)) entry.layouts.push(layout);
      entry.cells.push({ table: layout.def.id, row: p.rowKey ?? null, column: p.col ?? null });
      byMessage.set(p.message, entry);
    }
  }
  for (const [message, { layouts, cells }] of byMessage) {
    const where = layouts.map((l) => l.def.number || l.table.shortTitle || l.def.id).join('、');
    out.add({ at: `${cells[0]!.table}:${cells[0]!.row ?? ''}:${cells[0]!.column ?? ''}`, cells, message: `${where}：${message}` });
  }
}

/** Half- and full-width brackets are the same name: 维修(护)费 is 维修（护）费. */
function samePunctuation(name: string): string {
  return name.replace(/\s+/g, '').replace(/\(/g, '（').replace(/\)/g, '）');
}

/** A classification row's printed name is the year's list name (or a recorded variant) for its code. */
export function codeName(rule: Rule, _check: CheckDef, ctx: CheckContext, out: FindingSink): void {
  eachTable(rule, classificationLayouts(ctx), out, (layout, add) => {
    // An empty table prints its note instead of rows.
    if (layout.def.body.kind !== 'derived' || layout.table.empty) return;
    const codes = ctx.lists[CLASS_LIST[layout.def.body.rowsFrom]!];
    const nameCol = Object.entries(layout.def.body.columns).find(([, v]) => v === 'name')?.[0];
    if (!codes || !nameCol) return;
    const byCode = entriesByCode(codes);
    for (const row of layout.table.rows) {
      const entry = byCode.get(row.key);
      const printed = row.cells[nameCol]?.text.trim() ?? '';
      if (!entry || printed === '' || [entry.name, ...(entry.variants ?? [])].some((n) => samePunctuation(n) === samePunctuation(printed))) continue;
      const stale = entry.former?.includes(printed);
      add({
        at: `${layout.def.id}:${row.key}`,
        cells: [{ table: layout.def.id, row: row.key, column: nameCol }],
        expected: entry.name,
        actual: printed,
        message: `${layout.def.number}科目 ${row.key} 印作“${printed}”，${ctx.meta.year}年科目表中名称为“${entry.name}”${stale ? '（表中用的是旧名称）' : ''}。`,
      });
    }
  });
}

const byCodeCache = new WeakMap<CodeList, Map<string, CodeEntry>>();

function entriesByCode(list: CodeList): Map<string, CodeEntry> {
  let map = byCodeCache.get(list);
  if (!map) byCodeCache.set(list, (map = new Map(list.entries.map((e) => [e.code, e]))));
  return map;
}

import type { CheckContext } from '../context.js';
import type { CheckDef, Rule } from '../rule.js';
import type { FindingSink } from '../sink.js';
import { narrativePlaceholders } from './narrative.js';
import type { GridRow } from '../../workbook/types.js';

type Check<K extends CheckDef['kind']> = Extract<CheckDef, { kind: K }>;

/** The placeholder each cell of a row holds, kept with the row object (unchanged rows keep theirs across edits). */
const placeholderMemo = new WeakMap<object, Map<string, [string, string][]>>();

function placeholdersIn(row: GridRow, pattern: RegExp, key: string): [string, string][] {
  let byPattern = placeholderMemo.get(row);
  if (!byPattern) placeholderMemo.set(row, (byPattern = new Map()));
  let found = byPattern.get(key);
  if (!found) {
    found = [];
    for (const [column, text] of Object.entries(row.cells)) {
      if (typeof text !== 'string' || text === '' || /^[\d.-]+$/.test(text)) continue;
      const m = pattern.exec(text);
      if (m) found.push([column, m[0]]);
    }
    byPattern.set(key, found);
  }
  return found;
}

/** Entered text still holding a placeholder (XX, ××, 待填写 …): one finding per placeholder text, naming every place. */
type Place = { row: string; column: string; text: string };

/**
 * A store's placeholders, kept per store and pattern with the rows array they were found in: a new array
 * (one row edited) is compared row by row, and only rows that are new objects are looked at again.
 */
const storeMemo = new Map<string, { rows: readonly GridRow[]; perRow: Place[][]; all: Place[] }>();

function placeholdersOfStore(store: string, rows: readonly GridRow[], pattern: RegExp, key: string): Place[] {
  const memoKey = `${store}\u0000${key}`;
  const before = storeMemo.get(memoKey);
  if (before?.rows === rows) return before.all;
  // Rows in the same places, and the new ones as free of placeholders as the ones they replace: the same lists.
  if (before !== undefined && before.rows.length === rows.length) {
    let same = true;
    for (let i = 0; same && i < rows.length; i++) {
      const row = rows[i]!;
      const was = before.rows[i]!;
      if (was !== row) same = was.id === row.id && before.perRow[i]!.length === 0 && placeholdersIn(row, pattern, key).length === 0;
    }
    if (same) {
      storeMemo.set(memoKey, { ...before, rows });
      return before.all;
    }
  }
  const perRow = rows.map((row, i) =>
    before && before.rows[i] === row ? before.perRow[i]! : placeholdersIn(row, pattern, key).map(([column, text]) => ({ row: row.id, column, text })),
  );
  const all = perRow.flat();
  storeMemo.set(memoKey, { rows, perRow, all });
  return all;
}

export function placeholders(_rule: Rule, check: Check<'placeholders'>, ctx: CheckContext, out: FindingSink): void {
  if (check.in === 'narrative') {
    narrativePlaceholders(check, ctx, out);
    return;
  }
  const key = check.patterns.join('|');
  const pattern = new RegExp(key);
  const found = new Map<string, { table: string; row: string; column: string }[]>();
  for (const store of ctx.textStores()) {
    for (const { row, column, text } of placeholdersOfStore(store, ctx.rows(store), pattern, key)) {
      found.set(text, [...(found.get(text) ?? []), { table: ctx.layoutOf(store), row, column }]);
    }
  }
  for (const [text, cells] of found) {
    out.add({
      at: text,
      cells,
      actual: text,
      message: `有 ${cells.length} 处文字仍是占位内容“${text}”，请填写实际内容后再公开。`,
    });
  }
}

/**
 * The department typed into tables is written one way throughout. A consistent short form (政府办) is how
 * the seeds print it and is accepted; two spellings are not: each one other than the 单位名称 is reported.
 */
export function deptName(_rule: Rule, check: Check<'deptName'>, ctx: CheckContext, out: FindingSink): void {
  const full = ctx.meta.deptName.replace(/\s+/g, '');
  const places = new Map<string, { table: string; row: string; column: string }[]>();
  for (const { store, column } of check.fields) {
    for (const row of ctx.rows(store)) {
      const text = row.cells[column]?.replace(/\s+/g, '') ?? '';
      if (text !== '') places.set(text, [...(places.get(text) ?? []), { table: ctx.layoutOf(store), row: row.id, column }]);
    }
  }
  if (places.size < 2) return;
  const names = [...places.keys()];
  for (const [text, cells] of places) {
    if (text === full) continue;
    const others = names.filter((n) => n !== text).map((n) => `“${n}”`).join('、');
    out.add({
      at: text,
      cells,
      expected: ctx.meta.deptName,
      actual: text,
      message: `单位名称有 ${cells.length} 处写作“${text}”，另有写作${others}的；全文的单位名称应一致，请统一为“${ctx.meta.deptName}”。`,
    });
  }
}

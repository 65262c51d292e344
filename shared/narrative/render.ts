import { canonical, Dec, toUnit, type Dec as Decimal } from '../money/decimal.js';
import type { NarrativeSection } from '../print/document.js';
import type { DerivedTable } from '../derive/types.js';
import type { TableRole } from '../tables/roles.js';
import type { FactQuery, MoneyUnit } from '../tables/schema.js';
import type { GridRow, WorkbookMeta } from '../workbook/types.js';
import type { NarrativeField, NarrativeParagraph, NarrativeSectionDef, NarrativeTemplate } from './schema.js';
import { NARRATIVE_TABLE, storedSections, type StoredNarrative } from './store.js';
import { hasBold, paragraphText, parseRichText, type RichRun } from './richtext.js';
import { splitSentences } from './text.js';

/** What the narrative reads from one workbook: the same sums and rows the tables and the checks read. */
export interface NarrativeSource {
  meta: WorkbookMeta;
  /** Σ of the budget facts matching `query`, in 元; `prev` sums 上年预算数. */
  sum(query: FactQuery, prev?: boolean): Decimal;
  rows(store: string): readonly GridRow[];
  /** The name of a 支出功能分类 code in the year's list. */
  className(code: string): string | undefined;
  /** The set's printed table of this role (derived, kept current after each edit); null when the set has none. */
  table(role: TableRole): DerivedTable | null;
}

export type FieldKind = 'money' | 'change' | 'share' | 'count' | 'text';

/** One figure of a sentence as the data gives it: what the text must say there. */
export interface FieldUse {
  field: string;
  kind: FieldKind;
  /** 元 for money and change, percent for share, null when not entered. */
  value: Decimal | null;
  /** As printed: "508.93 万元", "减少 2.59 万元", "12.5%". */
  shown: string;
  /** The words printed just before the figure ("一般公共预算拨款"), by which it is found in rewritten text. */
  anchor: string;
  /** change fields: the changes of the parts (三公 sub-items), when all are known. */
  parts?: Decimal[];
  /** change fields: the sentence must give a 主要原因 for a change; `reasonText` is the one the clerk gave. */
  reason?: boolean;
  reasonText?: string;
  /** change fields: last year's figure. */
  previous?: Decimal | null;
  /** change fields: this year's and last year's field, and the changes of the parts, by name. */
  of?: [string, string];
  partFields?: { name: string; of: [string, string] | null }[];
}

export interface NarrativeSentence {
  /** Stable: section/paragraph[@item]#n, or section/p<n>#n in a section kept as written. */
  key: string;
  text: string;
  /** The sentence as the data gives it now; null in a section kept as written. */
  generated: string | null;
  /** The clerk rewrote it: kept as written and checked against `fields`. */
  edited: boolean;
  fields: FieldUse[];
}

export interface RenderedParagraph {
  key: string;
  sentences: NarrativeSentence[];
  /** A paragraph kept as written with words in bold: its runs (the sentences hold its plain text). */
  runs?: RichRun[];
}

export interface RenderedSection {
  key: string;
  /** With its number: 四、部门收支总体情况. */
  heading: string;
  title: string;
  kind: 'generated' | 'free' | 'imported';
  /** The section's text is kept as written (free text entered, or an imported section). */
  stored: boolean;
  paragraphs: RenderedParagraph[];
  /** Kept sections: every sentence the template could say now, whatever its condition (to check the text against). */
  template: NarrativeSentence[];
}

export interface RenderedNarrative {
  unit: MoneyUnit;
  sections: RenderedSection[];
}

const NO_EDITS: StoredNarrative = { sentences: new Map(), reasons: new Map(), sections: new Map() };
const HEADING_NUMBERS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五'];
const TOKEN = /\{([a-zA-Z][a-zA-Z0-9]*(?:\.[a-zA-Z]+)?)\}/g;
const META = new Set(['year', 'prevYear', 'deptName', 'scope', 'index', 'item.name', 'item.amount']);
const BOUNDARY = /[，。；：、,;:（）()]/;
export const PLACEHOLDER = '待填写';

type Value =
  | { kind: 'money' | 'change' | 'share'; value: Decimal | null; parts?: Decimal[]; previous?: Decimal | null }
  | { kind: 'count'; text: string | null }
  | { kind: 'text'; text: string | null }
  | { kind: 'items'; items: { name: string; value: Decimal }[] };

/** A money figure as the 说明 prints it: at most 2 decimals, no trailing zeros ("60 万元", "6.6 万元"). */
export function moneyText(value元: Decimal, unit: MoneyUnit): string {
  return `${canonical(toUnit(value元, unit).toDecimalPlaces(2, Dec.ROUND_HALF_UP))} ${unit}`;
}

function changeText(v: Decimal, unit: MoneyUnit): string {
  const shown = toUnit(v, unit).toDecimalPlaces(2, Dec.ROUND_HALF_UP);
  if (shown.isZero()) return '持平';
  return `${shown.isNegative() ? '减少' : '增加'} ${moneyText(v.abs(), unit)}`;
}

const sameDec = (a: Decimal | null | undefined, b: Decimal | null | undefined): boolean =>
  a === null || a === undefined || b === null || b === undefined ? (a ?? null) === (b ?? null) : a === b || a.eq(b);

/** Whether two field values print the same: then the last render's value object is kept. */
function sameValue(a: Value, b: Value): boolean {
  if (a.kind === 'items' || b.kind === 'items') {
    if (a.kind !== 'items' || b.kind !== 'items') return false;
    return a.items.length === b.items.length && a.items.every((it, i) => it.name === b.items[i]!.name && it.value.eq(b.items[i]!.value));
  }
  if (a.kind === 'count' || a.kind === 'text' || b.kind === 'count' || b.kind === 'text') return a.kind === b.kind && 'text' in a && 'text' in b && a.text === b.text;
  if (a.kind !== b.kind) return false;
  const [pa, pb] = [a.parts, b.parts];
  return sameDec(a.value, b.value) && sameDec(a.previous, b.previous) && (pa === undefined || pb === undefined ? pa === pb : pa.length === pb.length && pa.every((d, i) => d.eq(pb[i]!)));
}

const keyIndex = new WeakMap<DerivedTable, Map<string, DerivedTable['rows'][number]>>();

/** A printed table's rows by key (a table object does not change: the engine makes a new one after an edit). */
function rowsByKey(table: DerivedTable): Map<string, DerivedTable['rows'][number]> {
  let index = keyIndex.get(table);
  if (!index) {
    index = new Map();
    for (const r of table.rows) if (!index.has(r.key)) index.set(r.key, r);
    keyIndex.set(table, index);
  }
  return index;
}

/**
 * A `sum` field from its parts' values: parts not entered count as none, unless none is entered (政府采购
 * with no 品目 entered is unknown); a part to subtract that is not entered leaves the sum unknown.
 */
export function sumField(def: { sum: readonly string[]; minus?: readonly string[] | undefined }, money: (field: string) => Decimal | null): Decimal | null {
  let total = new Dec(0);
  let any = false;
  for (const n of def.sum) {
    const v = money(n);
    if (v === null) continue;
    any = true;
    total = total.plus(v);
  }
  if (!any) return null;
  for (const n of def.minus ?? []) {
    const v = money(n);
    if (v === null) return null;
    total = total.minus(v);
  }
  return total;
}

/**
 * Field values of one workbook, computed once per render (every sentence using a field reads the same value).
 * A value equal to the last render's is that render's object, so "same field values" is a test of identity.
 */
class FieldValues {
  private readonly cache = new Map<string, Value>();
  private readonly info: Map<string, GridRow['cells']>;
  /** The fields read since `track()`, with their values (what a paragraph's text depends on). */
  private reads: [string, Value][] | null = null;

  constructor(
    private readonly template: NarrativeTemplate,
    private readonly source: NarrativeSource,
    private readonly previous: ReadonlyMap<string, Value> = new Map(),
  ) {
    this.info = new Map(source.rows('fact-info').map((r) => [r.id, r.cells]));
  }

  get(name: string): Value {
    let v = this.cache.get(name);
    if (!v) {
      const def = this.template.fields[name];
      if (!def) throw new Error(`说明模板引用了未定义的字段 ${name}`);
      v = this.compute(def);
      const before = this.previous.get(name);
      if (before && sameValue(before, v)) v = before;
      this.cache.set(name, v);
    }
    this.reads?.push([name, v]);
    return v;
  }

  /** Every value computed in this render (the next render's `previous`). */
  all(): ReadonlyMap<string, Value> {
    return this.cache;
  }

  track(): void {
    this.reads = [];
  }

  untrack(): [string, Value][] {
    const reads = this.reads ?? [];
    this.reads = null;
    return reads;
  }

  money(name: string): Decimal | null {
    const v = this.get(name);
    return v.kind === 'money' || v.kind === 'change' || v.kind === 'share' ? v.value : null;
  }

  private compute(def: NarrativeField): Value {
    if ('fact' in def) return { kind: 'money', value: this.source.sum(def.fact, def.prev ?? false) };
    if ('table' in def) {
      const table = this.source.table(def.table);
      const cell = table ? rowsByKey(table).get(def.row)?.cells[def.col] : undefined;
      return { kind: 'money', value: cell ? new Dec(cell.value ?? 0) : null };
    }
    if ('info' in def) {
      const text = this.info.get(def.info)?.[def.col];
      const entered = text !== undefined && text !== '' ? text : null;
      if (def.col === 'amount') return { kind: 'money', value: entered === null ? null : new Dec(entered) };
      return def.col === 'count' ? { kind: 'count', text: entered } : { kind: 'text', text: entered };
    }
    if ('sum' in def) return { kind: 'money', value: sumField(def, (n) => this.money(n)) };
    if ('change' in def) {
      const [now, before] = def.change.map((n) => this.money(n));
      const parts = (def.parts ?? []).map((n) => this.money(n));
      const value = now === null || now === undefined || before === null || before === undefined ? null : now.minus(before);
      return { kind: 'change', value, previous: before ?? null, ...(parts.length > 0 && parts.every((p) => p !== null) ? { parts: parts as Decimal[] } : {}) };
    }
    if ('share' in def) {
      const [part, total] = def.share.map((n) => this.money(n));
      const value = part == null || total == null || total.isZero() ? null : part.div(total).mul(100);
      return { kind: 'share', value };
    }
    if ('units' in def) {
      const units = this.source.rows('fact-units');
      const subordinate = units.filter((u) => u.cells.kind === 'subordinate' || u.cells.kind === '下属单位');
      return def.units === 'count' ? { kind: 'count', text: String(subordinate.length) } : { kind: 'text', text: units.map((u) => u.cells.name ?? '').join('、') || null };
    }
    if ('items' in def) {
      const items: { name: string; value: Decimal }[] = [];
      for (const it of def.items) {
        const value = this.money(it.amount);
        if (value === null) continue;
        const named = it.labelField ? this.get(it.labelField) : null;
        items.push({ name: named && named.kind === 'text' && named.text ? named.text : it.label, value });
      }
      return { kind: 'items', items };
    }
    return { kind: 'items', items: this.classes() };
  }

  /** Spending per 支出功能分类 类: the 类 rows of the 部门支出总表 (or, in a set without one, the facts by 功能科目). */
  private classes(): { name: string; value: Decimal }[] {
    const expense = this.source.table('expense');
    if (expense) {
      return expense.rows
        .filter((r) => /^\d{3}$/.test(r.key) && r.cells.total?.value)
        .map((r) => ({ name: this.source.className(r.key) ?? r.cells.name?.text ?? r.key, value: new Dec(r.cells.total!.value!) }))
        .filter((c) => !c.value.isZero());
    }
    const codes = new Set<string>();
    for (const store of ['fact-lines', 'fact-projects']) {
      for (const r of this.source.rows(store)) {
        const code = r.cells.funcCode ?? '';
        if (/^\d{3}/.test(code)) codes.add(code.slice(0, 3));
      }
    }
    return [...codes]
      .sort()
      .map((code) => ({ name: this.source.className(code) ?? code, value: this.source.sum({ measure: 'expense', filter: { funcCode: code } }) }))
      .filter((c) => !c.value.isZero());
  }

  holds(name: string, is: 'zero' | 'nonzero' | 'present' | 'absent'): boolean {
    const v = this.get(name);
    const present = v.kind === 'items' ? v.items.length > 0 : v.kind === 'count' || v.kind === 'text' ? v.text !== null : v.value !== null;
    if (is === 'present') return present;
    if (is === 'absent') return !present;
    const zero = v.kind === 'items' ? v.items.length === 0 || v.items.every((x) => x.value.isZero()) : v.kind === 'count' || v.kind === 'text' ? v.text === null || v.text === '0' : v.value === null || v.value.isZero();
    return is === 'zero' ? zero : !zero;
  }

  changeDef(name: string): Extract<NarrativeField, { change: unknown }> | null {
    const def = this.template.fields[name];
    return def !== undefined && 'change' in def ? def : null;
  }

  partsOf(names: readonly string[]): { name: string; of: [string, string] | null }[] {
    return names.map((n) => ({ name: n, of: this.changeDef(n)?.change ?? null }));
  }

  reason(name: string): boolean {
    const def = this.template.fields[name];
    return def !== undefined && 'change' in def && def.reason === true;
  }
}

/** The template text split into sentences, each ending with its 。 (the last may have none). */
function templateSentences(text: string): string[] {
  return splitSentences(text);
}

interface Item {
  id: string;
  index: number;
  name: string;
  amount: Decimal;
}

/** A reason as printed after its change: "，主要原因是：厉行节约", or as the clerk phrased it ("，基本持平"). */
function reasonText(reason: string | undefined): string {
  if (reason === undefined) return `，主要原因是：${PLACEHOLDER}`;
  return /原因|持平/.test(reason) ? `，${reason}` : `，主要原因是：${reason}`;
}

function renderSentence(template: string, key: string, values: FieldValues, meta: WorkbookMeta, unit: MoneyUnit, item: Item | null, reasons: ReadonlyMap<string, string>): NarrativeSentence {
  let text = '';
  const fields: FieldUse[] = [];
  let last = 0;
  // The anchor of a field: what was printed since the previous field or the last boundary mark.
  let sinceField = '';
  const anchorOf = (): string => {
    const parts = sinceField.split(BOUNDARY);
    return (parts[parts.length - 1] ?? '').replace(/\s+/g, '').replace(/^.*\d{4}年度?/, '');
  };
  for (const m of template.matchAll(TOKEN)) {
    const literal = template.slice(last, m.index);
    text += literal;
    sinceField += literal;
    last = m.index + m[0].length;
    const name = m[1]!;
    if (META.has(name)) {
      const shown =
        name === 'year' ? String(meta.year)
        : name === 'prevYear' ? String(meta.year - 1)
        : name === 'deptName' ? meta.deptName
        : name === 'scope' ? meta.scope
        : name === 'index' ? String(item?.index ?? '')
        : name === 'item.name' ? (item?.name ?? '')
        : '';
      if (name === 'item.amount' && item) {
        const shownAmount = moneyText(item.amount, unit);
        fields.push({ field: `item:${item.id}`, kind: 'money', value: item.amount, shown: shownAmount, anchor: anchorOf() });
        text += shownAmount;
        sinceField = '';
        continue;
      }
      text += shown;
      sinceField += shown;
      continue;
    }
    const v = values.get(name);
    let shown: string;
    if (v.kind === 'items') {
      shown = v.items.length === 0 ? PLACEHOLDER : v.items.map((c) => `${c.name} ${moneyText(c.value, unit)}`).join('、');
      for (const c of v.items) fields.push({ field: `${name}:${c.name}`, kind: 'money', value: c.value, shown: moneyText(c.value, unit), anchor: c.name });
    } else if (v.kind === 'count' || v.kind === 'text') {
      shown = v.text ?? PLACEHOLDER;
      if (v.kind === 'count') fields.push({ field: name, kind: 'count', value: v.text === null ? null : new Dec(v.text), shown, anchor: anchorOf() });
    } else if (v.value === null) {
      shown = PLACEHOLDER;
      const def = v.kind === 'change' ? values.changeDef(name) : null;
      fields.push({ field: name, kind: v.kind, value: null, shown, anchor: anchorOf(), ...(def ? { of: def.change, ...(def.parts ? { partFields: values.partsOf(def.parts) } : {}) } : {}) });
    } else {
      shown = v.kind === 'money' ? moneyText(v.value, unit) : v.kind === 'share' ? `${canonical(v.value.toDecimalPlaces(1, Dec.ROUND_HALF_UP))}%` : changeText(v.value, unit);
      const use: FieldUse = { field: name, kind: v.kind, value: v.value, shown, anchor: anchorOf() };
      if (v.kind === 'change') {
        const def = values.changeDef(name);
        use.previous = v.previous ?? null;
        if (def) {
          use.of = def.change;
          if (def.parts) use.partFields = values.partsOf(def.parts);
        }
        if (v.parts) use.parts = v.parts;
        if (values.reason(name)) {
          use.reason = true;
          const given = reasons.get(`${key}|${name}`);
          if (given !== undefined) use.reasonText = given;
          if (shown !== '持平') shown += reasonText(given);
        }
      }
      fields.push(use);
    }
    text += shown;
    sinceField = v.kind === 'text' ? sinceField + shown : '';
  }
  text += template.slice(last);
  return { key, text, generated: text, edited: false, fields };
}

function projectItems(source: NarrativeSource, fundSource: string | undefined): Item[] {
  return source
    .rows('fact-projects')
    .filter((p) => fundSource === undefined || (p.cells.fundSource ?? '') === fundSource || (p.cells.fundSource ?? '').startsWith(`${fundSource}.`))
    .map((p, i) => ({ id: p.id, index: i + 1, name: p.cells.name ?? '', amount: new Dec(p.cells.amount || '0') }));
}

/** A paragraph as last rendered, with everything it was rendered from. */
interface KeptParagraph {
  key: string;
  def: NarrativeParagraph;
  /** The fields its sentences read, with the values they had. */
  reads: [string, Value][];
  /** Per sentence: the clerk's text and the 主要原因 given (what `stored` held for it). */
  stored: string[];
  item: Item | null;
  out: RenderedParagraph;
}

/**
 * What one render keeps for the next, one per workbook: field values, paragraphs and sections. After an
 * edit only the paragraphs whose field values, project or kept text changed are written again, and an
 * unchanged paragraph or section comes back as the same object (the text checks keep their findings with it).
 */
export class NarrativeMemo {
  /** What every kept piece was rendered with: another template, year, name or unit and nothing is reused. */
  scope: { template: NarrativeTemplate; key: string } | null = null;
  values: ReadonlyMap<string, Value> = new Map();
  paragraphs = new Map<string, KeptParagraph>();
  /** Paragraphs repeated per project, with the project rows and the kept text (`storedKey`) they were made from. */
  lists = new Map<string, { def: NarrativeParagraph; rows: readonly GridRow[]; stored: string; kept: KeptParagraph[] }>();
  kept = new Map<string, { text: string; out: RenderedParagraph[] }>();
  sections = new Map<string, RenderedSection>();
}

/** One render: the last render's pieces (`before`) and what this one keeps for the next (`next`). */
interface Pass {
  values: FieldValues;
  source: NarrativeSource;
  unit: MoneyUnit;
  stored: StoredNarrative;
  /** What the clerk wrote into the 说明, as one string: equal strings, same sentences and reasons kept. */
  storedKey: string;
  /** The 主要原因 given, by sentence key. */
  reasons: Map<string, string[]>;
  before: NarrativeMemo | null;
  next: NarrativeMemo;
}

const sentencesOf = new Map<string, string[]>();

/** The template text split into sentences (a template has a few dozen texts: kept once split). */
function templateSentencesOf(text: string): string[] {
  let list = sentencesOf.get(text);
  if (!list) {
    if (sentencesOf.size > 1000) sentencesOf.clear();
    sentencesOf.set(text, (list = templateSentences(text)));
  }
  return list;
}

const sameItem = (a: Item | null, b: Item | null): boolean => (a === null || b === null ? a === b : a.id === b.id && a.index === b.index && a.name === b.name && a.amount.eq(b.amount));

const paragraphKey = (section: NarrativeSectionDef, p: NarrativeParagraph, item: Item | null, all: boolean): string =>
  `${section.key}/${p.key}${item ? `@${item.id}` : ''}${all ? '*' : ''}`;

/** A paragraph's sentences from the data; `all` ignores its condition (what a kept text may say, for checking it). */
function renderParagraph(p: NarrativeParagraph, section: NarrativeSectionDef, pass: Pass, all = false): RenderedParagraph[] {
  if (!all && p.when && !pass.values.holds(p.when.field, p.when.is)) return [];
  if (!p.each) return [renderOne(p, section, pass, all, null).out];
  // A paragraph per project: the whole list comes back while the projects' rows and what the clerk wrote stay as they were.
  const rows = pass.source.rows('fact-projects');
  const listKey = paragraphKey(section, p, null, all);
  const last = pass.before?.lists.get(listKey);
  if (last && last.def === p && last.rows === rows && last.stored === pass.storedKey && last.kept.every((k) => k.reads.every(([name, v]) => pass.values.get(name) === v))) {
    pass.next.lists.set(listKey, last);
    for (const k of last.kept) pass.next.paragraphs.set(k.key, k);
    return last.kept.map((k) => k.out);
  }
  const kept = projectItems(pass.source, p.each.fundSource).map((item) => renderOne(p, section, pass, all, item));
  pass.next.lists.set(listKey, { def: p, rows, stored: pass.storedKey, kept });
  return kept.map((k) => k.out);
}

/** One paragraph (of one project, in a list): the last render's while its fields, project and kept text are the same. */
function renderOne(p: NarrativeParagraph, section: NarrativeSectionDef, pass: Pass, all: boolean, item: Item | null): KeptParagraph {
  const { values, source, unit } = pass;
  const stored = all ? NO_EDITS : pass.stored;
  const texts = templateSentencesOf(p.text);
  const paraKey = item ? `${section.key}/${p.key}@${item.id}` : `${section.key}/${p.key}`;
  const key = paragraphKey(section, p, item, all);
  const kept = all
    ? []
    : texts.flatMap((_t, i) => {
        const sentence = `${paraKey}#${i}`;
        return [stored.sentences.get(sentence) ?? '\u0000', (pass.reasons.get(sentence) ?? []).join('\u0000')];
      });
  const last = pass.before?.paragraphs.get(key);
  if (last && last.def === p && sameItem(last.item, item) && last.stored.every((t, i) => t === kept[i]) && last.reads.every(([name, v]) => values.get(name) === v)) {
    pass.next.paragraphs.set(key, last);
    return last;
  }
  values.track();
  const sentences = texts.map((t, i) => {
    const s = renderSentence(t, `${paraKey}#${i}`, values, source.meta, unit, item, stored.reasons);
    const edited = stored.sentences.get(s.key);
    return edited !== undefined && edited !== s.text ? { ...s, text: edited, edited: true } : s;
  });
  const made: KeptParagraph = { key, def: p, reads: values.untrack(), stored: kept, item, out: { key: paraKey, sentences } };
  pass.next.paragraphs.set(key, made);
  return made;
}

/**
 * Paragraphs of text kept as written (free text, an imported section; stored form: ./richtext.ts), split into
 * sentences of plain text for checking; a paragraph with bold words keeps its runs for the editor and the export.
 */
export function keptParagraphs(sectionKeyText: string, text: string): RenderedParagraph[] {
  return parseRichText(text).map((runs, n) => ({
    key: `${sectionKeyText}/p${n + 1}`,
    sentences: splitSentences(paragraphText(runs)).map((s, i) => ({ key: `${sectionKeyText}/p${n + 1}#${i}`, text: s, generated: null, edited: false, fields: [] })),
    ...(hasBold(runs) ? { runs } : {}),
  }));
}

/**
 * The 说明 of a workbook now: each section of the template with its figures from the data, except what
 * the clerk wrote (a sentence rewritten, a free section) or imported (a section as last year's document
 * says it), which is kept as written. Sections without a paragraph to print are left out.
 */
export function renderNarrative(template: NarrativeTemplate, source: NarrativeSource, memo?: NarrativeMemo): RenderedNarrative {
  const unit = source.meta.moneyUnit;
  const { year, deptName, scope } = source.meta;
  const key = JSON.stringify([year, deptName, scope, unit]);
  const before = memo?.scope?.template === template && memo.scope.key === key ? memo : null;
  const next = new NarrativeMemo();
  next.scope = { template, key };
  const values = new FieldValues(template, source, before?.values);
  const storedRows = source.rows(NARRATIVE_TABLE);
  const stored = storedSections(storedRows);
  const reasons = new Map<string, string[]>();
  for (const [k, text] of stored.reasons) {
    const at = k.lastIndexOf('|');
    const sentence = k.slice(0, at);
    reasons.set(sentence, [...(reasons.get(sentence) ?? []), `${k.slice(at + 1)}=${text}`]);
  }
  const pass: Pass = { values, source, unit, stored, storedKey: JSON.stringify(storedRows.map((r) => r.cells)), reasons, before, next };
  const keptText = (sectionKey: string, text: string): RenderedParagraph[] => {
    const last = before?.kept.get(sectionKey);
    const out = last?.text === text ? last.out : keptParagraphs(sectionKey, text);
    next.kept.set(sectionKey, { text, out });
    return out;
  };
  const out: Omit<RenderedSection, 'heading'>[] = [];
  for (const def of template.sections) {
    const kept = stored.sections.get(def.key);
    const live = kept === undefined ? def.paragraphs.flatMap((p) => renderParagraph(p, def, pass)) : [];
    const templateSentences = kept === undefined ? [] : def.paragraphs.flatMap((p) => renderParagraph(p, def, pass, true)).flatMap((p) => p.sentences);
    const kind = def.kind === 'free' ? 'free' : kept !== undefined ? 'imported' : 'generated';
    const paragraphs = kept !== undefined ? keptText(def.key, kept.text) : live;
    if (paragraphs.length === 0) continue;
    out.push({ key: def.key, title: def.title, kind, stored: kept !== undefined, paragraphs, template: templateSentences });
  }
  const known = new Set(template.sections.map((d) => d.key));
  for (const extra of [...stored.sections.values()].filter((x) => !known.has(x.key))) {
    out.push({ key: extra.key, title: extra.heading, kind: 'imported', stored: true, paragraphs: keptText(extra.key, extra.text), template: [] });
  }
  const sections = out.map((s, i) => {
    const section: RenderedSection = { ...s, heading: `${HEADING_NUMBERS[i] ?? String(i + 1)}、${s.title}` };
    const last = before?.sections.get(s.key);
    const same =
      last !== undefined &&
      last.heading === section.heading &&
      last.title === section.title &&
      last.kind === section.kind &&
      last.stored === section.stored &&
      sameList(last.paragraphs, section.paragraphs) &&
      sameList(last.template, section.template);
    next.sections.set(s.key, same ? last : section);
    return same ? last : section;
  });
  next.values = values.all();
  if (memo) Object.assign(memo, next);
  return { unit, sections };
}

/** A 部门基本情况 amount of the next year's workbook: `rowId` of fact-info, `amount` in 元. */
export interface NextYearInfo {
  rowId: string;
  amount: string;
}

/** The money value of each template field over one workbook's data (null where not entered). */
export function fieldMoney(template: NarrativeTemplate, source: NarrativeSource): (field: string) => Decimal | null {
  const values = new FieldValues(template, source);
  return (field) => values.money(field);
}

/**
 * What this year's figures give the next year's 部门基本情况 as its 上年 amounts: for each `change` field
 * of the template whose last-year side is a 基本情况 amount (上年“三公”经费 items, 上年机关运行经费), this
 * year's figure of the same field (`money`: from a workbook's data, fieldMoney, or from a published file's
 * printed cells). The template's own pairs decide which figures move, so a set's new 同比 sentence needs
 * no code here.
 */
export function nextYearInfo(template: NarrativeTemplate, money: (field: string) => Decimal | null): NextYearInfo[] {
  const out = new Map<string, string>();
  for (const def of Object.values(template.fields)) {
    if (!('change' in def)) continue;
    const [now, last] = def.change;
    const lastDef = template.fields[last];
    if (!lastDef || !('info' in lastDef) || lastDef.col !== 'amount' || out.has(lastDef.info)) continue;
    const value = money(now);
    if (value !== null) out.set(lastDef.info, canonical(value));
  }
  return [...out].map(([rowId, amount]) => ({ rowId, amount }));
}

const sameList = <T>(a: readonly T[], b: readonly T[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/** The 说明 as the document prints it: headings and paragraphs, with the runs of those that have bold words. */
export function narrativeDocument(n: RenderedNarrative): NarrativeSection[] {
  return n.sections.map((s) => {
    const section: NarrativeSection = { heading: s.heading, paragraphs: s.paragraphs.map((p) => p.sentences.map((x) => x.text).join('')) };
    if (s.paragraphs.some((p) => p.runs)) section.runs = s.paragraphs.map((p) => p.runs ?? null);
    return section;
  });
}

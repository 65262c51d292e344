import { canonical, Dec, toUnit, type Dec as Decimal } from '../money/decimal.js';
import type { NarrativeSection } from '../print/document.js';
import type { DerivedTable } from '../derive/types.js';
import type { TableRole } from '../tables/roles.js';
import type { FactQuery, MoneyUnit } from '../tables/schema.js';
import type { GridRow, WorkbookMeta } from '../workbook/types.js';
import type { NarrativeField, NarrativeParagraph, NarrativeSectionDef, NarrativeTemplate } from './schema.js';
import { NARRATIVE_TABLE, storedSections, type StoredNarrative } from './store.js';
import { splitParagraphs, splitSentences } from './text.js';

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

/** Field values of one workbook, computed once per render (every sentence using a field reads the same value). */
class FieldValues {
  private readonly cache = new Map<string, Value>();
  private readonly info: Map<string, GridRow['cells']>;

  constructor(
    private readonly template: NarrativeTemplate,
    private readonly source: NarrativeSource,
  ) {
    this.info = new Map(source.rows('fact-info').map((r) => [r.id, r.cells]));
  }

  get(name: string): Value {
    let v = this.cache.get(name);
    if (!v) {
      const def = this.template.fields[name];
      if (!def) throw new Error(`说明模板引用了未定义的字段 ${name}`);
      v = this.compute(def);
      this.cache.set(name, v);
    }
    return v;
  }

  money(name: string): Decimal | null {
    const v = this.get(name);
    return v.kind === 'money' || v.kind === 'change' || v.kind === 'share' ? v.value : null;
  }

  private compute(def: NarrativeField): Value {
    if ('fact' in def) return { kind: 'money', value: this.source.sum(def.fact, def.prev ?? false) };
    if ('table' in def) {
      const cell = this.source.table(def.table)?.rows.find((r) => r.key === def.row)?.cells[def.col];
      return { kind: 'money', value: cell ? new Dec(cell.value ?? 0) : null };
    }
    if ('info' in def) {
      const text = this.info.get(def.info)?.[def.col];
      const entered = text !== undefined && text !== '' ? text : null;
      if (def.col === 'amount') return { kind: 'money', value: entered === null ? null : new Dec(entered) };
      return def.col === 'count' ? { kind: 'count', text: entered } : { kind: 'text', text: entered };
    }
    if ('sum' in def) {
      // Parts not entered count as none, unless none is entered (政府采购 with no 品目 entered is unknown).
      let total = new Dec(0);
      let any = false;
      for (const n of def.sum) {
        const v = this.money(n);
        if (v === null) continue;
        any = true;
        total = total.plus(v);
      }
      if (!any) return { kind: 'money', value: null };
      for (const n of def.minus ?? []) {
        const v = this.money(n);
        if (v === null) return { kind: 'money', value: null };
        total = total.minus(v);
      }
      return { kind: 'money', value: total };
    }
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

/** A paragraph's sentences from the data; `all` ignores its condition (what a kept text may say, for checking it). */
function renderParagraph(p: NarrativeParagraph, section: NarrativeSectionDef, values: FieldValues, source: NarrativeSource, unit: MoneyUnit, stored: StoredNarrative, all = false): RenderedParagraph[] {
  if (!all && p.when && !values.holds(p.when.field, p.when.is)) return [];
  const items: (Item | null)[] = p.each ? projectItems(source, p.each.fundSource) : [null];
  return items.map((item) => {
    const paraKey = item ? `${section.key}/${p.key}@${item.id}` : `${section.key}/${p.key}`;
    const sentences = templateSentences(p.text).map((t, i) => {
      const s = renderSentence(t, `${paraKey}#${i}`, values, source.meta, unit, item, stored.reasons);
      const kept = stored.sentences.get(s.key);
      return kept !== undefined && kept !== s.text ? { ...s, text: kept, edited: true } : s;
    });
    return { key: paraKey, sentences };
  });
}

/** Paragraphs of text kept as written (free text, an imported section), split into sentences for checking. */
export function keptParagraphs(sectionKeyText: string, text: string): RenderedParagraph[] {
  return splitParagraphs(text).map((para, n) => ({
    key: `${sectionKeyText}/p${n + 1}`,
    sentences: splitSentences(para).map((s, i) => ({ key: `${sectionKeyText}/p${n + 1}#${i}`, text: s, generated: null, edited: false, fields: [] })),
  }));
}

/**
 * The 说明 of a workbook now: each section of the template with its figures from the data, except what
 * the clerk wrote (a sentence rewritten, a free section) or imported (a section as last year's document
 * says it), which is kept as written. Sections without a paragraph to print are left out.
 */
export function renderNarrative(template: NarrativeTemplate, source: NarrativeSource): RenderedNarrative {
  const unit = source.meta.moneyUnit;
  const values = new FieldValues(template, source);
  const stored = storedSections(source.rows(NARRATIVE_TABLE));
  const out: Omit<RenderedSection, 'heading'>[] = [];
  for (const def of template.sections) {
    const kept = stored.sections.get(def.key);
    const live = kept === undefined ? def.paragraphs.flatMap((p) => renderParagraph(p, def, values, source, unit, stored)) : [];
    const templateSentences = kept === undefined ? [] : def.paragraphs.flatMap((p) => renderParagraph(p, def, values, source, unit, NO_EDITS, true)).flatMap((p) => p.sentences);
    const kind = def.kind === 'free' ? 'free' : kept !== undefined ? 'imported' : 'generated';
    const paragraphs = kept !== undefined ? keptParagraphs(def.key, kept.text) : live;
    if (paragraphs.length === 0) continue;
    out.push({ key: def.key, title: def.title, kind, stored: kept !== undefined, paragraphs, template: templateSentences });
  }
  const known = new Set(template.sections.map((d) => d.key));
  for (const extra of [...stored.sections.values()].filter((x) => !known.has(x.key))) {
    out.push({ key: extra.key, title: extra.heading, kind: 'imported', stored: true, paragraphs: keptParagraphs(extra.key, extra.text), template: [] });
  }
  return { unit, sections: out.map((s, i) => ({ ...s, heading: `${HEADING_NUMBERS[i] ?? String(i + 1)}、${s.title}` })) };
}

/** The 说明 as the document prints it: headings and paragraphs. */
export function narrativeDocument(n: RenderedNarrative): NarrativeSection[] {
  return n.sections.map((s) => ({ heading: s.heading, paragraphs: s.paragraphs.map((p) => p.sentences.map((x) => x.text).join('')) }));
}

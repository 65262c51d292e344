import { Dec, type Dec as Decimal } from '../money/decimal.js';
import type { MoneyUnit } from '../tables/schema.js';
import type { WorkbookMeta } from '../workbook/types.js';
import { moneyText, PLACEHOLDER, type FieldUse, type NarrativeSentence, type RenderedNarrative, type RenderedParagraph, type RenderedSection } from './render.js';
import { squashText } from './text.js';

/**
 * The text checks of the 说明 (DOMAIN.md §6.11, §6.13), on generated, rewritten and imported text alike.
 * Sentences the data generated and nobody touched say the data by construction, so only their wording is
 * checked; a rewritten sentence is checked against the figures its template sentence holds; a section kept
 * as written (imported, free text) is matched sentence by sentence to the template's sentences by wording,
 * and checked against those. Every issue names the sentence it is about.
 */

export const textTests = ['amount', 'partsChange', 'reason', 'unitYuan', 'repeat', 'staleYear', 'deptName'] as const;
export type TextTest = (typeof textTests)[number];

export interface TextIssue {
  test: TextTest;
  /** The sentence's key (shared/narrative/render.ts) and its section's heading. */
  sentence: string;
  heading: string;
  /** Distinguishes issues of one test in one sentence. */
  at: string;
  message: string;
  expected?: string;
  actual?: string;
  difference?: string;
}

const FACTOR: Record<string, number> = { 元: 1, 万元: 10000, 万: 10000, 亿元: 100000000 };
const NUMBER = String.raw`(-?\d[\d,]*(?:\.\d+)?)`;
const MONEY_AFTER = new RegExp(String.raw`^[^。；，]{0,12}?${NUMBER}(亿元|万元|元)`);
const CHANGE_AFTER = new RegExp(String.raw`^[^。；]{0,12}?(增加|增长|上升|提高|减少|下降|降低|基本持平|持平)(?:了)?(?:${NUMBER}(亿元|万元|元))?`);
const SHARE_AFTER = new RegExp(String.raw`^[^。；，]{0,12}?${NUMBER}[%％]`);
const COUNT_AFTER = new RegExp(String.raw`^[^。；，]{0,6}?${NUMBER}`);
const CHANGE_WITH_FIGURE = /(增加|增长|上升|提高|减少|下降|降低)了?\s*\d/;
const REASON = /原因|由于|因为|主要是|主要用于|系因|源于|用于/;
const REPEAT = /([\u4e00-\u9fff]{2,6})[\u4e00-\u9fff]?\1|([，。；、：])\2/;
const YEAR_USE = /(\d{4})年度?(?=年初|部门预算|预算安排|预算数|本部门|本单位|“三公”|"三公"|公务用车购置数|一般公共预算|政府性基金|年初预算)/g;
const YEAR_OK_BEFORE = /(比|较|上年|截止|截至|同|与|于|为)$/;

/** A figure of the text, in 元 for money (its unit as written), or a number. */
interface TextFigure {
  value: Decimal;
  unit: string;
  /** Shown decimals, for the rounding the text allows itself. */
  decimals: number;
  raw: string;
  end: number;
}

function num(raw: string): Decimal {
  return new Dec(raw.replace(/,/g, ''));
}

function decimalsOf(raw: string): number {
  const dot = raw.indexOf('.');
  return dot < 0 ? 0 : raw.length - dot - 1;
}

/** The figure after `pos` in squashed text for a field of this kind; null where none stands there. */
function figureAt(text: string, pos: number, kind: FieldUse['kind']): TextFigure | null {
  const rest = text.slice(pos);
  if (kind === 'change') {
    const m = CHANGE_AFTER.exec(rest);
    if (!m) return null;
    const word = m[1]!;
    const end = pos + m[0].length;
    if (word.endsWith('持平')) return { value: new Dec(0), unit: '', decimals: 2, raw: word, end };
    if (m[2] === undefined) return null;
    const sign = /减少|下降|降低/.test(word) ? -1 : 1;
    return { value: num(m[2]).mul(sign).mul(FACTOR[m[3]!]!), unit: m[3]!, decimals: decimalsOf(m[2]), raw: `${word}${m[2]}${m[3]}`, end };
  }
  if (kind === 'money') {
    const m = MONEY_AFTER.exec(rest);
    if (!m) return null;
    return { value: num(m[1]!).mul(FACTOR[m[2]!]!), unit: m[2]!, decimals: decimalsOf(m[1]!), raw: `${m[1]}${m[2]}`, end: pos + m[0].length };
  }
  if (kind === 'share') {
    const m = SHARE_AFTER.exec(rest);
    return m ? { value: num(m[1]!), unit: '%', decimals: decimalsOf(m[1]!), raw: `${m[1]}%`, end: pos + m[0].length } : null;
  }
  const m = COUNT_AFTER.exec(rest);
  return m ? { value: num(m[1]!), unit: '', decimals: decimalsOf(m[1]!), raw: m[1]!, end: pos + m[0].length } : null;
}

/** The figure of a field: after the first occurrence of its anchor from `from` that is followed by one. */
function figureAfter(text: string, anchor: string, kind: FieldUse['kind'], from: number): TextFigure | null {
  if (anchor === '') return null;
  for (let at = text.indexOf(anchor, from); at >= 0; at = text.indexOf(anchor, at + 1)) {
    const fig = figureAt(text, at + anchor.length, kind);
    if (fig) return fig;
  }
  return null;
}

/** What a printed figure may differ from the exact value by: its own rounding, at most to 2 decimals. */
function tolerance(f: TextFigure, kind: FieldUse['kind']): Decimal {
  const d = Math.min(Math.max(f.decimals, 0), 2);
  const step = new Dec(10).pow(-Math.max(d, kind === 'share' ? 1 : 2)).div(2);
  const loose = new Dec(10).pow(-d).div(2);
  // A whole number ("60 万元") is read as exact to 2 decimals; a share to the decimals it shows.
  const half = kind === 'share' ? loose : step;
  return kind === 'money' || kind === 'change' ? half.mul(FACTOR[f.unit] ?? 1) : half;
}

function shownValue(v: Decimal, kind: FieldUse['kind'], unit: MoneyUnit): string {
  if (kind === 'money') return moneyText(v, unit);
  if (kind === 'change') {
    const r = v.div(FACTOR[unit]!).toDecimalPlaces(2, Dec.ROUND_HALF_UP);
    return r.isZero() ? '持平' : `${r.isNegative() ? '减少' : '增加'} ${moneyText(v.abs(), unit)}`;
  }
  if (kind === 'share') return `${v.toDecimalPlaces(1, Dec.ROUND_HALF_UP).toFixed()}%`;
  return v.toFixed();
}

/** Character pairs of a text without figures: how a kept sentence is matched to its template sentence. */
function pairs(text: string): Set<string> {
  const t = squashText(text).replace(/[\d.,%％]+/g, '');
  const out = new Set<string>();
  for (let i = 0; i + 1 < t.length; i += 1) out.add(t.slice(i, i + 2));
  return out;
}

function bestTemplate(sentence: string, candidates: readonly NarrativeSentence[], memo: Map<NarrativeSentence, Set<string>>): NarrativeSentence | null {
  const mine = pairs(sentence);
  let best: NarrativeSentence | null = null;
  let bestScore = 0.5;
  for (const c of candidates) {
    if (c.fields.length === 0) continue;
    let theirs = memo.get(c);
    if (!theirs) memo.set(c, (theirs = pairs(c.generated ?? c.text)));
    if (theirs.size === 0) continue;
    let common = 0;
    for (const p of theirs) if (mine.has(p)) common += 1;
    const score = common / Math.max(theirs.size, mine.size);
    if (score > bestScore) {
      best = c;
      bestScore = score;
    }
  }
  return best;
}

function levenshtein(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i += 1) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}

/** Spellings of the department that miss the cover's name by one or two characters. */
function nameSlips(text: string, name: string): string[] {
  if (name.length < 6) return [];
  const out = new Set<string>();
  const head = name.slice(0, 2);
  for (let i = text.indexOf(head); i >= 0; i = text.indexOf(head, i + 1)) {
    if (text.startsWith(name, i)) continue;
    let best: { d: number; s: string } | null = null;
    for (let len = name.length - 2; len <= name.length + 2; len += 1) {
      const s = text.slice(i, i + len);
      if (s.length !== len) continue;
      const d = levenshtein(s, name);
      if (best === null || d < best.d || (d === best.d && Math.abs(len - name.length) < Math.abs(best.s.length - name.length))) best = { d, s };
    }
    if (best && best.d >= 1 && best.d <= 2) out.add(best.s);
  }
  return [...out];
}

interface Checked {
  section: RenderedSection;
  sentence: NarrativeSentence;
  /** Squashed text of the sentence. */
  text: string;
  /** The template sentence whose figures the text must give (itself when generated, null when unknown). */
  against: NarrativeSentence | null;
  /** Generated and untouched: its figures are the data's. */
  live: boolean;
}

/** An issue of one sentence before its section's heading and the sentence are put in front of the message. */
type Found = { test: TextTest; at: string; message: string; extra?: Partial<TextIssue> };

/**
 * What the checks found in a sentence or paragraph, kept with its object: the renderer hands back the same
 * objects for what an edit did not change, so after an edit only the changed sentences are read again.
 * Each entry carries what else it depends on (the template sentence it was matched to, the year, the name).
 */
const squashed = new WeakMap<NarrativeSentence, string>();
const figuresMemo = new WeakMap<NarrativeSentence, { against: NarrativeSentence; found: { f: FieldUse; fig: TextFigure }[] }>();
const wordingMemo = new WeakMap<NarrativeSentence, { key: string; found: Found[] }>();
const reasonMemo = new WeakMap<RenderedParagraph, { change: RegExpExecArray | null; found: Found | null }>();
const sectionMemo = new WeakMap<RenderedSection, { key: string; issues: TextIssue[] }>();

function squashedText(s: NarrativeSentence): string {
  let t = squashed.get(s);
  if (t === undefined) squashed.set(s, (t = squashText(s.text)));
  return t;
}

/** The figures a sentence gives for the fields of the template sentence it is checked against. */
function sentenceFigures(c: Checked & { against: NarrativeSentence }): { f: FieldUse; fig: TextFigure }[] {
  const kept = figuresMemo.get(c.sentence);
  if (kept?.against === c.against) return kept.found;
  const found: { f: FieldUse; fig: TextFigure }[] = [];
  let cursor = 0;
  for (const f of c.against.fields) {
    const fig = figureAfter(c.text, squashText(f.anchor), f.kind, cursor) ?? figureAfter(c.text, squashText(f.anchor), f.kind, 0);
    if (!fig) continue;
    cursor = fig.end;
    found.push({ f, fig });
  }
  figuresMemo.set(c.sentence, { against: c.against, found });
  return found;
}

/** Wording of one sentence: repeated words, 元 for 万元, a stale year, a misspelt department. */
function sentenceWording(c: Checked, unit: MoneyUnit, meta: Pick<WorkbookMeta, 'year' | 'deptName'>, scope: string): Found[] {
  const key = `${scope}|${c.against === null}|${c.live}`;
  const kept = wordingMemo.get(c.sentence);
  if (kept?.key === key) return kept.found;
  const found: Found[] = [];
  const repeat = REPEAT.exec(c.text);
  if (repeat) found.push({ test: 'repeat', at: repeat[0], message: `中“${repeat[0]}”有重复的字词，请删去多余的部分。`, extra: { actual: repeat[0] } });
  if (unit === '万元' && c.against === null && !c.live) {
    for (const m of c.text.matchAll(/(\d+\.\d+)元/g)) {
      if (c.text[m.index - 1] === '万' || c.text[m.index - 1] === '亿') continue;
      found.push({ test: 'unitYuan', at: m[0], message: `中“${m[0]}”以元为单位，而本说明以万元为单位，请核对是否应为“${m[1]}万元”。`, extra: { actual: m[0], expected: `${m[1]}万元` } });
    }
  }
  for (const m of c.text.matchAll(YEAR_USE)) {
    const y = Number(m[1]);
    if (y === meta.year || YEAR_OK_BEFORE.test(c.text.slice(0, m.index))) continue;
    found.push({ test: 'staleYear', at: m[1]!, message: `写的是 ${y} 年，本说明是 ${meta.year} 年的预算：年份应为 ${meta.year} 年（上年数据请写“上年”或“比${meta.year - 1}年”）。`, extra: { expected: String(meta.year), actual: String(y) } });
  }
  for (const slip of nameSlips(c.text, meta.deptName.replace(/\s+/g, ''))) {
    found.push({ test: 'deptName', at: slip, message: `中的单位名称写作“${slip}”，与封面“${meta.deptName}”不一致，请统一。`, extra: { expected: meta.deptName, actual: slip } });
  }
  wordingMemo.set(c.sentence, { key, found });
  return found;
}

/** A paragraph that states a change: whether it gives a 主要原因 (a placeholder is none). */
function paragraphReason(p: RenderedParagraph): { change: RegExpExecArray | null; found: Found | null } {
  const kept = reasonMemo.get(p);
  if (kept) return kept;
  const text = squashText(p.sentences.map((s) => s.text).join(''));
  const change = CHANGE_WITH_FIGURE.exec(text);
  let found: Found | null = null;
  if (change && !text.includes('基本持平')) {
    const reason = REASON.exec(text);
    if (!reason) found = { test: 'reason', at: 'missing', message: `写了${change[1]}，但没有说明主要原因；请写明“主要原因是……”（持平则不需要）。` };
    else if (text.slice(reason.index).replace(/[：:，,。是]/g, '').startsWith(`${reason[0]}${PLACEHOLDER}`)) found = { test: 'reason', at: 'placeholder', message: `的主要原因还是“${PLACEHOLDER}”，请写明${change[1]}的主要原因。` };
  }
  const result = { change, found };
  reasonMemo.set(p, result);
  return result;
}

export function analyseNarrative(n: RenderedNarrative, meta: Pick<WorkbookMeta, 'year' | 'deptName'>): TextIssue[] {
  const memo = new Map<NarrativeSentence, Set<string>>();
  const key = JSON.stringify([n.unit, meta.year, meta.deptName]);
  return n.sections.flatMap((section) => {
    const kept = sectionMemo.get(section);
    if (kept?.key === key) return kept.issues;
    const issues = sectionIssues(section, n.unit, meta, key, memo);
    sectionMemo.set(section, { key, issues });
    return issues;
  });
}

/** The issues of one section: they depend on its text, its template sentences, the unit, year and name only. */
function sectionIssues(section: RenderedSection, unit: MoneyUnit, meta: Pick<WorkbookMeta, 'year' | 'deptName'>, scope: string, memo: Map<NarrativeSentence, Set<string>>): TextIssue[] {
  const issues: TextIssue[] = [];
  const add = (c: Checked, test: TextTest, at: string, message: string, extra: Partial<TextIssue> = {}): void => {
    issues.push({ test, sentence: c.sentence.key, heading: c.section.heading, at, message: `${c.section.heading}：“${clip(c.sentence.text)}”${message}`, ...extra });
  };

  const checked: Checked[] = [];
  /** Each paragraph's first sentence as checked. */
  const firsts = new Map<RenderedParagraph, Checked>();
  for (const p of section.paragraphs) {
    for (const s of p.sentences) {
      const live = !section.stored && !s.edited;
      const against = section.stored ? bestTemplate(s.text, section.template, memo) : s;
      checked.push({ section, sentence: s, text: squashedText(s), against, live });
      if (s === p.sentences[0]) firsts.set(p, checked[checked.length - 1]!);
    }
  }
  // Figures the text gives, by field name, for the parts of a total's change.
  const said = new Map<string, Decimal>();
  const found: { c: Checked; f: FieldUse; fig: TextFigure }[] = [];
  for (const c of checked) {
    if (!c.against) continue;
    for (const { f, fig } of sentenceFigures(c as Checked & { against: NarrativeSentence })) {
      said.set(f.field, fig.value);
      found.push({ c, f, fig });
    }
  }
  for (const { c, f, fig } of found) {
    if (c.live || f.value === null) continue;
    const diff = fig.value.minus(f.value);
    if (diff.abs().lte(tolerance(fig, f.kind))) continue;
    const expected = shownValue(f.value, f.kind, unit);
    if ((f.kind === 'money' || f.kind === 'change') && fig.unit === '元' && unit === '万元' && fig.value.mul(10000).minus(f.value).abs().lte(tolerance(fig, f.kind).mul(10000))) {
      add(c, 'unitYuan', f.field, `写作“${fig.raw}”，按数据应为 ${expected}：金额单位应为“万元”。`, { expected, actual: fig.raw });
      continue;
    }
    const actual = f.kind === 'money' || f.kind === 'change' ? shownValue(fig.value, f.kind, unit) : fig.raw;
    const difference = f.kind === 'money' || f.kind === 'change' ? moneyText(diff.abs(), unit) : diff.abs().toFixed();
    const parts = f.kind === 'change' ? partsSaid(f, said) : null;
    const partsNote = parts === null ? '' : `；文中各分项变动合计为${shownValue(parts, 'change', unit)}`;
    add(c, 'amount', f.field, `中“${f.anchor || f.field}”写作“${fig.raw}”，按数据应为“${expected}”，相差 ${difference}${partsNote}。`, { expected, actual, difference });
  }
  // A total's change stated where the data cannot tell it (no 上年数): its parts as stated must add up.
  for (const c of checked) {
    if (!c.against) continue;
    for (const f of c.against.fields) {
      if (f.kind !== 'change' || !f.partFields || f.value !== null) continue;
      const total = said.get(f.field);
      const parts = partsSaid(f, said);
      if (total === undefined || parts === null) continue;
      if (total.minus(parts).abs().lte(new Dec(FACTOR[unit]!).div(200))) continue;
      add(c, 'partsChange', f.field, `中总数变动为${shownValue(total, 'change', unit)}，而文中各分项变动合计为${shownValue(parts, 'change', unit)}，两者应相等。`, {
        expected: shownValue(parts, 'change', unit),
        actual: shownValue(total, 'change', unit),
        difference: moneyText(total.minus(parts).abs(), unit),
      });
    }
  }
  // Wording: reasons per paragraph, the rest per sentence.
  for (const p of section.paragraphs) {
    const first = firsts.get(p);
    if (!first) continue;
    const { change, found: reason } = paragraphReason(p);
    if (!change || !reason) continue;
    const where = checked.find((c) => c.sentence.text.replace(/\s+/g, '').includes(change[0].replace(/\s+/g, ''))) ?? first;
    add(where, reason.test, reason.at, reason.message);
  }
  for (const c of checked) for (const w of sentenceWording(c, unit, meta, scope)) add(c, w.test, w.at, w.message, w.extra);
  return issues;
}

/** Σ of the parts' changes of a total as the text states them (a part without its own change: from its two figures). */
function partsSaid(total: FieldUse, said: ReadonlyMap<string, Decimal>): Decimal | null {
  if (!total.partFields) return null;
  let sum = new Dec(0);
  for (const part of total.partFields) {
    const stated = said.get(part.name);
    if (stated !== undefined) {
      sum = sum.plus(stated);
      continue;
    }
    const a = part.of ? said.get(part.of[0]) : undefined;
    const b = part.of ? said.get(part.of[1]) : undefined;
    if (a === undefined || b === undefined) return null;
    sum = sum.plus(a.minus(b));
  }
  return sum;
}

/** A sentence as findings quote it: trimmed, at most 40 characters. */
export function clip(text: string): string {
  const t = text.trim();
  return t.length > 40 ? `${t.slice(0, 38)}…` : t;
}

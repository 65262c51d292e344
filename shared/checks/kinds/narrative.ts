import { analyseNarrative, clip, type TextIssue } from '../../narrative/analyse.js';
import { PLACEHOLDER, renderNarrative, type NarrativeSentence, type RenderedNarrative, type RenderedParagraph, type RenderedSection } from '../../narrative/render.js';
import type { NarrativeParagraph, NarrativeSectionDef, NarrativeTemplate } from '../../narrative/schema.js';
import { NARRATIVE_PAGE } from '../../narrative/view.js';
import { lookupCode } from '../../reference/index.js';
import type { CheckContext } from '../context.js';
import type { CheckDef, Rule } from '../rule.js';
import type { FindingInput, FindingSink } from '../sink.js';

type Check = Extract<CheckDef, { kind: 'narrative' }>;

/** One rendering and one analysis per context (one workbook revision) for all the text rules. */
const renderedOf = new WeakMap<CheckContext, RenderedNarrative | null>();
const issuesOf = new WeakMap<CheckContext, TextIssue[]>();

/** The 说明 as it would be published now (generated, rewritten and imported text alike); null without a template. */
export function narrativeOf(ctx: CheckContext): RenderedNarrative | null {
  let rendered = renderedOf.get(ctx);
  if (rendered === undefined) {
    const template = ctx.set.narrative;
    const functions = ctx.lists.function;
    rendered = ctx.narrative
      ? ctx.narrative()
      : template
        ? renderNarrative(template, { table: (role) => ctx.byRole(role)?.table ?? null, meta: ctx.meta, sum: (q, prev) => ctx.sum(q, prev), rows: (s) => ctx.rows(s), className: (code) => (functions ? lookupCode(functions, code)?.name : undefined) })
        : null;
    renderedOf.set(ctx, rendered);
  }
  return rendered;
}

export function narrativeIssues(ctx: CheckContext): TextIssue[] {
  let issues = issuesOf.get(ctx);
  if (!issues) {
    const rendered = narrativeOf(ctx);
    issues = rendered ? analyseNarrative(rendered, ctx.meta) : [];
    issuesOf.set(ctx, issues);
  }
  return issues;
}

/** A text check of the 说明: each issue of its test, pointing at the sentence. */
export function narrative(_rule: Rule, check: Check, ctx: CheckContext, out: FindingSink): void {
  for (const issue of narrativeIssues(ctx)) {
    if (issue.test !== check.test) continue;
    out.add({
      at: `${issue.sentence}:${issue.at}`,
      message: issue.message,
      cells: [{ table: NARRATIVE_PAGE, row: issue.sentence, column: null }],
      sentence: issue.sentence,
      ...(issue.expected !== undefined ? { expected: issue.expected } : {}),
      ...(issue.actual !== undefined ? { actual: issue.actual } : {}),
      ...(issue.difference !== undefined ? { difference: issue.difference } : {}),
    });
  }
}

/** A change's 主要原因 still to be written: text.reason asks for it (需说明), so it is not reported again here. */
const REASON_TO_WRITE = new RegExp(`原因[是为]?[：:，,]?\\s*${PLACEHOLDER}`, 'g');

/** The paragraph key of a sentence key (`section/paragraph#n`). */
const paragraphOf = (sentence: string): string => sentence.replace(/#\d+$/, '');

/**
 * Placeholders in the 说明 as it will be published, one finding per sentence and placeholder, pointing at
 * the sentence. What to do depends on where the placeholder comes from: the template's own words in a
 * section the clerk never wrote (职能职责), a figure or text the data does not have yet (a generated
 * sentence prints 待填写 for it), or words written or imported as they are.
 */
export function narrativePlaceholders(check: Extract<CheckDef, { kind: 'placeholders' }>, ctx: CheckContext, out: FindingSink): void {
  const rendered = narrativeOf(ctx);
  if (!rendered) return;
  const key = check.patterns.join('|');
  const pattern = new RegExp(key, 'g');
  const reasonAsked = new Set(narrativeIssues(ctx).flatMap((i) => (i.test === 'reason' && i.at === 'placeholder' ? [paragraphOf(i.sentence)] : [])));
  const template = ctx.set.narrative;
  const defs = new Map((template?.sections ?? []).map((d) => [d.key, d]));
  for (const section of rendered.sections) {
    // A section the renderer handed back unchanged has the same placeholders (its reasons asked for are its own).
    let bySection = sectionPlaceholders.get(section);
    if (!bySection) sectionPlaceholders.set(section, (bySection = new Map()));
    const asked = section.paragraphs.filter((p) => reasonAsked.has(p.key)).map((p) => p.key).join('\u0000');
    const kept = bySection.get(key);
    if (kept && kept.template === template && kept.asked === asked) {
      for (const f of kept.found) out.add(f);
      continue;
    }
    const found: FindingInput[] = [];
    sectionPlaceholdersOf(section, pattern, reasonAsked, defs.get(section.key), (f) => found.push(f));
    bySection.set(key, { template, asked, found });
    for (const f of found) out.add(f);
  }
}

const sectionPlaceholders = new WeakMap<RenderedSection, Map<string, { template: NarrativeTemplate | undefined; asked: string; found: FindingInput[] }>>();

function sectionPlaceholdersOf(section: RenderedSection, pattern: RegExp, reasonAsked: ReadonlySet<string>, def: NarrativeSectionDef | undefined, add: (f: FindingInput) => void): void {
  for (const p of section.paragraphs) {
    for (const s of p.sentences) {
      const text = reasonAsked.has(p.key) ? s.text.replace(REASON_TO_WRITE, '') : s.text;
      for (const [placeholder, at] of placeholdersIn(s, text, pattern)) {
        const quote = `${section.heading}：“${clip(s.text)}”`;
        const live = !section.stored && !s.edited;
        let message: string;
        if (live && templateParagraph(def, section, p)?.text.includes(placeholder)) {
          message = section.kind === 'free'
            ? `${quote}是模板中的占位文字，本节尚未填写。请在说明页写明“${section.title}”的内容后再公开。`
            : `${quote}中的“${placeholder}”是模板中的占位文字。请在说明页改写这句话后再公开。`;
        } else if (live) {
          // The words just before the gap, from the clause start or the last 12 characters; a figure or date cut
          // in half there ("025年…") is dropped.
          const start = Math.max(0, at - 12);
          const clause = text.slice(start, at).split(/[，。；：、（）()]/);
          const before = (clause.length > 1 || start === 0 ? clause.pop()! : clause.pop()!.replace(/^[\d年月日号]+/, '')).trim();
          message = `${quote}中“${before}${placeholder}”处的数据尚未录入，公开的说明会印出“${placeholder}”。请在基本情况或预算数据中录入，或在说明页改写这句话。`;
        } else {
          message = `${quote}中仍有占位内容“${placeholder}”。请在说明页改为实际内容后再公开。`;
        }
        add({ at: `${s.key}:${placeholder}`, message, actual: placeholder, cells: [{ table: NARRATIVE_PAGE, row: s.key, column: null }], sentence: s.key });
      }
    }
  }
}

/** The template paragraph a rendered paragraph comes from (asked only where a placeholder is found). */
function templateParagraph(def: NarrativeSectionDef | undefined, section: RenderedSection, p: RenderedParagraph): NarrativeParagraph | undefined {
  return def?.paragraphs.find((d) => p.key === `${section.key}/${d.key}` || p.key.startsWith(`${section.key}/${d.key}@`));
}

/** The placeholders of a sentence's text, each with where it first stands, kept with the sentence object. */
const sentencePlaceholders = new WeakMap<NarrativeSentence, { text: string; source: string; found: [string, number][] }>();

function placeholdersIn(s: NarrativeSentence, text: string, pattern: RegExp): [string, number][] {
  const kept = sentencePlaceholders.get(s);
  if (kept && kept.text === text && kept.source === pattern.source) return kept.found;
  const found = new Map<string, number>();
  for (const m of text.matchAll(pattern)) if (!found.has(m[0])) found.set(m[0], m.index);
  const list = [...found];
  sentencePlaceholders.set(s, { text, source: pattern.source, found: list });
  return list;
}

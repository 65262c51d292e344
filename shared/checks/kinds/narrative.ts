import { analyseNarrative, type TextIssue } from '../../narrative/analyse.js';
import { renderNarrative } from '../../narrative/render.js';
import { NARRATIVE_PAGE } from '../../narrative/view.js';
import { lookupCode } from '../../reference/index.js';
import type { CheckContext } from '../context.js';
import type { CheckDef, Rule } from '../rule.js';
import type { FindingSink } from '../sink.js';

type Check = Extract<CheckDef, { kind: 'narrative' }>;


/** One analysis per context (one workbook revision) for all the text rules. */
const issuesOf = new WeakMap<CheckContext, TextIssue[]>();

export function narrativeIssues(ctx: CheckContext): TextIssue[] {
  let issues = issuesOf.get(ctx);
  if (!issues) {
    const template = ctx.set.narrative;
    const functions = ctx.lists.function;
    issues = template
      ? analyseNarrative(
          renderNarrative(template, { table: (role) => ctx.byRole(role)?.table ?? null, meta: ctx.meta, sum: (q, prev) => ctx.sum(q, prev), rows: (s) => ctx.rows(s), className: (code) => (functions ? lookupCode(functions, code)?.name : undefined) }),
          ctx.meta,
        )
      : [];
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

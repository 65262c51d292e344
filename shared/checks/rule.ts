import { z } from 'zod';
import { factQuerySchema } from '../tables/schema.js';
import { textTests } from '../narrative/analyse.js';
import { tableRoles } from '../tables/roles.js';

/**
 * A 审核 rule as data, like the 审核公式 a finance bureau issues with each year's tables: what it checks in
 * plain Chinese, how serious a failure is, what it reads and how much difference it tolerates. The `check`
 * names one of the evaluators in ./kinds/ with its parameters; tables are named by role (shared/tables/roles.ts),
 * rows and columns by key, with alternatives where sets differ (the first that exists is used).
 */

export const severities = ['错误', '需说明', '提示'] as const;
export type Severity = (typeof severities)[number];

const keys = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);
const role = z.enum(tableRoles);

/** One figure a rule compares: a printed table cell, a sum of facts, a sum of entered cells, or several added. */
export type Operand =
  | { table: (typeof tableRoles)[number]; row: string | string[]; col: string | string[]; label?: string }
  | { fact: z.infer<typeof factQuerySchema>; prev?: boolean; label?: string }
  | { store: string; col: string; rows?: string[]; label?: string }
  | { sum: Operand[]; label?: string };

export const operandSchema: z.ZodType<Operand> = z.lazy(() =>
  z.union([
    z.strictObject({ table: role, row: keys, col: keys, label: z.string().optional() }),
    z.strictObject({ fact: factQuerySchema, prev: z.boolean().optional(), label: z.string().optional() }),
    z.strictObject({ store: z.string().min(1), col: z.string().min(1), rows: z.array(z.string()).optional(), label: z.string().optional() }),
    z.strictObject({ sum: z.array(operandSchema).min(1), label: z.string().optional() }),
  ]),
);

export const checkSchema = z.discriminatedUnion('kind', [
  /** left = right (or ≤ / ≥); a difference within the printed precision is a 提示 saying so. */
  z.strictObject({ kind: z.literal('compare'), left: operandSchema, right: operandSchema, relation: z.enum(['=', '<=', '>=']).optional() }),
  /** In every row of the table, the total column = Σ the part columns present (at least two). */
  z.strictObject({ kind: z.literal('rowSum'), table: role, total: keys, parts: z.array(z.string()).min(2) }),
  /** Every classification table: 类 = Σ 款 = Σ 项 and 合计 = Σ 类, in every money column. */
  z.strictObject({ kind: z.literal('hierarchy') }),
  /** Each figure of `table`'s column that a fixed row takes for one 功能分类 类 = that 类's row in `classTable`. */
  z.strictObject({ kind: z.literal('classRows'), table: role, col: keys, classTable: role, classCol: keys }),
  /** An empty table prints a note, and the note names the fund the table is about. */
  z.strictObject({ kind: z.literal('emptyNote') }),
  /** The printed parts of a total do not add up only because each was rounded (the tables' own hints). */
  z.strictObject({ kind: z.literal('rounding') }),
  /** Budget data the tables cannot show: unknown 科目 codes, lines of unknown projects, facts that fit no row. */
  z.strictObject({ kind: z.literal('dataProblems') }),
  /** Names that go with a code (项目 科目, code/name columns) agree with the year's list. */
  z.strictObject({ kind: z.literal('codeName') }),
  /**
   * Text holding placeholders (XX, ××, 待填写 …): what the clerk typed into the tables ('tables', the default),
   * or the 第一部分 说明 as it will be published, sentence by sentence ('narrative').
   */
  z.strictObject({ kind: z.literal('placeholders'), patterns: z.array(z.string().min(1)).min(1), in: z.enum(['tables', 'narrative']).optional() }),
  /** The department as typed in these columns is written one way throughout (the full 单位名称 or one short form). */
  z.strictObject({ kind: z.literal('deptName'), fields: z.array(z.strictObject({ store: z.string().min(1), column: z.string().min(1) })).min(1) }),
  /** This year's figure rose against last year's. */
  z.strictObject({ kind: z.literal('yoyRise'), current: operandSchema, previous: operandSchema }),
  /** A 功能分类 项 of `table` changing by more than `share` of last year without a note on its lines. */
  z.strictObject({ kind: z.literal('yoyChange'), table: role, col: keys, share: z.string().regex(/^0?\.\d+$|^1$/) }),
  /** A text check of the 第一部分 说明 (shared/narrative/analyse.ts), by its test. */
  z.strictObject({ kind: z.literal('narrative'), test: z.enum(textTests) }),
  /** A rule of the 绩效 lint (shared/perf/lint.ts), by its id. */
  z.strictObject({ kind: z.literal('perf'), rule: z.string().regex(/^perf\.[a-z-]+$/) }),
]);
export type CheckDef = z.infer<typeof checkSchema>;

export const ruleSchema = z.strictObject({
  id: z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9.-]*$/),
  description: z.string().min(1),
  severity: z.enum(severities),
  /** What the rule reads: table roles, row and column keys, fact stores. Shown with --rules and in the panel. */
  reads: z.strictObject({
    tables: z.array(z.string()).optional(),
    rows: z.array(z.string()).optional(),
    columns: z.array(z.string()).optional(),
    facts: z.array(z.string()).optional(),
  }),
  /** Allowed absolute difference in 元 (default 0): within it the rule passes. */
  tolerance: z.string().regex(/^\d+(\.\d+)?$/).optional(),
  /** 'province': a province may allow ≤ here; severity stays as given. Free text shown with the rule. */
  note: z.string().optional(),
  check: checkSchema,
});
export type Rule = z.infer<typeof ruleSchema>;

/** A place a finding points at: a layout's cell (row key, column key) or a model table's row. */
export interface FindingCell {
  table: string;
  row: string | null;
  column: string | null;
}

/** One thing a reviewer would send back. Money figures carry their unit ("508.93 万元"). */
export interface CheckFinding {
  /** Stable across runs (rule id + place), so an explanation stays attached. */
  id: string;
  rule: string;
  severity: Severity;
  /** Chinese, complete: what was expected, what was found, the difference. */
  message: string;
  /** The table to open (a layout of the set where one shows the data, else the model table) and the first cell. */
  table: string | null;
  row: string | null;
  column: string | null;
  /** 说明 findings point at a sentence (its key, shared/narrative/render.ts); `table` is then 'narrative'. */
  sentence?: string | null;
  /** Every cell involved, for highlighting; a copied text names each place once here. */
  cells: FindingCell[];
  expected?: string;
  actual?: string;
  difference?: string;
  /** The clerk's 说明 for a 需说明 finding, when given. */
  explanation?: string;
}

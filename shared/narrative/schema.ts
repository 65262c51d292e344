import { z } from 'zod';
import { tableRoles } from '../tables/roles.js';
import { factQuerySchema } from '../tables/schema.js';

/**
 * The 第一部分 说明 as data, part of a table set (`narrative` in the set file): sections of paragraphs whose
 * text names fields in braces. A field is a fact query or a 基本情况 cell, the same figures the tables
 * print and the 审核 reads, so the text cannot say what the tables do not. shared/narrative/render.ts
 * fills the fields; a sentence the clerk rewrote is kept as written and checked instead
 * (shared/narrative/analyse.ts).
 *
 * Placeholders in `text`: {year} {prevYear} {deptName} {scope} from the workbook, {<field>} for a field of
 * `fields`, and in a paragraph with `each` the item's {index}, {item.name} and {item.amount}.
 * How a field prints follows its kind: money "508.93 万元" (the workbook's unit, 2 decimals at most),
 * change "增加 0.17 万元" / "减少 2.59 万元" / "持平" with "，主要原因是：待填写" after a change when
 * `reason` is set, share "12.5%", count and text as entered.
 */

const fieldName = z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/);

/** A 基本情况 (fact-info) cell: `amount` is money in 元, `count` a number, `text` words. */
const infoField = z.strictObject({ info: z.string().regex(/^info-[a-zA-Z]+$/), col: z.enum(['amount', 'count', 'text']) });

export const narrativeFieldSchema = z.union([
  /** Σ of the budget facts; `prev` sums 上年预算数. */
  z.strictObject({ fact: z.lazy(() => factQuerySchema), prev: z.boolean().optional() }),
  infoField,
  /**
   * A figure of a printed table, by the table's role, a row key and a column key: the cell the 审核 rules
   * read (shared/checks/rule.ts operands), kept current by the derived tables after every edit.
   */
  z.strictObject({ table: z.enum(tableRoles), row: z.string().min(1), col: z.string().min(1) }),
  /** Σ of money fields, less others (其他收入 = 收入 − the named sources). */
  z.strictObject({ sum: z.array(fieldName).min(1), minus: z.array(fieldName).optional() }),
  /**
   * This year's field less last year's; `parts` are the changes of its parts (the 三公 sub-items), whose
   * sum the text's total change is checked against. `reason`: the sentence needs a 主要原因 for a change.
   */
  z.strictObject({ change: z.tuple([fieldName, fieldName]), parts: z.array(fieldName).optional(), reason: z.boolean().optional() }),
  /** part ÷ total, as a percentage with one decimal. */
  z.strictObject({ share: z.tuple([fieldName, fieldName]) }),
  /** The 支出功能分类 类 with spending (the 类 rows of the 部门支出总表), each "一般公共服务支出 508.93 万元", joined with "、". */
  z.strictObject({ classes: z.literal('function') }),
  /**
   * Money fields entered or not, each printed with its label where entered ("设备购置费 6.6 万元", joined
   * with "、"); `labelField` is a text field that names it when the clerk did (政府采购 品目).
   */
  z.strictObject({ items: z.array(z.strictObject({ amount: fieldName, label: z.string().min(1), labelField: fieldName.optional() })).min(1) }),
  /** The 预算单位 listed in 单位构成: how many are 下属单位 (`count`), or all their names (`names`). */
  z.strictObject({ units: z.enum(['count', 'names']) }),
]);
export type NarrativeField = z.infer<typeof narrativeFieldSchema>;

/** When a paragraph prints: a field is zero / not zero / entered / not entered. */
const conditionSchema = z.strictObject({ field: fieldName, is: z.enum(['zero', 'nonzero', 'present', 'absent']) });

export const narrativeParagraphSchema = z.strictObject({
  /** Stable within the section: a sentence the clerk edits is kept under it. */
  key: fieldName,
  text: z.string().min(1),
  when: conditionSchema.optional(),
  /** One paragraph per budget project (general-budget projects with `fundSource: general`). */
  each: z.strictObject({ collection: z.literal('projects'), fundSource: z.string().optional() }).optional(),
});
export type NarrativeParagraph = z.infer<typeof narrativeParagraphSchema>;

export const narrativeSectionSchema = z.strictObject({
  key: fieldName,
  /** Without the number: 部门收支总体情况 (the document numbers the sections 一、二 …). */
  title: z.string().min(1),
  /**
   * 'free': words the clerk writes (职能职责, 机构设置, 名词解释), edited as a whole; `paragraphs` are what it
   * says until then. Other sections are generated sentence by sentence.
   */
  kind: z.enum(['generated', 'free']).optional(),
  /** Other headings the section goes by in documents (for imported 说明). */
  aliases: z.array(z.string().min(1)).optional(),
  paragraphs: z.array(narrativeParagraphSchema),
});
export type NarrativeSectionDef = z.infer<typeof narrativeSectionSchema>;

export const narrativeTemplateSchema = z.strictObject({
  fields: z.record(fieldName, narrativeFieldSchema),
  sections: z.array(narrativeSectionSchema).min(1),
});
export type NarrativeTemplate = z.infer<typeof narrativeTemplateSchema>;

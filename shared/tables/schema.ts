import { z } from 'zod';
import { narrativeTemplateSchema } from '../narrative/schema.js';
import { tableRoles } from './roles.js';
import { optionLists } from './vocabulary.js';

/**
 * Official table layouts as data: the zod shapes of a table set. One TableDef drives the grid, totals,
 * checks, exporters and the importer's recognition, so every field here must be meaningful to all of
 * them. The words a set may use (placeholders, fact dimensions and values) are in ./vocabulary.ts; what
 * the shapes cannot see (references between fields, the vocabulary) is checked by ./validate.ts.
 */

export const columnTypes = ['text', 'longtext', 'money', 'number', 'integer', 'percent', 'code', 'seq', 'enum'] as const;
export type ColumnType = (typeof columnTypes)[number];

export const columnDefSchema = z.strictObject({
  key: z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]*$/),
  type: z.enum(columnTypes),
  /** Relative width in characters, used by grid and exporters. */
  width: z.number().positive().max(200).optional(),
  align: z.enum(['left', 'center', 'right']).optional(),
  /** Unit of a non-money number column (人, 次, %); money columns take the table's money unit. */
  unit: z.string().max(10).optional(),
  /** How the 合计 row treats this column: money columns default to 'sum'. */
  total: z.enum(['sum', 'none']).optional(),
  required: z.boolean().optional(),
  /** Hidden from the official layout but kept in the data (e.g. internal ids). */
  hidden: z.boolean().optional(),
  /** Seq columns only: 1, 2 … (default) | 一、二 … | （一）（二） … as the official file prints them. */
  numbering: z.enum(['arabic', 'chinese', 'chineseParen']).optional(),
  /** Code columns: the classification whose codes it holds (drives the picker and the code/name check). */
  codeList: z.enum(['function', 'econDept', 'econGov']).optional(),
  /**
   * Enum columns: a list of ./vocabulary.ts (fundSource, nature, unitType, unitKind) instead of `options`;
   * the registry fills `options` from it, so a value is named once for every table that offers it.
   */
  optionsFrom: z.enum(Object.keys(optionLists) as [string, ...string[]]).optional(),
  /** Enum columns: allowed values, stored as `value`, shown and accepted when typed or pasted as `label`. */
  options: z
    .array(
      z.strictObject({
        value: z.string().min(1),
        label: z.string().min(1),
        /** Other spellings clerks type or paste for this option (效果指标 for 效益指标, >= for ≥). */
        aliases: z.array(z.string().min(1)).optional(),
      }),
    )
    .min(1)
    .optional(),
  /** A column holding another table's key (a line's project): the picker offers that table's rows. */
  ref: z.strictObject({ table: z.string(), column: z.string(), display: z.string().optional() }).optional(),
  /**
   * Rows that follow a budget project (项目支出, shared/perf/budget-link.ts): 'link' holds the project's
   * row id; a 'name', 'amount' or 'direction' (支出方向, from the project's 功能科目) column left empty
   * shows the project's current figure, and a value typed there overrides it.
   */
  fromProject: z.enum(['link', 'name', 'amount', 'direction']).optional(),
  /**
   * A text column that names its row: its code (项目编码, 单位代码) or its name. Leading key columns (these,
   * seq and code columns) stay in view when a wide table scrolls sideways.
   */
  role: z.enum(['code', 'name']).optional(),
});
export type ColumnDef = z.infer<typeof columnDefSchema>;

export interface HeaderNode {
  label: string;
  /** Leaf nodes name the column they head. */
  key?: string;
  children?: HeaderNode[];
}
export const headerNodeSchema: z.ZodType<HeaderNode> = z.lazy(() =>
  z.strictObject({
    label: z.string(),
    key: z.string().optional(),
    children: z.array(headerNodeSchema).min(1).optional(),
  }),
);

const filterSchema = z.record(z.string(), z.union([z.string(), z.array(z.string())]));

/**
 * A value from the budget facts. `measure` names what is summed, `filter` narrows the facts; the
 * vocabulary is in ./vocabulary.ts and enforced by validateTableSet().
 */
export const factQuerySchema = z.strictObject({
  measure: z.string(),
  filter: filterSchema.optional(),
});
export type FactQuery = z.infer<typeof factQuerySchema>;

/**
 * A cell of a fixed row: literal text, a fact query, the same column summed over other rows of the
 * table, other columns of this row summed, or a clerk's input.
 */
const amountSourceSchema = z.union([
  z.strictObject({ fact: factQuerySchema }),
  z.strictObject({ sumRows: z.array(z.string()).min(1) }),
  z.strictObject({ sumColumns: z.array(z.string()).min(1) }),
]);

export const cellSourceSchema = z.union([
  z.string(),
  /**
   * A label and its amount printed together in one text cell ("一、基本支出 448.93", seed 001 附件1);
   * a zero amount prints the label alone.
   */
  z.strictObject({ label: z.string(), amount: amountSourceSchema }),
  z.strictObject({ fact: factQuerySchema }),
  z.strictObject({ sumRows: z.array(z.string()).min(1) }),
  z.strictObject({ sumColumns: z.array(z.string()).min(1) }),
  z.strictObject({ input: z.literal(true) }),
]);
export type CellSource = z.infer<typeof cellSourceSchema>;

/**
 * A fixed row. Two-sided layouts (收支总表: 收入 | 支出) put each side's item in its own columns of the
 * same row; the sides are independent, so a row may fill one side only.
 */
export const fixedRowSchema = z.strictObject({
  key: z.string().optional(),
  /** Indent level for hierarchical labels (0 = top). */
  level: z.number().int().min(0).max(6).optional(),
  style: z.enum(['normal', 'section', 'subtotal', 'total']).optional(),
  cells: z.record(z.string(), cellSourceSchema),
});
export type FixedRowDef = z.infer<typeof fixedRowSchema>;

export const totalRowSchema = z.strictObject({
  label: z.string(),
  /** Column that shows the label. */
  labelColumn: z.string(),
  position: z.enum(['top', 'bottom']),
  /** Visible columns the label cell merges across, starting at labelColumn (附件4: 合计 over 类|款|项|名称). */
  labelSpan: z.number().int().min(1).max(20).optional(),
});
export type TotalRowDef = z.infer<typeof totalRowSchema>;

export const derivedRowSources = ['functionClass', 'economicClass', 'govEconomicClass', 'project', 'projectCategory', 'unit', 'specialFund', 'fundDirection'] as const;
export const classificationRowSources = ['functionClass', 'economicClass', 'govEconomicClass'] as const;

/**
 * Per-row roles of a derived column. code = the row's code (科目编码, 项目编码, 单位代码); seq = 序号;
 * name = the row's name. Classification rows repeat their ancestors' parts: codeClass = 类 (3 digits);
 * codeSection = 款 within its 类 (2 digits, '03'); codeItem = 项 within its 款 (2 digits, '01');
 * nameQualified = a 项 row's name followed by its 款 name in full-width parentheses
 * (附件11: 行政运行（政府办公厅（室）及相关机构事务）), other rows plain.
 */
export const derivedColumnRoles = ['code', 'codeClass', 'codeSection', 'codeItem', 'name', 'nameQualified', 'seq'] as const;

/** A code that always appears; `name` is the label this layout prints for it instead of the year's list. */
export const fixedCodeSchema = z.union([z.string(), z.strictObject({ code: z.string(), name: z.string().min(1) })]);
export type FixedCode = z.infer<typeof fixedCodeSchema>;

/** Rows generated from the facts: one row per distinct value (e.g. per 功能分类 类/款/项, per project). */
export const derivedBodySchema = z.strictObject({
  kind: z.literal('derived'),
  /** What each row stands for: a classification, or a list of entities. */
  rowsFrom: z.enum(derivedRowSources),
  /** Hierarchy levels shown as rows, with subtotals, for classification rows (经济分类: 类/款 only). */
  levels: z.array(z.enum(['类', '款', '项'])).optional(),
  /**
   * Codes that always appear, in this order, even when zero (附件5 lists every 301 款). Other codes with
   * facts are inserted in code order, so the table still ties to its totals.
   */
  codes: z.array(fixedCodeSchema).optional(),
  /**
   * The names this layout prints for some codes, where it differs from the year's list (seed 001 prints
   * 201 as 一般公共服务 in 附件3/4 but 一般公共服务支出 elsewhere); the rows still appear only with facts.
   */
  names: z.record(z.string(), z.string().min(1)).optional(),
  /** Restrict which facts feed the table. */
  filter: filterSchema.optional(),
  /** How each column is computed for a row: a role or a fact query relative to the row. */
  columns: z.record(z.string(), z.union([z.enum(derivedColumnRoles), z.strictObject({ fact: factQuerySchema }), z.strictObject({ sumColumns: z.array(z.string()).min(1) })])),
  total: totalRowSchema.optional(),
  /** Show rows whose every money column is zero. */
  showZeroRows: z.boolean().optional(),
});

export const freeBodySchema = z.strictObject({
  kind: z.literal('free'),
  total: totalRowSchema.optional(),
});

export const fixedBodySchema = z.strictObject({
  kind: z.literal('fixed'),
  rows: z.array(fixedRowSchema).min(1),
});

/**
 * Form layouts (部门整体支出绩效申报表, 项目支出绩效目标表): a grid of labelled cells with spans,
 * where some cells are fields and list sections repeat rows (indicator lists).
 *
 * A cell with only `text` is a label; with `field` it holds that field's value; with both, the text is
 * printed before the value in the same cell (业务股室意见：…). A cell with neither is blank.
 * Each `cells` section must tile exactly `gridColumns` per row, counting rowSpans from rows above.
 *
 * Where a form's values live (shared/perf/binding.ts resolves these for the editor and the printer):
 * - The table's `store` names a model table. A repeated form shows one record per row of that store
 *   and its fields are the store's columns (项目: perf-projects). A single form on a fixed model table
 *   binds field F to that table's row `dept-F`, in the row's input column (部门整体: perf-dept).
 * - A list section's `store` names the model table of its records. In a repeated form the list shows
 *   the store's rows whose `owner` is the record's row id; in a single form, every row of the store.
 * - Edits go to the model tables themselves (workbook.change with the model table id): a form is a view.
 */
export const formCellSchema = z.strictObject({
  text: z.string().optional(),
  field: z.string().optional(),
  colSpan: z.number().int().min(1).max(40).optional(),
  rowSpan: z.number().int().min(1).max(40).optional(),
  type: z.enum(columnTypes).optional(),
  align: z.enum(['left', 'center', 'right']).optional(),
  bold: z.boolean().optional(),
  /** Printed after the value, e.g. '万元' (508.9253 万元). */
  suffix: z.string().max(10).optional(),
  /** Initial value for a new record; the clerk may change it (资金支出计划's 9月底 vs 10月底). */
  defaultValue: z.string().optional(),
  /** The field's value comes from the budget facts and is read-only (资金总额 = 基本支出 + 项目支出). */
  fact: factQuerySchema.optional(),
});
export type FormCellDef = z.infer<typeof formCellSchema>;

export const formListSectionSchema = z.strictObject({
  kind: z.literal('list'),
  /** The repeated records, e.g. 'indicators'. */
  field: z.string(),
  columns: z.array(columnDefSchema).min(1),
  header: z.array(headerNodeSchema).min(1).optional(),
  /** Columns whose equal consecutive values merge vertically (一级指标, 二级指标). */
  mergeColumns: z.array(z.string()).optional(),
  /** Grid columns each visible list column spans; absent = one each (then there must be gridColumns of them). */
  columnSpans: z.array(z.number().int().min(1).max(40)).optional(),
  /** Rows a new record starts with, e.g. the 产出/效益/满意度 skeleton of an indicator grid. */
  defaultRows: z.array(z.record(z.string(), z.string())).optional(),
  /** Model table holding the list's records (see "Where a form's values live" above). */
  store: z.string().regex(/^[a-z0-9][a-z0-9-]*$/).optional(),
  /**
   * Marks an indicator grid: its `value` column prints the stored 指标性质/指标值/计量单位 as one text
   * in this style (shared/perf/indicator.ts): 'hebei' ≥90比率 · 10人数; 'ascii' >=95%; 'symbol' ≥95%.
   */
  indicatorStyle: z.enum(['hebei', 'ascii', 'symbol']).optional(),
});
export const formCellsSectionSchema = z.strictObject({ kind: z.literal('cells'), rows: z.array(z.array(formCellSchema)).min(1) });
export const formSectionSchema = z.union([formCellsSectionSchema, formListSectionSchema]);
export type FormSectionDef = z.infer<typeof formSectionSchema>;

export const formBodySchema = z.strictObject({
  kind: z.literal('form'),
  /** Number of grid columns the form spans. */
  gridColumns: z.number().int().min(1).max(40),
  /** One form per record of this collection (e.g. one table per project); absent = one form. */
  repeatFor: z.string().optional(),
  sections: z.array(formSectionSchema).min(1),
  /**
   * 'table' (default) prints a bordered grid. 'outline' prints a document (河北 部门整体绩效目标): each
   * cells row becomes a paragraph (text cells as headings); each list record is numbered by its seq column
   * and prints "表头：值" lines, or just the value after the number when the list has one other column.
   */
  printAs: z.enum(['table', 'outline']).optional(),
});

export const bodySchema = z.discriminatedUnion('kind', [freeBodySchema, fixedBodySchema, derivedBodySchema, formBodySchema]);
export type BodyDef = z.infer<typeof bodySchema>;

export const moneyUnits = ['元', '万元'] as const;
export type MoneyUnit = (typeof moneyUnits)[number];

export const tableDefSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  /** What the layout is (T1 收支总表 …), so the cross-table checks find it in any set (./roles.ts). */
  role: z.enum(tableRoles).optional(),
  /**
   * Storage table of an entered table's rows (a model table id). Layouts of different sets that show
   * the same data (2019 附件3-1 and 2020 绩效附件2) name the same store, so switching sets keeps the data.
   */
  store: z.string().regex(/^[a-z0-9][a-z0-9-]*$/).optional(),
  /** 附件 number as printed, e.g. '附件3-1'. Empty when the layout prints none. */
  number: z.string(),
  title: z.string().min(1),
  /** Short name for the side list. */
  shortTitle: z.string().optional(),
  group: z.string().optional(),
  orientation: z.enum(['portrait', 'landscape']),
  /** Money unit printed on the unit line; 'workbook' follows the workbook's 金额单位. */
  moneyUnit: z.enum(['元', '万元', 'workbook']),
  showUnitName: z.boolean(),
  /** Template of the unit-name line when showUnitName; default '单位名称：{deptName}'. */
  unitLine: z.string().optional(),
  /** Print the '单位：万元' line (default true); forms that print units inside cells set false. */
  showMoneyUnit: z.boolean().optional(),
  /** Form tables leave columns and header empty: the form body defines its cells. */
  columns: z.array(columnDefSchema),
  header: z.array(headerNodeSchema),
  /** A 栏次 row printed under the header, one entry per visible column (附件17: '', '', 1, 2, 3). */
  numberRow: z.array(z.string()).optional(),
  body: bodySchema,
  /** Lines printed under the table (说明). */
  notes: z.array(z.string()).optional(),
  /** Printed instead of rows when the table has no data (under the blank rows, if any). */
  emptyNote: z.string().optional(),
  /**
   * An empty derived table prints this many blank rows and then its 合计 row, and the emptyNote under
   * them (Shanghai's 政府性基金 table: 12 blank rows); absent = no rows, only the note.
   */
  blankRows: z.number().int().min(1).max(60).optional(),
  /** The unit-name line and the money-unit line print on one line (name left, unit right). */
  unitLinesJoined: z.boolean().optional(),
  /** Derived figures that are zero print as 0.00 instead of a blank cell (湖南 2020 附件17). */
  showZeros: z.boolean().optional(),
  /** Alternative titles used by other years/regions, for the importer's recognition. */
  aliases: z.array(z.string()).optional(),
  /** Filling instructions (编报说明) shown to the clerk beside the table; not printed with it. */
  guide: z.array(z.string()).optional(),
});
export type TableDef = z.infer<typeof tableDefSchema>;

const setId = z.string().regex(/^[a-z0-9][a-z0-9-]*$/);

/** One 科目 of a code list a set carries; `role` (经济分类 only) is what the 款 is spent on (vocabulary econRole). */
const codeListEntrySchema = z.strictObject({
  code: z.string().regex(/^\d{3,7}$/),
  name: z.string().min(1),
  role: z.string().optional(),
});
export type SetCodeEntry = z.infer<typeof codeListEntrySchema>;
const codeListEntries = z.array(codeListEntrySchema).min(1);

export const tableSetSchema = z.strictObject({
  id: setId,
  name: z.string().min(1),
  region: z.string(),
  /** First budget year the set applies to. */
  year: z.number().int().min(2000).max(2100),
  moneyUnit: z.enum(moneyUnits),
  description: z.string().optional(),
  /** The set this one was built on (see tableSetFileSchema); kept for the clerk's information. */
  extends: setId.optional(),
  tables: z.array(tableDefSchema).min(1),
  /**
   * The set's own 审核 rules: `rules` adds rules (the shape of shared/checks/rule.ts, checked when the
   * checks load the set), `off` switches shipped rules off by id.
   */
  checks: z.strictObject({ rules: z.array(z.record(z.string(), z.unknown())).optional(), off: z.array(z.string()).optional() }).optional(),
  /**
   * The year's 科目 lists as the bureau issues them with the tables (支出功能分类, 部门预算支出经济分类,
   * 政府预算支出经济分类). A list here is used for the set's year in place of the built-in one (a list the
   * clerk imported for that year still comes first). Entries of `econDept` may name their `role`
   * (因公出国, 公务接待, 公务用车购置/运行, 会议费, 培训费): when any does, the 三公 and 会议费/培训费 columns
   * follow these roles instead of the usual codes, so a bureau's own codes still map.
   */
  codeLists: z.strictObject({ function: codeListEntries.optional(), econDept: codeListEntries.optional(), econGov: codeListEntries.optional() }).optional(),
  /** The 第一部分 说明 written from the figures (shared/narrative/schema.ts); lazy: that module reads factQuerySchema. */
  narrative: z.lazy(() => narrativeTemplateSchema).optional(),
});
export type TableSet = z.infer<typeof tableSetSchema>;

/**
 * A set as a bureau issues it in a file. It may build on another set: `extends` names it, `tables`
 * then replaces the parent's tables of the same id and adds new ones, and `drop` removes tables by id.
 * `$schema` points an editor at tableset.schema.json (generated from these shapes) for completion.
 */
export const tableSetFileSchema = tableSetSchema.extend({
  $schema: z.string().optional(),
  tables: z.array(tableDefSchema),
  drop: z.array(z.string()).optional(),
});
export type TableSetFile = z.infer<typeof tableSetFileSchema>;

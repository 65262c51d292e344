import { z } from 'zod';

/**
 * Official table layouts as data. One TableDef drives the grid, totals, checks, exporters and the
 * importer's recognition, so every field here must be meaningful to all of them.
 *
 * ── Text placeholders ────────────────────────────────────────────────────────────────────────────
 * Titles, notes, emptyNote, unitLine and form cell text may contain:
 *   {year} {prevYear} {deptName} {unitCode} {scope}   from the workbook meta ({scope}: 编报范围, e.g. 本级)
 * and, only in a form with `repeatFor` (one printed table per record):
 *   {index}          1-based position of the record (the "1." in "1.劳务派遣人员报酬经费绩效目标表")
 *   {item.<field>}   a field of the record, e.g. {item.name}; the record's fields are the form's field names
 * validateTableSet() rejects any other placeholder.
 *
 * ── Fact queries: the vocabulary of derived values ───────────────────────────────────────────────
 * Every derived number is `sum(amount)` over the atomic budget facts that match a FactQuery.
 *
 * Measures (FactQuery.measure):
 *   'income'   budget income facts (部门收入), each with a fundSource (and unit).
 *   'expense'  expenditure lines: 功能分类项 × 经济分类款 × fundSource × nature (+ project), with amount.
 *              Tables that show income split by function (national 收入总表) use 'expense' by fundSource:
 *              a department's income is budgeted onto function codes through its spending.
 *
 * Filter keys (FactQuery.filter and DerivedBody.filter). Keys are ANDed; an array value means "any of".
 *   fundSource   资金来源, hierarchical (see below); value 'a' matches 'a' and every 'a.*'.
 *   nature       支出性质, hierarchical: 'basic' (基本支出) > 'basic.personnel' (人员经费) | 'basic.public'
 *                (公用经费); 'project' (项目支出). Expense facts only.
 *   funcCode     支出功能分类 code, prefix match: '201' = the whole 类, '20103' = 款, '2010301' = 项.
 *   econCode     部门预算支出经济分类 code, prefix match: '302' = 类, '30217' = 款.
 *   govEconCode  政府预算支出经济分类 code, prefix match: '501', '50101'.
 *   project      project id (项目), exact.
 *   projectCategory  项目类别 as printed (e.g. 业务性专项经费), exact.
 *   unit         预算单位 code, exact.
 * (No separate 'econClass' key: the 经济分类 类 is econCode with a 3-digit prefix.)
 *
 * fundSource values (facts carry the most specific value that applies):
 *   general                       一般公共预算拨款
 *     general.appropriation       经费拨款 / 财政全额拨款
 *     general.nonTax              纳入一般公共预算管理的非税收入拨款
 *       general.nonTax.fee        行政事业性收费收入
 *       general.nonTax.special    专项收入
 *       general.nonTax.asset      国有资源（资产）有偿使用收入
 *       general.nonTax.other      其他各项收入拨款
 *   fund                          政府性基金预算拨款
 *   capital                       国有资本经营预算拨款
 *   specialAccount                纳入专户管理的非税收入拨款 / 财政专户管理资金
 *   business                      事业收入
 *   operating                     事业单位经营收入
 *   other                         其他收入 (also 上级补助收入, 附属单位上缴收入)
 *   carryover                     上年结转 (结余), any origin
 *     carryover.general | carryover.fund | carryover.capital | carryover.other   by origin
 * A layout without a column for some source folds it into its catch-all column (Hunan's 其他收入 is
 * ['capital','business','operating','other']) so every table still ties to the totals.
 *
 * Derived rows add their own value to every query of the row: a functionClass row adds funcCode=<row code>
 * (prefix), an economicClass row econCode, a govEconomicClass row govEconCode, a project row project,
 * a projectCategory row projectCategory, a unit row unit. The body filter is ANDed into every query too.
 */

export const placeholderNames = ['year', 'prevYear', 'deptName', 'unitCode', 'scope'] as const;
export const repeatPlaceholderNames = ['index'] as const;

export const factMeasures = ['income', 'expense'] as const;
export type FactMeasure = (typeof factMeasures)[number];

export const fundSources = [
  'general',
  'general.appropriation',
  'general.nonTax',
  'general.nonTax.fee',
  'general.nonTax.special',
  'general.nonTax.asset',
  'general.nonTax.other',
  'fund',
  'capital',
  'specialAccount',
  'business',
  'operating',
  'other',
  'carryover',
  'carryover.general',
  'carryover.fund',
  'carryover.capital',
  'carryover.other',
] as const;
export type FundSource = (typeof fundSources)[number];

export const expenseNatures = ['basic', 'basic.personnel', 'basic.public', 'project'] as const;
export type ExpenseNature = (typeof expenseNatures)[number];

/** Filter keys with the values they accept; 'digits' keys are prefix-matched classification codes. */
export const factFilterKeys = {
  fundSource: fundSources,
  nature: expenseNatures,
  funcCode: 'digits',
  econCode: 'digits',
  govEconCode: 'digits',
  project: 'any',
  projectCategory: 'any',
  unit: 'any',
} as const satisfies Record<string, readonly string[] | 'digits' | 'any'>;
export type FactFilterKey = keyof typeof factFilterKeys;

/** Which measures a filter key applies to: income facts know only their source and unit. */
export const incomeFilterKeys: readonly FactFilterKey[] = ['fundSource', 'unit'];

/** Hierarchical match used by fundSource and nature: 'general' matches 'general.nonTax.fee'. */
export function hierarchicalMatch(filterValue: string, factValue: string): boolean {
  return factValue === filterValue || factValue.startsWith(`${filterValue}.`);
}

/** Collections a repeated form can iterate over (one printed table per record). */
export const formCollections = ['projects'] as const;

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
 * vocabulary is documented at the top of this file and enforced by validateTableSet().
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
export const cellSourceSchema = z.union([
  z.string(),
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
  /** Printed instead of rows when the table has no data. */
  emptyNote: z.string().optional(),
  /** Derived figures that are zero print as 0.00 instead of a blank cell (湖南 2020 附件17). */
  showZeros: z.boolean().optional(),
  /** Alternative titles used by other years/regions, for the importer's recognition. */
  aliases: z.array(z.string()).optional(),
  /** Filling instructions (编报说明) shown to the clerk beside the table; not printed with it. */
  guide: z.array(z.string()).optional(),
});
export type TableDef = z.infer<typeof tableDefSchema>;

export const tableSetSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  name: z.string().min(1),
  region: z.string(),
  /** First budget year the set applies to. */
  year: z.number().int().min(2000).max(2100),
  moneyUnit: z.enum(moneyUnits),
  description: z.string().optional(),
  tables: z.array(tableDefSchema).min(1),
});
export type TableSet = z.infer<typeof tableSetSchema>;

// ── Cross-field validation ──────────────────────────────────────────────────────────────────────

/** One thing wrong with a table set: where (a path into the JSON) and what, in words a clerk can act on. */
export interface TableSetProblem {
  path: string;
  message: string;
}

type TableBody = TableDef['body'];
type DerivedBody = Extract<TableBody, { kind: 'derived' }>;
type FormBody = Extract<TableBody, { kind: 'form' }>;
type FormListSection = z.infer<typeof formListSectionSchema>;
type AddProblem = (path: string, message: string) => void;

const KEY_PATTERN = /^[a-zA-Z][a-zA-Z0-9_]*$/;
const NUMERIC_TYPES: readonly ColumnType[] = ['money', 'number', 'integer', 'percent'];
const isNumericType = (type: ColumnType | undefined): boolean => type !== undefined && NUMERIC_TYPES.includes(type);
const list = (items: readonly string[]): string => items.join('、');

function headerLeaves(nodes: HeaderNode[], path: string, add: AddProblem): string[] {
  const keys: string[] = [];
  nodes.forEach((node, i) => {
    const at = `${path}[${i}]`;
    if (node.label.trim() === '') add(at, '表头单元格没有文字');
    if (node.children) {
      if (node.key !== undefined) add(at, `表头“${node.label}”有下级表头，不能再指定列 ${node.key}`);
      keys.push(...headerLeaves(node.children, `${at}.children`, add));
    } else if (node.key === undefined) {
      add(at, `表头“${node.label}”是最末一级，必须指定它所对应的列（key）`);
    } else {
      keys.push(node.key);
    }
  });
  return keys;
}

/** Header leaves must be the visible columns, in order, each exactly once. */
function checkHeader(columns: ColumnDef[], header: HeaderNode[], path: string, add: AddProblem): void {
  const leaves = headerLeaves(header, `${path}.header`, add);
  const visible = columns.filter((c) => !c.hidden).map((c) => c.key);
  const hidden = new Set(columns.filter((c) => c.hidden).map((c) => c.key));
  const counts = new Map<string, number>();
  for (const k of leaves) counts.set(k, (counts.get(k) ?? 0) + 1);
  let specific = false;
  for (const [k, n] of counts) {
    if (hidden.has(k)) {
      add(`${path}.header`, `表头列 ${k} 是隐藏列，不应出现在表头中`);
      specific = true;
    } else if (!visible.includes(k)) {
      add(`${path}.header`, `表头列 ${k} 不是本表的列`);
      specific = true;
    }
    if (n > 1) {
      add(`${path}.header`, `表头列 ${k} 出现了 ${n} 次，每列只能有一个表头`);
      specific = true;
    }
  }
  for (const k of visible) {
    if (!counts.has(k)) {
      add(`${path}.header`, `列 ${k} 没有表头`);
      specific = true;
    }
  }
  if (!specific && leaves.join('\u0000') !== visible.join('\u0000')) {
    add(`${path}.header`, `表头列顺序为 ${list(leaves)}，与列的顺序 ${list(visible)} 不一致`);
  }
}

function checkColumns(columns: ColumnDef[], path: string, add: AddProblem): void {
  const seen = new Set<string>();
  columns.forEach((col, i) => {
    const at = `${path}[${i}]`;
    if (seen.has(col.key)) add(at, `列 ${col.key} 重复定义`);
    seen.add(col.key);
    if (col.numbering !== undefined && col.type !== 'seq') add(at, `列 ${col.key} 不是序号列，不能设置编号样式`);
    if (col.total === 'sum' && !isNumericType(col.type)) add(at, `列 ${col.key} 不是数值列，合计行不能求和`);
    if (col.unit !== undefined && col.type === 'money') add(at, `金额列 ${col.key} 使用表的金额单位，不能另设单位`);
    if ((col.type === 'enum') !== (col.options !== undefined)) add(at, `列 ${col.key}：选项列必须且只有选项列可以列出 options`);
    if (col.codeList !== undefined && col.type !== 'code') add(at, `列 ${col.key} 不是编码列，不能指定 codeList`);
    const values = new Set<string>();
    for (const o of col.options ?? []) {
      if (values.has(o.value) || values.has(o.label)) add(at, `列 ${col.key} 的选项“${o.label}”重复`);
      values.add(o.value).add(o.label);
    }
    for (const o of col.options ?? []) {
      for (const alias of o.aliases ?? []) {
        if (values.has(alias)) add(at, `列 ${col.key} 的选项别名“${alias}”与其他选项重复`);
        values.add(alias);
      }
    }
  });
}

function checkFact(query: FactQuery, path: string, add: AddProblem): void {
  if (!(factMeasures as readonly string[]).includes(query.measure)) {
    add(`${path}.measure`, `未知的取数口径“${query.measure}”，可用：${list(factMeasures)}`);
  }
  checkFilter(query.filter, path, add, query.measure);
}

function checkFilter(filter: Record<string, string | string[]> | undefined, path: string, add: AddProblem, measure?: string): void {
  if (!filter) return;
  for (const [key, raw] of Object.entries(filter)) {
    const at = `${path}.filter.${key}`;
    const spec = (factFilterKeys as Record<string, readonly string[] | 'digits' | 'any'>)[key];
    if (spec === undefined) {
      add(at, `未知的筛选条件“${key}”，可用：${list(Object.keys(factFilterKeys))}`);
      continue;
    }
    if (measure === 'income' && !incomeFilterKeys.includes(key as FactFilterKey)) add(at, `收入数据没有“${key}”维度，只能按 ${list(incomeFilterKeys)} 筛选`);
    const values = Array.isArray(raw) ? raw : [raw];
    if (values.length === 0) add(at, '筛选值列表为空');
    for (const v of values) {
      if (spec === 'digits') {
        const lengths = key === 'funcCode' ? [3, 5, 7] : [3, 5];
        if (!/^\d+$/.test(v) || !lengths.includes(v.length)) add(at, `科目编码“${v}”应为 ${lengths.join('/')} 位数字`);
      } else if (spec !== 'any' && !spec.includes(v)) {
        add(at, `“${v}”不是 ${key} 的取值，可用：${list(spec)}`);
      }
    }
  }
}

function checkTotal(total: TotalRowDef | undefined, columns: ColumnDef[], path: string, add: AddProblem): void {
  if (!total) return;
  const visible = columns.filter((c) => !c.hidden);
  const start = visible.findIndex((c) => c.key === total.labelColumn);
  if (start < 0) {
    add(`${path}.labelColumn`, `合计行标签列 ${total.labelColumn} 不是本表的可见列`);
    return;
  }
  const span = total.labelSpan ?? 1;
  if (start + span > visible.length) add(`${path}.labelSpan`, `合计行标签从 ${total.labelColumn} 起合并 ${span} 列，超出了表的列数`);
  for (const col of visible.slice(start, start + span)) {
    if (isNumericType(col.type)) add(`${path}.labelColumn`, `合计行标签不能占用数值列 ${col.key}`);
  }
}

/** Finds cycles in "cell depends on cells" graphs (sumRows/sumColumns); reports each cycle once. */
function checkCycles(edges: Map<string, string[]>, path: string, add: AddProblem): void {
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (node: string, trail: string[]): void => {
    if (state.get(node) === 'done') return;
    if (state.get(node) === 'visiting') {
      add(path, `求和引用形成循环：${[...trail.slice(trail.indexOf(node)), node].join(' → ')}`);
      return;
    }
    state.set(node, 'visiting');
    for (const next of edges.get(node) ?? []) visit(next, [...trail, node]);
    state.set(node, 'done');
  };
  for (const node of edges.keys()) visit(node, []);
}

function checkFixedBody(t: TableDef, body: Extract<TableBody, { kind: 'fixed' }>, path: string, add: AddProblem): void {
  const byKey = new Map(t.columns.map((c) => [c.key, c]));
  const rowKeys = new Map<string, number>();
  body.rows.forEach((row, i) => {
    if (row.key === undefined) return;
    if (rowKeys.has(row.key)) add(`${path}.rows[${i}].key`, `行键 ${row.key} 重复`);
    rowKeys.set(row.key, i);
  });
  const edges = new Map<string, string[]>();
  body.rows.forEach((row, i) => {
    const rowName = row.key ?? `#${i + 1}`;
    for (const [colKey, source] of Object.entries(row.cells)) {
      const at = `${path}.rows[${i}].cells.${colKey}`;
      const col = byKey.get(colKey);
      if (!col) {
        add(at, `固定行引用了不存在的列 ${colKey}`);
        continue;
      }
      const numeric = isNumericType(col.type);
      const node = `${rowName}.${colKey}`;
      if (typeof source === 'string') {
        if (numeric && source.trim() !== '') add(at, `数值列 ${colKey} 不能填文字“${source}”，请用 fact/sumRows/sumColumns/input`);
      } else if ('fact' in source) {
        if (!numeric) add(at, `列 ${colKey} 不是数值列，不能取数`);
        checkFact(source.fact, `${at}.fact`, add);
      } else if ('sumRows' in source) {
        if (!numeric) add(at, `列 ${colKey} 不是数值列，不能求和`);
        for (const ref of source.sumRows) {
          if (!rowKeys.has(ref)) add(at, `sumRows 引用了不存在的行 ${ref}`);
          else edges.set(node, [...(edges.get(node) ?? []), `${ref}.${colKey}`]);
        }
      } else if ('sumColumns' in source) {
        if (!numeric) add(at, `列 ${colKey} 不是数值列，不能求和`);
        for (const ref of source.sumColumns) {
          const refCol = byKey.get(ref);
          if (!refCol) add(at, `sumColumns 引用了不存在的列 ${ref}`);
          else if (!isNumericType(refCol.type)) add(at, `sumColumns 引用了非数值列 ${ref}`);
          else edges.set(node, [...(edges.get(node) ?? []), `${rowName}.${ref}`]);
        }
      }
    }
  });
  checkCycles(edges, path, add);
}

function codeLevel(rowsFrom: DerivedBody['rowsFrom'], code: string): '类' | '款' | '项' | undefined {
  const lengths: Record<number, '类' | '款' | '项'> = rowsFrom === 'functionClass' ? { 3: '类', 5: '款', 7: '项' } : { 3: '类', 5: '款' };
  return /^\d+$/.test(code) ? lengths[code.length] : undefined;
}

function checkDerivedBody(t: TableDef, body: DerivedBody, path: string, add: AddProblem): void {
  const classification = (classificationRowSources as readonly string[]).includes(body.rowsFrom);
  if (body.levels) {
    if (!classification) add(`${path}.levels`, `按“${body.rowsFrom}”生成的行没有层级`);
    else if (body.rowsFrom !== 'functionClass' && body.levels.includes('项')) add(`${path}.levels`, '经济分类只有类、款两级');
    if (new Set(body.levels).size !== body.levels.length) add(`${path}.levels`, '层级重复');
  }
  if (body.codes) {
    if (!classification) add(`${path}.codes`, `按“${body.rowsFrom}”生成的行不能列固定科目`);
    const seen = new Set<string>();
    body.codes.forEach((entry, i) => {
      const code = typeof entry === 'string' ? entry : entry.code;
      const at = `${path}.codes[${i}]`;
      const level = codeLevel(body.rowsFrom, code);
      if (!level) {
        add(at, `科目编码“${code}”的位数不对（${body.rowsFrom === 'functionClass' ? '3/5/7' : '3/5'} 位数字）`);
        return;
      }
      if (seen.has(code)) add(at, `固定科目 ${code} 重复`);
      if (body.levels && !body.levels.includes(level)) add(at, `固定科目 ${code} 属于“${level}”级，但本表不显示该级`);
      const parent = code.length > 3 ? code.slice(0, code.length - 2) : undefined;
      const parentLevel = parent ? codeLevel(body.rowsFrom, parent) : undefined;
      if (parent && parentLevel && (body.levels ?? []).includes(parentLevel) && !seen.has(parent)) {
        add(at, `固定科目 ${code} 的上级 ${parent} 应排在它之前`);
      }
      seen.add(code);
    });
  }
  checkFilter(body.filter, path, add);
  const byKey = new Map(t.columns.map((c) => [c.key, c]));
  const edges = new Map<string, string[]>();
  for (const col of t.columns) {
    if (!(col.key in body.columns)) add(`${path}.columns`, `列 ${col.key} 没有取数规则`);
  }
  for (const [colKey, source] of Object.entries(body.columns)) {
    const at = `${path}.columns.${colKey}`;
    const col = byKey.get(colKey);
    if (!col) {
      add(at, `取数规则引用了不存在的列 ${colKey}`);
      continue;
    }
    const numeric = isNumericType(col.type);
    if (typeof source === 'string') {
      if (numeric) add(at, `数值列 ${colKey} 不能取“${source}”`);
      const functionOnly = ['codeItem', 'nameQualified'];
      const classOnly = ['codeClass', 'codeSection'];
      if (functionOnly.includes(source) && body.rowsFrom !== 'functionClass') add(at, `“${source}”只用于功能分类行`);
      if (classOnly.includes(source) && !classification) add(at, `“${source}”只用于科目分类行`);
      if (source === 'seq' && col.type !== 'seq') add(at, `序号取自 seq 类型的列，列 ${colKey} 是 ${col.type}`);
    } else if ('fact' in source) {
      if (!numeric) add(at, `列 ${colKey} 不是数值列，不能取数`);
      checkFact(source.fact, `${at}.fact`, add);
    } else {
      if (!numeric) add(at, `列 ${colKey} 不是数值列，不能求和`);
      for (const ref of source.sumColumns) {
        const refCol = byKey.get(ref);
        if (!refCol) add(at, `sumColumns 引用了不存在的列 ${ref}`);
        else if (!isNumericType(refCol.type)) add(at, `sumColumns 引用了非数值列 ${ref}`);
        else edges.set(colKey, [...(edges.get(colKey) ?? []), ref]);
      }
    }
  }
  checkCycles(edges, `${path}.columns`, add);
  checkTotal(body.total, t.columns, `${path}.total`, add);
}

function formFields(body: FormBody): string[] {
  const fields: string[] = [];
  for (const section of body.sections) {
    if (section.kind === 'list') fields.push(section.field);
    else for (const row of section.rows) for (const cell of row) if (cell.field !== undefined) fields.push(cell.field);
  }
  return fields;
}

/** Cells must tile the grid exactly: every row filled to gridColumns, no overlaps, no span past the section. */
function checkCellsTiling(rows: FormCellDef[][], grid: number, path: string, add: AddProblem): void {
  const taken: boolean[][] = rows.map(() => new Array<boolean>(grid).fill(false));
  rows.forEach((row, r) => {
    let c = 0;
    row.forEach((cell, i) => {
      const at = `${path}.rows[${r}][${i}]`;
      while (c < grid && taken[r]![c]) c += 1;
      const colSpan = cell.colSpan ?? 1;
      const rowSpan = cell.rowSpan ?? 1;
      if (c + colSpan > grid) {
        add(at, `第 ${r + 1} 行的单元格超出了表格宽度（${grid} 列）`);
        c = grid;
        return;
      }
      if (r + rowSpan > rows.length) add(at, `第 ${r + 1} 行的单元格向下合并 ${rowSpan} 行，超出了本段`);
      for (let dr = 0; dr < rowSpan && r + dr < rows.length; dr += 1) {
        for (let dc = 0; dc < colSpan; dc += 1) {
          if (taken[r + dr]![c + dc]) add(at, `第 ${r + dr + 1} 行第 ${c + dc + 1} 列被两个单元格重叠占用`);
          taken[r + dr]![c + dc] = true;
        }
      }
      c += colSpan;
    });
    const filled = taken[r]!.filter(Boolean).length;
    if (filled !== grid) add(`${path}.rows[${r}]`, `第 ${r + 1} 行只占了 ${filled} 列，应为 ${grid} 列`);
  });
}

function checkListSection(section: FormListSection, body: FormBody, path: string, add: AddProblem): void {
  checkColumns(section.columns, `${path}.columns`, add);
  if (section.header) checkHeader(section.columns, section.header, path, add);
  const keys = new Set(section.columns.map((c) => c.key));
  for (const k of section.mergeColumns ?? []) if (!keys.has(k)) add(`${path}.mergeColumns`, `合并列 ${k} 不是本列表的列`);
  (section.defaultRows ?? []).forEach((row, i) => {
    for (const k of Object.keys(row)) if (!keys.has(k)) add(`${path}.defaultRows[${i}]`, `预置行引用了不存在的列 ${k}`);
  });
  if (section.indicatorStyle !== undefined && !keys.has('value')) add(`${path}.indicatorStyle`, '指标列表必须有 value（指标值）列');
  if (body.printAs === 'outline') return;
  const visible = section.columns.filter((c) => !c.hidden).length;
  if (section.columnSpans) {
    if (section.columnSpans.length !== visible) add(`${path}.columnSpans`, `columnSpans 有 ${section.columnSpans.length} 项，应与可见列数 ${visible} 相同`);
    const width = section.columnSpans.reduce((a, b) => a + b, 0);
    if (width !== body.gridColumns) add(`${path}.columnSpans`, `列表共占 ${width} 列，应为表格宽度 ${body.gridColumns} 列`);
  } else if (visible !== body.gridColumns) {
    add(`${path}.columns`, `列表有 ${visible} 个可见列，与表格宽度 ${body.gridColumns} 列不符（可用 columnSpans）`);
  }
}

function checkFormBody(t: TableDef, body: FormBody, path: string, add: AddProblem): void {
  if (t.columns.length > 0 || t.header.length > 0) add(path, '表单类表格的 columns 和 header 应为空，单元格由 body.sections 定义');
  if (body.repeatFor !== undefined && !(formCollections as readonly string[]).includes(body.repeatFor)) {
    add(`${path}.repeatFor`, `未知的重复对象“${body.repeatFor}”，可用：${list(formCollections)}`);
  }
  const seen = new Set<string>();
  for (const f of formFields(body)) {
    if (!KEY_PATTERN.test(f)) add(path, `字段名“${f}”只能由字母、数字和下划线组成，且以字母开头`);
    if (seen.has(f)) add(path, `字段 ${f} 重复`);
    seen.add(f);
  }
  body.sections.forEach((section, s) => {
    const at = `${path}.sections[${s}]`;
    if (section.kind === 'list') {
      checkListSection(section, body, at, add);
      return;
    }
    checkCellsTiling(section.rows, body.gridColumns, at, add);
    section.rows.forEach((row, r) =>
      row.forEach((cell, i) => {
        const cellAt = `${at}.rows[${r}][${i}]`;
        if (cell.field === undefined) {
          for (const k of ['fact', 'defaultValue', 'suffix', 'type'] as const) {
            if (cell[k] !== undefined) add(cellAt, `没有 field 的单元格不能设置 ${k}`);
          }
        }
        if (cell.fact) {
          if (cell.type !== undefined && !isNumericType(cell.type)) add(cellAt, `取数字段 ${cell.field ?? ''} 应为数值类型`);
          checkFact(cell.fact, `${cellAt}.fact`, add);
        }
      }),
    );
  });
}

function textsWithPlaceholders(t: TableDef): { path: string; text: string }[] {
  const texts: { path: string; text: string }[] = [{ path: 'title', text: t.title }];
  if (t.shortTitle) texts.push({ path: 'shortTitle', text: t.shortTitle });
  if (t.unitLine) texts.push({ path: 'unitLine', text: t.unitLine });
  if (t.emptyNote) texts.push({ path: 'emptyNote', text: t.emptyNote });
  (t.notes ?? []).forEach((text, i) => texts.push({ path: `notes[${i}]`, text }));
  (t.aliases ?? []).forEach((text, i) => texts.push({ path: `aliases[${i}]`, text }));
  if (t.body.kind === 'free' || t.body.kind === 'derived') {
    if (t.body.total) texts.push({ path: 'body.total.label', text: t.body.total.label });
  }
  if (t.body.kind === 'form') {
    t.body.sections.forEach((section, s) => {
      if (section.kind !== 'cells') return;
      section.rows.forEach((row, r) =>
        row.forEach((cell, i) => {
          if (cell.text) texts.push({ path: `body.sections[${s}].rows[${r}][${i}].text`, text: cell.text });
          if (cell.defaultValue) texts.push({ path: `body.sections[${s}].rows[${r}][${i}].defaultValue`, text: cell.defaultValue });
        }),
      );
    });
  }
  return texts;
}

function checkPlaceholders(t: TableDef, path: string, add: AddProblem): void {
  const allowed = new Set<string>(placeholderNames);
  if (t.body.kind === 'form' && t.body.repeatFor !== undefined) {
    for (const name of repeatPlaceholderNames) allowed.add(name);
    for (const f of formFields(t.body)) allowed.add(`item.${f}`);
  }
  for (const { path: p, text } of textsWithPlaceholders(t)) {
    for (const m of text.matchAll(/\{([^{}]*)\}/g)) {
      if (!allowed.has(m[1]!)) add(`${path}.${p}`, `未知的占位符 {${m[1]}}，可用：${list([...allowed].map((n) => `{${n}}`))}`);
    }
  }
}

/** Normalises a title for recognition: no spaces, no year prefix, one kind of quotes and dashes. */
export function normaliseTitle(title: string): string {
  return title
    .replace(/\s+/g, '')
    .replace(/^(\{year\}|\d{4})年(度)?/, '')
    .replace(/[“”"‘’']/g, '"')
    .replace(/[－—–-]/g, '-');
}

function checkTable(t: TableDef, path: string, add: AddProblem): void {
  checkColumns(t.columns, `${path}.columns`, add);
  if (t.body.kind !== 'form') {
    if (t.columns.length === 0) add(`${path}.columns`, '表格没有列');
    checkHeader(t.columns, t.header, path, add);
  }
  if (t.numberRow) {
    const visible = t.columns.filter((c) => !c.hidden).length;
    if (t.numberRow.length !== visible) add(`${path}.numberRow`, `栏次行有 ${t.numberRow.length} 格，应与可见列数 ${visible} 相同`);
  }
  const body = t.body;
  switch (body.kind) {
    case 'free':
      checkTotal(body.total, t.columns, `${path}.body.total`, add);
      break;
    case 'fixed':
      checkFixedBody(t, body, `${path}.body`, add);
      break;
    case 'derived':
      checkDerivedBody(t, body, `${path}.body`, add);
      break;
    case 'form':
      checkFormBody(t, body, `${path}.body`, add);
      break;
  }
  checkPlaceholders(t, path, add);
}

/**
 * Everything zod's shape check cannot see: header ↔ column agreement, references between rows, columns
 * and fields, the fact vocabulary, form tiling, placeholders. An empty list means the set is usable.
 */
export function validateTableSet(set: TableSet): TableSetProblem[] {
  const problems: TableSetProblem[] = [];
  const ids = new Map<string, number>();
  const titles = new Map<string, string>();
  set.tables.forEach((t, i) => {
    const path = `tables[${i}](${t.id})`;
    const add: AddProblem = (p, message) => problems.push({ path: p, message: `表“${t.number ? `${t.number} ` : ''}${t.shortTitle ?? t.title}”：${message}` });
    if (ids.has(t.id)) add(`${path}.id`, `表编号 ${t.id} 与第 ${ids.get(t.id)! + 1} 张表重复`);
    ids.set(t.id, i);
    for (const name of new Set([t.title, ...(t.aliases ?? [])].map(normaliseTitle))) {
      const other = titles.get(name);
      if (other !== undefined && other !== t.id) add(`${path}.aliases`, `标题“${name}”同时属于表 ${other}，导入时无法区分`);
      titles.set(name, t.id);
    }
    checkTable(t, path, add);
  });
  return problems;
}

/** Shape check plus validateTableSet() for a raw JSON document. */
export function checkTableSet(raw: unknown): { set: TableSet | null; problems: TableSetProblem[] } {
  const parsed = tableSetSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      set: null,
      problems: parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: `格式错误：${issue.message}` })),
    };
  }
  return { set: parsed.data, problems: validateTableSet(parsed.data) };
}

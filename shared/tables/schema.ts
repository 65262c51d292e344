import { z } from 'zod';

/**
 * Official table layouts as data. One TableDef drives the grid, totals, checks, exporters and the
 * importer's recognition, so every field here must be meaningful to all of them.
 * Text fields may contain placeholders: {year} {prevYear} {deptName} {unitCode}.
 */

export const columnTypes = ['text', 'longtext', 'money', 'number', 'integer', 'percent', 'code', 'seq'] as const;
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

/**
 * A value from the budget facts. `measure` names what is summed, `filter` narrows the facts;
 * the derivation engine gives them meaning, the schema only fixes the shape.
 */
export const factQuerySchema = z.strictObject({
  measure: z.string(),
  filter: z.record(z.string(), z.union([z.string(), z.array(z.string())])).optional(),
});
export type FactQuery = z.infer<typeof factQuerySchema>;

/** A cell of a fixed row: literal text, a fact query, a sum of other rows, or a clerk's input. */
export const cellSourceSchema = z.union([
  z.string(),
  z.strictObject({ fact: factQuerySchema }),
  z.strictObject({ sumRows: z.array(z.string()).min(1) }),
  z.strictObject({ sumColumns: z.array(z.string()).min(1) }),
  z.strictObject({ input: z.literal(true) }),
]);
export type CellSource = z.infer<typeof cellSourceSchema>;

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
});
export type TotalRowDef = z.infer<typeof totalRowSchema>;

/** Rows generated from the facts: one row per distinct value (e.g. per 功能分类 类/款/项, per project). */
export const derivedBodySchema = z.strictObject({
  kind: z.literal('derived'),
  /** What each row stands for: a classification, or a list of entities. */
  rowsFrom: z.enum(['functionClass', 'economicClass', 'govEconomicClass', 'project', 'unit', 'specialFund', 'fundDirection']),
  /** Hierarchy levels shown as rows, with subtotals, for classification rows. */
  levels: z.array(z.enum(['类', '款', '项'])).optional(),
  /** Fixed list of codes that always appear (e.g. 附件5 lists every 301 款 even when zero). */
  codes: z.array(z.string()).optional(),
  /** Restrict which facts feed the table. */
  filter: z.record(z.string(), z.union([z.string(), z.array(z.string())])).optional(),
  /** How each column is computed for a row: a literal role or a fact query relative to the row. */
  columns: z.record(
    z.string(),
    z.union([z.enum(['code', 'codeClass', 'codeSection', 'codeItem', 'name', 'seq']), z.strictObject({ fact: factQuerySchema }), z.strictObject({ sumColumns: z.array(z.string()).min(1) })]),
  ),
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
 * where some cells are fields and one section may repeat rows (indicator lists).
 */
export const formCellSchema = z.strictObject({
  text: z.string().optional(),
  field: z.string().optional(),
  colSpan: z.number().int().min(1).max(40).optional(),
  rowSpan: z.number().int().min(1).max(40).optional(),
  type: z.enum(columnTypes).optional(),
  align: z.enum(['left', 'center', 'right']).optional(),
  bold: z.boolean().optional(),
});
export const formSectionSchema = z.union([
  z.strictObject({ kind: z.literal('cells'), rows: z.array(z.array(formCellSchema)).min(1) }),
  z.strictObject({
    kind: z.literal('list'),
    /** The repeated records, e.g. 'indicators'. */
    field: z.string(),
    columns: z.array(columnDefSchema).min(1),
    header: z.array(headerNodeSchema).min(1).optional(),
    /** Columns whose equal consecutive values merge vertically (一级指标, 二级指标). */
    mergeColumns: z.array(z.string()).optional(),
  }),
]);
export const formBodySchema = z.strictObject({
  kind: z.literal('form'),
  /** Number of grid columns the form spans. */
  gridColumns: z.number().int().min(1).max(40),
  /** One form per record of this collection (e.g. one table per project); absent = one form. */
  repeatFor: z.string().optional(),
  sections: z.array(formSectionSchema).min(1),
});

export const bodySchema = z.discriminatedUnion('kind', [freeBodySchema, fixedBodySchema, derivedBodySchema, formBodySchema]);
export type BodyDef = z.infer<typeof bodySchema>;

export const moneyUnits = ['元', '万元'] as const;
export type MoneyUnit = (typeof moneyUnits)[number];

export const tableDefSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
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
  columns: z.array(columnDefSchema),
  header: z.array(headerNodeSchema),
  body: bodySchema,
  /** Lines printed under the table (说明). */
  notes: z.array(z.string()).optional(),
  /** Printed instead of rows when the table has no data. */
  emptyNote: z.string().optional(),
  /** Alternative titles used by other years/regions, for the importer's recognition. */
  aliases: z.array(z.string()).optional(),
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

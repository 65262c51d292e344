import type { HeaderCell } from '../tables/layout.js';
import type { ColumnDef, MoneyUnit, TableDef } from '../tables/schema.js';
import type { RowCells } from '../workbook/types.js';

/**
 * What a derived (read-only) table looks like once evaluated: every cell as printed, plus the exact
 * value behind each figure. Shared by the core API, the CLI and (later) the renderer.
 */

export interface DerivedCell {
  /** Exactly what the official table prints in this cell ('' for a blank cell). */
  text: string;
  /** Figures only: the exact value in 元 as a canonical decimal string ('0' when zero). */
  value?: string;
  /** Present on figures that can be drilled into: pass the row key and column to `workbook.drill`. */
  drill?: string;
  /** Visible columns this cell covers (a 合计 label over 类|款|项|名称); covered cells are absent. */
  colSpan?: number;
  /** A label-and-amount cell ("一、基本支出 448.93"): the label part; `text` is what prints, `value` the amount. */
  label?: string;
}

/** 'blank': one of the empty rows an empty table prints above its 合计 row (TableDef.blankRows). */
export type DerivedRowStyle = 'normal' | 'section' | 'subtotal' | 'total' | 'blank';

export interface DerivedRow {
  /** Stable within a table: a classification code, 'p:<项目>', 'c:<类别>', 'u:<单位>', 'total', or a fixed row key. */
  key: string;
  /** Indent level (类 0, 款 1, 项 2; fixed rows as defined). */
  level: number;
  style: DerivedRowStyle;
  cells: Record<string, DerivedCell>;
}

/** Displayed parts that do not add up to the displayed total because each was rounded on its own. */
export interface DerivedHint {
  rowKey: string;
  col: string;
  message: string;
  /** The total as printed and the sum of the parts as printed. */
  shown: string;
  partsSum: string;
}

/** Something in the data the table cannot show faithfully (a fact that fits no row, an unknown code). */
export interface DerivedProblem {
  message: string;
  rowKey?: string;
  col?: string;
  /** The model rows concerned, where known. */
  sources?: FactSource[];
}

export interface DerivedColumn {
  key: string;
  type: ColumnDef['type'];
  align?: 'left' | 'center' | 'right';
  width?: number;
}

export interface DerivedTable {
  tableId: string;
  number: string;
  /** Placeholders filled ({year}, {deptName} …). */
  title: string;
  shortTitle?: string;
  orientation: TableDef['orientation'];
  /** '单位名称：…' line, or null when the layout prints none. */
  unitLine: string | null;
  /** '单位：万元' line, or null when the layout prints none. */
  moneyUnitLine: string | null;
  /** The two lines print as one (name left, unit right). */
  unitLinesJoined?: boolean;
  moneyUnit: MoneyUnit;
  /** Visible columns, in order. */
  columns: DerivedColumn[];
  header: { rows: number; cells: HeaderCell[] };
  numberRow?: string[];
  rows: DerivedRow[];
  /** No figure in the table is non-zero. */
  empty: boolean;
  /** Printed when the table is empty, under its blank rows if it has any (the layout's official note, filled). */
  emptyNote?: string;
  notes: string[];
  hints: DerivedHint[];
  problems: DerivedProblem[];
}

export interface FactSource {
  /** Model table (fact-lines, fact-projects, fact-income) or, for an entered cell, the layout's store. */
  tableId: string;
  rowId: string;
}

export interface DrillLine extends FactSource {
  /** The stored row as it is (money in 元). */
  cells: RowCells;
  /** What this row contributes to the figure, in 元 (a project's own row contributes what its lines leave over). */
  amount: string;
}

export interface DrillResult {
  /** What the figure is, in words: '附件3 部门支出总表 · 2010301 行政运行 · 一般公共预算拨款'. */
  label: string;
  /** The figure, exact, in 元. */
  total: string;
  lines: DrillLine[];
}

/** One layout in the side list: derived tables say whether they have anything to show. */
export interface TableListEntry {
  id: string;
  number: string;
  title: string;
  shortTitle?: string;
  group?: string;
  kind: 'derived' | 'entered';
  body: TableDef['body']['kind'];
  /** Derived tables only: some figure is non-zero (an empty one prints its empty-table note). */
  nonEmpty?: boolean;
  /** Derived tables only: rounding hints and data problems in the table. */
  hints?: number;
  problems?: number;
}

export interface UnitEntry {
  code: string;
  name: string;
  /** 'self' (本级) | 'subordinate' (下属单位) | '' */
  kind: string;
  /** 'admin' | 'civilServant' | 'institution' | '' */
  unitType: string;
}

export interface TablesOverview {
  revision: number;
  tableSetId: string;
  /** The 预算单位 (预算单位构成); empty when the workbook lists none (the department is its own 本级). */
  units: UnitEntry[];
  tables: TableListEntry[];
  /** Model rows that cannot be used as they are (unknown project, missing 科目 …). */
  issues: (FactSource & { message: string })[];
}

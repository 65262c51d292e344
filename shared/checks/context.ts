import type { Dec } from '../money/decimal.js';
import type { DerivedTable } from '../derive/types.js';
import type { Finding as PerfFinding } from '../perf/findings.js';
import type { RenderedNarrative } from '../narrative/render.js';
import type { CodeKind, CodeList } from '../reference/types.js';
import type { TableRole } from '../tables/roles.js';
import type { FactQuery, TableDef, TableSet } from '../tables/schema.js';
import type { GridRow, WorkbookMeta } from '../workbook/types.js';

/** A derived layout as printed, with its definition. */
export interface PrintedLayout {
  def: TableDef;
  table: DerivedTable;
}

/**
 * What the rules read, from one workbook at one revision. The core builds it over the derived-table
 * cache; tests build it over plain rows. Everything is computed on demand and may be cached by the builder.
 */
export interface CheckContext {
  meta: WorkbookMeta;
  set: TableSet;
  /** The layout of the set with this role, as printed; null when the set has none. */
  byRole(role: TableRole): PrintedLayout | null;
  /** Every derived layout of the set, in set order. */
  printed(): PrintedLayout[];
  /** Σ of the budget facts matching `query`, in 元; `prev` sums 上年预算数. */
  sum(query: FactQuery, prev?: boolean): Dec;
  /** Rows of a model table (or an entered layout's store). */
  rows(store: string): readonly GridRow[];
  /** Stores whose text the clerk typed (every model table and entered layout of the set). */
  textStores(): string[];
  /** The layout of the set showing a store's rows, for pointing at them. */
  layoutOf(store: string): string;
  /** Model rows the facts cannot use (unknown project, missing 科目 …). */
  factIssues(): { tableId: string; rowId: string; message: string }[];
  /**
   * The 说明 as rendered at this revision, when the builder keeps one (the core's is the 说明 page's, which
   * reuses what an edit left unchanged); without it the text rules render the 说明 themselves.
   */
  narrative?(): RenderedNarrative | null;
  /** The 绩效 lint's findings (run once per revision of the 绩效 and budget data). */
  perf(): PerfFinding[];
  /** The year's code lists, by kind, where loaded. */
  lists: Partial<Record<CodeKind, CodeList>>;
}

/** Which data a rule's result depends on, so an edit re-runs only the rules that read what it changed. */
export type Dependency = 'budget' | 'perf' | 'text';

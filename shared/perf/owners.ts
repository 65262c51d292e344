import { Dec } from '../money/decimal.js';
import type { MoneyUnit } from '../tables/schema.js';
import type { GridRow, RowCells } from '../workbook/types.js';
import { PERF_TABLES } from './binding.js';
import { indicatorFromCells, parseIndicatorValue, printIndicator, squeezeText, type ParsedIndicator } from './indicator.js';
import { directionIndicatorColumns, level1Of, level2KindOf, level2Label, normaliseLevel1, type Level1, type Level2Kind } from './tree.js';

/** Everything the lint reads: the perf model rows of one workbook and, when present, its budget totals. */
export interface PerfInput {
  year: number;
  /** The workbook's 金额单位: a bare 成本 figure such as "200" is read in it. */
  moneyUnit: MoneyUnit;
  /** Rows by model table id (PERF_TABLES); absent tables count as empty. */
  rows: Partial<Record<string, readonly GridRow[]>>;
  /** 基本支出 / 项目支出 from the budget facts (fact-lines, fact-projects), in 元; null without budget data. */
  budget: { basic: Dec; project: Dec; total: Dec } | null;
}

/** An indicator wherever it is written: a perf-indicators row, or one of the 9 text columns of 附件3-2. */
export interface IndicatorItem {
  store: string;
  row: string;
  /** Set for 附件3-2 cells (the column is the 二级 kind); null for perf-indicators rows. */
  column: string | null;
  level1: Level1 | undefined;
  kind: Level2Kind | undefined;
  level1Text: string;
  level2Text: string;
  name: string;
  desc: string;
  parsed: ParsedIndicator;
  /** The 指标值 as one text (printed from the stored parts, or the cell of 附件3-2). */
  valueText: string;
  periodValue: string;
  /** The stored cells of a perf-indicators row (null for 附件3-2 cells). */
  cells: RowCells | null;
}

/** A project (perf-projects row) or a 支出方向 (附件3-2 row), with its indicators. */
export interface Owner {
  type: 'project' | 'direction';
  store: string;
  row: string;
  name: string;
  /** 项目“X” or 支出方向“X”（专项Y）, for messages. */
  where: string;
  amount: Dec | null;
  fiscal: Dec | null;
  other: Dec | null;
  cells: RowCells;
  indicators: IndicatorItem[];
}

export const cellText = (cells: RowCells, key: string): string => squeezeText(cells[key] ?? '');

/** A stored money cell (元), or null when empty or unreadable. */
export function moneyCell(cells: RowCells, key: string): Dec | null {
  const text = (cells[key] ?? '').trim();
  if (text === '') return null;
  try {
    return new Dec(text);
  } catch {
    return null;
  }
}

export const rowsOf = (input: PerfInput, table: string): readonly GridRow[] => input.rows[table] ?? [];

/** Items by row object: an unchanged row (the core keeps its object) is not parsed again. */
const items = new WeakMap<GridRow, IndicatorItem>();

function projectItem(row: GridRow): IndicatorItem {
  let item = items.get(row);
  if (!item) items.set(row, (item = readItem(row)));
  return item;
}

function readItem(row: GridRow): IndicatorItem {
  const c = row.cells;
  const kind = level2KindOf(c.level2);
  const parsed = indicatorFromCells(c);
  return {
    store: PERF_TABLES.indicators,
    row: row.id,
    column: null,
    level1: normaliseLevel1(c.level1),
    kind,
    level1Text: cellText(c, 'level1'),
    level2Text: cellText(c, 'level2'),
    name: cellText(c, 'name'),
    desc: cellText(c, 'desc'),
    parsed,
    valueText: printIndicator(parsed, 'symbol'),
    periodValue: cellText(c, 'periodValue'),
    cells: c,
  };
}

export function projectOwners(input: PerfInput): Owner[] {
  const byOwner = new Map<string, GridRow[]>();
  for (const row of rowsOf(input, PERF_TABLES.indicators)) {
    const owner = row.cells.owner ?? '';
    const list = byOwner.get(owner);
    if (list) list.push(row);
    else byOwner.set(owner, [row]);
  }
  return rowsOf(input, PERF_TABLES.projects).map((row, i) => {
    const name = cellText(row.cells, 'name');
    return {
      type: 'project',
      store: PERF_TABLES.projects,
      row: row.id,
      name,
      where: name ? `项目“${name}”` : `第${i + 1}个项目`,
      amount: moneyCell(row.cells, 'amount'),
      fiscal: moneyCell(row.cells, 'fiscalAmount'),
      other: moneyCell(row.cells, 'otherAmount'),
      cells: row.cells,
      indicators: (byOwner.get(row.id) ?? []).map(projectItem),
    };
  });
}

export function directionOwners(input: PerfInput): Owner[] {
  return rowsOf(input, PERF_TABLES.directions).map((row, i) => {
    const direction = cellText(row.cells, 'direction');
    const special = cellText(row.cells, 'fundName');
    const label = direction || `第${i + 1}行`;
    const indicators = directionIndicatorColumns
      .filter(({ key }) => cellText(row.cells, key) !== '')
      .map(({ key, kind }): IndicatorItem => {
        const text = cellText(row.cells, key);
        return {
          store: PERF_TABLES.directions,
          row: row.id,
          column: key,
          level1: level1Of(kind),
          kind,
          level1Text: level1Of(kind),
          level2Text: level2Label(kind),
          name: '',
          desc: '',
          parsed: parseIndicatorValue(text),
          valueText: text,
          periodValue: '',
          cells: null,
        };
      });
    return {
      type: 'direction',
      store: PERF_TABLES.directions,
      row: row.id,
      name: direction,
      where: special ? `支出方向“${label}”（${special}）` : `支出方向“${label}”`,
      amount: moneyCell(row.cells, 'amount'),
      fiscal: null,
      other: null,
      cells: row.cells,
      indicators,
    };
  });
}

/** 项目“X” › 成本指标“Y”: where an indicator sits, for messages. */
export function itemWhere(owner: Owner, item: IndicatorItem): string {
  const kind = item.kind ? level2Label(item.kind) : item.level2Text || '指标';
  return item.name ? `${owner.where} › ${kind}“${item.name}”` : `${owner.where} › ${kind}`;
}

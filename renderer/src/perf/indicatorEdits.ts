import { PERF_TABLES } from '../../../shared/perf/binding';
import { indicatorFromCells, printIndicator, type IndicatorStyle } from '../../../shared/perf/indicator';
import { level1Names, level2Kinds, level2KindOf, level2Label, normaliseLevel1 } from '../../../shared/perf/tree';
import type { Edit } from '../../../shared/api/contract';
import type { GridRow, RowCells } from '../../../shared/workbook/types';

/**
 * The grid's columns in printed order; paste fills them left to right from the focused one. Each has the
 * pixel width it would like and its part in the column fitting (grid/columnFit.ts): the three levels say
 * which indicator a row is and stay in view.
 */
export const INDICATOR_COLUMNS = [
  { key: 'level1', label: '一级指标', width: 108, type: 'enum', role: 'code' },
  { key: 'level2', label: '二级指标', width: 132, type: 'enum', role: 'code' },
  { key: 'name', label: '三级指标', width: 240, type: 'text', role: 'name' },
  { key: 'desc', label: '绩效指标描述', width: 300, type: 'longtext', role: null },
  { key: 'value', label: '指标值', width: 110, type: 'text', role: null },
  { key: 'basis', label: '指标值确定依据', width: 108, type: 'text', role: null },
  { key: 'weight', label: '权重', width: 56, type: 'number', role: null },
] as const;

export const level1Choices: readonly string[] = level1Names;

/** 二级 choices under a 一级, printed as the tables print them (数量指标). */
export function level2Choices(level1: string | undefined): string[] {
  const l1 = normaliseLevel1(level1);
  return l1 ? level2Kinds[l1].map((k) => level2Label(k)) : [];
}

/** Picking another 一级 clears a 二级 that does not belong under it, in the same undo step. */
export function level1Edit(row: GridRow, level1: string): Edit {
  const cells = [{ rowId: row.id, col: 'level1', text: level1 }];
  const kind = level2KindOf(row.cells.level2);
  if (row.cells.level2 && (!kind || !level2Choices(level1).includes(level2Label(kind)))) cells.push({ rowId: row.id, col: 'level2', text: '' });
  return { kind: 'setCells', tableId: PERF_TABLES.indicators, cells };
}

/** The 二级 select's value: the stored text read as a kind, so 数量 and 数量指标 show the same choice. */
export function level2Shown(cells: RowCells): string {
  const kind = level2KindOf(cells.level2);
  return kind ? level2Label(kind) : (cells.level2 ?? '');
}

export const printedValue = (cells: RowCells, style: IndicatorStyle): string => printIndicator(indicatorFromCells(cells), style);

/** Where in the whole table a new indicator of this owner goes: after its last one, else at the end. */
export function endOfOwner(all: readonly GridRow[], owner: string): number {
  let at = all.length;
  all.forEach((r, i) => {
    if (r.cells.owner === owner) at = i + 1;
  });
  return at;
}

/** Pasted TSV rows as perf.indicators.paste takes them, starting at the focused column. */
export function pastedRows(block: string[][], startCol: number): Record<string, string>[] {
  return block
    .filter((cells) => cells.some((c) => c.trim() !== ''))
    .map((cells) => {
      const row: Record<string, string> = {};
      cells.forEach((text, i) => {
        const col = INDICATOR_COLUMNS[startCol + i];
        if (col) row[col.key] = text;
      });
      return row;
    });
}

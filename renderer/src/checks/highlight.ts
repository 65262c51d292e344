import { useSyncExternalStore } from 'react';
import type { CheckFinding, FindingCell } from '../../../shared/checks/rule';

/**
 * The cells of the 审核 finding the clerk last picked. Kept outside React, like the drill-down jump, so
 * whichever view shows a table (derived view, entry grid) marks them when it mounts after navigation.
 */
interface Highlight {
  findingId: string;
  cells: readonly FindingCell[];
  /** Bumped on every pick, so picking the same finding again scrolls to it again. */
  serial: number;
}

let current: Highlight | null = null;
let serial = 0;
const listeners = new Set<() => void>();

export function setHighlight(finding: Pick<CheckFinding, 'id' | 'cells'> | null): void {
  serial += 1;
  current = finding ? { findingId: finding.id, cells: finding.cells, serial } : null;
  for (const l of listeners) l();
}

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

/** A table's marked cells: a cell without a row marks its whole column, without either the whole table. */
export interface TableMarks {
  findingId: string;
  serial: number;
  has(row: string, col: string): boolean;
  /** The whole table is named (an empty table's note). */
  whole: boolean;
  /** The finding's cells in this table, for views that must find the place first (a project's form). */
  cells: readonly FindingCell[];
}

const marksCache = new WeakMap<Highlight, Map<string, TableMarks | null>>();

export function marksFor(h: Highlight | null, tableId: string): TableMarks | null {
  if (!h) return null;
  let byTable = marksCache.get(h);
  if (!byTable) marksCache.set(h, (byTable = new Map()));
  if (byTable.has(tableId)) return byTable.get(tableId)!;
  const mine = h.cells.filter((c) => c.table === tableId);
  let marks: TableMarks | null = null;
  if (mine.length > 0) {
    const exact = new Set(mine.filter((c) => c.row !== null).map((c) => `${c.row}|${c.column ?? '*'}`));
    const columns = new Set(mine.filter((c) => c.row === null && c.column !== null).map((c) => c.column!));
    marks = {
      findingId: h.findingId,
      serial: h.serial,
      whole: mine.some((c) => c.row === null && c.column === null),
      cells: mine,
      has: (row, col) => exact.has(`${row}|${col}`) || exact.has(`${row}|*`) || columns.has(col),
    };
  }
  byTable.set(tableId, marks);
  return marks;
}

/** The picked finding's cells in one table (null when it names none there); re-renders on every pick. */
export function useTableMarks(tableId: string): TableMarks | null {
  const h = useSyncExternalStore(subscribe, () => current);
  return marksFor(h, tableId);
}

/** The finding whose cells are marked, for the panel to show it as picked. */
export function usePickedFinding(): string | null {
  return useSyncExternalStore(subscribe, () => current?.findingId ?? null);
}

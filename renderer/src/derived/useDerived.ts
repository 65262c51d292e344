import { useEffect, useState } from 'react';
import type { ApiError } from '../../../shared/api/result';
import type { DerivedTable, UnitEntry } from '../../../shared/derive/types';
import { call } from '../api/client';

/**
 * A derived table as the core evaluates it, re-read whenever the workbook's revision moves (every change,
 * undo and redo), with the 预算单位 for the unit selector.
 */
export function useDerived(path: string, tableId: string, unit: string, revision: number) {
  const [table, setTable] = useState<DerivedTable | null>(null);
  const [units, setUnits] = useState<UnitEntry[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    let live = true;
    void Promise.all([
      call('workbook.derived', { path, tableId, ...(unit ? { unit } : {}) }),
      call('workbook.tables', { path }),
    ]).then(([derived, overview]) => {
      if (!live) return;
      if (derived.ok) {
        setTable(derived.value);
        setError(null);
      } else setError(derived.error);
      if (overview.ok) setUnits(overview.value.units);
    });
    return () => {
      live = false;
    };
  }, [path, tableId, unit, revision]);
  // A table from another id must not flash while the new one loads.
  return { table: table?.tableId === tableId ? table : null, units, error };
}

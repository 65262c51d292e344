import { useEffect } from 'react';
import type { WorkbookSession } from '../../workbook/session';
import type { GridColumn } from '../columns';

/** Loads the tables that ref columns point at (a line's 预算单位, its 项目), so pickers and names have rows. */
export function useRefTables(session: WorkbookSession, columns: readonly GridColumn[]): void {
  useEffect(() => {
    const wanted = new Set(columns.flatMap((c) => (c.def.ref ? [c.def.ref.table] : [])));
    for (const id of wanted) if (!session.getSnapshot().tables.has(id)) void session.loadTable(id);
  }, [session, columns]);
}

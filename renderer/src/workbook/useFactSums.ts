import { useEffect, useState } from 'react';
import type { FactQuery } from '../../../shared/tables/schema';
import { call } from '../api/client';
import { useNotifier } from '../ui/Notifier';
import type { WorkbookSession } from './session';

/**
 * Sums (元) of budget-fact queries by name, asked again at every revision: a change to the budget data (or
 * its undo) moves them, and the core only answers for the revision it holds. Null without queries or
 * until the first answer. `queries` must keep its identity between renders.
 */
export function useFactSums(session: WorkbookSession, queries: Record<string, FactQuery>, revision: number): Record<string, string> | null {
  const { notifyError } = useNotifier();
  const [sums, setSums] = useState<Record<string, string> | null>(null);
  useEffect(() => {
    if (Object.keys(queries).length === 0) return;
    let live = true;
    void call('workbook.factSums', { path: session.path, queries }).then((r) => {
      if (!live) return;
      if (r.ok) setSums(r.value);
      else notifyError(r.error);
    });
    return () => {
      live = false;
    };
  }, [session, queries, revision, notifyError]);
  return Object.keys(queries).length === 0 ? null : sums;
}

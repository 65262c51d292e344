import { useEffect, useState } from 'react';
import type { ApiError } from '../../../shared/api/result';
import type { CheckFinding } from '../../../shared/checks/rule';
import { call } from '../api/client';

/**
 * The workbook's 审核 findings, asked again at every revision (each edit, undo, redo and 说明 moves it):
 * the core re-runs only the rules that read what changed, so asking after every commit is cheap.
 */
export function useChecks(path: string, revision: number | null): { findings: CheckFinding[] | null; error: ApiError | null } {
  const [state, setState] = useState<{ findings: CheckFinding[] | null; error: ApiError | null }>({ findings: null, error: null });
  useEffect(() => {
    if (revision === null) return;
    let live = true;
    void call('checks.run', { path }).then((r) => {
      if (!live) return;
      // A failed run keeps the last findings in sight with the reason above them.
      setState((s) => (r.ok ? { findings: r.value, error: null } : { findings: s.findings, error: r.error }));
    });
    return () => {
      live = false;
    };
  }, [path, revision]);
  return state;
}

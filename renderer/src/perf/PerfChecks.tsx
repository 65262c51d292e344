import { useEffect, useState, type ReactNode } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import { PERF_TABLES } from '../../../shared/perf/binding';
import type { Finding } from '../../../shared/perf/findings';
import type { TableDef } from '../../../shared/tables/schema';
import { call } from '../api/client';
import { useNotifier } from '../ui/Notifier';
import type { WorkbookSession } from '../workbook/session';
import { LintPanel } from './LintPanel';

const perfStores: readonly string[] = Object.values(PERF_TABLES);

/** The 绩效 model tables a table's rows or fields live in (a form's own store and its lists'); empty for other tables. */
export function perfStoresOf(def: TableDef): string[] {
  const stores = [def.store ?? def.id];
  if (def.body.kind === 'form') for (const s of def.body.sections) if (s.kind === 'list' && s.store !== undefined) stores.push(s.store);
  return stores.filter((s) => perfStores.includes(s));
}

/** The 质量检查 findings on some model tables, asked again at every revision of the workbook. */
export function usePerfFindings(session: WorkbookSession, stores: readonly string[], revision: number): Finding[] | null {
  const { notifyError } = useNotifier();
  const [findings, setFindings] = useState<Finding[] | null>(null);
  const key = stores.join(',');
  useEffect(() => {
    let live = true;
    const wanted = new Set(key.split(','));
    void call('perf.lint', { path: session.path }).then((r) => live && (r.ok ? setFindings(r.value.filter((f) => wanted.has(f.store))) : notifyError(r.error)));
    return () => {
      live = false;
    };
  }, [session, key, revision, notifyError]);
  return findings;
}

/**
 * 质量检查 where the clerk works: the errors of this table stay in sight as they arise (the 专项 total
 * against 项目支出, 部门整体 against the budget), and the button opens every finding of the table.
 * `children` are the page's other tools, shown before the button.
 */
export function PerfChecks({ findings, onPick, children }: { findings: Finding[] | null; onPick?(f: Finding): void; children?: ReactNode }) {
  const [showAll, setShowAll] = useState(false);
  const errors = (findings ?? []).filter((f) => f.severity === 'error');
  return (
    <>
      <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
        {children}
        <Button size="small" variant="outlined" data-testid="run-lint" onClick={() => setShowAll(true)}>
          质量检查{findings && findings.length > 0 ? `（${findings.length}）` : ''}
        </Button>
      </Box>
      {errors.map((f) => (
        <Alert key={f.id} severity="error" data-testid="table-finding">
          {f.message}
        </Alert>
      ))}
      {showAll && findings && <LintPanel findings={findings} onPick={(f) => onPick?.(f)} onClose={() => setShowAll(false)} />}
    </>
  );
}

/** 质量检查 above a 绩效 table that is not a grid (部门整体's entry table, a printed form); nothing for other tables. */
export function PerfTableChecks({ session, table, revision }: { session: WorkbookSession; table: TableDef; revision: number }) {
  const stores = perfStoresOf(table);
  const findings = usePerfFindings(session, stores, revision);
  if (stores.length === 0) return null;
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1, mb: 1 }}>
      <PerfChecks findings={findings} />
    </Box>
  );
}

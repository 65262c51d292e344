import { useEffect, useState } from 'react';
import Alert from '@mui/material/Alert';
import type { CheckFinding } from '../../../shared/checks/rule';
import { call } from '../api/client';

interface Counts {
  /** 错误 findings without the clerk's 说明 (an explained one goes into the 审核情况说明 instead). */
  errors: number;
  /** 需说明 findings without the clerk's 说明. */
  unexplained: number;
  hints: number;
}

export function openFindingCounts(findings: CheckFinding[]): Counts {
  const counts: Counts = { errors: 0, unexplained: 0, hints: 0 };
  for (const f of findings) {
    if (f.severity === '提示') counts.hints += 1;
    else if (f.explanation) continue;
    else if (f.severity === '错误') counts.errors += 1;
    else counts.unexplained += 1;
  }
  return counts;
}

/** The open 审核 findings, per severity, as a reminder before handing the files in; they never stop an export. */
export function FindingsSummary({ path }: { path: string }) {
  const [counts, setCounts] = useState<Counts | null | 'failed'>(null);
  useEffect(() => {
    let live = true;
    void call('checks.run', { path }).then((r) => live && setCounts(r.ok ? openFindingCounts(r.value) : 'failed'));
    return () => {
      live = false;
    };
  }, [path]);
  if (counts === null) return <Alert severity="info">正在审核…</Alert>;
  if (counts === 'failed') return <Alert severity="warning">审核未能完成，仍可导出。</Alert>;
  const { errors, unexplained, hints } = counts;
  if (errors + unexplained + hints === 0) {
    return (
      <Alert severity="success" data-testid="export-findings">
        审核未发现问题。
      </Alert>
    );
  }
  return (
    <Alert severity={errors > 0 ? 'error' : 'warning'} data-testid="export-findings">
      审核尚有未处理的问题：错误 {errors} 条，需说明 {unexplained} 条（均未作说明），提示 {hints} 条。仍可导出，提交前请在“审核”中修改或作说明。
    </Alert>
  );
}

import { severities, type CheckFinding, type Severity } from '../../../shared/checks/rule';

export interface FindingFilter {
  /** 只看错误 */
  errorsOnly: boolean;
  /** 只看未说明: findings a reviewer would still send back (a 提示 needs nothing, an explained one is answered). */
  openOnly: boolean;
}

/** Still to be dealt with: a 错误 or 需说明 without a 说明. */
export const isOpen = (f: CheckFinding): boolean => f.severity !== '提示' && !f.explanation;

export function countBySeverity(findings: readonly CheckFinding[]): Record<Severity, number> {
  const counts = { 错误: 0, 需说明: 0, 提示: 0 } as Record<Severity, number>;
  for (const f of findings) counts[f.severity] += 1;
  return counts;
}

export interface FindingGroup {
  /** The table the findings point at ('' for findings that name none). */
  table: string;
  counts: Record<Severity, number>;
  bySeverity: { severity: Severity; findings: CheckFinding[] }[];
}

/**
 * The findings the filters let through, grouped by the table they point at (tables in `order`, then any
 * other, then those naming no table) and within a table by severity, 错误 first.
 */
export function groupFindings(findings: readonly CheckFinding[], filter: FindingFilter, order: readonly string[]): FindingGroup[] {
  const kept = findings.filter((f) => (!filter.errorsOnly || f.severity === '错误') && (!filter.openOnly || isOpen(f)));
  const byTable = new Map<string, CheckFinding[]>();
  for (const f of kept) {
    const key = f.table ?? '';
    const list = byTable.get(key);
    if (list) list.push(f);
    else byTable.set(key, [f]);
  }
  const rank = (t: string) => (t === '' ? order.length + 1 : order.includes(t) ? order.indexOf(t) : order.length);
  return [...byTable.keys()]
    .sort((a, b) => rank(a) - rank(b))
    .map((table) => {
      const list = byTable.get(table)!;
      return {
        table,
        counts: countBySeverity(list),
        bySeverity: severities.map((severity) => ({ severity, findings: list.filter((f) => f.severity === severity) })).filter((g) => g.findings.length > 0),
      };
    });
}

import type { CheckFinding } from '../checks/rule.js';
import type { WorkbookMeta } from '../workbook/types.js';
import type { PrintCell, PrintColumn, PrintRow, PrintTable } from './types.js';

/** The title of the 审核情况说明: the .docx heading (a 目录 entry) and the .xlsx sheet name. */
export const AUDIT_TITLE = '审核情况说明';

const COLUMNS: { key: string; label: string; width: number; align: PrintCell['align'] }[] = [
  { key: 'seq', label: '序号', width: 32, align: 'center' },
  { key: 'table', label: '所在表格', width: 96, align: 'left' },
  { key: 'finding', label: '审核问题', width: 200, align: 'left' },
  { key: 'severity', label: '类别', width: 44, align: 'center' },
  { key: 'explanation', label: '情况说明', width: 180, align: 'left' },
];

const cellAt = (col: number, text: string, align: PrintCell['align'], extra: Partial<PrintCell> = {}): PrintCell => ({ col, colSpan: 1, rowSpan: 1, text, align, ...extra });

/**
 * The 审核情况说明 that goes with the submission: every finding the clerk explained (its table, what the
 * check found, the 说明), and under it how many 错误 and 需说明 were still unexplained when the file was
 * written. Null until the clerk has explained a finding: the open ones alone are the 审核 panel's and the
 * export dialog's business, and a package nobody answered for prints as it always did.
 */
export function printAudit(findings: readonly CheckFinding[], meta: Pick<WorkbookMeta, 'deptName'>, tableName: (id: string) => string): PrintTable | null {
  const explained = findings.filter((f) => f.severity !== '提示' && f.explanation);
  const open = findings.filter((f) => f.severity !== '提示' && !f.explanation);
  if (explained.length === 0) return null;
  const errors = open.filter((f) => f.severity === '错误').length;
  const rows: PrintRow[] = explained.map((f, i) => ({
    role: 'body',
    key: f.id,
    cells: [
      cellAt(0, String(i + 1), 'center'),
      cellAt(1, f.table ? tableName(f.table) : '', 'left', { wrap: true }),
      cellAt(2, f.message, 'left', { wrap: true }),
      cellAt(3, f.severity, 'center'),
      cellAt(4, f.explanation!, 'left', { wrap: true }),
    ],
  }));
  const columns: PrintColumn[] = COLUMNS.map((c) => ({ key: c.key, width: c.width, numeric: false, ...(c.key === 'seq' ? { frozen: true } : {}) }));
  return {
    tableId: 'audit',
    number: '',
    title: AUDIT_TITLE,
    orientation: 'portrait',
    kind: 'table',
    unitLine: `单位名称：${meta.deptName}`,
    moneyUnitLine: null,
    moneyUnit: '万元',
    columns,
    header: [{ role: 'header', cells: COLUMNS.map((c, i) => cellAt(i, c.label, 'center', { bold: true })) }],
    rows,
    empty: false,
    notes: [
      open.length === 0
        ? '导出时，所有错误和需说明的审核问题均已作说明。'
        : `导出时尚有 ${open.length} 个审核问题未作说明（错误 ${errors} 个，需说明 ${open.length - errors} 个）。`,
    ],
  };
}

import { useEffect, useState } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import type { ApiError } from '../../../shared/api/result';
import { FACT_TABLES, fundSourceLabels, natureLabels } from '../../../shared/derive/model';
import type { DrillLine, DrillResult } from '../../../shared/derive/types';
import { formatMoney } from '../../../shared/money/decimal';
import { builtinCodeList, lookupCode, type CodeKind } from '../../../shared/reference/index';
import type { MoneyUnit } from '../../../shared/tables/schema';
import { call } from '../api/client';
import { errorText } from '../api/messages';
import { findModelTable } from '../facts/modelTables';

export interface DrillTarget {
  tableId: string;
  rowKey: string;
  col: string;
  unit: string;
}

const codeText = (kind: CodeKind, code: string | undefined, year: number): string => {
  if (!code) return '';
  const list = builtinCodeList(kind, year);
  const entry = list ? lookupCode(list, code) : undefined;
  return entry ? `${code} ${entry.name}` : code;
};

/**
 * What a line's 所属项目 is called: its stored reference is the 项目编码, or '#<row id>' for a project without one
 * (picked from the list), which the clerk must never see.
 */
const projectText = (ref: string, projectNames: ReadonlyMap<string, string>): string =>
  `项目 ${projectNames.get(ref) ?? (ref.startsWith('#') ? '（已删除）' : ref)}`;

/** How a fact row is classified, in words: 功能科目 · 经济科目 · 资金来源 · 性质 · 项目. */
function classification(line: DrillLine, year: number, projectNames: ReadonlyMap<string, string>): string {
  const c = line.cells;
  const parts = [
    codeText('function', c.funcCode, year),
    codeText('econDept', c.econCode, year),
    c.fundSource ? (fundSourceLabels[c.fundSource] ?? c.fundSource) : '',
    c.nature ? (natureLabels[c.nature] ?? c.nature) : '',
    c.project ? projectText(c.project, projectNames) : '',
    line.tableId === 'fact-projects' ? (c.name ?? '') : '',
  ];
  return parts.filter(Boolean).join(' · ');
}

/**
 * The fact rows behind one figure, with their total in the table's money unit. Clicking a row opens its
 * entry grid at that row.
 */
export function DrillDialog({ path, target, moneyUnit, year, onClose, onJump }: { path: string; target: DrillTarget | null; moneyUnit: MoneyUnit; year: number; onClose(): void; onJump(tableId: string, rowId: string): void }) {
  const [result, setResult] = useState<DrillResult | null>(null);
  const [rowNumbers, setRowNumbers] = useState<Map<string, number>>(new Map());
  const [projectNames, setProjectNames] = useState<Map<string, string>>(new Map());
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    setResult(null);
    setError(null);
    if (!target) return;
    let live = true;
    void (async () => {
      const r = await call('workbook.drill', { path, tableId: target.tableId, rowKey: target.rowKey, col: target.col, ...(target.unit ? { unit: target.unit } : {}) });
      if (!live) return;
      if (!r.ok) return setError(r.error);
      // Row numbers as the entry grid shows them (1-based), so the clerk can find the line by eye too.
      const numbers = new Map<string, number>();
      for (const tableId of new Set(r.value.lines.map((l) => l.tableId))) {
        const rows = await call('workbook.rows', { path, tableId });
        if (rows.ok) rows.value.rows.forEach((row, i) => numbers.set(`${tableId}|${row.id}`, i + 1));
      }
      // Projects by the reference a line stores (code, or '#<row id>'), for their names.
      const names = new Map<string, string>();
      if (r.value.lines.some((l) => l.cells.project)) {
        const projects = await call('workbook.rows', { path, tableId: FACT_TABLES.projects });
        if (projects.ok) {
          for (const row of projects.value.rows) {
            const name = [row.cells.code, row.cells.name].filter(Boolean).join(' ');
            names.set(`#${row.id}`, name);
            if (row.cells.code) names.set(row.cells.code, name);
          }
        }
      }
      if (!live) return;
      setProjectNames(names);
      setRowNumbers(numbers);
      setResult(r.value);
    })();
    return () => {
      live = false;
    };
  }, [path, target]);

  return (
    <Dialog open={target !== null} onClose={onClose} maxWidth="lg" fullWidth>
      <DialogTitle>数据来源</DialogTitle>
      <DialogContent dividers data-testid="drill-dialog">
        {error && <Alert severity="error">{errorText(error)}</Alert>}
        {!result && !error && <LinearProgress />}
        {result && (
          <>
            <Typography data-testid="drill-label" sx={{ mb: 1, fontWeight: 600 }}>
              {result.label}
            </Typography>
            {result.lines.length === 0 ? (
              <Alert severity="info">此数没有对应的明细行。</Alert>
            ) : (
              <table style={{ width: '100%', borderCollapse: 'collapse', fontSize: 14 }}>
                <thead>
                  <tr style={{ background: '#eef2f7' }}>
                    {['数据表', '行号', '分类', `金额（${moneyUnit}）`].map((h) => (
                      <th key={h} style={{ textAlign: 'left', padding: '4px 8px', border: '1px solid #c5ccd6' }}>
                        {h}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {result.lines.map((line) => (
                    <tr
                      key={`${line.tableId}|${line.rowId}`}
                      data-testid="drill-line"
                      title="点击转到该行"
                      onClick={() => onJump(line.tableId, line.rowId)}
                      style={{ cursor: 'pointer' }}
                    >
                      <td style={{ padding: '4px 8px', border: '1px solid #dde2e8' }}>{findModelTable(line.tableId)?.shortTitle ?? line.tableId}</td>
                      <td style={{ padding: '4px 8px', border: '1px solid #dde2e8' }}>{rowNumbers.get(`${line.tableId}|${line.rowId}`) ?? ''}</td>
                      <td style={{ padding: '4px 8px', border: '1px solid #dde2e8' }}>{classification(line, year, projectNames)}</td>
                      <td data-testid="drill-amount" style={{ padding: '4px 8px', border: '1px solid #dde2e8', textAlign: 'right', fontVariantNumeric: 'tabular-nums' }}>
                        {formatMoney(line.amount, moneyUnit)}
                      </td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr style={{ fontWeight: 600, background: '#f7f4ea' }}>
                    <td colSpan={3} style={{ padding: '4px 8px', border: '1px solid #dde2e8', textAlign: 'center' }}>
                      合计（{result.lines.length} 行）
                    </td>
                    <td data-testid="drill-total" style={{ padding: '4px 8px', border: '1px solid #dde2e8', textAlign: 'right' }}>
                      {formatMoney(result.total, moneyUnit)}
                    </td>
                  </tr>
                </tfoot>
              </table>
            )}
          </>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>关闭</Button>
      </DialogActions>
    </Dialog>
  );
}

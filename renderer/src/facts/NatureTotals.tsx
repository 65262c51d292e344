import Box from '@mui/material/Box';
import { FACT_TABLES, natureLabels } from '../../../shared/derive/model';
import { dec, formatMoney } from '../../../shared/money/decimal';
import type { MoneyUnit } from '../../../shared/tables/schema';
import { provisionalValue, type GridColumn } from '../grid/columns';
import type { DisplayRow } from '../grid/pending';

const NATURES = ['basic.personnel', 'basic.public', 'project'] as const;

const cellOf = (row: DisplayRow, key: string): string => row.typed?.[key] ?? row.cells[key] ?? '';

/** A line without 支出性质 counts as the core counts it: a project's, else 301/303 人员经费, else 公用经费. */
function natureOf(row: DisplayRow, natureCol: GridColumn | undefined): string {
  const typed = cellOf(row, 'nature');
  const value = natureCol?.def.options?.find((o) => o.value === typed || o.label === typed)?.value ?? '';
  if (value) return value;
  if (cellOf(row, 'project').trim()) return 'project';
  return /^30[13]/.test(cellOf(row, 'econCode').trim()) ? 'basic.personnel' : 'basic.public';
}

/** 支出明细 only: totals by 支出性质, following the clerk's typing like the 合计 row. */
export function NatureTotals({ tableId, display, columns, unit }: { tableId: string; display: readonly DisplayRow[]; columns: readonly GridColumn[]; unit: MoneyUnit }) {
  if (tableId !== FACT_TABLES.lines) return null;
  const amountCol = columns.find((c) => c.key === 'amount');
  const natureCol = columns.find((c) => c.key === 'nature');
  if (!amountCol) return null;
  const sums = new Map<string, ReturnType<typeof dec>>(NATURES.map((n) => [n, dec(null)]));
  for (const row of display) {
    const typed = row.typed?.amount;
    const value = typed !== undefined ? provisionalValue(amountCol, typed, unit) : row.cells.amount;
    if (!value) continue;
    const key = natureOf(row, natureCol);
    try {
      sums.set(key, (sums.get(key) ?? dec(null)).add(value));
    } catch {
      // Not a number: never stored in a money column.
    }
  }
  const basic = sums.get('basic.personnel')!.add(sums.get('basic.public')!);
  const part = (id: string, label: string, value: ReturnType<typeof dec>) => (
    <span>
      {label} <b data-testid={`nature-total-${id}`}>{formatMoney(value.toFixed(), unit)}</b>
    </span>
  );
  return (
    <Box data-testid="nature-totals" sx={{ display: 'flex', gap: 2, fontSize: 13, color: 'text.secondary', pb: 0.5, flexWrap: 'wrap' }}>
      {part('basic', '基本支出', basic)}
      {part('personnel', natureLabels['basic.personnel']!, sums.get('basic.personnel')!)}
      {part('public', natureLabels['basic.public']!, sums.get('basic.public')!)}
      {/* Projects themselves live in 项目; here only the lines that split a project over classifications. */}
      {part('project', `${natureLabels.project!}（本表明细行）`, sums.get('project')!)}
      <span>（单位：{unit}）</span>
    </Box>
  );
}

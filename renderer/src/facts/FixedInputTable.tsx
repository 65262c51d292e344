import { useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import Box from '@mui/material/Box';
import { dec } from '../../../shared/money/decimal';
import { budgetBackedRows } from '../../../shared/perf/binding';
import type { MoneyUnit, TableDef } from '../../../shared/tables/schema';
import { useTableMarks } from '../checks/highlight';
import { useNotifier } from '../ui/Notifier';
import type { WorkbookSession } from '../workbook/session';
import { useFactSums } from '../workbook/useFactSums';
import { checkCellText, displayText, editorText, gridColumns, textToSend, type GridColumn } from '../grid/columns';
import { fitColumns, frozenClass, stickyLeft } from '../grid/columnFit';
import { gridSx, TABLE_BORDER } from '../grid/gridStyles';
import { HeaderRows } from '../grid/HeaderRows';
import { useAvailableWidth } from '../grid/useAvailableWidth';

type FixedBody = Extract<TableDef['body'], { kind: 'fixed' }>;

const isInput = (source: unknown): boolean => typeof source === 'object' && source !== null && 'input' in source;

/**
 * A fixed table of input cells (部门基本情况): the printed labels, and a field for each input cell. Each
 * field is saved when the clerk leaves it, as setCells on the fixed row's key.
 */
export function FixedInputTable({ session, table, unit }: { session: WorkbookSession; table: TableDef; unit: MoneyUnit }) {
  const snap = useSyncExternalStore(session.subscribe, session.getSnapshot);
  const { notifyError } = useNotifier();
  const columns = useMemo(() => gridColumns(table), [table]);
  const rows = snap.tables.get(table.id) ?? [];
  const body = table.body as FixedBody;
  // Columns fit the window as in the entry grid: narrowed towards their minimums, the key columns frozen.
  const outerRef = useRef<HTMLDivElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const available = useAvailableWidth(outerRef, scrollRef, true);
  const fit = useMemo(() => fitColumns(columns.map((c) => ({ type: c.def.type, width: c.width, role: c.role })), available, TABLE_BORDER, TABLE_BORDER), [columns, available]);
  // Amounts the set's layout prints from the budget (部门整体 资金总额…): shown until the clerk types another.
  const setTables = snap.tableSet?.tables;
  const backed = useMemo(() => budgetBackedRows(setTables ?? [], table), [setTables, table]);
  const sums = useFactSums(session, backed, snap.state?.revision ?? 0);
  const budget = sums && Object.values(sums).some((v) => !dec(v).isZero()) ? sums : null;

  // The cells of the 审核 finding the clerk picked: marked, and the first one scrolled to and focused once per pick.
  const marks = useTableMarks(table.id);
  const shownMarks = useRef(0);
  useEffect(() => {
    if (!marks || shownMarks.current === marks.serial) return;
    const first = scrollRef.current?.querySelector<HTMLElement>('td.flagged');
    if (!first) return;
    shownMarks.current = marks.serial;
    first.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    first.querySelector<HTMLElement>('input, textarea')?.focus({ preventScroll: true });
  }, [marks, rows]);
  const flagged = (rowKey: string, col: GridColumn): string | undefined => (marks?.has(rowKey, col.key) ? 'flagged' : undefined);

  /** The money text the budget gives a cell, when it gives one. */
  const budgetText = (rowKey: string, col: GridColumn): string | undefined => (col.numeric && budget?.[rowKey] !== undefined ? editorText(col, budget[rowKey], unit) : undefined);

  const save = (rowKey: string, col: GridColumn, text: string, rowNumber: number, label: string): boolean => {
    const stored = rows.find((r) => r.id === rowKey)?.cells[col.key];
    if (text === editorText(col, stored, unit)) return true;
    // Leaving the budget's figure as it is stores nothing, so it keeps following the budget.
    const fromBudget = budgetText(rowKey, col);
    if ((stored ?? '') === '' && fromBudget !== undefined && (text === fromBudget || text.trim() === '')) return true;
    const problem = checkCellText(table, col, text, unit, rowNumber);
    if (problem) {
      notifyError(problem.message);
      return false;
    }
    void session
      .change(() => [{ kind: 'setCells', tableId: table.id, cells: [{ rowId: rowKey, col: col.key, text: textToSend(col, text) }] }], `修改“${label}”`)
      .then((r) => r && !r.ok && notifyError(r.error));
    return true;
  };

  return (
    <Box ref={outerRef} sx={{ display: 'flex', flexDirection: 'column', minHeight: 0, flex: '0 1 auto' }}>
      <Box
        ref={scrollRef}
        data-testid="fixed-input-scroll"
        sx={{ ...gridSx, flex: '0 1 auto', width: 'fit-content', maxWidth: '100%', '& td input, & td textarea': { width: '100%', boxSizing: 'border-box', border: 0, outline: 'none', font: 'inherit', fontSize: 14, px: 0.75, py: 0.5, bgcolor: '#fffef4' }, '& td input:focus, & td textarea:focus': { boxShadow: 'inset 0 0 0 2px #1f5fa8' }, '& td input.follows': { color: '#1f5fa8' }, '& td input.override': { backgroundImage: 'linear-gradient(225deg, #ed6c02 6px, transparent 6px)' }, '& td.flagged input, & td.flagged textarea': { bgcolor: '#ffe2b8' } }}
        // A field scrolled into view by the keyboard stays out from under the frozen columns.
        style={{ scrollPaddingLeft: fit.frozenRight }}
      >
        <table style={{ width: fit.total }} data-testid="fixed-input-table">
          <colgroup>
            {columns.map((c, i) => (
              <col key={c.key} style={{ width: fit.widths[i] }} />
            ))}
          </colgroup>
          <thead>
            <HeaderRows header={table.header} gutter={false} numberRow={table.numberRow} fit={fit} />
          </thead>
          <tbody>
            {body.rows.map((row, i) => {
              const key = row.key ?? `row-${i}`;
              const stored = rows.find((r) => r.id === key)?.cells ?? {};
              const label = columns.map((c) => row.cells[c.key]).find((v): v is string => typeof v === 'string') ?? key;
              return (
                <tr key={key} style={{ height: 32 }}>
                  {columns.map((col, ci) => {
                    const source = row.cells[col.key];
                    const frozen = frozenClass(fit, ci) ?? undefined;
                    const sticky = stickyLeft(fit, ci);
                    if (typeof source === 'string') {
                      return (
                        <td key={col.key} className={frozen} data-col-key={col.key} style={{ ...sticky, paddingLeft: 8 + (row.level ?? 0) * 16, paddingRight: 8, background: '#f6f8fb' }}>
                          {source}
                        </td>
                      );
                    }
                    if (!isInput(source)) {
                      return (
                        <td key={col.key} className={[col.numeric ? 'num' : '', frozen ?? '', flagged(key, col) ?? ''].join(' ').trim() || undefined} style={sticky} data-col-key={col.key}>
                          <div className="ci">{displayText(col, stored[col.key], unit)}</div>
                        </td>
                      );
                    }
                    const own = stored[col.key] ?? '';
                    const fromBudget = budgetText(key, col);
                    const link = fromBudget === undefined ? undefined : own === '' ? 'follows' : 'override';
                    const initial = link === 'follows' ? fromBudget! : editorText(col, own, unit);
                    // Remounted when the stored value or the budget changes (undo, another window), so the field shows it.
                    const fieldKey = `${col.key}:${own}:${fromBudget ?? ''}`;
                    const common = {
                      defaultValue: initial,
                      'data-testid': `info-${key}-${col.key}`,
                      'data-link': link,
                      className: link,
                      title:
                        link === 'follows'
                          ? '来自预算数据，随预算更新；直接输入可改写'
                          : link === 'override'
                            ? `已改写：预算数据为 ${displayText(col, budget![key], unit)}；清空即恢复为预算数据`
                            : undefined,
                      'aria-label': `${label}·${col.label}`,
                      onBlur: (e: React.FocusEvent<HTMLInputElement | HTMLTextAreaElement>) => {
                        if (!save(key, col, e.target.value, i + 1, label)) e.target.value = initial;
                      },
                    };
                    return (
                      <td key={col.key} className={[frozen ?? '', flagged(key, col) ?? ''].join(' ').trim() || undefined} style={sticky} data-col-key={col.key} data-testid={`info-cell-${key}-${col.key}`}>
                        {col.def.type === 'longtext' ? (
                          <textarea key={fieldKey} {...common} rows={2} style={{ resize: 'vertical' }} />
                        ) : (
                          <input
                            key={fieldKey}
                            {...common}
                            style={{ textAlign: col.numeric ? 'right' : 'left' }}
                            onKeyDown={(e) => {
                              if (e.key === 'Enter') (e.target as HTMLInputElement).blur();
                            }}
                          />
                        )}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </Box>
    </Box>
  );
}

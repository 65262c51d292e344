import { useEffect, useMemo, useRef } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { PERF_TABLES } from '../../../shared/perf/binding';
import { indicatorCells, parseIndicatorValue, type IndicatorStyle } from '../../../shared/perf/indicator';
import type { MoneyUnit } from '../../../shared/tables/schema';
import type { GridRow } from '../../../shared/workbook/types';
import type { Edit } from '../../../shared/api/contract';
import { call } from '../api/client';
import { fitColumns, frozenClass, stickyLeft, type FitColumn } from '../grid/columnFit';
import { checkCellText, gridColumns } from '../grid/columns';
import { scrollbarSx } from '../grid/gridStyles';
import { useAvailableWidth } from '../grid/useAvailableWidth';
import { parseTsv } from '../grid/tsv';
import { useNotifier } from '../ui/Notifier';
import type { WorkbookSession } from '../workbook/session';
import { focusIndicatorCell, IndicatorInput, IndicatorSelect } from './IndicatorCell';
import { endOfOwner, INDICATOR_COLUMNS, level1Choices, level1Edit, level2Choices, level2Shown, pastedRows, printedValue } from './indicatorEdits';
import { indicatorsDef, runPerfChange } from './perfModel';

const weightColumn = gridColumns(indicatorsDef).find((c) => c.key === 'weight')!;

/** The sheet's columns for columnFit: the row number, the indicator columns and the row's buttons. */
const FIT_COLUMNS: readonly FitColumn[] = [
  { type: 'seq', width: 30, role: 'seq' },
  ...INDICATOR_COLUMNS.map(({ type, width, role }) => ({ type, width, role })),
  { type: 'seq', width: 118, role: null },
];
const TABLE_EDGE = 1;

interface Props {
  session: WorkbookSession;
  owner: string;
  all: readonly GridRow[];
  style: IndicatorStyle;
  unit: MoneyUnit;
  /** A row to bring into view and focus (from a lint finding or a fresh insert). */
  focusRow: string | null;
  setFocusRow(rowId: string | null): void;
  onSaveToLibrary(row: GridRow): void;
}

/** The indicators of one project as a small sheet: Tab/Enter move, Ctrl+V takes rows copied from Excel/WPS. */
export function IndicatorGrid({ session, owner, all, style, unit, focusRow, setFocusRow, onSaveToLibrary }: Props) {
  const { notify, notifyError } = useNotifier();
  const rows = all.filter((r) => r.cells.owner === owner);
  const outerRef = useRef<HTMLDivElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const available = useAvailableWidth(outerRef, scrollRef, true);
  const fit = useMemo(() => fitColumns(FIT_COLUMNS, available, TABLE_EDGE, TABLE_EDGE), [available]);
  /** Class and inline style of the cell in column `i`: frozen key columns stick at the left. */
  const at = (i: number) => ({ className: frozenClass(fit, i) ?? undefined, style: stickyLeft(fit, i) });

  useEffect(() => {
    if (focusRow === null) return;
    const i = rows.findIndex((r) => r.id === focusRow);
    if (i < 0) return;
    document.querySelector(`[data-testid="ind-row-${i}"]`)?.scrollIntoView({ block: 'nearest' });
    focusIndicatorCell(i, 'name');
    setFocusRow(null);
  }, [focusRow, rows, setFocusRow]);

  const change = async (edits: Edit[], label: string): Promise<boolean> => {
    const r = await session.change(() => edits, label);
    if (r && !r.ok) {
      notifyError(r.error);
      return false;
    }
    return true;
  };

  const setCell = (row: GridRow, col: string, label: string, text: string) =>
    change([{ kind: 'setCells', tableId: PERF_TABLES.indicators, cells: [{ rowId: row.id, col, text }] }], `修改指标“${label}”`);

  // The same split perf.indicators.setValue makes (shared parser, text kept as original), sent through the
  // session queue so edits typed right after it still carry the right revision.
  const setValue = (row: GridRow, text: string): Promise<boolean> => {
    const parts = indicatorCells(parseIndicatorValue(text));
    const cells = Object.entries(parts).map(([col, value]) => ({ rowId: row.id, col, text: value }));
    return change([{ kind: 'setCells', tableId: PERF_TABLES.indicators, cells }], '修改指标值');
  };

  const setWeight = (row: GridRow, index: number, text: string) => {
    const problem = checkCellText(indicatorsDef, weightColumn, text, unit, index + 1);
    if (problem) {
      notifyError(problem);
      return false;
    }
    return setCell(row, 'weight', '权重', text);
  };

  const addRow = async () => {
    const last = rows.at(-1);
    const r = await session.change(
      () => [{ kind: 'insertRows', tableId: PERF_TABLES.indicators, index: endOfOwner(session.rows(PERF_TABLES.indicators), owner), rows: [{ owner, level1: last?.cells.level1 ?? '产出指标', level2: last?.cells.level2 ?? '' }] }],
      '新增指标',
    );
    if (r && !r.ok) notifyError(r.error);
    else if (r?.ok) setFocusRow(r.value.insertedRowIds[0] ?? null);
  };

  const move = (i: number, to: number) => {
    const target = rows[to];
    if (!target) return;
    const toIndex = all.findIndex((r) => r.id === target.id);
    void change([{ kind: 'moveRow', tableId: PERF_TABLES.indicators, rowId: rows[i]!.id, toIndex }], '移动指标');
  };

  const onPaste = async (e: React.ClipboardEvent) => {
    const text = e.clipboardData.getData('text/plain');
    // A single value pasted into one cell is ordinary typing; only a block of cells becomes new rows.
    if (!/[\t\n]/.test(text.replace(/\r?\n$/, ''))) return;
    e.preventDefault();
    const el = e.target as HTMLElement;
    const startCol = Math.max(0, INDICATOR_COLUMNS.findIndex((c) => c.key === el.dataset.indCol));
    const at = el.dataset.indRow !== undefined ? rows[Number(el.dataset.indRow)] : undefined;
    const block = pastedRows(parseTsv(text), startCol);
    if (block.length === 0) return;
    // Below the focused row as it stands when the paste's turn comes (edits before it may add or remove rows).
    const below = () => {
      const i = at ? session.rows(PERF_TABLES.indicators).findIndex((r) => r.id === at.id) : -1;
      return i < 0 ? undefined : i + 1;
    };
    const r = await runPerfChange(session, () => call('perf.indicators.paste', { path: session.path, owner, rows: block, index: below() }));
    if (!r.ok) notifyError(r.error);
    else notify(`已粘贴 ${block.length} 条指标`, 'success');
  };

  return (
    <Box ref={outerRef} data-testid="indicator-grid" tabIndex={-1} onPaste={(e) => void onPaste(e)} sx={{ outline: 'none' }}>
      <Box
        ref={scrollRef}
        data-testid="indicator-scroll"
        style={{ scrollPaddingLeft: fit.frozenRight }}
        sx={{
          overflow: 'auto',
          maxHeight: '60vh',
          width: 'fit-content',
          maxWidth: '100%',
          border: '1px solid #c9d1db',
          bgcolor: '#fff',
          ...scrollbarSx,
          // The header stays on top when the sheet scrolls; frozen cells are opaque so the rest passes under them.
          '& thead th': { position: 'sticky', top: 0, zIndex: 2 },
          '& thead th.frozen': { zIndex: 3 },
          '& td.frozen': { bgcolor: '#fff', zIndex: 1 },
          '& td.frozen-edge, & th.frozen-edge': { borderRight: '2px solid #7d8a99' },
        }}
      >
        <Box component="table" sx={{ borderCollapse: 'separate', borderSpacing: 0, tableLayout: 'fixed', fontSize: 14, borderLeft: `${TABLE_EDGE}px solid #dde2e8`, '& td, & th': { borderRight: '1px solid #dde2e8', borderBottom: '1px solid #dde2e8', p: 0 }, '& th': { bgcolor: '#eef2f7', fontWeight: 600, py: 0.75, px: 0.5, fontSize: 13, whiteSpace: 'normal' }, '& .MuiIconButton-root': { p: 0.5, fontSize: 15 }, '& td:focus-within': { outline: '2px solid #1976d2', outlineOffset: -2 } }} style={{ width: fit.total }}>
          <colgroup>
            {fit.widths.map((w, i) => (
              <col key={i} style={{ width: w }} />
            ))}
          </colgroup>
          <thead>
            <tr>
              <th {...at(0)}>#</th>
              {INDICATOR_COLUMNS.map((c, i) => (
                <th key={c.key} data-col-key={c.key} {...at(i + 1)}>
                  {c.label}
                </th>
              ))}
              <th data-col-key="actions" {...at(INDICATOR_COLUMNS.length + 1)}>操作</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <tr key={row.id} data-testid={`ind-row-${i}`} data-row-id={row.id}>
                <td className={at(0).className} style={{ ...at(0).style, textAlign: 'center', color: '#667' }}>
                  {i + 1}
                </td>
                <td {...at(1)}>
                  <IndicatorSelect row={i} col="level1" value={row.cells.level1 ?? ''} options={level1Choices} onPick={(v) => void change([level1Edit(row, v)], '修改一级指标')} />
                </td>
                <td {...at(2)}>
                  <IndicatorSelect row={i} col="level2" value={level2Shown(row.cells)} options={level2Choices(row.cells.level1)} onPick={(v) => void setCell(row, 'level2', '二级指标', v)} />
                </td>
                <td {...at(3)}>
                  <IndicatorInput row={i} col="name" stored={row.cells.name ?? ''} onCommit={(t) => setCell(row, 'name', '三级指标', t)} />
                </td>
                <td>
                  <IndicatorInput row={i} col="desc" stored={row.cells.desc ?? ''} onCommit={(t) => setCell(row, 'desc', '指标描述', t)} />
                </td>
                <td>
                  <IndicatorInput row={i} col="value" stored={printedValue(row.cells, style)} onCommit={(t) => setValue(row, t)} />
                </td>
                <td>
                  <IndicatorInput row={i} col="basis" stored={row.cells.basis ?? ''} onCommit={(t) => setCell(row, 'basis', '指标值确定依据', t)} />
                </td>
                <td>
                  <IndicatorInput row={i} col="weight" align="right" stored={row.cells.weight ?? ''} onCommit={(t) => setWeight(row, i, t)} />
                </td>
                <td style={{ whiteSpace: 'nowrap', textAlign: 'center' }}>
                  <Tooltip title="上移">
                    <span>
                      <IconButton size="small" disabled={i === 0} onClick={() => move(i, i - 1)} aria-label="上移">↑</IconButton>
                    </span>
                  </Tooltip>
                  <Tooltip title="下移">
                    <span>
                      <IconButton size="small" disabled={i === rows.length - 1} onClick={() => move(i, i + 1)} aria-label="下移">↓</IconButton>
                    </span>
                  </Tooltip>
                  <Tooltip title="存入指标库">
                    <IconButton size="small" data-testid={`ind-save-library-${i}`} onClick={() => onSaveToLibrary(row)} aria-label="存入指标库">★</IconButton>
                  </Tooltip>
                  <Tooltip title="删除此指标">
                    <IconButton size="small" color="error" data-testid={`ind-delete-${i}`} onClick={() => void change([{ kind: 'deleteRows', tableId: PERF_TABLES.indicators, rowIds: [row.id] }], '删除指标')} aria-label="删除">✕</IconButton>
                  </Tooltip>
                </td>
              </tr>
            ))}
          </tbody>
        </Box>
      </Box>
      {rows.length === 0 && (
        <Typography variant="body2" color="text.secondary" sx={{ p: 1.5 }} data-testid="indicator-empty">
          还没有指标。点“新增指标”逐条填写，或从指标库添加、从其他项目复制；也可以先点一下此处，再按 Ctrl+V 粘贴从 Excel/WPS 复制的指标行（一级、二级、三级、描述、指标值、依据、权重）。
        </Typography>
      )}
      <Box sx={{ display: 'flex', gap: 1, mt: 1, alignItems: 'center' }}>
        <Button size="small" variant="outlined" data-testid="add-indicator" onClick={() => void addRow()}>
          新增指标
        </Button>
        <Typography variant="caption" color="text.secondary">
          Tab 右移，Enter 下移；指标值可直接输入“≥95%”“≤7工作日”“2025年12月31日”或文字，保存时自动拆分。
        </Typography>
      </Box>
    </Box>
  );
}

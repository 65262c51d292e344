import type { Edit } from '../../../shared/api/contract';
import type { ApiError } from '../../../shared/api/result';
import type { MoneyUnit, TableDef } from '../../../shared/tables/schema';
import type { GridRow } from '../../../shared/workbook/types';
import type { WorkbookSession } from '../workbook/session';
import { cellProblem, textToSend, type GridColumn } from './columns';
import type { DisplayRow, PendingEdits, RowRef } from './pending';
import { collapsed, rectOf, type Selection } from './selection';
import { parseTsv, toTsv } from './tsv';

/** What the selection-wide edits need from the grid: its rows, its selection and a way to speak. */
export interface GridEditContext {
  session: WorkbookSession;
  table: TableDef;
  columns: readonly GridColumn[];
  unit: MoneyUnit;
  pending: PendingEdits;
  display(): DisplayRow[];
  selection(): Selection;
  select(next: Selection): void;
  cellEditText(row: DisplayRow | undefined, col: GridColumn): string;
  rerender(): void;
  notify(text: string, severity?: 'info' | 'warning' | 'success'): void;
  notifyError(error: ApiError | string): void;
  /** The core refused a cell's text: the grid reopens the editor with it so nothing typed is lost. */
  onCellRefused(ref: RowRef | null, colKey: string, text: string, error: ApiError): void;
}

/**
 * The grid's changes: a cell, and on the selection clear, copy, paste, insert, delete and move rows. Each
 * is ONE change (one undo step), built when its turn in the session queue comes so row positions are
 * those of the rows then stored.
 */
export function gridEdits(ctx: GridEditContext) {
  const { session, table, columns, unit, pending } = ctx;
  const failed = (error: ApiError) => ctx.notifyError(error);

  /** Index of a row in the stored rows at the time a queued change is built; the end for the new-row line. */
  const storedIndex = (ref: RowRef | null, stored: readonly GridRow[]): number => {
    if (!ref) return stored.length;
    const id = pending.resolve(ref);
    const i = id ? stored.findIndex((r) => r.id === id) : -1;
    return i === -1 ? stored.length : i;
  };

  /** Selected stored rows (the new-row line excluded), or null when only that line is selected. */
  const selectedRows = (): { from: number; to: number } | null => {
    const rect = rectOf(ctx.selection());
    const last = ctx.display().length - 1;
    if (rect.r0 > last) return null;
    return { from: rect.r0, to: Math.min(rect.r1, last) };
  };

  /**
   * Sends one cell's text, shown at once as typed. Text typed into the new-row line creates a row; later
   * cells of that row, typed before the core answered, follow it once its id is known.
   */
  const submitCell = (row: DisplayRow | undefined, col: GridColumn, text: string): void => {
    if (!row) {
      if (text.trim() === '') return;
      const tmp = pending.addTmpRow();
      const overlay = pending.addOverlay({ kind: 'tmp', tmp }, col.key, text);
      ctx.rerender();
      void session.change(
        () => [{ kind: 'insertRows', tableId: table.id, index: session.rows(table.id).length, rows: [{ [col.key]: text }] }],
        '新增行',
        {
          onDone: (res) => {
            pending.removeOverlay(overlay);
            pending.confirmTmpRow(tmp, res.insertedRowIds[0]);
          },
          onFail: (error) => {
            pending.dropTmpRow(tmp);
            ctx.onCellRefused(null, col.key, text, error);
          },
        },
      );
      return;
    }
    const ref = row.ref;
    const overlay = pending.addOverlay(ref, col.key, text);
    ctx.rerender();
    void session
      .change(
        () => {
          const rowId = pending.resolve(ref);
          return rowId ? [{ kind: 'setCells', tableId: table.id, cells: [{ rowId, col: col.key, text }] }] : null;
        },
        `修改“${col.label}”`,
        {
          onDone: () => pending.removeOverlay(overlay),
          onFail: (error) => {
            pending.removeOverlay(overlay);
            ctx.onCellRefused(ref, col.key, text, error);
          },
        },
      )
      .then((r) => {
        // Dropped because its new row was refused: the overlay has nothing left to show.
        if (r === null) {
          pending.removeOverlay(overlay);
          ctx.rerender();
        }
      });
  };

  const clearCells = (label = '清除内容'): void => {
    const rect = rectOf(ctx.selection());
    const now = ctx.display();
    const targets: { ref: RowRef; col: string; overlay: number }[] = [];
    for (let r = rect.r0; r <= Math.min(rect.r1, now.length - 1); r++) {
      const row = now[r]!;
      for (let c = rect.c0; c <= rect.c1; c++) {
        const col = columns[c]!;
        if (ctx.cellEditText(row, col) === '') continue;
        targets.push({ ref: row.ref, col: col.key, overlay: pending.addOverlay(row.ref, col.key, '') });
      }
    }
    if (targets.length === 0) return;
    ctx.rerender();
    const dropOverlays = () => pending.removeOverlays(targets.map((t) => t.overlay));
    void session
      .change(
        () => {
          const cells = targets.flatMap((t) => {
            const rowId = pending.resolve(t.ref);
            return rowId ? [{ rowId, col: t.col, text: '' }] : [];
          });
          return cells.length ? [{ kind: 'setCells', tableId: table.id, cells }] : null;
        },
        label,
        {
          onDone: dropOverlays,
          onFail: (e) => {
            dropOverlays();
            failed(e);
          },
        },
      )
      .then((r) => {
        if (r === null) {
          dropOverlays();
          ctx.rerender();
        }
      });
  };

  /** The selection as Excel/WPS put it on the clipboard; exact values, so pasting back loses nothing. */
  const selectionTsv = (): string => {
    const rect = rectOf(ctx.selection());
    const now = ctx.display();
    const lines: string[][] = [];
    for (let r = rect.r0; r <= Math.min(rect.r1, now.length - 1); r++) {
      const row = now[r]!;
      lines.push(columns.slice(rect.c0, rect.c1 + 1).map((col) => ctx.cellEditText(row, col)));
    }
    return toTsv(lines);
  };

  /** Pastes a TSV block at the active cell: cells of existing rows are set, rows beyond the end are added. */
  const paste = (text: string): void => {
    let block = parseTsv(text);
    if (block.length === 0) return;
    const rect = rectOf(ctx.selection());
    // One copied cell fills the whole selected range, as in Excel.
    if (block.length === 1 && block[0]!.length === 1 && (rect.r1 > rect.r0 || rect.c1 > rect.c0)) {
      const value = block[0]![0]!;
      const height = Math.min(rect.r1, ctx.display().length - 1) - rect.r0 + 1;
      block = Array.from({ length: Math.max(1, height) }, () => Array.from({ length: rect.c1 - rect.c0 + 1 }, () => value));
    }
    const widest = block.reduce((max, r) => Math.max(max, r.length), 0);
    const width = Math.min(widest, columns.length - rect.c0);
    const targetCols = columns.slice(rect.c0, rect.c0 + width);
    // Refused as a whole before anything is sent (a half-pasted block is worse than none), naming every bad
    // cell so that all of them can be put right in Excel/WPS at once.
    const bad: string[] = [];
    for (const [i, line] of block.entries()) {
      for (const [j, col] of targetCols.entries()) {
        const text = line[j] ?? '';
        const why = cellProblem(col, text, unit);
        if (why) bad.push(`第${rect.r0 + i + 1}行“${col.label}”：“${text.trim().slice(0, 30)}”${why}`);
      }
    }
    if (bad.length > 0) {
      return ctx.notifyError(`粘贴的内容中有 ${bad.length} 个单元格无法填入，整块粘贴已取消，表格未改动：\n${bad.join('\n')}\n请改正后重新复制、粘贴。`);
    }
    const anchorRef = ctx.display()[rect.r0]?.ref ?? null;
    let startIndex = 0;
    void session.change(
      () => {
        const stored = session.rows(table.id);
        startIndex = storedIndex(anchorRef, stored);
        const cells: { rowId: string; col: string; text: string }[] = [];
        const newRows: Record<string, string>[] = [];
        for (const [i, line] of block.entries()) {
          const target = stored[startIndex + i];
          if (target) {
            for (const [j, col] of targetCols.entries()) cells.push({ rowId: target.id, col: col.key, text: textToSend(col, line[j] ?? '') });
          } else {
            const record: Record<string, string> = {};
            for (const [j, col] of targetCols.entries()) if ((line[j] ?? '') !== '') record[col.key] = textToSend(col, line[j]!);
            newRows.push(record);
          }
        }
        const edits: Edit[] = [];
        if (cells.length) edits.push({ kind: 'setCells', tableId: table.id, cells });
        if (newRows.length) edits.push({ kind: 'insertRows', tableId: table.id, index: stored.length, rows: newRows });
        return edits;
      },
      block.length > 1 ? `粘贴${block.length}行` : '粘贴',
      {
        onDone: () => ctx.select({ anchor: { r: startIndex, c: rect.c0 }, focus: { r: startIndex + block.length - 1, c: rect.c0 + width - 1 } }),
        onFail: failed,
      },
    );
    if (widest > width) ctx.notify(`粘贴内容超出表格右边界，超出的 ${widest - width} 列已忽略。`, 'warning');
  };

  /** Inserts as many empty rows as are selected, above or below the selection. */
  const insertRows = (where: 'above' | 'below'): void => {
    const span = selectedRows();
    const now = ctx.display();
    const topRef = span ? now[span.from]!.ref : null;
    const bottomRef = span ? now[span.to]!.ref : null;
    const count = span ? span.to - span.from + 1 : 1;
    const c = ctx.selection().anchor.c;
    let at = 0;
    void session.change(
      () => {
        const stored = session.rows(table.id);
        at = where === 'above' || !bottomRef ? storedIndex(topRef, stored) : Math.min(storedIndex(bottomRef, stored) + 1, stored.length);
        return [{ kind: 'insertRows', tableId: table.id, index: at, rows: Array.from({ length: count }, () => ({})) }];
      },
      count > 1 ? `插入${count}行` : '插入行',
      { onDone: () => ctx.select({ anchor: { r: at, c }, focus: { r: at + count - 1, c } }), onFail: failed },
    );
  };

  const deleteRows = (): void => {
    const span = selectedRows();
    if (!span) return ctx.notify('请先选中要删除的行（点击左侧行号可选中整行）。', 'info');
    const refs = ctx
      .display()
      .slice(span.from, span.to + 1)
      .map((d) => d.ref);
    const c = ctx.selection().anchor.c;
    void session.change(
      () => {
        const rowIds = refs.map((ref) => pending.resolve(ref)).filter((id): id is string => id !== null);
        return rowIds.length ? [{ kind: 'deleteRows', tableId: table.id, rowIds }] : null;
      },
      refs.length > 1 ? `删除${refs.length}行` : '删除行',
      { onDone: () => ctx.select(collapsed({ r: span.from, c })), onFail: failed },
    );
  };

  const moveRows = (direction: -1 | 1): void => {
    const span = selectedRows();
    const now = ctx.display();
    if (!span) return ctx.notify('请先选中要移动的行。', 'info');
    if (direction < 0 && span.from === 0) return ctx.notify('已经是第一行。', 'info');
    if (direction > 0 && span.to >= now.length - 1) return ctx.notify('已经是最后一行。', 'info');
    // Moving a block by one is moving its neighbour to the block's other end: one edit, one undo step.
    const neighbour = now[direction < 0 ? span.from - 1 : span.to + 1]!.ref;
    const farEnd = now[direction < 0 ? span.to : span.from]!.ref;
    const before = ctx.selection();
    void session.change(
      () => {
        const rowId = pending.resolve(neighbour);
        const stored = session.rows(table.id);
        const toIndex = storedIndex(farEnd, stored);
        return rowId && toIndex < stored.length ? [{ kind: 'moveRow', tableId: table.id, rowId, toIndex }] : null;
      },
      direction < 0 ? '上移行' : '下移行',
      {
        onDone: () =>
          ctx.select({
            anchor: { r: before.anchor.r + direction, c: before.anchor.c },
            focus: { r: before.focus.r + direction, c: before.focus.c },
          }),
        onFail: failed,
      },
    );
  };

  return { submitCell, clearCells, selectionTsv, paste, insertRows, deleteRows, moveRows };
}

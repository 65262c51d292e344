import { useCallback, useEffect, useLayoutEffect, useMemo, useReducer, useRef, useState, useSyncExternalStore } from 'react';
import Box from '@mui/material/Box';
import type { ApiError } from '../../../shared/api/result';
import type { MoneyUnit, TableDef } from '../../../shared/tables/schema';
import type { GridRow } from '../../../shared/workbook/types';
import { useNotifier } from '../ui/Notifier';
import type { WorkbookSession } from '../workbook/session';
import { fitColumns } from './columnFit';
import { checkCellText, editorText, gridColumns, textToSend, type GridColumn } from './columns';
import { gridEdits } from './gridEdits';
import { BodyRows, TotalRow, type CellMark } from './GridRows';
import { GridToolbar } from './GridToolbar';
import { GUTTER_WIDTH, gridSx, LONG_LINE_HEIGHT, LONG_ROW_HEIGHT, ROW_HEIGHT, TABLE_BORDER } from './gridStyles';
import { HeaderRows } from './HeaderRows';
import { handleGridKey, type Editing } from './gridKeys';
import { PendingEdits, type DisplayRow, type RowRef } from './pending';
import { RowMenu } from './RowMenu';
import { clampSelection, collapsed, inRect, rectOf, type CellPos, type Selection } from './selection';
import { totalTexts } from './totals';
import { clearJump, pendingJump } from '../derived/jump';
import { useTableMarks } from '../checks/highlight';
import { NatureTotals } from '../facts/NatureTotals';
import { PickerList, usePickerState } from './editors/PickerList';
import { withPickers } from './editors/pickers';
import { useRefTables } from './editors/useRefTables';
import { useCodeLists } from './editors/useCodeLists';


/**
 * Rows as they read when some cells are not stored but come from elsewhere (a 专项 following a budget
 * project): `rows` fills them in, `mark` says how each such cell is shown. Must return the same array for
 * the same stored rows, so the grid can cache what it derives.
 */
export interface GridView {
  rows(stored: readonly GridRow[]): readonly GridRow[];
  mark(rowId: string, col: string): CellMark | undefined;
}

export interface GridProps {
  session: WorkbookSession;
  table: TableDef;
  unit: MoneyUnit;
  onUndo(): void;
  onRedo(): void;
  view?: GridView;
  /** The stored row of the active cell (null on the new-row line), for actions beside the grid. */
  onActiveRow?(rowId: string | null): void;
}

const OVERSCAN = 8;

/**
 * The editable table: printed header, virtualised body, live 合计, keyboard and clipboard like Excel/WPS.
 * A hidden textarea always holds focus at the active cell so a Chinese IME composes straight into the editor.
 */
export function Grid({ session, table, unit, onUndo, onRedo, view, onActiveRow }: GridProps) {
  const { notify, notifyError } = useNotifier();
  // Subscribed for re-rendering only: rows are read through currentDisplay(), which stays fresh between renders.
  useSyncExternalStore(session.subscribe, session.getSnapshot);
  const year = session.getSnapshot().state?.meta.year ?? null;
  const listOf = useCodeLists(
    year,
    session.getSnapshot().state?.meta.tableSetId,
    table.columns.flatMap((c) => (c.codeList ? [c.codeList] : [])),
  );
  const columns = useMemo(() => withPickers(gridColumns(table), listOf, (id) => session.rows(id)), [table, listOf, session]);
  useRefTables(session, columns);
  const picker = usePickerState();
  const total = table.body.kind === 'free' ? table.body.total : undefined;
  const rowHeight = columns.some((c) => c.def.type === 'longtext') ? LONG_ROW_HEIGHT : ROW_HEIGHT;

  const pendingRef = useRef(new PendingEdits());
  const pending = pendingRef.current;
  const [, bump] = useReducer((n: number) => n + 1, 0);
  const cacheRef = useRef<{ rows: readonly GridRow[]; version: number; display: DisplayRow[] } | null>(null);
  /** Stored rows (as the view reads them) plus what was typed and not yet confirmed; fresh even between renders. */
  const currentDisplay = useCallback((): DisplayRow[] => {
    const stored = session.rows(table.id);
    const rows = view ? view.rows(stored) : stored;
    const cached = cacheRef.current;
    if (cached && cached.rows === rows && cached.version === pending.version) return cached.display;
    const display = pending.display(rows);
    cacheRef.current = { rows, version: pending.version, display };
    return display;
  }, [session, table.id, pending, view]);
  const display = currentDisplay();
  const totals = useMemo(() => (total ? totalTexts(display, columns, unit) : {}), [total, display, columns, unit]);
  /** One line more than the rows: the empty line at the end where typing adds a row. */
  const rowCount = display.length + 1;

  const [sel, setSelState] = useState<Selection>(collapsed({ r: 0, c: 0 }));
  const activeRowId = display[sel.anchor.r]?.ref.kind === 'row' ? display[sel.anchor.r]!.key : null;
  useEffect(() => onActiveRow?.(activeRowId), [onActiveRow, activeRowId]);
  const selRef = useRef(sel);
  const setSel = useCallback((next: Selection) => {
    selRef.current = next;
    setSelState(next);
  }, []);
  const [editing, setEditingState] = useState<Editing | null>(null);
  const editingRef = useRef<Editing | null>(null);
  const setEditing = useCallback((next: Editing | null) => {
    editingRef.current = next;
    setEditingState(next);
  }, []);
  const tabOriginRef = useRef<number | null>(null);
  const [menu, setMenu] = useState<{ top: number; left: number } | null>(null);

  const containerRef = useRef<HTMLDivElement>(null);
  const theadRef = useRef<HTMLTableSectionElement>(null);
  const tfootRef = useRef<HTMLTableSectionElement>(null);
  const editorRef = useRef<HTMLTextAreaElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [scrollLeft, setScrollLeft] = useState(0);
  const [viewport, setViewport] = useState({ height: 0, width: 0, headerHeight: 0 });

  // Columns fitted to the window; the leading key columns frozen.
  const fit = useMemo(
    () => fitColumns(columns.map((c) => ({ type: c.def.type, width: c.width, role: c.role })), viewport.width, TABLE_BORDER + GUTTER_WIDTH, TABLE_BORDER),
    [columns, viewport.width],
  );

  // Rows can shrink under the selection (delete, undo, another window).
  useEffect(() => {
    const clamped = clampSelection(selRef.current, rowCount, columns.length);
    if (clamped !== selRef.current) setSel(clamped);
    const ed = editingRef.current;
    if (ed && ed.r >= rowCount) {
      if (editorRef.current) editorRef.current.value = '';
      setEditing(null);
    }
  }, [rowCount, columns.length, setSel, setEditing]);

  useLayoutEffect(() => {
    const el = containerRef.current;
    if (!el) return;
    const measure = () =>
      setViewport({ height: el.clientHeight, width: el.clientWidth, headerHeight: theadRef.current?.offsetHeight ?? 0 });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    if (theadRef.current) observer.observe(theadRef.current);
    return () => observer.disconnect();
  }, []);

  const focusEditor = useCallback(() => editorRef.current?.focus({ preventScroll: true }), []);
  // A table just opened (from the side list or a link) takes the keyboard at its first cell: typing goes in.
  useEffect(focusEditor, [focusEditor]);

  // ---- reading cells -------------------------------------------------------------------------

  const cellEditText = (row: DisplayRow | undefined, col: GridColumn): string => {
    if (!row) return '';
    const typed = row.typed?.[col.key];
    return typed !== undefined ? typed : editorText(col, row.cells[col.key], unit);
  };

  // ---- moving --------------------------------------------------------------------------------

  const scrollIntoView = useCallback(
    (pos: CellPos) => {
      const el = containerRef.current;
      if (!el) return;
      const head = theadRef.current?.offsetHeight ?? 0;
      const foot = tfootRef.current?.offsetHeight ?? 0;
      const top = head + pos.r * rowHeight;
      if (top - head < el.scrollTop) el.scrollTop = top - head;
      else if (top + rowHeight > el.scrollTop + el.clientHeight - foot) el.scrollTop = top + rowHeight - el.clientHeight + foot;
      // Frozen columns are always in view; the others must come out from under them.
      if (pos.c < fit.frozen) return;
      const left = fit.lefts[pos.c] ?? 0;
      const right = left + (fit.widths[pos.c] ?? 0);
      if (left - fit.frozenRight < el.scrollLeft) el.scrollLeft = Math.max(0, left - fit.frozenRight);
      else if (right > el.scrollLeft + el.clientWidth) el.scrollLeft = right - el.clientWidth;
    },
    [rowHeight, fit],
  );

  const moveTo = (pos: CellPos, extend = false) => {
    // Counted now, not at render: a commit on the new-row line has just added a row.
    const rows = currentDisplay().length + 1;
    const clamped = { r: Math.max(0, Math.min(pos.r, rows - 1)), c: Math.max(0, Math.min(pos.c, columns.length - 1)) };
    const next = extend ? { anchor: selRef.current.anchor, focus: clamped } : collapsed(clamped);
    if (editorRef.current && !editingRef.current) editorRef.current.value = '';
    setSel(next);
    scrollIntoView(clamped);
  };

  // ---- editing -------------------------------------------------------------------------------

  const startEdit = (mode: Editing['mode'], text: string) => {
    const ta = editorRef.current;
    if (!ta) return;
    const { r, c } = selRef.current.anchor;
    setSel(collapsed({ r, c }));
    ta.value = text;
    setEditing({ r, c, mode });
    picker.setText(text);
    focusEditor();
    ta.setSelectionRange(text.length, text.length);
    scrollIntoView({ r, c });
  };

  const closeEditor = () => {
    if (editorRef.current) editorRef.current.value = '';
    setEditing(null);
    picker.setText(null);
    session.reportRefusal(null);
  };

  /** Reopens the editor with what the clerk typed after the core refused it, so nothing typed is lost. */
  const reopenAfterFailure = (ref: RowRef | null, colKey: string, text: string, error: ApiError) => {
    notifyError(error);
    // After the session has published the reloaded rows: positions must be computed on those.
    setTimeout(() => {
      if (editingRef.current) return;
      const now = currentDisplay();
      const id = ref ? pending.resolve(ref) : null;
      const found = id ? now.findIndex((d) => d.key === id) : -1;
      const r = found === -1 ? now.length : found;
      const c = Math.max(0, columns.findIndex((col) => col.key === colKey));
      setSel(collapsed({ r, c }));
      const ta = editorRef.current;
      if (!ta) return;
      ta.value = text;
      setEditing({ r, c, mode: 'edit' });
      picker.setText(text);
      focusEditor();
      scrollIntoView({ r, c });
    }, 0);
  };

  // ---- changes (one each, queued in the session; see gridEdits) -------------------------------

  const edits = gridEdits({
    session,
    table,
    columns,
    unit,
    pending,
    display: currentDisplay,
    selection: () => selRef.current,
    select: setSel,
    cellEditText,
    rerender: bump,
    notify,
    notifyError,
    onCellRefused: reopenAfterFailure,
  });
  /** Commits the open editor; false (editor stays open, message shown) when the text cannot be stored. */
  const commitEdit = (): boolean => {
    const ed = editingRef.current;
    const ta = editorRef.current;
    if (!ed || !ta) return true;
    const col = columns[ed.c];
    if (!col) return true;
    const now = currentDisplay();
    const row = now[ed.r];
    const text = ta.value;
    if (text === cellEditText(row, col)) {
      closeEditor();
      return true;
    }
    const problem = checkCellText(table, col, text, unit, ed.r + 1);
    if (problem) {
      notifyError(problem.message);
      session.reportRefusal(problem);
      focusEditor();
      return false;
    }
    closeEditor();
    edits.submitCell(row, col, textToSend(col, text));
    return true;
  };

  /** Row operations first finish an open edit, and leave the keyboard in the grid. */
  const rowOp = (op: () => void) => () => {
    if (!commitEdit()) return;
    op();
    focusEditor();
  };
  const insertAbove = rowOp(() => edits.insertRows('above'));
  const insertBelow = rowOp(() => edits.insertRows('below'));
  const deleteRows = rowOp(edits.deleteRows);
  const moveUp = rowOp(() => edits.moveRows(-1));
  const moveDown = rowOp(() => edits.moveRows(1));

  // ---- keyboard ------------------------------------------------------------------------------

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (pickKey(e)) return;
    handleGridKey(e, {
      editing: () => editingRef.current,
      selection: () => selRef.current,
      select: setSel,
      moveTo,
      size: () => ({ rows: currentDisplay().length + 1, cols: columns.length, page: Math.max(1, Math.floor((viewport.height - viewport.headerHeight) / rowHeight) - 1) }),
      editor: editorRef.current,
      tabOrigin: tabOriginRef,
      commitEdit,
      closeEditor,
      startEdit,
      editText: (pos) => {
        const col = columns[pos.c];
        return col ? cellEditText(currentDisplay()[pos.r], col) : '';
      },
      undo: onUndo,
      redo: onRedo,
      clear: () => edits.clearCells(),
      selectionText: edits.selectionTsv,
      openMenu: openMenuAtActive,
      openPicker,
    });
  };

  // ---- pickers (enum / code / ref suggestions under the editor) -------------------------------

  const pickOptions = useMemo(
    () => (editing && picker.text !== null ? (picker.browsing ?? columns[editing.c]?.picker?.suggest(picker.text) ?? []) : []),
    [editing, picker.text, picker.browsing, columns],
  );
  /** Alt+↓ on a code, enum or ref cell: the editor opens on the cell's text with every choice listed, its own first lit. */
  const openPicker = () => {
    const at = editingRef.current ?? selRef.current.anchor;
    const col = columns[at.c];
    if (!col?.picker) return;
    if (!editingRef.current) startEdit('edit', cellEditText(currentDisplay()[at.r], col));
    const text = editorRef.current?.value ?? '';
    const value = text.trim() === '' ? '' : textToSend(col, text);
    const options = col.picker.browse(value);
    picker.browse(text, options, options.findIndex((o) => o.value === value));
  };
  /** Arrows choose a suggestion; Enter/Tab put the chosen one in the editor, then commit as usual. */
  const pickKey = (e: React.KeyboardEvent): boolean => {
    const ta = editorRef.current;
    if (!editingRef.current || !ta || e.nativeEvent.isComposing || e.nativeEvent.keyCode === 229) return false;
    if ((e.key === 'ArrowDown' || e.key === 'ArrowUp') && !e.altKey && pickOptions.length > 0) {
      e.preventDefault();
      picker.move(e.key === 'ArrowDown' ? 1 : -1, pickOptions.length);
      return true;
    }
    if (((e.key === 'Enter' && !e.altKey) || e.key === 'Tab') && (ta.value.trim() !== '' || picker.browsing !== null)) {
      // Typed faster than React rendered: suggest for the text as it is now, not as last rendered.
      const fresh = picker.text === ta.value ? pickOptions : (columns[editingRef.current.c]?.picker?.suggest(ta.value) ?? []);
      ta.value = fresh[picker.text === ta.value ? picker.index : 0]?.value ?? ta.value;
    }
    return false;
  };
  const pickWithMouse = (i: number) => {
    const ta = editorRef.current;
    const option = pickOptions[i];
    if (!ta || !option) return;
    ta.value = option.value;
    commitEdit();
    focusEditor();
  };

  // Drill-down from a derived table asked for a row of this table: select it once it is shown.
  useEffect(() => {
    const rowId = pendingJump(table.id);
    if (!rowId) return;
    const r = display.findIndex((d) => d.key === rowId);
    if (r === -1) return;
    clearJump();
    setSel(collapsed({ r, c: 0 }));
    scrollIntoView({ r, c: 0 });
    focusEditor();
  }, [table.id, display, setSel, scrollIntoView, focusEditor]);

  // A 审核 finding picked in the panel: select its first cell here, once per pick, when the rows are shown.
  const marks = useTableMarks(table.id);
  const shownMarks = useRef(0);
  useEffect(() => {
    if (!marks || shownMarks.current === marks.serial) return;
    for (let r = 0; r < display.length; r++) {
      const row = display[r]!;
      if (row.ref.kind !== 'row') continue;
      const c = columns.findIndex((col) => marks.has(row.key, col.key));
      if (c === -1) continue;
      shownMarks.current = marks.serial;
      setSel(collapsed({ r, c }));
      scrollIntoView({ r, c });
      focusEditor();
      return;
    }
  }, [marks, display, columns, setSel, scrollIntoView, focusEditor]);

  const onEditorInput = () => {
    picker.setText(editorRef.current?.value ?? '');
    if (editingRef.current) return;
    // Typing into the idle editor: the typed text is already in it and replaces the cell.
    const { r, c } = selRef.current.anchor;
    setSel(collapsed({ r, c }));
    setEditing({ r, c, mode: 'enter' });
  };

  const onCompositionStart = () => {
    if (editingRef.current) return;
    const { r, c } = selRef.current.anchor;
    setSel(collapsed({ r, c }));
    setEditing({ r, c, mode: 'enter' });
  };

  // ---- clipboard (native listeners: tests and other apps dispatch these on the focused element) ----

  const clipboardRef = useRef({ paste: edits.paste, copy: edits.selectionTsv, cut: () => edits.clearCells('剪切') });
  clipboardRef.current = { paste: edits.paste, copy: edits.selectionTsv, cut: () => edits.clearCells('剪切') };
  useEffect(() => {
    const el = containerRef.current;
    if (!el) return;
    const onPaste = (e: ClipboardEvent) => {
      if (editingRef.current) return;
      e.preventDefault();
      const text = e.clipboardData?.getData('text/plain') ?? '';
      if (text !== '') clipboardRef.current.paste(text);
    };
    const onCopy = (e: ClipboardEvent) => {
      if (editingRef.current) return;
      e.preventDefault();
      e.clipboardData?.setData('text/plain', clipboardRef.current.copy());
    };
    const onCut = (e: ClipboardEvent) => {
      if (editingRef.current) return;
      onCopy(e);
      clipboardRef.current.cut();
    };
    // Capture phase: also catches events dispatched without bubbling on the editor inside.
    el.addEventListener('paste', onPaste, true);
    el.addEventListener('copy', onCopy, true);
    el.addEventListener('cut', onCut, true);
    return () => {
      el.removeEventListener('paste', onPaste, true);
      el.removeEventListener('copy', onCopy, true);
      el.removeEventListener('cut', onCut, true);
    };
  }, []);

  // ---- mouse ---------------------------------------------------------------------------------

  const dragRef = useRef<'cells' | 'rows' | null>(null);
  useEffect(() => {
    const up = () => (dragRef.current = null);
    window.addEventListener('mouseup', up);
    return () => window.removeEventListener('mouseup', up);
  }, []);

  const cellAt = (target: EventTarget): CellPos | null => {
    const td = (target as HTMLElement).closest?.('td[data-r]') as HTMLElement | null;
    if (!td) return null;
    return { r: Number(td.dataset.r), c: Number(td.dataset.c) };
  };

  const onMouseDown = (e: React.MouseEvent) => {
    const pos = cellAt(e.target);
    if (!pos || (e.button !== 0 && e.button !== 2)) return;
    e.preventDefault();
    if (editingRef.current && !commitEdit()) return;
    tabOriginRef.current = null;
    const rowSelect = pos.c < 0;
    const here = { r: pos.r, c: rowSelect ? 0 : pos.c };
    if (e.button === 2) {
      if (!inRect(rectOf(selRef.current), pos.r, here.c)) setSel(rowSelect ? { anchor: here, focus: { r: pos.r, c: columns.length - 1 } } : collapsed(here));
      focusEditor();
      return;
    }
    if (rowSelect) {
      const from = e.shiftKey ? selRef.current.anchor.r : pos.r;
      setSel({ anchor: { r: from, c: 0 }, focus: { r: pos.r, c: columns.length - 1 } });
      dragRef.current = 'rows';
    } else {
      setSel(e.shiftKey ? { anchor: selRef.current.anchor, focus: here } : collapsed(here));
      dragRef.current = 'cells';
    }
    if (editorRef.current) editorRef.current.value = '';
    focusEditor();
  };

  const onMouseOver = (e: React.MouseEvent) => {
    if (!dragRef.current || (e.buttons & 1) === 0) return;
    const pos = cellAt(e.target);
    if (!pos) return;
    const current = selRef.current;
    const focus = dragRef.current === 'rows' ? { r: pos.r, c: columns.length - 1 } : { r: pos.r, c: Math.max(0, pos.c) };
    if (focus.r !== current.focus.r || focus.c !== current.focus.c) setSel({ anchor: current.anchor, focus });
  };

  const onDoubleClick = (e: React.MouseEvent) => {
    const pos = cellAt(e.target);
    if (!pos || pos.c < 0) return;
    const col = columns[pos.c];
    if (!col) return;
    setSel(collapsed(pos));
    startEdit('edit', cellEditText(currentDisplay()[pos.r], col));
  };

  const onContextMenu = (e: React.MouseEvent) => {
    if (!cellAt(e.target)) return;
    e.preventDefault();
    setMenu({ top: e.clientY, left: e.clientX });
  };

  const openMenuAtActive = () => {
    const el = containerRef.current;
    if (!el) return;
    const box = el.getBoundingClientRect();
    const { r, c } = selRef.current.anchor;
    setMenu({
      top: box.top + viewport.headerHeight + r * rowHeight - el.scrollTop + rowHeight,
      left: box.left + (fit.lefts[c] ?? 0) - (c < fit.frozen ? 0 : el.scrollLeft) + 8,
    });
  };

  const copyToClipboard = () => {
    const text = edits.selectionTsv();
    navigator.clipboard?.writeText(text).then(
      () => notify('已复制，可粘贴到 Excel 或 WPS 表格。', 'success'),
      () => notify('无法访问剪贴板，请使用 Ctrl+C 复制。', 'warning'),
    );
  };

  // ---- rendering -----------------------------------------------------------------------------

  const viewHeight = viewport.height || 800;
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - OVERSCAN);
  const last = Math.min(rowCount, Math.ceil((scrollTop + viewHeight) / rowHeight) + OVERSCAN);
  const rect = rectOf(sel);
  const anchor = sel.anchor;
  const activeCol = columns[anchor.c];
  const editorCol = editing ? columns[editing.c] : activeCol;
  const editorPos = editing ?? anchor;
  const longEditor = editing !== null && editorCol?.def.type === 'longtext';
  const editorWidth = fit.widths[editorPos.c] ?? 100;
  const editorStyle = {
    top: viewport.headerHeight + editorPos.r * rowHeight,
    // Over a frozen column the editor moves with the scroll, as the cell stays where it is.
    left:
      editorPos.c < fit.frozen
        ? Math.max(fit.lefts[editorPos.c]!, fit.stickyLefts[editorPos.c]! + scrollLeft)
        : (fit.lefts[editorPos.c] ?? GUTTER_WIDTH),
    width: longEditor ? Math.max(editorWidth, 360) : editorWidth,
    height: longEditor ? Math.max(rowHeight, LONG_LINE_HEIGHT * 5 + 8) : rowHeight,
    lineHeight: longEditor ? `${LONG_LINE_HEIGHT}px` : `${rowHeight - 2}px`,
    whiteSpace: longEditor ? ('pre-wrap' as const) : ('pre' as const),
    overflow: longEditor ? ('auto' as const) : ('hidden' as const),
    textAlign: editing && editorCol?.numeric ? ('right' as const) : undefined,
    paddingTop: longEditor ? 3 : 0,
  };

  const totalRow = total ? <TotalRow total={total} columns={columns} fit={fit} totals={totals} /> : null;

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', minHeight: 0, flex: 1 }}>
      <GridToolbar
        onInsertAbove={insertAbove}
        onInsertBelow={insertBelow}
        onDelete={deleteRows}
        onMoveUp={moveUp}
        onMoveDown={moveDown}
        rowCount={display.length}
      />
      <NatureTotals tableId={table.id} display={display} columns={columns} unit={unit} />
      <Box
        ref={containerRef}
        data-testid="grid"
        tabIndex={0}
        role="grid"
        aria-label={table.shortTitle ?? table.number}
        aria-rowcount={display.length}
        // As tall as its lines, up to the window's height: the sideways scrollbar sits right under the last line.
        sx={{ ...gridSx, flex: '0 1 auto', minHeight: 120 }}
        // Native scrolling into view (a click on a half-hidden cell) keeps cells out from under the frozen parts.
        style={{ scrollPaddingLeft: fit.frozenRight, scrollPaddingTop: viewport.headerHeight }}
        onScroll={(e) => {
          const el = e.target as HTMLDivElement;
          setScrollTop(el.scrollTop);
          setScrollLeft(el.scrollLeft);
        }}
        onFocus={(e) => {
          if (e.target === containerRef.current) focusEditor();
        }}
        onKeyDown={onKeyDown}
      >
        <div style={{ position: 'relative', width: fit.total }}>
          <table style={{ width: fit.total }}>
            <colgroup>
              <col style={{ width: GUTTER_WIDTH }} />
              {columns.map((c, i) => (
                <col key={c.key} style={{ width: fit.widths[i] }} />
              ))}
            </colgroup>
            <thead ref={theadRef}>
              <HeaderRows header={table.header} gutter numberRow={table.numberRow} fit={fit} />
              {total?.position === 'top' && totalRow}
            </thead>
            <tbody onMouseDown={onMouseDown} onMouseOver={onMouseOver} onDoubleClick={onDoubleClick} onContextMenu={onContextMenu}>
              {first > 0 && (
                <tr className="spacer" style={{ height: first * rowHeight }}>
                  <td colSpan={columns.length + 1} />
                </tr>
              )}
              <BodyRows display={display} columns={columns} fit={fit} unit={unit} first={first} last={last} rowHeight={rowHeight} rect={rect} active={anchor} mark={view?.mark} flagged={marks} />
              {last < rowCount && (
                <tr className="spacer" style={{ height: (rowCount - last) * rowHeight }}>
                  <td colSpan={columns.length + 1} />
                </tr>
              )}
            </tbody>
            {total?.position === 'bottom' && <tfoot ref={tfootRef}>{totalRow}</tfoot>}
          </table>
          <textarea
            ref={editorRef}
            className={editing ? 'editor open' : 'editor idle'}
            data-testid={editing ? 'cell-editor' : undefined}
            aria-label={editing && editorCol ? `编辑“${editorCol.label}”` : '表格输入'}
            spellCheck={false}
            autoComplete="off"
            rows={1}
            style={editorStyle}
            onInput={onEditorInput}
            onCompositionEnd={() => picker.setText(editorRef.current?.value ?? '')}
            onCompositionStart={onCompositionStart}
            onBlur={(e) => {
              const to = e.relatedTarget as Node | null;
              if (editingRef.current && !(to && containerRef.current?.contains(to))) commitEdit();
            }}
          />
        </div>
      </Box>
      <PickerList anchor={editing ? editorRef.current : null} options={pickOptions} index={picker.index} onPick={pickWithMouse} />
      <RowMenu
        position={menu}
        onClose={() => {
          setMenu(null);
          focusEditor();
        }}
        onInsertAbove={insertAbove}
        onInsertBelow={insertBelow}
        onDelete={deleteRows}
        onMoveUp={moveUp}
        onMoveDown={moveDown}
        onCopy={copyToClipboard}
        onClear={() => edits.clearCells()}
      />
    </Box>
  );
}

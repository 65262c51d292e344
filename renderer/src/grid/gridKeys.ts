import { isNavKey, navigate, tabStep } from './navigation';
import { collapsed, rectOf, type CellPos, type Selection } from './selection';

export interface Editing {
  r: number;
  c: number;
  /** 'enter': started by typing, arrows commit and move (Excel's 输入 mode); 'edit': F2/double-click, arrows move the caret. */
  mode: 'enter' | 'edit';
}

/** What the keyboard drives in the grid. */
export interface GridKeyTarget {
  editing(): Editing | null;
  selection(): Selection;
  select(next: Selection): void;
  moveTo(pos: CellPos, extend?: boolean): void;
  size(): { rows: number; cols: number; page: number };
  editor: HTMLTextAreaElement | null;
  /** Column where a run of Tabs began: Enter then returns to it on the next row, as in Excel. */
  tabOrigin: { current: number | null };
  commitEdit(): boolean;
  closeEditor(): void;
  startEdit(mode: Editing['mode'], text: string): void;
  editText(pos: CellPos): string;
  undo(): void;
  redo(): void;
  clear(): void;
  selectionText(): string;
  openMenu(): void;
  /** Alt+↓: the list of choices of a code, enum or ref cell, as in Excel/WPS. */
  openPicker(): void;
}

const ARROWS = new Set(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight']);

/** Keyboard behaviour of Excel/WPS, with the IME always given precedence. */
export function handleGridKey(e: React.KeyboardEvent, g: GridKeyTarget): void {
  const native = e.nativeEvent;
  // An IME owns these keys (candidate selection, confirmation): never navigate or commit on them.
  if (native.isComposing || native.keyCode === 229) return;
  if (e.altKey && e.key === 'ArrowDown') {
    e.preventDefault();
    g.openPicker();
    return;
  }
  const ed = g.editing();
  if (ed) return editingKey(e, g, { r: ed.r, c: ed.c }, ed.mode);

  const size = g.size();
  const sel = g.selection();
  const anchor = sel.anchor;
  if ((e.ctrlKey || e.metaKey) && !e.altKey) {
    const key = e.key.toLowerCase();
    if (key === 'z' && !e.shiftKey) {
      e.preventDefault();
      g.undo();
    } else if (key === 'y' || (key === 'z' && e.shiftKey)) {
      e.preventDefault();
      g.redo();
    } else if (key === 'a') {
      e.preventDefault();
      g.select({ anchor: { r: 0, c: 0 }, focus: { r: Math.max(0, size.rows - 2), c: size.cols - 1 } });
    } else if (key === 'c' || key === 'x') {
      // Not prevented: the copy/cut event follows and fills the clipboard; this covers hosts where it does not fire.
      navigator.clipboard?.writeText(g.selectionText()).catch(() => undefined);
    } else if (isNavKey(e.key)) {
      e.preventDefault();
      g.tabOrigin.current = null;
      g.moveTo(navigate(e.key, e.shiftKey ? sel.focus : anchor, size, true), e.shiftKey);
    }
    return;
  }
  if (isNavKey(e.key)) {
    e.preventDefault();
    g.tabOrigin.current = null;
    g.moveTo(navigate(e.key, e.shiftKey ? sel.focus : anchor, size, false), e.shiftKey);
    return;
  }
  switch (e.key) {
    case 'Tab':
      e.preventDefault();
      if (g.tabOrigin.current === null) g.tabOrigin.current = anchor.c;
      g.moveTo(tabStep(anchor, e.shiftKey, size));
      return;
    case 'Enter': {
      e.preventDefault();
      const c = !e.shiftKey && g.tabOrigin.current !== null ? g.tabOrigin.current : anchor.c;
      g.tabOrigin.current = null;
      g.moveTo({ r: anchor.r + (e.shiftKey ? -1 : 1), c });
      return;
    }
    case 'F2':
      e.preventDefault();
      g.startEdit('edit', g.editText(anchor));
      return;
    case 'Delete':
    case 'Backspace':
      e.preventDefault();
      g.clear();
      return;
    case 'Escape': {
      const rect = rectOf(sel);
      if (rect.r0 !== rect.r1 || rect.c0 !== rect.c1) g.select(collapsed(anchor));
      return;
    }
    case 'ContextMenu':
      e.preventDefault();
      g.openMenu();
      return;
  }
  // A printable key while the grid itself (not the editor) has focus: start editing with it.
  if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey && e.target !== g.editor) {
    e.preventDefault();
    g.startEdit('enter', e.key);
  }
}

function editingKey(e: React.KeyboardEvent, g: GridKeyTarget, from: CellPos, mode: Editing['mode']): void {
  if (e.key === 'Enter' && e.altKey) {
    // Alt+Enter: a line break inside the cell, as in Excel.
    e.preventDefault();
    const ta = g.editor;
    if (ta) ta.setRangeText('\n', ta.selectionStart, ta.selectionEnd, 'end');
    return;
  }
  if (e.key === 'Enter') {
    e.preventDefault();
    if (!g.commitEdit()) return;
    const c = !e.shiftKey && g.tabOrigin.current !== null ? g.tabOrigin.current : from.c;
    g.tabOrigin.current = null;
    g.moveTo({ r: from.r + (e.shiftKey ? -1 : 1), c });
    return;
  }
  if (e.key === 'Tab') {
    e.preventDefault();
    if (!g.commitEdit()) return;
    if (g.tabOrigin.current === null) g.tabOrigin.current = from.c;
    g.moveTo(tabStep(from, e.shiftKey, g.size()));
    return;
  }
  if (e.key === 'Escape') {
    e.preventDefault();
    g.closeEditor();
    return;
  }
  if (mode === 'enter' && ARROWS.has(e.key) && isNavKey(e.key)) {
    e.preventDefault();
    if (!g.commitEdit()) return;
    g.tabOrigin.current = null;
    g.moveTo(navigate(e.key, from, g.size(), false));
  }
}

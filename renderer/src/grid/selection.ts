export interface CellPos {
  r: number;
  c: number;
}

/** Excel's model: the active cell stays where the selection began; Shift moves the far corner. */
export interface Selection {
  anchor: CellPos;
  focus: CellPos;
}

export interface Rect {
  r0: number;
  r1: number;
  c0: number;
  c1: number;
}

export const collapsed = (pos: CellPos): Selection => ({ anchor: pos, focus: pos });

export function rectOf(sel: Selection): Rect {
  return {
    r0: Math.min(sel.anchor.r, sel.focus.r),
    r1: Math.max(sel.anchor.r, sel.focus.r),
    c0: Math.min(sel.anchor.c, sel.focus.c),
    c1: Math.max(sel.anchor.c, sel.focus.c),
  };
}

export const inRect = (rect: Rect, r: number, c: number): boolean => r >= rect.r0 && r <= rect.r1 && c >= rect.c0 && c <= rect.c1;

export function clampPos(pos: CellPos, rowCount: number, colCount: number): CellPos {
  return { r: Math.max(0, Math.min(pos.r, rowCount - 1)), c: Math.max(0, Math.min(pos.c, colCount - 1)) };
}

export function clampSelection(sel: Selection, rowCount: number, colCount: number): Selection {
  const anchor = clampPos(sel.anchor, rowCount, colCount);
  const focus = clampPos(sel.focus, rowCount, colCount);
  if (anchor.r === sel.anchor.r && anchor.c === sel.anchor.c && focus.r === sel.focus.r && focus.c === sel.focus.c) return sel;
  return { anchor, focus };
}

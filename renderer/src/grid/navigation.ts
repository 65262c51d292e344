import type { CellPos } from './selection';

export type NavKey = 'ArrowUp' | 'ArrowDown' | 'ArrowLeft' | 'ArrowRight' | 'Home' | 'End' | 'PageUp' | 'PageDown';

export const isNavKey = (key: string): key is NavKey =>
  key === 'ArrowUp' || key === 'ArrowDown' || key === 'ArrowLeft' || key === 'ArrowRight' || key === 'Home' || key === 'End' || key === 'PageUp' || key === 'PageDown';

/** Where a navigation key leads, as in Excel/WPS: Ctrl jumps to the edge, Page keys move by a screenful. */
export function navigate(key: NavKey, from: CellPos, size: { rows: number; cols: number; page: number }, ctrl: boolean): CellPos {
  const lastR = size.rows - 1;
  const lastC = size.cols - 1;
  switch (key) {
    case 'ArrowUp':
      return { r: ctrl ? 0 : Math.max(0, from.r - 1), c: from.c };
    case 'ArrowDown':
      return { r: ctrl ? lastR : Math.min(lastR, from.r + 1), c: from.c };
    case 'ArrowLeft':
      return { r: from.r, c: ctrl ? 0 : Math.max(0, from.c - 1) };
    case 'ArrowRight':
      return { r: from.r, c: ctrl ? lastC : Math.min(lastC, from.c + 1) };
    case 'Home':
      return ctrl ? { r: 0, c: 0 } : { r: from.r, c: 0 };
    case 'End':
      return ctrl ? { r: lastR, c: lastC } : { r: from.r, c: lastC };
    case 'PageUp':
      return { r: Math.max(0, from.r - size.page), c: from.c };
    case 'PageDown':
      return { r: Math.min(lastR, from.r + size.page), c: from.c };
  }
}

/** Tab walks along the row and wraps to the next one, the way clerks fill a form line by line. */
export function tabStep(from: CellPos, back: boolean, size: { rows: number; cols: number }): CellPos {
  if (back) {
    if (from.c > 0) return { r: from.r, c: from.c - 1 };
    return from.r > 0 ? { r: from.r - 1, c: size.cols - 1 } : from;
  }
  if (from.c < size.cols - 1) return { r: from.r, c: from.c + 1 };
  return from.r < size.rows - 1 ? { r: from.r + 1, c: 0 } : from;
}

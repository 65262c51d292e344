/**
 * The printed page, shared by every paged output (the .docx writer and the in-app print preview / PDF): A4 and
 * its margins per orientation, in twips (1/20 pt), so a table gets the same printable width everywhere.
 */

/** A4 in twips; margins per orientation (portrait as GB/T 9704: 37/35/28/26 mm; landscape tables get 20 mm). */
export const PAGE = { width: 11906, height: 16838 } as const;
export const MARGIN = {
  portrait: { top: 2098, bottom: 1984, left: 1587, right: 1474 },
  landscape: { top: 1134, bottom: 1134, left: 1134, right: 1134 },
} as const;

/** Width available to a table on a page of the orientation, in twips. */
export function printableWidth(orientation: 'portrait' | 'landscape'): number {
  const m = MARGIN[orientation];
  return (orientation === 'portrait' ? PAGE.width : PAGE.height) - m.left - m.right;
}

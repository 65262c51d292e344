import type { PrintRow } from '../../../shared/print/types';
import type { MeasuredUnit } from './paginate';
import type { PreviewUnit } from './units';

/** Rows a table may break before: those no cell of an earlier row still spans into (rows joined by a merge stay together). */
export function rowBreaks(rows: PrintRow[]): number[] {
  const out: number[] = [];
  let coveredTo = -1;
  rows.forEach((row, i) => {
    if (i > coveredTo) out.push(i);
    for (const c of row.cells) coveredTo = Math.max(coveredTo, i + c.rowSpan - 1);
  });
  return out;
}

const height = (el: Element | null): number => (el ? el.getBoundingClientRect().height : 0);

/** The offsets in a paragraph's text where its rendered lines start (a new line box: a character further down). */
function lineStarts(el: Element | null): number[] {
  const text = el?.firstChild;
  if (!(text instanceof Text)) return [0];
  const range = document.createRange();
  const starts = [0];
  let top: number | null = null;
  for (let i = 0; i < text.length; i++) {
    range.setStart(text, i);
    range.setEnd(text, i + 1);
    const r = range.getClientRects()[0];
    // Spaces collapsed at a line's end have no box.
    if (!r) continue;
    if (top === null) top = r.top;
    else if (r.top > top + r.height / 2) {
      starts.push(i);
      top = r.top;
    }
  }
  return starts;
}

/**
 * The heights (CSS px) of the units as rendered in the measuring box, each unit in its own `[data-unit]`
 * element at its page's printable width: a table's caption, header, each row and notes apart.
 */
export function measureUnits(box: HTMLElement, units: PreviewUnit[]): MeasuredUnit[] {
  const els = box.querySelectorAll<HTMLElement>(':scope > [data-unit]');
  return units.map((unit, i) => {
    const el = els[i]!;
    const base = { orientation: unit.orientation, newPage: unit.newPage };
    if (unit.kind === 'flow' && unit.item.block.kind === 'table') {
      const rows = [...el.querySelectorAll('tbody > tr')].map(height);
      return {
        ...base,
        kind: 'table',
        caption: height(el.querySelector('[data-m="caption"]')),
        header: height(el.querySelector('thead')),
        rows,
        breaks: rowBreaks(unit.item.block.table.rows),
        notes: height(el.querySelector('[data-m="notes"]')),
      };
    }
    const keepWithNext = unit.kind === 'flow' && unit.item.block.kind === 'heading';
    if (unit.kind === 'flow' && unit.item.block.kind === 'paragraph') {
      const starts = lineStarts(el.querySelector('.bd-paragraph'));
      return { ...base, kind: 'block', height: height(el), lines: starts.length, lineStarts: starts };
    }
    return { ...base, kind: 'block', height: height(el), keepWithNext };
  });
}

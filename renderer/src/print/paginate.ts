import type { Orientation } from '../../../shared/print/flow';

/**
 * Splits the preview's content into A4 pages from measured heights, the way Word lays out the .docx: a block
 * that does not fit moves to the next page, a heading stays with what follows it, a table breaks between rows
 * (never inside rows joined by a vertical merge) and repeats its header rows on every continued page.
 */

export type MeasuredUnit =
  | {
      kind: 'block';
      orientation: Orientation;
      newPage: boolean;
      height: number;
      keepWithNext?: boolean;
      /** A paragraph's lines (each `height / lines` tall): it may break between them, two lines at least on each side. */
      lines?: number;
      /** Where each of those lines starts in the paragraph's text, for the parts on each page. */
      lineStarts?: number[];
    }
  | {
      kind: 'table';
      orientation: Orientation;
      newPage: boolean;
      /** 附件 number, title and unit lines: printed above the first part only. */
      caption: number;
      /** The header rows, repeated on every page the table continues on. */
      header: number;
      rows: number[];
      /** Indices of the rows the table may break before (the first row of every group of merged rows). */
      breaks: number[];
      /** The notes under the table (empty-table note, 说明). */
      notes: number;
    };

/** One unit's part on a page: a whole block, a paragraph's lines [from, to), or a table's caption, rows [from, to) and notes. */
export interface PagePiece {
  unit: number;
  lines?: [number, number];
  caption?: boolean;
  rows?: [number, number];
  notes?: boolean;
}

/** Word's widow and orphan control: a paragraph split across pages keeps two lines at least on each side. */
const MIN_LINES = 2;

export interface Page {
  orientation: Orientation;
  pieces: PagePiece[];
}

const sum = (xs: number[], from: number, to: number): number => {
  let s = 0;
  for (let i = from; i < to; i++) s += xs[i]!;
  return s;
};

/** The row groups of a table as [from, to) ranges, from its allowed breaks. */
function groups(unit: Extract<MeasuredUnit, { kind: 'table' }>): [number, number][] {
  const starts = [...new Set([0, ...unit.breaks.filter((b) => b > 0 && b < unit.rows.length)])].sort((a, b) => a - b);
  return starts.map((s, i) => [s, starts[i + 1] ?? unit.rows.length]);
}

/** What must stand on the same page as the unit's start: a block whole (a long paragraph's first lines), a table's caption, header and first rows. */
function leadHeight(unit: MeasuredUnit): number {
  if (unit.kind === 'block') return unit.lines && unit.lines >= 2 * MIN_LINES ? (unit.height / unit.lines) * MIN_LINES : unit.height;
  const first = groups(unit)[0];
  return unit.caption + unit.header + (first ? sum(unit.rows, first[0], first[1]) : 0);
}

/** `height` is the printable height of a page of each orientation, in the units' measure. */
export function paginate(units: MeasuredUnit[], height: Record<Orientation, number>): Page[] {
  const pages: Page[] = [];
  let page: Page | null = null;
  let used = 0;
  const start = (orientation: Orientation): Page => {
    page = { orientation, pieces: [] };
    pages.push(page);
    used = 0;
    return page;
  };
  units.forEach((unit, i) => {
    let p: Page = page === null || unit.newPage || unit.orientation !== page.orientation ? start(unit.orientation) : page;
    const room = height[unit.orientation];
    const next = units[i + 1];
    const keep = unit.kind === 'block' && unit.keepWithNext && next && !next.newPage && next.orientation === unit.orientation ? leadHeight(next) : 0;
    if (used > 0 && used + leadHeight(unit) + keep > room) p = start(unit.orientation);
    if (unit.kind === 'block') {
      const lines = unit.lines ?? 1;
      const line = unit.height / lines;
      if (used + unit.height <= room || lines < 2 * MIN_LINES) {
        p.pieces.push({ unit: i });
        used += unit.height;
        return;
      }
      // A long paragraph fills the page and goes on on the next, as Word breaks it.
      for (let from = 0; from < lines; ) {
        const left = lines - from;
        let fit = Math.floor((room - used) / line);
        if (fit < left && left - fit < MIN_LINES) fit = left - MIN_LINES;
        if (fit < MIN_LINES && fit < left && used > 0) {
          p = start(unit.orientation);
          continue;
        }
        const to = from + Math.max(1, Math.min(fit, left));
        p.pieces.push({ unit: i, lines: [from, to] });
        used += (to - from) * line;
        from = to;
        if (from < lines) p = start(unit.orientation);
      }
      return;
    }
    const piece: PagePiece = { unit: i, caption: true, rows: [0, 0] };
    p.pieces.push(piece);
    used += unit.caption + unit.header;
    let current = piece;
    for (const [from, to] of groups(unit)) {
      const h = sum(unit.rows, from, to);
      if (used + h > room && from > current.rows![0]) {
        current.rows = [current.rows![0], from];
        p = start(unit.orientation);
        current = { unit: i, rows: [from, from] };
        p.pieces.push(current);
        used = unit.header;
      }
      used += h;
      current.rows = [current.rows![0], to];
    }
    if (unit.notes === 0) return;
    if (used + unit.notes > room) {
      p = start(unit.orientation);
      p.pieces.push({ unit: i, notes: true });
    } else current.notes = true;
    used += unit.notes;
  });
  return pages;
}

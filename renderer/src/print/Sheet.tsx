import type { ReactNode } from 'react';
import type { Orientation } from '../../../shared/print/flow';
import { MARGIN, PAGE } from '../../../shared/print/page';
import { BODY_CSS } from '../../../shared/print/typography';

/** The body text of a sheet (and of the measuring box): the .docx's BdBody face, size and line pitch. */
export const SHEET_FONT = { fontFamily: BODY_CSS.fontFamily, fontSize: BODY_CSS.fontSize, lineHeight: BODY_CSS.lineHeight };

const pt = (twips: number) => `${twips / 20}pt`;
const PX_PER_TWIP = 96 / 72 / 20;

/** The height (CSS px) a page of each orientation has for content inside its margins, less a hair for rounding. */
export const CONTENT_HEIGHT: Record<Orientation, number> = {
  portrait: (PAGE.height - MARGIN.portrait.top - MARGIN.portrait.bottom) * PX_PER_TWIP - 2,
  landscape: (PAGE.width - MARGIN.landscape.top - MARGIN.landscape.bottom) * PX_PER_TWIP - 2,
};

/** One A4 sheet with the .docx's margins and, except on the cover, its page number in the footer (— 1 —). */
export function Sheet({ orientation, number, children }: { orientation: Orientation; number: number | null; children: ReactNode }) {
  const m = MARGIN[orientation];
  return (
    <div className={`bd-sheet ${orientation}`} data-testid="preview-sheet" style={{ ...SHEET_FONT, padding: `${pt(m.top)} ${pt(m.right)} ${pt(m.bottom)} ${pt(m.left)}` }}>
      {children}
      {number !== null && <div className="bd-page-number">— {number} —</div>}
    </div>
  );
}

import type { Ref } from 'react';
import { printableWidth } from '../../../shared/print/page';
import { PrintUnitView } from './PrintUnitView';
import { SHEET_FONT } from './Sheet';
import type { PreviewUnit } from './units';

/** Every unit rendered whole, off screen, at its page's printable width, for usePages to measure. */
export function MeasureBox({ units, boxRef }: { units: PreviewUnit[]; boxRef: Ref<HTMLDivElement> }) {
  return (
    <div className="bd-measure" ref={boxRef} style={SHEET_FONT} aria-hidden>
      {units.map((u, i) => (
        <div key={i} data-unit={i} style={{ width: `${printableWidth(u.orientation) / 20}pt` }}>
          <PrintUnitView unit={u} />
        </div>
      ))}
    </div>
  );
}

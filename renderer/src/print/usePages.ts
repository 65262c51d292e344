import { useLayoutEffect, useRef, useState } from 'react';
import { measureUnits } from './measure';
import { paginate, type MeasuredUnit, type Page } from './paginate';
import { CONTENT_HEIGHT } from './Sheet';
import type { PreviewUnit } from './units';

/**
 * Lays the units out on pages: they are first rendered whole in the measuring box (`measureRef`, each at its
 * page's printable width), measured once the fonts are in, then split into pages. `pages` is null meanwhile.
 */
export function usePages(units: PreviewUnit[] | null) {
  const measureRef = useRef<HTMLDivElement>(null);
  const [laid, setLaid] = useState<{ units: PreviewUnit[]; measured: MeasuredUnit[]; pages: Page[] } | null>(null);
  useLayoutEffect(() => {
    if (!units) return;
    let live = true;
    void document.fonts.ready.then(() => {
      const box = measureRef.current;
      if (!live || !box) return;
      const measured = measureUnits(box, units);
      setLaid({ units, measured, pages: paginate(measured, CONTENT_HEIGHT) });
    });
    return () => {
      live = false;
    };
  }, [units]);
  const current = laid && laid.units === units ? laid : null;
  return { measureRef, pages: current?.pages ?? null, measured: current?.measured ?? [] };
}

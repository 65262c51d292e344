import { useLayoutEffect, useState, type RefObject } from 'react';

/**
 * The width the table may take without scrolling: the view's width less what the scroll box itself takes
 * (its borders and a vertical scrollbar). Measured again whenever either changes size.
 */
export function useAvailableWidth(outerRef: RefObject<HTMLDivElement | null>, scrollRef: RefObject<HTMLDivElement | null>, ready: boolean): number {
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const outer = outerRef.current;
    const box = scrollRef.current;
    if (!outer || !box) return;
    const measure = () => setWidth(outer.clientWidth - (box.offsetWidth - box.clientWidth));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(outer);
    observer.observe(box);
    return () => observer.disconnect();
  }, [outerRef, scrollRef, ready]);
  return width;
}

import { useEffect, useRef, useState } from 'react';
import Paper from '@mui/material/Paper';
import Popper from '@mui/material/Popper';
import type { PickOption } from './pickers';

/** Which suggestion is highlighted for the text being typed; reset whenever the text changes. */
export function usePickerState() {
  const [text, setText] = useState<string | null>(null);
  const [index, setIndex] = useState(0);
  /** The whole list Alt+↓ opened, shown instead of suggestions until the clerk types. */
  const [browsing, setBrowsing] = useState<PickOption[] | null>(null);
  return {
    text,
    index,
    browsing,
    /** null closes the list (editor closed). */
    setText: (next: string | null) => {
      setText(next);
      setIndex(0);
      setBrowsing(null);
    },
    browse: (forText: string, options: PickOption[], at: number) => {
      setText(forText);
      setIndex(Math.max(0, at));
      setBrowsing(options);
    },
    move: (delta: number, count: number) => setIndex((i) => (count === 0 ? 0 : (i + delta + count) % count)),
  };
}

/**
 * The suggestions under an open cell editor. Mouse-down is swallowed so the editor keeps focus (and is not
 * committed by a blur) until the pick itself commits it.
 */
export function PickerList({ anchor, options, index, onPick }: { anchor: HTMLElement | null; options: PickOption[]; index: number; onPick(i: number): void }) {
  const listRef = useRef<HTMLUListElement>(null);
  useEffect(() => {
    listRef.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [index, options]);
  if (!anchor || options.length === 0) return null;
  return (
    <Popper open anchorEl={anchor} placement="bottom-start" sx={{ zIndex: 1300 }}>
      <Paper elevation={6} onMouseDown={(e) => e.preventDefault()} sx={{ mt: 0.5, minWidth: 280, maxWidth: 560 }}>
        <ul ref={listRef} role="listbox" data-testid="picker-list" style={{ listStyle: 'none', margin: 0, padding: '4px 0', maxHeight: 320, overflowY: 'auto' }}>
          {options.map((o, i) => (
            <li
              key={`${o.value}-${i}`}
              role="option"
              aria-selected={i === index}
              data-testid="picker-option"
              onClick={() => onPick(i)}
              style={{ padding: '4px 12px', cursor: 'pointer', background: i === index ? 'rgba(31, 95, 168, 0.12)' : undefined }}
            >
              <div style={{ fontSize: 14, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>{o.primary}</div>
              {o.secondary && <div style={{ fontSize: 12, color: '#6b7785', whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>{o.secondary}</div>}
            </li>
          ))}
        </ul>
      </Paper>
    </Popper>
  );
}

import { useEffect, useRef, useState } from 'react';
import TextField, { type TextFieldProps } from '@mui/material/TextField';

export type Commit = (text: string) => boolean | Promise<boolean>;

/**
 * Local text of a field saved on leave/Enter. The stored text shows again whenever it changes (undo,
 * another edit) unless the clerk has unsaved typing; a refused save keeps the typing for correction.
 */
export function useCommitText(stored: string, onCommit: Commit) {
  const [text, setText] = useState(stored);
  const dirty = useRef(false);
  const latest = useRef(stored);
  latest.current = stored;
  useEffect(() => {
    if (!dirty.current) setText(stored);
  }, [stored]);
  return {
    text,
    change(next: string) {
      dirty.current = true;
      setText(next);
    },
    async commit(): Promise<boolean> {
      if (!dirty.current) return true;
      if (text === stored) {
        dirty.current = false;
        return true;
      }
      const ok = await onCommit(text);
      if (ok) {
        dirty.current = false;
        // Show what was stored, as stored (a 指标值 comes back in the layout's style: ≥90% → ≥90比率).
        setText(latest.current);
      }
      return ok;
    },
    revert() {
      dirty.current = false;
      setText(stored);
    },
  };
}

type Props = Omit<TextFieldProps, 'value' | 'onChange' | 'onBlur'> & { stored: string; onCommit: Commit };

/** A text field saved when the clerk leaves it or presses Enter (Ctrl+Enter in a multi-line one). */
export function CommitField({ stored, onCommit, multiline, ...rest }: Props) {
  const field = useCommitText(stored, onCommit);
  return (
    <TextField
      {...rest}
      multiline={multiline}
      value={field.text}
      onChange={(e) => field.change(e.target.value)}
      onBlur={() => void field.commit()}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && (!multiline || e.ctrlKey)) {
          e.preventDefault();
          void field.commit();
        } else if (e.key === 'Escape') field.revert();
      }}
    />
  );
}

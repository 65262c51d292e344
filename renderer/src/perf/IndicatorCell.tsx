import { useCommitText, type Commit } from './CommitField';

/** Moves the keyboard to the same column of another indicator row (Enter / Shift+Enter), as in a sheet. */
export function focusIndicatorCell(row: number, col: string): boolean {
  const el = document.querySelector<HTMLElement>(`[data-testid="ind-${row}-${col}"]`);
  if (!el) return false;
  el.focus();
  if (el instanceof HTMLInputElement) el.select();
  return true;
}

const cellInputStyle: React.CSSProperties = { width: '100%', border: 'none', outline: 'none', padding: '6px 6px', font: 'inherit', background: 'transparent' };

/** One typed cell of the indicator grid: saved on leave or Enter; Enter then moves down. */
export function IndicatorInput({ row, col, stored, onCommit, align }: { row: number; col: string; stored: string; onCommit: Commit; align?: 'left' | 'right' }) {
  const field = useCommitText(stored, onCommit);
  return (
    <input
      data-testid={`ind-${row}-${col}`}
      data-ind-row={row}
      data-ind-col={col}
      value={field.text}
      title={field.text}
      style={{ ...cellInputStyle, textAlign: align ?? 'left' }}
      onChange={(e) => field.change(e.target.value)}
      onBlur={() => void field.commit()}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          const next = row + (e.shiftKey ? -1 : 1);
          void field.commit().then((ok) => ok && focusIndicatorCell(next, col));
        } else if (e.key === 'Escape') field.revert();
      }}
    />
  );
}

/** A choice cell (一级/二级): a native select, so arrow keys and typing pick as clerks expect. */
export function IndicatorSelect({ row, col, value, options, onPick }: { row: number; col: string; value: string; options: readonly string[]; onPick(value: string): void }) {
  const choices = value !== '' && !options.includes(value) ? [value, ...options] : options;
  return (
    <select
      data-testid={`ind-${row}-${col}`}
      data-ind-row={row}
      data-ind-col={col}
      value={value}
      style={{ ...cellInputStyle, cursor: 'pointer' }}
      onChange={(e) => onPick(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          focusIndicatorCell(row + (e.shiftKey ? -1 : 1), col);
        }
      }}
    >
      <option value="">（请选择）</option>
      {choices.map((o) => (
        <option key={o} value={o}>
          {o}
        </option>
      ))}
    </select>
  );
}

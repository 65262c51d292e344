import type { SxProps, Theme } from '@mui/material/styles';

export const GUTTER_WIDTH = 44;
/** The table's own left border: cells start this far right of the table's edge (columnFit's lead). */
export const TABLE_BORDER = 1;
export const ROW_HEIGHT = 30;
/** Rows of tables with long text show two wrapped lines; the editor and tooltip show all of it. */
export const LONG_ROW_HEIGHT = 46;
export const LONG_LINE_HEIGHT = 20;

const line = '1px solid #9aa5b1';
const tableEdge = `${TABLE_BORDER}px solid #9aa5b1`;

/**
 * Scrollbars drawn always and plainly, never as thin overlays that appear on hover: a wide table must
 * show that more columns lie to the right.
 */
export const scrollbarSx = {
  '&::-webkit-scrollbar': { width: 12, height: 12, bgcolor: '#eef1f5' },
  '&::-webkit-scrollbar-thumb': { bgcolor: '#a9b4c2', borderRadius: 6, border: '2px solid #eef1f5' },
  '&::-webkit-scrollbar-thumb:hover': { bgcolor: '#7d8a99' },
  '&::-webkit-scrollbar-corner': { bgcolor: '#eef1f5' },
} as const;

/** One style block for the whole grid: per-cell sx would cost too much with thousands of cells. */
export const gridSx: SxProps<Theme> = {
  position: 'relative',
  overflow: 'auto',
  outline: 'none',
  bgcolor: '#fff',
  border: '1px solid #c5ccd6',
  '&:focus-within': { borderColor: 'primary.main' },
  ...scrollbarSx,
  '& table': { borderCollapse: 'separate', borderSpacing: 0, tableLayout: 'fixed', borderLeft: tableEdge, fontSize: 14 },
  '& th, & td': { borderRight: line, borderBottom: line, p: 0, boxSizing: 'border-box', verticalAlign: 'middle' },
  '& thead': { position: 'sticky', top: 0, zIndex: 3 },
  '& thead tr.hdr:first-of-type th': { borderTop: line },
  '& thead th': { bgcolor: '#eef2f7', fontWeight: 600, textAlign: 'center', px: 0.75, py: 0.5, lineHeight: 1.35, whiteSpace: 'pre-line' },
  // Row numbers stay in view when a wide table scrolls sideways; above the editor, below the sticky header.
  '& th.gutter, & td.gutter': { bgcolor: '#f3f5f8', color: 'text.secondary', fontSize: 12, textAlign: 'center', cursor: 'pointer', position: 'sticky', left: 0, zIndex: 2 },
  '& tfoot': { position: 'sticky', bottom: 0, zIndex: 3 },
  // Frozen key columns (columnFit): sticky at their left edge (inline style), opaque so the scrolled columns
  // pass underneath, and closed off by a heavier line.
  '& td.frozen, & th.frozen': { zIndex: 1 },
  '& tbody td.frozen': { bgcolor: '#fff' },
  '& tbody td.frozen.sel': { bgcolor: '#e4ecf5' },
  '& tr.ghost td.frozen.cell': { bgcolor: '#fbfcfd' },
  '& td.frozen-edge, & th.frozen-edge': { borderRight: '2px solid #7d8a99' },
  '& tr.total td': { bgcolor: '#f7f4ea', fontWeight: 600 },
  '& tfoot tr.total td': { borderTop: line },
  '& td .ci': { px: 0.75, overflow: 'hidden', whiteSpace: 'nowrap', textOverflow: 'ellipsis' },
  '& td.num .ci': { textAlign: 'right', fontVariantNumeric: 'tabular-nums' },
  '& td.center .ci': { textAlign: 'center' },
  '& td.right .ci': { textAlign: 'right' },
  '& td.long .ci': {
    whiteSpace: 'pre-line',
    display: '-webkit-box',
    WebkitBoxOrient: 'vertical',
    WebkitLineClamp: 2,
    lineHeight: `${LONG_LINE_HEIGHT}px`,
    maxHeight: LONG_LINE_HEIGHT * 2,
    wordBreak: 'break-all',
  },
  '& td.typed .ci': { color: 'text.secondary' },
  // Cells that follow a budget project read in blue; the clerk's own value instead of it gets a corner mark.
  '& td.follows .ci': { color: '#1f5fa8' },
  '& td.override': { backgroundImage: 'linear-gradient(225deg, #ed6c02 6px, transparent 6px)' },
  '& td.missing': { backgroundImage: 'linear-gradient(225deg, #c62828 6px, transparent 6px)' },
  '& tbody td.cell': { cursor: 'cell', userSelect: 'none' },
  '& tbody td.sel': { bgcolor: 'rgba(31, 95, 168, 0.12)' },
  // Cells of the 审核 finding picked in the panel (the active cell's outline still shows over it).
  '& tbody td.flagged': { bgcolor: '#ffe2b8' },
  '& tbody td.act': { boxShadow: 'inset 0 0 0 2px #1f5fa8' },
  '& tr.ghost td.cell': { bgcolor: '#fbfcfd' },
  '& tr.ghost td.gutter': { color: 'primary.main' },
  '& tr.spacer td': { border: 0, p: 0 },
  '& textarea.editor': {
    position: 'absolute',
    zIndex: 1,
    m: 0,
    px: '5px',
    border: 0,
    outline: 'none',
    resize: 'none',
    font: 'inherit',
    fontSize: 14,
    bgcolor: '#fff',
    boxSizing: 'border-box',
  },
  '& textarea.editor.idle': { opacity: 0, pointerEvents: 'none', caretColor: 'transparent' },
  '& textarea.editor.open': { boxShadow: '0 0 0 2px #1f5fa8, 0 4px 12px rgba(0,0,0,0.18)' },
};

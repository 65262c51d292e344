import { Fragment } from 'react';
import { sliceRuns } from '../../../shared/narrative/richtext';
import { BODY_CSS } from '../../../shared/print/typography';
import type { MeasuredUnit, PagePiece } from './paginate';
import { PrintTableSlice } from './PrintTableSlice';
import type { PreviewUnit } from './units';

/**
 * One unit of the preview (a 目录 line, a heading, a paragraph, a table or the part of it on this page), in
 * the .docx writer's typography (print.css). `pageOf` gives a 目录 line its page number once pages are known.
 */
export function PrintUnitView({ unit, piece, measured, pageOf }: { unit: PreviewUnit; piece?: PagePiece; measured?: MeasuredUnit; pageOf?: (unit: number) => number }) {
  if (unit.kind === 'tocTitle') return <div className="bd-block bd-toc-title">目 录</div>;
  if (unit.kind === 'tocEntry') {
    const page = pageOf && unit.target >= 0 ? pageOf(unit.target) : 0;
    return (
      <div className={`bd-block bd-toc-entry level-${unit.entry.level}`}>
        <span className="bd-toc-text">{unit.entry.text}</span>
        <span className="bd-toc-leader" />
        <span className="bd-toc-page">{page > 0 ? page : ''}</span>
      </div>
    );
  }
  const block = unit.item.block;
  if (block.kind === 'heading') {
    return (
      <div className={`bd-block bd-heading level-${block.level}`} data-testid="preview-heading">
        {block.text}
      </div>
    );
  }
  if (block.kind === 'paragraph') {
    const centered = !!block.align && block.align !== 'left';
    // The part of a paragraph split across pages: its lines as measured; only the first part is indented, and
    // every part but the last is justified to its last line, as Word prints it.
    const starts = measured?.kind === 'block' ? measured.lineStarts : undefined;
    const [from, to] = piece?.lines && starts ? piece.lines : [0, starts?.length ?? 1];
    const [start, end] = starts ? [starts[from]!, starts[to] ?? block.text.length] : [0, block.text.length];
    const indent = !(block.indent === false || centered) && from === 0;
    const style = {
      ...(indent ? { textIndent: BODY_CSS.textIndent } : {}),
      ...(centered ? { textAlign: block.align } : starts && to < starts.length ? { textAlignLast: 'justify' as const } : {}),
    };
    // Measured as one text node (measure.ts reads its lines); shown on the sheet with its bold runs.
    const content =
      measured && block.runs
        ? sliceRuns(block.runs, start, end).map((r, i) => (r.bold ? <b key={i}>{r.text}</b> : <Fragment key={i}>{r.text}</Fragment>))
        : block.text.slice(start, end);
    return (
      <div className="bd-block bd-paragraph" style={style}>
        {content}
      </div>
    );
  }
  return (
    <PrintTableSlice
      table={block.table}
      orientation={unit.orientation}
      caption={piece ? piece.caption === true : true}
      rows={piece ? (piece.rows ?? [0, 0]) : undefined}
      notes={piece ? piece.notes === true : true}
    />
  );
}

import { useEffect, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import LinearProgress from '@mui/material/LinearProgress';
import type { DocumentPart, PrintDocument } from '../../../shared/print/types';
import { call } from '../api/client';
import { useNotifier } from '../ui/Notifier';
import { MeasureBox } from './MeasureBox';
import { PreviewToolbar } from './PreviewToolbar';
import { PrintUnitView } from './PrintUnitView';
import { Sheet } from './Sheet';
import { previewUnits, startPages } from './units';
import { usePages } from './usePages';
import './print.css';

/**
 * 打印预览: the submission (print.document, the model the .docx and .xlsx writers read) page by page on A4
 * sheets — cover, 目录 with page numbers, 说明, every table, landscape sheets for wide tables, header rows
 * repeated on continued pages. Printing this page prints exactly these sheets (print.css).
 */
export function PrintPreview({ path, onClose }: { path: string; onClose(): void }) {
  const { notifyError } = useNotifier();
  const [part, setPart] = useState<DocumentPart>('all');
  const [doc, setDoc] = useState<{ part: DocumentPart; doc: PrintDocument } | null>(null);
  useEffect(() => {
    let live = true;
    void call('print.document', { path, part }).then((r) => {
      if (!live) return;
      if (r.ok) setDoc({ part, doc: r.value });
      else notifyError(r.error);
    });
    return () => {
      live = false;
    };
  }, [path, part, notifyError]);
  const shown = doc?.part === part ? doc.doc : null;
  const units = useMemo(() => (shown ? previewUnits(shown) : null), [shown]);
  const { measureRef, pages, measured } = usePages(units);
  const starts = useMemo(() => (pages && units ? startPages(pages, units.length) : []), [pages, units]);

  // The keyboard leaves the workbook's grid while the preview covers it; Esc closes the preview.
  const rootRef = useRef<HTMLDivElement>(null);
  useEffect(() => rootRef.current?.focus(), []);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  return createPortal(
    <div className="bd-print-root" data-testid="print-preview" role="dialog" aria-modal aria-label="打印预览" tabIndex={-1} ref={rootRef}>
      <PreviewToolbar doc={shown} part={part} pageCount={pages ? pages.length + (shown?.cover ? 1 : 0) : null} onPart={setPart} onClose={onClose} />
      {!pages && <LinearProgress />}
      <div className="bd-print-scroll">
        {units && !pages && <MeasureBox units={units} boxRef={measureRef} />}
        {shown && units && pages && (
          <div data-testid="preview-sheets">
            {shown.cover && (
              <Sheet orientation="portrait" number={null}>
                <div className="bd-cover-title">{shown.cover.title}</div>
                <div className="bd-cover-date">{shown.cover.dateLine}</div>
              </Sheet>
            )}
            {pages.map((page, i) => (
              <Sheet key={i} orientation={page.orientation} number={i + 1}>
                {page.pieces.map((piece, j) => (
                  <PrintUnitView key={j} unit={units[piece.unit]!} piece={piece} measured={measured[piece.unit]} pageOf={(u) => starts[u] ?? 0} />
                ))}
              </Sheet>
            ))}
          </div>
        )}
      </div>
    </div>,
    document.body,
  );
}

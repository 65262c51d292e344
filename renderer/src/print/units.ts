import { pageFlow, type FlowItem, type Orientation } from '../../../shared/print/flow';
import { tableCaption } from '../../../shared/print/document';
import type { PrintDocument, PrintTocEntry } from '../../../shared/print/types';
import type { Page } from './paginate';

/**
 * What the preview lays out after the cover, in print order: the 目录 (its title, then one line per entry) and
 * the document's blocks as the shared page flow places them, the same flow the .docx writer follows.
 */
export type PreviewUnit = { orientation: Orientation; newPage: boolean } & (
  | { kind: 'tocTitle' }
  | { kind: 'tocEntry'; entry: PrintTocEntry; /** Index of the unit the entry names, -1 if none. */ target: number }
  | { kind: 'flow'; item: FlowItem }
);

/** Whether a 目录 entry names this block: a heading by its text, a table by its caption. */
function names(entry: PrintTocEntry, item: FlowItem): boolean {
  const b = item.block;
  if (b.kind === 'heading') return b.toc && b.text === entry.text;
  return b.kind === 'table' && tableCaption(b.table) === entry.text;
}

export function previewUnits(doc: PrintDocument): PreviewUnit[] {
  const flow = pageFlow(doc);
  const lead = doc.toc.length > 0 ? 1 + doc.toc.length : 0;
  const units: PreviewUnit[] = [];
  if (doc.toc.length > 0) units.push({ kind: 'tocTitle', orientation: 'portrait', newPage: false });
  let from = 0;
  for (const entry of doc.toc) {
    let target = -1;
    for (let i = from; i < flow.length; i++) {
      if (names(entry, flow[i]!)) {
        target = lead + i;
        from = i + 1;
        break;
      }
    }
    units.push({ kind: 'tocEntry', entry, target, orientation: 'portrait', newPage: false });
  }
  for (const item of flow) units.push({ kind: 'flow', item, orientation: item.orientation, newPage: item.newPage });
  return units;
}

/** The printed page number (1 = the first page after the cover) on which each unit starts. */
export function startPages(pages: Page[], count: number): number[] {
  const out = new Array<number>(count).fill(0);
  pages.forEach((page, p) => {
    for (const piece of page.pieces) if (out[piece.unit] === 0) out[piece.unit] = p + 1;
  });
  return out;
}

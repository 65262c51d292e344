import type { PrintBlock, PrintDocument } from './types.js';

/**
 * Where the document's pages break and which way they lie, decided once for every paged output (the .docx
 * writer's sections and page breaks, the in-app print preview and the PDF printed from it), so the Word file
 * and the PDF start the same blocks on new pages in the same orientation.
 */

export type Orientation = 'portrait' | 'landscape';

export interface FlowItem {
  block: Exclude<PrintBlock, { kind: 'pageBreak' | 'sheet' }>;
  orientation: Orientation;
  /** The block starts a new page (a page break, a table, or a change of orientation after earlier content). */
  newPage: boolean;
}

/**
 * The page orientation of each block: a table's own; a heading directly above a table (a part title, an
 * outline heading) goes on the table's page; everything else is portrait.
 */
function orientations(blocks: PrintBlock[]): Orientation[] {
  const out: Orientation[] = new Array(blocks.length);
  let next: Orientation = 'portrait';
  for (let i = blocks.length - 1; i >= 0; i--) {
    const b = blocks[i]!;
    if (b.kind === 'sheet') {
      out[i] = next;
      continue;
    }
    if (b.kind === 'table') next = b.table.orientation;
    else if (b.kind !== 'heading') next = 'portrait';
    out[i] = next;
  }
  return out;
}

/**
 * The blocks after the cover, each with its orientation and whether it starts a page. The 目录 (when the
 * document has one) comes first on a portrait page of its own. Every table starts a page of its own (as the
 * official documents print them) unless a heading leads onto it; a page break waits for the next content, so
 * breaks at the end or right before a change of orientation vanish.
 */
export function pageFlow(doc: Pick<PrintDocument, 'toc' | 'blocks'>): FlowItem[] {
  const orientation = orientations(doc.blocks);
  const out: FlowItem[] = [];
  let anyContent = doc.toc.length > 0;
  let breakPending = anyContent;
  let current: Orientation = 'portrait';
  let previous: PrintBlock['kind'] | null = null;
  doc.blocks.forEach((block, i) => {
    if (block.kind === 'pageBreak') {
      breakPending = anyContent;
      return;
    }
    // A workbook's sheet of an outline form: the pages print it as the blocks that follow.
    if (block.kind === 'sheet') return;
    if (block.kind === 'table' && previous !== 'heading' && anyContent) breakPending = true;
    const o = orientation[i]!;
    let newPage = breakPending;
    if (o !== current) {
      newPage = anyContent;
      current = o;
    }
    out.push({ block, orientation: o, newPage });
    previous = block.kind;
    anyContent = true;
    breakPending = false;
  });
  return out;
}

import { randomBytes } from 'node:crypto';
import { AlignmentType, Document, Footer, Packer, PageNumber, PageOrientation, Paragraph, TextRun, type ISectionOptions } from 'docx';
import { pageFlow, type Orientation } from '../../../../shared/print/flow.js';
import type { PrintBlock, PrintDocument, PrintTable } from '../../../../shared/print/types.js';
import { PAGE_BREAK_XML, headingXml, paragraphXml, tocXml, type TocMark } from './body.js';
import { tableBlockXml } from './table.js';
import { MARGIN, PAGE, printableWidth } from '../../../../shared/print/page.js';
import { LATIN, SIZE, SONGTI, STYLE, documentStyles } from './typography.js';
import { openZip } from '../zip.js';
import { writeZip, type ZipEntry } from './zip.js';

/**
 * PrintDocument → .docx bytes. The docx library builds the frame (styles, sections with their page size and
 * orientation, footers with page numbers, package parts); each section holds one marker paragraph, which is
 * then replaced in word/document.xml by that section's body written as XML directly (table.ts, body.ts). The
 * library alone takes seconds and gigabytes for a few hundred tables; the spliced body costs a fraction.
 */

interface Section {
  orientation: Orientation;
  xml: string[];
  /** The cover: no page number. */
  cover?: boolean;
}

/** Matches the 目录's entries to the blocks they name: headings by text, tables by their title. */
function tocMarks(doc: PrintDocument): Map<PrintBlock, TocMark> {
  const marks = new Map<PrintBlock, TocMark>();
  let from = 0;
  for (const entry of doc.toc) {
    for (let i = from; i < doc.blocks.length; i++) {
      const b = doc.blocks[i]!;
      const isHeading = b.kind === 'heading' && b.toc && b.text === entry.text;
      const isTable = b.kind === 'table' && namesTable(entry.text, b.table);
      if (isHeading || isTable) {
        if (isTable) marks.set(b, { level: entry.level, text: entry.text });
        from = i + 1;
        break;
      }
    }
  }
  return marks;
}

function namesTable(text: string, table: PrintTable): boolean {
  return text === table.title || text.includes(table.title) || (!!table.shortTitle && text.includes(table.shortTitle));
}

/**
 * Splits the document into sections, a new one wherever the page orientation changes, with page breaks where
 * the shared page flow (shared/print/flow.ts) starts a page.
 */
function sections(doc: PrintDocument): Section[] {
  const out: Section[] = [];
  if (doc.cover) {
    out.push({ orientation: 'portrait', cover: true, xml: [paragraphXml(STYLE.coverTitle, doc.cover.title), paragraphXml(STYLE.coverDate, doc.cover.dateLine)] });
  }
  let current: Section = { orientation: 'portrait', xml: [] };
  out.push(current);
  if (doc.toc.length > 0) current.xml.push(paragraphXml(STYLE.tocTitle, '目  录'), tocXml(doc.toc));
  const marks = tocMarks(doc);
  for (const { block, orientation, newPage } of pageFlow(doc)) {
    let breakBefore = newPage;
    if (orientation !== current.orientation) {
      // A change of orientation is a new section, which starts its own page.
      current = current.xml.length === 0 ? Object.assign(current, { orientation }) : { orientation, xml: [] };
      if (!out.includes(current)) out.push(current);
      breakBefore = false;
    }
    let xml: string;
    if (block.kind === 'heading') xml = headingXml(block.level, block.text, block.toc);
    else if (block.kind === 'paragraph') {
      xml = paragraphXml(STYLE.body, block.text, {
        align: block.align === 'left' || !block.align ? 'both' : block.align,
        noIndent: block.indent === false || (!!block.align && block.align !== 'left'),
        ...(block.runs ? { runs: block.runs } : {}),
      });
    } else xml = tableBlockXml(block.table, printableWidth(orientation), marks.get(block));
    current.xml.push(breakBefore ? withPageBreakBefore(xml) : xml);
  }
  return out;
}

/**
 * Starts a block on a new page through its first paragraph (w:pageBreakBefore). A paragraph holding only a
 * page break would itself spill onto a new page after a table that fills its page, leaving a blank page.
 */
function withPageBreakBefore(xml: string): string {
  const styled = /^<w:p><w:pPr><w:pStyle w:val="[^"]*"\/>/.exec(xml);
  return styled ? `${styled[0]}<w:pageBreakBefore/>${xml.slice(styled[0].length)}` : PAGE_BREAK_XML + xml;
}

/**
 * The paragraph that carries a section's properties (the docx library adds one per section) shrunk to a
 * 1 pt line, so after a table that fills its page it does not spill onto a page of its own.
 */
const TINY_SECTION_PARAGRAPH = '<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/><w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr><w:sectPr>';

function pageNumberFooter(): Footer {
  const font = { ascii: LATIN, hAnsi: LATIN, cs: LATIN, eastAsia: SONGTI };
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ text: '— ', font, size: SIZE.footer }), new TextRun({ children: [PageNumber.CURRENT], font, size: SIZE.footer }), new TextRun({ text: ' —', font, size: SIZE.footer })],
      }),
    ],
  });
}

export async function writeDocx(doc: PrintDocument): Promise<Buffer> {
  const parts = sections(doc);
  const nonce = randomBytes(6).toString('hex');
  const marker = (i: number) => `BUDGETDESK-BODY-${nonce}-${i}`;
  let numbered = false;
  const docxSections: ISectionOptions[] = parts.map((s, i) => {
    const first = !s.cover && !numbered;
    if (first) numbered = true;
    return {
      properties: {
        page: {
          size: { width: PAGE.width, height: PAGE.height, orientation: s.orientation === 'landscape' ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
          margin: { ...MARGIN[s.orientation], header: 851, footer: 992 },
          ...(first ? { pageNumbers: { start: 1 } } : {}),
        },
      },
      // Later sections inherit the first numbered section's footer; the cover has none.
      ...(first ? { footers: { default: pageNumberFooter() } } : {}),
      children: [new Paragraph({ children: [new TextRun(marker(i))] })],
    };
  });
  const frame = new Document({
    creator: 'BudgetDesk 预算编报台',
    title: doc.cover?.title ?? `${doc.deptName}${doc.year}年部门预算`,
    styles: documentStyles(),
    sections: docxSections,
  });
  // The frame's parts are all XML (no media, no embedded fonts): read them as text.
  const pkg = openZip(await Packer.toBuffer(frame), 'docx-frame');
  const entries: ZipEntry[] = await Promise.all([...pkg.entries.keys()].map(async (name) => ({ name, data: Buffer.from(await pkg.text(name), 'utf8') })));
  const main = entries.find((e) => e.name === 'word/document.xml');
  if (!main) throw new Error('docx frame without word/document.xml');
  let xml = main.data.toString('utf8');
  const pieces: string[] = [];
  let at = 0;
  parts.forEach((s, i) => {
    const hit = xml.indexOf(marker(i), at);
    if (hit < 0) throw new Error(`docx frame lost the body marker of section ${i + 1}`);
    const start = xml.lastIndexOf('<w:p>', hit);
    const end = xml.indexOf('</w:p>', hit) + '</w:p>'.length;
    pieces.push(xml.slice(at, start), s.xml.join('') || '<w:p/>');
    at = end;
  });
  pieces.push(xml.slice(at));
  xml = pieces.join('').replaceAll('<w:p><w:pPr><w:sectPr>', TINY_SECTION_PARAGRAPH);
  main.data = Buffer.from(xml, 'utf8');
  return writeZip(entries);
}

import type { PrintAlign, PrintRun, PrintTocEntry } from '../../../../shared/print/types.js';
import { escapeXml } from './xml.js';
import { FANGSONG, HEADING_FACES, HEITI, SIZE, SONGTI, STYLE, XIAOBIAOSONG, runProps } from './typography.js';

/**
 * Paragraphs of the document body as WordprocessingML strings: headings, narrative, the 目录 field and the
 * lines around tables. Each run repeats its style's fonts (w:eastAsia included), so the text keeps its face
 * in readers that ignore or replace the style definitions.
 */

/** A 目录 entry that is not a heading (a table title): marked with a TC field at the title. */
export interface TocMark {
  level: 1 | 2 | 3;
  text: string;
}

/** Each style's face and size (half-points), which its runs repeat. */
const FACE_OF_STYLE: Record<string, readonly [string, number]> = {
  [STYLE.body]: [FANGSONG, SIZE.body],
  [STYLE.coverTitle]: [XIAOBIAOSONG, SIZE.title],
  [STYLE.coverDate]: [FANGSONG, SIZE.body],
  [STYLE.tocTitle]: [HEITI, SIZE.tableTitle],
  [STYLE.tableNumber]: [HEITI, SIZE.tableNumber],
  [STYLE.tableTitle]: [XIAOBIAOSONG, SIZE.tableTitle],
  [STYLE.unitLine]: [SONGTI, SIZE.unitLine],
  [STYLE.note]: [SONGTI, SIZE.note],
  ...Object.fromEntries([0, 1, 2].flatMap((l) => [STYLE.heading[l]!, STYLE.plainHeading[l]!].map((id) => [id, [HEADING_FACES[l]!.font, HEADING_FACES[l]!.size] as const]))),
  [STYLE.toc[0]]: [FANGSONG, SIZE.body],
  [STYLE.toc[1]]: [FANGSONG, SIZE.body],
  [STYLE.toc[2]]: [FANGSONG, SIZE.body],
};
const RUN_OF_STYLE: Record<string, string> = Object.fromEntries(Object.entries(FACE_OF_STYLE).map(([id, [face, size]]) => [id, runProps(face, size)]));

function textRuns(rPr: string, text: string): string {
  // Line breaks and tabs become <w:br/> and <w:tab/>; everything else is literal text (never a field).
  return text
    .split(/(\n|\t)/)
    .filter((part) => part !== '')
    .map((part) => (part === '\n' ? `<w:r>${rPr}<w:br/></w:r>` : part === '\t' ? `<w:r>${rPr}<w:tab/></w:r>` : `<w:r>${rPr}<w:t xml:space="preserve">${escapeXml(part)}</w:t></w:r>`))
    .join('');
}

export interface ParagraphOptions {
  align?: PrintAlign | 'both';
  /** No first-line indent (the body style indents two characters). */
  noIndent?: boolean;
  /** A right-aligned tab stop at this position (twips): "left text\tright text" on one line. */
  tabRight?: number;
  /** Raw runs placed before the text (a TC field). */
  prefix?: string;
  /** The text in runs, some bold (the 说明's free text); replaces `text`. */
  runs?: PrintRun[];
}

export function paragraphXml(style: string, text: string, options: ParagraphOptions = {}): string {
  const [face, size] = FACE_OF_STYLE[style] ?? [FANGSONG, SIZE.body];
  const rPr = RUN_OF_STYLE[style] ?? runProps(face, size);
  const runs = options.runs ? options.runs.map((r) => textRuns(r.bold ? runProps(face, size, true) : rPr, r.text)).join('') : textRuns(rPr, text);
  let pPr = `<w:pStyle w:val="${style}"/>`;
  if (options.tabRight !== undefined) pPr += `<w:tabs><w:tab w:val="right" w:pos="${options.tabRight}"/></w:tabs>`;
  if (options.noIndent) pPr += '<w:ind w:firstLine="0" w:firstLineChars="0"/>';
  if (options.align) pPr += `<w:jc w:val="${options.align}"/>`;
  return `<w:p><w:pPr>${pPr}</w:pPr>${options.prefix ?? ''}${runs}</w:p>`;
}

export function headingXml(level: 1 | 2 | 3, text: string, inToc: boolean): string {
  return paragraphXml((inToc ? STYLE.heading : STYLE.plainHeading)[level - 1]!, text);
}

export const PAGE_BREAK_XML = `<w:p><w:r>${runProps(FANGSONG, SIZE.body)}<w:br w:type="page"/></w:r></w:p>`;

/** The runs of a field: begin, instruction, then (for fields with a shown result) separate. */
function fieldStart(rPr: string, instruction: string, separate: boolean): string {
  return (
    `<w:r>${rPr}<w:fldChar w:fldCharType="begin"/></w:r><w:r>${rPr}<w:instrText xml:space="preserve">${escapeXml(instruction)}</w:instrText></w:r>` +
    (separate ? `<w:r>${rPr}<w:fldChar w:fldCharType="separate"/></w:r>` : '')
  );
}
const fieldEnd = (rPr: string) => `<w:r>${rPr}<w:fldChar w:fldCharType="end"/></w:r>`;

const fieldQuote = (text: string) => `"${text.replace(/["\\]/g, (c) => `\\${c}`)}"`;

/** A TC field: an entry the TOC field (\f) collects, printing nothing itself. */
export function tcFieldXml(mark: TocMark): string {
  const rPr = RUN_OF_STYLE[STYLE.tableTitle]!;
  return fieldStart(rPr, ` TC ${fieldQuote(mark.text)} \\l ${mark.level} `, false) + fieldEnd(rPr);
}

/**
 * The 目录: a real TOC field over the outline-level headings (\o) and the TC-marked table titles (\f), with
 * its entries already in place as the field's result, so it reads right before anyone updates it. Like the
 * official documents (seed 001), entries carry no page numbers (\n): those depend on the reader's fonts.
 */
export function tocXml(entries: PrintTocEntry[]): string {
  if (entries.length === 0) return '';
  const instr = ' TOC \\o "1-3" \\f \\l "1-3" \\n \\z \\u ';
  const paras = entries.map((e, i) => {
    const style = STYLE.toc[e.level - 1]!;
    const rPr = RUN_OF_STYLE[style]!;
    const begin = i === 0 ? fieldStart(rPr, instr, true) : '';
    const end = i === entries.length - 1 ? fieldEnd(rPr) : '';
    return `<w:p><w:pPr><w:pStyle w:val="${style}"/></w:pPr>${begin}${textRuns(rPr, e.text)}${end}</w:p>`;
  });
  return `<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/><w:docPartUnique/></w:docPartObj></w:sdtPr><w:sdtContent>${paras.join('')}</w:sdtContent></w:sdt>`;
}

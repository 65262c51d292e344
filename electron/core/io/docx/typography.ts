import type { IStylesOptions } from 'docx';
import { BODY_INDENT, BODY_LINE as BODY_PITCH, FANGSONG, HEITI, KAITI, LATIN, SIZE, SONGTI, XIAOBIAOSONG } from '../../../../shared/print/typography.js';

/**
 * The official typography (DOMAIN.md §7, GB/T 9704 for the narrative; its numbers in shared/print/typography.ts,
 * which the print preview and the 说明 editor read too): A4, 仿宋_GB2312 三号 body, 黑体 /
 * 楷体_GB2312 / 仿宋 bold for the three heading levels, 方正小标宋简体 titles, 宋体 10.5pt table text. Every style
 * names its East Asian font (w:eastAsia) and so does every run the writers emit: WPS and Word pick the CJK face
 * from w:eastAsia only, and a run without it falls back to the reader's default face.
 */

export { FANGSONG, HEITI, KAITI, LATIN, SIZE, SONGTI, XIAOBIAOSONG } from '../../../../shared/print/typography.js';

/** Style ids the body XML refers to (defined in `documentStyles`). */
export const STYLE = {
  body: 'BdBody',
  coverTitle: 'BdCoverTitle',
  coverDate: 'BdCoverDate',
  tocTitle: 'BdTocTitle',
  tableNumber: 'BdTableNumber',
  tableTitle: 'BdTableTitle',
  unitLine: 'BdUnitLine',
  tableText: 'BdTableText',
  note: 'BdNote',
  /** Headings listed in the 目录 (outline levels 1–3). */
  heading: ['Heading1', 'Heading2', 'Heading3'],
  /** Headings printed the same way but kept out of the 目录 (no outline level). */
  plainHeading: ['BdPlainHeading1', 'BdPlainHeading2', 'BdPlainHeading3'],
  toc: ['TOC1', 'TOC2', 'TOC3'],
} as const;

const fonts = (eastAsia: string) => ({ ascii: LATIN, hAnsi: LATIN, cs: LATIN, eastAsia });

/** `<w:rPr>` for runs the writers emit directly: fonts always, East Asian face included. */
export function runProps(eastAsia: string, size: number, bold = false): string {
  return (
    `<w:rPr><w:rFonts w:ascii="${LATIN}" w:hAnsi="${LATIN}" w:cs="${LATIN}" w:eastAsia="${eastAsia}"/>` +
    (bold ? '<w:b/><w:bCs/>' : '') +
    `<w:sz w:val="${size}"/><w:szCs w:val="${size}"/></w:rPr>`
  );
}

/** Body line pitch: exactly 28 pt, the official 22 lines per page of 三号 text. */
const BODY_LINE = { line: BODY_PITCH, lineRule: 'exact' as const, before: 0, after: 0 };
const SINGLE = { line: 240, lineRule: 'auto' as const, before: 0, after: 0 };

/**
 * Level 1 is a part title (第一部分 …, 第二部分 …): centered 黑体 小二. Levels 2 and 3 are the narrative's
 * "一、" and "（一）" headings: 黑体 and 楷体_GB2312 三号 with the body's two-character indent (GB/T 9704).
 */
export const HEADING_FACES = [
  { font: HEITI, size: 36, centered: true },
  { font: HEITI, size: SIZE.body, centered: false },
  { font: KAITI, size: SIZE.body, centered: false },
] as const;

export function documentStyles(): IStylesOptions {
  const heading = (level: number) => {
    const face = HEADING_FACES[level]!;
    return {
      run: { font: fonts(face.font), size: face.size, bold: false, color: '000000' },
      paragraph: face.centered
        ? { spacing: { line: BODY_PITCH, lineRule: 'exact' as const, before: 280, after: 280 }, alignment: 'center' as const, keepNext: true }
        : { spacing: BODY_LINE, indent: { firstLine: BODY_INDENT }, keepNext: true },
    };
  };
  return {
    default: {
      document: { run: { font: fonts(FANGSONG), size: SIZE.body }, paragraph: { spacing: BODY_LINE } },
      title: { run: { font: fonts(XIAOBIAOSONG), size: SIZE.title, color: '000000' }, paragraph: { alignment: 'center', spacing: SINGLE } },
      heading1: { ...heading(0), paragraph: { ...heading(0).paragraph, outlineLevel: 0 } },
      heading2: { ...heading(1), paragraph: { ...heading(1).paragraph, outlineLevel: 1 } },
      heading3: { ...heading(2), paragraph: { ...heading(2).paragraph, outlineLevel: 2 } },
    },
    paragraphStyles: [
      { id: STYLE.body, name: 'BudgetDesk Body', basedOn: 'Normal', quickFormat: true, run: { font: fonts(FANGSONG), size: SIZE.body }, paragraph: { spacing: BODY_LINE, alignment: 'both', indent: { firstLine: BODY_INDENT } } },
      ...[0, 1, 2].map((l) => ({ id: STYLE.plainHeading[l]!, name: `BudgetDesk Heading ${l + 1} (not in TOC)`, basedOn: 'Normal', ...heading(l) })),
      { id: STYLE.coverTitle, name: 'BudgetDesk Cover Title', basedOn: 'Normal', run: { font: fonts(XIAOBIAOSONG), size: SIZE.title }, paragraph: { alignment: 'center', spacing: { line: 800, lineRule: 'exact', before: 4800, after: 1200 } } },
      { id: STYLE.coverDate, name: 'BudgetDesk Cover Date', basedOn: 'Normal', run: { font: fonts(FANGSONG), size: SIZE.body }, paragraph: { alignment: 'center', spacing: BODY_LINE } },
      { id: STYLE.tocTitle, name: 'BudgetDesk TOC Title', basedOn: 'Normal', run: { font: fonts(HEITI), size: SIZE.tableTitle }, paragraph: { alignment: 'center', spacing: { line: BODY_PITCH, lineRule: 'exact', before: 0, after: 560 } } },
      ...[0, 1, 2].map((l) => ({ id: STYLE.toc[l]!, name: `toc ${l + 1}`, basedOn: 'Normal', next: 'Normal', run: { font: fonts(FANGSONG), size: SIZE.body }, paragraph: { spacing: BODY_LINE, indent: { left: BODY_INDENT * l } } })),
      { id: STYLE.tableNumber, name: 'BudgetDesk Table Number', basedOn: 'Normal', run: { font: fonts(HEITI), size: SIZE.tableNumber }, paragraph: { spacing: SINGLE, keepNext: true } },
      { id: STYLE.tableTitle, name: 'BudgetDesk Table Title', basedOn: 'Normal', run: { font: fonts(XIAOBIAOSONG), size: SIZE.tableTitle }, paragraph: { alignment: 'center', spacing: { line: 240, lineRule: 'auto', before: 120, after: 240 }, keepNext: true } },
      { id: STYLE.unitLine, name: 'BudgetDesk Unit Line', basedOn: 'Normal', run: { font: fonts(SONGTI), size: SIZE.unitLine }, paragraph: { spacing: { ...SINGLE, after: 60 }, keepNext: true } },
      // A fixed 14 pt line: rows take the same height whatever CJK face the reader substitutes for 宋体.
      { id: STYLE.tableText, name: 'BudgetDesk Table Text', basedOn: 'Normal', run: { font: fonts(SONGTI), size: SIZE.table }, paragraph: { spacing: { line: 280, lineRule: 'exact', before: 0, after: 0 } } },
      { id: STYLE.note, name: 'BudgetDesk Note', basedOn: 'Normal', run: { font: fonts(SONGTI), size: SIZE.note }, paragraph: { spacing: { ...SINGLE, before: 120 } } },
    ],
  };
}

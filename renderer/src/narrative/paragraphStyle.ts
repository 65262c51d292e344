import { BODY_CSS, cssFontFamily, HEITI, SIZE } from '../../../shared/print/typography';

/**
 * The official 说明 typography on screen, from the numbers the .docx writer uses (shared/print/typography.ts):
 * 仿宋_GB2312 三号 body on an exact 28 pt line with a two-character first-line indent, 黑体 headings, so what
 * the clerk edits looks as it prints.
 */
export const paragraphSx = { ...BODY_CSS, m: 0 };

export const headingSx = { fontFamily: cssFontFamily(HEITI), fontSize: `${SIZE.body / 2}pt`, lineHeight: BODY_CSS.lineHeight, fontWeight: 400, mt: 2, mb: 0.5, textIndent: BODY_CSS.textIndent };

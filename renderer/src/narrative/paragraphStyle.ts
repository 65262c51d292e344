/**
 * The official 说明 typography (DOMAIN.md §7, GB/T 9704; electron/core/io/docx/typography.ts): 仿宋_GB2312 三号
 * body with a two-character first-line indent, 黑体 headings, so what the clerk edits looks as it prints.
 */
export const BODY_FONT = '"仿宋_GB2312", "FangSong", "仿宋", "STFangsong", "Noto Serif CJK SC", serif';
export const HEADING_FONT = '"黑体", "SimHei", "Noto Sans CJK SC", sans-serif';

export const paragraphSx = {
  fontFamily: BODY_FONT,
  fontSize: '16pt',
  lineHeight: '28pt',
  textIndent: '2em',
  textAlign: 'justify' as const,
  m: 0,
};

export const headingSx = { fontFamily: HEADING_FONT, fontSize: '16pt', lineHeight: '28pt', fontWeight: 400, mt: 2, mb: 0.5, textIndent: '2em' };

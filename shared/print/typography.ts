/**
 * The official typography (DOMAIN.md §7, GB/T 9704) as numbers every output shares: the .docx writer's styles
 * (electron/core/io/docx/typography.ts), the print preview and the 说明 editor read them from here, so what the
 * clerk edits, what the preview shows and what Word prints agree.
 */

/** Latin face for figures and ASCII (metric-compatible Liberation Serif on Linux). */
export const LATIN = 'Times New Roman';
export const FANGSONG = '仿宋_GB2312';
export const HEITI = '黑体';
export const KAITI = '楷体_GB2312';
export const SONGTI = '宋体';
export const XIAOBIAOSONG = '方正小标宋简体';

/** Sizes in half-points (w:sz): 三号 body 16 pt, 二号 titles 22 pt, 五号 tables 10.5 pt. */
export const SIZE = { body: 32, title: 44, tableTitle: 36, tableNumber: 32, table: 21, unitLine: 21, note: 21, footer: 28 } as const;

/** Body line pitch in twips, exact: 28 pt, the official 22 lines per page of 三号 text. */
export const BODY_LINE = 560;

/** A body paragraph's first-line indent in twips: two characters of the 三号 body (2 × 16 pt). */
export const BODY_INDENT = 640;

/**
 * What a screen without the official face shows instead, per face: Word's name first, then the usual
 * Windows, macOS and Linux (Noto CJK) equivalents. The Latin face comes first so figures print in it.
 */
const FALLBACKS: Record<string, string> = {
  [FANGSONG]: `'仿宋_GB2312', '仿宋', FangSong, STFangsong, 'Noto Serif CJK SC', serif`,
  [HEITI]: `'黑体', SimHei, 'Noto Sans CJK SC', sans-serif`,
  [KAITI]: `'楷体_GB2312', '楷体', KaiTi, STKaiti, 'Noto Serif CJK SC', serif`,
  [SONGTI]: `'宋体', SimSun, 'Noto Serif CJK SC', serif`,
};

/** A CSS font-family for an East Asian face with its Latin companion and fallbacks. */
export function cssFontFamily(eastAsia: string): string {
  return `'${LATIN}', 'Liberation Serif', ${FALLBACKS[eastAsia] ?? `'${eastAsia}', serif`}`;
}

const pt = (twips: number) => `${twips / 20}pt`;

/** The body paragraph (BdBody in the .docx) as CSS: face, size, exact line pitch, first-line indent, justified. */
export const BODY_CSS = {
  fontFamily: cssFontFamily(FANGSONG),
  fontSize: `${SIZE.body / 2}pt`,
  lineHeight: pt(BODY_LINE),
  textIndent: pt(BODY_INDENT),
  textAlign: 'justify',
} as const;

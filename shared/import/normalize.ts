/**
 * Text as offices type it, made comparable: full-width letters and digits, NBSP and ideographic spaces,
 * line breaks inside words, the many dashes, and the numbering in front of a title (附件3-1, 表一, 表1-1).
 */

const DASHES = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D\u30FC-]/g;

/** NFKC folds full-width ASCII and compatibility forms; every kind of space and line break goes. */
export function squash(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\s\u00A0\u3000\u200B\uFEFF]+/g, '')
    .replace(DASHES, '-')
    .replace(/[“”"「」『』]/g, '"')
    .replace(/[（]/g, '(')
    .replace(/[）]/g, ')')
    .replace(/[：]/g, ':');
}

const NUMBERING = /^(?:附件|附表|表格|表)[0-9一二三四五六七八九十百零〇]+(?:[-.][0-9一二三四五六七八九十]+)*[:、.]?/;

/**
 * A title without its numbering, year and placeholders, for comparing a document's heading with a layout's
 * title template ('{year}年…', '{deptName}…'). '一' used as a dash between two words (基本支出一工资福利支出,
 * a typing habit) is read as the dash it stands for.
 */
export function titleKey(text: string): string {
  return squash(text.replace(/\{(?:year|prevYear)\}年度?/g, '').replace(/\{[A-Za-z.]+\}/g, ''))
    .replace(NUMBERING, '')
    .replace(/^[:：、.]/, '')
    .replace(/(?:19|20)\d{2}年(?:度)?/g, '')
    .replace(/(?<=[\u4e00-\u9fff])一(?=(?:工资|商品|对个人|一般|单位|其他))/g, '-')
    .replace(/-/g, '');
}

/** The numbering a title starts with ('附件3-1', '表一'), if any, squashed. */
export function titleNumber(text: string): string | null {
  const m = NUMBERING.exec(squash(text));
  return m ? m[0].replace(/[:、.]$/, '') : null;
}

function countBigrams(s: string): Map<string, number> {
  const out = new Map<string, number>();
  if (s.length === 1) out.set(s, 1);
  for (let i = 0; i + 1 < s.length; i += 1) {
    const g = s.slice(i, i + 2);
    out.set(g, (out.get(g) ?? 0) + 1);
  }
  return out;
}

/**
 * Recognition compares the same few hundred labels and header texts with each other again and again (every
 * table of a file against every layout of every set); their bigrams are counted once. Bounded, so a long
 * session importing many files does not keep every text it ever saw.
 */
const BIGRAM_CACHE_LIMIT = 20000;
const bigramCache = new Map<string, Map<string, number>>();

function bigrams(s: string): Map<string, number> {
  let out = bigramCache.get(s);
  if (out === undefined) {
    if (bigramCache.size >= BIGRAM_CACHE_LIMIT) bigramCache.clear();
    out = countBigrams(s);
    bigramCache.set(s, out);
  }
  return out;
}

/** Bigrams a text has (a one-character text counts as one). */
const bigramCount = (s: string): number => Math.max(1, s.length - 1);

/** Sørensen–Dice over character bigrams: 1 for equal texts, tolerant of a dropped or extra character. */
export function similarity(a: string, b: string): number {
  if (a === b) return a === '' ? 0 : 1;
  if (a === '' || b === '') return 0;
  const x = bigrams(a);
  const y = bigrams(b);
  let shared = 0;
  let total = 0;
  for (const [g, n] of x) {
    shared += Math.min(n, y.get(g) ?? 0);
    total += n;
  }
  for (const n of y.values()) total += n;
  return (2 * shared) / total;
}

/**
 * The most similarity(a, b) can be, from the lengths alone: two texts share at most as many bigrams as the
 * shorter has, so Dice ≤ 2·min(na, nb) / (na + nb). Lets recognition skip pairs that cannot matter.
 */
export function diceBound(a: string, b: string): number {
  if (a === b) return a === '' ? 0 : 1;
  if (a === '' || b === '') return 0;
  const na = bigramCount(a);
  const nb = bigramCount(b);
  return (2 * Math.min(na, nb)) / (na + nb);
}

/** similarity(a, b) ≥ min, without counting bigrams when the lengths alone rule it out. */
export const similarAtLeast = (a: string, b: string, min: number): boolean => diceBound(a, b) >= min && similarity(a, b) >= min;

/**
 * Text normalisation for codes and names as clerks and finance systems write them:
 * full-width digits and brackets, stray spaces, leading apostrophes from Excel text cells.
 */

const QUOTES = /[“”„‟"＂]/g;
const SINGLE_QUOTES = /[‘’‚‛'＇]/g;

/** A name reduced to what matters for comparison: NFKC (full/half width), no whitespace, one kind of quote. */
export function normalizeName(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '').replace(QUOTES, '"').replace(SINGLE_QUOTES, "'");
}

/** True when two names differ only by full/half-width characters, spaces or quote style. */
export function namesEqual(a: string, b: string): boolean {
  return normalizeName(a) === normalizeName(b);
}

/**
 * A code as typed or exported ("201 03 01", "'2010301", "２０１０３０１", "201-03-01") reduced to its
 * digits; undefined when anything other than digits, spaces and hyphens remains. Dots are refused: a
 * number cell holding 201.03 is a broken code, not 20103.
 */
export function normalizeCode(raw: string | number): string | undefined {
  const text = String(raw).normalize('NFKC').trim().replace(/^[\s'‘’`]+/, '');
  const compact = text.replace(/[\s-]+/g, '');
  return /^\d+$/.test(compact) ? compact : undefined;
}

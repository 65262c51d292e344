import type { PrintRun } from '../print/types.js';

/**
 * The stored form of 说明 text the clerk writes as a whole (a `sec:` row of the narrative table,
 * shared/narrative/store.ts): one paragraph per line, `**` around bold words, `\` before a literal `*` or
 * `\`. Readable wherever the raw cell shows (the model table, a backup, the CLI) and never HTML, so nothing
 * stored can be injected into the page. Text kept before bold existed has no `**` and reads as it did; a
 * `**` left open reads as the two stars it is, and a `\` before any other character stays a backslash.
 */

export type RichRun = PrintRun;
/** One paragraph: its runs, adjacent runs of the same weight merged, none empty. */
export type RichParagraph = RichRun[];

const BOLD = '**';

/** Merges adjacent runs of one weight and drops empty ones; `bold: false` is written as no flag. */
export function normalizeRuns(runs: readonly RichRun[]): RichParagraph {
  const out: RichRun[] = [];
  for (const r of runs) {
    if (r.text === '') continue;
    const last = out[out.length - 1];
    if (last && !!last.bold === !!r.bold) last.text += r.text;
    else out.push(r.bold ? { text: r.text, bold: true } : { text: r.text });
  }
  return out;
}

/** One stored line → its runs. */
function parseLine(line: string): RichParagraph {
  // Pieces between unescaped `**`; an odd one out (a `**` never closed) is literal text.
  const pieces: string[] = [''];
  for (let i = 0; i < line.length; i += 1) {
    const c = line[i]!;
    if (c === '\\' && (line[i + 1] === '*' || line[i + 1] === '\\')) {
      pieces[pieces.length - 1] += line[i + 1]!;
      i += 1;
    } else if (c === '*' && line[i + 1] === '*') {
      pieces.push('');
      i += 1;
    } else pieces[pieces.length - 1] += c;
  }
  if (pieces.length % 2 === 0) {
    const open = pieces.pop()!;
    pieces[pieces.length - 1] += BOLD + open;
  }
  return normalizeRuns(pieces.map((text, i) => ({ text, bold: i % 2 === 1 })));
}

/** Stored text → paragraphs (blank lines dropped; spaces around a paragraph trimmed). */
export function parseRichText(stored: string): RichParagraph[] {
  return stored
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => trimParagraph(parseLine(line)))
    .filter((p) => p.length > 0);
}

const escape = (text: string) => text.replace(/[\\*]/g, (c) => `\\${c}`);

/** Paragraphs → stored text: the inverse of parseRichText for normalised paragraphs. */
export function serializeRichText(paragraphs: readonly RichParagraph[]): string {
  return paragraphs
    .map((p) => trimParagraph(p))
    .filter((p) => p.length > 0)
    .map((p) => p.map((r) => (r.bold ? `${BOLD}${escape(r.text)}${BOLD}` : escape(r.text))).join(''))
    .join('\n');
}

/** Plain paragraphs (imported text, the template's words) in the stored form: nothing in bold. */
export function plainToRichText(paragraphs: readonly string[]): string {
  return serializeRichText(paragraphs.map((p) => [{ text: p }]));
}

/** The runs of `runs` between two offsets of its text. */
export function sliceRuns(runs: readonly RichRun[], from: number, to = Infinity): RichRun[] {
  const out: RichRun[] = [];
  let at = 0;
  for (const r of runs) {
    const a = Math.max(from, at);
    const b = Math.min(to, at + r.text.length);
    if (b > a) out.push({ ...r, text: r.text.slice(a - at, b - at) });
    at += r.text.length;
  }
  return out;
}

export const paragraphText = (p: readonly RichRun[]): string => p.map((r) => r.text).join('');

/** Some run of the paragraph is bold. */
export const hasBold = (p: readonly RichRun[]): boolean => p.some((r) => r.bold);

// eslint-disable-next-line no-control-regex -- control and zero-width characters are what is removed
const NOISE = /[\u0000-\u001f\u007f\u200b-\u200d\u2060\ufeff]/g;

/**
 * A paragraph without what would only print as noise: line breaks and other control characters, zero-width
 * characters, the spaces (ASCII, no-break, full-width U+3000) people type to indent — the style indents it —
 * and trailing spaces. Inner spaces stay.
 */
export function trimParagraph(runs: readonly RichRun[]): RichParagraph {
  const cleaned = normalizeRuns(runs.map((r) => ({ ...r, text: r.text.replace(NOISE, '').replace(/\u00a0/g, ' ') })));
  const lead = /^[\s\u3000]+/;
  const trail = /[\s\u3000]+$/;
  while (cleaned.length > 0 && lead.test(cleaned[0]!.text)) {
    cleaned[0] = { ...cleaned[0]!, text: cleaned[0]!.text.replace(lead, '') };
    if (cleaned[0].text === '') cleaned.shift();
  }
  while (cleaned.length > 0 && trail.test(cleaned[cleaned.length - 1]!.text)) {
    const i = cleaned.length - 1;
    cleaned[i] = { ...cleaned[i]!, text: cleaned[i]!.text.replace(trail, '') };
    if (cleaned[i].text === '') cleaned.pop();
  }
  return cleaned;
}

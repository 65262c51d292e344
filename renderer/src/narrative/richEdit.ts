import { normalizeRuns, paragraphText, sliceRuns, type RichParagraph, type RichRun } from '../../../shared/narrative/richtext';

/**
 * The edits the 说明 editor makes itself on its paragraphs (typing is left to the browser, so input methods
 * work): a new paragraph at the caret, pasted paragraphs, bold on and off. A place is a paragraph and a
 * character offset in its text; a range runs from `start` to `end` in reading order.
 */
export interface Place {
  p: number;
  o: number;
}
export interface PlaceRange {
  start: Place;
  end: Place;
}

const before = (a: Place, b: Place) => a.p < b.p || (a.p === b.p && a.o <= b.o);

/** A range with its ends in reading order. */
export function ordered(a: Place, b: Place): PlaceRange {
  return before(a, b) ? { start: a, end: b } : { start: b, end: a };
}

/** Replaces a range by paragraphs (none: deletes it); returns the paragraphs and the place after the insertion. */
export function replaceRange(doc: readonly RichParagraph[], range: PlaceRange, insert: readonly RichParagraph[]): { doc: RichParagraph[]; caret: Place } {
  const paras = doc.length > 0 ? doc : [[]];
  const { start, end } = range;
  const head = sliceRuns(paras[start.p] ?? [], 0, start.o);
  const tail = sliceRuns(paras[end.p] ?? [], end.o);
  const middle: RichRun[][] = insert.length > 0 ? insert.map((p) => [...p]) : [[]];
  middle[0] = [...head, ...middle[0]!];
  const last = middle.length - 1;
  const caret = { p: start.p + last, o: paragraphText(middle[last]!).length };
  middle[last] = [...middle[last]!, ...tail];
  return { doc: [...paras.slice(0, start.p), ...middle.map(normalizeRuns), ...paras.slice(end.p + 1)], caret };
}

/** Enter: the paragraph splits at the caret (a selection is deleted first); the caret starts the new one. */
export function splitParagraph(doc: readonly RichParagraph[], range: PlaceRange): { doc: RichParagraph[]; caret: Place } {
  const { doc: out } = replaceRange(doc, range, [[], []]);
  return { doc: out, caret: { p: range.start.p + 1, o: 0 } };
}

/** Bold on the range, or off when all of it is bold already (as word processors toggle). */
export function toggleBold(doc: readonly RichParagraph[], range: PlaceRange): RichParagraph[] {
  const { start, end } = range;
  const pieces = (p: number) => ({ from: p === start.p ? start.o : 0, to: p === end.p ? end.o : Infinity });
  let allBold = true;
  for (let p = start.p; p <= end.p; p += 1) {
    const { from, to } = pieces(p);
    if (sliceRuns(doc[p] ?? [], from, to).some((r) => !r.bold)) allBold = false;
  }
  return doc.map((runs, p) => {
    if (p < start.p || p > end.p) return runs;
    const { from, to } = pieces(p);
    const inside = sliceRuns(runs, from, to).map((r) => ({ text: r.text, bold: !allBold }));
    return normalizeRuns([...sliceRuns(runs, 0, from), ...inside, ...sliceRuns(runs, to)]);
  });
}

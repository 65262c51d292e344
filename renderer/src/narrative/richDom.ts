import { paragraphText, sliceRuns, type RichParagraph } from '../../../shared/narrative/richtext';
import { ordered, type Place, type PlaceRange } from './richEdit';
import { readRawRuns } from './richRead';

/**
 * The editor's contentEditable as paragraphs and places. Each child of the editable root is a paragraph (<p>);
 * inside it text, <b> for bold, and <span data-sentence> around the sentences the 审核 can point at. Built
 * with createElement and text nodes only: nothing the clerk typed or pasted is ever parsed as HTML here.
 */

export interface SentenceMark {
  key: string;
  text: string;
}

function runsInto(parent: HTMLElement, runs: RichParagraph): void {
  for (const r of runs) {
    const text = document.createTextNode(r.text);
    if (r.bold) {
      const b = document.createElement('b');
      b.append(text);
      parent.append(b);
    } else parent.append(text);
  }
}

/**
 * Shows `doc` in `root`. A paragraph whose text is exactly its `sentences` (the 说明 as last read) gets a span
 * per sentence, so a finding can mark one; an empty document keeps one empty paragraph to type in.
 */
export function renderDoc(root: HTMLElement, doc: readonly RichParagraph[], sentences: readonly (readonly SentenceMark[])[] = []): void {
  const paragraphs = (doc.length > 0 ? doc : [[]]).map((runs, i) => {
    const p = document.createElement('p');
    const marks = sentences[i];
    if (runs.length === 0) p.append(document.createElement('br'));
    else if (marks && marks.map((s) => s.text).join('') === paragraphText(runs)) {
      let at = 0;
      for (const s of marks) {
        const span = document.createElement('span');
        span.dataset.sentence = s.key;
        runsInto(span, sliceRuns(runs, at, at + s.text.length));
        at += s.text.length;
        p.append(span);
      }
    } else runsInto(p, runs);
    return p;
  });
  root.replaceChildren(...paragraphs);
}

/** The paragraphs as they stand in the DOM, every character kept (offsets match placeOf). */
export function rawDoc(root: HTMLElement): RichParagraph[] {
  return [...root.childNodes].map((n) => readRawRuns(n));
}

/** Characters of text under `node` before the DOM position (container, offset). */
function textBefore(node: Node, container: Node, offset: number): number {
  const range = document.createRange();
  range.selectNodeContents(node);
  range.setEnd(container, offset);
  return range.toString().length;
}

/** A DOM position inside `root` as a place (paragraph = child of root). */
export function placeOf(root: HTMLElement, container: Node, offset: number): Place {
  if (container === root) {
    const p = Math.min(offset, Math.max(root.childNodes.length - 1, 0));
    return { p, o: offset >= root.childNodes.length ? (root.childNodes[p]?.textContent?.length ?? 0) : 0 };
  }
  let child: Node = container;
  while (child.parentNode && child.parentNode !== root) child = child.parentNode;
  const p = [...root.childNodes].indexOf(child as ChildNode);
  return { p: Math.max(p, 0), o: textBefore(child, container, offset) };
}

/** The selection as a range of places, when it lies in `root`. */
export function selectionRange(root: HTMLElement): PlaceRange | null {
  const sel = window.getSelection();
  if (!sel || sel.rangeCount === 0 || !root.contains(sel.anchorNode) || !root.contains(sel.focusNode)) return null;
  return ordered(placeOf(root, sel.anchorNode!, sel.anchorOffset), placeOf(root, sel.focusNode!, sel.focusOffset));
}

/** The DOM position of a place (clamped to the document). */
function domPosition(root: HTMLElement, place: Place): [Node, number] {
  const para = root.childNodes[Math.min(place.p, root.childNodes.length - 1)];
  if (!para) return [root, 0];
  const walker = document.createTreeWalker(para, NodeFilter.SHOW_TEXT);
  let left = place.o;
  let last: Text | null = null;
  for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
    if (left <= n.data.length) return [n, left];
    left -= n.data.length;
    last = n;
  }
  return last ? [last, last.data.length] : [para, 0];
}

/** Selects from `start` to `end` (a caret when they are one place). */
export function select(root: HTMLElement, start: Place, end: Place = start): void {
  const sel = window.getSelection();
  if (!sel) return;
  const range = document.createRange();
  range.setStart(...domPosition(root, start));
  range.setEnd(...domPosition(root, end));
  sel.removeAllRanges();
  sel.addRange(range);
}

import { normalizeRuns, trimParagraph, type RichParagraph, type RichRun } from '../../../shared/narrative/richtext';

/**
 * Reading paragraphs of runs out of HTML: what the editor's own contentEditable holds after the browser
 * edited it, and what Word or WPS put on the clipboard. Only words, paragraph breaks and bold survive;
 * every other style, class, image, table frame, comment and <style> block is dropped. Works on the few
 * node properties below, so the same walk runs on a live DOM, on a DOMParser document (inert: nothing in
 * it runs or loads) and on plain objects in unit tests.
 */
export interface HtmlNode {
  nodeType: number;
  nodeName: string;
  nodeValue: string | null;
  childNodes: ArrayLike<HtmlNode>;
  getAttribute?(name: string): string | null;
}

const TEXT = 3;
const ELEMENT = 1;

/** Elements whose content is never text of the document (Word's clipboard HTML carries <style> and <xml> blocks). */
const SKIPPED = new Set(['STYLE', 'SCRIPT', 'HEAD', 'TITLE', 'META', 'LINK', 'XML', 'TEMPLATE', 'NOSCRIPT', 'IFRAME', 'OBJECT', 'SVG', 'IMG', 'BUTTON', 'SELECT']);
/** Elements that start a paragraph of their own. */
const BLOCKS = new Set(['P', 'DIV', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'LI', 'UL', 'OL', 'DL', 'DT', 'DD', 'BLOCKQUOTE', 'PRE', 'TABLE', 'TBODY', 'THEAD', 'TFOOT', 'TR', 'TD', 'TH', 'SECTION', 'ARTICLE', 'HEADER', 'FOOTER', 'ADDRESS', 'CENTER', 'BODY', 'HTML']);
const BOLD_TAGS = new Set(['B', 'STRONG']);

/** The weight a style attribute sets: true bold, false normal, null none (inherits). */
function styleWeight(style: string | null | undefined): boolean | null {
  // `mso-bidi-font-weight` (Word) is the weight of right-to-left text: not ours.
  const m = /(?:^|;)\s*font-weight\s*:\s*([^;]+)/i.exec(style ?? '');
  if (!m) return null;
  const v = m[1]!.trim().toLowerCase().replace(/\s*!important$/, '');
  if (v === 'bold' || v === 'bolder') return true;
  if (v === 'normal' || v === 'lighter') return false;
  const n = Number(v);
  return Number.isFinite(n) ? n >= 600 : null;
}

/**
 * Whitespace in HTML text is layout, not content: a run of it becomes one space, or nothing where it
 * breaks a line beside a CJK character (Word wraps its clipboard HTML between any two characters).
 */
function collapse(text: string): string {
  const latin = (c: string | undefined) => c !== undefined && c.charCodeAt(0) < 0x2e80;
  return text
    .replace(/[ \t]*[\r\n]+[ \t\r\n]*/g, (gap: string, at: number, all: string) => (latin(all[at - 1]) && latin(all[at + gap.length]) ? ' ' : ''))
    .replace(/[ \t]+/g, ' ');
}

/**
 * The runs under `root`. As laid out (`raw` false): whitespace collapsed, a new paragraph at each block and
 * line break. Raw: every character of every text node, all in one paragraph (the editor's place arithmetic).
 */
function walkRuns(root: HtmlNode, raw: boolean): RichRun[][] {
  const paragraphs: RichRun[][] = [[]];
  const breakParagraph = () => {
    if (!raw && paragraphs[paragraphs.length - 1]!.length > 0) paragraphs.push([]);
  };
  const walk = (node: HtmlNode, bold: boolean) => {
    if (node.nodeType === TEXT) {
      const text = raw ? (node.nodeValue ?? '') : collapse(node.nodeValue ?? '');
      if (text !== '') paragraphs[paragraphs.length - 1]!.push({ text, bold });
      return;
    }
    if (node.nodeType !== ELEMENT) return;
    const name = node.nodeName.toUpperCase();
    // Office's own elements: <o:p> (an empty paragraph's mark), <v:shape> (a drawing).
    if (SKIPPED.has(name) || name.startsWith('O:') || name.startsWith('V:')) return;
    if (name === 'BR') {
      breakParagraph();
      return;
    }
    const block = BLOCKS.has(name);
    if (block) breakParagraph();
    const weight = styleWeight(node.getAttribute?.('style'));
    const inner = weight ?? (BOLD_TAGS.has(name) || bold);
    for (let i = 0; i < node.childNodes.length; i += 1) walk(node.childNodes[i]!, inner);
    if (block) breakParagraph();
  };
  walk(root, false);
  return paragraphs;
}

/** The paragraphs under `root`, each trimmed, the empty ones dropped. */
export function readParagraphs(root: HtmlNode): RichParagraph[] {
  return walkRuns(root, false)
    .map((p) => trimParagraph(normalizeRuns(p)))
    .filter((p) => p.length > 0);
}

/** Every character under `node` as runs, nothing trimmed: offsets in them are offsets in the node's text. */
export function readRawRuns(node: HtmlNode): RichParagraph {
  return normalizeRuns(walkRuns(node, true)[0]!);
}

/** Plain text from the clipboard: one paragraph per line. */
export function readPlainText(text: string): RichParagraph[] {
  return text
    .split(/\r\n?|\n/)
    .map((line) => trimParagraph([{ text: line }]))
    .filter((p) => p.length > 0);
}

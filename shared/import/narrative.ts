import type { NarrativeSection } from '../print/document.js';
import { squash } from './normalize.js';
import type { SourceBlock } from './source.js';

const PART_ONE = /^第一部分/;
const PART_TWO = /^第二部分/;
/** A section heading of the 说明: 一、部门职能职责 (a short line; a numbered sentence is a paragraph). */
const SECTION = /^[一二三四五六七八九十]+[、.．]\s*\S/;
const MAX_HEADING = 30;

/**
 * The 第一部分 说明 of a 部门预算公开 document as sections, each heading with its paragraphs as written.
 * The 目录 repeats the part and section titles, so the 说明 is taken from the last 第一部分 before the last
 * 第二部分; a document without parts (a 说明 alone) is read up to its first table.
 */
export function narrativeOf(blocks: readonly SourceBlock[]): NarrativeSection[] {
  const lines = blocks.map((b) => (b.kind === 'paragraph' ? b.text.trim() : null));
  const squashed = lines.map((l) => (l === null ? null : squash(l)));
  let end = squashed.findLastIndex((l) => l !== null && PART_TWO.test(l));
  let start: number;
  if (end >= 0) {
    start = squashed.slice(0, end).findLastIndex((l) => l !== null && PART_ONE.test(l));
  } else {
    end = lines.findIndex((l) => l === null);
    if (end < 0) end = lines.length;
    start = -1;
  }
  const sections: NarrativeSection[] = [];
  for (let i = start + 1; i < end; i += 1) {
    const line = lines[i];
    if (line === null || line === undefined || line === '') continue;
    if (SECTION.test(line) && line.length <= MAX_HEADING && !/[。；]$/.test(line)) sections.push({ heading: line.replace(/\s+/g, ''), paragraphs: [] });
    else if (sections.length > 0) {
      const section = sections[sections.length - 1]!;
      section.paragraphs.push(line);
      // Words set in bold stay bold (the runs are trimmed as the paragraph is when stored).
      const block = blocks[i];
      const runs = block?.kind === 'paragraph' ? (block.runs ?? null) : null;
      if (runs || section.runs) {
        section.runs ??= section.paragraphs.slice(0, -1).map(() => null);
        section.runs.push(runs);
      }
    }
  }
  return sections;
}

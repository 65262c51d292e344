import { PLACEHOLDER } from '../narrative/render.js';
import type { NarrativeTemplate } from '../narrative/schema.js';
import { splitSentences, squashText } from '../narrative/text.js';
import type { NarrativeSection } from '../print/document.js';
import type { DeptFact } from './facts-dept.js';

/**
 * 部门基本情况 read back from the 说明 by the set's own template: each template sentence that prints a
 * 基本情况 count or text ("本部门共有办公及业务用房 {buildingArea} 平方米；车辆 {vehicles} 辆…",
 * "{year}年预算安排会议费 {meeting}，{meetingNote}。") is turned into a pattern, and a sentence of the file
 * that fits it gives those fields. What the app writes is read back the same way, and an office's sentence
 * that keeps the template's wording is read too. The budget figures in the same sentences come from the
 * tables, not from here.
 */

/** Text as matched: full-width digits and brackets folded, spaces out (squashText). */
const fold = (text: string): string => squashText(text.normalize('NFKC'));

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A section number the document may write differently or leave out: （三）, 三、, 3. */
const NUMBER = '(?:（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、|[0-9]+[.、．])';
const NUMBERING = new RegExp(`^${NUMBER}`);

interface SentencePattern {
  re: RegExp;
  /** The fact-info cell each capture group fills. */
  fields: { rowId: string; col: 'count' | 'text' }[];
}

/** The pattern of one template sentence; null when it prints no 基本情况 count or text. */
function patternOf(template: NarrativeTemplate, sentence: string): SentencePattern | null {
  const fields: SentencePattern['fields'] = [];
  let body = fold(sentence);
  let source = '';
  if (NUMBERING.test(body)) {
    source += `${NUMBER}?`;
    body = body.replace(NUMBERING, '');
  }
  let at = 0;
  for (const m of body.matchAll(/\{([a-zA-Z]+)\}/g)) {
    // Documents drop the 元 of "200万元以上" as often as they keep it.
    source += escape(body.slice(at, m.index)).replace(/万元/g, '万元?');
    at = m.index + m[0].length;
    const name = m[1]!;
    const def = template.fields[name];
    if (name === 'year') source += '[0-9]{4}';
    else if (def && 'info' in def && def.col === 'count') {
      source += '([0-9]+)';
      fields.push({ rowId: def.info, col: 'count' });
    } else if (def && 'info' in def && def.col === 'text') {
      source += '(.+?)';
      fields.push({ rowId: def.info, col: 'text' });
    } else source += '.+?';
  }
  source += escape(body.slice(at)).replace(/万元/g, '万元?');
  return fields.length > 0 ? { re: new RegExp(`^${source}$`), fields } : null;
}

export function infoFromNarrative(template: NarrativeTemplate, narrative: readonly NarrativeSection[]): DeptFact[] {
  const patterns = template.sections.flatMap((s) => s.paragraphs.flatMap((p) => splitSentences(p.text).flatMap((t) => patternOf(template, t) ?? [])));
  if (patterns.length === 0) return [];
  const out: DeptFact[] = [];
  const seen = new Set<string>();
  for (const section of narrative) {
    for (const paragraph of section.paragraphs) {
      for (const sentence of splitSentences(paragraph)) {
        const text = fold(sentence);
        for (const p of patterns) {
          const m = p.re.exec(text);
          if (!m) continue;
          p.fields.forEach((f, i) => {
            const value = m[i + 1]!;
            const key = `${f.rowId}|${f.col}`;
            // A field the exported 说明 left as 待填写 was never entered.
            if (seen.has(key) || value === '' || value === PLACEHOLDER) return;
            seen.add(key);
            out.push({ rowId: f.rowId, col: f.col, text: value, section: section.heading, sentence: sentence.trim() });
          });
        }
      }
    }
  }
  return out;
}

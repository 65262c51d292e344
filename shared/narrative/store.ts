import type { Edit } from '../api/contract.js';
import type { NarrativeSection } from '../print/document.js';
import type { GridRow } from '../workbook/types.js';
import type { NarrativeTemplate } from './schema.js';
import { parseRichText, plainToRichText, serializeRichText } from './richtext.js';
import { headingTitle } from './text.js';

/**
 * What the workbook keeps of the 说明 (model table `narrative-text`, shared/tables/model/narrative.json):
 * only what a person wrote. A row `s:<sentence key>` is a generated sentence the clerk rewrote; a row
 * `r:<sentence key>|<field>` is the 主要原因 the clerk gave for a change, printed in the generated sentence
 * (which keeps following the data); a row `sec:<section key>` is a whole section as written (free text, or a
 * section imported from last year's document, with its heading), in the stored form of ./richtext.ts. Everything else is generated from the data whenever it is read, so the
 * figures follow every edit; these rows change through workbook.change like any cell, so they undo,
 * back up and export like any edit.
 */
export const NARRATIVE_TABLE = 'narrative-text';

export interface StoredSection {
  key: string;
  heading: string;
  text: string;
  rowId: string;
}

export interface StoredNarrative {
  sentences: Map<string, string>;
  /** The 主要原因 of a change, by `<sentence key>|<field>`: part of the generated sentence, which stays live. */
  reasons: Map<string, string>;
  /** In the order stored (imported sections keep the document's order). */
  sections: Map<string, StoredSection>;
}

export function storedSections(rows: readonly GridRow[]): StoredNarrative {
  const sentences = new Map<string, string>();
  const reasons = new Map<string, string>();
  const sections = new Map<string, StoredSection>();
  for (const r of rows) {
    const key = r.cells.key ?? '';
    if (key.startsWith('s:')) sentences.set(key.slice(2), r.cells.text ?? '');
    else if (key.startsWith('r:')) reasons.set(key.slice(2), r.cells.text ?? '');
    else if (key.startsWith('sec:')) sections.set(key.slice(4), { key: key.slice(4), heading: r.cells.heading ?? '', text: r.cells.text ?? '', rowId: r.id });
  }
  return { sentences, reasons, sections };
}

const rowOf = (rows: readonly GridRow[], key: string): GridRow | undefined => rows.find((r) => r.cells.key === key);

/** Keeps `text` for a value at `key`, or forgets it (null): one edit on the narrative table, or none. */
function keep(rows: readonly GridRow[], key: string, text: string | null, heading?: string): Edit[] {
  const row = rowOf(rows, key);
  if (text === null) return row ? [{ kind: 'deleteRows', tableId: NARRATIVE_TABLE, rowIds: [row.id] }] : [];
  if (row) {
    const cells = [{ rowId: row.id, col: 'text', text }];
    if (heading !== undefined && heading !== (row.cells.heading ?? '')) cells.push({ rowId: row.id, col: 'heading', text: heading });
    return row.cells.text === text && cells.length === 1 ? [] : [{ kind: 'setCells', tableId: NARRATIVE_TABLE, cells }];
  }
  return [{ kind: 'insertRows', tableId: NARRATIVE_TABLE, index: rows.length, rows: [{ key, heading: heading ?? '', text }] }];
}

/**
 * The edits for a sentence the clerk wrote: kept when it differs from what the data gives (`generated`);
 * written back as generated (or emptied) it follows the data again.
 */
export function sentenceEdits(rows: readonly GridRow[], sentenceKey: string, text: string, generated: string): Edit[] {
  const clean = text.replace(/\s*\n\s*/g, '').trim();
  return keep(rows, `s:${sentenceKey}`, clean === '' || clean === generated ? null : clean);
}

/** The edits for the 主要原因 of a change in a generated sentence; an empty text forgets it. */
export function reasonEdits(rows: readonly GridRow[], sentenceKey: string, field: string, text: string): Edit[] {
  const clean = text.replace(/\s*\n\s*/g, '').trim().replace(/[。；;]+$/, '');
  return keep(rows, `r:${sentenceKey}|${field}`, clean === '' ? null : clean);
}

/**
 * The edits for a whole section as written, in the stored form of shared/narrative/richtext.ts (paragraphs one
 * per line, `**` around bold words), normalised; an empty text forgets it.
 */
export function sectionEdits(rows: readonly GridRow[], sectionKey: string, heading: string, text: string): Edit[] {
  const clean = serializeRichText(parseRichText(text));
  return keep(rows, `sec:${sectionKey}`, clean === '' ? null : clean, heading);
}

/** Forgets everything written in a section, so it is generated from the data again. */
export function resetSectionEdits(rows: readonly GridRow[], sectionKey: string): Edit[] {
  const ids = rows.filter((r) => r.cells.key === `sec:${sectionKey}` || (r.cells.key ?? '').startsWith(`s:${sectionKey}/`)).map((r) => r.id);
  // Reasons stay: they are the clerk's words for the figures, not a rewrite of the section.
  return ids.length > 0 ? [{ kind: 'deleteRows', tableId: NARRATIVE_TABLE, rowIds: ids }] : [];
}

/** The template section an imported heading stands for, by title or alias ("四、部门收支总体情况"). */
export function sectionForHeading(template: NarrativeTemplate, heading: string): string | null {
  const title = headingTitle(heading);
  const exact = template.sections.find((s) => [s.title, ...(s.aliases ?? [])].some((t) => headingTitle(t) === title));
  if (exact) return exact.key;
  const close = template.sections.find((s) => [s.title, ...(s.aliases ?? [])].some((t) => title.includes(headingTitle(t)) || headingTitle(t).includes(title)));
  return close?.key ?? null;
}

/**
 * For the importer: the 说明 sections read from a document (heading + paragraphs, shared/import/narrative.ts)
 * as rows of the narrative table, to insert into a new workbook. A section the template knows is kept as
 * written in its place (checked as text, and generated from the data again when the clerk chooses);
 * one it does not know is kept under its own heading after the template's sections. Returns no edit for
 * no sections.
 */
export function importedNarrativeEdits(template: NarrativeTemplate | undefined, sections: readonly NarrativeSection[], existing: readonly GridRow[] = []): Edit[] {
  const rows: Record<string, string>[] = [];
  const used = new Set<string>();
  sections.forEach((s, i) => {
    // Read as written: a `*` in last year's document is a star; words it set in bold stay bold.
    const text = s.runs ? serializeRichText(s.paragraphs.map((p, n) => s.runs![n] ?? [{ text: p }])) : plainToRichText(s.paragraphs);
    if (text === '') return;
    const known = template ? sectionForHeading(template, s.heading) : null;
    const key = known !== null && !used.has(known) ? known : `imported${i + 1}`;
    used.add(key);
    rows.push({ key: `sec:${key}`, heading: headingTitle(s.heading), text });
  });
  const replaced = existing.filter((r) => rows.some((x) => x.key === r.cells.key)).map((r) => r.id);
  const edits: Edit[] = [];
  if (replaced.length > 0) edits.push({ kind: 'deleteRows', tableId: NARRATIVE_TABLE, rowIds: replaced });
  if (rows.length > 0) edits.push({ kind: 'insertRows', tableId: NARRATIVE_TABLE, index: existing.length - replaced.length, rows });
  return edits;
}

import type { RenderedNarrative } from './render.js';
import type { RichRun } from './richtext.js';

/** The page the 说明 is edited on (renderer/src/narrative/): what its findings name as their table, the sentence as row. */
export const NARRATIVE_PAGE = 'narrative';

/** The 说明 as the editor shows it (plain JSON over the API): no figures, only texts and what is kept. */
export interface NarrativeView {
  sections: {
    key: string;
    heading: string;
    title: string;
    /** generated: sentence by sentence from the data; free: text the clerk writes; imported: kept as a document said it. */
    kind: 'generated' | 'free' | 'imported';
    /** The section's text is kept as written. */
    stored: boolean;
    /** `runs`: a paragraph kept as written with bold words (its sentences hold the plain text). */
    paragraphs: { key: string; sentences: ViewSentence[]; runs?: RichRun[] }[];
  }[];
}

export interface ViewSentence {
  key: string;
  text: string;
  generated: string | null;
  edited: boolean;
  /** Changes in the sentence that need a 主要原因: the field, what changed, the reason given ('' when none). */
  reasons: { field: string; change: string; text: string }[];
}

export function narrativeView(n: RenderedNarrative): NarrativeView {
  return {
    sections: n.sections.map((s) => ({
      key: s.key,
      heading: s.heading,
      title: s.title,
      kind: s.kind,
      stored: s.stored,
      paragraphs: s.paragraphs.map((p) => ({
        key: p.key,
        ...(p.runs ? { runs: p.runs } : {}),
        sentences: p.sentences.map(({ key, text, generated, edited, fields }) => ({
          key,
          text,
          generated,
          edited,
          reasons: fields.filter((f) => f.reason && f.shown !== '持平').map((f) => ({ field: f.field, change: `${f.anchor}${f.shown}`, text: f.reasonText ?? '' })),
        })),
      })),
    })),
  };
}

import type { Edit } from '../../../shared/api/contract.js';
import { NARRATIVE_TABLE, reasonEdits, resetSectionEdits, sectionEdits, sentenceEdits } from '../../../shared/narrative/store.js';
import { narrativeView } from '../../../shared/narrative/view.js';
import type { Core } from '../core.js';
import { CoreError } from '../errors.js';
import type { Workbook } from '../workbook/workbook.js';
import type { HandlersOf } from './types.js';

/** The narrative.* API methods: the 说明 as it stands, and what the clerk writes into it (through the commit path). */
export function narrativeHandlers(core: Core): HandlersOf<'narrative.'> {
  const rendered = (wb: Workbook) => {
    const n = core.narrative.render(wb);
    if (!n) throw new CoreError('VALIDATION', { issue: '本工作簿所用的表格套没有说明模板' });
    return n;
  };
  const commit = (wb: Workbook, label: string, edits: Edit[]) => {
    if (edits.length === 0) return { state: wb.state(), tablesChanged: [], insertedRowIds: [] };
    return core.commits.change(wb, { label, edits });
  };
  return {
    'narrative.get': ({ path }) => {
      const n = core.narrative.render(core.workbook(path));
      return n ? narrativeView(n) : null;
    },
    'narrative.setSentence': ({ path, key, text }) => {
      const wb = core.workbook(path);
      const sentence = rendered(wb)
        .sections.flatMap((s) => (s.stored ? [] : s.paragraphs.flatMap((p) => p.sentences)))
        .find((s) => s.key === key);
      if (!sentence || sentence.generated === null) throw new CoreError('NOT_FOUND', { what: '说明中的句子', path: key });
      return commit(wb, '改写说明中的句子', sentenceEdits(wb.rows(NARRATIVE_TABLE), key, text, sentence.generated));
    },
    'narrative.setReason': ({ path, key, field, text }) => {
      const wb = core.workbook(path);
      const sentence = rendered(wb)
        .sections.flatMap((s) => (s.stored ? [] : s.paragraphs.flatMap((p) => p.sentences)))
        .find((s) => s.key === key);
      if (!sentence || !sentence.fields.some((f) => f.field === field && f.reason)) throw new CoreError('NOT_FOUND', { what: '说明中需写原因的变动', path: `${key} ${field}` });
      return commit(wb, '填写变动的主要原因', reasonEdits(wb.rows(NARRATIVE_TABLE), key, field, text));
    },
    'narrative.setSection': ({ path, section, text }) => {
      const wb = core.workbook(path);
      const s = rendered(wb).sections.find((x) => x.key === section) ?? core.derived.current(wb).set.narrative?.sections.find((x) => x.key === section);
      if (!s) throw new CoreError('NOT_FOUND', { what: '说明章节', path: section });
      return commit(wb, `编辑说明“${s.title}”`, sectionEdits(wb.rows(NARRATIVE_TABLE), section, s.title, text));
    },
    'narrative.reset': ({ path, section }) => {
      const wb = core.workbook(path);
      const edits = resetSectionEdits(wb.rows(NARRATIVE_TABLE), section);
      if (edits.length === 0) throw new CoreError('VALIDATION', { issue: '这一节没有改写过的文字，已是按数据生成的' });
      return commit(wb, '按数据重新生成说明', edits);
    },
  };
}

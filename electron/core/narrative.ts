import path from 'node:path';
import type { NarrativeSection } from '../../shared/print/document.js';
import { fieldMoney, NarrativeMemo, narrativeDocument, nextYearInfo, renderNarrative, type NarrativeSource, type NextYearInfo, type RenderedNarrative } from '../../shared/narrative/render.js';
import { FACT_TABLES } from '../../shared/derive/index.js';
import { NARRATIVE_TABLE } from '../../shared/narrative/store.js';
import { lookupCode } from '../../shared/reference/index.js';
import type { Committed } from './commit.js';
import type { DerivedService } from './derived.js';
import type { Workbook } from './workbook/workbook.js';

/**
 * The 说明 of every open workbook, generated from its set's template (shared/narrative/) over the same
 * derived-table cache the tables and the checks read, and kept until the next committed change.
 */
export class NarrativeService {
  /** Per workbook: the last render, and the pieces of it the next render reuses where their inputs did not change. */
  private readonly cache = new Map<string, { workbookId: string; revision: number; rendered: RenderedNarrative | null; memo: NarrativeMemo }>();

  constructor(private readonly derived: DerivedService) {}

  /** Told of every committed change by the commit path: the next read regenerates (what the change left alone is reused). */
  noteChange({ wb }: Committed): void {
    const hit = this.cache.get(path.resolve(wb.path));
    if (hit) hit.revision = -1;
  }

  source(wb: Workbook): NarrativeSource {
    const { engine, lists, rows, set } = this.derived.current(wb);
    const functions = lists.function;
    return {
      table: (role) => {
        const def = set.tables.find((t) => t.role === role && engine.has(t.id));
        return def ? engine.table(def.id) : null;
      },
      meta: wb.meta(),
      sum: (query, prev) => engine.sum(query, prev),
      rows: (store) => rows(store) ?? wb.rows(store),
      className: (code) => (functions ? lookupCode(functions, code)?.name : undefined),
    };
  }

  /** The 上年 amounts this workbook gives next year's 部门基本情况 (none when its set has no 说明 template). */
  nextYearInfo(wb: Workbook): NextYearInfo[] {
    const template = this.derived.current(wb).set.narrative;
    return template ? nextYearInfo(template, fieldMoney(template, this.source(wb))) : [];
  }

  /** The 说明 now; null when the workbook's set has no 说明 template. */
  render(wb: Workbook): RenderedNarrative | null {
    const key = path.resolve(wb.path);
    const revision = wb.revision();
    const hit = this.cache.get(key);
    if (hit && hit.revision === revision && hit.workbookId === wb.workbookId()) return hit.rendered;
    const memo = hit && hit.workbookId === wb.workbookId() ? hit.memo : new NarrativeMemo();
    const template = this.derived.current(wb).set.narrative;
    const rendered = template ? renderNarrative(template, this.source(wb), memo) : null;
    this.cache.set(key, { workbookId: wb.workbookId(), revision, rendered, memo });
    return rendered;
  }

  /** The 说明 as the document prints it: none without a template, nor before any budget data or 说明 text is entered. */
  sections(wb: Workbook): NarrativeSection[] {
    const rendered = this.render(wb);
    if (!rendered) return [];
    const rows = this.source(wb).rows;
    if (rows(FACT_TABLES.income).length === 0 && rows(FACT_TABLES.lines).length === 0 && rows(NARRATIVE_TABLE).length === 0) return [];
    return narrativeDocument(rendered);
  }
}

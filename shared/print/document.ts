import { PERF_TABLES } from '../perf/binding.js';
import type { TableDef } from '../tables/schema.js';
import type { WorkbookMeta } from '../workbook/types.js';
import type { DocumentPart, PrintBlock, PrintDocument, PrintRun, PrintTable, PrintTocEntry } from './types.js';

/** One section of the 说明: its heading and paragraphs, in the order the document prints them. */
export interface NarrativeSection {
  heading: string;
  paragraphs: string[];
  /** Per paragraph, its runs where the clerk set words in bold (null: plain); absent when none has any. */
  runs?: (PrintRun[] | null)[];
}

export interface DocumentInput {
  meta: Pick<WorkbookMeta, 'deptName' | 'year'>;
  part: DocumentPart;
  /** The cover's date line ('2026年12月'). */
  dateLine: string;
  narrative: NarrativeSection[];
  /** The set's layouts in set order, each with what it prints (a repeated form: one table per record). */
  tables: { def: TableDef; printed: PrintTable[] }[];
  /** The 审核情况说明 (shared/print/audit.ts), printed last on pages of its own; absent when there is none. */
  audit?: PrintTable | null;
}

const performanceStores = new Set<string>(Object.values(PERF_TABLES));

/** 绩效目标 layouts keep their values in the performance model; every other layout is a budget table. */
export function isPerformanceTable(def: Pick<TableDef, 'store'>): boolean {
  return def.store !== undefined && performanceStores.has(def.store);
}

export function inPart(def: Pick<TableDef, 'store'>, part: DocumentPart): boolean {
  return part === 'all' || (part === 'performance') === isPerformanceTable(def);
}

const PART_NUMBERS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** The 目录 line of a table: its 附件 number and title. */
export function tableCaption(t: Pick<PrintTable, 'number' | 'title'>): string {
  return t.number ? `${t.number} ${t.title}` : t.title;
}

/** An outline form as headings and paragraphs; its title only where the part heading does not already say it. */
function outlineBlocks(t: PrintTable, partTitle: string): PrintBlock[] {
  const blocks: PrintBlock[] = [];
  if (t.title !== partTitle) blocks.push({ kind: 'heading', level: 2, text: t.title, toc: true });
  for (const row of t.rows) {
    const text = row.cells.map((c) => c.text).join('');
    if (row.role === 'section') blocks.push({ kind: 'heading', level: t.title !== partTitle ? 3 : 2, text, toc: t.title === partTitle });
    else for (const line of text.split('\n')) if (line.trim() !== '') blocks.push({ kind: 'paragraph', text: line, indent: true });
  }
  return blocks;
}

/**
 * The submission: cover, 目录, 第一部分 说明 (budget packages), then each group of layouts as a part in set
 * order — the budget tables, then the 绩效目标 tables — and the 审核情况说明 when there is one. Built from the
 * layouts alone; nothing names a table.
 */
export function buildDocument(input: DocumentInput): PrintDocument {
  const { meta, part } = input;
  const blocks: PrintBlock[] = [];
  const toc: PrintTocEntry[] = [];
  let parts = 0;
  const startPart = (title: string): string => {
    const text = `第${PART_NUMBERS[parts] ?? String(parts + 1)}部分 ${title}`;
    parts += 1;
    if (blocks.length > 0) blocks.push({ kind: 'pageBreak' });
    blocks.push({ kind: 'heading', level: 1, text, toc: true });
    toc.push({ level: 1, text });
    return title;
  };
  const included = input.tables.filter(({ def }) => inPart(def, part));
  const withBudget = part !== 'performance' && included.some(({ def }) => !isPerformanceTable(def));
  if (withBudget && input.narrative.length > 0) {
    startPart('部门预算公开说明');
    for (const section of input.narrative) {
      blocks.push({ kind: 'heading', level: 2, text: section.heading, toc: true });
      toc.push({ level: 2, text: section.heading });
      section.paragraphs.forEach((text, i) => {
        const runs = section.runs?.[i];
        blocks.push({ kind: 'paragraph', text, indent: true, ...(runs ? { runs } : {}) });
      });
    }
  }
  let group: string | null = null;
  let partTitle = '';
  for (const { def, printed } of included) {
    const g = def.group ?? '';
    if (g !== group) {
      group = g;
      partTitle = startPart(g || '表格');
    }
    for (const t of printed) {
      if (t.outline) {
        const outline = outlineBlocks(t, partTitle);
        for (const b of outline) if (b.kind === 'heading' && b.toc) toc.push({ level: b.level, text: b.text });
        blocks.push({ kind: 'sheet', table: t }, ...outline);
        continue;
      }
      toc.push({ level: 2, text: tableCaption(t) });
      blocks.push({ kind: 'table', table: t });
    }
  }
  if (input.audit) {
    // After the parts, not numbered among them: it answers the reviewer about the submission.
    if (blocks.length > 0) blocks.push({ kind: 'pageBreak' });
    toc.push({ level: 1, text: input.audit.title });
    blocks.push({ kind: 'table', table: input.audit });
  }
  const doc: PrintDocument = { deptName: meta.deptName, year: meta.year, part, toc, blocks };
  if (withBudget) doc.cover = { title: `${meta.deptName}${meta.year}年部门预算`, dateLine: input.dateLine };
  return doc;
}

import { headerCells, visibleColumns } from '../tables/layout.js';
import type { TableDef, TableSet } from '../tables/schema.js';
import { diceBound, similarAtLeast, similarity, squash, titleKey } from './normalize.js';
import type { SourceBlock, SourceCell, SourceDocument, SourceRow, SourceTable } from './source.js';

/**
 * Which published layout each table of a foreign file is, judged against every known table set by title
 * and header text alone (the same definitions the exporters print from), and which set fits the file best.
 */

/** What a layout prints that does not depend on any workbook: its title variants and its label texts. */
export interface LayoutSignature {
  setId: string;
  def: TableDef;
  titleKeys: string[];
  /** Header labels (tables) or every label cell (forms), squashed. */
  labels: string[];
  /** Header rows the layout prints above its body (forms: 0). */
  headerRows: number;
  /**
   * A form printed once per record titles each copy with the record's name ('{index}.{item.name}绩效目标表'):
   * a title ending in the template's fixed text ('…劳务派遣人员报酬经费绩效目标表') is that layout's title.
   */
  titleSuffix?: string;
}

export function layoutSignatures(set: TableSet): LayoutSignature[] {
  return set.tables.map((def) => {
    const titles = [def.title, def.shortTitle, ...(def.aliases ?? [])].filter((t): t is string => !!t);
    let labels: string[];
    let headerRows = 0;
    if (def.body.kind === 'form') {
      labels = def.body.sections.flatMap((s) =>
        s.kind === 'cells' ? s.rows.flat().flatMap((c) => (c.text ? [c.text] : [])) : s.header ? headerCells(s.header).cells.map((c) => c.label) : [],
      );
    } else {
      const header = headerCells(def.header);
      labels = header.cells.map((c) => c.label);
      headerRows = header.rows;
    }
    return {
      setId: set.id,
      def,
      titleKeys: [...new Set(titles.map(titleKey))].filter((k) => k !== ''),
      labels: [...new Set(labels.map((l) => squash(l.replace(/\{[A-Za-z.]+\}/g, ''))))].filter((l) => l !== ''),
      headerRows,
      ...(def.body.kind === 'form' && def.body.repeatFor !== undefined && /\{item\./.test(def.title) ? { titleSuffix: titleKey(def.title) } : {}),
    };
  });
}

/** A table of the file with what surrounds it: the lines above it and the unit lines. */
export interface TableInContext {
  table: SourceTable;
  /** Paragraphs just above the table and single-cell title rows at its top, nearest last. */
  titles: string[];
  /** Rows at the top of the table that are its title or unit lines, not its header. */
  titleRows: number;
  /** '万元' or '元' when a 单位 line says so (above the table or in its first rows). */
  moneyUnit?: '万元' | '元';
  unitName?: string;
}

const UNIT_LINE = /单位[:：]?\s*(万元|元)/;
const NAME_LINE = /(?:单位名称|编制部门|编制单位|部门名称|填报单位)[:：]\s*([^\s\u3000]+(?:[\s\u3000]+[^\s\u3000单]+)*)/;

const nonEmpty = (row: SourceRow): SourceCell[] => row.cells.filter((c) => c.text.trim() !== '');
const isContinuationNote = (text: string): boolean => /^[（(]?续表?[)）]?$/.test(squash(text)) || squash(text) === '';

function unitFacts(lines: string[]): Pick<TableInContext, 'moneyUnit' | 'unitName'> {
  const out: Pick<TableInContext, 'moneyUnit' | 'unitName'> = {};
  for (const line of lines) {
    const u = UNIT_LINE.exec(line.replace(/\s+/g, ''));
    if (u) out.moneyUnit = u[1] as '万元' | '元';
    const n = NAME_LINE.exec(line);
    if (n) out.unitName = n[1]!.replace(/单位[:：].*$/, '').trim();
  }
  return out;
}

/**
 * Joins a table that Word or WPS split across pages (a second table right after the first, with nothing
 * but blank lines or 续表 between, the same width, and either the first table's header rows repeated or no
 * header at all) and drops the repeated header rows.
 */
export function joinContinuations(blocks: SourceBlock[]): SourceBlock[] {
  const out: SourceBlock[] = [];
  let lastTable = -1;
  for (const b of blocks) {
    if (b.kind === 'paragraph') {
      out.push(b);
      continue;
    }
    const prev = lastTable >= 0 ? out[lastTable] : undefined;
    const between = out.slice(lastTable + 1);
    if (prev?.kind === 'table' && prev.table.columns === b.table.columns && between.every((x) => x.kind === 'paragraph' && isContinuationNote(x.text))) {
      const first = prev.table.rows;
      let repeated = 0;
      while (
        repeated < b.table.rows.length &&
        repeated < first.length &&
        (b.table.rows[repeated]!.repeatHeader || first[repeated]!.repeatHeader) &&
        b.table.rows[repeated]!.cells.map((c) => squash(c.text)).join('|') === first[repeated]!.cells.map((c) => squash(c.text)).join('|')
      ) {
        repeated += 1;
      }
      const firstHasHeader = first.some((r) => r.repeatHeader);
      if (repeated > 0 || !firstHasHeader) {
        out.splice(lastTable + 1);
        out[lastTable] = { kind: 'table', table: { ...prev.table, rows: [...first, ...b.table.rows.slice(repeated)] } };
        continue;
      }
    }
    out.push(b);
    lastTable = out.length - 1;
  }
  return out;
}

export function tablesInContext(doc: SourceDocument): TableInContext[] {
  const blocks = joinContinuations(doc.blocks);
  const out: TableInContext[] = [];
  let above: string[] = [];
  for (const b of blocks) {
    if (b.kind === 'paragraph') {
      if (b.text.trim() !== '') above.push(b.text.trim());
      continue;
    }
    // Title and unit lines typed as the table's first rows: a row with one text, or a 单位 line.
    let titleRows = 0;
    const inTable: string[] = [];
    for (const row of b.table.rows) {
      const cells = nonEmpty(row);
      const text = cells.map((c) => c.text.trim()).join(' ');
      const isUnitRow = cells.length > 0 && cells.length <= 2 && (UNIT_LINE.test(text.replace(/\s+/g, '')) || NAME_LINE.test(text));
      const isTitleRow = cells.length === 1 && (cells[0]!.colSpan >= Math.max(2, b.table.columns - 1) || b.table.columns === 1) && !/^[-\d.,\s]+$/.test(text);
      if (cells.length > 0 && !isUnitRow && !isTitleRow) break;
      if (cells.length > 0) inTable.push(text);
      titleRows += 1;
    }
    const lines = [...above.slice(-4), ...inTable];
    out.push({ table: b.table, titles: lines, titleRows, ...unitFacts(lines) });
    above = [];
  }
  return out;
}

/** What scoreLayout reads of a file's table, worked out once per table rather than once per layout. */
interface PreparedTable {
  titleKeys: string[];
  /** Squashed non-empty cell texts of a row range, by "from:to" (to = -1 for every row). */
  texts: Map<string, string[]>;
}
const prepared = new WeakMap<TableInContext, PreparedTable>();

function prepare(t: TableInContext): PreparedTable {
  let p = prepared.get(t);
  if (!p) {
    p = { titleKeys: t.titles.map(titleKey), texts: new Map() };
    prepared.set(t, p);
  }
  return p;
}

function textsOf(t: TableInContext, p: PreparedTable, from: number, to: number): string[] {
  const key = `${from}:${to}`;
  let texts = p.texts.get(key);
  if (!texts) {
    const rows = to < 0 ? t.table.rows : t.table.rows.slice(from, to);
    texts = [...new Set(rows.flatMap((r) => r.cells.map((c) => squash(c.text))).filter((s) => s !== ''))];
    p.texts.set(key, texts);
  }
  return texts;
}

/** How well one layout fits one table of the file, 0…1. */
export function scoreLayout(sig: LayoutSignature, t: TableInContext): number {
  const p = prepare(t);
  const suffix = sig.titleSuffix;
  let titleScore = 0;
  for (const key of p.titleKeys) {
    if (suffix && key.endsWith(suffix)) titleScore = 1;
    else for (const k of sig.titleKeys) if (diceBound(key, k) > titleScore) titleScore = Math.max(titleScore, similarity(key, k));
  }
  // Labels the layout prints that the table holds (header rows for tables, anywhere for forms).
  const texts = sig.def.body.kind === 'form' ? textsOf(t, p, 0, -1) : textsOf(t, p, t.titleRows, t.titleRows + Math.max(sig.headerRows, 1) + 1);
  const have = new Set(texts);
  const found = sig.labels.filter((l) => have.has(l) || texts.some((x) => similarAtLeast(x, l, 0.8))).length;
  const labelScore = sig.labels.length === 0 ? 0 : found / sig.labels.length;
  // A table's width must fit: a 6-column file table is no 10-column layout.
  const width = sig.def.body.kind === 'form' ? 1 : visibleColumns(sig.def).length === t.table.columns ? 1 : 0.8;
  // A layout in 元 is a little less likely for a table headed 单位：万元 (and the other way round): this
  // decides between two regions' otherwise identical forms (河北 county 元, district 万元).
  const unit = sig.def.moneyUnit === '元' || sig.def.moneyUnit === '万元' ? sig.def.moneyUnit : undefined;
  const fit = width * (unit && t.moneyUnit && unit !== t.moneyUnit ? 0.95 : 1);
  if (t.titles.length === 0) return labelScore * fit;
  return (0.5 * titleScore + 0.5 * labelScore) * fit;
}

export interface TableMatch {
  /** Index into the file's tables (in context). */
  index: number;
  setId: string;
  tableId: string;
  score: number;
}

export interface SetFit {
  setId: string;
  /** Tables of the file that this set recognises (score ≥ MATCH_THRESHOLD). */
  matched: number;
  /** Mean score of the matched tables. */
  mean: number;
}

export interface Recognition {
  tables: TableInContext[];
  /** The best layout of the chosen set for each table, or null when none fits. */
  matches: (TableMatch | null)[];
  best: SetFit | null;
  /** Every set's fit, best first. */
  sets: SetFit[];
}

/** Below this a table is reported as not recognised rather than guessed. */
export const MATCH_THRESHOLD = 0.55;

export function recognize(doc: SourceDocument, sets: readonly TableSet[]): Recognition {
  const tables = tablesInContext(doc);
  const perSet = sets.map((set) => {
    const sigs = layoutSignatures(set);
    const matches = tables.map((t, index): TableMatch | null => {
      let best: TableMatch | null = null;
      for (const sig of sigs) {
        const score = scoreLayout(sig, t);
        if (score >= MATCH_THRESHOLD && (!best || score > best.score)) best = { index, setId: set.id, tableId: sig.def.id, score };
      }
      return best;
    });
    const hits = matches.filter((m): m is TableMatch => m !== null);
    const fit: SetFit = { setId: set.id, matched: hits.length, mean: hits.length === 0 ? 0 : hits.reduce((s, m) => s + m.score, 0) / hits.length };
    return { fit, matches };
  });
  // More tables recognised wins; among equals, the closer fit.
  perSet.sort((a, b) => b.fit.matched - a.fit.matched || b.fit.mean - a.fit.mean);
  const chosen = perSet[0];
  return {
    tables,
    matches: chosen && chosen.fit.matched > 0 ? chosen.matches : tables.map(() => null),
    best: chosen && chosen.fit.matched > 0 ? chosen.fit : null,
    sets: perSet.map((s) => s.fit),
  };
}

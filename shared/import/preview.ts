import { dec, canonical } from '../money/decimal.js';
import { isNumericColumn, visibleColumns } from '../tables/layout.js';
import type { MoneyUnit, TableDef, TableSet } from '../tables/schema.js';
import { readTable, type ReadTable } from './extract.js';
import { narrativeOf } from './narrative.js';
import { extractPerformance } from './perf.js';
import { squash, titleKey, titleNumber } from './normalize.js';
import { recognize, type TableInContext } from './recognize.js';
import type { SourceDocument } from './source.js';
import { fileYearOf } from './workbook.js';

/**
 * What the import wizard shows before anything is written: which table set the file fits, each table of the
 * file with the layout it was recognised as, what was read from it, the narrative sections, and everything
 * that was not recognised with its place and the reason. Built from the same recognition the import uses.
 */

export interface PreviewTable {
  /** '第 3 个表格' / '工作表“附件1”'. */
  where: string;
  /** The title the file prints above (or in the first row of) the table, '附件1 部门收支总表'. */
  sourceTitle: string;
  /** The recognised layout of the chosen set, or null when the table fits none. */
  tableId: string | null;
  /** The layout's 附件 number and title as the set prints them. */
  number: string | null;
  title: string | null;
  /** 1-based position of the layout in the set. */
  order: number | null;
  /** How sure the recognition is, 0…1. */
  score: number;
  /** A 绩效 form (read by the 绩效 importer, not into rows here). */
  form: boolean;
  /** Body rows read (null for forms and unrecognised tables). */
  rows: number | null;
  /** The table's 合计/总计 figure in 元 (the first money column of its total row), when it prints one. */
  total: string | null;
  moneyUnit: MoneyUnit | null;
  /** The table prints its empty-table note instead of rows. */
  emptyNote: string | null;
  /** Non-empty cells of the file's table and how many of them were read. */
  cells: number;
  read: number;
  unread: number;
}

export interface PreviewUnrecognised {
  /** Where in the file, as the clerk finds it: '第 3 个表格 第 5 行第 2 列'. */
  place: string;
  text: string;
  reason: string;
}

/** What the 绩效 tables give: 专项, 支出方向, the 部门整体 goal, and projects with their indicators. */
export interface PreviewPerformance {
  specialFunds: number;
  directions: number;
  departmentGoal: boolean;
  projects: { name: string; indicators: number }[];
  /** Indicators parsed, over 支出方向, projects and the 部门整体 goal's sub-goals. */
  indicators: number;
}

/** The table sets and a lookup of one set's layouts and the model tables (TableSetRegistry answers both). */
export interface PreviewSets {
  list(): readonly TableSet[];
  table(setId: string, tableId: string): TableDef | undefined;
}

export interface ImportPreview {
  /** The file name as picked. */
  file: string;
  /** A Word/Excel document (recognised) or a workbook / its interchange JSON (described as it stands). */
  kind: 'docx' | 'xlsx' | 'bdwb' | 'json';
  /** Set when LibreOffice converted an old .doc/.xls first. */
  convertedFrom?: string;
  /** The budget year most of the recognised tables' titles name (what import.run takes as the file's year). */
  fileYear: number | null;
  /** The department the tables' 单位名称 lines name most often. */
  deptName: string | null;
  /** The table set the file fits best; `score` is the mean recognition score of its matched tables. */
  set: { id: string; name: string; year: number; score: number; matched: number } | null;
  /** The other sets that recognise some tables, best first (for "how sure"). */
  otherSets: { id: string; name: string; matched: number }[];
  tables: PreviewTable[];
  /** Layouts of the chosen set the file does not contain (entered ones start empty). */
  missing: { tableId: string; number: string; title: string }[];
  narrative: { heading: string; paragraphs: number; chars: number }[];
  /** Null when the file has no 绩效 table of the chosen set. */
  performance: PreviewPerformance | null;
  unrecognised: PreviewUnrecognised[];
  /** Non-empty table cells in the file and how many were read (recognised tables' titles, headers, bodies). */
  cells: number;
  read: number;
}

const UNIT_OR_NAME = /单位[:：]|单位名称|编制(?:部门|单位)|填报单位/;
const TOTAL_LABEL = /^(?:合计|总计|收入总计|支出总计|.{0,12}(?:合计|总计))$/;
const MAX_TEXT = 200;

const clip = (text: string): string => (text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text);

/** The table's own title line (not its unit lines), with a 附件 number printed on the line before it. */
function sourceTitle(t: TableInContext): string {
  const lines = t.titles.filter((l) => !UNIT_OR_NAME.test(l) && !/^第[一二三四五六七八九十]+部分/.test(squash(l)));
  const last = lines.at(-1);
  if (last !== undefined) {
    const before = lines.at(-2);
    const numberOnly = (l: string) => titleNumber(l) !== null && titleKey(l) === '';
    if (numberOnly(last)) return last;
    return before !== undefined && numberOnly(before) ? `${before} ${last}` : last;
  }
  const first = t.table.rows
    .flatMap((r) => r.cells)
    .map((c) => c.text.trim())
    .filter((x) => x !== '')
    .slice(0, 3);
  return first.join(' ');
}

/** The first money column's figure on the row that names itself 合计/总计, if the table prints one. */
function totalOf(def: TableDef, read: ReadTable): string | null {
  const columns = visibleColumns(def);
  const money = columns.find((c) => c.type === 'money');
  if (!money) return null;
  const labels = columns.filter((c) => !isNumericColumn(c));
  for (const row of read.rows) {
    const named = labels.some((c) => {
      const text = row.cells[c.key]?.text;
      return text !== undefined && TOTAL_LABEL.test(squash(text));
    });
    const value = row.cells[money.key]?.value;
    if (named && value !== undefined) return canonical(dec(value));
  }
  return null;
}

export function buildPreview(doc: SourceDocument, registry: PreviewSets, options: { convertedFrom?: string } = {}): ImportPreview {
  const sets = registry.list();
  const recognition = recognize(doc, sets);
  const set = recognition.best ? sets.find((s) => s.id === recognition.best!.setId) : undefined;
  // The 绩效 tables (forms, 专项/支出方向 tables, indicator grids) are read by the 绩效 importer, cell by cell.
  const perf = set ? extractPerformance(doc, recognition, set, (id) => registry.table(set.id, id)) : null;
  const perfTables = new Set(perf?.tables ?? []);
  const unrecognised: PreviewUnrecognised[] = [];
  let cells = 0;
  let read = 0;
  const tables = recognition.tables.map((t, i): PreviewTable => {
    const match = recognition.matches[i];
    const def = match && set ? set.tables.find((d) => d.id === match.tableId) : undefined;
    const title = sourceTitle(t);
    const base = { where: t.table.where, sourceTitle: title, score: match?.score ?? 0 };
    const tableCells = t.table.rows.flatMap((r) => r.cells).filter((c) => c.text.trim() !== '').length;
    if (!def || !set) {
      cells += tableCells;
      unrecognised.push({
        place: t.table.where,
        text: clip(title || '（无标题）'),
        reason: set ? `不是“${set.name}”中的表格，内容未导入` : '不像任何已知表格套表中的表格，内容未导入',
      });
      return { ...base, tableId: null, number: null, title: null, order: null, form: false, rows: null, total: null, moneyUnit: null, emptyNote: null, cells: tableCells, read: 0, unread: tableCells };
    }
    const layout = { tableId: def.id, number: def.number || null, title: def.title, order: set.tables.indexOf(def) + 1 };
    if (perfTables.has(i) || def.body.kind === 'form') {
      const unread = (perf?.unread ?? []).filter((u) => u.where === t.table.where).length;
      return { ...base, ...layout, form: true, rows: null, total: null, moneyUnit: null, emptyNote: null, cells: tableCells, read: tableCells - unread, unread };
    }
    const r = readTable(def, t, set.moneyUnit);
    cells += r.cells;
    read += r.read;
    const label = `${t.table.where}（${[def.number, def.title].filter((x) => x).join(' ')}）`;
    for (const u of r.unread) unrecognised.push({ place: `${label}第 ${u.row} 行第 ${u.col} 列`, text: clip(u.text), reason: u.reason });
    return {
      ...base,
      ...layout,
      form: false,
      rows: r.rows.length,
      total: totalOf(def, r),
      moneyUnit: r.moneyUnit,
      emptyNote: r.emptyNote ?? null,
      cells: r.cells,
      read: r.read,
      unread: r.unread.length,
    };
  });
  if (perf) {
    // Counted once over the 绩效 importer's tables (an indicator grid continued in a table of its own included).
    cells += perf.cells;
    read += perf.read;
    for (const u of perf.unread) unrecognised.push({ place: `${u.where} 第 ${u.row} 行第 ${u.col} 列`, text: clip(u.text), reason: u.reason });
  }
  const found = new Set(tables.map((t) => t.tableId));
  const missing = set ? set.tables.filter((d) => !found.has(d.id)).map((d) => ({ tableId: d.id, number: d.number, title: d.title })) : [];
  const narrative = narrativeOf(doc.blocks).map((s) => ({
    heading: s.heading,
    paragraphs: s.paragraphs.length,
    chars: s.paragraphs.reduce((n, p) => n + p.length, 0),
  }));
  const performance: PreviewPerformance | null =
    perf && perf.tables.length > 0
      ? {
          specialFunds: perf.specialFunds.length,
          directions: perf.directions.length,
          departmentGoal: perf.departmentGoal !== null,
          projects: perf.projects.map((p) => ({ name: p.cells.name ?? '', indicators: p.indicators.length })),
          indicators: perf.directions.reduce((n, d) => n + d.indicators.length, 0) + perf.projects.reduce((n, p) => n + p.indicators.length, 0) + perf.departmentSubGoals.length,
        }
      : null;
  const names = new Map(sets.map((s) => [s.id, s.name]));
  const unitNames = new Map<string, number>();
  for (const t of recognition.tables) if (t.unitName) unitNames.set(t.unitName, (unitNames.get(t.unitName) ?? 0) + 1);
  const deptName = [...unitNames].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
  return {
    file: doc.name,
    kind: doc.format,
    ...(options.convertedFrom === undefined ? {} : { convertedFrom: options.convertedFrom }),
    fileYear: fileYearOf(recognition),
    deptName,
    set: set && recognition.best ? { id: set.id, name: set.name, year: set.year, score: recognition.best.mean, matched: recognition.best.matched } : null,
    otherSets: recognition.sets.filter((s) => s.setId !== set?.id && s.matched > 0).map((s) => ({ id: s.setId, name: names.get(s.setId) ?? s.setId, matched: s.matched })),
    tables,
    missing,
    narrative,
    performance,
    unrecognised,
    cells,
    read,
  };
}

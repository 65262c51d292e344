import { FACT_TABLES } from '../derive/model.js';
import { NARRATIVE_TABLE } from '../narrative/store.js';
import { DEPT_OWNER, PERF_TABLES } from '../perf/binding.js';
import type { NextYearInfo } from '../narrative/render.js';
import type { NarrativeSection } from '../print/document.js';
import type { TableDef } from '../tables/schema.js';
import type { WorkbookInterchange } from '../workbook/interchange.js';
import type { RowCells, WorkbookMeta } from '../workbook/types.js';
import { carryRecord, type PerfPlan, type YearShift } from './perf-plan.js';
import { IMPORT_REPORT_TABLE, infoRowLabel, type ImportPlan, type PlanOptions, type PlanResult, type ReportEntry } from './workbook.js';

/**
 * A workbook (.bdwb) or its interchange JSON imported like last year's .docx: into the next year (its amounts
 * become 上年预算数, 绩效 texts move to the new year and their amounts are cleared, by the same rules as a
 * .docx: perf-plan.ts carryRecord) or into an open workbook of the same table set. The result is the same
 * ImportPlan a .docx gives, so one writer (new workbook or one undoable change with conflicts reported)
 * serves both.
 */

/** Fact tables whose `amount` is this year's budget and `prevAmount` last year's. */
const AMOUNT_TABLES: ReadonlySet<string> = new Set([FACT_TABLES.income, FACT_TABLES.lines, FACT_TABLES.projects]);
/** 绩效 stores whose records move into the new year (texts shifted, amounts cleared). */
const PERF_STORES: ReadonlySet<string> = new Set([PERF_TABLES.special, PERF_TABLES.directions, PERF_TABLES.dept, PERF_TABLES.deptGoals, PERF_TABLES.projects, PERF_TABLES.indicators]);

const nonEmpty = (cells: RowCells): number => Object.values(cells).filter((v) => v !== '').length;

/** The 说明 sections the workbook keeps as written ('sec:<key>' rows), as a .docx import reads them. */
export function workbookNarrative(rows: readonly { cells: RowCells }[]): NarrativeSection[] {
  return rows
    .filter((r) => (r.cells.key ?? '').startsWith('sec:') && (r.cells.text ?? '').trim() !== '')
    .map((r) => ({ heading: r.cells.heading ?? r.cells.key!.slice(4), paragraphs: r.cells.text!.split('\n') }));
}

export function planFromWorkbook(
  doc: WorkbookInterchange,
  file: string,
  lookup: (setId: string, tableId: string) => TableDef | undefined,
  setName: string,
  options: PlanOptions,
  /** Into a later year: the file's figures that are the new year's 上年 amounts of 部门基本情况 (import handler). */
  lastYearInfo: readonly NextYearInfo[] = [],
): PlanResult {
  const fileYear = doc.meta.year;
  const year = options.into?.year ?? options.year ?? fileYear;
  if (year < fileYear) return { ok: false, issue: `文件是 ${fileYear} 年的工作簿，不能导入为更早的 ${year} 年` };
  if (options.into && options.into.tableSetId !== doc.meta.tableSetId) {
    return { ok: false, issue: `文件的表格套“${doc.meta.tableSetId}”与本工作簿的“${options.into.tableSetId}”不同，不能并入；请导入为新工作簿` };
  }
  const shifted = year > fileYear;
  const shift: YearShift = { from: fileYear, to: year };
  const keepDraft = options.keepDraft ?? false;
  const meta: WorkbookMeta = options.into ?? { ...doc.meta, year };
  const moved: Pick<PerfPlan, 'years' | 'clearedAmounts'> = { years: [], clearedAmounts: 0 };
  const entries: ReportEntry[] = [];
  const rows: Record<string, RowCells[]> = {};
  const cells: ImportPlan['cells'] = [];
  const tables: ImportPlan['report']['tables'] = [];
  const title = (id: string): string => {
    const def = lookup(doc.meta.tableSetId, id);
    return def ? [def.number, def.title].filter((x) => x).join(' ') : id;
  };

  const carry = (tableId: string, c: RowCells, place: string): RowCells => {
    if (!shifted) return c;
    if (AMOUNT_TABLES.has(tableId)) {
      const { amount, prevAmount: _last, ...rest } = c;
      const out: RowCells = { ...rest };
      if (amount !== undefined) out.prevAmount = amount;
      if (amount !== undefined && keepDraft) out.amount = amount;
      return out;
    }
    return PERF_STORES.has(tableId) ? carryRecord(c, place, shift, keepDraft, moved) : c;
  };

  /**
   * 部门基本情况 in the new year: its 上年… amounts (三公, 机关运行经费) were the year before the file's and are
   * replaced by the file's year's figures (`lastYearInfo`); its budget amounts (政府采购, …) are the file's
   * year's and are cleared unless kept as a draft. Counts and texts (编制, 车辆, 说明) carry over.
   */
  const infoLabel = infoRowLabel(lookup(doc.meta.tableSetId, FACT_TABLES.info));
  const refilled = new Set(shifted ? lastYearInfo.map((i) => i.rowId) : []);
  let infoCleared = 0;
  const infoCarried = (tableId: string, rowId: string, c: RowCells): RowCells => {
    if (!shifted || tableId !== FACT_TABLES.info || c.amount === undefined || c.amount === '') return c;
    if (keepDraft && !/Prev(?:[A-Z]|$)/.test(rowId)) return c;
    const { amount: _cleared, ...rest } = c;
    if (!refilled.has(rowId)) infoCleared += 1;
    return rest;
  };

  const projectIds = (doc.tables[PERF_TABLES.projects] ?? []).map((r) => r.id);
  const indicators = new Map<number, RowCells[]>();
  let indicatorCount = 0;
  for (const [tableId, list] of Object.entries(doc.tables)) {
    // The source's own import report stays with the source; narrative and indicators are placed below.
    if (list.length === 0 || tableId === IMPORT_REPORT_TABLE || tableId === NARRATIVE_TABLE) continue;
    const place = `工作簿表“${title(tableId)}”`;
    tables.push({ place, tableId, title: title(tableId), score: 1, cells: list.reduce((n, r) => n + nonEmpty(r.cells), 0), read: list.reduce((n, r) => n + nonEmpty(r.cells), 0) });
    if (tableId === PERF_TABLES.indicators) {
      list.forEach((r, i) => {
        const moved = carry(tableId, r.cells, `绩效指标第 ${i + 1} 行`);
        const project = projectIds.indexOf(r.cells.owner ?? '');
        if (project >= 0) {
          const { owner: _owner, ...rest } = moved;
          indicators.set(project, [...(indicators.get(project) ?? []), rest]);
          indicatorCount += 1;
        } else if (r.cells.owner === DEPT_OWNER) {
          (rows[tableId] ??= []).push(moved);
          indicatorCount += 1;
        } else entries.push({ kind: '未导入', place: `${place}第 ${i + 1} 行`, text: r.cells.name ?? '', target: '', note: '指标所属的项目不在文件中，未导入' });
      });
      continue;
    }
    if (lookup(doc.meta.tableSetId, tableId)?.body.kind === 'fixed') {
      for (const r of list) {
        for (const [col, text] of Object.entries(carry(tableId, infoCarried(tableId, r.id, r.cells), `${place}“${r.cells.item ?? r.id}”`))) {
          if (col !== 'item' && text !== '') cells.push({ tableId, rowId: r.id, col, text });
        }
      }
      continue;
    }
    rows[tableId] = list.map((r, i) => carry(tableId, r.cells, `${place}第 ${i + 1} 行`));
  }
  for (const t of tables) entries.push({ kind: '表格', place: t.place, text: '', target: t.title, note: `${t.cells} 个单元格` });

  const narrativeRows = doc.tables[NARRATIVE_TABLE] ?? [];
  const narrative = workbookNarrative(narrativeRows);
  for (const s of narrative) entries.push({ kind: '说明', place: s.heading, text: s.paragraphs.join('\n').slice(0, 20000), target: '第一部分 说明（按原文保存）', note: `${s.paragraphs.length} 段` });
  const rewritten = narrativeRows.length - narrativeRows.filter((r) => (r.cells.key ?? '').startsWith('sec:')).length;
  if (rewritten > 0) entries.push({ kind: '未导入', place: '第一部分 说明', text: '', target: '', note: `${rewritten} 处改写的句子或变动原因随上年数据而写，未带入；说明按本工作簿的数据重新生成` });

  const count = (id: string): number => rows[id]?.length ?? 0;
  if (shifted) {
    entries.push({ kind: '数据', place: '', text: '', target: `预算数据：上年预算数（${fileYear} 年）${keepDraft ? '，并作为本年草稿' : ''}`, note: `收入 ${count(FACT_TABLES.income)} 行，支出明细 ${count(FACT_TABLES.lines)} 行，项目 ${count(FACT_TABLES.projects)} 个` });
    for (const { rowId, amount } of lastYearInfo) {
      cells.push({ tableId: FACT_TABLES.info, rowId, col: 'amount', text: amount });
      entries.push({ kind: '数据', place: '', text: '', target: `部门基本情况 › ${infoLabel(rowId)}`, note: `文件 ${fileYear} 年的数字，作为 ${year} 年的上年数` });
    }
    if (infoCleared > 0) entries.push({ kind: '假设', place: '', text: '', target: '部门基本情况', note: `${infoCleared} 个金额属于 ${fileYear} 年及以前（如政府采购），已清空，请按 ${year} 年填写` });
    if (moved.clearedAmounts > 0) entries.push({ kind: '假设', place: '', text: '', target: '绩效目标', note: `绩效表中的 ${moved.clearedAmounts} 个金额是 ${fileYear} 年的，已清空，请按 ${year} 年预算填写` });
    for (const y of moved.years) entries.push({ kind: '年份', place: y.place, text: y.text, target: '绩效目标', note: y.note });
  }
  rows[IMPORT_REPORT_TABLE] = entries.map((e) => Object.fromEntries(Object.entries(e).filter(([, v]) => v !== '')));
  return {
    ok: true,
    plan: {
      meta,
      rows,
      cells,
      indicators: [...indicators].map(([project, list]) => ({ project, rows: list })),
      report: {
        file,
        setId: doc.meta.tableSetId,
        setName,
        confidence: 1,
        fileYear,
        year,
        shifted,
        tables,
        counts: {
          income: count(FACT_TABLES.income),
          lines: count(FACT_TABLES.lines),
          projects: count(FACT_TABLES.projects),
          assumptions: entries.filter((e) => e.kind === '假设').length,
          unrecognised: 0,
          unmet: 0,
          perfProjects: count(PERF_TABLES.projects),
          indicators: indicatorCount,
        },
        narrative,
        entries,
      },
    },
  };
}

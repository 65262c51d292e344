import { FACT_TABLES } from '../derive/model.js';
import { Dec } from '../money/decimal.js';
import type { NarrativeSection } from '../print/document.js';
import type { MoneyUnit, TableDef, TableSet } from '../tables/schema.js';
import type { RowCells, WorkbookMeta } from '../workbook/types.js';
import { readTable } from './extract.js';
import { rebuildFacts, type PublishedTable } from './facts.js';
import { verifyRebuild, rebuiltModel } from './facts-verify.js';
import { readDepartment, unitRows, unitTypeLabel } from './facts-dept.js';
import { nextYearInfoFromFile } from './facts-info.js';
import { infoFromNarrative } from './facts-narrative.js';
import { narrativeOf } from './narrative.js';
import { extractPerformance } from './perf.js';
import { linkPerformance, namedProjects, type PlanLink } from './perf-links.js';
import { planPerformance, type PerfPlan, type PlanCell } from './perf-plan.js';
import type { Recognition } from './recognize.js';
import type { SourceDocument } from './source.js';

/**
 * What an imported document gives a workbook: its meta, the model rows (this year's amounts, or last
 * year's as 上年预算数 when the workbook is for the year after the file's), and the report of everything
 * read, where it went, what was assumed and what was not recognised, as rows of the import-report table.
 */

export const IMPORT_REPORT_TABLE = 'import-report';

export type ReportKind = '表格' | '数据' | '假设' | '未识别' | '未还原' | '未导入' | '说明' | '年份';

export interface ReportEntry {
  kind: ReportKind;
  /** Where in the file: '第 3 个表格 第 5 行第 2 列', '工作表“附件1”'. */
  place: string;
  /** The original text. */
  text: string;
  /** Where it went in the workbook. */
  target: string;
  /** Why (for what was not recognised), or what was decided. */
  note: string;
}

export interface ImportReport {
  file: string;
  setId: string | null;
  setName: string;
  /** Mean recognition score of the tables matched, 0…1. */
  confidence: number;
  fileYear: number | null;
  year: number;
  /** The file's amounts went to 上年预算数 (the workbook is for the year after the file's). */
  shifted: boolean;
  tables: { place: string; tableId: string; title: string; score: number; cells: number; read: number }[];
  counts: { income: number; lines: number; projects: number; assumptions: number; unrecognised: number; unmet: number; perfProjects: number; indicators: number };
  /** 第一部分 说明 as read, heading by heading (stored in the workbook's narrative table as written). */
  narrative: NarrativeSection[];
  entries: ReportEntry[];
}

export interface ImportPlan {
  meta: WorkbookMeta;
  /** Model rows by model table (cells as stored). */
  rows: Record<string, RowCells[]>;
  /** Cells of fixed model tables (fact-info, perf-dept): row key, column, value. */
  cells: PlanCell[];
  /** perf-indicators rows of the perf-projects row at `project` (owner is that row's id, known once written). */
  indicators: PerfPlan['indicators'];
  /** 绩效 rows that link a budget project of rows['fact-projects'] (its row id, known once written). */
  links?: PlanLink[];
  report: ImportReport;
}

export interface PlanOptions {
  /** The workbook's budget year; the file's year when absent. */
  year?: number;
  /** With a later year: keep the file's amounts as this year's draft too. */
  keepDraft?: boolean;
  /** Meta of the workbook the content goes into (its year and set win). */
  into?: WorkbookMeta;
}

export type PlanResult = { ok: true; plan: ImportPlan } | { ok: false; issue: string };

const YEAR = /((?:19|20)\d{2})\s*年/;

function majority<T>(values: T[]): T | undefined {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/**
 * The budget year the file is for: the year most of its recognised tables' titles name. A title per
 * record (a project's table, '2003年以前退休人员生活补贴绩效目标表') names the record, not the year.
 */
export function fileYearOf(recognition: Recognition, lookup?: (setId: string, tableId: string) => TableDef | undefined): number | null {
  const years = recognition.tables.flatMap((t, i) => {
    const m = recognition.matches[i];
    if (!m) return [];
    const def = lookup?.(m.setId, m.tableId);
    if (def?.body.kind === 'form' && def.body.repeatFor !== undefined) return [];
    const y = t.titles.map((line) => YEAR.exec(line)).find((x) => x !== null);
    return y ? [Number(y[1])] : [];
  });
  return majority(years) ?? null;
}

/** A 绩效 file titles its tables by project: then the year its paragraphs and cells name most (2023年12月31日 …). */
function textYear(doc: SourceDocument): number | null {
  const years: number[] = [];
  const add = (text: string): void => {
    for (const m of text.matchAll(new RegExp(YEAR.source, 'g'))) years.push(Number(m[1]));
  };
  for (const b of doc.blocks) {
    if (b.kind === 'paragraph') add(b.text);
    else for (const row of b.table.rows) for (const c of row.cells) add(c.text);
  }
  return majority(years) ?? null;
}

/** The 部门基本情况 row's item as the set prints it ("上年公务接待费预算数"), for the report; the id where it has none. */
export function infoRowLabel(def: TableDef | undefined): (rowId: string) => string {
  return (rowId) => {
    const item = def?.body.kind === 'fixed' ? def.body.rows.find((r) => r.key === rowId)?.cells.item : undefined;
    return typeof item === 'string' ? item : rowId;
  };
}

export function planImport(doc: SourceDocument, recognition: Recognition, lookup: (setId: string, tableId: string) => TableDef | undefined, set: TableSet | undefined, options: PlanOptions): PlanResult {
  const entries: ReportEntry[] = [];
  const tables: ImportReport['tables'] = [];
  const published: PublishedTable[] = [];
  const units: string[] = [];
  const moneyUnits: MoneyUnit[] = [];
  // The 绩效 tables (forms, 专项/支出方向 lists, indicator grids continued in tables of their own).
  const perf = set ? extractPerformance(doc, recognition, set, (id) => lookup(set.id, id)) : null;
  const perfTables = new Set(perf?.tables ?? []);
  recognition.tables.forEach((t, i) => {
    const m = recognition.matches[i];
    // The title line nearest the table, passing over its 单位 lines.
    const title_ = [...t.titles].reverse().find((line) => !/^(?:单位|编制单位|单位名称)[:：]/.test(line.replace(/\s+/g, '')));
    const firstLine = title_ ?? t.table.rows[0]?.cells.map((c) => c.text).join(' ') ?? '';
    if (!m && perfTables.has(i)) {
      entries.push({ kind: '表格', place: t.table.where, text: firstLine.slice(0, 200), target: '绩效目标（上一张表格的续表）', note: '' });
      return;
    }
    if (!m) {
      entries.push({ kind: '未识别', place: t.table.where, text: firstLine.slice(0, 200), target: '', note: '标题和表头与所选表格套中的任何表格都不相符' });
      return;
    }
    const def = lookup(m.setId, m.tableId)!;
    const title = `${def.number} ${def.title.replace(/\{year\}年?/g, '').replace(/\{[^}]*\}\.?/g, '')}`.trim();
    if (t.unitName) units.push(t.unitName);
    if (t.moneyUnit) moneyUnits.push(t.moneyUnit);
    if (def.body.kind === 'form' || def.body.kind === 'free') {
      tables.push({ place: t.table.where, tableId: def.id, title, score: m.score, cells: 0, read: 0 });
      if (perfTables.has(i)) entries.push({ kind: '表格', place: t.table.where, text: firstLine.slice(0, 200), target: title, note: `识别度 ${Math.round(m.score * 100)}%，绩效目标` });
      else entries.push({ kind: '未导入', place: t.table.where, text: firstLine.slice(0, 200), target: title, note: '表格格式已识别，但不是可导入的绩效目标表格，内容未导入' });
      return;
    }
    const read = readTable(def, t, set?.moneyUnit ?? '万元');
    tables.push({ place: t.table.where, tableId: def.id, title, score: m.score, cells: read.cells, read: read.read });
    entries.push({ kind: '表格', place: t.table.where, text: firstLine.slice(0, 200), target: title, note: `识别度 ${Math.round(m.score * 100)}%，读取 ${read.read}/${read.cells} 个单元格，单位：${read.moneyUnit}` });
    for (const u of read.unread) entries.push({ kind: '未识别', place: `${u.where} 第 ${u.row} 行第 ${u.col} 列`, text: u.text, target: title, note: u.reason });
    published.push({ def, read, label: title });
  });

  const fileYear = fileYearOf(recognition, lookup) ?? textYear(doc);
  const year = options.into?.year ?? options.year ?? fileYear;
  if (year === null || year === undefined) return { ok: false, issue: '无法从文件的表格标题中确定预算年度，请指定导入后的年度（命令行用 --year）' };
  if (fileYear !== null && year < fileYear) return { ok: false, issue: `文件是 ${fileYear} 年的预算，不能导入为更早的 ${year} 年` };
  const shifted = fileYear !== null && year > fileYear;
  const deptName = options.into?.deptName ?? majority(units) ?? doc.name.replace(/\.[^.]+$/, '');
  const meta: WorkbookMeta = options.into ?? {
    deptName,
    unitCode: '',
    year,
    moneyUnit: majority(moneyUnits) ?? set?.moneyUnit ?? '万元',
    scope: '本级',
    tableSetId: set?.id ?? recognition.best?.setId ?? '',
  };
  /** 部门基本情况 rows by the set's words, for the report. */
  const rowLabel = infoRowLabel(lookup(meta.tableSetId, FACT_TABLES.info));

  const rows: Record<string, RowCells[]> = {};
  const cells: ImportPlan['cells'] = [];
  // The 绩效 tables name the projects: the budget projects are rebuilt per project where the amounts allow,
  // within the rounding the tables print (half a cent of the unit the file's tables are in).
  const tolerance = new Dec((majority(moneyUnits) ?? meta.moneyUnit) === '万元' ? 50 : 0.5);
  const facts = rebuildFacts(published, fileYear ?? year, namedProjects(perf), tolerance);
  for (const a of facts.assumptions) entries.push({ kind: '假设', place: a.where ?? '', text: '', target: '预算数据', note: a.text });
  for (const u of facts.unplaced) entries.push({ kind: '未识别', place: u.where, text: u.text, target: '', note: u.reason });
  for (const u of facts.unmet) entries.push({ kind: '未还原', place: u.where, text: u.text, target: '预算数据', note: `${u.reason}（还原后为 ${u.rebuilt} 元）` });
  if (set && published.length > 0) {
    const fileMeta = { ...meta, year: fileYear ?? year };
    const unmet = new Set(facts.unmet.map((u) => u.where));
    for (const m of verifyRebuild(set, fileMeta, rebuiltModel(facts), facts.observations)) {
      if (unmet.has(m.where)) continue;
      entries.push({ kind: '未还原', place: m.where, text: m.text, target: '预算数据', note: `由还原的数据重新生成的表格为 ${m.derived} 元，与文件不同` });
    }
  }

  // 上年数: the file's amounts are last year's when the workbook is for a later year.
  const place = (list: RowCells[]): RowCells[] =>
    list.map(({ amount, ...rest }) => {
      if (!shifted) return { ...rest, ...(amount === undefined ? {} : { amount }) };
      const out: RowCells = { ...rest };
      if (amount !== undefined) {
        out.prevAmount = amount;
        if (options.keepDraft) out.amount = amount;
      }
      return out;
    });
  if (published.length > 0) {
    rows[FACT_TABLES.income] = place(facts.income);
    rows[FACT_TABLES.lines] = place(facts.lines);
    rows[FACT_TABLES.projects] = place(facts.projects);
    if (shifted) {
      // 上年 amounts of 部门基本情况: the figures the file prints (the set's 说明 template names them), else
      // the 三公 items summed from the rebuilt facts.
      const lastYear = new Map<string, string>();
      if (facts.threePublic) {
        const prev = { abroad: 'info-threePublicPrevAbroad', reception: 'info-threePublicPrevReception', vehicle: 'info-threePublicPrevVehicle' } as const;
        for (const [role, rowId] of Object.entries(prev)) lastYear.set(rowId, facts.threePublic[role as keyof typeof prev]);
      }
      if (set) for (const { rowId, amount } of nextYearInfoFromFile(set, facts.observations)) lastYear.set(rowId, amount);
      for (const [rowId, text] of lastYear) {
        cells.push({ tableId: FACT_TABLES.info, rowId, col: 'amount', text });
        entries.push({ kind: '数据', place: '', text: '', target: `部门基本情况 › ${rowLabel(rowId)}`, note: `文件 ${fileYear} 年的数字，作为 ${year} 年的上年数` });
      }
    }
    const where = shifted ? `上年预算数（${fileYear} 年）${options.keepDraft ? '，并作为本年草稿' : ''}` : '本年预算数';
    entries.push({
      kind: '数据',
      place: '',
      text: '',
      target: `预算数据：${where}`,
      note: `收入 ${facts.income.length} 行，支出明细 ${facts.lines.length} 行，项目 ${facts.projects.length} 个；由 ${facts.figures} 个公开数字还原`,
    });
  }

  // 部门基本情况 and 预算单位 from the 说明's own words (二、机构设置, 三、部门预算单位构成).
  const narrative = narrativeOf(doc.blocks);
  const dept = readDepartment(narrative);
  if (published.length > 0 || dept.unitType || dept.subordinates.length > 0) {
    rows[FACT_TABLES.units] = unitRows(meta.deptName, dept);
    const type = dept.unitType ? `，单位性质“${unitTypeLabel(dept.unitType.value)}”` : '';
    entries.push({
      kind: '数据',
      place: dept.unitType ? `第一部分 说明 › ${dept.unitType.section}` : '',
      text: dept.unitType?.sentence ?? '',
      target: '预算单位',
      note: `部门本级“${meta.deptName}”${type}（文件未公开单位编码，编为 001）`,
    });
    if (dept.selfOnly && dept.subordinates.length === 0) entries.push({ kind: '数据', place: `第一部分 说明 › ${dept.selfOnly.section}`, text: dept.selfOnly.sentence, target: '预算单位', note: '只有部门本级，无下属预算单位' });
    dept.subordinates.forEach((u, i) =>
      entries.push({ kind: '数据', place: `第一部分 说明 › ${u.section}`, text: u.sentence, target: '预算单位', note: `下属单位“${u.name}”（编码未公开，编为 ${String(i + 2).padStart(3, '0')}，单位性质未写明，请补填）` }),
    );
  }
  const colLabel = (col: string): string => (col === 'text' ? '说明' : '数量');
  // The 说明's own sentences first (编制, 内设机构: facts-dept.ts), then what the set's template sentences give.
  const fromTemplate = set?.narrative ? infoFromNarrative(set.narrative, narrative) : [];
  const infoFacts = [...dept.facts, ...fromTemplate.filter((f) => !dept.facts.some((d) => d.rowId === f.rowId && d.col === f.col))];
  for (const f of infoFacts) {
    cells.push({ tableId: FACT_TABLES.info, rowId: f.rowId, col: f.col, text: f.text });
    entries.push({
      kind: '数据',
      place: `第一部分 说明 › ${f.section}`,
      text: f.sentence,
      target: `部门基本情况 › ${rowLabel(f.rowId)}（${colLabel(f.col)}）`,
      note: `读取为“${f.text}”${shifted ? `（${fileYear} 年文件所写，请按 ${year} 年核对）` : ''}`,
    });
  }
  for (const a of dept.assumptions) entries.push({ kind: '假设', place: `第一部分 说明 › ${a.place}`, text: a.text, target: '部门基本情况', note: a.note });

  let indicators: PerfPlan['indicators'] = [];
  let links: PlanLink[] = [];
  let perfProjects = 0;
  if (perf && set) {
    for (const u of perf.unread) entries.push({ kind: '未识别', place: `${u.where} 第 ${u.row} 行第 ${u.col} 列`, text: u.text, target: '绩效目标', note: u.reason });
    for (const e of perf.examples) entries.push({ kind: '表格', place: e.where, text: '', target: '', note: `编报说明中的示例表格（${e.cells} 个单元格），不导入` });
    const p = planPerformance(perf, set, (id) => lookup(set.id, id), shifted && fileYear !== null ? { from: fileYear, to: year } : null, options.keepDraft ?? false);
    for (const [id, list] of Object.entries(p.rows)) rows[id] = list;
    cells.push(...p.cells);
    indicators = p.indicators;
    perfProjects = p.rows['perf-projects']?.length ?? 0;
    const budget = (rows[FACT_TABLES.projects] ?? []).map((r) => ({ code: r.code ?? '', name: r.name ?? '', funcCode: r.funcCode ?? '', amount: r.amount ?? '' }));
    const tied = linkPerformance(rows, budget, facts.projectNames, (id) => lookup(set.id, id), year);
    links = tied.links;
    if (tied.linked > 0) entries.push({ kind: '数据', place: '', text: '', target: '绩效目标', note: `${tied.linked} 行专项资金/支出方向按名称关联预算项目，名称、支出方向和金额随项目更新（与项目不同的保留为改写）` });
    const count = indicators.reduce((n, x) => n + x.rows.length, 0);
    if (perfProjects + (p.rows['zxzj-hz']?.length ?? 0) + (p.rows['zxzj-fx']?.length ?? 0) + p.cells.length > 0) {
      entries.push({
        kind: '数据',
        place: '',
        text: '',
        target: '绩效目标',
        note: `专项 ${p.rows['zxzj-hz']?.length ?? 0} 行，支出方向 ${p.rows['zxzj-fx']?.length ?? 0} 行，部门整体 ${perf.departmentGoal ? '1 张' : '无'}，项目 ${perfProjects} 个，指标 ${count} 个`,
      });
    }
    if (p.clearedAmounts > 0) entries.push({ kind: '假设', place: '', text: '', target: '绩效目标', note: `绩效表中的 ${p.clearedAmounts} 个金额是 ${fileYear} 年的，已清空，请按 ${year} 年预算填写` });
    for (const y of p.years) entries.push({ kind: '年份', place: y.place, text: y.text, target: '绩效目标', note: y.note });
  }

  for (const s of narrative) {
    entries.push({ kind: '说明', place: s.heading, text: s.paragraphs.join('\n').slice(0, 20000), target: '第一部分 说明（按原文保存）', note: `${s.paragraphs.length} 段` });
  }

  const unrecognised = entries.filter((e) => e.kind === '未识别').length;
  const matched = tables.filter((t) => t.score > 0);
  const report: ImportReport = {
    file: doc.name,
    setId: set?.id ?? null,
    setName: set?.name ?? '',
    confidence: matched.length === 0 ? 0 : matched.reduce((s, t) => s + t.score, 0) / matched.length,
    fileYear,
    year,
    shifted,
    tables,
    counts: {
      income: facts.income.length,
      lines: facts.lines.length,
      projects: facts.projects.length,
      assumptions: facts.assumptions.length,
      unrecognised,
      unmet: entries.filter((e) => e.kind === '未还原').length,
      perfProjects,
      indicators: indicators.reduce((n, x) => n + x.rows.length, 0),
    },
    narrative,
    entries,
  };
  rows[IMPORT_REPORT_TABLE] = entries.map((e) => Object.fromEntries(Object.entries(e).filter(([, v]) => v !== '')));
  return { ok: true, plan: { meta, rows, cells, indicators, links, report } };
}

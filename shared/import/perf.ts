import { parseNumberText } from '../money/decimal.js';
import { directionIndicatorColumns, normaliseLevel1 } from '../perf/tree.js';
import { squeezeText } from '../perf/indicator.js';
import { headerCells } from '../tables/layout.js';
import type { FormCellDef, FormSectionDef, MoneyUnit, TableDef, TableSet } from '../tables/schema.js';
import { readTable, type Unread } from './extract.js';
import { squash } from './normalize.js';
import { gridHeader, gridRow, indicatorsOfText, type GridColumns, type GridState, type ImportedIndicator } from './perf-indicators.js';
import type { Recognition, TableInContext } from './recognize.js';
import type { SourceBlock, SourceCell, SourceDocument, SourceTable } from './source.js';

/**
 * The 绩效目标 of a foreign file read back into what the workbook's 绩效 stores hold (model tables of
 * shared/tables/model/performance.json): 专项 (zxzj-hz) and 支出方向 (zxzj-fx) rows, the 部门整体 form's
 * fields (perf-dept) and 分项目标 (perf-dept-goals), and projects (perf-projects) each with its indicator
 * grid (perf-indicators rows, 指标值 parsed, the printed text kept). Money is in 元 as canonical decimals,
 * whatever unit the file prints. Every non-empty cell of a 绩效 table is either read or listed in `unread`
 * with its place and the reason.
 */

export interface ImportedDirection {
  /** zxzj-fx cells by column key (amount in 元). */
  cells: Record<string, string>;
  /** The 9 kind columns' texts parsed into indicators (the cells keep the texts as printed). */
  indicators: ImportedIndicator[];
}

export interface ImportedProject {
  /** perf-projects cells by column key (amount, fiscalAmount, otherAmount in 元). */
  cells: Record<string, string>;
  indicators: ImportedIndicator[];
  /** Where the project's table is in the file ('第 5 个表格'). */
  where: string;
}

export interface ImportedPerformance {
  specialFunds: Record<string, string>[];
  directions: ImportedDirection[];
  /** perf-dept fields (totalAmount, basicAmount, projectAmount in 元; overallGoal, measures …), or null. */
  departmentGoal: Record<string, string> | null;
  /** perf-dept-goals rows (goal, indicator). */
  departmentSubGoals: Record<string, string>[];
  /** 部门名称 as the 部门整体 form prints it. */
  deptName?: string;
  projects: ImportedProject[];
  unread: Unread[];
  /**
   * Example tables of a 编报说明 (seed 000: the 实施期/本年度 indicator examples under 填报说明): recognised as
   * the instructions' examples, their cells counted as read, nothing imported from them.
   */
  examples: { where: string; cells: number }[];
  /** Indices (into recognition.tables) of the tables read here, including indicator grids continued in a table of their own. */
  tables: number[];
  /** Non-empty cells of those tables, and how many were read. */
  cells: number;
  read: number;
}

const STORES = { special: 'zxzj-hz', directions: 'zxzj-fx', dept: 'perf-dept', projects: 'perf-projects' } as const;

/** A label as compared: squashed, without the trailing colon and the (%) of 资金支出计划（%）. */
const labelKey = (text: string): string => squash(text).replace(/:$/, '').replace(/\(%\)$/, '').replace(/^其中:/, '');

/**
 * Other wordings of a form's labels seen in real files (seed 004: 专项资金名称, 项目资金主要用途; seed 003:
 * 绩效目标 right before the goal), by the field they label. Only fields the layout has are used.
 */
const LABEL_ALIASES: Record<string, string> = {
  专项资金名称: 'name',
  项目资金主要用途: 'purpose',
  资金用途: 'purpose',
  绩效目标: 'goal',
  目标: 'goal',
  总体绩效目标: 'overallGoal',
  整体绩效目标: 'overallGoal',
  资金总额: 'totalAmount',
  基本支出: 'basicAmount',
  项目支出: 'projectAmount',
  财政资金: 'fiscalAmount',
  预算数: 'amount',
};

/** Group labels that head the next row's lone value (河北: 预算规模及资金用途 over the 资金用途 text). */
const GROUP_FIELDS: Record<string, string> = { 预算规模及资金用途: 'purpose' };

/** 3月底, 第一季度, 10月: the 资金支出计划 time points. */
const PLAN_LABEL = /^(?:\d{1,2}月(?:底|末|份)?|第?[一二三四1-4]季度(?:末)?)$/;

interface FormLabels {
  /** Label key → field (or '' for a label that heads no field, e.g. 年度预算申请). */
  labels: Map<string, string>;
  /** Fields printed in the label's own cell (业务股室意见：…): label key → field. */
  inline: Map<string, string>;
  fields: Set<string>;
  moneyFields: Set<string>;
}

const noLabels = (): FormLabels => ({ labels: new Map(), inline: new Map(), fields: new Set(), moneyFields: new Set() });

function formLabels(def: TableDef, storeColumns: Set<string>): FormLabels {
  const out = noLabels();
  if (def.body.kind !== 'form') return out;
  const cellsSections = def.body.sections.filter((s): s is Extract<FormSectionDef, { kind: 'cells' }> => s.kind === 'cells');
  for (const row of cellsSections.flatMap((s) => s.rows)) {
    let previous: FormCellDef | undefined;
    for (const cell of row) {
      if (cell.field !== undefined) {
        out.fields.add(cell.field);
        if (cell.type === 'money') out.moneyFields.add(cell.field);
        if (cell.text) out.inline.set(labelKey(cell.text), cell.field);
        else if (previous?.text && previous.field === undefined) out.labels.set(labelKey(previous.text), cell.field);
      } else if (cell.text && !cell.text.includes('{') && !out.labels.has(labelKey(cell.text))) {
        out.labels.set(labelKey(cell.text), '');
      }
      previous = cell;
    }
  }
  for (const [label, field] of Object.entries(LABEL_ALIASES)) {
    if ((out.fields.has(field) || storeColumns.has(field)) && (out.labels.get(label) ?? '') === '') out.labels.set(label, field);
  }
  for (const label of Object.keys(GROUP_FIELDS)) if (!out.labels.has(label)) out.labels.set(label, '');
  return out;
}

interface TableCounter {
  cells: number;
  read: number;
  unread: Unread[];
}

function counter(): TableCounter {
  return { cells: 0, read: 0, unread: [] };
}

function moneyValue(text: string, unit: MoneyUnit): string | null {
  const r = parseNumberText(text, { money: true, unit });
  return r.ok ? r.value : null;
}

interface FormRead {
  fields: Record<string, string>;
  indicators: ImportedIndicator[];
  deptName?: string;
  /** The table held an indicator grid (a project table may print it alone, continued from the form). */
  hasGrid: boolean;
}

/** A record's title typed as a row of its own ('智慧社区光电配套款绩效目标表'). */
const TITLE_ROW = /绩效目标(?:申报)?表$/;

/**
 * Reads a printed form by its labels, not by positions (offices merge, split and retype the form's cells
 * freely): each value is the first non-label cell after its label in the row; 资金支出计划 time points and
 * their percentages are the two rows of plan cells; an indicator grid runs from its header row until a row
 * of the form's labels, where the next record starts (Word joins two tables that lose the paragraph
 * between them, so one table may hold several projects).
 */
function readForm(t: TableInContext, labels: FormLabels, unit: MoneyUnit, count: TableCounter): FormRead[] {
  const fresh = (): FormRead => ({ fields: {}, indicators: [], hasGrid: false });
  const records: FormRead[] = [fresh()];
  let out = records[0]!;
  const rows = t.table.rows;
  let grid: GridColumns | null = null;
  let state: GridState = { level2: '' };
  let planLabels: SourceCell[] | null = null;
  let groupField = '';
  const miss = (r: number, cell: SourceCell, reason: string): void => {
    count.unread.push({ where: t.table.where, row: r + 1, col: cell.col + 1, text: cell.text, reason });
  };
  const assign = (field: string, text: string, append = false): boolean => {
    if (field === 'deptName') {
      out.deptName = squeezeText(text);
      return true;
    }
    if (append && out.fields[field]) {
      out.fields[field] = `${out.fields[field]}\n${plainText(text)}`;
      return true;
    }
    if (out.fields[field] !== undefined && out.fields[field] !== '') return false;
    if (labels.moneyFields.has(field) || /amount$/i.test(field)) {
      const value = moneyValue(text, unit);
      if (value === null && text.trim() !== '') return false;
      out.fields[field] = value ?? '';
      return true;
    }
    out.fields[field] = plainText(text);
    return true;
  };
  const isLabel = (cell: SourceCell): boolean => labels.labels.has(labelKey(cell.text));
  for (let r = 0; r < rows.length; r += 1) {
    const cells = rows[r]!.cells.filter((c) => c.text.trim() !== '');
    count.cells += cells.length;
    if (r < t.titleRows) {
      count.read += cells.length;
      continue;
    }
    // A record's title: '…绩效目标表', or after a grid any one text across the table (a title cut short).
    const across = cells.length === 1 && cells[0]!.colSpan >= Math.max(2, t.table.columns - 1);
    const title = cells.length === 1 && (TITLE_ROW.test(squash(cells[0]!.text)) || (grid !== null && across && !normaliseLevel1(cells[0]!.text)));
    if (grid && (title || cells.some((c) => isLabel(c) && labels.labels.get(labelKey(c.text)) !== ''))) {
      // The next record's title or form rows: the grid is over.
      grid = null;
      out = fresh();
      records.push(out);
    }
    if (title || (cells.length > 0 && cells.every((c) => UNIT_ROW.test(squash(c.text))))) {
      count.read += cells.length;
      continue;
    }
    if (grid) {
      const g = gridRow(grid, rows[r]!, state);
      if (g.kind === 'indicator') out.indicators.push(g.indicator);
      const last = out.indicators[out.indicators.length - 1];
      if (g.kind === 'more' && last) {
        for (const [key, text] of Object.entries(g.fields)) {
          const field = key as 'name' | 'desc' | 'basis';
          last[field] = `${last[field]}${text}`;
        }
      }
      if (g.kind !== 'blank') {
        const used = new Set(g.used);
        const reason = g.kind === 'foreign' ? g.reason : g.kind === 'more' && !last ? '指标表的第一行缺少三级指标和指标值' : null;
        for (const cell of cells) {
          if (reason !== null && used.has(cell)) miss(r, cell, reason);
          else if (used.has(cell)) count.read += 1;
          else miss(r, cell, '不在指标表的栏目下');
        }
      }
      continue;
    }
    const header = gridHeader(rows[r]!);
    if (header) {
      grid = header;
      state = { level2: '' };
      out.hasGrid = true;
      count.read += cells.length;
      continue;
    }
    if (planLabels) {
      // The row under the time points: each percentage under its point (a point may be left blank).
      const points = planLabels;
      const values = cells.filter((c) => !isLabel(c));
      const under = values.map((c) => points.findIndex((p) => c.col < p.col + p.colSpan && p.col < c.col + c.colSpan));
      if (values.length > 0 && under.every((i) => i >= 0)) {
        values.forEach((c, k) => assign(`plan${under[k]! + 1}`, squeezeText(c.text).normalize('NFKC')));
        count.read += cells.length;
        planLabels = null;
        continue;
      }
      planLabels = null;
    }
    const points = cells.filter((c) => PLAN_LABEL.test(squash(c.text)));
    if (points.length >= 2 && labels.fields.has('planLabel1')) {
      planLabels = points;
      points.forEach((c, i) => assign(`planLabel${i + 1}`, squeezeText(c.text).normalize('NFKC')));
      for (const cell of cells) if (points.includes(cell) || isLabel(cell)) count.read += 1;
      else miss(r, cell, '资金支出计划一行中无法对应的内容');
      continue;
    }
    let pending: string | null = null;
    let appending = false;
    let rowGroup = '';
    for (const cell of cells) {
      const key = labelKey(cell.text);
      if (NUMBERED_GOAL.test(key) && labels.fields.has('goal')) {
        // 目标1 / 目标2 …: one goal per row, kept as one text, a line each.
        pending = 'goal';
        appending = true;
        count.read += 1;
        continue;
      }
      if (key === '部门名称') {
        pending = 'deptName';
        count.read += 1;
        continue;
      }
      if (labels.labels.has(key)) {
        const field = labels.labels.get(key)!;
        if (field !== '') pending = field;
        if (GROUP_FIELDS[key]) rowGroup = GROUP_FIELDS[key]!;
        count.read += 1;
        continue;
      }
      const inline = [...labels.inline.entries()].find(([label]) => squash(cell.text).startsWith(label));
      if (inline) {
        const rest = cell.text.trim().replace(/^[^:：]*[:：]/, '');
        if (rest.trim() !== '') assign(inline[1], rest);
        count.read += 1;
        continue;
      }
      if (pending !== null) {
        const field = pending;
        pending = null;
        if (assign(field, cell.text, appending)) count.read += 1;
        else miss(r, cell, field === 'deptName' ? '部门名称无法读取' : out.fields[field] ? `“${field}”已在本表前面读到` : `“${cell.text.trim()}”不是金额`);
        continue;
      }
      if (groupField !== '' && assign(groupField, cell.text)) {
        count.read += 1;
        groupField = '';
        continue;
      }
      miss(r, cell, '表格式中没有与之对应的栏目');
    }
    groupField = rowGroup;
  }
  return records;
}

/** A text as stored: NBSP (WPS types it for a space) as a space, the ends trimmed, the lines kept. */
const plainText = (text: string): string => text.replace(/\u00a0/g, ' ').trim();

/** 目标1, 目标2 … heading each goal of a project on a row of its own (seed 004). */
const NUMBERED_GOAL = /^目标\d+$/;

/** 单位：万元 typed as a row inside the form. */
const UNIT_ROW = /^单位:(?:万元|元)$/;

function storeColumns(set: TableSet, model: (id: string) => TableDef | undefined, store: string): Set<string> {
  return new Set(model(store)?.columns.map((c) => c.key) ?? set.tables.find((t) => t.id === store)?.columns.map((c) => c.key) ?? []);
}

/** A free 绩效 table (专项, 支出方向) read into store cells: money as 元, texts as printed; the 合计 row skipped. */
function freeRows(def: TableDef, t: TableInContext, unit: MoneyUnit, count: TableCounter): Record<string, string>[] {
  const read = readTable(def, t, unit);
  count.cells += read.cells;
  count.read += read.read;
  count.unread.push(...read.unread);
  const totalLabel = def.body.kind === 'free' ? def.body.total?.label : undefined;
  const labelColumn = def.body.kind === 'free' ? def.body.total?.labelColumn : undefined;
  const out: Record<string, string>[] = [];
  for (const row of read.rows) {
    const cells: Record<string, string> = {};
    for (const [key, cell] of Object.entries(row.cells)) cells[key] = cell.value ?? plainText(cell.text);
    if (totalLabel && labelColumn && squash(cells[labelColumn] ?? '') === squash(totalLabel)) continue;
    out.push(cells);
  }
  return out;
}

/** The outline form's headings (一、总体绩效目标 …) in the document's paragraphs, read as its fields and list. */
function readOutline(def: TableDef, blocks: readonly SourceBlock[]): { fields: Record<string, string>; list: Record<string, string>[] } {
  const fields: Record<string, string> = {};
  const list: Record<string, string>[] = [];
  if (def.body.kind !== 'form') return { fields, list };
  // Paragraphs of a document, or the one-text rows of a sheet (an .xlsx prints the outline down a column).
  const paragraphs = blocks
    .flatMap((b) => (b.kind === 'paragraph' ? [b.text] : b.table.rows.map((r) => r.cells.filter((c) => c.text.trim() !== '')).filter((c) => c.length === 1).map((c) => c[0]!.text)))
    .map((text) => text.trim());
  // Headings in order, each with what follows it: a field cell, or a list section.
  const steps: { heading: string; field?: string; list?: Extract<FormSectionDef, { kind: 'list' }> }[] = [];
  for (const section of def.body.sections) {
    if (section.kind === 'list') {
      if (steps.length > 0) steps[steps.length - 1]!.list = section;
      continue;
    }
    for (const row of section.rows) {
      const cell = row[0];
      if (cell?.text) steps.push({ heading: squash(cell.text) });
      else if (cell?.field && steps.length > 0) steps[steps.length - 1]!.field = cell.field;
    }
  }
  const at = (heading: string, from: number): number => paragraphs.findIndex((p, i) => i >= from && squash(p) === heading);
  const headings = new Set(steps.map((x) => x.heading));
  let cursor = 0;
  for (let s = 0; s < steps.length; s += 1) {
    // A 目录 lists the headings one after another: the section is where a heading has text under it.
    let start = at(steps[s]!.heading, cursor);
    while (start >= 0 && start + 1 < paragraphs.length && headings.has(squash(paragraphs[start + 1]!)) && steps[s]!.field !== undefined) start = at(steps[s]!.heading, start + 1);
    if (start < 0) continue;
    const nextHeading = steps.slice(s + 1).map((x) => at(x.heading, start + 1)).find((i) => i >= 0);
    // The last section ends at the next part (第二部分) or the first blank run before the tables.
    let end = nextHeading ?? paragraphs.findIndex((p, i) => i > start && /^第[一二三四五]部分/.test(squash(p)));
    if (end < 0) end = paragraphs.length;
    const body = paragraphs.slice(start + 1, end).filter((p) => p !== '');
    const step = steps[s]!;
    if (step.field) fields[step.field] = body.join('\n');
    if (step.list) {
      const labels = new Map(headerCells(step.list.header ?? []).cells.flatMap((c) => (c.key ? [[squash(c.label), c.key] as const] : [])));
      let record: Record<string, string> | null = null;
      for (const line of body) {
        const m = /^(.+?)[:：](.*)$/.exec(line);
        const key = m ? labels.get(squash(m[1]!)) : undefined;
        if (/^[（(][一二三四五六七八九十]+[)）]$/.test(squash(line))) {
          record = {};
          list.push(record);
        } else if (key && m) {
          if (!record) list.push((record = {}));
          record[key] = m[2]!.trim();
        }
      }
    }
    cursor = start + 1;
  }
  return { fields, list };
}

/** Tables printed after a 编报说明 heading (the instructions that come with the 绩效 templates). */
function tablesAfterGuide(blocks: readonly SourceBlock[]): Set<SourceTable> {
  const out = new Set<SourceTable>();
  let guide = false;
  for (const b of blocks) {
    if (b.kind === 'paragraph') guide ||= squash(b.text).endsWith('编报说明');
    else if (guide) out.add(b.table);
  }
  return out;
}

/** A table whose texts are all labels of the form (or values after them): the form went on past a page break. */
function formRest(t: TableInContext, labels: FormLabels): boolean {
  const texts = t.table.rows.flatMap((r) => r.cells.filter((c) => c.text.trim() !== '').map((c) => squash(c.text)));
  const isLabel = (x: string): boolean => labels.labels.has(labelKey(x)) || [...labels.inline.keys()].some((l) => x.startsWith(l));
  const hits = texts.filter(isLabel).length;
  return hits > 0 && hits * 2 >= texts.length;
}

/**
 * The 绩效 part of a recognised file. `set` is the table set recognition chose; `model` looks up model
 * tables by id (TableSetRegistry.table bound to the set). Tables of other kinds are left to the budget
 * importer; an unrecognised table right after a project's form whose first rows are an indicator grid
 * is that project's grid continued (河北 prints the grid as a table of its own).
 */
export function extractPerformance(doc: Pick<SourceDocument, 'blocks'>, recognition: Recognition, set: TableSet, model: (id: string) => TableDef | undefined): ImportedPerformance {
  const out: ImportedPerformance = { specialFunds: [], directions: [], departmentGoal: null, departmentSubGoals: [], projects: [], unread: [], examples: [], tables: [], cells: 0, read: 0 };
  const afterGuide = tablesAfterGuide(doc.blocks);
  /** The last single form read (部门整体): a table of its labels alone right after it is its rest (a page break). */
  let lastForm: FormLabels | null = null;
  const byId = new Map(set.tables.map((t) => [t.id, t]));
  let lastProject: ImportedProject | null = null;
  const finish = (index: number, count: TableCounter): void => {
    out.tables.push(index);
    out.cells += count.cells;
    out.read += count.read;
    out.unread.push(...count.unread);
  };
  recognition.tables.forEach((t, index) => {
    const match = recognition.matches[index];
    const def = match ? byId.get(match.tableId) : undefined;
    const unit: MoneyUnit = t.moneyUnit ?? (def?.moneyUnit === '元' || def?.moneyUnit === '万元' ? def.moneyUnit : set.moneyUnit);
    const count = counter();
    if (!def || def.store === undefined) {
      // Not a 绩效 layout: a project's grid continued, the rest of a form, or a 编报说明 example.
      const grid = t.table.rows.slice(0, 3).map(gridHeader).find((h) => h !== null);
      if (lastProject && grid) {
        for (const read of readForm(t, noLabels(), unit, count)) lastProject.indicators.push(...read.indicators);
        finish(index, count);
      } else if (lastForm && formRest(t, lastForm)) {
        for (const read of readForm(t, lastForm, unit, count)) out.departmentGoal = { ...(out.departmentGoal ?? {}), ...read.fields };
        finish(index, count);
      } else if (grid && afterGuide.has(t.table)) {
        const cells = t.table.rows.reduce((n, r) => n + r.cells.filter((c) => c.text.trim() !== '').length, 0);
        out.examples.push({ where: t.table.where, cells });
        finish(index, { cells, read: cells, unread: [] });
      }
      lastProject = null;
      lastForm = null;
      return;
    }
    if (def.body.kind !== 'form') {
      const rows = freeRows(def, t, unit, count);
      if (def.store === STORES.special) out.specialFunds.push(...rows);
      else if (def.store === STORES.directions) {
        for (const cells of rows) {
          const indicators = directionIndicatorColumns.flatMap((c) => (cells[c.key] ? indicatorsOfText(c.kind, cells[c.key]!) : []));
          out.directions.push({ cells, indicators });
        }
      } else return;
      lastProject = null;
      lastForm = null;
      finish(index, count);
      return;
    }
    if (def.body.printAs === 'outline') {
      // The outline typed into a table (a sheet): read with the document's paragraphs, once.
      if (out.departmentGoal === null) {
        const { fields, list } = readOutline(def, doc.blocks);
        out.departmentGoal = fields;
        out.departmentSubGoals.push(...list);
      }
      const cells = t.table.rows.reduce((n, r) => n + r.cells.filter((c) => c.text.trim() !== '').length, 0);
      finish(index, { cells, read: cells, unread: [] });
      return;
    }
    const labels = formLabels(def, storeColumns(set, model, def.store));
    const isProject = def.body.repeatFor !== undefined;
    for (const read of readForm(t, labels, unit, count)) {
      if (isProject) {
        const hasFields = Object.values(read.fields).some((v) => v !== '');
        if (!hasFields && lastProject) lastProject.indicators.push(...read.indicators);
        else {
          lastProject = { cells: read.fields, indicators: read.indicators, where: t.table.where };
          out.projects.push(lastProject);
        }
      } else {
        out.departmentGoal = { ...(out.departmentGoal ?? {}), ...read.fields };
        if (read.deptName) out.deptName = read.deptName;
        lastProject = null;
        lastForm = labels;
      }
    }
    finish(index, count);
  });
  // A 部门整体 outline printed as paragraphs has no table of its own to be recognised by.
  if (out.departmentGoal === null) {
    for (const def of set.tables) {
      if (def.body.kind === 'form' && def.body.printAs === 'outline' && def.store === STORES.dept) {
        const { fields, list } = readOutline(def, doc.blocks);
        if (Object.keys(fields).length > 0 || list.length > 0) {
          out.departmentGoal = fields;
          out.departmentSubGoals.push(...list);
        }
      }
    }
  }
  return out;
}

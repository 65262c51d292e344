import { z } from 'zod';
import { narrativeProblems } from '../narrative/validate.js';
import {
  classificationRowSources,
  tableSetFileSchema,
  tableSetSchema,
  type ColumnDef,
  type ColumnType,
  type FactQuery,
  type FormCellDef,
  type formListSectionSchema,
  type HeaderNode,
  type TableDef,
  type TableSet,
  type TableSetFile,
  type TotalRowDef,
} from './schema.js';
import { dimension, factDimensionKeys, factDimensions, factMeasures, formCollections, placeholderNames, repeatPlaceholderNames } from './vocabulary.js';

/**
 * Everything zod's shape check cannot see in a table set: header ↔ column agreement, references between
 * rows, columns and fields, the fact vocabulary (./vocabulary.ts), form tiling, placeholders. Messages
 * are in Chinese with a JSON path, for `budgetdesk tablesets check` and the registry's refusal.
 */

/** One thing wrong with a table set: where (a path into the JSON) and what, in words a clerk can act on. */
export interface TableSetProblem {
  path: string;
  message: string;
}

/** A set file that was not loaded: its id (or file name), the file, and what to fix. */
export interface RejectedTableSet {
  setId: string;
  file?: string;
  problems: TableSetProblem[];
}

type TableBody = TableDef['body'];
type DerivedBody = Extract<TableBody, { kind: 'derived' }>;
type FormBody = Extract<TableBody, { kind: 'form' }>;
type FormListSection = z.infer<typeof formListSectionSchema>;
type AddProblem = (path: string, message: string) => void;

const KEY_PATTERN = /^[a-zA-Z][a-zA-Z0-9_]*$/;
const NUMERIC_TYPES: readonly ColumnType[] = ['money', 'number', 'integer', 'percent'];
const isNumericType = (type: ColumnType | undefined): boolean => type !== undefined && NUMERIC_TYPES.includes(type);
const list = (items: readonly string[]): string => items.join('、');

function headerLeaves(nodes: HeaderNode[], path: string, add: AddProblem): string[] {
  const keys: string[] = [];
  nodes.forEach((node, i) => {
    const at = `${path}[${i}]`;
    // A leaf may be blank: seed 001 附件1 prints an empty third column under 收入.
    if (node.label.trim() === '' && node.children) add(at, '有下级表头的表头单元格没有文字');
    if (node.label.trim() === '' && node.key === undefined) add(at, '表头单元格没有文字，也没有指定列（key）');
    if (node.children) {
      if (node.key !== undefined) add(at, `表头“${node.label}”有下级表头，不能再指定列 ${node.key}`);
      keys.push(...headerLeaves(node.children, `${at}.children`, add));
    } else if (node.key === undefined) {
      add(at, `表头“${node.label}”是最末一级，必须指定它所对应的列（key）`);
    } else {
      keys.push(node.key);
    }
  });
  return keys;
}

/** Header leaves must be the visible columns, in order, each exactly once. */
function checkHeader(columns: ColumnDef[], header: HeaderNode[], path: string, add: AddProblem): void {
  const leaves = headerLeaves(header, `${path}.header`, add);
  const visible = columns.filter((c) => !c.hidden).map((c) => c.key);
  const hidden = new Set(columns.filter((c) => c.hidden).map((c) => c.key));
  const counts = new Map<string, number>();
  for (const k of leaves) counts.set(k, (counts.get(k) ?? 0) + 1);
  let specific = false;
  for (const [k, n] of counts) {
    if (hidden.has(k)) {
      add(`${path}.header`, `表头列 ${k} 是隐藏列，不应出现在表头中`);
      specific = true;
    } else if (!visible.includes(k)) {
      add(`${path}.header`, `表头列 ${k} 不是本表的列`);
      specific = true;
    }
    if (n > 1) {
      add(`${path}.header`, `表头列 ${k} 出现了 ${n} 次，每列只能有一个表头`);
      specific = true;
    }
  }
  for (const k of visible) {
    if (!counts.has(k)) {
      add(`${path}.header`, `列 ${k} 没有表头`);
      specific = true;
    }
  }
  if (!specific && leaves.join('\u0000') !== visible.join('\u0000')) {
    add(`${path}.header`, `表头列顺序为 ${list(leaves)}，与列的顺序 ${list(visible)} 不一致`);
  }
}

function checkColumns(columns: ColumnDef[], path: string, add: AddProblem): void {
  const seen = new Set<string>();
  columns.forEach((col, i) => {
    const at = `${path}[${i}]`;
    if (seen.has(col.key)) add(at, `列 ${col.key} 重复定义`);
    seen.add(col.key);
    if (col.numbering !== undefined && col.type !== 'seq') add(at, `列 ${col.key} 不是序号列，不能设置编号样式`);
    if (col.total === 'sum' && !isNumericType(col.type)) add(at, `列 ${col.key} 不是数值列，合计行不能求和`);
    if (col.unit !== undefined && col.type === 'money') add(at, `金额列 ${col.key} 使用表的金额单位，不能另设单位`);
    const listed = col.options !== undefined || col.optionsFrom !== undefined;
    if ((col.type === 'enum') !== listed) add(at, `列 ${col.key}：选项列必须且只有选项列可以列出 options 或 optionsFrom`);
    if (col.options !== undefined && col.optionsFrom !== undefined) add(at, `列 ${col.key} 不能同时列出 options 和 optionsFrom`);
    if (col.codeList !== undefined && col.type !== 'code') add(at, `列 ${col.key} 不是编码列，不能指定 codeList`);
    if (col.role !== undefined && col.type !== 'text') add(at, `列 ${col.key} 不是文本列，不能指定 role（编码或名称）`);
    const values = new Set<string>();
    for (const o of col.options ?? []) {
      if (values.has(o.value) || values.has(o.label)) add(at, `列 ${col.key} 的选项“${o.label}”重复`);
      values.add(o.value).add(o.label);
    }
    for (const o of col.options ?? []) {
      for (const alias of o.aliases ?? []) {
        if (values.has(alias)) add(at, `列 ${col.key} 的选项别名“${alias}”与其他选项重复`);
        values.add(alias);
      }
    }
  });
}

function checkFact(query: FactQuery, path: string, add: AddProblem): void {
  if (!(factMeasures as readonly string[]).includes(query.measure)) {
    add(`${path}.measure`, `未知的取数口径“${query.measure}”，可用：${list(factMeasures)}`);
  }
  checkFilter(query.filter, path, add, query.measure);
}

function checkFilter(filter: Record<string, string | string[]> | undefined, path: string, add: AddProblem, measure?: string): void {
  if (!filter) return;
  for (const [key, raw] of Object.entries(filter)) {
    const at = `${path}.filter.${key}`;
    const dim = dimension(key);
    if (dim === undefined) {
      add(at, `未知的筛选条件“${key}”，可用：${list(factDimensionKeys)}`);
      continue;
    }
    if (measure === 'income' && dim.income !== true) {
      add(at, `收入数据没有“${key}”维度，只能按 ${list(factDimensionKeys.filter((k) => (factDimensions[k] as { income?: true }).income))} 筛选`);
    }
    const values = Array.isArray(raw) ? raw : [raw];
    if (values.length === 0) add(at, '筛选值列表为空');
    for (const v of values) {
      if (dim.digits) {
        if (!/^\d+$/.test(v) || !dim.digits.includes(v.length)) add(at, `科目编码“${v}”应为 ${dim.digits.join('/')} 位数字`);
      } else if (dim.values && !dim.values.some((x) => x.value === v)) {
        add(at, `“${v}”不是 ${key} 的取值（${dim.label}），可用：${list(dim.values.map((x) => x.value))}`);
      }
    }
  }
}

function checkTotal(total: TotalRowDef | undefined, columns: ColumnDef[], path: string, add: AddProblem): void {
  if (!total) return;
  const visible = columns.filter((c) => !c.hidden);
  const start = visible.findIndex((c) => c.key === total.labelColumn);
  if (start < 0) {
    add(`${path}.labelColumn`, `合计行标签列 ${total.labelColumn} 不是本表的可见列`);
    return;
  }
  const span = total.labelSpan ?? 1;
  if (start + span > visible.length) {
    add(`${path}.labelSpan`, `合计行标签从 ${total.labelColumn} 起合并 ${span} 列，超出了表的列数（${visible.length} 列）`);
    return;
  }
  for (const col of visible.slice(start, start + span)) {
    if (isNumericType(col.type)) add(`${path}.labelColumn`, `合计行标签不能占用数值列 ${col.key}`);
  }
}

/** Finds cycles in "cell depends on cells" graphs (sumRows/sumColumns); reports each cycle once. */
function checkCycles(edges: Map<string, string[]>, path: string, add: AddProblem): void {
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (node: string, trail: string[]): void => {
    if (state.get(node) === 'done') return;
    if (state.get(node) === 'visiting') {
      add(path, `求和引用形成循环：${[...trail.slice(trail.indexOf(node)), node].join(' → ')}`);
      return;
    }
    state.set(node, 'visiting');
    for (const next of edges.get(node) ?? []) visit(next, [...trail, node]);
    state.set(node, 'done');
  };
  for (const node of edges.keys()) visit(node, []);
}

function checkFixedBody(t: TableDef, body: Extract<TableBody, { kind: 'fixed' }>, path: string, add: AddProblem): void {
  const byKey = new Map(t.columns.map((c) => [c.key, c]));
  const rowKeys = new Map<string, number>();
  body.rows.forEach((row, i) => {
    if (row.key === undefined) return;
    if (rowKeys.has(row.key)) add(`${path}.rows[${i}].key`, `行键 ${row.key} 重复`);
    rowKeys.set(row.key, i);
  });
  const edges = new Map<string, string[]>();
  body.rows.forEach((row, i) => {
    const rowName = row.key ?? `#${i + 1}`;
    for (const [colKey, cell] of Object.entries(row.cells)) {
      const at = `${path}.rows[${i}].cells.${colKey}`;
      const col = byKey.get(colKey);
      if (!col) {
        add(at, `固定行引用了不存在的列 ${colKey}`);
        continue;
      }
      // A label-and-amount cell sits in a text column; its amount is checked like a figure's.
      const labelled = typeof cell === 'object' && 'label' in cell;
      if (labelled && isNumericType(col.type)) add(at, `标签加金额的单元格应放在文字列，列 ${colKey} 是数值列`);
      const source = labelled ? cell.amount : cell;
      const numeric = labelled || isNumericType(col.type);
      const node = `${rowName}.${colKey}`;
      if (typeof source === 'string') {
        if (numeric && source.trim() !== '') add(at, `数值列 ${colKey} 不能填文字“${source}”，请用 fact/sumRows/sumColumns/input`);
      } else if ('fact' in source) {
        if (!numeric) add(at, `列 ${colKey} 不是数值列，不能取数`);
        checkFact(source.fact, `${at}.fact`, add);
      } else if ('sumRows' in source) {
        if (!numeric) add(at, `列 ${colKey} 不是数值列，不能求和`);
        for (const ref of source.sumRows) {
          if (!rowKeys.has(ref)) add(at, `sumRows 引用了不存在的行 ${ref}`);
          else edges.set(node, [...(edges.get(node) ?? []), `${ref}.${colKey}`]);
        }
      } else if ('sumColumns' in source) {
        if (!numeric) add(at, `列 ${colKey} 不是数值列，不能求和`);
        for (const ref of source.sumColumns) {
          const refCol = byKey.get(ref);
          if (!refCol) add(at, `sumColumns 引用了不存在的列 ${ref}`);
          else if (!isNumericType(refCol.type)) add(at, `sumColumns 引用了非数值列 ${ref}`);
          else edges.set(node, [...(edges.get(node) ?? []), `${rowName}.${ref}`]);
        }
      }
    }
  });
  checkCycles(edges, path, add);
}

function codeLevel(rowsFrom: DerivedBody['rowsFrom'], code: string): '类' | '款' | '项' | undefined {
  const lengths: Record<number, '类' | '款' | '项'> = rowsFrom === 'functionClass' ? { 3: '类', 5: '款', 7: '项' } : { 3: '类', 5: '款' };
  return /^\d+$/.test(code) ? lengths[code.length] : undefined;
}

function checkDerivedBody(t: TableDef, body: DerivedBody, path: string, add: AddProblem): void {
  const classification = (classificationRowSources as readonly string[]).includes(body.rowsFrom);
  if (body.levels) {
    if (!classification) add(`${path}.levels`, `按“${body.rowsFrom}”生成的行没有层级`);
    else if (body.rowsFrom !== 'functionClass' && body.levels.includes('项')) add(`${path}.levels`, '经济分类只有类、款两级');
    if (new Set(body.levels).size !== body.levels.length) add(`${path}.levels`, '层级重复');
  }
  if (body.codes) {
    if (!classification) add(`${path}.codes`, `按“${body.rowsFrom}”生成的行不能列固定科目`);
    const seen = new Set<string>();
    body.codes.forEach((entry, i) => {
      const code = typeof entry === 'string' ? entry : entry.code;
      const at = `${path}.codes[${i}]`;
      const level = codeLevel(body.rowsFrom, code);
      if (!level) {
        add(at, `科目编码“${code}”的位数不对（${body.rowsFrom === 'functionClass' ? '3/5/7' : '3/5'} 位数字）`);
        return;
      }
      if (seen.has(code)) add(at, `固定科目 ${code} 重复`);
      if (body.levels && !body.levels.includes(level)) add(at, `固定科目 ${code} 属于“${level}”级，但本表不显示该级`);
      const parent = code.length > 3 ? code.slice(0, code.length - 2) : undefined;
      const parentLevel = parent ? codeLevel(body.rowsFrom, parent) : undefined;
      if (parent && parentLevel && (body.levels ?? []).includes(parentLevel) && !seen.has(parent)) {
        add(at, `固定科目 ${code} 的上级 ${parent} 应排在它之前`);
      }
      seen.add(code);
    });
  }
  for (const code of Object.keys(body.names ?? {})) {
    if (!classification) add(`${path}.names`, `按“${body.rowsFrom}”生成的行不能另设科目名称`);
    else if (!codeLevel(body.rowsFrom, code)) add(`${path}.names.${code}`, `科目编码“${code}”的位数不对（${body.rowsFrom === 'functionClass' ? '3/5/7' : '3/5'} 位数字）`);
  }
  checkFilter(body.filter, path, add);
  const byKey = new Map(t.columns.map((c) => [c.key, c]));
  const edges = new Map<string, string[]>();
  for (const col of t.columns) {
    if (!(col.key in body.columns)) add(`${path}.columns`, `列 ${col.key} 没有取数规则`);
  }
  for (const [colKey, source] of Object.entries(body.columns)) {
    const at = `${path}.columns.${colKey}`;
    const col = byKey.get(colKey);
    if (!col) {
      add(at, `取数规则引用了不存在的列 ${colKey}`);
      continue;
    }
    const numeric = isNumericType(col.type);
    if (typeof source === 'string') {
      if (numeric) add(at, `数值列 ${colKey} 不能取“${source}”`);
      const functionOnly = ['codeItem', 'nameQualified'];
      const classOnly = ['codeClass', 'codeSection'];
      if (functionOnly.includes(source) && body.rowsFrom !== 'functionClass') add(at, `“${source}”只用于功能分类行`);
      if (classOnly.includes(source) && !classification) add(at, `“${source}”只用于科目分类行`);
      if (source === 'seq' && col.type !== 'seq') add(at, `序号取自 seq 类型的列，列 ${colKey} 是 ${col.type}`);
    } else if ('fact' in source) {
      if (!numeric) add(at, `列 ${colKey} 不是数值列，不能取数`);
      checkFact(source.fact, `${at}.fact`, add);
    } else {
      if (!numeric) add(at, `列 ${colKey} 不是数值列，不能求和`);
      for (const ref of source.sumColumns) {
        const refCol = byKey.get(ref);
        if (!refCol) add(at, `sumColumns 引用了不存在的列 ${ref}`);
        else if (!isNumericType(refCol.type)) add(at, `sumColumns 引用了非数值列 ${ref}`);
        else edges.set(colKey, [...(edges.get(colKey) ?? []), ref]);
      }
    }
  }
  checkCycles(edges, `${path}.columns`, add);
  checkTotal(body.total, t.columns, `${path}.total`, add);
}

function formFields(body: FormBody): string[] {
  const fields: string[] = [];
  for (const section of body.sections) {
    if (section.kind === 'list') fields.push(section.field);
    else for (const row of section.rows) for (const cell of row) if (cell.field !== undefined) fields.push(cell.field);
  }
  return fields;
}

/** Cells must tile the grid exactly: every row filled to gridColumns, no overlaps, no span past the section. */
function checkCellsTiling(rows: FormCellDef[][], grid: number, path: string, add: AddProblem): void {
  const taken: boolean[][] = rows.map(() => new Array<boolean>(grid).fill(false));
  rows.forEach((row, r) => {
    let c = 0;
    row.forEach((cell, i) => {
      const at = `${path}.rows[${r}][${i}]`;
      while (c < grid && taken[r]![c]) c += 1;
      const colSpan = cell.colSpan ?? 1;
      const rowSpan = cell.rowSpan ?? 1;
      if (c + colSpan > grid) {
        add(at, `第 ${r + 1} 行的单元格超出了表格宽度（${grid} 列）`);
        c = grid;
        return;
      }
      if (r + rowSpan > rows.length) add(at, `第 ${r + 1} 行的单元格向下合并 ${rowSpan} 行，超出了本段`);
      for (let dr = 0; dr < rowSpan && r + dr < rows.length; dr += 1) {
        for (let dc = 0; dc < colSpan; dc += 1) {
          if (taken[r + dr]![c + dc]) add(at, `第 ${r + dr + 1} 行第 ${c + dc + 1} 列被两个单元格重叠占用`);
          taken[r + dr]![c + dc] = true;
        }
      }
      c += colSpan;
    });
    const filled = taken[r]!.filter(Boolean).length;
    if (filled !== grid) add(`${path}.rows[${r}]`, `第 ${r + 1} 行只占了 ${filled} 列，应为 ${grid} 列`);
  });
}

function checkListSection(section: FormListSection, body: FormBody, path: string, add: AddProblem): void {
  checkColumns(section.columns, `${path}.columns`, add);
  if (section.header) checkHeader(section.columns, section.header, path, add);
  const keys = new Set(section.columns.map((c) => c.key));
  for (const k of section.mergeColumns ?? []) if (!keys.has(k)) add(`${path}.mergeColumns`, `合并列 ${k} 不是本列表的列`);
  (section.defaultRows ?? []).forEach((row, i) => {
    for (const k of Object.keys(row)) if (!keys.has(k)) add(`${path}.defaultRows[${i}]`, `预置行引用了不存在的列 ${k}`);
  });
  if (section.indicatorStyle !== undefined && !keys.has('value')) add(`${path}.indicatorStyle`, '指标列表必须有 value（指标值）列');
  if (body.printAs === 'outline') return;
  const visible = section.columns.filter((c) => !c.hidden).length;
  if (section.columnSpans) {
    if (section.columnSpans.length !== visible) add(`${path}.columnSpans`, `columnSpans 有 ${section.columnSpans.length} 项，应与可见列数 ${visible} 相同`);
    const width = section.columnSpans.reduce((a, b) => a + b, 0);
    if (width !== body.gridColumns) add(`${path}.columnSpans`, `列表共占 ${width} 列，应为表格宽度 ${body.gridColumns} 列`);
  } else if (visible !== body.gridColumns) {
    add(`${path}.columns`, `列表有 ${visible} 个可见列，与表格宽度 ${body.gridColumns} 列不符（可用 columnSpans）`);
  }
}

function checkFormBody(t: TableDef, body: FormBody, path: string, add: AddProblem): void {
  if (t.columns.length > 0 || t.header.length > 0) add(path, '表单类表格的 columns 和 header 应为空，单元格由 body.sections 定义');
  if (body.repeatFor !== undefined && !(formCollections as readonly string[]).includes(body.repeatFor)) {
    add(`${path}.repeatFor`, `未知的重复对象“${body.repeatFor}”，可用：${list(formCollections)}`);
  }
  const seen = new Set<string>();
  for (const f of formFields(body)) {
    if (!KEY_PATTERN.test(f)) add(path, `字段名“${f}”只能由字母、数字和下划线组成，且以字母开头`);
    if (seen.has(f)) add(path, `字段 ${f} 重复`);
    seen.add(f);
  }
  body.sections.forEach((section, s) => {
    const at = `${path}.sections[${s}]`;
    if (section.kind === 'list') {
      checkListSection(section, body, at, add);
      return;
    }
    checkCellsTiling(section.rows, body.gridColumns, at, add);
    section.rows.forEach((row, r) =>
      row.forEach((cell, i) => {
        const cellAt = `${at}.rows[${r}][${i}]`;
        if (cell.field === undefined) {
          for (const k of ['fact', 'defaultValue', 'suffix', 'type'] as const) {
            if (cell[k] !== undefined) add(cellAt, `没有 field 的单元格不能设置 ${k}`);
          }
        }
        if (cell.fact) {
          if (cell.type !== undefined && !isNumericType(cell.type)) add(cellAt, `取数字段 ${cell.field ?? ''} 应为数值类型`);
          checkFact(cell.fact, `${cellAt}.fact`, add);
        }
      }),
    );
  });
}

function textsWithPlaceholders(t: TableDef): { path: string; text: string }[] {
  const texts: { path: string; text: string }[] = [{ path: 'title', text: t.title }];
  if (t.shortTitle) texts.push({ path: 'shortTitle', text: t.shortTitle });
  if (t.unitLine) texts.push({ path: 'unitLine', text: t.unitLine });
  if (t.emptyNote) texts.push({ path: 'emptyNote', text: t.emptyNote });
  (t.notes ?? []).forEach((text, i) => texts.push({ path: `notes[${i}]`, text }));
  (t.aliases ?? []).forEach((text, i) => texts.push({ path: `aliases[${i}]`, text }));
  if (t.body.kind === 'free' || t.body.kind === 'derived') {
    if (t.body.total) texts.push({ path: 'body.total.label', text: t.body.total.label });
  }
  if (t.body.kind === 'form') {
    t.body.sections.forEach((section, s) => {
      if (section.kind !== 'cells') return;
      section.rows.forEach((row, r) =>
        row.forEach((cell, i) => {
          if (cell.text) texts.push({ path: `body.sections[${s}].rows[${r}][${i}].text`, text: cell.text });
          if (cell.defaultValue) texts.push({ path: `body.sections[${s}].rows[${r}][${i}].defaultValue`, text: cell.defaultValue });
        }),
      );
    });
  }
  return texts;
}

function checkPlaceholders(t: TableDef, path: string, add: AddProblem): void {
  const allowed = new Set<string>(placeholderNames);
  if (t.body.kind === 'form' && t.body.repeatFor !== undefined) {
    for (const name of repeatPlaceholderNames) allowed.add(name);
    for (const f of formFields(t.body)) allowed.add(`item.${f}`);
  }
  for (const { path: p, text } of textsWithPlaceholders(t)) {
    for (const m of text.matchAll(/\{([^{}]*)\}/g)) {
      if (!allowed.has(m[1]!)) add(`${path}.${p}`, `未知的占位符 {${m[1]}}，可用：${list([...allowed].map((n) => `{${n}}`))}`);
    }
  }
}

/** Normalises a title for recognition: no spaces, no year prefix, one kind of quotes and dashes. */
export function normaliseTitle(title: string): string {
  return title
    .replace(/\s+/g, '')
    .replace(/^(\{year\}|\d{4})年(度)?/, '')
    .replace(/[“”"‘’']/g, '"')
    .replace(/[－—–-]/g, '-');
}

/** Project-following columns need exactly one hidden link column; the amount follows into a money column. */
function checkProjectLink(columns: readonly ColumnDef[], path: string, add: AddProblem): void {
  const links = columns.filter((c) => c.fromProject === 'link');
  const follows = columns.filter((c) => c.fromProject !== undefined && c.fromProject !== 'link');
  if (links.length > 1) add(path, `只能有一个关联项目的列（fromProject: link），现有 ${links.length} 个`);
  if (links.some((c) => !c.hidden)) add(path, '关联项目的列保存项目的内部编号，应设为 hidden');
  if (follows.length > 0 && links.length === 0) add(path, `列 ${list(follows.map((c) => c.key))} 跟随预算项目，但表中没有关联项目的列（fromProject: link）`);
  for (const c of follows) if (c.fromProject === 'amount' && c.type !== 'money') add(path, `列 ${c.key} 跟随项目金额，应为 money 类型`);
}

function checkTable(t: TableDef, path: string, add: AddProblem): void {
  checkColumns(t.columns, `${path}.columns`, add);
  checkProjectLink(t.columns, `${path}.columns`, add);
  if (t.body.kind !== 'form') {
    if (t.columns.length === 0) add(`${path}.columns`, '表格没有列');
    checkHeader(t.columns, t.header, path, add);
  }
  if (t.blankRows !== undefined && t.body.kind !== 'derived') add(`${path}.blankRows`, '只有由数据生成行的表（derived）才能在空表时打印空白行');
  if (t.blankRows !== undefined && t.emptyNote === undefined) add(`${path}.blankRows`, '空表打印空白行时应有空表说明（emptyNote）');
  if (t.numberRow) {
    const visible = t.columns.filter((c) => !c.hidden).length;
    if (t.numberRow.length !== visible) add(`${path}.numberRow`, `栏次行有 ${t.numberRow.length} 格，应与可见列数 ${visible} 相同`);
  }
  const body = t.body;
  switch (body.kind) {
    case 'free':
      checkTotal(body.total, t.columns, `${path}.body.total`, add);
      break;
    case 'fixed':
      checkFixedBody(t, body, `${path}.body`, add);
      break;
    case 'derived':
      checkDerivedBody(t, body, `${path}.body`, add);
      break;
    case 'form':
      checkFormBody(t, body, `${path}.body`, add);
      break;
  }
  checkPlaceholders(t, path, add);
}

/**
 * Everything zod's shape check cannot see: header ↔ column agreement, references between rows, columns
 * and fields, the fact vocabulary, form tiling, placeholders. An empty list means the set is usable.
 */
export function validateTableSet(set: TableSet): TableSetProblem[] {
  const problems: TableSetProblem[] = [];
  const ids = new Map<string, number>();
  const titles = new Map<string, string>();
  set.tables.forEach((t, i) => {
    const path = `tables[${i}](${t.id})`;
    const add: AddProblem = (p, message) => problems.push({ path: p, message: `表“${t.number ? `${t.number} ` : ''}${t.shortTitle ?? t.title}”：${message}` });
    if (ids.has(t.id)) add(`${path}.id`, `表编号 ${t.id} 与第 ${ids.get(t.id)! + 1} 张表重复`);
    ids.set(t.id, i);
    for (const name of new Set([t.title, ...(t.aliases ?? [])].map(normaliseTitle))) {
      const other = titles.get(name);
      if (other !== undefined && other !== t.id) add(`${path}.aliases`, `标题“${name}”同时属于表 ${other}，导入时无法区分`);
      titles.set(name, t.id);
    }
    checkTable(t, path, add);
  });
  checkCodeLists(set, (path, message) => problems.push({ path, message }));
  if (set.narrative) {
    const add: AddProblem = (p, message) => problems.push({ path: p, message });
    problems.push(...narrativeProblems(set.narrative, (q, at) => checkFact(q, at, add)));
  }
  return problems;
}

/** A set's code lists: each code once, roles only on 经济分类 款 and only the vocabulary's, each role on some code. */
function checkCodeLists(set: TableSet, add: AddProblem): void {
  const roles = new Set<string>(factDimensions.econRole.values.map((v) => v.value));
  for (const [kind, entries] of Object.entries(set.codeLists ?? {})) {
    const seen = new Map<string, number>();
    entries.forEach((e, i) => {
      const at = `codeLists.${kind}[${i}]`;
      if (seen.has(e.code)) add(`${at}.code`, `科目 ${e.code} 与第 ${seen.get(e.code)! + 1} 项重复`);
      seen.set(e.code, i);
      if (e.role === undefined) return;
      if (kind !== 'econDept') add(`${at}.role`, '只有部门预算支出经济分类科目（econDept）可以指定用途（role）');
      else if (!roles.has(e.role)) add(`${at}.role`, `未知的用途“${e.role}”，可用：${list([...roles])}`);
      else if (e.code.length !== 5) add(`${at}.role`, `用途应指定在经济分类的款（5 位）上，${e.code} 不是款`);
    });
  }
}

/** zod's issues as problems: in Chinese, each with the JSON path of the value (an unknown key's own path). */
function shapeProblems(error: z.ZodError): TableSetProblem[] {
  return error.issues.flatMap((issue) => {
    const at = jsonPath(issue.path);
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: jsonPath([...issue.path, key]), message: `格式错误：未知的字段“${key}”（拼写错误，或本版本不支持此字段）` }));
    }
    return [{ path: at, message: `格式错误：${issue.message}` }];
  });
}

/** 'tables[3].columns[0].type': the path as a JSON editor shows it. */
export function jsonPath(parts: readonly PropertyKey[]): string {
  let out = '';
  for (const p of parts) out += typeof p === 'number' ? `[${p}]` : out === '' ? String(p) : `.${String(p)}`;
  return out;
}

const zhCN = z.locales.zhCN();

/** Shape check of a set file (before its `extends` is merged). */
export function checkTableSetShape(raw: unknown): { doc: TableSetFile | null; problems: TableSetProblem[] } {
  const parsed = tableSetFileSchema.safeParse(raw, { error: zhCN.localeError });
  return parsed.success ? { doc: parsed.data, problems: [] } : { doc: null, problems: shapeProblems(parsed.error) };
}

/** Shape check plus validateTableSet() for a whole set (a set file with its `extends` merged). */
export function checkTableSet(raw: unknown): { set: TableSet | null; problems: TableSetProblem[] } {
  const parsed = tableSetSchema.safeParse(raw, { error: zhCN.localeError });
  if (!parsed.success) return { set: null, problems: shapeProblems(parsed.error) };
  return { set: parsed.data, problems: validateTableSet(parsed.data) };
}

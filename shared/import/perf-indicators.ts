import { indicatorCells, parseIndicatorValue, squeezeText } from '../perf/indicator.js';
import { level1Of, level2KindOf, level2Label, normaliseLevel1, type Level1, type Level2Kind } from '../perf/tree.js';
import { squash } from './normalize.js';
import type { SourceCell, SourceRow } from './source.js';

/**
 * 绩效指标 as offices print them, read into the rows the perf-indicators store holds (the same cells a
 * clerk's paste produces: 一级 normalised, 指标值 split into 指标性质 / 限定 / 指标值 / 计量单位, the
 * printed text kept in `original`). Two shapes: an indicator grid (一级指标 | 二级指标 | 三级指标 | … |
 * 指标值 | 指标值确定依据) and a 支出方向 table's one-cell-per-kind texts ("每月召开党组会不少于1次").
 */

export interface ImportedIndicator {
  level1: Level1;
  level2: string;
  name: string;
  desc: string;
  op: string;
  prefix: string;
  value: string;
  unit: string;
  basis: string;
  /** 指标值 as printed (line breaks and all). */
  original: string;
  weight?: string;
  direction?: string;
  periodValue?: string;
}

/** Header texts of an indicator grid and the perf-indicators column each heads. */
const GRID_HEADERS: Record<string, keyof ImportedIndicator | 'opText' | 'unitText'> = {
  一级指标: 'level1',
  二级指标: 'level2',
  三级指标: 'name',
  绩效指标描述: 'desc',
  指标描述: 'desc',
  指标解释: 'desc',
  指标值: 'value',
  年度指标值: 'value',
  指标值确定依据: 'basis',
  确定依据: 'basis',
  指标性质: 'opText',
  计量单位: 'unitText',
  度量单位: 'unitText',
  权重: 'weight',
  分值: 'weight',
  指标方向: 'direction',
  实施期指标值: 'periodValue',
};

export type GridColumns = { key: keyof ImportedIndicator | 'opText' | 'unitText'; from: number; to: number }[];

/** The grid columns when `row` is an indicator grid's header row (it names 一级 and 三级指标), else null. */
export function gridHeader(row: SourceRow): GridColumns | null {
  const out: GridColumns = [];
  for (const cell of row.cells) {
    const key = GRID_HEADERS[squash(cell.text)];
    if (key) out.push({ key, from: cell.col, to: cell.col + cell.colSpan });
  }
  const keys = new Set(out.map((c) => c.key));
  return keys.has('level1') && keys.has('name') && keys.has('value') ? out : null;
}

/** The row's cells under each grid column (a cell belongs to the column its first grid column falls in). */
function cellsUnder(columns: GridColumns, row: SourceRow): { values: Partial<Record<GridColumns[number]['key'], string>>; used: SourceCell[] } {
  const values: Partial<Record<GridColumns[number]['key'], string>> = {};
  const used: SourceCell[] = [];
  for (const cell of row.cells) {
    if (cell.text.trim() === '') continue;
    const column = columns.find((c) => cell.col >= c.from && cell.col < c.to);
    if (!column) continue;
    values[column.key] = values[column.key] === undefined ? cell.text : `${values[column.key]}\n${cell.text}`;
    used.push(cell);
  }
  return { values, used };
}

export interface GridState {
  level1?: Level1;
  level2: string;
}

export type GridRowResult =
  | { kind: 'indicator'; indicator: ImportedIndicator; used: SourceCell[] }
  | { kind: 'level'; used: SourceCell[] }
  /** A row with neither 三级指标 nor 指标值 but other texts: the row above went on past a page break. */
  | { kind: 'more'; fields: Partial<Record<'name' | 'desc' | 'basis', string>>; used: SourceCell[] }
  | { kind: 'blank' }
  | { kind: 'foreign'; reason: string; used: SourceCell[] };

/**
 * One body row of an indicator grid. 一级/二级 left blank (or merged away) carry on from the row above,
 * as the printed merges mean; a row naming only 一级/二级 just moves them on.
 */
export function gridRow(columns: GridColumns, row: SourceRow, state: GridState): GridRowResult {
  const { values, used } = cellsUnder(columns, row);
  if (used.length === 0) return { kind: 'blank' };
  const typed1 = squeezeText(values.level1 ?? '');
  if (typed1 !== '') {
    const level1 = normaliseLevel1(typed1);
    if (!level1) return { kind: 'foreign', reason: `一级指标“${typed1}”不是产出指标、效益指标（效果指标）或满意度指标`, used };
    state.level1 = level1;
    state.level2 = '';
  }
  if (values.level2 !== undefined && squeezeText(values.level2) !== '') state.level2 = squeezeText(values.level2);
  const name = squeezeText(values.name ?? '');
  const valueText = values.value ?? '';
  // Only a 三级指标 and nothing else, not even its 二级: the name of the row above, broken over a page
  // ("办理交通" / "案件" in seed 004), whose row already has its value.
  const onlyName = name !== '' && squeezeText(valueText) === '' && typed1 === '' && values.level2 === undefined && values.desc === undefined && values.basis === undefined;
  if (onlyName) return { kind: 'more', fields: { name }, used };
  if (name === '' && squeezeText(valueText) === '') {
    const fields: Partial<Record<'name' | 'desc' | 'basis', string>> = {};
    if (values.desc !== undefined) fields.desc = squeezeText(values.desc);
    if (values.basis !== undefined) fields.basis = squeezeText(values.basis);
    return Object.keys(fields).length > 0 && typed1 === '' ? { kind: 'more', fields, used } : { kind: 'level', used };
  }
  if (!state.level1) return { kind: 'foreign', reason: '指标行前没有一级指标', used };
  const op = squeezeText(values.opText ?? '');
  const typed = `${op === '定性' ? '' : op}${valueText}${values.unitText ? squeezeText(values.unitText) : ''}`;
  const parts = indicatorCells(parseIndicatorValue(op === '' && !values.unitText ? valueText : typed));
  const indicator: ImportedIndicator = {
    level1: state.level1,
    level2: state.level2,
    name,
    desc: squeezeText(values.desc ?? ''),
    ...parts,
    original: valueText,
    basis: squeezeText(values.basis ?? ''),
  };
  for (const key of ['weight', 'direction', 'periodValue'] as const) if (values[key] !== undefined) indicator[key] = squeezeText(values[key]);
  return { kind: 'indicator', indicator, used };
}

/** "满意度达到100%", "开展宣传不少于5次", "短信10000条": a name, then a figure at the end. */
const NAMED_FIGURE = /^(.*?[^\d\s.,≥≤=><])\s*((?:达到|为|是)?\s*(?:[≥≤=><]|>=|<=|不少于|不低于|不超过|不高于|大于|小于|高于|低于)?\s*\d[\d,]*(?:\.\d+)?\s*[^\d\s，。；,;（）()]{0,6})$/;
/** 达到 reads as at least: 满意度达到90% is met by 95%. */
const REACHES = /^(?:达到|为|是)\s*/;

/** A note in brackets after the figure: 10人（区机关8人，教育2人）. */
const NOTE = /[（(][^（）()]*[）)]$/;

function textIndicator(kind: Level2Kind, part: string): ImportedIndicator {
  const whole = squeezeText(part);
  const text = whole.replace(NOTE, '') || whole;
  const m = NAMED_FIGURE.exec(text.normalize('NFKC'));
  let name = text;
  let figure = '';
  if (m && /\d/.test(m[2]!)) {
    name = squeezeText(m[1]!);
    figure = REACHES.test(m[2]!) ? m[2]!.replace(REACHES, '≥') : m[2]!;
  } else if (['number', 'date'].includes(parseIndicatorValue(text).kind)) {
    // A bare figure or date ("89744人", "2019年底完成") is both the indicator and its value.
    name = whole;
    figure = text;
  }
  const parts = figure === '' ? { op: '定性', prefix: '', value: '', unit: '' } : indicatorCells(parseIndicatorValue(figure));
  return { level1: level1Of(kind), level2: level2Label(kind), name, desc: '', ...parts, original: part, basis: '' };
}

/** Splits at commas outside brackets: "10人（区机关8人，教育2人）" is one part. */
function splitCommas(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i]!;
    if ('（(【['.includes(ch)) depth += 1;
    else if ('）)】]'.includes(ch)) depth = Math.max(0, depth - 1);
    else if ((ch === '，' || ch === ',') && depth === 0) {
      out.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(text.slice(start).trim());
  return out.filter((p) => p !== '');
}

/**
 * The indicators of one 支出方向 cell (a kind's column): one per line or ；-separated part, and one per
 * comma-separated part only where every part states a figure ("短信10000条，通话时长20000分钟"); a
 * qualitative sentence with commas stays one indicator.
 */
export function indicatorsOfText(level2: string, text: string): ImportedIndicator[] {
  const kind = level2KindOf(level2);
  if (!kind || text.trim() === '') return [];
  // Lines are indicators of their own only when each is complete (states a figure or ends a sentence);
  // a line break inside a phrase ("提高综合协调⏎服务水平") is Word's wrapping typed by hand.
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  const complete = (l: string): boolean => /[。；;.]$/.test(l) || NAMED_FIGURE.test(squeezeText(l).normalize('NFKC')) || ['number', 'date'].includes(parseIndicatorValue(l).kind);
  const joined = lines.every(complete) ? lines.join('\n') : squeezeText(lines.join(''));
  const parts = joined
    .split(/[\n；;]+/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const out: ImportedIndicator[] = [];
  for (const part of parts) {
    const commas = splitCommas(part);
    const figures = commas.length > 1 && commas.every((c) => NAMED_FIGURE.test(squeezeText(c).normalize('NFKC')));
    for (const piece of figures ? commas : [part]) out.push(textIndicator(kind, piece));
  }
  return out;
}

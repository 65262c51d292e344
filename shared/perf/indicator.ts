/**
 * 指标值 as clerks paste them (`≥90比率`, `≤7工作日`, `10人数`, `≧95%`, `2023 年 12\n月 31 日`, `支出不超出预算`)
 * split into 指标性质 / 指标值 / 计量单位, or kept as qualitative text, and printed back in a layout's
 * style. The pasted text is always kept beside the parts (`original`) so nothing the clerk wrote is lost.
 */

export const indicatorOps = ['≥', '≤', '=', '>', '<', '定性'] as const;
export type IndicatorOp = (typeof indicatorOps)[number];

/**
 * How a layout prints 指标值: 'hebei' as the 河北 system exports it (≥90比率, 10人数: the unit words
 * 比率/人数/次数/天数); 'ascii' with >= and <= (2023 区级 tables: >=95%); 'symbol' with ≥ and ≤ (≥95%).
 */
export const indicatorStyles = ['hebei', 'ascii', 'symbol'] as const;
export type IndicatorStyle = (typeof indicatorStyles)[number];

export interface ParsedIndicator {
  /** number: op/value/unit; date: a 时效 date such as 2023年12月31日; text: qualitative; empty: nothing typed. */
  kind: 'number' | 'date' | 'text' | 'empty';
  op: IndicatorOp;
  /** number kind: the digits as typed, without spaces or thousands separators ('90', '1125.81', '4.0'). */
  value?: string;
  /** number kind: the unit as typed ('比率', '%', '万元/人/年'); '' when none was given. */
  unit?: string;
  /** number kind: a qualifier before the number (每年≥90% → 每年). */
  prefix?: string;
  /** date and text kinds: the text without the line breaks and spaces Word scatters through it. */
  text?: string;
  /** date kind: the year it names, for stale-year checks. */
  year?: number;
  original: string;
}

/** The parts a printer needs; stored rows (perf-indicators) provide exactly these. */
export interface IndicatorParts {
  op: IndicatorOp;
  value?: string;
  unit?: string;
  prefix?: string;
  text?: string;
}

const ASCII_WORD = /[A-Za-z0-9]/;

/**
 * Removes the whitespace Word and PDF copies put inside Chinese text ("2023 年 12\n月"), keeping one
 * space between two Latin words or numbers ("Windows 10") where it carries meaning.
 */
export function squeezeText(text: string): string {
  const trimmed = text.replace(/[\s\u00a0\u3000]+/g, ' ').trim();
  return trimmed.replace(/ /g, (_space, offset: number, whole: string) => {
    const before = whole[offset - 1] ?? '';
    const after = whole[offset + 1] ?? '';
    return ASCII_WORD.test(before) && ASCII_WORD.test(after) ? ' ' : '';
  });
}

/** Symbol variants clerks' input methods produce, in the order they must be replaced. */
const OP_GLYPHS: [RegExp, string][] = [
  [/≥=|>=|=>|[≧⩾]/g, '≥'],
  [/≤=|<=|=<|[≦⩽]/g, '≤'],
];

const WORD_OPS: [string, IndicatorOp][] = [
  ['大于或等于', '≥'],
  ['大于等于', '≥'],
  ['不少于', '≥'],
  ['不低于', '≥'],
  ['不小于', '≥'],
  ['至少', '≥'],
  ['小于或等于', '≤'],
  ['小于等于', '≤'],
  ['不超过', '≤'],
  ['不高于', '≤'],
  ['不多于', '≤'],
  ['不大于', '≤'],
  ['至多', '≤'],
  ['大于', '>'],
  ['高于', '>'],
  ['超过', '>'],
  ['小于', '<'],
  ['低于', '<'],
  ['等于', '='],
];

const PREFIXES = ['平均每年', '每年', '年均', '每月', '月均', '每季度', '人均', '人平', '生均', '户均', '平均', '标准', '约', '共计', '累计', '全年'];

const SUFFIX_OPS: [string, IndicatorOp][] = [
  ['及以上', '≥'],
  ['以上', '≥'],
  ['及以下', '≤'],
  ['以下', '≤'],
  ['以内', '≤'],
];

const NUMBER = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?/;
/** A unit: short, no digits, no sentence punctuation (those make it a sentence, i.e. qualitative text). */
const UNIT = /^[^\d\s，。；：、,;:！？!?“”"（）()]{0,8}$/;

const DATE =
  /^((?:19|20)\d{2})(?:年度?(?:(\d{1,2})月份?(?:(\d{1,2})[日号])?)?|[./-](\d{1,2})(?:[./-](\d{1,2}))?)(?:年)?(?:底|末|初|中|内)?(?:前|之前|以前)?(?:完成|完工|发放|拨付|到位|结束)?$/;

/** Half-width digits, signs and operators for recognising numbers; qualitative text keeps its own glyphs. */
function forMatching(text: string): string {
  let t = text.normalize('NFKC');
  for (const [pattern, op] of OP_GLYPHS) t = t.replace(pattern, op);
  return t;
}

function stripStart<T>(text: string, table: readonly [string, T][]): { rest: string; hit?: T } {
  for (const [word, value] of table) if (text.startsWith(word)) return { rest: text.slice(word.length), hit: value };
  return { rest: text };
}

function parseNumber(t: string): Omit<ParsedIndicator, 'original'> | undefined {
  let rest = t;
  let prefix = '';
  const p = PREFIXES.find((w) => rest.startsWith(w));
  if (p) {
    prefix = p;
    rest = rest.slice(p.length);
  }
  let op: IndicatorOp | undefined;
  const symbol = /^[≥≤=><]/.exec(rest);
  if (symbol) {
    op = symbol[0] as IndicatorOp;
    rest = rest.slice(1);
  } else {
    const word = stripStart(rest, WORD_OPS);
    op = word.hit;
    rest = word.rest;
  }
  const num = NUMBER.exec(rest);
  if (!num) return undefined;
  let unit = rest.slice(num[0].length);
  for (const [word, suffixOp] of SUFFIX_OPS) {
    if (unit.endsWith(word) && op === undefined) {
      op = suffixOp;
      unit = unit.slice(0, -word.length);
      break;
    }
  }
  if (!UNIT.test(unit)) return undefined;
  const value = num[0].replace(/,/g, '').replace(/^\+/, '');
  // "2023年度实际发生额" is a phrase about a year, not 2023 of some unit.
  if (/^(?:19|20)\d{2}$/.test(value) && unit.startsWith('年')) return undefined;
  const out: Omit<ParsedIndicator, 'original'> = { kind: 'number', op: op ?? '=', value, unit };
  if (prefix) out.prefix = prefix;
  return out;
}

/** Splits a pasted 指标值 into its parts; never fails (what is not a number or a date is qualitative text). */
export function parseIndicatorValue(original: string): ParsedIndicator {
  const text = squeezeText(original);
  if (text === '') return { kind: 'empty', op: '定性', text: '', original };
  const t = forMatching(text);
  const date = DATE.exec(t);
  if (date) return { kind: 'date', op: '定性', text, year: Number(date[1]), original };
  const number = parseNumber(t);
  if (number) return { ...number, original };
  return { kind: 'text', op: '定性', text, original };
}

const HEBEI_UNITS: Record<string, string> = { '%': '比率', 人: '人数', 次: '次数', 天: '天数' };
const PLAIN_UNITS: Record<string, string> = { 比率: '%', 百分比: '%', 人数: '人', 次数: '次', 天数: '天' };

/** The unit lint rules compare: 比率 and % are one unit, 人数 and 人 another. */
export function canonicalUnit(unit: string | undefined): string {
  const u = squeezeText(unit ?? '').normalize('NFKC');
  return PLAIN_UNITS[u] ?? u;
}

function opText(op: IndicatorOp, style: IndicatorStyle): string {
  if (op === '=' || op === '定性') return '';
  if (style === 'ascii') return op === '≥' ? '>=' : op === '≤' ? '<=' : op;
  return op;
}

/** 指标值 as the layout prints it: ≥90比率 (hebei), >=90% (ascii), ≥90% (symbol); text as written. */
export function printIndicator(parts: IndicatorParts | ParsedIndicator, style: IndicatorStyle): string {
  if (parts.op === '定性' || parts.value === undefined || parts.value === '') {
    return squeezeText(parts.text ?? parts.value ?? '');
  }
  const unit = canonicalUnit(parts.unit);
  const shown = style === 'hebei' ? (HEBEI_UNITS[unit] ?? unit) : unit;
  return `${parts.prefix ?? ''}${opText(parts.op, style)}${parts.value}${shown}`;
}

/** The stored cells of a perf-indicators row for a pasted 指标值 (columns op, prefix, value, unit, original). */
export function indicatorCells(parsed: ParsedIndicator): { op: IndicatorOp; prefix: string; value: string; unit: string; original: string } {
  if (parsed.kind === 'number') {
    return { op: parsed.op, prefix: parsed.prefix ?? '', value: parsed.value!, unit: parsed.unit ?? '', original: parsed.original };
  }
  return { op: '定性', prefix: '', value: parsed.text ?? '', unit: '', original: parsed.original };
}

/** Reads a stored row back as a parse result, so rules see typed and pasted indicators alike. */
export function indicatorFromCells(cells: Readonly<Record<string, string | undefined>>): ParsedIndicator {
  const op = (indicatorOps as readonly string[]).includes(cells.op ?? '') ? (cells.op as IndicatorOp) : undefined;
  const value = cells.value ?? '';
  const original = cells.original ?? value;
  if (op === undefined || op === '定性') {
    // A clerk may type "≥90%" straight into the value cell of the grid: read it as if pasted.
    const reread = parseIndicatorValue(value);
    return { ...reread, original };
  }
  const parsed = parseIndicatorValue(`${cells.prefix ?? ''}${op}${value}${cells.unit ?? ''}`);
  if (parsed.kind === 'number') return { ...parsed, original };
  // Parts that do not read as a number (value "全部" with op ≥) stay visible as text.
  return { kind: 'text', op: '定性', text: squeezeText(`${op === '=' ? '' : op}${value}${cells.unit ?? ''}`), original };
}

/** Dates and years are not quantities: "2023年度实际发生额" states no amount, "短信10000条" does. */
export function statesQuantity(text: string): boolean {
  const withoutDates = text
    .normalize('NFKC')
    .replace(/(?:19|20)\d{2}\s*(?:年度?|[./-])/g, '')
    .replace(/\d{1,2}\s*月(?:份|底|末)?/g, '')
    .replace(/\d{1,2}\s*[日号]/g, '');
  return /\d/.test(withoutDates);
}

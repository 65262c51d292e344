import Decimal from 'decimal.js';
import type { MoneyUnit } from '../tables/schema.js';

/** All money is exact decimal; floats never touch it. Storage unit is 元. */
const D = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -30, toExpPos: 40 });
export { D as Dec };
export type Dec = Decimal;

const UNIT_FACTOR: Record<MoneyUnit, Decimal> = { 元: new D(1), 万元: new D(10000) };
const MAX_INPUT_LENGTH = 40;
const MAX_INTEGER_DIGITS = 16;

const FULLWIDTH = /[\uFF10-\uFF19\uFF0E\uFF0C\uFF0D\uFF0B\u3002]/g;
function toHalfWidth(text: string): string {
  return text.replace(FULLWIDTH, (ch) => {
    const code = ch.charCodeAt(0);
    if (code >= 0xff10 && code <= 0xff19) return String.fromCharCode(code - 0xff10 + 48);
    return { '．': '.', '，': ',', '－': '-', '＋': '+', '。': '.' }[ch] ?? ch;
  });
}

export type ParseResult = { ok: true; value: string | null } | { ok: false; reason: 'not-a-number' | 'too-long' | 'too-large' };

/**
 * Parses what a clerk types or pastes into a number cell. Accepts thousands separators, full-width
 * digits, a leading ￥/¥ and a trailing 元/万元 (converted exactly). Returns a canonical decimal string
 * in the storage unit, or null for an empty cell ('' and the dash Excel uses for zero/none).
 */
export function parseNumberText(text: string, opts: { money: boolean; unit: MoneyUnit }): ParseResult {
  let t = toHalfWidth(text).replace(/[\s\u00a0\u3000]/g, '');
  if (t === '' || /^[-—–]$/.test(t)) return { ok: true, value: null };
  if (t.length > MAX_INPUT_LENGTH) return { ok: false, reason: 'too-long' };
  let unit = opts.unit;
  if (opts.money) {
    t = t.replace(/^[￥¥]/, '');
    const suffix = /(万元|元)$/.exec(t);
    if (suffix) {
      unit = suffix[1] as MoneyUnit;
      t = t.slice(0, -suffix[1]!.length);
    }
  }
  let negative = false;
  const paren = /^\((.*)\)$/.exec(t);
  if (paren) {
    negative = true;
    t = paren[1]!;
  }
  // Thousands separators only in their proper places, so "1,2" is refused rather than read as 12.
  if (t.includes(',')) {
    if (!/^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$/.test(t)) return { ok: false, reason: 'not-a-number' };
    t = t.replace(/,/g, '');
  }
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(t)) return { ok: false, reason: 'not-a-number' };
  let value = new D(t);
  if (negative) value = value.neg();
  if (opts.money) value = value.mul(UNIT_FACTOR[unit]);
  if (value.abs().gte(new D(10).pow(MAX_INTEGER_DIGITS))) return { ok: false, reason: 'too-large' };
  return { ok: true, value: canonical(value) };
}

/** Canonical text of an exact value: plain notation, no trailing zeros, no "-0". */
export function canonical(value: Decimal): string {
  if (value.isZero()) return '0';
  return value.toFixed();
}

export function dec(value: string | null | undefined): Decimal {
  return value === null || value === undefined || value === '' ? new D(0) : new D(value);
}

export function sumValues(values: Iterable<string | null | undefined>): Decimal {
  let total = new D(0);
  for (const v of values) if (v !== null && v !== undefined && v !== '') total = total.add(v);
  return total;
}

/** Converts a stored 元 value to the display unit, exactly. */
export function toUnit(value: string | Decimal, unit: MoneyUnit): Decimal {
  return new D(value).div(UNIT_FACTOR[unit]);
}

/** Display text: fixed decimals with thousands separators; the stored value is never changed. */
export function formatNumber(value: Decimal, decimals = 2, grouping = true): string {
  const fixed = value.toFixed(decimals);
  if (!grouping) return fixed === `-${(0).toFixed(decimals)}` ? fixed.slice(1) : fixed;
  const negative = fixed.startsWith('-');
  const [int, frac] = (negative ? fixed.slice(1) : fixed).split('.');
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const text = frac === undefined ? grouped : `${grouped}.${frac}`;
  const isZero = /^[0.,]+$/.test(text);
  return negative && !isZero ? `-${text}` : text;
}

export function formatMoney(value元: string | null | undefined, unit: MoneyUnit, decimals = 2): string {
  if (value元 === null || value元 === undefined || value元 === '') return '';
  return formatNumber(toUnit(value元, unit), decimals);
}

/** The exact value in the display unit, for an editor: nothing hidden by rounding. */
export function editText(value元: string | null | undefined, unit: MoneyUnit): string {
  if (value元 === null || value元 === undefined || value元 === '') return '';
  return canonical(toUnit(value元, unit));
}

import { describe, expect, it } from 'vitest';
import { canonical, Dec, editText, formatMoney, formatNumber, parseNumberText, sumValues, toUnit } from '../../shared/money/decimal.js';
import type { MoneyUnit } from '../../shared/tables/schema.js';

const yuan = { money: true, unit: '元' as MoneyUnit };
const wan = { money: true, unit: '万元' as MoneyUnit };
const plain = { money: false, unit: '元' as MoneyUnit };

/** The stored value, or a failure naming the reason. */
function parsed(text: string, opts = yuan): string | null {
  const r = parseNumberText(text, opts);
  if (!r.ok) throw new Error(`refused "${text}": ${r.reason}`);
  return r.value;
}
function refused(text: string, opts = yuan): string {
  const r = parseNumberText(text, opts);
  if (r.ok) throw new Error(`accepted "${text}" as ${String(r.value)}`);
  return r.reason;
}

describe('parseNumberText', () => {
  it('reads plain numbers into canonical text', () => {
    expect(parsed('12')).toBe('12');
    expect(parsed('12.50')).toBe('12.5');
    expect(parsed('0012.000')).toBe('12');
    expect(parsed('.5')).toBe('0.5');
    expect(parsed('5.')).toBe('5');
    expect(parsed('+7')).toBe('7');
    expect(parsed('-3.25')).toBe('-3.25');
    expect(parsed('  42 ')).toBe('42');
    expect(parsed('0')).toBe('0');
    expect(parsed('-0')).toBe('0');
    expect(parsed('-0.000')).toBe('0');
  });

  it('accepts thousands separators only where they belong', () => {
    expect(parsed('1,234')).toBe('1234');
    expect(parsed('1,234,567.89')).toBe('1234567.89');
    expect(parsed('-12,345.6')).toBe('-12345.6');
    expect(refused('1,2')).toBe('not-a-number');
    expect(refused('12,34')).toBe('not-a-number');
    expect(refused('1,2345')).toBe('not-a-number');
    expect(refused('1234,567')).toBe('not-a-number');
    expect(refused(',123')).toBe('not-a-number');
    expect(refused('1,234.5,6')).toBe('not-a-number');
  });

  it('reads full-width digits, point, comma and minus', () => {
    expect(parsed('１２３．４')).toBe('123.4');
    expect(parsed('１，２３４')).toBe('1234');
    expect(parsed('－５')).toBe('-5');
    expect(parsed('１２３。５')).toBe('123.5');
    expect(parsed('\u3000８\u3000')).toBe('8');
  });

  it('strips a ￥/¥ prefix', () => {
    expect(parsed('￥1,234.50')).toBe('1234.5');
    expect(parsed('¥8')).toBe('8');
    expect(refused('￥1,234', plain)).toBe('not-a-number');
  });

  it('converts 元/万元 suffixes exactly into 元, in both table units', () => {
    // Table in 元: bare numbers are 元, a 万元 suffix multiplies by 10,000.
    expect(parsed('8', yuan)).toBe('8');
    expect(parsed('8元', yuan)).toBe('8');
    expect(parsed('8万元', yuan)).toBe('80000');
    expect(parsed('1.2345万元', yuan)).toBe('12345');
    // Table in 万元: bare numbers are 万元, a 元 suffix is taken as 元.
    expect(parsed('8', wan)).toBe('80000');
    expect(parsed('8万元', wan)).toBe('80000');
    expect(parsed('80000元', wan)).toBe('80000');
    expect(parsed('0.01元', wan)).toBe('0.01');
    expect(parsed('￥1,234.5万元', wan)).toBe('12345000');
    // A unit on a non-money number is not a number.
    expect(refused('8万元', plain)).toBe('not-a-number');
    expect(refused('8万', wan)).toBe('not-a-number');
  });

  it('reads accounting parentheses as negative', () => {
    expect(parsed('(1,234.5)')).toBe('-1234.5');
    expect(parsed('(5)', wan)).toBe('-50000');
    expect(parsed('(5)万元', yuan)).toBe('-50000');
    expect(parsed('(0)')).toBe('0');
    expect(refused('(-5')).toBe('not-a-number');
    expect(refused('()')).toBe('not-a-number');
  });

  it("treats '', blanks and a lone dash as an empty cell", () => {
    for (const t of ['', '   ', '-', '－', '—', '–', ' - ']) expect(parsed(t)).toBeNull();
    expect(parsed('-', plain)).toBeNull();
  });

  it('refuses text and malformed numbers', () => {
    for (const t of ['abc', '十二', '12a', '1e5', '1E-3', 'Infinity', 'NaN', '0x10', '.', '+', '--5', '1.2.3', '1 2 3 x', '5%', '￥']) {
      expect(refused(t), t).toBe('not-a-number');
    }
  });

  it('refuses input that is too long or too large', () => {
    expect(refused('1'.repeat(41))).toBe('too-long');
    expect(refused(`0.${'1'.repeat(40)}`)).toBe('too-long');
    expect(parsed('9999999999999999')).toBe('9999999999999999');
    expect(refused('10000000000000000')).toBe('too-large');
    expect(refused('-10000000000000000')).toBe('too-large');
    // The limit applies to the stored 元 value: 10^12 万元 = 10^16 元.
    expect(parsed('999999999999.9999', wan)).toBe('9999999999999999');
    expect(refused('1000000000000', wan)).toBe('too-large');
  });

  it('is exact where floats are not', () => {
    expect(parsed('111.6768', wan)).toBe('1116768');
    expect(parsed('111.6768万元', yuan)).toBe('1116768');
    expect(parsed('0.0001', wan)).toBe('1');
    expect(parsed('1.005', wan)).toBe('10050');
    expect(parsed('0.1', wan)).toBe('1000');
    expect(parsed('1234567890123.45')).toBe('1234567890123.45');
    expect(parsed('0.000000001')).toBe('0.000000001');
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(canonical(sumValues(['0.1', '0.2']))).toBe('0.3');
    const many = Array.from({ length: 1000 }, () => parsed('0.01'));
    expect(canonical(sumValues(many))).toBe('10');
    expect(canonical(sumValues(['9999999999999999', '0.01', null, '', undefined]))).toBe('9999999999999999.01');
  });
});

describe('formatNumber / formatMoney', () => {
  it('shows two decimals with thousands grouping', () => {
    expect(formatNumber(new Dec('1234567.891'))).toBe('1,234,567.89');
    expect(formatNumber(new Dec('0'))).toBe('0.00');
    expect(formatNumber(new Dec('12'))).toBe('12.00');
    expect(formatNumber(new Dec('999.999'))).toBe('1,000.00');
    expect(formatNumber(new Dec('1234.5'), 2, false)).toBe('1234.50');
    expect(formatNumber(new Dec('1234.5678'), 4)).toBe('1,234.5678');
    expect(formatNumber(new Dec('1234.5'), 0)).toBe('1,235');
  });

  it('shows negatives and never shows -0', () => {
    expect(formatNumber(new Dec('-1234.5'))).toBe('-1,234.50');
    expect(formatNumber(new Dec('-0'))).toBe('0.00');
    expect(formatNumber(new Dec('-0.001'))).toBe('0.00');
    expect(formatNumber(new Dec('-0.004'), 2, false)).toBe('0.00');
    expect(formatNumber(new Dec('-0.4'), 0)).toBe('0');
    expect(formatMoney('-1', '万元')).toBe('0.00');
    expect(formatMoney('-0', '元')).toBe('0.00');
  });

  it('rounds half up (away from zero), never half-even', () => {
    expect(formatNumber(new Dec('0.005'))).toBe('0.01');
    expect(formatNumber(new Dec('0.015'))).toBe('0.02');
    expect(formatNumber(new Dec('0.025'))).toBe('0.03');
    expect(formatNumber(new Dec('2.675'))).toBe('2.68');
    expect(formatNumber(new Dec('-0.005'))).toBe('-0.01');
    expect(formatNumber(new Dec('0.0049999'))).toBe('0.00');
  });

  it('formats stored 元 in the display unit', () => {
    expect(formatMoney('1116768', '万元')).toBe('111.68');
    expect(formatMoney('1116768', '元')).toBe('1,116,768.00');
    expect(formatMoney('1000000', '万元')).toBe('100.00');
    expect(formatMoney('50', '万元')).toBe('0.01');
    expect(formatMoney('49', '万元')).toBe('0.00');
    expect(formatMoney('-123456789', '万元')).toBe('-12,345.68');
    expect(formatMoney('1116768', '万元', 4)).toBe('111.6768');
    expect(formatMoney(null, '万元')).toBe('');
    expect(formatMoney(undefined, '元')).toBe('');
    expect(formatMoney('', '元')).toBe('');
  });
});

describe('editText / toUnit', () => {
  it('gives the exact value in the display unit, nothing lost to rounding', () => {
    expect(editText('1116768', '万元')).toBe('111.6768');
    expect(editText('1', '万元')).toBe('0.0001');
    expect(editText('0.01', '万元')).toBe('0.000001');
    expect(editText('80000', '万元')).toBe('8');
    expect(editText('1234.5', '元')).toBe('1234.5');
    expect(editText('-50000', '万元')).toBe('-5');
    expect(editText('0', '万元')).toBe('0');
    expect(editText(null, '万元')).toBe('');
    expect(editText('', '元')).toBe('');
  });

  it('round-trips: what the editor shows parses back to the same stored value', () => {
    for (const stored of ['1116768', '1', '0.01', '-987654321.09', '9999999999999999', '0']) {
      for (const unit of ['元', '万元'] as const) {
        expect(parsed(editText(stored, unit), { money: true, unit }), `${stored} in ${unit}`).toBe(stored);
      }
    }
    expect(canonical(toUnit('1116768', '万元'))).toBe('111.6768');
  });
});

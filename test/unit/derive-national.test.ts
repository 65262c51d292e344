import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core.js';
import { Dec } from '../../shared/money/decimal.js';
import type { DerivedTable } from '../../shared/derive/types.js';
import { callOk, makeCore } from '../helpers/core.js';
import { createSeed001Workbook, printed } from '../fixtures/seed001/load.js';

/** The same seed 001 facts through the national 9-table baseline: totals tie and the 勾稽关系 (DOMAIN.md §6 1–8) hold. */

let core: Core;
let file: string;
const tables = new Map<string, DerivedTable>();
const t = (id: string): DerivedTable => tables.get(id)!;

/** Exact value (元) of a cell; '0' for a blank or missing figure. */
function v(table: DerivedTable, rowKey: string, col: string): string {
  const row = table.rows.find((r) => r.key === rowKey);
  if (!row) throw new Error(`${table.tableId}: no row ${rowKey}`);
  return row.cells[col]?.value ?? '0';
}
const sum = (values: string[]): string => values.reduce((a, b) => a.plus(b), new Dec(0)).toFixed();
const dataRows = (table: DerivedTable) => table.rows.filter((r) => r.key !== 'total');

beforeAll(async () => {
  core = makeCore();
  file = await createSeed001Workbook(core, { tableSetId: 'national-9' });
  for (const id of ['szzb', 'srzb', 'zczb', 'czbk-szzb', 'ybgg-zc', 'ybgg-jbzc', 'sgjf', 'zfxjj-zc', 'gyzb-zc']) {
    tables.set(id, await callOk(core, 'workbook.derived', { path: file, tableId: id }));
  }
});
afterAll(() => core.closeAll());

describe('national 9-table baseline with seed 001 facts', () => {
  it('收支总表 = 收入总表 = 支出总表 = 508.93', () => {
    const total = (table: DerivedTable, col: string) => table.rows.find((r) => r.key === 'total')!.cells[col]!;
    expect(total(t('szzb'), 'incomeAmount')).toMatchObject({ text: '508.93', value: '5089253' });
    expect(total(t('szzb'), 'expenseAmount')).toMatchObject({ text: '508.93', value: '5089253' });
    expect(total(t('srzb'), 'total')).toMatchObject({ text: '508.93', value: '5089253' });
    expect(total(t('zczb'), 'total')).toMatchObject({ text: '508.93', value: '5089253' });
  });

  it('prints the tables with the national names and titles', () => {
    expect(t('szzb').title).toBe('2020年部门收支总表');
    expect(printed(t('zczb')).rows).toEqual([
      ['合计', '', '508.93', '448.93', '60.00'],
      ['201', '一般公共服务支出', '508.93', '448.93', '60.00'],
      ['20103', '政府办公厅（室）及相关机构事务', '508.93', '448.93', '60.00'],
      ['2010301', '行政运行', '448.93', '448.93', ''],
      ['2010302', '一般行政管理事务', '60.00', '', '60.00'],
    ]);
    // 表6 lists only 款 with spending, under the 2020 national names (30110 职工基本医疗保险缴费, 302 商品和服务支出).
    const t6 = printed(t('ybgg-jbzc')).rows;
    expect(t6[0]).toEqual(['合计', '', '448.93', '379.89', '69.04']);
    expect(t6.map((r) => r[0])).toEqual(['合计', '301', '30101', '30102', '30103', '30108', '30110', '30111', '30113', '30114', '302', '30201', '30202', '30207', '30211', '30215', '30216', '30217', '30226', '30228', '30229', '30239', '30299', '303', '30302', '30307', '30309']);
    expect(t6.find((r) => r[0] === '30110')![1]).toBe('职工基本医疗保险缴费');
    expect(t6.find((r) => r[0] === '302')![1]).toBe('商品和服务支出');
    expect(printed(t('sgjf')).rows).toEqual([['5.34', '', '', '', '', '5.34']]);
  });

  it('rule 1: 收入总计 = 支出总计, each side the sum of its rows', () => {
    const szzb = t('szzb');
    expect(v(szzb, 'total', 'incomeAmount')).toBe(v(szzb, 'total', 'expenseAmount'));
    expect(v(szzb, 'total', 'incomeAmount')).toBe(sum([v(szzb, 'current', 'incomeAmount'), v(szzb, 'carry', 'incomeAmount')]));
    const items = szzb.rows.filter((r) => /^f\d+$/.test(r.key));
    expect(sum(items.map((r) => r.cells.incomeAmount?.value ?? '0'))).toBe(v(szzb, 'current', 'incomeAmount'));
    expect(sum(items.map((r) => r.cells.expenseAmount?.value ?? '0'))).toBe(v(szzb, 'current', 'expenseAmount'));
  });

  it('rule 2: every row’s 合计 is the sum of its value columns', () => {
    const check = (id: string, total: string, parts: string[]) => {
      for (const row of t(id).rows) expect([id, row.key, row.cells[total]!.value]).toEqual([id, row.key, sum(parts.map((p) => row.cells[p]!.value!))]);
    };
    check('srzb', 'total', ['carryover', 'general', 'fund', 'capital', 'specialAccount', 'business', 'operating', 'other']);
    check('zczb', 'total', ['basic', 'project']);
    check('ybgg-zc', 'total', ['basic', 'project']);
    check('ybgg-jbzc', 'total', ['personnel', 'public']);
  });

  it('rule 3: 类 = Σ 款 = Σ 项 and 合计 = Σ 类', () => {
    for (const [id, cols, lengths] of [
      ['srzb', ['total', 'general'], [3, 5, 7]],
      ['zczb', ['total', 'basic', 'project'], [3, 5, 7]],
      ['ybgg-zc', ['total', 'basic', 'project'], [3, 5, 7]],
      ['ybgg-jbzc', ['total', 'personnel', 'public'], [3, 5]],
    ] as const) {
      const rows = dataRows(t(id));
      for (const col of cols) {
        const top = rows.filter((r) => r.key.length === 3);
        expect(sum(top.map((r) => r.cells[col]!.value!))).toBe(v(t(id), 'total', col));
        for (const parent of rows) {
          const next = lengths[lengths.indexOf(parent.key.length as never) + 1];
          if (next === undefined) continue;
          const kids = rows.filter((r) => r.key.length === next && r.key.startsWith(parent.key));
          expect([id, col, parent.key, sum(kids.map((r) => r.cells[col]!.value!))]).toEqual([id, col, parent.key, parent.cells[col]!.value]);
        }
      }
    }
  });

  it('rule 4: 收入总表 合计 = 收支总表 收入; 支出总表 合计 = 收支总表 支出; 收支总表 支出 rows = 支出总表 类 rows', () => {
    expect(v(t('srzb'), 'total', 'total')).toBe(v(t('szzb'), 'current', 'incomeAmount'));
    expect(v(t('zczb'), 'total', 'total')).toBe(v(t('szzb'), 'current', 'expenseAmount'));
    for (const row of dataRows(t('zczb')).filter((r) => r.key.length === 3)) {
      expect(v(t('szzb'), `f${row.key}`, 'expenseAmount')).toBe(row.cells.total!.value);
    }
  });

  it('rules 5–7: 财政拨款 收 = 支, its columns = 表5/表8/表9, its income = 财政拨款 income only, 表5 基本 = 表6', () => {
    const czbk = t('czbk-szzb');
    expect(v(czbk, 'total', 'incomeAmount')).toBe(v(czbk, 'total', 'funcTotal'));
    expect(v(czbk, 'total', 'funcGeneral')).toBe(v(t('ybgg-zc'), 'total', 'total'));
    expect(v(czbk, 'total', 'funcFund')).toBe('0');
    expect(v(czbk, 'total', 'funcCapital')).toBe('0');
    expect(v(czbk, 'current', 'incomeAmount')).toBe(sum([v(t('szzb'), 'f201', 'incomeAmount'), v(t('szzb'), 'f202', 'incomeAmount'), v(t('szzb'), 'f203', 'incomeAmount')]));
    expect(v(t('ybgg-zc'), 'total', 'basic')).toBe(v(t('ybgg-jbzc'), 'total', 'total'));
    expect(v(t('ybgg-zc'), 'total', 'basic')).toBe('4489253');
  });

  it('rule 8: 三公 = 因公出国（境） + 公务用车购置及运行费 + 公务接待费; 公务用车 = 购置 + 运行', () => {
    const sgjf = t('sgjf');
    expect(v(sgjf, 'budget', 'total')).toBe(sum([v(sgjf, 'budget', 'abroad'), v(sgjf, 'budget', 'vehicle'), v(sgjf, 'budget', 'reception')]));
    expect(v(sgjf, 'budget', 'vehicle')).toBe(sum([v(sgjf, 'budget', 'vehiclePurchase'), v(sgjf, 'budget', 'vehicleRunning')]));
    expect(v(sgjf, 'budget', 'total')).toBe('53400');
  });

  it('rule 12: the 政府性基金 and 国有资本经营 tables are empty and print their notes', () => {
    for (const [id, fund] of [
      ['zfxjj-zc', '政府性基金预算拨款'],
      ['gyzb-zc', '国有资本经营预算拨款'],
    ] as const) {
      expect(t(id).empty).toBe(true);
      expect(t(id).rows).toEqual([]);
      expect(t(id).emptyNote).toBe(`本部门2020年无${fund}安排的支出，故本表为空表。`);
    }
  });

  it('a workbook in another set can be shown in the baseline layout from the same facts', async () => {
    const hunan = await createSeed001Workbook(core);
    const shown = await callOk(core, 'workbook.derived', { path: hunan, tableId: 'srzb', tableSetId: 'national-9' });
    expect(printed(shown).rows).toEqual(printed(t('srzb')).rows);
    const list = await callOk(core, 'workbook.tables', { path: hunan, tableSetId: 'national-9' });
    expect(list.tables.map((x) => [x.id, x.nonEmpty])).toEqual([
      ['szzb', true],
      ['srzb', true],
      ['zczb', true],
      ['czbk-szzb', true],
      ['ybgg-zc', true],
      ['ybgg-jbzc', true],
      ['sgjf', true],
      ['zfxjj-zc', false],
      ['gyzb-zc', false],
    ]);
  });
});

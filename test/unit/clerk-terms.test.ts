import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../helpers/hooks.js';
import { callOk, createWorkbook } from '../helpers/core.js';

const temp = useTempDirs('budgetdesk-terms-');

describe('words the clerk knows', () => {
  it('收入来源 takes the terms printed on 附件1/2 of seed 001 and their usual abbreviations', async () => {
    const core = temp.core();
    const file = await createWorkbook(core, { year: 2020, tableSetId: 'hunan-2020' });
    // Term typed → the value its 附件1 row (部门收支总表, seed 001) counts it under.
    const terms: [string, string][] = [
      ['一般公共预算拨款', 'general.appropriation'],
      ['经费拨款', 'general.appropriation'],
      ['行政事业性收费收入', 'general.nonTax.fee'],
      ['专项收入', 'general.nonTax.special'],
      ['国有资源（资产）有偿使用收入', 'general.nonTax.asset'],
      ['其他各项收入拨款', 'general.nonTax.other'],
      ['政府性基金拨款', 'fund'],
      ['纳入专户管理的非税收入拨款', 'specialAccount'],
      ['其他收入', 'other'],
      ['一般公共预算', 'general.appropriation'],
      ['财政拨款', 'general.appropriation'],
      ['基金', 'fund'],
      ['专户', 'specialAccount'],
      ['财政专户管理的非税收入拨款', 'specialAccount'],
    ];
    const r = await callOk(core, 'workbook.change', {
      path: file,
      change: { edits: [{ kind: 'insertRows', tableId: 'fact-income', index: 0, rows: terms.map(([fundSource]) => ({ fundSource, amount: '1' })) }] },
    });
    expect(r.insertedRowIds).toHaveLength(terms.length);
    const { rows } = await callOk(core, 'workbook.rows', { path: file, tableId: 'fact-income' });
    expect(rows.map((row) => [terms[rows.indexOf(row)]![0], row.cells.fundSource])).toEqual(terms);
  });

  it('支出性质 takes 人员支出 and 公用支出 as the 公开说明 words them', async () => {
    const core = temp.core();
    const file = await createWorkbook(core, { year: 2020, tableSetId: 'hunan-2020' });
    await callOk(core, 'workbook.change', {
      path: file,
      change: { edits: [{ kind: 'insertRows', tableId: 'fact-lines', index: 0, rows: [{ nature: '人员支出', amount: '1' }, { nature: '公用支出', amount: '1' }] }] },
    });
    const { rows } = await callOk(core, 'workbook.rows', { path: file, tableId: 'fact-lines' });
    expect(rows.map((row) => row.cells.nature)).toEqual(['basic.personnel', 'basic.public']);
  });
});

describe('one name per code per year', () => {
  it('the 科目 list the pickers read names 30110 as 附件5 prints it (seed 001: 城镇职工基本医疗保险缴费)', async () => {
    const core = temp.core();
    const file = await createWorkbook(core, { year: 2020, tableSetId: 'hunan-2020' });
    const list = await callOk(core, 'codes.list', { kind: 'econDept', year: 2020, tableSetId: 'hunan-2020' });
    const picked = list!.entries.find((e) => e.code === '30110')!;
    expect(picked.name).toBe('城镇职工基本医疗保险缴费');
    // The national name is still found when typed.
    expect(picked.variants).toContain('职工基本医疗保险缴费');
    const t5 = await callOk(core, 'workbook.derived', { path: file, tableId: 'jbzc-gzfl' });
    expect(t5.rows.find((r) => r.key === '30110')?.cells.name?.text).toBe(picked.name);
    // Without a set, the year's list as published (the 2020 national name).
    const plain = await callOk(core, 'codes.list', { kind: 'econDept', year: 2020 });
    expect(plain!.entries.find((e) => e.code === '30110')!.name).toBe('职工基本医疗保险缴费');
  });
});

describe('messages name things as the clerk sees them', () => {
  it('a drill-down on a cell that is not a figure names the table, not its row and column keys', async () => {
    const core = temp.core();
    const file = await createWorkbook(core, { year: 2020, tableSetId: 'hunan-2020' });
    const r = await core.call('workbook.drill', { path: file, tableId: 'zczb', rowKey: 'r9f3e2a1b7c6d', col: 'general' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatchObject({ code: 'NOT_FOUND' });
    expect(r.error.message).toContain('表“部门支出总表”中的这个数字单元格');
    expect(r.error.message).not.toMatch(/zczb|r9f3e2a1b7c6d|general/);
  });
});

import { describe, expect, it } from 'vitest';
import { fitColumns, keyRole, preferredWidth, type FitColumn } from '../../renderer/src/grid/columnFit';
import modelBudget from '../../shared/tables/model/budget.json';
import hunan2020 from '../../shared/tables/sets/hunan-2020.json';
import type { TableDef } from '../../shared/tables/schema';

const table = (doc: unknown, id: string): TableDef => (doc as { tables: TableDef[] }).tables.find((t) => t.id === id)!;
const fitInput = (def: TableDef): FitColumn[] => def.columns.map((c) => ({ type: c.type, width: preferredWidth(c.width), role: keyRole(def, c) }));
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('key roles come from the table definition', () => {
  it('附件11: 类/款/项 are codes and the qualified name is the name; figures are not key columns', () => {
    const def = table(hunan2020, 'ybgg-zc');
    expect(def.columns.map((c) => keyRole(def, c))).toEqual(['code', 'code', 'code', 'name', ...Array<null>(13).fill(null)]);
  });

  it('支出明细: the 预算单位 and 项目 references and both 科目 codes are codes', () => {
    const def = table(modelBudget, 'fact-lines');
    const roles = Object.fromEntries(def.columns.map((c) => [c.key, keyRole(def, c)]));
    expect(roles).toEqual({ unit: 'code', funcCode: 'code', econCode: 'code', fundSource: null, nature: null, project: 'code', amount: null, prevAmount: null, note: null });
  });

  it('项目: the declared 项目编码/项目名称 roles follow the 预算单位 reference', () => {
    const def = table(modelBudget, 'fact-projects');
    expect(def.columns.slice(0, 4).map((c) => keyRole(def, c))).toEqual(['code', 'code', 'name', null]);
  });

  it('附件1: two-sided item lists have no key column', () => {
    const def = table(hunan2020, 'szzb');
    expect(def.columns.map((c) => keyRole(def, c)).every((r) => r === null)).toBe(true);
  });
});

describe('fitColumns', () => {
  it('keeps the printed widths when the window is wide enough', () => {
    const cols = fitInput(table(hunan2020, 'szzb'));
    const fit = fitColumns(cols, 3000);
    expect(fit.widths).toEqual(cols.map((c) => c.width));
    expect(fit.frozen).toBe(0);
    expect(fit.frozenRight).toBe(0);
  });

  it('narrows 附件1 to fit a 1280 px window instead of cutting off its 支出 side', () => {
    const cols = fitInput(table(hunan2020, 'szzb'));
    expect(sum(cols.map((c) => c.width))).toBeGreaterThan(1000);
    const fit = fitColumns(cols, 1000);
    expect(fit.total).toBeLessThanOrEqual(1000);
    expect(fit.total).toBeGreaterThan(990);
    // Figures keep room for 99,999,999.99.
    for (const i of [1, 3, 5]) expect(fit.widths[i]).toBeGreaterThanOrEqual(104);
  });

  it('fits 支出明细 beside its row numbers, the amount column included', () => {
    const def = table(modelBudget, 'fact-lines');
    // As the grid: a 1 px table border, then 44 px of row numbers.
    const fit = fitColumns(fitInput(def), 1100, 45, 1);
    expect(fit.lefts[0]).toBe(45);
    expect(fit.total).toBeLessThanOrEqual(1100);
    const amount = def.columns.findIndex((c) => c.key === 'amount');
    expect(fit.lefts[amount]! + fit.widths[amount]!).toBeLessThanOrEqual(1100);
    // 预算单位 and both codes lead the table and stay at the left.
    expect(fit.frozen).toBe(3);
    // Once scrolled, the border is gone: the frozen columns stick right after the row numbers.
    expect(fit.stickyLefts).toEqual([44, 44 + fit.widths[0]!, 44 + fit.widths[0]! + fit.widths[1]!]);
    expect(fit.frozenRight).toBe(fit.lefts[3]! - 1);
  });

  it('scrolls 附件11 at its minimums, its codes whole and the 科目编码/名称 frozen', () => {
    const cols = fitInput(table(hunan2020, 'ybgg-zc'));
    const fit = fitColumns(cols, 1000);
    expect(fit.total).toBeGreaterThan(1000);
    // 类/款/项 never narrower than printed (5/4/4 characters): no clipped "010301".
    expect(fit.widths.slice(0, 3)).toEqual(cols.slice(0, 3).map((c) => c.width));
    expect(fit.widths.slice(4).every((w) => w === 104)).toBe(true);
    expect(fit.frozen).toBe(4);
    expect(fit.frozenRight).toBe(sum(fit.widths.slice(0, 4)));
  });

  it('never lets frozen columns take more than half the window', () => {
    const cols = fitInput(table(hunan2020, 'ybgg-zc'));
    const fit = fitColumns(cols, 600);
    expect(fit.frozen).toBe(3);
    expect(fit.frozenRight).toBeLessThanOrEqual(300);
  });

  it('freezes nothing when every column is a key column', () => {
    const fit = fitColumns([{ type: 'code', width: 100, role: 'code' }], 1000);
    expect(fit.frozen).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { modelTableDefs } from '../../renderer/src/facts/modelTables.js';
import { navGroups } from '../../renderer/src/workbook/navGroups.js';
import { TableSetRegistry } from '../../shared/tables/registry.js';

const vars = { year: 2025, deptName: '玉田县人民政府办公室' };

describe('the side list', () => {
  it.each(new TableSetRegistry().list().map((s) => [s.id, s] as const))('names every group and entry of %s once', (_id, set) => {
    const groups = navGroups([...modelTableDefs, ...set.tables], vars);
    const names = [...groups.map((g) => g.name), ...groups.flatMap((g) => g.entries.map((e) => (e.number ? `${e.number} ${e.label}` : e.label)))];
    const repeated = names.filter((n, i) => names.indexOf(n) !== i);
    expect(repeated, `shown more than once: ${repeated.join('、')}`).toEqual([]);
  });

  it('tells the 部门整体 entry tables from the printed 部门整体绩效目标 (河北, seed 003)', () => {
    const groups = navGroups([...modelTableDefs, ...new TableSetRegistry().get('hebei-county-project')!.tables], vars);
    const entries = groups.flatMap((g) => g.entries.map((e) => `${g.name}/${e.label}`));
    expect(entries.filter((e) => e.includes('部门整体'))).toEqual([
      '绩效数据录入/部门整体目标与资金',
      '绩效数据录入/部门整体分项目标',
      // The printed part (its group, as 第一部分 is titled) holds the printed table.
      '部门整体绩效目标/部门整体绩效目标表',
    ]);
  });
});

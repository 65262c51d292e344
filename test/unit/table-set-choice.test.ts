import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../helpers/hooks.js';
import { callOk } from '../helpers/core.js';
import { provinceOf } from '../../shared/tables/set-choice.js';

const temp = useTempDirs('budgetdesk-setchoice-');

describe('the default table set of a new workbook', () => {
  it('lists each set with its region, year and tables', async () => {
    const core = temp.core();
    const sets = await callOk(core, 'tablesets.list', {});
    const hunan2020 = sets.find((s) => s.id === 'hunan-2020')!;
    // Seed 001 (湖南省株洲市 2020) publishes 部门收支总表 first, then the 绩效 forms.
    expect(hunan2020).toMatchObject({ region: '湖南省株洲市', province: '湖南省', year: 2020 });
    expect(hunan2020.tables[0]).toBe('部门收支总表');
    expect(hunan2020.tables).toContain('{year}年部门整体支出绩效申报表');
    expect(hunan2020.tables.length).toBeGreaterThan(17);
  });

  it('is the fullest set in use by the chosen year (and region)', async () => {
    const core = temp.core();
    const choose = async (year: number, region?: string) => (await callOk(core, 'tablesets.choose', region === undefined ? { year } : { year, region })).id;
    // A 2020 Hunan department (seed 001) publishes the 17 公开 tables and the 绩效 forms, not only the 3 绩效 forms of 2019.
    expect(await choose(2020)).toBe('hunan-2020');
    expect(await choose(2020, '湖南省株洲市')).toBe('hunan-2020');
    // In 2019 (seed 000) only the 3 绩效 forms were in use.
    expect(await choose(2019)).toBe('hunan-2019-jx');
    // Before any set was in use, the earliest is the only layout there is.
    expect(await choose(2010)).toBe('hunan-2019-jx');
    // 河北 in 2025: the nationwide 9 tables hold more than the 2 河北 绩效 tables.
    expect(await choose(2025, '河北省')).toBe('national-9');
    // 河北 in 2023: neither nationwide set nor the 2025 county set is in use yet; the district one is.
    expect(await choose(2023, '河北省')).toBe('district-2023-project');
  });

  it('is what library.create uses when no set is named', async () => {
    const core = temp.core();
    const state = await callOk(core, 'library.create', { meta: { deptName: '株洲市石峰区人民政府办公室', year: 2020 } });
    expect(state.meta.tableSetId).toBe('hunan-2020');
  });

  it('reads the province off the printed region', () => {
    expect(provinceOf('湖南省株洲市')).toBe('湖南省');
    expect(provinceOf('河北省（区级）')).toBe('河北省');
    expect(provinceOf('广西壮族自治区南宁市')).toBe('广西壮族自治区');
    expect(provinceOf('北京市海淀区')).toBe('北京市');
    expect(provinceOf('全国')).toBe('全国');
  });
});

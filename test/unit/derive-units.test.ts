import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core.js';
import { Dec } from '../../shared/money/decimal.js';
import type { DerivedTable } from '../../shared/derive/types.js';
import { callErr, callOk, makeCore } from '../helpers/core.js';
import { makeTempDir } from '../helpers/temp.js';
import { printed } from '../fixtures/seed001/load.js';

/** A department with 本级 and one 下属单位: consolidated tables, each unit's own, and the JSON round trip. */

let core: Core;
let file: string;

beforeAll(async () => {
  core = makeCore();
  const state = await callOk(core, 'library.create', { meta: { deptName: '某某县农业农村局', year: 2020, tableSetId: 'hunan-2020' }, fileName: 'units' });
  file = state.path;
  await callOk(core, 'workbook.change', {
    path: file,
    change: {
      edits: [
        {
          kind: 'insertRows',
          tableId: 'fact-units',
          index: 0,
          rows: [
            { code: '101', name: '某某县农业农村局', kind: '本级', unitType: '行政单位' },
            { code: '102', name: '某某县农业技术推广中心', kind: '下属单位', unitType: '事业单位' },
          ],
        },
        {
          kind: 'insertRows',
          tableId: 'fact-income',
          index: 0,
          rows: [
            { fundSource: '经费拨款', amount: '100' },
            { unit: '102', fundSource: '经费拨款', amount: '30' },
            { unit: '102', fundSource: '事业收入', amount: '20.5' },
          ],
        },
        {
          kind: 'insertRows',
          tableId: 'fact-lines',
          index: 0,
          rows: [
            { funcCode: '2130101', econCode: '30101', fundSource: '经费拨款', amount: '80' },
            { funcCode: '2130101', econCode: '30201', fundSource: '经费拨款', amount: '20' },
            { unit: '102', funcCode: '2130104', econCode: '30101', fundSource: '经费拨款', amount: '30' },
            { unit: '102', funcCode: '2130104', econCode: '30201', fundSource: '事业收入', amount: '20.5' },
          ],
        },
      ],
    },
  });
});
afterAll(() => core.closeAll());

const derived = (tableId: string, unit?: string): Promise<DerivedTable> =>
  callOk(core, 'workbook.derived', unit === undefined ? { path: file, tableId } : { path: file, tableId, unit });

describe('预算单位', () => {
  it('lists the units for 预算单位构成', async () => {
    const overview = await callOk(core, 'workbook.tables', { path: file });
    expect(overview.units).toEqual([
      { code: '101', name: '某某县农业农村局', kind: 'self', unitType: 'admin' },
      { code: '102', name: '某某县农业技术推广中心', kind: 'subordinate', unitType: 'institution' },
    ]);
    expect(overview.issues).toEqual([]);
  });

  it('the department’s tables consolidate every unit; each unit’s own tables show its facts under its name', async () => {
    const all = await derived('srzb');
    const own = await derived('srzb', '101');
    const sub = await derived('srzb', '102');
    expect(printed(all).rows).toEqual([['150.50', '130.00', '', '', '20.50', '']]);
    expect(printed(own).rows).toEqual([['100.00', '100.00', '', '', '', '']]);
    expect(printed(sub).rows).toEqual([['50.50', '30.00', '', '', '20.50', '']]);
    expect(all.unitLine).toBe('单位名称：某某县农业农村局');
    expect(sub.unitLine).toBe('单位名称：某某县农业技术推广中心');
    expect(printed(await derived('zczb', '102')).rows).toEqual([
      ['213', '', '', '农林水支出', '50.50', '30.00', '', '', '20.50', ''],
      ['213', '01', '', '农业农村', '50.50', '30.00', '', '', '20.50', ''],
      ['213', '01', '04', '事业运行', '50.50', '30.00', '', '', '20.50', ''],
    ]);
  });

  it('every figure of every derived table is the sum of the units’ figures', async () => {
    const overview = await callOk(core, 'workbook.tables', { path: file });
    for (const { id } of overview.tables.filter((t) => t.kind === 'derived')) {
      const [all, a, b] = await Promise.all([derived(id), derived(id, '101'), derived(id, '102')]);
      const value = (t: DerivedTable, key: string, col: string) => t.rows.find((r) => r.key === key)?.cells[col]?.value ?? '0';
      for (const row of all.rows) {
        for (const [col, c] of Object.entries(row.cells)) {
          if (c.value === undefined) continue;
          expect([id, row.key, col, c.value]).toEqual([id, row.key, col, new Dec(value(a, row.key, col)).plus(value(b, row.key, col)).toFixed()]);
        }
      }
    }
  });

  it('单位性质 is a fact dimension: 机关运行经费 counts the 公用经费 of 行政单位 only', async () => {
    const sums = await callOk(core, 'workbook.factSums', {
      path: file,
      queries: {
        operating: { measure: 'expense', filter: { fundSource: 'general', nature: 'basic.public', unitType: ['admin', 'civilServant'] } },
        institutionPublic: { measure: 'expense', filter: { nature: 'basic.public', unitType: 'institution' } },
        institutionIncome: { measure: 'income', filter: { unitType: 'institution' } },
      },
    });
    // 101 (行政单位): 30201 20 from 经费拨款; 102 (事业单位): 30201 20.5 from 事业收入, income 30 + 20.5.
    expect(sums).toEqual({ operating: '200000', institutionPublic: '205000', institutionIncome: '505000' });
  });

  it('an unknown unit is refused', async () => {
    const error = await callErr(core, 'workbook.derived', { path: file, tableId: 'srzb', unit: '999' }, 'NOT_FOUND');
    expect(error.message).toContain('预算单位');
  });

  it('a table the clerk fills in is not derived', async () => {
    const error = await callErr(core, 'workbook.derived', { path: file, tableId: 'zxzj-hz' }, 'VALIDATION');
    expect(error.message).toContain('由用户填写');
  });

  it('the facts survive JSON export and import, and give the same tables', async () => {
    const dir = makeTempDir();
    const json = path.join(dir, 'units.json');
    await callOk(core, 'workbook.exportJson', { path: file, out: json });
    const copy = await callOk(core, 'library.importJson', { jsonPath: json, out: path.join(dir, 'copy.bdwb') });
    for (const id of ['szzb', 'zczb', 'ybgg-jbzc']) {
      const again = await callOk(core, 'workbook.derived', { path: copy.path, tableId: id, unit: '102' });
      expect(printed(again)).toEqual(printed(await derived(id, '102')));
    }
  });

  it('after an edit the tables follow at the next request', async () => {
    const before = await derived('szzb');
    const rows = (await callOk(core, 'workbook.rows', { path: file, tableId: 'fact-lines' })).rows;
    await callOk(core, 'workbook.change', { path: file, change: { edits: [{ kind: 'setCells', tableId: 'fact-lines', cells: [{ rowId: rows[0]!.id, col: 'amount', text: '90' }] }] } });
    const after = await derived('szzb');
    expect(after).not.toBe(before);
    expect(after.rows.find((r) => r.key === 'total')!.cells.funcAmount).toMatchObject({ text: '160.50' });
    await callOk(core, 'workbook.undo', { path: file });
    expect((await derived('szzb')).rows.find((r) => r.key === 'total')!.cells.funcAmount).toMatchObject({ text: '150.50' });
  });

  it('a renamed unit is renamed on its tables', async () => {
    for (const id of ['szzb', 'zczb']) expect((await derived(id, '102')).unitLine).toBe('单位名称：某某县农业技术推广中心');
    const units = (await callOk(core, 'workbook.rows', { path: file, tableId: 'fact-units' })).rows;
    await callOk(core, 'workbook.change', { path: file, change: { edits: [{ kind: 'setCells', tableId: 'fact-units', cells: [{ rowId: units[1]!.id, col: 'name', text: '某某县农业服务中心' }] }] } });
    for (const id of ['szzb', 'zczb']) expect((await derived(id, '102')).unitLine).toBe('单位名称：某某县农业服务中心');
    expect((await callOk(core, 'workbook.tables', { path: file })).units[1]!.name).toBe('某某县农业服务中心');
  });
});

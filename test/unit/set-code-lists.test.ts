import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveImportedCodeList } from '../../electron/core/codes/store.js';
import { Core } from '../../electron/core/core.js';
import { rulesFor, runRule } from '../../shared/checks/engine.js';
import { builtinCodeList } from '../../shared/reference/builtin.js';
import { TableSetRegistry } from '../../shared/tables/registry.js';
import { tamper } from '../helpers/checks.js';
import { callOk } from '../helpers/core.js';
import { makeTempDir } from '../helpers/temp.js';
import { createSeed001Workbook } from '../fixtures/seed001/load.js';

/**
 * Issue 8: a set package carries its year's code lists, and the 三公 and 会议费/培训费 columns follow the
 * roles its 经济分类 list gives (so a bureau's own codes map) instead of the usual codes. The bureau here
 * counts 30225 专用燃料费 as 公务用车运行维护费 too (the 三公 审核 rules read the same roles); seed 001's figures are the seed's (附件9: 三公 5.34 =
 * 公务接待费 5 + 0.34, 会议费 12.70, 培训费 2.30, 合计 20.34).
 */

const ROLES: Record<string, string> = { '30212': 'abroad', '30217': 'reception', '30231': 'vehicleRun', '30225': 'vehicleRun', '31013': 'vehiclePurchase', '30215': 'meeting', '30216': 'training' };

function bureauSet(roles: Record<string, string> = ROLES) {
  const econ = builtinCodeList('econDept', 2020)!.entries.map(({ code, name }) => (roles[code] ? { code, name, role: roles[code] } : { code, name }));
  return { id: 'bureau-2020', name: '某市 2020（财政局下发科目表）', region: '湖南省', year: 2020, moneyUnit: '万元', extends: 'hunan-2020', tables: [], codeLists: { econDept: econ } };
}

let core: Core;
let file: string;

beforeAll(async () => {
  core = new Core({ dataDir: makeTempDir(), host: 'test', extraTableSets: { sets: [{ doc: bureauSet() }], unreadable: [] } });
  file = await createSeed001Workbook(core, { tableSetId: 'bureau-2020' });
  // A 公用经费 line of 1 万元 on 30225 专用燃料费, from 一般公共预算.
  await callOk(core, 'workbook.change', {
    path: file,
    change: { edits: [{ kind: 'insertRows', tableId: 'fact-lines', index: 0, rows: [{ funcCode: '2010301', econCode: '30225', fundSource: '经费拨款', nature: '公用经费', amount: '1' }] }] },
  });
});
afterAll(() => core.closeAll());

const sgjf = async (tableSetId?: string) => {
  const t = await callOk(core, 'workbook.derived', { path: file, tableId: 'sgjf', ...(tableSetId ? { tableSetId } : {}) });
  return Object.fromEntries(t.rows.map((r) => [r.key, r.cells.amount?.text ?? '']));
};

describe('code lists in a set package', () => {
  it('the 三公 columns follow the roles of the set’s 经济分类 list: 30225 counts as 公务用车运行维护费', async () => {
    expect(await sgjf()).toMatchObject({ total: '21.34', threePublic: '6.34', reception: '5.34', vehicle: '1.00', vehicleRunning: '1.00', meeting: '12.70', training: '2.30' });
    // The same facts in the built-in set, whose list names no roles: the usual codes, as seed 001 prints.
    expect(await sgjf('hunan-2020')).toMatchObject({ total: '20.34', threePublic: '5.34', vehicleRunning: '', meeting: '12.70' });
  });

  it('a list with roles decides alone: a code it gives no role (会议费 here) is in no 三公 column', async () => {
    const { '30215': _meeting, ...rest } = ROLES;
    const own = new Core({ dataDir: makeTempDir(), host: 'test', extraTableSets: { sets: [{ doc: bureauSet(rest) }], unreadable: [] } });
    try {
      const wb = await createSeed001Workbook(own, { tableSetId: 'bureau-2020' });
      const t = await callOk(own, 'workbook.derived', { path: wb, tableId: 'sgjf' });
      expect(Object.fromEntries(t.rows.map((r) => [r.key, r.cells.amount?.text ?? '']))).toMatchObject({ meeting: '', training: '2.30', total: '7.64' });
    } finally {
      own.closeAll();
    }
  });

  it('the entry pickers read the set’s list, with its roles; the built-in set keeps the built-in list', async () => {
    const list = await callOk(core, 'codes.list', { kind: 'econDept', year: 2020, tableSetId: 'bureau-2020' });
    expect(list).toMatchObject({ source: 'set', year: 2020 });
    expect(list!.entries.find((e) => e.code === '30225')).toEqual({ code: '30225', name: '专用燃料费', role: 'vehicleRun' });
    expect(await callOk(core, 'codes.list', { kind: 'econDept', year: 2020, tableSetId: 'hunan-2020' })).toMatchObject({ source: 'builtin' });
  });

  it('a list the clerk imported for the year comes first, and takes the set’s roles for its codes', async () => {
    const dataDir = makeTempDir();
    const official = builtinCodeList('econDept', 2020)!;
    saveImportedCodeList(dataDir, { ...official, source: 'imported', entries: official.entries.map(({ code, name }) => ({ code, name })) }, '2020年部门预算支出经济分类科目.xlsx');
    const own = new Core({ dataDir, host: 'test', extraTableSets: { sets: [{ doc: bureauSet() }], unreadable: [] } });
    try {
      const list = await callOk(own, 'codes.list', { kind: 'econDept', year: 2020, tableSetId: 'bureau-2020' });
      expect(list).toMatchObject({ source: 'imported', year: 2020 });
      expect(list!.entries.find((e) => e.code === '30225')).toEqual({ code: '30225', name: '专用燃料费', role: 'vehicleRun' });
    } finally {
      own.closeAll();
    }
  });

  it('a set that extends it keeps its lists; tablesets check names a bad role and a role outside 经济分类 by JSON path', () => {
    const registry = new TableSetRegistry([{ doc: bureauSet() }]);
    const child = registry.check({ id: 'bureau-2020-b', name: '继承', region: '湖南省', year: 2020, moneyUnit: '万元', extends: 'bureau-2020', tables: [] });
    expect(child.problems).toEqual([]);
    expect(child.set!.codeLists!.econDept!.find((e) => e.code === '30225')!.role).toBe('vehicleRun');
    const bad = bureauSet({ '30217': 'entertainment', '302': 'reception' });
    const problems = new TableSetRegistry().check({ ...bad, id: 'bureau-bad', codeLists: { ...bad.codeLists, function: [{ code: '201', name: '一般公共服务支出', role: 'abroad' }] } }).problems;
    const at = (code: string) => bad.codeLists.econDept.findIndex((e) => e.code === code);
    expect(problems.map((p) => p.path).sort()).toEqual([`codeLists.econDept[${at('302')}].role`, `codeLists.econDept[${at('30217')}].role`, 'codeLists.function[0].role'].sort());
    expect(problems.map((p) => p.message).join('\n')).toContain('未知的用途“entertainment”');
  });
});

describe('the 三公 rules read the roles 附件9 follows', () => {
  const ctx = () => core.checks.context(core.workbook(file));
  const rule = (id: string) => rulesFor(core.tableSets.get('bureau-2020')).find((r) => r.id === id)!;

  it('T9.vs-data: 附件9’s 6.34 (5.34 + 1 万元 on 30225, 公务用车运行维护费 in this list) is what the data gives; a figure that differs still fails', async () => {
    expect(runRule(rule('T9.vs-data'), ctx())).toEqual([]);
    // The figure summed by the usual codes alone (5.34) is now the wrong one.
    const found = runRule(rule('T9.vs-data'), tamper(ctx(), 'threePublic', { row: 'threePublic', col: 'amount', wan: '5.34' }));
    expect(found.map((f) => [f.severity, f.message])).toEqual([['错误', expect.stringMatching(/^“三公”经费 5\.34 ≠ 预算数据中的“三公”经费 6\.34，相差 1\.00 万元。/)]]);
    expect((await callOk(core, 'checks.run', { path: file })).filter((f) => f.rule === 'T9.vs-data' || f.rule === 'yoy.three-public')).toEqual([]);
  });

  it('yoy.three-public: this year’s 三公 is 附件9’s 6.34; against 上年 6.00 it rose (by the usual codes alone, 5.34, it would not)', async () => {
    // Seed 001’s 上年: 19.99 万元 (11.99 接待 + 8 公务用车): 6.34 is lower.
    expect(runRule(rule('yoy.three-public'), ctx())).toEqual([]);
    const prev = (reception: string, vehicle: string) =>
      callOk(core, 'workbook.change', { path: file, change: { edits: [{ kind: 'setCells', tableId: 'fact-info', cells: [{ rowId: 'info-threePublicPrevReception', col: 'amount', text: reception }, { rowId: 'info-threePublicPrevVehicle', col: 'amount', text: vehicle }] }] } });
    await prev('5', '1');
    const found = runRule(rule('yoy.three-public'), ctx());
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: '需说明', actual: '6.34 万元', difference: '0.34 万元' });
    expect(found[0]!.message).toMatch(/^“三公”经费 6\.34 比上年 6\.00 增加 0\.34 万元。/);
    await prev('11.99', '8');
    expect(runRule(rule('yoy.three-public'), ctx())).toEqual([]);
  });
});

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core.js';
import type { Edit } from '../../shared/api/contract.js';
import type { GridRow } from '../../shared/workbook/types.js';
import { callErr, callOk, createWorkbook } from '../helpers/core.js';
import { useTempDirs } from '../helpers/hooks.js';
import {
  createSeed000Workbook,
  SEED_000_META,
  SEED_000_ROWS,
  SEED_000_SOURCE_FILE,
  SEED_000_TABLE_ID,
  SEED_000_TOTAL_YUAN,
  seed000StoredCells,
} from '../helpers/seed000.js';

const T = SEED_000_TABLE_ID;
const temp = useTempDirs();

async function rows(core: Core, file: string): Promise<GridRow[]> {
  return (await callOk(core, 'workbook.rows', { path: file, tableId: T })).rows;
}
async function names(core: Core, file: string): Promise<string[]> {
  return (await rows(core, file)).map((r) => r.cells.name ?? '');
}
async function revision(core: Core, file: string): Promise<number> {
  return (await callOk(core, 'workbook.open', { path: file })).revision;
}
async function change(core: Core, file: string, edits: Edit[], extra: { label?: string; baseRevision?: number } = {}) {
  return callOk(core, 'workbook.change', { path: file, change: { ...extra, edits } });
}
async function insert(core: Core, file: string, index: number, cells: Record<string, string>[]) {
  return (await change(core, file, [{ kind: 'insertRows', tableId: T, index, rows: cells }])).insertedRowIds;
}
const named = (...list: string[]) => list.map((name) => ({ name }));
const sum = (list: GridRow[]) => list.reduce((s, r) => s + BigInt(r.cells.amount ?? '0'), 0n);

describe('create', () => {
  it('creates a workbook with its meta, revision 0 and nothing to undo', async () => {
    const core = temp.core();
    const state = await callOk(core, 'library.create', { meta: { deptName: '财政局', year: 2024 } });
    expect(existsSync(state.path)).toBe(true);
    expect(path.basename(state.path)).toBe('财政局-2024年.bdwb');
    // No set named: the fullest one in use by 2024 (see table-set-choice.test.ts).
    expect(state.meta).toEqual({ deptName: '财政局', year: 2024, unitCode: '', moneyUnit: '万元', scope: '本级', tableSetId: 'hunan-2020' });
    expect(state).toMatchObject({ revision: 0, canUndo: false, canRedo: false, undoLabel: null, redoLabel: null, formatVersion: 1 });
    expect(await rows(core, state.path)).toEqual([]);
  });

  it('stores the seed 000 rows exactly, amounts in 元, total 100 万元', async () => {
    const core = temp.core();
    const wb = await createSeed000Workbook(core);
    const stored = await rows(core, wb.path);
    expect(stored.map((r) => r.id)).toEqual(wb.rowIds);
    expect(stored.map((r) => r.cells)).toEqual(seed000StoredCells('万元'));
    expect(sum(stored).toString()).toBe(SEED_000_TOTAL_YUAN);
    expect(wb.state).toMatchObject({ revision: 1, canUndo: true, undoLabel: '导入种子000' });
  });

  it('reads bare amounts in 元 when the workbook unit is 元', async () => {
    const core = temp.core();
    const wb = await createSeed000Workbook(core, { meta: { moneyUnit: '元' } });
    const stored = await rows(core, wb.path);
    expect(stored.map((r) => r.cells.amount)).toEqual(SEED_000_ROWS.map((r) => r.amount));
    expect(stored.map((r) => r.cells)).toEqual(seed000StoredCells('元'));
  });

  it('refuses an unknown table set and an unknown table', async () => {
    const core = temp.core();
    await callErr(core, 'library.create', { meta: { deptName: 'x', year: 2020, tableSetId: 'no-such-set' } }, 'NOT_FOUND');
    const file = await createWorkbook(core);
    await callErr(core, 'workbook.rows', { path: file, tableId: 'no-such-table' }, 'NOT_FOUND');
    await callErr(core, 'workbook.change', { path: file, change: { edits: [{ kind: 'insertRows', tableId: 'no-such-table', index: 0, rows: [{}] }] } }, 'NOT_FOUND');
  });

  it('the seed fixture matches the source document, where shared/seeds is present', () => {
    const source = path.resolve(import.meta.dirname, '../../../shared/seeds', SEED_000_SOURCE_FILE);
    if (!existsSync(source)) return;
    // The source uses LF line ends and a tab before each cell.
    const text = readFileSync(source, 'utf8').split('附件3-2')[0]!;
    for (const row of SEED_000_ROWS) {
      expect(text).toContain(`\t${row.seq}\n\t${row.name}\n\t${row.direction}\n\t${row.amount}\n\t${row.goalPeriod}\n\t${row.goalYear}\n`);
    }
  });
});

describe('edits', () => {
  it('insertRows at the start, middle, end and past the end', async () => {
    const core = temp.core();
    const file = await createWorkbook(core);
    await insert(core, file, 0, named('b', 'c'));
    await insert(core, file, 0, named('a'));
    await insert(core, file, 3, named('e'));
    await insert(core, file, 3, named('d'));
    await insert(core, file, 99, named('f'));
    expect(await names(core, file)).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
  });

  it('setCells normalises text and numbers and can clear a cell', async () => {
    const core = temp.core();
    const file = await createWorkbook(core);
    const [id] = await insert(core, file, 0, [{ name: 'x', amount: '1' }]);
    await change(core, file, [
      {
        kind: 'setCells',
        tableId: T,
        cells: [
          { rowId: id!, col: 'name', text: '  外事经费 \r\n第二行 ' },
          { rowId: id!, col: 'amount', text: '１，２３４．５' },
          { rowId: id!, col: 'direction', text: '政府事务支出' },
        ],
      },
    ]);
    expect((await rows(core, file))[0]!.cells).toEqual({ name: '外事经费 \n第二行', amount: '12345000', direction: '政府事务支出' });
    await change(core, file, [
      {
        kind: 'setCells',
        tableId: T,
        cells: [
          { rowId: id!, col: 'amount', text: '-' },
          { rowId: id!, col: 'direction', text: '   ' },
        ],
      },
    ]);
    expect((await rows(core, file))[0]!.cells).toEqual({ name: '外事经费 \n第二行' });
  });

  it('refuses a computed cell of a fixed table, naming it as printed rather than by its keys', async () => {
    const core = temp.core();
    const file = await createWorkbook(core, { year: 2024, tableSetId: 'national-9' });
    const set = (rowId: string, col: string) =>
      callErr(core, 'workbook.change', { path: file, change: { edits: [{ kind: 'setCells', tableId: 'szzb', cells: [{ rowId, col, text: '5' }] }] } }, 'VALIDATION');
    // 部门收支总表: 一般公共服务支出 is summed from the budget; only 年末结转结余 is typed.
    const computed = await set('f201', 'expenseAmount');
    expect(computed.message).toContain('“一、一般公共服务支出”行的“支出-预算数”栏');
    expect(computed.message).not.toMatch(/f201|expenseAmount/);
    await callOk(core, 'workbook.change', { path: file, change: { edits: [{ kind: 'setCells', tableId: 'szzb', cells: [{ rowId: 'carry', col: 'expenseAmount', text: '5' }] }] } });
  });

  it('deleteRows removes exactly the given rows and keeps the order of the rest', async () => {
    const core = temp.core();
    const file = await createWorkbook(core);
    const ids = await insert(core, file, 0, named('a', 'b', 'c', 'd', 'e'));
    await change(core, file, [{ kind: 'deleteRows', tableId: T, rowIds: [ids[3]!, ids[0]!] }]);
    expect(await names(core, file)).toEqual(['b', 'c', 'e']);
    await insert(core, file, 1, named('x'));
    expect(await names(core, file)).toEqual(['b', 'x', 'c', 'e']);
    await callErr(core, 'workbook.change', { path: file, change: { edits: [{ kind: 'deleteRows', tableId: T, rowIds: [ids[0]!] }] } }, 'NOT_FOUND');
  });

  it('moveRow down, up, to the end and beyond it', async () => {
    const core = temp.core();
    const file = await createWorkbook(core);
    const [a, b, c, d] = await insert(core, file, 0, named('a', 'b', 'c', 'd'));
    await change(core, file, [{ kind: 'moveRow', tableId: T, rowId: a!, toIndex: 2 }]);
    expect(await names(core, file)).toEqual(['b', 'c', 'a', 'd']);
    await change(core, file, [{ kind: 'moveRow', tableId: T, rowId: d!, toIndex: 0 }]);
    expect(await names(core, file)).toEqual(['d', 'b', 'c', 'a']);
    await change(core, file, [{ kind: 'moveRow', tableId: T, rowId: b!, toIndex: 50 }]);
    expect(await names(core, file)).toEqual(['d', 'c', 'a', 'b']);
    await change(core, file, [{ kind: 'moveRow', tableId: T, rowId: c!, toIndex: 1 }]);
    expect(await names(core, file)).toEqual(['d', 'c', 'a', 'b']);
    // Positions stay dense: inserting at 2 lands between c and a.
    await insert(core, file, 2, named('n'));
    expect(await names(core, file)).toEqual(['d', 'c', 'n', 'a', 'b']);
  });

  it('a change with several edits sees its own earlier edits (insert then fill)', async () => {
    const core = temp.core();
    const file = await createWorkbook(core);
    const res = await change(core, file, [
      { kind: 'insertRows', tableId: T, index: 0, rows: [{ name: 'a' }, { name: 'b' }] },
      { kind: 'setMeta', patch: { scope: '汇总' } },
    ]);
    expect(res.insertedRowIds).toHaveLength(2);
    expect(res.tablesChanged).toEqual(['*meta', T]);
    expect(res.state.meta.scope).toBe('汇总');
    expect(res.state.revision).toBe(1);
  });
});

describe('refusals store nothing', () => {
  it('INVALID_NUMBER refuses the whole change: earlier edits of it are not kept, revision unchanged', async () => {
    const core = temp.core();
    const wb = await createSeed000Workbook(core);
    const before = await rows(core, wb.path);
    const rev = await revision(core, wb.path);
    const err = await callErr(
      core,
      'workbook.change',
      {
        path: wb.path,
        change: {
          edits: [
            { kind: 'setCells', tableId: T, cells: [{ rowId: wb.rowIds[0]!, col: 'amount', text: '99' }] },
            { kind: 'insertRows', tableId: T, index: 0, rows: [{ name: '新项目', amount: '3' }] },
            { kind: 'setCells', tableId: T, cells: [{ rowId: wb.rowIds[2]!, col: 'amount', text: '1,2' }] },
          ],
        },
      },
      'INVALID_NUMBER',
    );
    expect(err.message).toContain('“1,2”不是有效的金额或数字');
    // Rows are numbered as they stand within the change: the insert above moved row 3 to row 4.
    expect(err.message).toContain('第4行“资金总额”');
    expect(await rows(core, wb.path)).toEqual(before);
    const state = await callOk(core, 'workbook.open', { path: wb.path });
    expect(state.revision).toBe(rev);
    expect(state.undoLabel).toBe('导入种子000');
    // Also for a refused insert: nothing inserted.
    await callErr(core, 'workbook.change', { path: wb.path, change: { edits: [{ kind: 'insertRows', tableId: T, index: 0, rows: [{ name: 'x' }, { amount: '八万' }] }] } }, 'INVALID_NUMBER');
    expect(await rows(core, wb.path)).toEqual(before);
    expect(await revision(core, wb.path)).toBe(rev);
  });

  it('an unknown column is a VALIDATION error and stores nothing', async () => {
    const core = temp.core();
    const file = await createWorkbook(core);
    const [id] = await insert(core, file, 0, named('a'));
    const err = await callErr(core, 'workbook.change', { path: file, change: { edits: [{ kind: 'setCells', tableId: T, cells: [{ rowId: id!, col: 'budget', text: '1' }] }] } }, 'VALIDATION');
    expect(err.message).toContain('没有列 budget');
    await callErr(core, 'workbook.change', { path: file, change: { edits: [{ kind: 'insertRows', tableId: T, index: 0, rows: [{ name: 'b', nope: 'x' }] }] } }, 'VALIDATION');
    expect(await names(core, file)).toEqual(['a']);
    expect(await revision(core, file)).toBe(1);
  });

  it('a stale baseRevision is a CONFLICT and stores nothing; the current one is accepted', async () => {
    const core = temp.core();
    const file = await createWorkbook(core);
    const [id] = await insert(core, file, 0, named('a'));
    const err = await callErr(core, 'workbook.change', { path: file, change: { baseRevision: 0, edits: [{ kind: 'setCells', tableId: T, cells: [{ rowId: id!, col: 'name', text: 'b' }] }] } }, 'CONFLICT');
    expect(err.message).toContain('已被其他操作修改');
    expect(await names(core, file)).toEqual(['a']);
    const res = await change(core, file, [{ kind: 'setCells', tableId: T, cells: [{ rowId: id!, col: 'name', text: 'b' }] }], { baseRevision: 1 });
    expect(res.state.revision).toBe(2);
    expect(await names(core, file)).toEqual(['b']);
  });

  it('an unknown row id is NOT_FOUND and stores nothing', async () => {
    const core = temp.core();
    const file = await createWorkbook(core);
    await insert(core, file, 0, named('a'));
    await callErr(core, 'workbook.change', { path: file, change: { edits: [{ kind: 'moveRow', tableId: T, rowId: 'rnope', toIndex: 0 }] } }, 'NOT_FOUND');
    expect(await revision(core, file)).toBe(1);
  });
});

describe('undo and redo', () => {
  /** Applies `edits`, then checks undo restores `before` and redo restores `after`, twice over. */
  async function roundTrip(core: Core, file: string, edits: Edit[], label: string): Promise<void> {
    const before = await rows(core, file);
    const metaBefore = (await callOk(core, 'workbook.open', { path: file })).meta;
    const done = await change(core, file, edits, { label });
    const after = await rows(core, file);
    if (edits.some((e) => e.kind !== 'setMeta')) expect(after).not.toEqual(before);
    expect(done.state.undoLabel).toBe(label);
    for (let i = 0; i < 2; i++) {
      const undone = await callOk(core, 'workbook.undo', { path: file });
      expect(await rows(core, file)).toEqual(before);
      expect(undone.state.meta).toEqual(metaBefore);
      expect(undone.state).toMatchObject({ canRedo: true, redoLabel: label });
      const redone = await callOk(core, 'workbook.redo', { path: file });
      expect(await rows(core, file)).toEqual(after);
      expect(redone.state.meta).toEqual(done.state.meta);
      expect(redone.state).toMatchObject({ canRedo: false, undoLabel: label });
    }
  }

  it('undoes and redoes each kind of edit, and multi-edit changes as one step', async () => {
    const core = temp.core();
    const wb = await createSeed000Workbook(core);
    const ids = wb.rowIds;
    await roundTrip(core, wb.path, [{ kind: 'setCells', tableId: T, cells: [{ rowId: ids[0]!, col: 'amount', text: '111.6768' }] }], '改金额');
    await roundTrip(core, wb.path, [{ kind: 'setCells', tableId: T, cells: [{ rowId: ids[1]!, col: 'goalYear', text: '' }] }], '清空');
    await roundTrip(core, wb.path, [{ kind: 'insertRows', tableId: T, index: 5, rows: [{ name: '新增一' }, { name: '新增二', amount: '3' }] }], '插入');
    await roundTrip(core, wb.path, [{ kind: 'deleteRows', tableId: T, rowIds: [ids[11]!, ids[0]!, ids[6]!] }], '删除');
    await roundTrip(core, wb.path, [{ kind: 'moveRow', tableId: T, rowId: ids[2]!, toIndex: 9 }], '上移');
    await roundTrip(core, wb.path, [{ kind: 'moveRow', tableId: T, rowId: ids[10]!, toIndex: 0 }], '下移');
    await roundTrip(
      core,
      wb.path,
      [
        { kind: 'insertRows', tableId: T, index: 0, rows: [{ name: '粘贴行', amount: '1' }] },
        {
          kind: 'setCells',
          tableId: T,
          cells: [
            { rowId: ids[3]!, col: 'amount', text: '7' },
            { rowId: ids[3]!, col: 'amount', text: '9' },
            { rowId: ids[4]!, col: 'name', text: '改名' },
          ],
        },
        { kind: 'deleteRows', tableId: T, rowIds: [ids[5]!] },
        { kind: 'moveRow', tableId: T, rowId: ids[7]!, toIndex: 0 },
        { kind: 'setMeta', patch: { deptName: '改名部门', year: 2020 } },
      ],
      '粘贴',
    );
  });

  it('undoes several steps in order and redoes them in order', async () => {
    const core = temp.core();
    const file = await createWorkbook(core);
    const [id] = await insert(core, file, 0, [{ name: 'v0' }]);
    for (const v of ['v1', 'v2', 'v3']) await change(core, file, [{ kind: 'setCells', tableId: T, cells: [{ rowId: id!, col: 'name', text: v }] }], { label: v });
    const seen: string[] = [];
    for (let i = 0; i < 3; i++) {
      await callOk(core, 'workbook.undo', { path: file });
      seen.push((await names(core, file))[0]!);
    }
    expect(seen).toEqual(['v2', 'v1', 'v0']);
    await callOk(core, 'workbook.undo', { path: file });
    expect(await names(core, file)).toEqual([]);
    const err = await callErr(core, 'workbook.undo', { path: file }, 'NOTHING_TO_UNDO');
    expect(err.message).toBe('没有可以撤销的操作。');
    const redone: string[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await callOk(core, 'workbook.redo', { path: file });
      redone.push((await names(core, file))[0] ?? '');
      expect(r.state.canRedo).toBe(i < 3);
    }
    expect(redone).toEqual(['v0', 'v1', 'v2', 'v3']);
    await callErr(core, 'workbook.redo', { path: file }, 'NOTHING_TO_REDO');
  });

  it('a new edit clears what could be redone', async () => {
    const core = temp.core();
    const file = await createWorkbook(core);
    const [id] = await insert(core, file, 0, [{ name: 'a' }]);
    await change(core, file, [{ kind: 'setCells', tableId: T, cells: [{ rowId: id!, col: 'name', text: 'b' }] }]);
    await callOk(core, 'workbook.undo', { path: file });
    const res = await change(core, file, [{ kind: 'setCells', tableId: T, cells: [{ rowId: id!, col: 'name', text: 'c' }] }], { label: '新编辑' });
    expect(res.state).toMatchObject({ canRedo: false, redoLabel: null, undoLabel: '新编辑' });
    await callErr(core, 'workbook.redo', { path: file }, 'NOTHING_TO_REDO');
    await callOk(core, 'workbook.undo', { path: file });
    expect(await names(core, file)).toEqual(['a']);
  });

  it('undo and redo move the revision forward and a refused undo leaves it', async () => {
    const core = temp.core();
    const file = await createWorkbook(core);
    await insert(core, file, 0, named('a'));
    expect((await callOk(core, 'workbook.undo', { path: file })).state.revision).toBe(2);
    expect((await callOk(core, 'workbook.redo', { path: file })).state.revision).toBe(3);
    await callErr(core, 'workbook.redo', { path: file }, 'NOTHING_TO_REDO');
    expect(await revision(core, file)).toBe(3);
  });

  it('undo and redo survive closing the workbook and restarting the app', async () => {
    let core = temp.core();
    const wb = await createSeed000Workbook(core);
    const seeded = await rows(core, wb.path);
    await change(core, wb.path, [{ kind: 'setCells', tableId: T, cells: [{ rowId: wb.rowIds[0]!, col: 'amount', text: '12' }] }], { label: '改为12' });
    await change(core, wb.path, [{ kind: 'deleteRows', tableId: T, rowIds: [wb.rowIds[1]!] }], { label: '删一行' });
    const edited = await rows(core, wb.path);
    await callOk(core, 'workbook.undo', { path: wb.path });
    const afterUndo = await rows(core, wb.path);
    await callOk(core, 'workbook.close', { path: wb.path });

    core = temp.restart(core);
    const reopened = await callOk(core, 'workbook.open', { path: wb.path });
    expect(reopened).toMatchObject({ canUndo: true, undoLabel: '改为12', canRedo: true, redoLabel: '删一行', revision: 4 });
    expect(await rows(core, wb.path)).toEqual(afterUndo);
    await callOk(core, 'workbook.redo', { path: wb.path });
    expect(await rows(core, wb.path)).toEqual(edited);

    core = temp.restart(core);
    await callOk(core, 'workbook.undo', { path: wb.path });
    await callOk(core, 'workbook.undo', { path: wb.path });
    expect(await rows(core, wb.path)).toEqual(seeded);
    expect((await rows(core, wb.path))[0]!.cells.amount).toBe('80000');

    core = temp.restart(core);
    const last = await callOk(core, 'workbook.undo', { path: wb.path });
    expect(await rows(core, wb.path)).toEqual([]);
    expect(last.state).toMatchObject({ canUndo: false, canRedo: true, redoLabel: '导入种子000' });
  });
});

describe('meta', () => {
  it('setMeta is validated, stored and undoable', async () => {
    const core = temp.core();
    const file = await createWorkbook(core, { deptName: '旧名' });
    const res = await change(core, file, [{ kind: 'setMeta', patch: { deptName: '  新名  ', year: 2025, moneyUnit: '元', unitCode: '101001' } }], { label: '改信息' });
    expect(res.state.meta).toMatchObject({ deptName: '新名', year: 2025, moneyUnit: '元', unitCode: '101001' });
    expect(res.tablesChanged).toEqual(['*meta']);
    const undone = await callOk(core, 'workbook.undo', { path: file });
    expect(undone.state.meta).toMatchObject({ deptName: '旧名', year: 2019, moneyUnit: '万元', unitCode: '' });
    const redone = await callOk(core, 'workbook.redo', { path: file });
    expect(redone.state.meta.deptName).toBe('新名');
  });

  it('refuses years out of range, an empty 部门名称 and unknown keys, storing nothing', async () => {
    const core = temp.core();
    const file = await createWorkbook(core);
    for (const patch of [{ year: 1999 }, { year: 2101 }, { year: 2020.5 }, { deptName: '' }, { deptName: '   ' }, { deptName: 'x'.repeat(101) }, { moneyUnit: '千元' }, { colour: 'red' }]) {
      const err = await callErr(core, 'workbook.change', { path: file, change: { edits: [{ kind: 'setMeta', patch }] } }, 'VALIDATION');
      expect(err.message, JSON.stringify(patch)).toMatch(/^输入不符合要求/);
    }
    for (const meta of [{ deptName: '', year: 2020 }, { deptName: '  ', year: 2020 }, { deptName: 'a', year: 1900 }, { deptName: 'a' }]) {
      await callErr(core, 'library.create', { meta }, 'VALIDATION');
    }
    const state = await callOk(core, 'workbook.open', { path: file });
    expect(state).toMatchObject({ revision: 0, canUndo: false });
    expect(state.meta).toMatchObject({ deptName: '测试部门', year: 2019 });
  });

  it('a change of 金额单位 keeps stored 元 values and reads later input in the new unit', async () => {
    const core = temp.core();
    const wb = await createSeed000Workbook(core);
    await change(core, wb.path, [{ kind: 'setMeta', patch: { moneyUnit: '元' } }]);
    expect((await rows(core, wb.path))[0]!.cells.amount).toBe('80000');
    await change(core, wb.path, [{ kind: 'setCells', tableId: T, cells: [{ rowId: wb.rowIds[0]!, col: 'amount', text: '8' }] }]);
    expect((await rows(core, wb.path))[0]!.cells.amount).toBe('8');
    expect((await rows(core, wb.path))[1]!.cells.amount).toBe('50000');
    // Back to 万元: the same stored 元, and new input is read as 万元 again.
    await change(core, wb.path, [{ kind: 'setMeta', patch: { moneyUnit: SEED_000_META.moneyUnit } }]);
    await change(core, wb.path, [{ kind: 'setCells', tableId: T, cells: [{ rowId: wb.rowIds[1]!, col: 'amount', text: '8' }] }]);
    expect((await rows(core, wb.path)).slice(0, 2).map((r) => r.cells.amount)).toEqual(['8', '80000']);
  });
});

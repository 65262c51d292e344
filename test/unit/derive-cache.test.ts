import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core.js';
import type { Edit } from '../../shared/api/contract.js';
import { DeriveEngine, FACT_TABLES, FactBase, type ModelRows } from '../../shared/derive/index.js';
import { builtinCodeList } from '../../shared/reference/builtin.js';
import { TableSetRegistry } from '../../shared/tables/registry.js';
import { callOk, makeCore } from '../helpers/core.js';
import { createSeed001Workbook, printed } from '../fixtures/seed001/load.js';

/**
 * The per-workbook cache re-reads only what a change touched. Whatever path a change takes (a cell
 * edit, inserted or deleted rows, undo/redo, a change the cache was not told about), the tables must
 * equal those computed from scratch from the rows the API returns.
 */

const registry = new TableSetRegistry();
let core: Core;
let file: string;
const ids = ['szzb', 'zczb', 'jbzc-yzjf', 'xmzc-mx', 'sgjf', 'ybgg-zc', 'ybgg-jbzc'];

/** The tables computed from scratch from the rows as the API returns them now. */
async function expectFresh(step: string): Promise<void> {
  const model: ModelRows = {};
  for (const store of Object.values(FACT_TABLES)) model[store] = (await callOk(core, 'workbook.rows', { path: file, tableId: store })).rows;
  const meta = core.workbook(file).meta();
  const base = new FactBase(meta.year);
  base.update(model);
  const lists = { function: builtinCodeList('function', meta.year)!, econDept: builtinCodeList('econDept', meta.year)!, econGov: builtinCodeList('econGov', meta.year)! };
  const engine = new DeriveEngine(registry.get(meta.tableSetId)!.tables, base, { meta, lists });
  for (const tableId of ids) {
    const cached = printed(await callOk(core, 'workbook.derived', { path: file, tableId }));
    expect([step, tableId, cached]).toEqual([step, tableId, printed(engine.table(tableId))]);
  }
}

const change = (edits: Edit[]) => callOk(core, 'workbook.change', { path: file, change: { edits } });

beforeAll(async () => {
  core = makeCore();
  file = await createSeed001Workbook(core);
  for (const tableId of ids) await callOk(core, 'workbook.derived', { path: file, tableId });
});
afterAll(() => core.closeAll());

describe('derived-table cache', () => {
  it('follows cell edits, inserts, deletes, moves, undo and redo', async () => {
    const lines = (await callOk(core, 'workbook.rows', { path: file, tableId: 'fact-lines' })).rows;
    const projects = (await callOk(core, 'workbook.rows', { path: file, tableId: 'fact-projects' })).rows;
    await change([{ kind: 'setCells', tableId: 'fact-lines', cells: [{ rowId: lines[0]!.id, col: 'amount', text: '120' }, { rowId: lines[5]!.id, col: 'econCode', text: '30208' }] }]);
    await expectFresh('setCells');
    await change([{ kind: 'setCells', tableId: 'fact-projects', cells: [{ rowId: projects[1]!.id, col: 'category', text: '其他专项' }] }]);
    await expectFresh('project category');
    const inserted = await change([{ kind: 'insertRows', tableId: 'fact-lines', index: 3, rows: [{ funcCode: '2010350', econCode: '30101', fundSource: '经费拨款', amount: '7.5' }] }]);
    await expectFresh('insertRows');
    await change([{ kind: 'moveRow', tableId: 'fact-lines', rowId: inserted.insertedRowIds[0]!, toIndex: 0 }]);
    await expectFresh('moveRow');
    await change([{ kind: 'deleteRows', tableId: 'fact-lines', rowIds: [lines[1]!.id, lines[2]!.id] }]);
    await expectFresh('deleteRows');
    await callOk(core, 'workbook.undo', { path: file });
    await expectFresh('undo');
    await callOk(core, 'workbook.undo', { path: file });
    await callOk(core, 'workbook.redo', { path: file });
    await expectFresh('undo undo redo');
    await change([{ kind: 'setMeta', patch: { deptName: '株洲市石峰区人民政府办公室（改名）' } }]);
    await expectFresh('setMeta');
    expect((await callOk(core, 'workbook.derived', { path: file, tableId: 'sgjf' })).unitLine).toBe('单位名称：株洲市石峰区人民政府办公室（改名）');
  });

  it('a change it was not told about makes it read everything again', async () => {
    const lines = (await callOk(core, 'workbook.rows', { path: file, tableId: 'fact-lines' })).rows;
    await callOk(core, 'workbook.derived', { path: file, tableId: 'szzb' });
    // Straight to the workbook, bypassing the API (as another writer would).
    core.workbook(file).change({ edits: [{ kind: 'setCells', tableId: 'fact-lines', cells: [{ rowId: lines[0]!.id, col: 'amount', text: '1' }] }] });
    await change([{ kind: 'setCells', tableId: 'fact-lines', cells: [{ rowId: lines[1]!.id, col: 'amount', text: '2' }] }]);
    await expectFresh('unannounced, then announced');
    await change([{ kind: 'setCells', tableId: 'fact-lines', cells: [{ rowId: lines[2]!.id, col: 'amount', text: '3' }] }]);
    core.workbook(file).change({ edits: [{ kind: 'setCells', tableId: 'fact-lines', cells: [{ rowId: lines[3]!.id, col: 'amount', text: '4' }] }] });
    await expectFresh('announced, then unannounced');
  });
});

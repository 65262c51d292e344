import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core.js';
import { CoreError, toApiError } from '../../electron/core/errors.js';
import { LATEST_VERSION } from '../../electron/core/workbook/migrations.js';
import { methodNames } from '../../shared/api/contract.js';
import { describeError } from '../../shared/api/errors-zh.js';
import { errorCodes, type Result } from '../../shared/api/result.js';
import { callOk, createWorkbook } from '../helpers/core.js';
import { useTempDirs } from '../helpers/hooks.js';
import { SEED_000_TABLE_ID } from '../helpers/seed000.js';

const temp = useTempDirs();
const T = SEED_000_TABLE_ID;

/** Calls and checks the answer is a plain JSON value (what every host relays), never a throw. */
async function call(core: Core, method: string, input: unknown): Promise<Result<unknown>> {
  let result: Result<unknown> | undefined;
  await expect(
    (async () => {
      result = await core.call(method, input);
    })(),
  ).resolves.toBeUndefined();
  expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  return result!;
}

async function expectValidation(core: Core, method: string, input: unknown): Promise<string> {
  const r = await call(core, method, input);
  expect(r.ok, `${method} accepted ${JSON.stringify(input)?.slice(0, 200)}`).toBe(false);
  if (r.ok) return '';
  expect(r.error.code, `${method} ${JSON.stringify(input)?.slice(0, 200)}: ${r.error.message}`).toBe('VALIDATION');
  expect(r.error.message).toMatch(/^输入不符合要求/);
  expect(r.error.message).toMatch(/请检查后重试。$/);
  return r.error.message;
}

describe('method names', () => {
  it('answers UNKNOWN_METHOD for names not in the contract, including Object.prototype members', async () => {
    const core = temp.core();
    for (const name of ['nope', '', 'workbook', 'workbook.delete', 'Workbook.open', 'toString', '__proto__', 'constructor', 'hasOwnProperty', 'valueOf']) {
      const r = await call(core, name, {});
      expect(r.ok, name).toBe(false);
      if (r.ok) continue;
      expect(r.error.code).toBe('UNKNOWN_METHOD');
      expect(r.error.message).toContain(`（${name}）`);
      expect(r.error.message).toContain('请升级到最新版本');
    }
    const long = await call(core, 'x'.repeat(5000), {});
    expect(long.ok).toBe(false);
    if (!long.ok) expect(long.error.message).toContain(`（${'x'.repeat(80)}）`);
    expect(long.ok || long.error.message.includes('x'.repeat(81))).toBe(false);
  });

  it('every contract method has a handler: none answers UNKNOWN_METHOD or INTERNAL for empty input', async () => {
    const core = temp.core();
    for (const name of methodNames) {
      const r = await call(core, name, {});
      if (!r.ok) expect(['VALIDATION', 'NOT_FOUND'], `${name}: ${r.error.code} ${r.error.message}`).toContain(r.error.code);
    }
  });
});

describe('input validation', () => {
  it('accepts missing input for methods without fields, refuses it for the others', async () => {
    const core = temp.core();
    for (const input of [undefined, null, {}]) {
      const r = await call(core, 'app.info', input);
      expect(r).toMatchObject({ ok: true, value: { host: 'test', formatVersion: LATEST_VERSION, dataDir: core.options.dataDir } });
    }
    for (const input of [undefined, null, {}]) await expectValidation(core, 'workbook.open', input);
  });

  it('refuses inputs that are not objects', async () => {
    const core = temp.core();
    for (const input of ['workbook.bdwb', 42, true, [], ['a'], 0, '']) {
      await expectValidation(core, 'workbook.open', input);
      await expectValidation(core, 'app.info', input);
    }
  });

  it('refuses missing fields and names the field', async () => {
    const core = temp.core();
    expect(await expectValidation(core, 'workbook.rows', { path: '/x.bdwb' })).toContain('tableId');
    expect(await expectValidation(core, 'library.create', { meta: { year: 2020 } })).toContain('meta.deptName');
    expect(await expectValidation(core, 'library.rename', { path: '/x.bdwb' })).toContain('newName');
    expect(await expectValidation(core, 'workbook.change', { path: '/x.bdwb' })).toContain('change');
    expect(await expectValidation(core, 'workbook.change', { path: '/x.bdwb', change: {} })).toContain('change.edits');
    expect(await expectValidation(core, 'library.restore', {})).toContain('recycledPath');
  });

  it('refuses wrong types', async () => {
    const core = temp.core();
    const p = '/tmp/x.bdwb';
    const cases: [string, unknown][] = [
      ['workbook.open', { path: 5 }],
      ['workbook.open', { path: ['a'] }],
      ['workbook.open', { path: { toString: 'a' } }],
      ['workbook.open', { path: '' }],
      ['workbook.rows', { path: p, tableId: 1 }],
      ['library.create', { meta: { deptName: '财政局', year: '2020' } }],
      ['library.create', { meta: { deptName: '财政局', year: 2020, moneyUnit: '美元' } }],
      ['library.create', { meta: 'x' }],
      ['workbook.change', { path: p, change: { edits: 'setCells' } }],
      ['workbook.change', { path: p, change: { edits: [] } }],
      ['workbook.change', { path: p, change: { edits: [{ kind: 'dropTable', tableId: T }] } }],
      ['workbook.change', { path: p, change: { edits: [{ tableId: T, cells: [] }] } }],
      ['workbook.change', { path: p, change: { edits: [{ kind: 'setCells', tableId: T, cells: [] }] } }],
      ['workbook.change', { path: p, change: { edits: [{ kind: 'setCells', tableId: T, cells: [{ rowId: 'r1', col: 'amount', text: 12 }] }] } }],
      ['workbook.change', { path: p, change: { edits: [{ kind: 'setCells', tableId: T, cells: [{ rowId: 'r1', col: 'amount', text: null }] }] } }],
      ['workbook.change', { path: p, change: { edits: [{ kind: 'insertRows', tableId: T, index: -1, rows: [{}] }] } }],
      ['workbook.change', { path: p, change: { edits: [{ kind: 'insertRows', tableId: T, index: 1.5, rows: [{}] }] } }],
      ['workbook.change', { path: p, change: { edits: [{ kind: 'insertRows', tableId: T, index: 0, rows: [] }] } }],
      ['workbook.change', { path: p, change: { edits: [{ kind: 'insertRows', tableId: T, index: 0, rows: [{ amount: 5 }] }] } }],
      ['workbook.change', { path: p, change: { edits: [{ kind: 'insertRows', tableId: T, index: 0, rows: [{ '': 'x' }] }] } }],
      ['workbook.change', { path: p, change: { edits: [{ kind: 'moveRow', tableId: T, rowId: 'r1', toIndex: '3' }] } }],
      ['workbook.change', { path: p, change: { edits: [{ kind: 'deleteRows', tableId: T, rowIds: 'r1' }] } }],
      ['workbook.change', { path: p, change: { baseRevision: -1, edits: [{ kind: 'deleteRows', tableId: T, rowIds: ['r1'] }] } }],
      ['workbook.change', { path: p, change: { baseRevision: '3', edits: [{ kind: 'deleteRows', tableId: T, rowIds: ['r1'] }] } }],
      ['workbook.change', { path: p, change: { edits: [{ kind: 'setMeta', patch: { year: '2020' } }] } }],
    ];
    for (const [method, input] of cases) await expectValidation(core, method, input);
  });

  it('refuses unknown extra fields (strict objects)', async () => {
    const core = temp.core();
    await expectValidation(core, 'workbook.open', { path: '/x.bdwb', readOnly: true });
    await expectValidation(core, 'app.info', { verbose: true });
    await expectValidation(core, 'workbook.change', { path: '/x.bdwb', change: { edits: [{ kind: 'deleteRows', tableId: T, rowIds: ['r1'], force: true }] } });
    await expectValidation(core, 'workbook.change', { path: '/x.bdwb', change: { edits: [{ kind: 'setCells', tableId: T, cells: [{ rowId: 'r1', col: 'name', text: 'x', style: 'bold' }] }] } });
    await expectValidation(core, 'workbook.open', JSON.parse('{"path":"/x.bdwb","__proto__":{"polluted":true}}'));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses oversized strings and batches', async () => {
    const core = temp.core();
    await expectValidation(core, 'workbook.open', { path: `/${'a'.repeat(4096)}` });
    await expectValidation(core, 'workbook.rows', { path: '/x.bdwb', tableId: 't'.repeat(81) });
    await expectValidation(core, 'library.create', { meta: { deptName: '局'.repeat(101), year: 2020 } });
    await expectValidation(core, 'library.create', { meta: { deptName: '财政局', year: 2020 }, fileName: 'f'.repeat(121) });
    await expectValidation(core, 'library.rename', { path: '/x.bdwb', newName: 'n'.repeat(121) });
    await expectValidation(core, 'workbook.change', { path: '/x.bdwb', change: { label: 'l'.repeat(101), edits: [{ kind: 'deleteRows', tableId: T, rowIds: ['r1'] }] } });
    await expectValidation(core, 'workbook.change', { path: '/x.bdwb', change: { edits: [{ kind: 'setCells', tableId: T, cells: [{ rowId: 'r1', col: 'goalYear', text: '字'.repeat(20001) }] }] } });
    await expectValidation(core, 'workbook.change', { path: '/x.bdwb', change: { edits: [{ kind: 'setCells', tableId: T, cells: [{ rowId: 'r1', col: 'c'.repeat(61), text: '1' }] }] } });
    const tooManyEdits = Array.from({ length: 1001 }, () => ({ kind: 'deleteRows', tableId: T, rowIds: ['r1'] }));
    await expectValidation(core, 'workbook.change', { path: '/x.bdwb', change: { edits: tooManyEdits } });
    // The issue text in the message is bounded even for huge inputs.
    const msg = await expectValidation(core, 'workbook.open', { path: 'p'.repeat(100000) });
    expect(msg.length).toBeLessThan(400);
  });

  it('the longest accepted values are accepted', async () => {
    const core = temp.core();
    const file = await createWorkbook(core, { deptName: '局'.repeat(100) }, 'f'.repeat(100));
    const r = await callOk(core, 'workbook.change', {
      path: file,
      change: { label: 'l'.repeat(100), edits: [{ kind: 'insertRows', tableId: T, index: 0, rows: [{ goalYear: '字'.repeat(20000) }] }] },
    });
    expect(r.state.undoLabel).toBe('l'.repeat(100));
    expect((await callOk(core, 'workbook.rows', { path: file, tableId: T })).rows[0]!.cells.goalYear).toHaveLength(20000);
  });

  it('a validation failure has no effect on the workbook', async () => {
    const core = temp.core();
    const file = await createWorkbook(core);
    await expectValidation(core, 'workbook.change', { path: file, change: { edits: [{ kind: 'insertRows', tableId: T, index: 0, rows: [{ name: 'ok' }] }, { kind: 'bogus' }] } });
    const state = await callOk(core, 'workbook.open', { path: file });
    expect(state.revision).toBe(0);
    expect((await callOk(core, 'workbook.rows', { path: file, tableId: T })).rows).toEqual([]);
  });
});

describe('errors as values', () => {
  it('handler failures come back as error values with the path', async () => {
    const core = temp.core();
    const missing = path.join(core.library.libraryDir, '不存在.bdwb');
    const r = await call(core, 'workbook.open', { path: missing });
    expect(r).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    if (!r.ok) expect(r.error.message).toContain(missing);
    expect(await call(core, 'tablesets.get', { id: 'nope' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await call(core, 'workbook.undo', { path: missing })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('classifies thrown values: CoreError, SQLite codes, fs codes, anything else as INTERNAL', () => {
    expect(toApiError(new CoreError('CONFLICT'))).toEqual({ code: 'CONFLICT', message: describeError('CONFLICT') });
    const sqlite = (code: string) => Object.assign(new Error(code), { code });
    expect(toApiError(sqlite('SQLITE_FULL'), '/a.bdwb').code).toBe('DISK_FULL');
    expect(toApiError(sqlite('SQLITE_READONLY_DBMOVED')).code).toBe('READ_ONLY');
    expect(toApiError(sqlite('SQLITE_BUSY')).code).toBe('WORKBOOK_IN_USE');
    expect(toApiError(sqlite('SQLITE_CORRUPT'), '/a.bdwb')).toMatchObject({ code: 'WORKBOOK_CORRUPT', details: { path: '/a.bdwb' } });
    expect(toApiError(sqlite('SQLITE_NOTADB')).code).toBe('WORKBOOK_CORRUPT');
    expect(toApiError(sqlite('SQLITE_IOERR_WRITE')).code).toBe('IO_ERROR');
    expect(toApiError(sqlite('ENOSPC')).code).toBe('DISK_FULL');
    expect(toApiError(sqlite('EROFS')).code).toBe('READ_ONLY');
    expect(toApiError(sqlite('ENOENT'), '/a.bdwb').message).toContain('/a.bdwb');
    const internal = toApiError(new TypeError('x is undefined'));
    expect(internal.code).toBe('INTERNAL');
    expect(internal.message).toContain('x is undefined');
    expect(toApiError('a string').code).toBe('INTERNAL');
    expect(toApiError(null).code).toBe('INTERNAL');
    expect(toApiError(new Error('y'.repeat(1000))).message.length).toBeLessThan(400);
  });

  it('every error code has a Chinese message', () => {
    for (const code of errorCodes) {
      const text = describeError(code, { path: '/a.bdwb', text: 'x', issue: 'y', method: 'm', reason: 'r', size: '1', limit: '2', fileVersion: 3, supportedVersion: 1 });
      expect(text, code).toMatch(/[\u4e00-\u9fff]/);
      expect(text, code).not.toContain('undefined');
    }
  });
});

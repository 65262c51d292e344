import { rmSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Core } from '../../electron/core/core.js';
import { LEASE_MS, Leases } from '../../electron/core/lock.js';
import { callErr, callOk, createWorkbook } from '../helpers/core.js';
import { useTempDirs } from '../helpers/hooks.js';
import { SEED_000_TABLE_ID } from '../helpers/seed000.js';
import { buildWriter, startWriter } from '../durability/harness.js';

const temp = useTempDirs();
const IN_USE_TEXT = '已在另一个窗口或程序中打开';

describe('leases (one window per workbook inside one process)', () => {
  it('refuses another client while the lease is fresh, lets it lapse after 30 s, and only the holder releases', () => {
    let now = 1_000_000;
    const leases = new Leases(() => now);
    expect(leases.ttlMs).toBe(LEASE_MS);
    expect(LEASE_MS).toBe(30_000);
    leases.claim('/a.bdwb', 'w1');
    expect(() => leases.claim('/a.bdwb', 'w2')).toThrow(expect.objectContaining({ code: 'WORKBOOK_IN_USE' }));
    leases.claim('/b.bdwb', 'w2');
    now += 29_000;
    leases.claim('/a.bdwb', 'w1'); // renewed
    now += 29_000;
    expect(() => leases.claim('/a.bdwb', 'w2')).toThrow(expect.objectContaining({ code: 'WORKBOOK_IN_USE' }));
    now += 1_001;
    leases.claim('/a.bdwb', 'w2');
    expect(leases.holder('/a.bdwb')).toBe('w2');
    expect(leases.release('/a.bdwb', 'w1')).toBe(false);
    expect(leases.release('/a.bdwb', 'w2')).toBe(true);
    expect(leases.holder('/a.bdwb')).toBeUndefined();
  });
});

describe('workbook.open with clientId, workbook.heartbeat, workbook.release', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('a second window gets WORKBOOK_IN_USE; a reload of the same window reopens; a crashed window stops blocking after 30 s', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const core = temp.core();
    const file = await createWorkbook(core);
    await callOk(core, 'workbook.open', { path: file, clientId: 'window-1' });
    const err = await callErr(core, 'workbook.open', { path: file, clientId: 'window-2' }, 'WORKBOOK_IN_USE');
    expect(err.message).toContain(IN_USE_TEXT);
    await callOk(core, 'workbook.open', { path: file, clientId: 'window-1' });
    vi.advanceTimersByTime(20_000);
    expect(await callOk(core, 'workbook.heartbeat', { path: file, clientId: 'window-1' })).toEqual({ leaseMs: 30_000 });
    vi.advanceTimersByTime(20_000);
    await callErr(core, 'workbook.open', { path: file, clientId: 'window-2' }, 'WORKBOOK_IN_USE');
    // window-1 crashes: no more heartbeats.
    vi.advanceTimersByTime(10_001);
    const state = await callOk(core, 'workbook.open', { path: file, clientId: 'window-2' });
    expect(state.path).toBe(file);
    await callErr(core, 'workbook.heartbeat', { path: file, clientId: 'window-1' }, 'WORKBOOK_IN_USE');
  });

  it('release hands the workbook over at once and closes the file; only the holder can release', async () => {
    const core = temp.core();
    const file = await createWorkbook(core);
    await callOk(core, 'workbook.open', { path: file, clientId: 'a' });
    await callOk(core, 'workbook.release', { path: file, clientId: 'b' });
    await callErr(core, 'workbook.open', { path: file, clientId: 'b' }, 'WORKBOOK_IN_USE');
    await callOk(core, 'workbook.release', { path: file, clientId: 'a' });
    // Closed: another Core (another program) can open it now.
    const other = temp.core(core.options.dataDir);
    await callOk(other, 'workbook.open', { path: file });
    other.closeAll();
    await callOk(core, 'workbook.open', { path: file, clientId: 'b' });
  });

  it('calls without a clientId (CLI, local host) are not subject to leases', async () => {
    const core = temp.core();
    const file = await createWorkbook(core);
    await callOk(core, 'workbook.open', { path: file, clientId: 'a' });
    await callOk(core, 'workbook.open', { path: file });
    await callErr(core, 'workbook.heartbeat', { path: file }, 'VALIDATION');
  });
});

describe('another process', () => {
  let script = '';
  beforeAll(async () => {
    script = await buildWriter();
  }, 60_000);
  afterAll(() => {
    if (script) rmSync(script, { force: true });
  });

  it('gets WORKBOOK_IN_USE while a process holds the workbook; a holder killed mid-work does not block the next open', async () => {
    const dataDir = temp.make();
    const setup = new Core({ dataDir, host: 'test' });
    const file = await createWorkbook(setup);
    setup.closeAll();

    const holder = await startWriter(script, ['hold', dataDir, file, '子进程写入的行'], 'HELD');
    const core = temp.core(dataDir);
    try {
      const err = await callErr(core, 'workbook.open', { path: file }, 'WORKBOOK_IN_USE');
      expect(err.message).toContain(IN_USE_TEXT);
      await callErr(core, 'workbook.rows', { path: file, tableId: SEED_000_TABLE_ID }, 'WORKBOOK_IN_USE');
    } finally {
      await holder.kill();
    }
    const state = await callOk(core, 'workbook.open', { path: file });
    expect(state.revision).toBe(1);
    const { rows } = await callOk(core, 'workbook.rows', { path: file, tableId: SEED_000_TABLE_ID });
    expect(rows.map((r) => r.cells.name)).toEqual(['子进程写入的行']);
  });
});

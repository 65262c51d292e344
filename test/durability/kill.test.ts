import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Core } from '../../electron/core/core.js';
import { LATEST_VERSION } from '../../electron/core/workbook/migrations.js';
import type { Edit } from '../../shared/api/contract.js';
import { createWorkbook } from '../helpers/core.js';
import { useTempDirs } from '../helpers/hooks.js';
import { buildWriter, inspectRaw, runWriter } from './harness.js';
import { applyBurst, mulberry32, sameRows, TABLE_ID, type ModelRow } from './model.js';

const temp = useTempDirs('budgetdesk-kill-');
let script = '';

beforeAll(async () => {
  script = await buildWriter();
}, 60_000);
afterAll(() => {
  if (script) rmSync(script, { force: true });
});

const MIN_ROUNDS = 30;
const MIN_BURSTS = 500;

/** Reads the workbook after a kill: odd rounds through a fresh Core (the app's real open path), even rounds read-only so the next child meets the -wal. */
function inspectAfterKill(dataDir: string, file: string, viaCore: boolean) {
  if (!viaCore) return inspectRaw(file, TABLE_ID);
  const core = new Core({ dataDir, host: 'test' });
  try {
    const wb = core.workbook(file);
    return { integrity: String(wb.db.pragma('integrity_check', { simple: true })), revision: wb.revision(), rows: wb.rows(TABLE_ID), userVersion: LATEST_VERSION };
  } finally {
    core.closeAll();
  }
}

describe('SIGKILL at random moments', () => {
  it('never corrupts the workbook and never loses an acknowledged edit', async () => {
    const started = Date.now();
    const dataDir = temp.make();
    const setup = new Core({ dataDir, host: 'test' });
    const file = await createWorkbook(setup, {}, 'kill-test');
    setup.closeAll();

    const figures = { rounds: 0, bursts: 0, acknowledgedEdits: 0, kills: 0, killedMidBurst: 0, committedUnacknowledged: 0, corrupted: 0, lost: 0, elapsedMs: 0 };
    let model: ModelRow[] = [];
    let revision = 0;
    const rng = mulberry32(0x5eed);
    for (let round = 0; round < MIN_ROUNDS || figures.bursts < MIN_BURSTS; round++) {
      if (round >= 400) throw new Error('too few bursts per round: the machine is far slower than expected');
      const seed = 1000 + round;
      // Mostly mid-burst; sometimes during start-up (open, -wal replay, on-open backup).
      const early = rng() < 0.15;
      const run = await runWriter(script, ['edit', dataDir, file, String(seed)], { killAfterMs: Math.floor(rng() * (early ? 400 : 500)), armOn: early ? null : 'READY' });
      figures.rounds++;
      if (!run.killed) throw new Error(`round ${round}: writer ended by itself (${run.code}): ${run.lines.slice(-3).join(' | ')} ${run.stderr}`);
      figures.kills++;

      const intents = new Map<number, Edit[]>();
      const acks: { n: number; rev: number; ins: string[] }[] = [];
      for (const line of run.lines) {
        if (line.startsWith('INTENT ')) {
          const { n, edits } = JSON.parse(line.slice(7)) as { n: number; edits: Edit[] };
          intents.set(n, edits);
        } else if (line.startsWith('ACK ')) acks.push(JSON.parse(line.slice(4)) as { n: number; rev: number; ins: string[] });
        else if (line.startsWith('FAIL') || line.startsWith('OPENFAIL')) throw new Error(`round ${round}: ${line}`);
      }
      let acked = model;
      for (const ack of acks) {
        expect(ack.rev, `round ${round} burst ${ack.n}: revisions are consecutive`).toBe(revision + ack.n + 1);
        acked = applyBurst(acked, intents.get(ack.n)!, ack.ins);
        figures.bursts++;
        figures.acknowledgedEdits += intents.get(ack.n)!.length;
      }
      const lastAckRev = revision + acks.length;
      const pending = intents.get(acks.length);
      if (pending) figures.killedMidBurst++;

      let seen;
      try {
        seen = inspectAfterKill(dataDir, file, round % 2 === 1);
      } catch (err) {
        figures.corrupted++;
        throw new Error(`round ${round} (seed ${seed}): the workbook does not open after the kill: ${String(err)}`);
      }
      if (seen.integrity !== 'ok') figures.corrupted++;
      if (seen.revision === lastAckRev && sameRows(seen.rows, acked)) {
        // Killed before the pending change committed (or between bursts).
      } else if (pending && seen.revision === lastAckRev + 1 && sameRows(seen.rows, applyBurst(acked, pending, null))) {
        figures.committedUnacknowledged++;
      } else {
        figures.lost += Math.max(1, lastAckRev - seen.revision);
      }
      expect(figures, `round ${round} (seed ${seed}), revision ${seen.revision}, last acknowledged ${lastAckRev}`).toMatchObject({ corrupted: 0, lost: 0 });
      model = seen.rows.map((r) => ({ id: r.id, cells: r.cells }));
      revision = seen.revision;
    }
    figures.elapsedMs = Date.now() - started;
    console.log(`[kill-test] ${JSON.stringify(figures)}`);
    expect(figures.corrupted).toBe(0);
    expect(figures.lost).toBe(0);
    expect(figures.bursts).toBeGreaterThanOrEqual(MIN_BURSTS);
    expect(figures.kills).toBe(figures.rounds);
  }, 150_000);
});

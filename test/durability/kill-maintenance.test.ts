import { copyFileSync, existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isSoundWorkbook, listBackups } from '../../electron/core/backups.js';
import { Core } from '../../electron/core/core.js';
import { LATEST_VERSION } from '../../electron/core/workbook/migrations.js';
import { callOk, createWorkbook } from '../helpers/core.js';
import { useTempDirs } from '../helpers/hooks.js';
import { buildWriter, inspectRaw, runWriter } from './harness.js';
import { mulberry32, TABLE_ID } from './model.js';

const temp = useTempDirs('budgetdesk-kill-');
let script = '';

beforeAll(async () => {
  script = await buildWriter();
}, 60_000);
afterAll(() => {
  if (script) rmSync(script, { force: true });
});

/** A closed v-current workbook with many rows (so a migration or a backup takes long enough to be cut). */
async function bigWorkbook(rows: number): Promise<{ dataDir: string; file: string }> {
  const dataDir = temp.make();
  const core = new Core({ dataDir, host: 'test' });
  const file = await createWorkbook(core, {}, 'big');
  const batch = Array.from({ length: rows }, (_, i) => ({ name: `项目${i}`, direction: `方向-${'x'.repeat(40)}-${i}` }));
  await callOk(core, 'workbook.change', { path: file, change: { edits: [{ kind: 'insertRows', tableId: TABLE_ID, index: 0, rows: batch }] } });
  core.closeAll();
  return { dataDir, file };
}

/** The one backup folder of the data folder's one workbook (null before the first backup). */
function backupFolder(dataDir: string): string | null {
  const root = path.join(dataDir, 'backups');
  if (!existsSync(root)) return null;
  const dirs = readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory());
  expect(dirs.length).toBeLessThanOrEqual(1);
  return dirs[0] ? path.join(root, dirs[0].name) : null;
}

describe('SIGKILL during a migration or a backup', () => {
  it('leaves the workbook at the old or the new version, whole, and every listed backup sound', async () => {
    const ROWS = 15000;
    const template = await bigWorkbook(ROWS);
    const reference = inspectRaw(template.file, TABLE_ID);
    const timed = path.join(temp.make(), 'timed.bdwb');
    copyFileSync(template.file, timed);
    const untouched = await runWriter(script, ['migrate', path.dirname(timed), timed]);
    const done = untouched.lines.find((l) => l.startsWith('MIGRATED '));
    expect(done, untouched.stderr).toBeDefined();
    // From READY to done: the backup, the migration and its commit.
    const span = Number(done!.slice(9));

    const rng = mulberry32(77);
    const outcome = { rounds: 0, kills: 0, oldVersion: 0, newVersion: 0, backupsChecked: 0 };
    for (let round = 0; round < 10; round++) {
      const dataDir = temp.make();
      const file = path.join(dataDir, 'big.bdwb');
      copyFileSync(template.file, file);
      // Armed once the child is up, so the kills spread over the backup, the migration and its commit.
      const run = await runWriter(script, ['migrate', dataDir, file], { killAfterMs: Math.floor(rng() * span * 1.3), armOn: 'READY' });
      outcome.rounds++;
      if (run.killed) outcome.kills++;
      const seen = inspectRaw(file, TABLE_ID);
      expect(seen.integrity).toBe('ok');
      expect(seen.rows).toHaveLength(ROWS);
      if (seen.userVersion === LATEST_VERSION) {
        outcome.oldVersion++;
        expect(seen.rows).toEqual(reference.rows);
      } else {
        outcome.newVersion++;
        expect(seen.userVersion).toBe(LATEST_VERSION + 1);
      }
      const folder = backupFolder(dataDir);
      for (const b of folder ? listBackups(folder) : []) {
        expect(isSoundWorkbook(b.file, true), `${b.file} after kill at ${run.elapsedMs} ms`).toBe(true);
        expect(inspectRaw(b.file, TABLE_ID).rows).toEqual(reference.rows);
        outcome.backupsChecked++;
      }
      // The next start finishes the job.
      const again = await runWriter(script, ['migrate', dataDir, file]);
      expect(again.lines.some((l) => l.startsWith('MIGRATED ')), again.stderr).toBe(true);
      expect(inspectRaw(file, TABLE_ID)).toMatchObject({ integrity: 'ok', userVersion: LATEST_VERSION + 1 });
    }
    console.log(`[kill-migration] ${JSON.stringify({ ...outcome, migrationMs: span })}`);
    expect(outcome.kills).toBeGreaterThanOrEqual(4);
  }, 120_000);

  it('leaves the workbook intact and every acknowledged or listed backup sound', async () => {
    const ROWS = 15000;
    const { dataDir, file } = await bigWorkbook(ROWS);
    const reference = inspectRaw(file, TABLE_ID);
    const rng = mulberry32(99);
    const outcome = { rounds: 0, acknowledgedBackups: 0, listedBackups: 0 };
    for (let round = 0; round < 10; round++) {
      const run = await runWriter(script, ['backup', dataDir, file], { killAfterMs: Math.floor(rng() * 400), armOn: 'READY' });
      expect(run.killed, run.stderr).toBe(true);
      outcome.rounds++;
      const core = new Core({ dataDir, host: 'test' });
      const state = await callOk(core, 'workbook.open', { path: file });
      expect(state.revision).toBe(reference.revision);
      expect((await callOk(core, 'workbook.rows', { path: file, tableId: TABLE_ID })).rows).toEqual(reference.rows);
      expect(core.workbook(file).db.pragma('integrity_check', { simple: true })).toBe('ok');
      core.closeAll();
      const folder = backupFolder(dataDir);
      const listed = folder ? listBackups(folder) : [];
      for (const line of run.lines.filter((l) => l.startsWith('ACK '))) {
        outcome.acknowledgedBackups++;
        // Manual backups are never pruned, so every acknowledged one must still be there.
        expect(listed.map((b) => b.file)).toContain(line.slice(4));
      }
      for (const b of listed) expect(isSoundWorkbook(b.file, true), b.file).toBe(true);
      outcome.listedBackups = listed.length;
    }
    console.log(`[kill-backup] ${JSON.stringify(outcome)}`);
  }, 120_000);
});

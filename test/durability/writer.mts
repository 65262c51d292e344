/**
 * The child process of the durability tests, bundled once by harness.ts and run with plain node.
 * It works on a workbook through the real code until the parent SIGKILLs it, and reports on stdout
 * (written synchronously, so a line printed is a line the parent will read):
 *
 *   edit <dataDir> <file> <seed>      edit bursts: INTENT {n, edits} before each change, ACK {n, rev, ins} after it resolved
 *   backup <dataDir> <file>           manual backups in a loop: ACK <backup file> after each
 *   migrate <dataDir> <file>          opens with a test migration 2 (slow), a pre-migration backup first: MIGRATED <ms>
 *   hold <dataDir> <file> [edits]     opens (optionally commits a change) and keeps the workbook open: HELD
 */
import type Database from 'better-sqlite3';
import { writeSync } from 'node:fs';
import { Core } from '../../electron/core/core.js';
import { backupNow } from '../../electron/core/backups.js';
import { LATEST_VERSION, migrations, type Migration } from '../../electron/core/workbook/migrations.js';
import { openWorkbookDb } from '../../electron/core/workbook/open.js';
import { settleLeftoverWal } from '../../electron/core/recovery.js';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/api/contract.js';
import { callOk, UnexpectedApiError } from '../helpers/core.js';
import { makeBurst, mulberry32, TABLE_ID } from './model.js';

const [mode, dataDir, file, arg] = process.argv.slice(2) as [string, string, string, string | undefined];
const out = (line: string): void => {
  writeSync(1, `${line}\n`);
};
const core = new Core({ dataDir, host: 'test' });

function fail(what: string, error: unknown): never {
  out(`FAIL ${what} ${JSON.stringify(error instanceof UnexpectedApiError ? error.error : String(error))}`);
  process.exit(2);
}

/** Calls the core; an error value ends the child with a FAIL line the parent reports. */
async function call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  try {
    return await callOk(core, method, input);
  } catch (err) {
    fail(method, err);
  }
}

async function open(): Promise<number> {
  return (await call('workbook.open', { path: file })).revision;
}

/** A migration slow enough to be killed in the middle: rewrites every row. */
const slowMigrations: Migration[] = [
  ...migrations,
  {
    version: LATEST_VERSION + 1,
    name: 'test: note column on every row',
    up(db: Database.Database) {
      db.exec('ALTER TABLE grid_rows ADD COLUMN note TEXT');
      db.exec("UPDATE grid_rows SET note = id || ':' || cells");
    },
  },
];

if (mode === 'edit') {
  const rng = mulberry32(Number(arg));
  out(`READY ${await open()}`);
  for (let n = 0; ; n++) {
    const { rows } = await call('workbook.rows', { path: file, tableId: TABLE_ID });
    const edits = makeBurst(
      rng,
      rows.map((r) => r.id),
      n,
    );
    out(`INTENT ${JSON.stringify({ n, edits })}`);
    const r = await call('workbook.change', { path: file, change: { label: `burst ${n}`, edits } });
    out(`ACK ${JSON.stringify({ n, rev: r.state.revision, ins: r.insertedRowIds })}`);
  }
} else if (mode === 'backup') {
  out(`READY ${await open()}`);
  for (;;) {
    out(`ACK ${(await call('backups.create', { path: file })).file}`);
  }
} else if (mode === 'migrate') {
  out('READY');
  const started = Date.now();
  // As the app opens a workbook (open-workbooks.ts): a log left by a kill mid-checkpoint is settled first,
  // since until then the file is shorter than its header says and the header check would call it cut short.
  settleLeftoverWal(file);
  const db = openWorkbookDb(file, {
    create: false,
    migrations: slowMigrations,
    beforeMigrate: (handle) => {
      out('BACKUP');
      backupNow(core.library.backupsDir, handle, file, 'pre-migration');
      out('MIGRATE');
    },
  });
  db.close();
  out(`MIGRATED ${Date.now() - started}`);
} else if (mode === 'hold') {
  await open();
  if (arg) {
    await call('workbook.change', { path: file, change: { edits: [{ kind: 'insertRows', tableId: TABLE_ID, index: 0, rows: [{ name: arg }] }] } });
  }
  out('HELD');
  setInterval(() => undefined, 60_000);
} else {
  fail('mode', mode);
}

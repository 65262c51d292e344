import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { GridRow } from '../../shared/workbook/types.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');

/**
 * Bundles writer.mts once into a plain .mjs: starting node on it costs a fraction of starting tsx,
 * which is what lets the kill test afford dozens of rounds. The bundle lives under node_modules so
 * its one bare import (better-sqlite3, native) resolves to the project's package.
 */
export async function buildWriter(): Promise<string> {
  const dir = path.join(repo, 'node_modules', '.cache', 'budgetdesk-durability');
  mkdirSync(dir, { recursive: true });
  const outfile = path.join(dir, `writer-${process.pid}-${Date.now()}.mjs`);
  await build({
    entryPoints: [path.join(here, 'writer.mts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Only the native module stays outside; loading zod's many files from node_modules costs more than the whole bundle.
    external: ['better-sqlite3'],
    // CommonJS packages in the bundle (exceljs's encryptor, through the core's .xlsx writer) require Node's
    // built-ins at run time, which an ES module bundle can only do through a real require.
    banner: { js: "import { createRequire as __bdCreateRequire } from 'node:module'; const require = __bdCreateRequire(import.meta.url);" },
    logLevel: 'error',
  });
  // The table-set registry reads the built-in sets from `./sets/` beside the module, as in build/build.mjs.
  cpSync(path.join(repo, 'shared/tables/sets'), path.join(dir, 'sets'), { recursive: true, filter: (f) => !f.endsWith('.ts') });
  return outfile;
}

export interface ChildRun {
  lines: string[];
  killed: boolean;
  code: number | null;
  stderr: string;
  elapsedMs: number;
}

/**
 * Runs the writer and SIGKILLs it `killAfterMs` after it printed a line starting with `armOn`
 * (or after spawning, when `armOn` is null). Resolves once the process is gone and every line it
 * wrote has been read.
 */
export function runWriter(script: string, args: string[], opts: { killAfterMs?: number; armOn?: string | null; stopOn?: string } = {}): Promise<ChildRun> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: string[] = [];
    let partial = '';
    let stderr = '';
    let killed = false;
    let armed = false;
    const kill = () => {
      if (child.exitCode === null && child.signalCode === null) {
        killed = child.kill('SIGKILL');
      }
    };
    const arm = () => {
      if (armed || opts.killAfterMs === undefined) return;
      armed = true;
      setTimeout(kill, opts.killAfterMs);
    };
    if (opts.armOn === null) arm();
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      const parts = (partial + chunk).split('\n');
      partial = parts.pop()!;
      for (const line of parts) {
        lines.push(line);
        if (opts.armOn && line.startsWith(opts.armOn)) arm();
        if (opts.stopOn && line.startsWith(opts.stopOn)) kill();
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (partial) lines.push(partial);
      resolve({ lines, killed, code, stderr, elapsedMs: Date.now() - started });
    });
  });
}

/** Starts the writer and resolves once it printed `ready`; the caller kills it. */
export function startWriter(script: string, args: string[], ready: string): Promise<{ kill(): Promise<void>; pid: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const closed = new Promise<void>((done) => child.on('close', () => done()));
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (c: string) => (err += c));
    child.stdout.on('data', (c: string) => {
      out += c;
      if (out.includes(`${ready}\n`)) {
        resolve({
          pid: child.pid!,
          kill: async () => {
            child.kill('SIGKILL');
            await closed;
          },
        });
      }
    });
    child.on('close', (code) => reject(new Error(`writer exited (${code}) before ${ready}: ${out} ${err}`)));
  });
}

/** What a workbook file holds, read through a read-only connection (which never writes back). */
export function inspectRaw(file: string, tableId: string): { integrity: string; revision: number; rows: GridRow[]; userVersion: number } {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const integrity = String(db.pragma('integrity_check', { simple: true }));
    const rev = db.prepare("SELECT value FROM meta WHERE key = 'revision'").get() as { value: string } | undefined;
    const rows = (db.prepare('SELECT id, cells FROM grid_rows WHERE table_id = ? ORDER BY position').all(tableId) as { id: string; cells: string }[]).map(
      (r) => ({ id: r.id, cells: JSON.parse(r.cells) as GridRow['cells'] }),
    );
    return { integrity, revision: rev ? Number(JSON.parse(rev.value)) : 0, rows, userVersion: db.pragma('user_version', { simple: true }) as number };
  } finally {
    db.close();
  }
}

// Fetches the Electron binary when the install skipped it (ELECTRON_SKIP_BINARY_DOWNLOAD=1), plus a
// better-sqlite3 build for Electron's ABI beside the Node one, and tolerates failure: machines without
// internet access run the app through the local host instead.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

const require = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, '..');
let electronDir;
try {
  electronDir = path.dirname(require.resolve('electron/package.json'));
} catch {
  process.exit(0); // production install without devDependencies
}
const installer = path.join(electronDir, 'install.js');
if (!existsSync(installer)) process.exit(0);

const env = { ...process.env };
delete env.ELECTRON_SKIP_BINARY_DOWNLOAD;
const timeout = Number(process.env.BUDGETDESK_ELECTRON_FETCH_TIMEOUT_MS ?? 120000);
const fetched = spawnSync(process.execPath, [installer], { env, stdio: 'pipe', timeout });
if (fetched.status !== 0) {
  console.log(
    '[budgetdesk] Electron binary could not be downloaded (offline?). ' +
      '`npm start` will serve the app on 127.0.0.1 for a browser instead.',
  );
  process.exit(0);
}
console.log('[budgetdesk] Electron binary is ready.');

const target = path.join(root, 'node_modules', '.budgetdesk-electron', 'better_sqlite3.node');
if (existsSync(target)) process.exit(0);
const sqliteDir = path.dirname(require.resolve('better-sqlite3/package.json'));
const work = mkdtempSync(path.join(tmpdir(), 'bd-sqlite-electron-'));
try {
  cpSync(sqliteDir, work, { recursive: true, filter: (src) => !src.includes(`${path.sep}build${path.sep}`) });
  const electronVersion = require('electron/package.json').version;
  const prebuild = path.join(path.dirname(require.resolve('prebuild-install/package.json')), 'bin.js');
  const built = spawnSync(process.execPath, [prebuild, '--runtime', 'electron', '--target', electronVersion, '--arch', process.arch], {
    cwd: work,
    stdio: 'pipe',
    timeout,
  });
  const binary = path.join(work, 'build', 'Release', 'better_sqlite3.node');
  if (built.status === 0 && existsSync(binary)) {
    mkdirSync(path.dirname(target), { recursive: true });
    cpSync(binary, target);
    console.log('[budgetdesk] better-sqlite3 for Electron is ready.');
  } else {
    console.log('[budgetdesk] No better-sqlite3 build for Electron could be fetched; run `npx electron-rebuild` before `npm start`.');
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

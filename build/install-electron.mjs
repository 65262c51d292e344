// Fetches the Electron binary when the install skipped it (ELECTRON_SKIP_BINARY_DOWNLOAD=1),
// and tolerates failure: machines without internet access run the app through the local host instead.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
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
const timeoutMs = Number(process.env.BUDGETDESK_ELECTRON_FETCH_TIMEOUT_MS ?? 120000);
const result = spawnSync(process.execPath, [installer], { env, stdio: 'pipe', timeout: timeoutMs });
if (result.status === 0) {
  console.log('[budgetdesk] Electron binary is ready.');
} else {
  console.log(
    '[budgetdesk] Electron binary could not be downloaded (offline?). ' +
      '`npm start` will serve the app on 127.0.0.1 for a browser instead.',
  );
}

// `npm run build`: bundles the Electron main process and preload with esbuild, then builds the renderer with vite.
// Usage: node build/build.mjs [--no-renderer]
import { cpSync, existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'dist', 'electron');
const skipRenderer = process.argv.includes('--no-renderer');
// vite resolves a relative `root` in its config against the working directory.
process.chdir(root);

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // better-sqlite3 is native (unpacked from the asar); electron is provided by the runtime.
  external: ['electron', 'better-sqlite3'],
  sourcemap: 'linked',
  logLevel: 'warning',
  absWorkingDir: root,
};

async function bundleElectron() {
  rmSync(outDir, { recursive: true, force: true });
  await esbuild.build({
    ...common,
    entryPoints: [path.join(root, 'electron/main/main.ts')],
    outfile: path.join(outDir, 'main.cjs'),
    // The core reads package.json via `new URL('../../package.json', import.meta.url)`. CommonJS has no
    // import.meta, so substitute this file's own URL: dist/electron/main.cjs sits two levels below the
    // app root exactly like electron/core/core.ts, so the relative URL still lands on package.json.
    define: { 'import.meta.url': '__budgetdeskImportMetaUrl' },
    banner: { js: '"use strict";\nconst __budgetdeskImportMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
  });
  // The sandboxed preload may require nothing but 'electron', so it gets no banner.
  await esbuild.build({
    ...common,
    entryPoints: [path.join(root, 'electron/main/preload.ts')],
    outfile: path.join(outDir, 'preload.cjs'),
  });
  // The registry reads the built-in table sets from `./sets/` beside the module, which in the bundle is
  // main.cjs (see the import.meta.url substitution above): a new set is a file, never a code change.
  cpSync(path.join(root, 'shared/tables/sets'), path.join(outDir, 'sets'), { recursive: true, filter: (f) => !f.endsWith('.ts') });
  console.log('[build] Electron 主进程与预加载脚本已生成：dist/electron/main.cjs, dist/electron/preload.cjs');
}

async function buildRenderer() {
  const configFile = path.join(root, 'vite.config.ts');
  if (!existsSync(configFile)) throw new Error('缺少 vite.config.ts，无法构建界面。');
  const { build } = await import('vite');
  // No inline `root`: it would override whatever the renderer's config chose.
  await build({ configFile, mode: 'production', logLevel: 'warn' });
  const index = path.join(root, 'dist', 'renderer', 'index.html');
  if (!existsSync(index)) throw new Error(`界面构建完成但未找到 ${path.relative(root, index)}，请检查 vite.config.ts 的 build.outDir。`);
  console.log('[build] 界面已生成：dist/renderer');
}

try {
  await bundleElectron();
  if (!skipRenderer) await buildRenderer();
} catch (err) {
  // esbuild has already printed its diagnostics; this line says which step failed.
  console.error(`[build] 构建失败：${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}

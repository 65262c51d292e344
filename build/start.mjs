// `npm start`: (re)builds when needed, then runs the desktop app in Electron, or, where the Electron
// binary is missing (offline installs), serves the same app on 127.0.0.1 for the default browser.
// Extra arguments are passed through (a .bdwb to open for Electron; --port/--data-dir/--no-open for the host).
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);

const outputs = ['dist/renderer/index.html', 'dist/electron/main.cjs', 'dist/electron/preload.cjs'].map((p) => path.join(root, p));
const sources = ['renderer', 'shared', 'electron/core', 'electron/main', 'electron/host', 'vite.config.ts', 'index.html', 'package.json'];

function newestMtime(target) {
  let stat;
  try {
    stat = statSync(target);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(target)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  }
  return newest;
}

function needsBuild() {
  if (!outputs.every((p) => existsSync(p))) return true;
  const oldestOutput = Math.min(...outputs.map((p) => statSync(p).mtimeMs));
  return sources.some((s) => newestMtime(path.join(root, s)) > oldestOutput);
}

/** The Electron executable, or null where `npm install` could not download it. */
function electronBinary() {
  try {
    const binary = require('electron');
    return typeof binary === 'string' && existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

let child = null;
// Forward termination so the child can finish cleanly (close workbooks, not leave a half-written build);
// Ctrl+C in a terminal already reaches it directly.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (child && child.exitCode === null) child.kill(signal);
    else process.exit(1);
  });
}

/** Runs a child with our terminal; resolves with its exit code. */
function run(command, commandArgs, env = process.env) {
  return new Promise((resolve) => {
    child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit', env });
    child.on('error', (err) => {
      console.error(`无法启动 ${command}：${err.message}`);
      resolve(1);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

if (needsBuild()) {
  console.log('正在构建（首次启动或源码已更新）…');
  const status = await run(process.execPath, [path.join(root, 'build', 'build.mjs')]);
  if (status !== 0) {
    console.error('构建失败，无法启动。请查看上方的错误信息。');
    process.exit(status);
  }
}

const electron = electronBinary();
if (electron) {
  const env = { ...process.env };
  // Set by some tool chains; it would make Electron behave as plain Node and ignore the app.
  delete env.ELECTRON_RUN_AS_NODE;
  process.exit(await run(electron, [root, ...args], env));
} else {
  console.log('未检测到 Electron 运行程序（本机安装时未能下载），将改为在浏览器中运行预算编报台。');
  const tsxCli = require.resolve('tsx/cli');
  process.exit(await run(process.execPath, [tsxCli, path.join(root, 'electron', 'host', 'main.ts'), ...args]));
}

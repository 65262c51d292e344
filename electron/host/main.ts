import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Core } from '../core/core.js';
import { readTableSetFolder } from '../core/tablesets.js';
import { parseHostArgs, type HostOptions } from './host-options.js';
import { openInBrowser } from './open-browser.js';
import { startLocalHost } from './server.js';

// `npx tsx electron/host/main.ts`: runs the app in a browser when Electron is not available.
// stdout carries exactly one line (the URL) because scripts and tests parse it; everything else goes to stderr.

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  let options: HostOptions;
  try {
    options = parseHostArgs(process.argv.slice(2), { rootDir: path.join(repoRoot, 'dist', 'renderer') });
  } catch (err) {
    fail(err instanceof Error ? err.message : String(err));
  }
  if (!existsSync(path.join(options.rootDir, 'index.html'))) {
    fail(`未找到界面文件：${path.join(options.rootDir, 'index.html')}。请先运行 npm run build`);
  }

  let core: Core;
  try {
    core = new Core({ dataDir: options.dataDir, host: 'local', extraTableSets: readTableSetFolder(options.dataDir) });
    core.startAutoBackup();
  } catch (err) {
    fail(`无法使用数据目录 ${options.dataDir}：${err instanceof Error ? err.message : String(err)}`);
  }

  let host: Awaited<ReturnType<typeof startLocalHost>>;
  try {
    host = await startLocalHost({ core, rootDir: options.rootDir, port: options.port });
  } catch (err) {
    core.closeAll();
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') fail(`端口 ${options.port} 已被占用。请换一个端口（--port），或不指定端口以自动选择。`);
    fail(`无法启动本地服务：${err instanceof Error ? err.message : String(err)}`);
  }

  process.stdout.write(`BudgetDesk 已启动：${host.url}\n`);
  process.stderr.write(`数据目录：${options.dataDir}\n按 Ctrl+C 退出。\n`);
  if (options.open) openInBrowser(host.url);

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    // Stop taking requests before closing workbooks, so nothing reopens one behind our back.
    const finish = (): void => {
      core.closeAll();
      process.exit(0);
    };
    void host.close().then(finish, finish);
    setTimeout(finish, 2000).unref();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();

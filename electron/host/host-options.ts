import path from 'node:path';
import { defaultDataDir } from '../core/data-dir.js';

export interface HostOptions {
  dataDir: string;
  rootDir: string;
  port: number;
  open: boolean;
}

/** Parses `[--data-dir DIR] [--port N] [--no-open] [--root DIR]` (also `--flag=value`); throws a Chinese message on bad input. */
export function parseHostArgs(argv: readonly string[], defaults: { rootDir: string; env?: NodeJS.ProcessEnv }): HostOptions {
  const options: HostOptions = { dataDir: defaultDataDir(defaults.env), rootDir: defaults.rootDir, port: 0, open: true };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq !== -1 ? arg.slice(0, eq) : arg;
    const value = (): string => {
      const v = eq !== -1 && arg.startsWith('--') ? arg.slice(eq + 1) : argv[++i];
      if (v === undefined || v === '') throw new Error(`参数 ${name} 缺少取值`);
      return v;
    };
    switch (name) {
      case '--data-dir':
        options.dataDir = path.resolve(value());
        break;
      case '--root':
        options.rootDir = path.resolve(value());
        break;
      case '--port': {
        const text = value();
        const port = Number(text);
        if (!/^\d+$/.test(text) || port > 65535) throw new Error(`端口号无效：${text}（应为 0–65535 的整数，0 表示自动选择）`);
        options.port = port;
        break;
      }
      case '--no-open':
        options.open = false;
        break;
      default:
        throw new Error(`无法识别的参数：${arg}。用法：budgetdesk-host [--data-dir 目录] [--port 端口] [--no-open] [--root 目录]`);
    }
  }
  return options;
}

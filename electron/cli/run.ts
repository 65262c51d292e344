import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { APP_VERSION, Core } from '../core/core.js';
import { toApiError } from '../core/errors.js';
import { checkCommand } from './check.js';
import { codesCommand } from './codes.js';
import { CommandError, commands as coreCommands, UsageError, type Command } from './commands.js';
import { tablesCommand } from './tables.js';
import { tablesetsCommand } from './tablesets.js';
import { defaultDataDir } from '../core/data-dir.js';
import { readTableSetFolder } from '../core/tablesets.js';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: NodeJS.ProcessEnv;
}

type Options = NonNullable<ParseArgsConfig['options']>;

const commands: Command[] = [...coreCommands, tablesCommand, tablesetsCommand, codesCommand, checkCommand];

const globalOptions: Options = {
  'data-dir': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
};

function globalUsage(): string {
  const width = Math.max(...commands.map((c) => c.name.length)) + 2;
  return [
    `budgetdesk ${APP_VERSION} — 预算编报台命令行工具`,
    '',
    '用法：budgetdesk <命令> [参数] [选项]',
    '',
    '命令：',
    ...commands.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    '',
    '通用选项：',
    '  --data-dir <文件夹>    程序数据文件夹（默认：环境变量 BUDGETDESK_DATA_DIR 或系统应用数据目录）',
    '  -h, --help             显示帮助；budgetdesk <命令> --help 显示该命令的帮助',
    '  -v, --version          显示版本号',
    '',
    '成功时退出码为 0；操作失败为 1；命令用法错误为 2。',
  ].join('\n');
}

/** parseArgs reports in English; the clerk gets the option it tripped on, in Chinese. */
function usageFromParseError(err: unknown, command: string | undefined): UsageError {
  const code = (err as { code?: string }).code;
  const message = err instanceof Error ? err.message : String(err);
  const quoted = /'([^']+)'/.exec(message)?.[1] ?? '';
  const option = quoted.split(' ')[0] ?? quoted;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return new UsageError(`未知选项 ${option}`, command);
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    return new UsageError(/argument missing/.test(message) ? `选项 ${option} 缺少取值` : `选项 ${option} 的取值无效`, command);
  }
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return new UsageError(`多余的参数“${quoted}”`, command);
  return new UsageError(`参数无法识别（${message}）`, command);
}

/** Runs one command line; returns the exit code. Never throws and never leaves a workbook open. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let command: Command | undefined;
  /** The file the command is about, named in error messages that concern a file. */
  let subject: string | undefined;
  try {
    // First pass only finds the command word; every known option is declared so values are not taken for it.
    const allOptions: Options = Object.assign({}, globalOptions, ...commands.map((c) => c.options));
    const { tokens } = parseArgs({ args: argv, options: allOptions, strict: false, allowPositionals: true, tokens: true });
    const first = tokens.find((t) => t.kind === 'positional');
    if (first === undefined) {
      const { values } = parseArgs({ args: argv, options: globalOptions, strict: true, allowPositionals: false });
      if (values.version) return print(io.stdout, `${APP_VERSION}\n`);
      if (values.help) return print(io.stdout, `${globalUsage()}\n`);
      io.stderr(`${globalUsage()}\n`);
      return 2;
    }
    command = commands.find((c) => c.name === first.value);
    if (!command) throw new UsageError(`未知命令“${first.value}”`);

    const rest = [...argv.slice(0, first.index), ...argv.slice(first.index + 1)];
    let parsed;
    try {
      parsed = parseArgs({ args: rest, options: { ...globalOptions, ...command.options }, strict: true, allowPositionals: true });
    } catch (err) {
      throw usageFromParseError(err, command.name);
    }
    const { values, positionals } = parsed;
    if (values.help) return print(io.stdout, `${command.usage}\n`);
    if (values.version) return print(io.stdout, `${APP_VERSION}\n`);
    if (positionals.length < command.positionals.length) {
      throw new UsageError(`缺少参数 <${command.positionals[positionals.length]}>`, command.name);
    }
    const most = command.positionals.length + (command.optionalPositionals?.length ?? 0);
    if (positionals.length > most) throw new UsageError(`多余的参数“${positionals[most]}”`, command.name);

    const subjectArg = positionals[command.subjectIndex ?? 0];
    if (subjectArg !== undefined) subject = path.resolve(subjectArg);
    const dataDirOption = values['data-dir'];
    const dataDir = path.resolve(typeof dataDirOption === 'string' ? dataDirOption : defaultDataDir(io.env));
    const core = new Core({ dataDir, host: 'local', extraTableSets: readTableSetFolder(dataDir) });
    try {
      await command.run({ core, positionals, values, out: io.stdout });
    } finally {
      // The CLI must never leave a workbook locked against the app or another run.
      core.closeAll();
    }
    return 0;
  } catch (err) {
    if (err instanceof UsageError) {
      const help = err.command ? `budgetdesk ${err.command} --help` : 'budgetdesk --help';
      io.stderr(`用法错误：${err.message}\n提示：运行 ${help} 查看用法。\n`);
      return 2;
    }
    const error = err instanceof CommandError ? err.error : toApiError(err, subject);
    io.stderr(`错误：${error.message}\n`);
    return 1;
  }
}

function print(write: (text: string) => void, text: string): number {
  write(text);
  return 0;
}

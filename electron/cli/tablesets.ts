import type { TableSetListEntry } from '../../shared/api/contract.js';
import type { TableSetProblem } from '../../shared/tables/validate.js';
import { CommandError, UsageError, type Command } from './commands.js';

const problemLines = (problems: TableSetProblem[]): string[] => problems.map((p) => `  ${p.path || '（文件）'}：${p.message}`);

function summaryLine(s: TableSetListEntry): string {
  const origin = s.builtIn ? '内置' : `导入：${s.file ?? ''}`;
  const base = s.extends ? `，继承 ${s.extends}` : '';
  return `${s.id}\t${s.name}\t${s.region} ${s.year}年起\t${s.tables.length} 张表，${s.moneyUnit}${base}\t${origin}`;
}

async function call<T>(core: Parameters<Command['run']>[0]['core'], method: string, input: unknown): Promise<T> {
  const result = await core.call(method, input);
  if (!result.ok) throw new CommandError(result.error);
  return result.value as T;
}

export const tablesetsCommand: Command = {
  name: 'tablesets',
  summary: '列出、检查或导入表格套表（财政局下发的表格定义文件）',
  usage: [
    '用法：budgetdesk tablesets list [--json]',
    '      budgetdesk tablesets check <表格套文件.json> [--json]',
    '      budgetdesk tablesets import <表格套文件.json>',
    '',
    'list    列出可用的表格套表（内置的，以及程序数据文件夹 tablesets/ 中导入的），',
    '        并列出未能加载的文件及其问题。',
    'check   检查一个表格套文件：列出每一处问题及其 JSON 位置（如 tables[2].body.columns.total），',
    '        不加载、不修改任何文件。有问题时退出码为 1。',
    'import  检查后复制到程序数据文件夹的 tablesets/ 并加载，此后新建或切换工作簿时可选用。',
    '',
    '选项：',
    '  --json                 以 JSON 输出（list：各套表；check：setId 与 problems，每项含 path 和 message）',
  ].join('\n'),
  positionals: ['子命令'],
  optionalPositionals: ['表格套文件'],
  subjectIndex: 1,
  options: { json: { type: 'boolean' } },
  async run({ core, positionals, values, out }) {
    const [sub, file] = positionals;
    const json = values.json === true;
    if (sub === 'list') {
      if (file !== undefined) throw new UsageError(`多余的参数“${file}”`, 'tablesets');
      const sets = await call<TableSetListEntry[]>(core, 'tablesets.list', {});
      const rejected = core.rejectedTableSets;
      if (json) {
        out(`${JSON.stringify({ sets, rejected }, null, 2)}\n`);
        return;
      }
      const lines = sets.map(summaryLine);
      for (const r of rejected) lines.push('', `未加载：${r.file ?? r.setId}（${r.problems.length} 处问题）`, ...problemLines(r.problems));
      out(`${lines.join('\n')}\n`);
      return;
    }
    if (sub !== 'check' && sub !== 'import') throw new UsageError(`未知的子命令“${sub}”，可用：list、check、import`, 'tablesets');
    if (file === undefined) throw new UsageError('缺少参数 <表格套文件>', 'tablesets');
    if (sub === 'import') {
      const set = await call<TableSetListEntry>(core, 'tablesets.import', { file });
      out(`已导入表格套表：${summaryLine(set)}\n`);
      return;
    }
    const result = await call<{ setId: string | null; problems: TableSetProblem[] }>(core, 'tablesets.check', { file });
    if (json) out(`${JSON.stringify(result, null, 2)}\n`);
    else if (result.problems.length === 0) out(`表格套“${result.setId ?? ''}”未发现问题，可以导入。\n`);
    else out(`${[`表格套“${result.setId ?? file}”有 ${result.problems.length} 处问题：`, ...problemLines(result.problems)].join('\n')}\n`);
    if (result.problems.length > 0) throw new CommandError({ code: 'VALIDATION', message: `表格套文件有 ${result.problems.length} 处问题，请按上面所列位置修改。` });
  },
};

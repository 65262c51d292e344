import { severityLabels, type Finding } from '../../shared/perf/findings.js';
import { CommandError, type Command } from './commands.js';

function tableName(core: Parameters<Command['run']>[0]['core'], setId: string, tableId: string): string {
  const def = core.tableSets.table(setId, tableId);
  return def ? `${def.number ? `${def.number} ` : ''}${def.shortTitle ?? def.title}` : tableId;
}

export const checkCommand: Command = {
  name: 'check',
  summary: '检查绩效目标表的常见问题（勾稽、指标、支出计划、照搬等）',
  usage: [
    '用法：budgetdesk check <文件> [--json]',
    '',
    '按财政评审的要求检查工作簿中的绩效目标：资金总额与基本支出、项目支出是否相符，专项与项目支出',
    '是否一致，指标是否齐全、量化、单位是否相符，成本是否超预算，资金支出计划是否累计到100%，',
    '是否有照搬的目标和指标等。每条结果指明所在的表和行。不修改文件。',
    '',
    '有“错误”级别的问题时退出码为 1（警告和提示不影响退出码）。',
    '',
    '选项：',
    '  --json                 以 JSON 输出结果数组，每项含 id、severity（error/warning/hint）、message、',
    '                         table、row、column 和 where（所在位置的文字说明）',
  ].join('\n'),
  positionals: ['文件'],
  options: { json: { type: 'boolean' } },
  async run({ core, positionals, values, out }) {
    const result = await core.call('perf.lint', { path: positionals[0] });
    if (!result.ok) throw new CommandError(result.error);
    const findings = result.value as Finding[];
    const setId = core.workbook(positionals[0]!).meta().tableSetId;
    if (values.json === true) {
      const rows = findings.map(({ id, severity, message, table, row, column, where }) => ({ id, severity, message, table, row, column, where }));
      out(`${JSON.stringify(rows, null, 2)}\n`);
    } else if (findings.length === 0) {
      out('未发现问题。\n');
    } else {
      const lines = findings.map((f) => `${severityLabels[f.severity]}\t${tableName(core, setId, f.table)}\t${f.message}`);
      const count = (s: Finding['severity']): number => findings.filter((f) => f.severity === s).length;
      lines.push('', `共 ${findings.length} 条：错误 ${count('error')} 条，警告 ${count('warning')} 条，提示 ${count('hint')} 条。`);
      out(`${lines.join('\n')}\n`);
    }
    const errors = findings.filter((f) => f.severity === 'error').length;
    if (errors > 0) throw new CommandError({ code: 'VALIDATION', message: `发现 ${errors} 个错误，请按检查结果修改后再报送。` });
  },
};

import type { CheckFinding, Rule, Severity } from '../../shared/checks/rule.js';
import { CommandError, type Command } from './commands.js';
import { NARRATIVE_PAGE } from '../../shared/narrative/view.js';

function tableName(core: Parameters<Command['run']>[0]['core'], setId: string, tableId: string | null): string {
  if (tableId === null) return '—';
  if (tableId === NARRATIVE_PAGE) return '第一部分 说明';
  const def = core.tableSets.table(setId, tableId);
  return def ? `${def.number ? `${def.number} ` : ''}${def.shortTitle ?? def.title}` : tableId;
}

function ruleLines(rules: Rule[]): string[] {
  return rules.map((r) => {
    const reads = [...(r.reads.tables ?? []), ...(r.reads.facts ?? [])].join('、');
    return `${r.id}\t${r.severity}\t${r.description}${reads ? `（读取：${reads}）` : ''}${r.tolerance ? `（容差 ${r.tolerance} 元）` : ''}`;
  });
}

export const checkCommand: Command = {
  name: 'check',
  summary: '审核工作簿：表内表间勾稽、科目、空表说明、占位文字、同比变化和绩效目标',
  usage: [
    '用法：budgetdesk check <文件> [--json] [--rules]',
    '',
    '按财政评审的审核规则检查工作簿：收支总表收支平衡、各表合计与分项、类款项层级、表间勾稽',
    '（收入总表、支出总表、财政拨款收支总表与一般公共预算、政府性基金、国有资本经营预算支出表，',
    '基本支出表、“三公”经费表）、机关运行经费、空表说明、科目名称、占位文字、单位名称、同比变化，',
    '以及绩效目标（资金、指标、支出计划、照搬）。每条结果写明应为多少、实为多少、相差多少。不修改文件。',
    '',
    '还有未说明的“错误”时退出码为 1（“需说明”“提示”和已说明的问题不影响退出码）。',
    '',
    '选项：',
    '  --json                 以 JSON 输出结果数组，每项含 id、rule、severity（错误/需说明/提示）、message、',
    '                         table、row、column、sentence、expected、actual、difference、explanation 和 cells',
    '  --rules                列出该工作簿所用的审核规则（编号、级别、说明），不做检查',
  ].join('\n'),
  positionals: ['文件'],
  options: { json: { type: 'boolean' }, rules: { type: 'boolean' } },
  async run({ core, positionals, values, out }) {
    const path = positionals[0]!;
    if (values.rules === true) {
      const result = await core.call('checks.rules', { path });
      if (!result.ok) throw new CommandError(result.error);
      const rules = result.value as Rule[];
      out(values.json === true ? `${JSON.stringify(rules, null, 2)}\n` : `${ruleLines(rules).join('\n')}\n\n共 ${rules.length} 条规则。\n`);
      return;
    }
    const result = await core.call('checks.run', { path });
    if (!result.ok) throw new CommandError(result.error);
    const findings = result.value as CheckFinding[];
    const setId = core.workbook(path).meta().tableSetId;
    if (values.json === true) {
      const rows = findings.map((f) => ({
        id: f.id,
        rule: f.rule,
        severity: f.severity,
        message: f.message,
        table: f.table,
        row: f.row,
        column: f.column,
        sentence: f.sentence ?? null,
        expected: f.expected ?? null,
        actual: f.actual ?? null,
        difference: f.difference ?? null,
        explanation: f.explanation ?? null,
        cells: f.cells,
      }));
      out(`${JSON.stringify(rows, null, 2)}\n`);
    } else if (findings.length === 0) {
      out('未发现问题。\n');
    } else {
      const lines = findings.map((f) => `${f.severity}\t${tableName(core, setId, f.table)}\t${f.message}${f.explanation ? `\t说明：${f.explanation}` : ''}`);
      const count = (s: Severity): number => findings.filter((f) => f.severity === s).length;
      lines.push('', `共 ${findings.length} 条：错误 ${count('错误')} 条，需说明 ${count('需说明')} 条，提示 ${count('提示')} 条。`);
      out(`${lines.join('\n')}\n`);
    }
    const open = findings.filter((f) => f.severity === '错误' && !f.explanation).length;
    if (open > 0) throw new CommandError({ code: 'VALIDATION', message: `发现 ${open} 个未说明的错误，请按审核结果修改后再报送。` });
  },
};

import { importCodeList, type ImportCodeListResult } from '../core/codes/import-xlsx.js';
import { codeKindLabels } from '../../shared/reference/types.js';
import { UsageError, type Command, type CommandContext } from './commands.js';

const text = (v: CommandContext['values'][string]): string | undefined => (typeof v === 'string' ? v : undefined);

/** How many changes of each kind to list by name before summarising the rest. */
const LISTED = 20;

function listed<T>(items: T[], line: (item: T) => string): string[] {
  const shown = items.slice(0, LISTED).map((item) => `    ${line(item)}`);
  if (items.length > LISTED) shown.push(`    …另有 ${items.length - LISTED} 项`);
  return shown;
}

/** The import's outcome as a clerk reads it: what was read, how it differs from the built-in list, where it went. */
export function describeImport(r: ImportCodeListResult, dryRun: boolean): string {
  const kind = codeKindLabels[r.kind];
  const { added, removed, renamed } = r.diff;
  const lines = [
    `${dryRun ? '检查' : '已导入'} ${r.year} 年${kind}：共 ${r.count} 个科目（工作表“${r.sheet}”）。`,
    added.length + removed.length + renamed.length === 0
      ? `与程序内置的 ${r.baseYear} 年科目表相同。`
      : `与程序内置的 ${r.baseYear} 年科目表相比：新增 ${added.length} 个，减少 ${removed.length} 个，名称变更 ${renamed.length} 个。`,
  ];
  if (added.length) lines.push('  新增：', ...listed(added, (e) => `${e.code} ${e.name}`));
  if (removed.length) lines.push('  减少：', ...listed(removed, (e) => `${e.code} ${e.name}`));
  if (renamed.length) lines.push('  名称变更：', ...listed(renamed, (e) => `${e.code} ${e.from} → ${e.to}`));
  if (r.fileYear !== undefined) lines.push(`注意：表中标注的年度为 ${r.fileYear} 年，已按指定的 ${r.year} 年导入。`);
  for (const w of r.warnings) lines.push(`注意：${w}`);
  lines.push(dryRun ? '未保存（--dry-run）。' : `已保存到：${r.storedAt ?? ''}。此后 ${r.year} 年及以后年度的表格使用这份科目表的名称。`);
  return lines.join('\n');
}

export const codesCommand: Command = {
  name: 'codes',
  summary: '导入财政局下发的科目表（Excel）',
  usage: [
    '用法：budgetdesk codes import <科目表.xlsx> [--year <YYYY>] [--sheet <工作表>] [--dry-run] [--json]',
    '',
    '读取财政局下发的政府收支分类科目表（支出功能分类、部门预算支出经济分类或政府预算支出经济分类），',
    '与程序内置的科目表比较后保存到程序数据文件夹。导入后，该年度的表格按导入的科目表显示科目名称。',
    '',
    '选项：',
    '  --year <YYYY>          科目表所属年度（默认：取表头上方或文件名中的年份）',
    '  --sheet <工作表>       读取指定的工作表（默认：第一个能识别的工作表）',
    '  --dry-run              只检查和比较，不保存',
    '  --json                 以 JSON 输出导入结果（kind、year、count、diff、baseYear、warnings、storedAt）',
  ].join('\n'),
  positionals: ['子命令', '科目表文件'],
  subjectIndex: 1,
  options: { year: { type: 'string' }, sheet: { type: 'string' }, 'dry-run': { type: 'boolean' }, json: { type: 'boolean' } },
  async run({ core, positionals, values, out }) {
    if (positionals[0] !== 'import') throw new UsageError(`未知的子命令“${positionals[0]}”，目前只有 codes import`, 'codes');
    const yearText = text(values.year);
    if (yearText !== undefined && !/^\d{4}$/.test(yearText.trim())) throw new UsageError(`年度“${yearText}”无效，应为四位数字，例如 2024`, 'codes');
    const dryRun = values['dry-run'] === true;
    const options: { year?: number; sheet?: string; dryRun: boolean } = { dryRun };
    if (yearText !== undefined) options.year = Number(yearText);
    const sheet = text(values.sheet);
    if (sheet !== undefined) options.sheet = sheet;
    const result = await importCodeList(core.options.dataDir, positionals[1]!, options);
    out(values.json === true ? `${JSON.stringify(result, null, 2)}\n` : `${describeImport(result, dryRun)}\n`);
  },
};

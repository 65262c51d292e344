import type { DerivedTable } from '../../shared/derive/types.js';
import { UsageError, type Command, type CommandContext } from './commands.js';

const text = (v: CommandContext['values'][string]): string | undefined => (typeof v === 'string' ? v : undefined);

/** A table as printed, in plain data: what `--json` writes for each table. */
export function printedTable(t: DerivedTable) {
  const keys = t.columns.map((c) => c.key);
  return {
    id: t.tableId,
    number: t.number,
    title: t.title,
    unitLine: t.unitLine,
    moneyUnitLine: t.moneyUnitLine,
    header: t.header.cells.map(({ label, row, col, rowSpan, colSpan }) => ({ label, row, col, rowSpan, colSpan })),
    ...(t.numberRow ? { numberRow: t.numberRow } : {}),
    rows: t.rows.map((r) => keys.map((k) => r.cells[k]?.text ?? '')),
    empty: t.empty,
    ...(t.emptyNote !== undefined && t.rows.length === 0 ? { emptyNote: t.emptyNote } : {}),
    notes: t.notes,
    hints: t.hints.map((h) => h.message),
    problems: t.problems.map((p) => p.message),
  };
}

/** The header as text lines: each cell at its first grid column, merged cells left blank. */
function headerLines(t: DerivedTable): string[] {
  const width = t.columns.length;
  const lines: string[][] = Array.from({ length: t.header.rows }, () => new Array<string>(width).fill(''));
  for (const c of t.header.cells) lines[c.row]![c.col] = c.label;
  return lines.map((l) => l.join('\t'));
}

function plain(t: DerivedTable): string {
  const out: string[] = [`${t.number} ${t.title}`.trim()];
  if (t.unitLine) out.push(t.unitLine);
  if (t.moneyUnitLine) out.push(t.moneyUnitLine);
  out.push(...headerLines(t));
  if (t.numberRow) out.push(t.numberRow.join('\t'));
  const keys = t.columns.map((c) => c.key);
  for (const r of t.rows) out.push(keys.map((k) => r.cells[k]?.text ?? '').join('\t'));
  if (t.rows.length === 0 && t.emptyNote) out.push(t.emptyNote);
  out.push(...t.notes);
  for (const h of t.hints) out.push(`提示：${h.message}`);
  for (const p of t.problems) out.push(`问题：${p.message}`);
  return out.join('\n');
}

export const tablesCommand: Command = {
  name: 'tables',
  summary: '显示由预算数据生成的各表（与公开文件所印一致）',
  usage: [
    '用法：budgetdesk tables <文件> [--set <套表ID>] [--unit <单位编码>] [--json]',
    '',
    '按表格套表计算并显示工作簿中由预算数据生成的每一张表：标题、单位名称行、金额单位行、',
    '表头（含合并单元格）和各行文字，与公开文件所印一致。不修改文件。',
    '',
    '选项：',
    '  --set <ID>             用另一套表格显示同一份数据（默认：工作簿的表格套表），如 national-9',
    '  --unit <单位编码>      只显示该预算单位自己的表（默认：全部门汇总）',
    '  --json                 以 JSON 输出：每张表的 title、unitLine、moneyUnitLine、header（label、row、col、',
    '                         rowSpan、colSpan）、rows（每行各列文字）、emptyNote、notes、hints、problems',
  ].join('\n'),
  positionals: ['文件'],
  options: { set: { type: 'string' }, unit: { type: 'string' }, json: { type: 'boolean' } },
  run({ core, positionals, values, out }) {
    const setId = text(values.set);
    if (setId !== undefined && !core.tableSets.get(setId)) {
      const known = core.tableSets.list().map((s) => `${s.id}（${s.name}）`);
      throw new UsageError(`没有表格套表“${setId}”。可用的套表：${known.join('、')}`, 'tables');
    }
    const wb = core.workbook(positionals[0]!);
    const unit = text(values.unit);
    const tables = core.derived.allTables(wb, unit, setId);
    if (values.json === true) {
      const doc = { path: wb.path, tableSetId: setId ?? wb.meta().tableSetId, unit: unit ?? null, tables: tables.map(printedTable) };
      out(`${JSON.stringify(doc, null, 2)}\n`);
      return;
    }
    out(`${tables.map(plain).join('\n\n')}\n`);
  },
};

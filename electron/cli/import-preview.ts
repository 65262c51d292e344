import type { ImportPreview, PreviewTable } from '../../shared/import/preview.js';
import { formatMoney } from '../../shared/money/decimal.js';

const percent = (part: number, whole: number): string => (whole === 0 ? '—' : `${((100 * part) / whole).toFixed(1)}%`);

function tableLine(t: PreviewTable): string {
  const head = `  ${t.where}  ${t.sourceTitle || '（无标题）'}`;
  if (t.tableId === null) return `${head} → 未识别`;
  const layout = `${[t.number, t.title].filter((x) => x).join(' ')}（套表第 ${String(t.order)} 张，匹配度 ${percent(t.score, 1)}）`;
  const parts: string[] = [];
  if (t.form) parts.push('绩效表单');
  else if (t.emptyNote !== null) parts.push('空表');
  else parts.push(`${String(t.rows)} 行`);
  if (t.total !== null && t.moneyUnit !== null) parts.push(`合计 ${formatMoney(t.total, t.moneyUnit)} ${t.moneyUnit}`);
  if (t.unread > 0) parts.push(`${String(t.unread)} 处未识别`);
  return `${head} → ${layout}：${parts.join('，')}`;
}

/** The preview as `budgetdesk import --preview` prints it: the same facts the wizard shows, as plain lines. */
export function previewText(p: ImportPreview): string {
  const lines: string[] = [];
  lines.push(`文件：${p.file}（${p.kind === 'docx' ? 'Word 文档' : 'Excel 工作簿'}${p.convertedFrom ? `，已由旧版 .${p.convertedFrom} 转换` : ''}）`);
  if (p.deptName) lines.push(`单位名称：${p.deptName}`);
  lines.push(
    p.set
      ? `表格套表：${p.set.name}（${p.set.id}），识别 ${String(p.set.matched)} 张表，平均匹配度 ${percent(p.set.score, 1)}`
      : '表格套表：无法判断（文件中没有可识别的表格）',
  );
  if (p.otherSets.length > 0) lines.push(`其他套表：${p.otherSets.map((s) => `${s.name} 识别 ${String(s.matched)} 张`).join('；')}`);
  lines.push(`已识别单元格：${String(p.read)} / ${String(p.cells)}（${percent(p.read, p.cells)}）`);
  lines.push('', `表格（${String(p.tables.length)} 张）：`, ...p.tables.map(tableLine));
  if (p.missing.length > 0) lines.push('', '套表中有、文件中没有的表：', ...p.missing.map((m) => `  ${[m.number, m.title].filter((x) => x).join(' ')}`));
  lines.push('', `说明部分（${String(p.narrative.length)} 节）：`, ...p.narrative.map((s) => `  ${s.heading}（${String(s.paragraphs)} 段，${String(s.chars)} 字）`));
  lines.push('', p.unrecognised.length === 0 ? '未识别的内容：无' : `未识别的内容（${String(p.unrecognised.length)} 处）：`);
  for (const u of p.unrecognised) lines.push(`  ${u.place}：“${u.text}”——${u.reason}`);
  return `${lines.join('\n')}\n`;
}

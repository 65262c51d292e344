import type { ImportPreview, PreviewTable } from '../../shared/import/preview.js';
import { kindLabel, layoutName, percentText, performanceLine, placeInSet, readSummary, setLine, totalText } from '../../shared/import/preview-labels.js';

function tableLine(t: PreviewTable): string {
  const head = `  ${t.where}  ${t.sourceTitle || '（无标题）'}`;
  if (t.tableId === null) return `${head} → 未识别`;
  const parts = [readSummary(t)];
  const total = totalText(t);
  if (total !== '') parts.push(`合计 ${total}`);
  if (t.unread > 0) parts.push(`${String(t.unread)} 处未识别`);
  return `${head} → ${layoutName(t)}（${placeInSet(t)}，匹配度 ${percentText(t.score, 1)}）：${parts.join('，')}`;
}

/** The preview as `budgetdesk import --preview` prints it: the same facts the wizard shows, as plain lines. */
export function previewText(p: ImportPreview): string {
  const lines: string[] = [`文件：${p.file}（${kindLabel(p)}）`];
  if (p.deptName) lines.push(`单位名称：${p.deptName}`);
  lines.push(`文件年度：${p.fileYear === null ? '未找到' : `${String(p.fileYear)} 年`}`);
  lines.push(`表格套表：${setLine(p)}`);
  if (p.otherSets.length > 0) lines.push(`其他套表：${p.otherSets.map((s) => `${s.name} 识别 ${String(s.matched)} 张`).join('；')}`);
  lines.push(`已识别单元格：${String(p.read)} / ${String(p.cells)}（${percentText(p.read, p.cells)}）`);
  lines.push('', `表格（${String(p.tables.length)} 张）：`, ...p.tables.map(tableLine));
  if (p.missing.length > 0) lines.push('', '套表中有、文件中没有的表：', ...p.missing.map((m) => `  ${layoutName(m)}`));
  const perf = performanceLine(p);
  if (perf !== null) lines.push('', `绩效目标：${perf}`, ...(p.performance?.projects ?? []).map((x) => `  ${x.name}（${String(x.indicators)} 条指标）`));
  lines.push('', `说明部分（${String(p.narrative.length)} 节）：`, ...p.narrative.map((s) => `  ${s.heading}（${String(s.paragraphs)} 段，${String(s.chars)} 字）`));
  lines.push('', p.unrecognised.length === 0 ? '未识别的内容：无' : `未识别的内容（${String(p.unrecognised.length)} 处）：`);
  for (const u of p.unrecognised) lines.push(`  ${u.place}：“${u.text}”——${u.reason}`);
  return `${lines.join('\n')}\n`;
}

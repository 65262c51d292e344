import { formatMoney } from '../money/decimal.js';
import type { ImportPreview, PreviewTable } from './preview.js';

/** The preview's words, the same in the wizard and in `budgetdesk import --preview`. */

export const percentText = (part: number, whole: number): string => (whole === 0 ? '—' : `${((100 * part) / whole).toFixed(1)}%`);

/** '附件1 部门收支总表' as the set prints it, '{year}年' left out. */
export const layoutName = (t: { number: string | null; title: string | null }): string =>
  [t.number, t.title?.replace(/\{year\}年?/g, '')].filter((x) => x).join(' ');

/** Where a recognised table sits: '套表第 3 张', or for a workbook's data table behind the layouts, '录入数据表'. */
export const placeInSet = (t: { order: number | null }): string => (t.order === null ? '录入数据表' : `套表第 ${String(t.order)} 张`);

/** What was read from a recognised table: '22 行' / '空表' / '绩效表单'. */
export function readSummary(t: PreviewTable): string {
  if (t.tableId === null) return '未识别';
  if (t.form) return '绩效表单';
  if (t.emptyNote !== null || t.rows === 0) return '空表';
  return `${String(t.rows)} 行`;
}

/** The table's printed 合计 in its own unit, '508.93 万元', or '' when it prints none. */
export const totalText = (t: PreviewTable): string => (t.total !== null && t.moneyUnit !== null ? `${formatMoney(t.total, t.moneyUnit)} ${t.moneyUnit}` : '');

const KIND_LABELS: Record<ImportPreview['kind'], string> = { docx: 'Word 文档', xlsx: 'Excel 工作簿', bdwb: '预算编报台工作簿', json: '工作簿 JSON 交换文件' };

export const kindLabel = (p: ImportPreview): string => `${KIND_LABELS[p.kind]}${p.convertedFrom ? `，已由旧版 .${p.convertedFrom} 转换` : ''}`;

/** A workbook or its JSON names its set and tables itself: nothing in it is recognised by guessing. */
export const isWorkbookPreview = (p: ImportPreview): boolean => p.kind === 'bdwb' || p.kind === 'json';

export const setLine = (p: ImportPreview): string =>
  p.set
    ? `${p.set.name}（${p.set.id}），识别 ${String(p.set.matched)} 张表，平均匹配度 ${percentText(p.set.score, 1)}`
    : '无法判断（文件中没有可识别的表格）';

/** '专项 6 项，支出方向 6 项，部门整体目标，项目 0 个，指标 24 条', or null without 绩效 tables. */
export function performanceLine(p: ImportPreview): string | null {
  const f = p.performance;
  if (!f) return null;
  const parts = [`专项 ${String(f.specialFunds)} 项`, `支出方向 ${String(f.directions)} 项`];
  if (f.departmentGoal) parts.push('部门整体目标');
  parts.push(`项目 ${String(f.projects.length)} 个`, `指标 ${String(f.indicators)} 条`);
  return parts.join('，');
}

import { formatMoney } from '../money/decimal.js';
import type { MoneyUnit } from '../tables/schema.js';
import type { CubeCell } from './cube.js';
import { projectLabel, type ProjectInfo } from './facts.js';
import { fundSourceLabels, natureLabels } from './model.js';

/**
 * A cube cell in words, so a problem message tells the clerk which lines to look at. A project is named by its
 * row and name in 项目支出 (`projects`), never by the internal id a project without a code is keyed by.
 */
export function describeCell(cell: CubeCell, unit: MoneyUnit, projects: ReadonlyMap<string, ProjectInfo>): string {
  const amount = `${formatMoney(cell.amount.toFixed(), unit)}${unit}`;
  if (cell.measure === 'income') return `收入（${fundSourceLabels[cell.fundSource] ?? (cell.fundSource || '未填来源')}）${amount}`;
  const parts = [
    cell.funcCode ? `功能科目 ${cell.funcCode}` : '未填功能科目',
    cell.econCode ? `经济科目 ${cell.econCode}` : '未填经济科目',
    fundSourceLabels[cell.fundSource] ?? (cell.fundSource || '未填资金来源'),
    natureLabels[cell.nature] ?? cell.nature,
  ];
  if (cell.project) {
    const p = projects.get(cell.project);
    parts.push(p ? projectLabel(p) : cell.project.startsWith('#') ? '已删除的项目' : `项目 ${cell.project}`);
  }
  return `支出（${parts.join('、')}）${amount}`;
}

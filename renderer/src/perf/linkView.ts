import { formatMoney } from '../../../shared/money/decimal';
import { projectsById, resolveRow, type BudgetProject, type LinkColumns, type LinkedRow } from '../../../shared/perf/budget-link';
import type { MoneyUnit } from '../../../shared/tables/schema';
import type { GridRow } from '../../../shared/workbook/types';
import type { CellMark } from '../grid/GridRows';
import type { GridView } from '../grid/Grid';

const FIELD_LABELS = { name: '名称', amount: '金额', direction: '支出方向' } as const;

/**
 * The grid's view of a table whose rows follow budget projects: linked rows read the project's figures
 * (shared/perf/budget-link.ts), and each following cell is marked as following or overridden.
 */
export function linkView(cols: LinkColumns, projects: readonly BudgetProject[], unit: MoneyUnit): GridView & { linked(rowId: string): LinkedRow | undefined } {
  const byId = projectsById(projects);
  const from = new Map(cols.follows.map((f) => [f.key, f.from]));
  let last: { stored: readonly GridRow[]; rows: GridRow[]; linked: Map<string, LinkedRow> } | null = null;
  const read = (stored: readonly GridRow[]) => {
    if (last?.stored === stored) return last;
    const linked = new Map(stored.map((r) => [r.id, resolveRow(cols, r, byId)]));
    last = { stored, rows: [...linked.values()].map((l) => l.row), linked };
    return last;
  };
  const shown = (p: BudgetProject, key: string): string => {
    const field = from.get(key)!;
    return field === 'amount' ? formatMoney(p.amount, unit) : p[field];
  };
  return {
    rows: (stored) => read(stored).rows,
    linked: (rowId) => last?.linked.get(rowId),
    mark: (rowId, col): CellMark | undefined => {
      const l = last?.linked.get(rowId);
      if (l?.missing && from.has(col)) return { kind: 'missing', title: '关联的预算项目已被删除，本格只显示已填写的内容。请点“取消关联”，或删除本行。' };
      const state = l?.states[col];
      if (!l?.project || !state) return undefined;
      const label = FIELD_LABELS[from.get(col)!];
      const source = `预算项目“${l.project.name || l.project.code}”`;
      return state === 'follows'
        ? { kind: 'follows', title: `来自${source}的${label}，项目变化时随之更新。直接输入可改写。` }
        : { kind: 'override', title: `已改写：${source}的${label}为 ${shown(l.project, col) || '（空）'}。清空此格即恢复跟随预算。` };
    },
  };
}

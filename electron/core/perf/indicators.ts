import type { Change } from '../../../shared/api/contract.js';
import { DEPT_OWNER, PERF_TABLES } from '../../../shared/perf/binding.js';
import { indicatorCells, parseIndicatorValue, squeezeText } from '../../../shared/perf/indicator.js';
import { level2KindOf, normaliseLevel1, type Level1 } from '../../../shared/perf/tree.js';
import type { GridRow, RowCells } from '../../../shared/workbook/types.js';
import { CoreError } from '../errors.js';
import type { Workbook } from '../workbook/workbook.js';

/**
 * Changes to the indicator grid that need more than a cell edit: rows pasted from Word or Excel (merged
 * 一级/二级 cells, 效果指标, `≥90比率` in one cell), a 指标值 retyped as one text, indicators copied
 * from another project or last year's workbook. Each is one undoable Workbook.change.
 */

const TEXT_COLUMNS = ['name', 'desc', 'basis', 'direction', 'periodValue', 'weight'] as const;
export const PASTE_COLUMNS = ['level1', 'level2', 'value', ...TEXT_COLUMNS] as const;
const PASTE_ALIASES: Record<string, string> = { description: 'desc' };

/** The owner id of a project (its row id), the department, or a 专项 row. */
function ownerExists(wb: Workbook, owner: string): boolean {
  if (owner === DEPT_OWNER) return true;
  return [PERF_TABLES.projects, PERF_TABLES.special].some((t) => wb.rows(t).some((r) => r.id === owner));
}

/**
 * What a clerk may call an owner: 'dept' or 部门整体, a project's row id, 项目编码 or exact 项目名称, or a
 * 专项's row id or name. Names must be unique to be used.
 */
export function resolveOwner(wb: Workbook, text: string): string {
  const t = squeezeText(text);
  if (t === DEPT_OWNER || t === '部门整体') return DEPT_OWNER;
  for (const table of [PERF_TABLES.projects, PERF_TABLES.special]) {
    const rows = wb.rows(table);
    const byId = rows.find((r) => r.id === t);
    if (byId) return byId.id;
    for (const key of ['code', 'name']) {
      const hits = rows.filter((r) => squeezeText(r.cells[key] ?? '') === t && t !== '');
      if (hits.length === 1) return hits[0]!.id;
      if (hits.length > 1) throw new CoreError('VALIDATION', { issue: `有 ${hits.length} 个项目叫“${t}”，请改用项目编码或先区分项目名称` });
    }
  }
  throw new CoreError('NOT_FOUND', { what: '项目', path: text.slice(0, 80) });
}

/** Index just after the owner's last indicator, so a project's rows stay together. */
function insertIndex(rows: readonly GridRow[], owner: string): number {
  for (let i = rows.length - 1; i >= 0; i -= 1) if (rows[i]!.cells.owner === owner) return i + 1;
  return rows.length;
}

/** One pasted row as stored text; level1/level2 inherit from the row above like merged cells do. */
function pastedCells(raw: Record<string, string>, above: { level1?: Level1; level2?: string }, n: number): Record<string, string> | null {
  const row: Record<string, string> = {};
  for (const [key, text] of Object.entries(raw)) {
    const col = PASTE_ALIASES[key] ?? key;
    if (!(PASTE_COLUMNS as readonly string[]).includes(col)) {
      throw new CoreError('VALIDATION', { issue: `第${n}行：绩效指标没有“${key}”这一列，可用：${PASTE_COLUMNS.join('、')}` });
    }
    row[col] = col === 'desc' || col === 'value' ? text : squeezeText(text);
  }
  if (Object.values(row).every((v) => squeezeText(v) === '')) return null;
  const typed1 = squeezeText(row.level1 ?? '');
  const level1 = typed1 === '' ? above.level1 : normaliseLevel1(typed1);
  if (level1 === undefined) {
    throw new CoreError('VALIDATION', { issue: `第${n}行的一级指标“${typed1}”无效，应为产出指标、效益指标（效果指标）或满意度指标` });
  }
  const level2 = squeezeText(row.level2 ?? '') || (typed1 === '' ? (above.level2 ?? '') : '');
  const cells: Record<string, string> = { level1, level2 };
  for (const key of TEXT_COLUMNS) if (row[key] !== undefined) cells[key] = key === 'desc' ? squeezeText(row[key]!) : row[key]!;
  if (row.value !== undefined) Object.assign(cells, indicatorCells(parseIndicatorValue(row.value)));
  above.level1 = level1;
  above.level2 = level2;
  return cells;
}

export function pasteChange(wb: Workbook, owner: string, rows: Record<string, string>[], index?: number): Change {
  // `owner` is an internal row id: say what is gone, not which id (the project was deleted, e.g. in another window).
  if (!ownerExists(wb, owner)) throw new CoreError('NOT_FOUND', { what: '要粘贴指标的项目' });
  const above: { level1?: Level1; level2?: string } = {};
  const cells = rows.map((raw, i) => pastedCells(raw, above, i + 1)).filter((c): c is Record<string, string> => c !== null);
  if (cells.length === 0) throw new CoreError('VALIDATION', { issue: '粘贴的内容中没有绩效指标' });
  const at = index ?? insertIndex(wb.rows(PERF_TABLES.indicators), owner);
  return {
    label: `粘贴绩效指标（${cells.length}条）`,
    edits: [{ kind: 'insertRows', tableId: PERF_TABLES.indicators, index: at, rows: cells.map((c) => ({ ...c, owner })) }],
  };
}

/** A 指标值 typed as one text ("≥95%"): split into its stored parts, the text kept as typed. */
export function setValueChange(wb: Workbook, rowId: string, text: string): Change {
  if (!wb.rows(PERF_TABLES.indicators).some((r) => r.id === rowId)) throw new CoreError('NOT_FOUND', { what: '要修改的绩效指标' });
  const parts = indicatorCells(parseIndicatorValue(text));
  return {
    label: '修改指标值',
    edits: [{ kind: 'setCells', tableId: PERF_TABLES.indicators, cells: Object.entries(parts).map(([col, value]) => ({ rowId, col, text: value })) }],
  };
}

/**
 * A bare 成本 figure ("200") means the workbook's 金额单位; copied into a workbook kept in another unit it
 * gets the unit written out, so 200万元 does not become 200元.
 */
function carryUnit(cells: RowCells, from: Workbook, to: Workbook): RowCells {
  const fromUnit = from.meta().moneyUnit;
  if (fromUnit === to.meta().moneyUnit) return cells;
  const bare = (cells.op ?? '定性') !== '定性' && (cells.unit ?? '') === '' && level2KindOf(cells.level2) === '成本';
  return bare ? { ...cells, unit: fromUnit } : cells;
}

export function copyChange(from: Workbook, to: Workbook, fromOwner: string, toOwner: string): Change {
  const source = resolveOwner(from, fromOwner);
  const target = resolveOwner(to, toOwner);
  if (from === to && source === target) throw new CoreError('VALIDATION', { issue: '复制的来源和目标是同一个项目' });
  const rows = from.rows(PERF_TABLES.indicators).filter((r) => r.cells.owner === source);
  if (rows.length === 0) throw new CoreError('VALIDATION', { issue: `来源“${fromOwner}”没有绩效指标可复制` });
  const copied = rows.map((r) => {
    const cells: Record<string, string> = { ...carryUnit(r.cells, from, to), owner: target };
    return cells;
  });
  return {
    label: `复制绩效指标（${copied.length}条）`,
    edits: [{ kind: 'insertRows', tableId: PERF_TABLES.indicators, index: insertIndex(to.rows(PERF_TABLES.indicators), target), rows: copied }],
  };
}

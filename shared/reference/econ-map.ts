import { builtinEconMapping } from './builtin.js';
import { normalizeCode } from './normalize.js';

export type UnitType = 'agency' | 'institution';

/**
 * The 政府预算支出经济分类 款 for a 部门预算支出经济分类 款. The correspondence depends on the unit:
 * 行政单位 and 参公单位 ('agency', the default) use 501–504; 事业单位 ('institution') book wages and
 * operating costs to 505 and capital to 506. Undefined for a 类 or an unknown code.
 */
export function govCodeFor(deptEconCode: string, options: { year?: number; unitType?: UnitType } = {}): string | undefined {
  const code = normalizeCode(deptEconCode);
  if (code === undefined) return undefined;
  const mapping = builtinEconMapping(options.year ?? Number.MAX_SAFE_INTEGER);
  const row = mapping?.rows.get(code);
  return row?.[options.unitType ?? 'agency'];
}

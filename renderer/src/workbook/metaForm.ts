import type { MoneyUnit } from '../../../shared/tables/schema';
import type { WorkbookMeta } from '../../../shared/workbook/types';

/** What the clerk types in the workbook-info forms, before it becomes a WorkbookMeta. */
export interface MetaDraft {
  deptName: string;
  year: string;
  unitCode: string;
  moneyUnit: MoneyUnit;
  scope: string;
}

export type MetaErrors = Partial<Record<keyof MetaDraft, string>>;

export const DEFAULT_SCOPE = '本级';

export function defaultDraft(): MetaDraft {
  return { deptName: '', year: String(new Date().getFullYear() + 1), unitCode: '', moneyUnit: '万元', scope: DEFAULT_SCOPE };
}

export function draftFromMeta(meta: WorkbookMeta): MetaDraft {
  return { deptName: meta.deptName, year: String(meta.year), unitCode: meta.unitCode, moneyUnit: meta.moneyUnit, scope: meta.scope };
}

const toHalfWidthDigits = (text: string) => text.replace(/[\uFF10-\uFF19]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xff10 + 48));

/** The typed year as a number (full-width digits and a trailing 年 accepted), or null when it is not a valid year. */
export function draftYear(draft: Pick<MetaDraft, 'year'>): number | null {
  const yearText = toHalfWidthDigits(draft.year.trim()).replace(/年$/, '');
  const year = Number(yearText);
  return /^\d{4}$/.test(yearText) && year >= 2000 && year <= 2100 ? year : null;
}

/** Mirrors metaSchema's limits so the clerk hears about a problem beside the field, not from the core. */
export function validateDraft(draft: MetaDraft): { errors: MetaErrors; meta: Omit<WorkbookMeta, 'tableSetId'> | null } {
  const errors: MetaErrors = {};
  const deptName = draft.deptName.trim();
  if (deptName === '') errors.deptName = '请填写部门名称。';
  else if (deptName.length > 100) errors.deptName = '部门名称不能超过100个字。';
  const year = draftYear(draft);
  if (year === null) errors.year = '年度应为2000至2100之间的四位数字，例如 2026。';
  const unitCode = draft.unitCode.trim();
  if (unitCode.length > 40) errors.unitCode = '单位编码不能超过40个字符。';
  const scope = draft.scope.trim();
  if (scope.length > 100) errors.scope = '编报范围不能超过100个字。';
  if (year === null || Object.keys(errors).length > 0) return { errors, meta: null };
  return { errors, meta: { deptName, year, unitCode, moneyUnit: draft.moneyUnit, scope: scope || DEFAULT_SCOPE } };
}

import type { TemplateVars } from '../../../shared/tables/layout';
import type { WorkbookMeta } from '../../../shared/workbook/types';

/** The workbook's values for {year} {deptName} {unitCode} {scope} in titles, unit lines and notes. */
export const templateVars = (meta: WorkbookMeta): TemplateVars => ({ year: meta.year, deptName: meta.deptName, unitCode: meta.unitCode, scope: meta.scope });

import type { Core } from '../core.js';
import type { HandlersOf } from './types.js';

/** The set's tables as derived from the budget facts, their drill-down and exact fact sums. */
export function tableHandlers(core: Core): Pick<HandlersOf<'workbook.'>, 'workbook.tables' | 'workbook.derived' | 'workbook.drill' | 'workbook.factSums'> {
  return {
    'workbook.tables': ({ path: file, unit, tableSetId }) => core.derived.overview(core.workbook(file), unit, tableSetId),
    'workbook.derived': ({ path: file, tableId, unit, tableSetId }) => core.derived.table(core.workbook(file), tableId, unit, tableSetId),
    'workbook.drill': ({ path: file, tableId, rowKey, col, unit, tableSetId }) =>
      core.derived.drill(core.workbook(file), tableId, rowKey, col, unit, tableSetId),
    'workbook.factSums': ({ path: file, queries, unit, prev }) => core.derived.sums(core.workbook(file), queries, unit, prev),
  };
}

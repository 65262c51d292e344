import { codeListForSet } from '../../../shared/derive/code-names.js';
import { loadCodeList } from '../codes/store.js';
import type { Core } from '../core.js';
import { CoreError } from '../errors.js';
import type { HandlersOf } from './types.js';

/** The 科目 lists, read the way the derived tables read them, so the entry pickers name codes the same way. */
export function codeHandlers(core: Core): HandlersOf<'codes.'> {
  return {
    'codes.list': ({ kind, year, tableSetId }) => {
      const set = tableSetId === undefined ? undefined : core.tableSets.get(tableSetId);
      if (tableSetId !== undefined && !set) throw new CoreError('NOT_FOUND', { what: '表格套表', path: tableSetId });
      return codeListForSet(loadCodeList(core.options.dataDir, kind, year), set, kind) ?? null;
    },
  };
}

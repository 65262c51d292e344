import { summarizeTableSet } from '../../../shared/tables/set-choice.js';
import type { Core } from '../core.js';
import { CoreError } from '../errors.js';
import { LATEST_VERSION } from '../workbook/migrations.js';
import { APP_VERSION } from '../version.js';
import type { HandlersOf } from './types.js';

export function appHandlers(core: Core): HandlersOf<'app.' | 'tablesets.'> {
  return {
    'app.info': () => ({
      version: APP_VERSION,
      host: core.options.host,
      dataDir: core.options.dataDir,
      libraryDir: core.library.libraryDir,
      formatVersion: LATEST_VERSION,
    }),
    'tablesets.list': () => core.tableSets.list().map(summarizeTableSet),
    'tablesets.choose': ({ year, region }) => ({ id: core.defaultTableSetId(year, region) }),
    'tablesets.get': ({ id }) => {
      const set = core.tableSets.get(id);
      if (!set) throw new CoreError('NOT_FOUND', { what: '表格套表', path: id });
      return set;
    },
  };
}

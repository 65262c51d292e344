import { summarizeTableSet } from '../../../shared/tables/set-choice.js';
import type { TableSetListEntry } from '../../../shared/api/contract.js';
import type { TableSet } from '../../../shared/tables/schema.js';
import type { Core } from '../core.js';
import { checkTableSetFile, importTableSetFile } from '../tablesets.js';
import { CoreError } from '../errors.js';
import { LATEST_VERSION } from '../workbook/migrations.js';
import { APP_VERSION } from '../version.js';
import type { HandlersOf } from './types.js';

function tableSetListEntry(core: Core, set: TableSet): TableSetListEntry {
  const origin = core.tableSets.origin(set.id);
  const entry: TableSetListEntry = { ...summarizeTableSet(set), moneyUnit: set.moneyUnit, builtIn: origin?.builtIn ?? false };
  if (origin?.file !== undefined) entry.file = origin.file;
  if (set.extends !== undefined) entry.extends = set.extends;
  return entry;
}

export function appHandlers(core: Core): HandlersOf<'app.' | 'tablesets.'> {
  return {
    'app.info': () => ({
      version: APP_VERSION,
      host: core.options.host,
      dataDir: core.options.dataDir,
      libraryDir: core.library.libraryDir,
      formatVersion: LATEST_VERSION,
    }),
    'tablesets.list': () => core.tableSets.list().map((set) => tableSetListEntry(core, set)),
    'tablesets.choose': ({ year, region }) => ({ id: core.defaultTableSetId(year, region) }),
    'tablesets.rejected': () => core.rejectedTableSets,
    'tablesets.check': ({ file }) => checkTableSetFile(core.tableSets, file),
    'tablesets.import': ({ file }) => tableSetListEntry(core, importTableSetFile(core.tableSets, core.options.dataDir, file)),
    'tablesets.get': ({ id }) => {
      const set = core.tableSets.get(id);
      if (!set) throw new CoreError('NOT_FOUND', { what: '表格套表', path: id });
      return set;
    },
  };
}

import path from 'node:path';
import type { Core } from '../core.js';
import { CoreError } from '../errors.js';
import { exportWorkbookJsonFile } from '../interchange.js';
import { saveAsTarget, saveCopy } from '../recovery.js';
import { storeOf } from '../workbook/edits.js';
import type { HandlersOf } from './types.js';

/** Opening, leasing, saving-as and editing one workbook; every edit goes through core.commits. */
export function workbookHandlers(core: Core): Omit<HandlersOf<'workbook.'>, 'workbook.tables' | 'workbook.derived' | 'workbook.drill' | 'workbook.factSums'> {
  return {
    'workbook.open': ({ path: file, clientId }) => {
      if (clientId) core.leases.claim(path.resolve(file), clientId);
      const wb = core.workbook(file);
      core.library.touchRecent(wb.path);
      core.backups.onOpen(wb);
      return wb.state();
    },
    'workbook.heartbeat': ({ path: file, clientId }) => {
      core.leases.claim(path.resolve(file), clientId);
      return { leaseMs: core.leases.ttlMs };
    },
    'workbook.release': ({ path: file, clientId }) => {
      if (core.leases.release(path.resolve(file), clientId)) core.closeWorkbook(file);
      return null;
    },
    'workbook.saveAs': ({ path: file, target, overwrite }) => {
      const wb = core.workbook(file);
      const dest = saveAsTarget(wb.path, target, overwrite ?? false);
      saveCopy(wb.db, dest, (old) => {
        core.closeWorkbook(old);
        return core.library.recycle(old).recycledPath;
      });
      const copy = core.workbook(dest);
      core.library.touchRecent(copy.path);
      return copy.state();
    },
    'workbook.close': ({ path: file }) => {
      core.closeWorkbook(file);
      return null;
    },
    'workbook.rows': ({ path: file, tableId }) => {
      const wb = core.workbook(file);
      return { revision: wb.revision(), rows: wb.rows(storeOf(wb.table(tableId))) };
    },
    'workbook.change': ({ path: file, change }) => {
      // Switching a workbook to another set keeps its facts; the set must be one that is loaded.
      for (const edit of change.edits) {
        const setId = edit.kind === 'setMeta' ? edit.patch.tableSetId : undefined;
        if (setId !== undefined && !core.tableSets.get(setId)) throw new CoreError('NOT_FOUND', { what: '表格套表', path: setId });
      }
      return core.commits.change(core.workbook(file), change);
    },
    'workbook.undo': ({ path: file }) => core.commits.undo(core.workbook(file)),
    'workbook.redo': ({ path: file }) => core.commits.redo(core.workbook(file)),
    'workbook.exportJson': ({ path: file, out }) => exportWorkbookJsonFile(core.workbook(file), out),
  };
}

import path from 'node:path';
import { findBackupDir, ownedBackup } from '../backups.js';
import type { Core } from '../core.js';
import { putInPlace } from '../recovery.js';
import type { HandlersOf } from './types.js';

export function backupHandlers(core: Core): HandlersOf<'backups.' | 'recovery.'> {
  return {
    'backups.list': ({ path: file }) => core.backups.list(file, core.openWorkbook(file)),
    'backups.create': ({ path: file }) => core.backupWorkbook(file, 'manual'),
    'backups.restore': ({ path: file, backupFile }) => {
      const wb = core.workbook(file);
      putInPlace(wb.path, ownedBackup(core.backups.dirOf(wb), backupFile), {
        revisionAtLeast: wb.revision() + 1,
        beforeSwap: () => {
          core.backups.create(wb, 'pre-restore');
          core.closeWorkbook(wb.path);
        },
      });
      return core.workbook(wb.path).state();
    },
    'recovery.restoreFromBackup': ({ path: file, backupFile }) => {
      const key = path.resolve(file);
      const source = ownedBackup(findBackupDir(core.library.backupsDir, key), backupFile);
      core.closeWorkbook(key);
      const damagedPath = putInPlace(key, source, { keepAs: 'damaged' });
      return { state: core.workbook(key).state(), damagedPath };
    },
  };
}

import { existsSync } from 'node:fs';
import path from 'node:path';
import type { WorkbookMeta } from '../../../shared/workbook/types.js';
import type { Core } from '../core.js';
import { CoreError, toApiError } from '../errors.js';
import { importJsonToLibrary } from '../interchange.js';
import { fileInfo } from '../library.js';
import type { HandlersOf } from './types.js';

function listEntry(core: Core, file: string) {
  try {
    const info = fileInfo(file);
    try {
      const wasOpen = core.isOpen(file);
      const meta = core.workbook(file).meta();
      // Listing must not keep files locked against other programs.
      if (!wasOpen) core.closeWorkbook(file);
      return { path: file, fileName: path.basename(file), meta, problem: null, ...info };
    } catch (err) {
      return { path: file, fileName: path.basename(file), meta: null, problem: toApiError(err, file).message, ...info };
    }
  } catch {
    return null;
  }
}

export function libraryHandlers(core: Core): HandlersOf<'library.'> {
  return {
    'library.list': () => {
      const workbooks = core.library.libraryFiles().map((f) => listEntry(core, f)).filter((e) => e !== null);
      const recent = core.library
        .recent()
        .map((f) => listEntry(core, f))
        .filter((e) => e !== null);
      return { workbooks, recent };
    },
    'library.create': ({ meta, fileName }) => {
      const tableSetId = meta.tableSetId ?? core.defaultTableSetId(meta.year);
      const set = core.tableSets.get(tableSetId);
      const full: WorkbookMeta = {
        deptName: meta.deptName,
        year: meta.year,
        unitCode: meta.unitCode ?? '',
        moneyUnit: meta.moneyUnit ?? set?.moneyUnit ?? '万元',
        scope: meta.scope ?? '本级',
        tableSetId,
      };
      const file = core.library.newPath(fileName ?? `${full.deptName}-${full.year}年`, fileName !== undefined);
      const wb = core.createWorkbook(file, full);
      core.library.touchRecent(wb.path);
      return wb.state();
    },
    'library.rename': ({ path: file, newName }) => {
      const from = path.resolve(file);
      core.closeWorkbook(from);
      return { path: core.library.rename(from, newName) };
    },
    'library.delete': ({ path: file }) => {
      const from = path.resolve(file);
      if (!existsSync(from)) throw new CoreError('NOT_FOUND', { what: '工作簿', path: from });
      core.closeWorkbook(from);
      return core.library.recycle(from);
    },
    'library.recycled': () => core.library.recycled(),
    'library.restore': ({ recycledPath }) => ({ path: core.library.restore(recycledPath) }),
    'library.forgetRecent': ({ path: file }) => {
      core.library.forgetRecent(path.resolve(file));
      return null;
    },
    'library.importJson': ({ jsonPath, out }) => importJsonToLibrary(core, jsonPath, out),
  };
}

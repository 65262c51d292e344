import { exportDocument } from '../io/export.js';
import type { Core } from '../core.js';
import { dateLineOf, printDocument, printTable } from '../print/tables.js';
import type { HandlersOf } from './types.js';

/** The print.* API methods: the printed model of one layout or of the whole submission, and its export. */
export function printHandlers(core: Core): HandlersOf<'print.'> {
  return {
    'print.table': ({ path, tableId }) => printTable(core, core.workbook(path), tableId),
    'print.document': ({ path, part, tables }) => {
      const request = { part: part ?? 'all', dateLine: dateLineOf(new Date()) };
      return printDocument(core, core.workbook(path), tables === undefined ? request : { ...request, tables });
    },
    'print.export': ({ path, format, out, part, tables }) =>
      exportDocument(core, core.workbook(path), { format, out, part: part ?? 'all', ...(tables === undefined ? {} : { tables }) }),
  };
}

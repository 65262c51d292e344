import { accessSync, constants, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { DocumentPart, ExportFormat, PrintDocument } from '../../../shared/print/types.js';
import { writeFileAtomic } from '../atomic-write.js';
import type { Core } from '../core.js';
import { CoreError } from '../errors.js';
import { dateLineOf, printDocument } from '../print/tables.js';
import type { Workbook } from '../workbook/workbook.js';
import { writeDocx } from './docx/write.js';
import { writeXlsx } from './xlsx/write.js';

/** The writer of each format, from the one printed document; null for a format this build cannot write. */
const writers: Record<ExportFormat, ((doc: PrintDocument) => Promise<Buffer>) | null> = {
  xlsx: writeXlsx,
  docx: writeDocx,
};

export interface ExportRequest {
  format: ExportFormat;
  part: DocumentPart;
  tables?: string[];
  out: string;
}

export interface ExportResult {
  out: string;
  bytes: number;
  format: ExportFormat;
  /** Printed tables in the file (a repeated form counts once per record). */
  tables: number;
}

const dirWritable = (dir: string): boolean => {
  try {
    accessSync(dir, constants.W_OK);
    return true;
  } catch {
    return false;
  }
};

/**
 * Why the file could not be put in place, in the terms a clerk acts on. Windows refuses to replace a file
 * Word or WPS holds open with EBUSY or EPERM; a folder that takes new files but not that one is the same case.
 */
function exportError(err: unknown, target: string): unknown {
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT') return new CoreError('EXPORT_DISK_FULL', { path: target });
  if (code === 'EBUSY' || code === 'ETXTBSY') return new CoreError('EXPORT_LOCKED', { path: target });
  if (code === 'EPERM' || code === 'EACCES') {
    return new CoreError(existsSync(target) && dirWritable(path.dirname(target)) ? 'EXPORT_LOCKED' : 'EXPORT_READ_ONLY', { path: target });
  }
  if (code === 'EROFS') return new CoreError('EXPORT_READ_ONLY', { path: target });
  return err;
}

/** Writes beside the target and renames over it: a failure or a crash leaves the old file as it was, never half a file. */
export function putExport(target: string, data: Buffer): void {
  if (existsSync(target) && statSync(target).isDirectory()) throw new CoreError('VALIDATION', { issue: `“${target}”是一个文件夹，请指定要保存的文件名` });
  try {
    writeFileAtomic(target, data);
  } catch (err) {
    throw exportError(err, target);
  }
}

/** Builds the printed document of the workbook and writes it in `format` to `out`. */
export async function exportDocument(core: Core, wb: Workbook, request: ExportRequest): Promise<ExportResult> {
  const writer = writers[request.format];
  if (!writer) throw new CoreError('EXPORT_NOT_BUILT', { format: `.${request.format}` });
  const out = path.resolve(request.out);
  const doc = printDocument(core, wb, { part: request.part, dateLine: dateLineOf(new Date()), ...(request.tables ? { tables: request.tables } : {}) });
  const data = await writer(doc);
  putExport(out, data);
  return { out, bytes: data.length, format: request.format, tables: doc.blocks.filter((b) => b.kind === 'table').length };
}

import { makeError } from '../../shared/api/errors-zh.js';
import type { ApiError, ErrorCode } from '../../shared/api/result.js';

/** Thrown inside the core; converted to an error value at the dispatcher, never crossing a host. */
export class CoreError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly details?: Record<string, unknown>,
  ) {
    super(`${code}${details ? ` ${JSON.stringify(details)}` : ''}`);
  }
}

const sqliteCodes: [RegExp, ErrorCode][] = [
  [/^SQLITE_FULL/, 'DISK_FULL'],
  [/^SQLITE_READONLY/, 'READ_ONLY'],
  [/^SQLITE_CANTOPEN/, 'IO_ERROR'],
  [/^SQLITE_IOERR/, 'IO_ERROR'],
  [/^SQLITE_(BUSY|LOCKED)/, 'WORKBOOK_IN_USE'],
  [/^SQLITE_(CORRUPT|NOTADB)/, 'WORKBOOK_CORRUPT'],
];
const fsCodes: Record<string, ErrorCode> = {
  ENOSPC: 'DISK_FULL',
  EDQUOT: 'DISK_FULL',
  EROFS: 'READ_ONLY',
  EACCES: 'READ_ONLY',
  EPERM: 'READ_ONLY',
  ENOENT: 'NOT_FOUND',
  EEXIST: 'ALREADY_EXISTS',
  EIO: 'IO_ERROR',
  ENODEV: 'IO_ERROR',
  ENXIO: 'IO_ERROR',
};

/** Classifies any thrown value; `path` is added to the details where the error concerns a file. */
export function toApiError(err: unknown, path?: string): ApiError {
  if (err instanceof CoreError) return makeError(err.code, err.details);
  const code = (err as { code?: unknown } | null)?.code;
  const withPath = (extra: Record<string, unknown> = {}) => (path ? { path, ...extra } : extra);
  if (typeof code === 'string') {
    for (const [pattern, mapped] of sqliteCodes) if (pattern.test(code)) return makeError(mapped, withPath());
    const fsMapped = fsCodes[code];
    if (fsMapped) return makeError(fsMapped, withPath({ what: '文件' }));
  }
  const reason = err instanceof Error ? err.message : String(err);
  return makeError('INTERNAL', { reason: reason.slice(0, 300) });
}

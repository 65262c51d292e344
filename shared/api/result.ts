/** Errors cross every host boundary as values, never as thrown exceptions. */

export const errorCodes = [
  'VALIDATION',
  'UNKNOWN_METHOD',
  'NOT_FOUND',
  'ALREADY_EXISTS',
  'NOT_A_WORKBOOK',
  'WORKBOOK_CORRUPT',
  'WORKBOOK_TOO_NEW',
  'WORKBOOK_IN_USE',
  'INVALID_NUMBER',
  'INVALID_INTERCHANGE',
  'FILE_TOO_LARGE',
  'DISK_FULL',
  'READ_ONLY',
  'IO_ERROR',
  'NOTHING_TO_UNDO',
  'NOTHING_TO_REDO',
  'CONFLICT',
  'UNAUTHORIZED',
  'UNSUPPORTED_FILE',
  'EXPORT_LOCKED',
  'EXPORT_READ_ONLY',
  'EXPORT_DISK_FULL',
  'EXPORT_NOT_BUILT',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export interface ApiError {
  code: ErrorCode;
  /** Chinese text for people; built from code + details by `describeError`. */
  message: string;
  details?: Record<string, unknown>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

import type { ApiError } from '../../../shared/api/result';
import { InUseNotice } from './InUseNotice';
import { RecoveryDialog } from './RecoveryDialog';

/** Open failures that the clerk can act on here (recover from a backup, or try again) rather than just read. */
export function handlesOpenError(error: ApiError): boolean {
  return error.code === 'WORKBOOK_CORRUPT' || error.code === 'WORKBOOK_IN_USE';
}

/** `onRetry` opens the workbook again and resolves with the new failure, or null once it is open. */
export function OpenProblem({ error, path, onRetry, onBack }: { error: ApiError; path: string; onRetry(): Promise<ApiError | null>; onBack(): void }) {
  if (error.code === 'WORKBOOK_CORRUPT') return <RecoveryDialog error={error} path={path} onOpen={onRetry} onBack={onBack} />;
  return <InUseNotice error={error} path={path} onRetry={onRetry} onBack={onBack} />;
}

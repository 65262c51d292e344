import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import Alert from '@mui/material/Alert';
import Snackbar from '@mui/material/Snackbar';
import type { ApiError } from '../../../shared/api/result';
import { errorText } from '../api/messages';

type Severity = 'error' | 'warning' | 'info' | 'success';

interface Notice {
  id: number;
  text: string;
  severity: Severity;
}

interface Notifier {
  notify(text: string, severity?: Severity): void;
  notifyError(error: ApiError | string): void;
  clear(): void;
}

const NotifierContext = createContext<Notifier | null>(null);

let nextId = 1;

/** One message at a time at the bottom of the window; errors stay longer because they explain what to do. */
export function NotifierProvider({ children }: { children: ReactNode }) {
  const [notice, setNotice] = useState<Notice | null>(null);
  const notify = useCallback((text: string, severity: Severity = 'info') => setNotice({ id: nextId++, text, severity }), []);
  const notifyError = useCallback(
    (error: ApiError | string) => setNotice({ id: nextId++, text: typeof error === 'string' ? error : errorText(error), severity: 'error' }),
    [],
  );
  const clear = useCallback(() => setNotice(null), []);
  const value = useMemo(() => ({ notify, notifyError, clear }), [notify, notifyError, clear]);
  const close = (_event?: unknown, reason?: string) => {
    // A click elsewhere (often the next cell) must not hide a message the clerk has not read yet.
    if (reason === 'clickaway') return;
    setNotice(null);
  };
  return (
    <NotifierContext.Provider value={value}>
      {children}
      <Snackbar
        key={notice?.id}
        open={notice !== null}
        autoHideDuration={notice?.severity === 'error' ? 15000 : 5000}
        onClose={close}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'left' }}
      >
        {notice ? (
          <Alert
            severity={notice.severity}
            variant="filled"
            onClose={close}
            data-testid={notice.severity === 'error' ? 'error-message' : 'notice-message'}
            sx={{ maxWidth: 560, maxHeight: '60vh', overflowY: 'auto', whiteSpace: 'pre-line' }}
          >
            {notice.text}
          </Alert>
        ) : undefined}
      </Snackbar>
    </NotifierContext.Provider>
  );
}

export function useNotifier(): Notifier {
  const ctx = useContext(NotifierContext);
  if (!ctx) throw new Error('useNotifier outside NotifierProvider');
  return ctx;
}

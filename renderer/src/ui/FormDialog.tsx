import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import type { ReactNode } from 'react';

interface Props {
  open: boolean;
  title: string;
  busy: boolean;
  submitLabel: string;
  submitTestId: string;
  maxWidth?: 'xs' | 'sm' | 'md';
  onClose: () => void;
  onSubmit: () => void;
  children: ReactNode;
}

/** A dialog around one form: Enter submits, 取消 closes, and nothing can be closed while a call is running. */
export function FormDialog({ open, title, busy, submitLabel, submitTestId, maxWidth = 'sm', onClose, onSubmit, children }: Props) {
  return (
    <Dialog open={open} onClose={busy ? undefined : onClose} maxWidth={maxWidth} fullWidth>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit();
        }}
      >
        <DialogTitle>{title}</DialogTitle>
        <DialogContent>{children}</DialogContent>
        <DialogActions>
          <Button onClick={onClose} disabled={busy}>
            取消
          </Button>
          <Button type="submit" variant="contained" data-testid={submitTestId} disabled={busy}>
            {submitLabel}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

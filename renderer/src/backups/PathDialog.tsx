import { useEffect, useState, type ReactNode } from 'react';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import { cleanPath } from './labels';

/** Asks for a file path: a browser page cannot show the system's save dialog. */
export function PathDialog({
  open,
  title,
  name,
  label,
  initial,
  helper,
  submitLabel,
  busy,
  testId,
  children,
  onClose,
  onSubmit,
}: {
  open: boolean;
  title: string;
  name: string;
  label: string;
  initial: string;
  helper: string;
  submitLabel: string;
  busy: boolean;
  testId: string;
  children?: ReactNode;
  onClose(): void;
  onSubmit(path: string): void;
}) {
  const [value, setValue] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (open) {
      setValue(initial);
      setError(null);
    }
  }, [open, initial]);

  const submit = () => {
    const clean = cleanPath(value);
    if (clean === '') return setError('请填写目标文件的完整路径。');
    onSubmit(clean);
  };

  return (
    <Dialog open={open} onClose={busy ? undefined : onClose} maxWidth="sm" fullWidth data-testid={testId}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <DialogTitle>{title}</DialogTitle>
        <DialogContent>
          <TextField
            name={name}
            label={label}
            fullWidth
            autoFocus
            value={value}
            onChange={(e) => setValue(e.target.value)}
            error={error !== null}
            helperText={error ?? helper}
            sx={{ mt: 1 }}
          />
          {children}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose} disabled={busy}>
            取消
          </Button>
          <Button type="submit" variant="contained" data-testid="path-submit" disabled={busy}>
            {submitLabel}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

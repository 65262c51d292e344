import { useEffect, useState } from 'react';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';

const FORBIDDEN = /[\\/:*?"<>|]/;

export function RenameDialog({
  open,
  fileName,
  busy,
  onClose,
  onRename,
}: {
  open: boolean;
  fileName: string;
  busy: boolean;
  onClose(): void;
  onRename(newName: string): void;
}) {
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (open) {
      setName(fileName.replace(/\.bdwb$/i, ''));
      setError(null);
    }
  }, [open, fileName]);

  const submit = () => {
    const clean = name.trim().replace(/\.bdwb$/i, '');
    if (clean === '') return setError('请填写新的文件名。');
    if (clean.length > 120) return setError('文件名不能超过120个字符。');
    if (FORBIDDEN.test(clean)) return setError('文件名不能包含 \\ / : * ? " < > | 这些字符。');
    onRename(clean);
  };

  return (
    <Dialog open={open} onClose={busy ? undefined : onClose} maxWidth="xs" fullWidth>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <DialogTitle>重命名工作簿</DialogTitle>
        <DialogContent>
          <TextField
            name="newName"
            label="新文件名"
            fullWidth
            autoFocus
            value={name}
            onChange={(e) => setName(e.target.value)}
            error={error !== null}
            helperText={error ?? '扩展名 .bdwb 会自动加上'}
            sx={{ mt: 1 }}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose} disabled={busy}>
            取消
          </Button>
          <Button type="submit" variant="contained" data-testid="confirm" disabled={busy}>
            重命名
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

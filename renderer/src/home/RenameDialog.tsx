import { useEffect, useState } from 'react';
import TextField from '@mui/material/TextField';
import { FormDialog } from '../ui/FormDialog.js';

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
    <FormDialog open={open} title="重命名工作簿" busy={busy} submitLabel="重命名" submitTestId="confirm" maxWidth="xs" onClose={onClose} onSubmit={submit}>
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
    </FormDialog>
  );
}

import { useState } from 'react';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';

/** A browser page cannot show the system file dialog, so an existing workbook is opened by its path. */
export function OpenByPath({ busy, onOpen }: { busy: boolean; onOpen(path: string): void }) {
  const [path, setPath] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = () => {
    const clean = path.trim().replace(/^"(.*)"$/, '$1');
    if (clean === '') return setError('请输入工作簿文件的完整路径，例如 D:\\预算\\区政府办-2026年.bdwb');
    setError(null);
    onOpen(clean);
  };
  return (
    <Stack
      component="form"
      direction="row"
      spacing={1}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      sx={{ alignItems: 'flex-start' }}
    >
      <TextField
        name="openPath"
        size="small"
        fullWidth
        label="工作簿文件路径"
        placeholder="例如 D:\预算\区政府办-2026年.bdwb"
        value={path}
        onChange={(e) => setPath(e.target.value)}
        error={error !== null}
        helperText={error ?? '可打开U盘或其他文件夹中的 .bdwb 工作簿'}
      />
      <Button type="submit" variant="outlined" data-testid="open-path" disabled={busy} sx={{ whiteSpace: 'nowrap', mt: '1px' }}>
        打开
      </Button>
    </Stack>
  );
}

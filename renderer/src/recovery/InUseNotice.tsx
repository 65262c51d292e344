import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { ApiError } from '../../../shared/api/result';
import { errorText } from '../api/messages';
import { formatBackupTime } from '../backups/labels';

/** Another window (or program) has the workbook open; editing it from two places would overwrite each other. */
export function InUseNotice({ error, path, onRetry, onBack }: { error: ApiError; path: string; onRetry(): Promise<ApiError | null>; onBack(): void }) {
  const [busy, setBusy] = useState(false);
  const [stillAt, setStillAt] = useState<string | null>(null);

  const retry = async () => {
    setBusy(true);
    const again = await onRetry();
    setBusy(false);
    if (again) setStillAt(new Date().toISOString());
  };

  return (
    <Box sx={{ p: 4, maxWidth: 720, mx: 'auto' }} data-testid="in-use-dialog">
      <Alert severity="warning" data-testid="error-message" sx={{ mb: 2 }}>
        {errorText(error)}
      </Alert>
      <Typography variant="body2" sx={{ mb: 1 }}>
        为避免两处同时修改互相覆盖，同一个工作簿同一时间只能在一个窗口中编辑。关闭另一个窗口后点击“重试”即可；
        如果那个窗口已经意外关闭，最多等半分钟后重试。
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2, wordBreak: 'break-all' }}>
        文件：{path}
      </Typography>
      {stillAt && (
        <Typography variant="body2" color="warning.main" sx={{ mb: 2 }} data-testid="still-in-use">
          {formatBackupTime(stillAt)} 重试：仍在另一个窗口中打开。
        </Typography>
      )}
      <Stack direction="row" spacing={1}>
        <Button variant="contained" onClick={() => void retry()} disabled={busy} data-testid="retry-open">
          重试
        </Button>
        <Button onClick={onBack} disabled={busy} data-testid="back-home">
          返回首页
        </Button>
      </Stack>
    </Box>
  );
}

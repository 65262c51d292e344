import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Typography from '@mui/material/Typography';
import type { ApiError } from '../../../shared/api/result';
import { call } from '../api/client';
import { errorText } from '../api/messages';
import { formatBackupTime } from '../backups/labels';
import { useNotifier } from '../ui/Notifier';

interface GoodBackup {
  file: string;
  createdAt: string;
}

function latestGoodBackup(error: ApiError): GoodBackup | null {
  const b = error.details?.latestGoodBackup as Partial<GoodBackup> | undefined;
  return b && typeof b.file === 'string' && typeof b.createdAt === 'string' ? { file: b.file, createdAt: b.createdAt } : null;
}

/**
 * The workbook file is damaged. Says so plainly, promises nothing was deleted, and puts the newest good
 * backup back in place; the damaged file is kept beside it (the core renames it, never removes it).
 */
export function RecoveryDialog({ error, path, onOpen, onBack }: { error: ApiError; path: string; onOpen(): Promise<ApiError | null>; onBack(): void }) {
  const { notifyError } = useNotifier();
  const backup = latestGoodBackup(error);
  const [busy, setBusy] = useState(false);
  // Set once the backup is back in place: where the damaged file now lives (null when it had vanished).
  const [recovered, setRecovered] = useState<{ damagedPath: string | null } | null>(null);

  const recover = async () => {
    if (!backup) return;
    setBusy(true);
    const r = await call('recovery.restoreFromBackup', { path, backupFile: backup.file });
    setBusy(false);
    if (!r.ok) return notifyError(r.error);
    setRecovered({ damagedPath: r.value.damagedPath });
  };

  const open = async () => {
    setBusy(true);
    const again = await onOpen();
    setBusy(false);
    if (again) notifyError(again);
  };

  return (
    <Box sx={{ minHeight: '100vh', bgcolor: 'background.default' }}>
      <Dialog open maxWidth="sm" fullWidth data-testid="recovery-dialog">
        <DialogTitle>{recovered ? '已从备份恢复' : '工作簿文件已损坏'}</DialogTitle>
        <DialogContent>
          {recovered ? (
            <>
              <Alert severity="success" sx={{ mb: 2 }} data-testid="recovery-done">
                已用 {backup ? formatBackupTime(backup.createdAt) : ''} 的备份恢复工作簿。该备份之后所做的修改不在其中。
              </Alert>
              <Typography variant="body2" sx={{ wordBreak: 'break-all' }} data-testid="damaged-path">
                {recovered.damagedPath
                  ? `损坏的文件没有删除，已改名保留在：${recovered.damagedPath}`
                  : '原来的文件已经不在原位置，没有需要保留的损坏文件。'}
              </Typography>
            </>
          ) : (
            <>
              <Alert severity="error" sx={{ mb: 2 }} data-testid="error-message">
                {errorText(error)}
              </Alert>
              <Typography variant="body2" sx={{ mb: 1 }}>
                程序没有删除或改动任何文件。
              </Typography>
              <Typography variant="body2" color="text.secondary" sx={{ mb: 2, wordBreak: 'break-all' }}>
                文件：{path}
              </Typography>
              {backup ? (
                <Typography variant="body2" data-testid="latest-backup">
                  最新的完好备份：{formatBackupTime(backup.createdAt)}。从备份恢复时，损坏的文件会改名保留在原文件夹中，不会删除。
                </Typography>
              ) : (
                <Alert severity="warning" data-testid="no-backup">
                  没有找到这个工作簿的完好备份，无法自动恢复。损坏的文件仍原样保留在上面的位置，可以交给技术人员检查。
                </Alert>
              )}
            </>
          )}
        </DialogContent>
        <DialogActions>
          {recovered ? (
            <Button variant="contained" onClick={() => void open()} disabled={busy} data-testid="open-recovered">
              打开工作簿
            </Button>
          ) : (
            <>
              <Button onClick={onBack} disabled={busy} data-testid="back-home">
                返回工作簿列表
              </Button>
              {backup && (
                <Button variant="contained" onClick={() => void recover()} disabled={busy} data-testid="recover-from-backup">
                  从备份恢复
                </Button>
              )}
            </>
          )}
        </DialogActions>
      </Dialog>
    </Box>
  );
}

import { useCallback, useEffect, useState } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import LinearProgress from '@mui/material/LinearProgress';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { BackupEntry } from '../../../shared/api/contract';
import { call } from '../api/client';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { useNotifier } from '../ui/Notifier';
import { formatBackupTime, formatSize, reasonLabel } from './labels';

/** The workbook's backup copies, newest first, with 立即备份 and 恢复. `onRestored` reloads the view. */
export function BackupsDialog({
  path,
  open,
  onClose,
  onExportJson,
  onRestored,
}: {
  path: string;
  open: boolean;
  onClose(): void;
  onExportJson(): void;
  onRestored(entry: BackupEntry): void;
}) {
  const { notify, notifyError } = useNotifier();
  const [entries, setEntries] = useState<BackupEntry[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [restoring, setRestoring] = useState<BackupEntry | null>(null);

  const load = useCallback(async () => {
    const r = await call('backups.list', { path });
    if (!r.ok) {
      setEntries([]);
      return notifyError(r.error);
    }
    // The core lists newest first already; sorting again keeps that promise even if it changes.
    setEntries([...r.value].sort((a, b) => b.createdAt.localeCompare(a.createdAt)));
  }, [path, notifyError]);

  useEffect(() => {
    if (!open) return;
    setEntries(null);
    void load();
  }, [open, load]);

  const backupNow = async () => {
    setBusy(true);
    const r = await call('backups.create', { path });
    setBusy(false);
    if (!r.ok) return notifyError(r.error);
    notify(`已备份（${formatBackupTime(r.value.createdAt)}）。`, 'success');
    await load();
  };

  const restore = async () => {
    if (!restoring) return;
    setBusy(true);
    const r = await call('backups.restore', { path, backupFile: restoring.file });
    setBusy(false);
    if (!r.ok) {
      setRestoring(null);
      return notifyError(r.error);
    }
    onRestored(restoring);
  };

  return (
    <Dialog open={open} onClose={busy ? undefined : onClose} maxWidth="md" fullWidth data-testid="backups-dialog">
      <DialogTitle>备份</DialogTitle>
      <DialogContent>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
          程序会在打开工作簿时、每隔10分钟（有修改时）以及大批量修改之前自动备份。恢复某个备份前，会先把当前内容另备份一份（“恢复前”），需要时可以再恢复回来。
        </Typography>
        {entries === null ? (
          <LinearProgress />
        ) : entries.length === 0 ? (
          <Alert severity="info">还没有备份。点击“立即备份”保存一份当前内容。</Alert>
        ) : (
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>备份时间</TableCell>
                <TableCell>原因</TableCell>
                <TableCell align="right">修订号</TableCell>
                <TableCell align="right">行数</TableCell>
                <TableCell align="right">大小</TableCell>
                <TableCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {entries.map((e) => (
                <TableRow key={e.file} data-testid="backup-entry" hover>
                  <TableCell data-testid="backup-time">{formatBackupTime(e.createdAt)}</TableCell>
                  <TableCell data-testid="backup-reason">{reasonLabel(e.reason)}</TableCell>
                  <TableCell align="right" data-testid="backup-revision">
                    {e.summary ? e.summary.revision : '—'}
                  </TableCell>
                  <TableCell align="right" data-testid="backup-rows">
                    {e.summary ? e.summary.rows : '—'}
                  </TableCell>
                  <TableCell align="right">{formatSize(e.sizeBytes)}</TableCell>
                  <TableCell align="right">
                    {e.summary ? (
                      <Button size="small" data-testid="restore-backup" disabled={busy} onClick={() => setRestoring(e)}>
                        恢复
                      </Button>
                    ) : (
                      <Typography variant="caption" color="error">
                        无法读取
                      </Typography>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onExportJson} data-testid="export-json" disabled={busy} sx={{ mr: 'auto' }}>
          导出工作簿 JSON…
        </Button>
        <Button onClick={onClose} disabled={busy}>
          关闭
        </Button>
        <Button variant="contained" onClick={() => void backupNow()} data-testid="backup-now" disabled={busy}>
          立即备份
        </Button>
      </DialogActions>
      <ConfirmDialog
        open={restoring !== null}
        title="恢复备份"
        text={
          restoring
            ? `把工作簿恢复到 ${formatBackupTime(restoring.createdAt)} 的备份（${reasonLabel(restoring.reason)}，修订号 ${restoring.summary?.revision ?? '—'}）？` +
              '恢复前会先把当前内容自动备份一份（原因为“恢复前”），需要时可以再恢复回来，不会丢失。'
            : ''
        }
        confirmLabel="恢复"
        busy={busy}
        onConfirm={() => void restore()}
        onClose={() => setRestoring(null)}
      />
    </Dialog>
  );
}

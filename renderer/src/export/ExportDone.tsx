import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { callShell, hasShell } from '../api/shell';
import { useNotifier } from '../ui/Notifier';

/** Where the file went: the path to copy and, in the desktop app, 打开所在文件夹. */
export function ExportDone({ text, path }: { text: string; path: string }) {
  const { notify, notifyError } = useNotifier();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(path);
      notify('已复制文件路径。', 'success');
    } catch {
      notify('无法访问剪贴板，请选中“文件位置”中的路径后按 Ctrl+C 复制。', 'warning');
    }
  };
  const open = async () => {
    const r = await callShell('shell.showItemInFolder', { path });
    if (!r.ok) notifyError(r.error);
  };
  return (
    <Stack spacing={1.5} data-testid="export-done">
      <Alert severity="success">{text}</Alert>
      <TextField
        label="文件位置"
        value={path}
        fullWidth
        size="small"
        slotProps={{ input: { readOnly: true } }}
        onFocus={(e) => e.target.select()}
        data-testid="export-done-path"
      />
      <Stack direction="row" spacing={1}>
        {hasShell() && (
          <Button variant="outlined" onClick={() => void open()} data-testid="show-in-folder">
            打开所在文件夹
          </Button>
        )}
        <Button onClick={() => void copy()} data-testid="copy-path">
          复制路径
        </Button>
      </Stack>
    </Stack>
  );
}

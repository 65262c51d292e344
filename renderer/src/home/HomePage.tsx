import { useCallback, useEffect, useState } from 'react';
import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Collapse from '@mui/material/Collapse';
import Container from '@mui/material/Container';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import type { AppInfo, RecycledEntry } from '../../../shared/api/contract';
import { call } from '../api/client';
import { handlesOpenError } from '../recovery/OpenProblem';
import { navigate } from '../router';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { useNotifier } from '../ui/Notifier';
import { ImportWizard } from '../import/ImportWizard';
import { CreateWorkbookDialog } from './CreateWorkbookDialog';
import { OpenByPath } from './OpenByPath';
import { RecycleArea } from './RecycleArea';
import { RenameDialog } from './RenameDialog';
import { mergeEntries, WorkbookList, type ListedWorkbook } from './WorkbookList';

export function HomePage() {
  const { notify, notifyError } = useNotifier();
  const [items, setItems] = useState<ListedWorkbook[] | null>(null);
  const [recycled, setRecycled] = useState<RecycledEntry[]>([]);
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [showRecycle, setShowRecycle] = useState(false);
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const [renaming, setRenaming] = useState<ListedWorkbook | null>(null);
  const [deleting, setDeleting] = useState<ListedWorkbook | null>(null);
  const [busy, setBusy] = useState(false);

  const refresh = useCallback(async () => {
    const [list, bin] = await Promise.all([call('library.list', {}), call('library.recycled', {})]);
    if (!list.ok) {
      setItems([]);
      return notifyError(list.error);
    }
    setItems(mergeEntries(list.value.workbooks, list.value.recent));
    if (bin.ok) setRecycled(bin.value);
  }, [notifyError]);

  useEffect(() => {
    document.title = '预算编报台';
    void refresh();
    void call('app.info', {}).then((r) => r.ok && setInfo(r.value));
  }, [refresh]);

  const open = (path: string) => navigate({ name: 'workbook', path, table: null });

  const openByPath = async (path: string) => {
    setBusy(true);
    const r = await call('workbook.open', { path });
    setBusy(false);
    // The workbook page offers recovery from a backup, or 重试, for these.
    if (!r.ok) return handlesOpenError(r.error) ? open(path) : notifyError(r.error);
    open(r.value.path);
  };

  const rename = async (newName: string) => {
    if (!renaming) return;
    setBusy(true);
    const r = await call('library.rename', { path: renaming.path, newName });
    setBusy(false);
    if (!r.ok) return notifyError(r.error);
    setRenaming(null);
    await refresh();
    notify('已重命名。', 'success');
  };

  const remove = async () => {
    if (!deleting) return;
    setBusy(true);
    const r = deleting.inLibrary ? await call('library.delete', { path: deleting.path }) : await call('library.forgetRecent', { path: deleting.path });
    setBusy(false);
    if (!r.ok) return notifyError(r.error);
    const done = deleting.inLibrary ? `“${deleting.fileName}”已移到回收区，可在回收区恢复。` : `已从最近列表中移除“${deleting.fileName}”，文件本身未改动。`;
    setDeleting(null);
    await refresh();
    notify(done, 'success');
  };

  const restore = async (entry: RecycledEntry) => {
    setBusy(true);
    const r = await call('library.restore', { recycledPath: entry.recycledPath });
    setBusy(false);
    if (!r.ok) return notifyError(r.error);
    await refresh();
    notify(`已恢复“${entry.fileName}”。`, 'success');
  };

  return (
    <Box sx={{ minHeight: '100vh', bgcolor: 'background.default' }}>
      <AppBar position="static" elevation={0}>
        <Toolbar variant="dense">
          <Typography variant="h6" component="h1" sx={{ flex: 1 }}>
            预算编报台
          </Typography>
          <Typography variant="body2" sx={{ opacity: 0.8 }}>
            部门预算公开 · 预算绩效目标
          </Typography>
        </Toolbar>
      </AppBar>
      <Container maxWidth="md" sx={{ py: 3 }}>
        <Stack direction="row" sx={{ alignItems: 'center', mb: 1.5 }}>
          <Typography variant="h6" component="h2" sx={{ flex: 1 }}>
            工作簿
          </Typography>
          <Stack direction="row" spacing={1}>
            <Button variant="outlined" data-testid="import-file" onClick={() => setImporting(true)}>
              从上年文件导入
            </Button>
            <Button variant="contained" data-testid="new-workbook" onClick={() => setCreating(true)}>
              新建工作簿
            </Button>
          </Stack>
        </Stack>
        <Paper variant="outlined">
          {items === null ? <LinearProgress /> : <WorkbookList items={items} onOpen={(i) => open(i.path)} onRename={setRenaming} onDelete={setDeleting} />}
        </Paper>

        <Typography variant="subtitle1" component="h2" sx={{ mt: 3, mb: 1 }}>
          打开其他位置的工作簿
        </Typography>
        <OpenByPath busy={busy} onOpen={(p) => void openByPath(p)} />

        <Stack direction="row" sx={{ alignItems: 'center', mt: 3 }}>
          <Typography variant="subtitle1" component="h2" sx={{ flex: 1 }}>
            回收区{recycled.length > 0 ? `（${recycled.length}）` : ''}
          </Typography>
          <Button size="small" data-testid="toggle-recycle" onClick={() => setShowRecycle((v) => !v)}>
            {showRecycle ? '收起' : '展开'}
          </Button>
        </Stack>
        <Collapse in={showRecycle}>
          <Paper variant="outlined" sx={{ px: 1 }}>
            <RecycleArea entries={recycled} busy={busy} onRestore={(e) => void restore(e)} />
          </Paper>
        </Collapse>

        {info && (
          <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 4 }}>
            版本 {info.version} · 工作簿文件夹：{info.libraryDir}
          </Typography>
        )}
      </Container>

      <CreateWorkbookDialog
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(state) => {
          setCreating(false);
          open(state.path);
        }}
      />
      <ImportWizard
        open={importing}
        target={{ kind: 'new' }}
        onClose={() => setImporting(false)}
        onImported={(path) => {
          setImporting(false);
          open(path);
        }}
      />
      <RenameDialog open={renaming !== null} fileName={renaming?.fileName ?? ''} busy={busy} onClose={() => setRenaming(null)} onRename={(n) => void rename(n)} />
      <ConfirmDialog
        open={deleting !== null}
        title={deleting?.inLibrary === false ? '从最近列表中移除' : '删除工作簿'}
        text={
          deleting?.inLibrary === false
            ? `从最近列表中移除“${deleting.fileName}”？文件本身不会被删除。`
            : `确定删除“${deleting?.fileName ?? ''}”吗？文件会移到回收区，之后可以恢复。`
        }
        confirmLabel={deleting?.inLibrary === false ? '移除' : '删除'}
        danger
        busy={busy}
        onConfirm={() => void remove()}
        onClose={() => setDeleting(null)}
      />
    </Box>
  );
}

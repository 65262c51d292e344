import { useEffect, useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { LibraryEntry } from '../../../shared/perf/library-entry';
import { call } from '../api/client';
import { useNotifier } from '../ui/Notifier';

interface Props {
  open: boolean;
  projectName: string;
  onClose(): void;
  /** Inserts the entry as an indicator of the current project; resolves once stored. */
  onAdd(entry: LibraryEntry): Promise<boolean>;
}

/** The local indicator library: suggestions for the project first, then search results by words and category. */
export function LibraryDialog({ open, projectName, onClose, onAdd }: Props) {
  const { notify, notifyError } = useNotifier();
  const [query, setQuery] = useState('');
  const [category, setCategory] = useState('');
  const [categories, setCategories] = useState<string[]>([]);
  const [suggested, setSuggested] = useState<LibraryEntry[]>([]);
  /** The last search answer and the search it answers: a list is shown only for the search typed now. */
  const [found, setFound] = useState<{ key: string; entries: LibraryEntry[] } | null>(null);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    if (!open) return;
    void call('perf.library.categories', {}).then((r) => (r.ok ? setCategories(r.value) : notifyError(r.error)));
  }, [open, reload, notifyError]);

  useEffect(() => {
    if (!open || projectName.trim() === '') return setSuggested([]);
    let current = true;
    void call('perf.library.suggest', { projectName: projectName.slice(0, 200), category: category || undefined, limit: 30 }).then((r) => current && (r.ok ? setSuggested(r.value) : notifyError(r.error)));
    return () => void (current = false);
  }, [open, projectName, category, reload, notifyError]);

  const searchKey = JSON.stringify([query.trim(), category, reload]);
  useEffect(() => {
    if (!open) return;
    // An answer that arrives after the clerk typed on is dropped: it would replace the list under the pointer.
    let current = true;
    const timer = setTimeout(() => {
      void call('perf.library.search', { query: query.trim() || undefined, category: category || undefined, limit: 100 }).then(
        (r) => current && (r.ok ? setFound({ key: searchKey, entries: r.value }) : notifyError(r.error)),
      );
    }, 150);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [open, query, category, reload, searchKey, notifyError]);

  const remove = async (entry: LibraryEntry) => {
    const r = await call('perf.library.delete', { id: entry.id });
    if (!r.ok) return notifyError(r.error);
    notify(`已从指标库删除“${entry.name}”`, 'success');
    setReload((n) => n + 1);
  };

  // Suggestions lead only while the clerk has not typed a search of their own.
  const showSuggested = query.trim() === '' ? suggested : [];
  const results = found?.key === searchKey ? found.entries : null;
  const rest = (results ?? []).filter((e) => !showSuggested.some((s) => s.id === e.id));

  const entryRow = (e: LibraryEntry, suggestedEntry: boolean) => (
    <Box key={e.id} data-testid="library-entry" sx={{ display: 'flex', gap: 1, alignItems: 'center', py: 0.75, borderBottom: '1px solid #eef0f3' }}>
      <Box sx={{ flex: 1, minWidth: 0 }}>
        <Box sx={{ display: 'flex', gap: 0.5, alignItems: 'center', flexWrap: 'wrap' }}>
          {suggestedEntry && <Chip size="small" color="primary" label="推荐" />}
          <Chip size="small" variant="outlined" label={e.category} />
          <Typography variant="body2" color="text.secondary">
            {e.level1} › {e.level2} ›
          </Typography>
          <Typography variant="body2" sx={{ fontWeight: 600 }}>
            {e.name}
          </Typography>
          <Typography variant="body2" color="primary.main" sx={{ fontWeight: 600 }}>
            {e.value}
          </Typography>
        </Box>
        <Typography variant="caption" color="text.secondary">
          {e.desc}
          {e.basis ? `（依据：${e.basis}）` : ''}
        </Typography>
      </Box>
      <Button size="small" variant="contained" data-testid="library-add" onClick={() => void onAdd(e).then((ok) => ok && notify(`已添加“${e.name}”`, 'success'))}>
        添加
      </Button>
      <Button size="small" color="error" data-testid="library-delete" onClick={() => void remove(e)}>
        删除
      </Button>
    </Box>
  );

  return (
    <Dialog open={open} onClose={onClose} maxWidth="md" fullWidth data-testid="library-dialog">
      <DialogTitle>指标库</DialogTitle>
      <DialogContent dividers sx={{ minHeight: 420 }}>
        <Box sx={{ display: 'flex', gap: 1.5, mb: 1 }}>
          <TextField size="small" name="librarySearch" label="搜索指标" placeholder="名称、描述或指标值中的字词" value={query} onChange={(e) => setQuery(e.target.value)} sx={{ flex: 1 }} autoFocus />
          <TextField select size="small" name="libraryCategory" label="类别" value={category} onChange={(e) => setCategory(e.target.value)} sx={{ width: 200 }}>
            <MenuItem value="">全部类别</MenuItem>
            {categories.map((c) => (
              <MenuItem key={c} value={c}>
                {c}
              </MenuItem>
            ))}
          </TextField>
        </Box>
        {showSuggested.length > 0 && (
          <Typography variant="subtitle2" sx={{ mt: 1 }}>
            按项目“{projectName}”推荐
          </Typography>
        )}
        {showSuggested.map((e) => entryRow(e, true))}
        <Typography variant="subtitle2" sx={{ mt: 1.5 }} data-testid="library-results-heading">
          {results === null ? '正在查找…' : query.trim() ? `搜索结果（${rest.length}）` : '全部指标'}
        </Typography>
        {rest.map((e) => entryRow(e, false))}
        {results !== null && rest.length === 0 && (
          <Typography variant="body2" color="text.secondary" sx={{ py: 1 }}>
            没有找到符合条件的指标。
          </Typography>
        )}
      </DialogContent>
      <DialogActions>
        <Typography variant="caption" color="text.secondary" sx={{ flex: 1, pl: 2 }}>
          指标库保存在本机；在指标表中点某行的 ★ 可把该指标存入指标库。
        </Typography>
        <Button onClick={onClose}>关闭</Button>
      </DialogActions>
    </Dialog>
  );
}

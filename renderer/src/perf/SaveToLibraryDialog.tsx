import { useEffect, useState } from 'react';
import Autocomplete from '@mui/material/Autocomplete';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import type { IndicatorStyle } from '../../../shared/perf/indicator';
import { level2KindOf, level2Label, normaliseLevel1 } from '../../../shared/perf/tree';
import type { GridRow } from '../../../shared/workbook/types';
import { call } from '../api/client';
import { useNotifier } from '../ui/Notifier';
import { printedValue } from './indicatorEdits';

/** 存入指标库: the library needs a category (行业/用途) to suggest the entry for similar projects later. */
export function SaveToLibraryDialog({ row, style, onClose }: { row: GridRow | null; style: IndicatorStyle; onClose(): void }) {
  const { notify, notifyError } = useNotifier();
  const [categories, setCategories] = useState<string[]>([]);
  const [category, setCategory] = useState('');

  useEffect(() => {
    if (!row) return;
    void call('perf.library.categories', {}).then((r) => r.ok && setCategories(r.value));
  }, [row]);

  if (!row) return null;
  const level1 = normaliseLevel1(row.cells.level1);
  const kind = level2KindOf(row.cells.level2);
  const level2 = kind ? level2Label(kind) : (row.cells.level2?.trim() ?? '');
  const name = row.cells.name?.trim() ?? '';
  const missing = !level1 ? '一级指标' : !level2 ? '二级指标' : !name ? '三级指标名称' : null;

  const save = async () => {
    if (!level1 || missing) return;
    const cat = category.trim();
    if (cat === '') return notifyError('请填写类别，例如“通用”“信息化”“培训”。');
    const r = await call('perf.library.save', {
      entry: { category: cat.slice(0, 20), level1, level2: level2.slice(0, 20), name: name.slice(0, 60), desc: (row.cells.desc ?? '').slice(0, 200), value: printedValue(row.cells, style).slice(0, 60), basis: (row.cells.basis ?? '').slice(0, 100) },
    });
    if (!r.ok) return notifyError(r.error);
    notify(`已将“${name}”存入指标库`, 'success');
    onClose();
  };

  return (
    <Dialog open onClose={onClose} maxWidth="xs" fullWidth data-testid="save-library-dialog">
      <DialogTitle>存入指标库</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>{missing ? `此指标缺少${missing}，补全后再存入指标库。` : `“${name}”（${level1} › ${level2}）`}</DialogContentText>
        <Autocomplete
          freeSolo
          options={categories}
          inputValue={category}
          onInputChange={(_e, v) => setCategory(v)}
          renderInput={(params) => <TextField {...params} name="libraryEntryCategory" label="类别" placeholder="如 通用、信息化、培训" autoFocus />}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>取消</Button>
        <Button variant="contained" data-testid="save-library-confirm" disabled={missing !== null} onClick={() => void save()}>
          存入
        </Button>
      </DialogActions>
    </Dialog>
  );
}

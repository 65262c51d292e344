import { useState } from 'react';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import MenuItem from '@mui/material/MenuItem';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import TextField from '@mui/material/TextField';
import type { GridRow } from '../../../shared/workbook/types';
import { call } from '../api/client';
import { useNotifier } from '../ui/Notifier';
import type { WorkbookSession } from '../workbook/session';
import { runPerfChange } from './perfModel';

interface Props {
  open: boolean;
  session: WorkbookSession;
  target: GridRow;
  projects: readonly GridRow[];
  onClose(): void;
}

/** 复制指标: another project's indicators, or the same project's in last year's workbook (only read). */
export function CopyIndicatorsDialog({ open, session, target, projects, onClose }: Props) {
  const { notify, notifyError } = useNotifier();
  const [source, setSource] = useState<'project' | 'lastYear'>('project');
  const [fromProject, setFromProject] = useState('');
  const [workbookPath, setWorkbookPath] = useState('');
  const [fromName, setFromName] = useState('');
  const [busy, setBusy] = useState(false);
  const others = projects.filter((p) => p.id !== target.id);

  const copy = async () => {
    const lastYear = source === 'lastYear';
    const fromOwner = lastYear ? (fromName.trim() || target.cells.name?.trim() || '') : fromProject;
    if (lastYear && workbookPath.trim() === '') return notifyError('请填写上年工作簿的文件路径。');
    if (fromOwner === '') return notifyError(lastYear ? '请填写上年项目的名称或编码。' : '请选择要复制指标的项目。');
    setBusy(true);
    const r = await runPerfChange(session, () =>
      call('perf.copyIndicators', { path: session.path, fromOwner: fromOwner.slice(0, 200), toOwner: target.id, fromWorkbook: lastYear ? workbookPath.trim() : undefined }),
    );
    setBusy(false);
    if (!r.ok) return notifyError(r.error);
    notify(`已复制 ${r.value.insertedRowIds.length} 条指标，请按本项目实际修改指标值`, 'success');
    onClose();
  };

  return (
    <Dialog open={open} onClose={busy ? undefined : onClose} maxWidth="sm" fullWidth data-testid="copy-dialog">
      <DialogTitle>复制指标到“{target.cells.name || '本项目'}”</DialogTitle>
      <DialogContent sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
        <RadioGroup row value={source} onChange={(e) => setSource(e.target.value as 'project' | 'lastYear')}>
          <FormControlLabel value="project" control={<Radio />} label="本工作簿的其他项目" />
          <FormControlLabel value="lastYear" control={<Radio />} label="上年工作簿" />
        </RadioGroup>
        {source === 'project' ? (
          <TextField select name="copyFromProject" label="从项目" value={fromProject} onChange={(e) => setFromProject(e.target.value)} helperText={others.length === 0 ? '本工作簿没有其他项目' : undefined}>
            {others.map((p) => (
              <MenuItem key={p.id} value={p.id}>
                {p.cells.name || '（未命名项目）'}
              </MenuItem>
            ))}
          </TextField>
        ) : (
          <>
            <TextField name="copyFromWorkbook" label="上年工作簿文件路径" placeholder="如 D:\预算编报\2024年 县政府办.bdwb" value={workbookPath} onChange={(e) => setWorkbookPath(e.target.value)} helperText="只读取，不会修改上年工作簿" />
            <TextField name="copyFromName" label="上年项目名称或编码" placeholder={target.cells.name || ''} value={fromName} onChange={(e) => setFromName(e.target.value)} helperText="不填时按本项目名称查找" />
          </>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={busy}>
          取消
        </Button>
        <Button variant="contained" data-testid="copy-confirm" disabled={busy} onClick={() => void copy()}>
          复制
        </Button>
      </DialogActions>
    </Dialog>
  );
}

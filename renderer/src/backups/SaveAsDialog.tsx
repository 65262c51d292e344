import { useState } from 'react';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import { call } from '../api/client';
import { navigate } from '../router';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { useNotifier } from '../ui/Notifier';
import { PathDialog } from './PathDialog';
import { saveAsSuggestion } from './labels';

type Step = { kind: 'ask' } | { kind: 'overwrite'; target: string } | { kind: 'done'; copy: string };

/** 另存为: a separate copy (e.g. onto a USB stick) that the clerk may then open instead. */
export function SaveAsDialog({ path, deptName, year, open, onClose }: { path: string; deptName: string; year: number; open: boolean; onClose(): void }) {
  const { notifyError } = useNotifier();
  const [step, setStep] = useState<Step>({ kind: 'ask' });
  const [busy, setBusy] = useState(false);

  const close = () => {
    setStep({ kind: 'ask' });
    onClose();
  };

  const save = async (target: string, overwrite: boolean) => {
    setBusy(true);
    const r = await call('workbook.saveAs', { path, target, overwrite });
    setBusy(false);
    if (r.ok) return setStep({ kind: 'done', copy: r.value.path });
    if (r.error.code === 'ALREADY_EXISTS' && !overwrite) return setStep({ kind: 'overwrite', target });
    setStep({ kind: 'ask' });
    notifyError(r.error);
  };

  return (
    <>
      <PathDialog
        open={open && step.kind === 'ask'}
        title="另存为"
        name="target"
        label="保存到（完整路径）"
        initial={saveAsSuggestion(path, year)}
        helper={`例如 E:\\预算\\${deptName}-${String(year)}年.bdwb（U盘）；扩展名应为 .bdwb。副本是独立的工作簿，当前工作簿不受影响。`}
        submitLabel="另存为"
        busy={busy}
        testId="save-as-dialog"
        onClose={close}
        onSubmit={(target) => void save(target, false)}
      />
      <ConfirmDialog
        open={open && step.kind === 'overwrite'}
        title="文件已存在"
        text={`“${step.kind === 'overwrite' ? step.target : ''}”已存在。要覆盖它吗？原有文件会先移到回收区，之后可以恢复。`}
        confirmLabel="覆盖"
        danger
        busy={busy}
        onConfirm={() => step.kind === 'overwrite' && void save(step.target, true)}
        onClose={() => setStep({ kind: 'ask' })}
      />
      <Dialog open={open && step.kind === 'done'} onClose={close} maxWidth="sm" fullWidth data-testid="save-as-done">
        <DialogTitle>已另存为</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ wordBreak: 'break-all' }}>
            副本已保存到：{step.kind === 'done' ? step.copy : ''}。当前工作簿未改动。要打开副本继续编辑吗？
          </DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={close}>留在当前工作簿</Button>
          <Button
            variant="contained"
            data-testid="open-copy"
            onClick={() => {
              if (step.kind !== 'done') return;
              close();
              navigate({ name: 'workbook', path: step.copy, table: null });
            }}
          >
            打开副本
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}

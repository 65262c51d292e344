import { useEffect, useState } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import LinearProgress from '@mui/material/LinearProgress';
import Step from '@mui/material/Step';
import StepLabel from '@mui/material/StepLabel';
import Stepper from '@mui/material/Stepper';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { ImportPreview } from '../../../shared/import/preview';
import { call } from '../api/client';
import { errorText } from '../api/messages';
import { cleanPath } from '../backups/labels';
import { PreviewView } from './PreviewView';

/** Where the file's content goes: a new workbook, or the open one. */
export type ImportTarget = { kind: 'new' } | { kind: 'into'; path: string; deptName: string; year: number; tableSet: { id: string; name: string } };

const STEPS = ['选择文件', '查看识别结果', '确认导入'];

/**
 * The import wizard: a path to last year's Word/Excel file (a browser page has no system file dialog), then
 * what was recognised in it, before anything is written.
 */
export function ImportWizard({ open, target, onClose }: { open: boolean; target: ImportTarget; onClose(): void }) {
  const [file, setFile] = useState('');
  const [fileError, setFileError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);

  useEffect(() => {
    if (!open) return;
    setFile('');
    setFileError(null);
    setFailure(null);
    setPreview(null);
  }, [open]);

  const read = async () => {
    const clean = cleanPath(file);
    if (clean === '') return setFileError('请填写上年 Word（.docx）或 Excel（.xlsx）文件的完整路径。');
    setFileError(null);
    setFailure(null);
    setBusy(true);
    const r = await call('import.preview', { path: clean });
    setBusy(false);
    if (!r.ok) return setFailure(errorText(r.error));
    setPreview(r.value);
  };

  const step = preview === null ? 0 : 1;
  const title = target.kind === 'new' ? '从上年文件导入' : `导入到本工作簿（${target.deptName} · ${target.year}年）`;

  return (
    <Dialog open={open} onClose={busy ? undefined : onClose} maxWidth="lg" fullWidth data-testid="import-wizard">
      <DialogTitle>{title}</DialogTitle>
      <DialogContent dividers>
        <Stepper activeStep={step} sx={{ mb: 2 }}>
          {STEPS.map((label) => (
            <Step key={label}>
              <StepLabel>{label}</StepLabel>
            </Step>
          ))}
        </Stepper>
        {step === 0 && (
          <form
            noValidate
            id="import-file-form"
            onSubmit={(e) => {
              e.preventDefault();
              void read();
            }}
          >
            <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
              {target.kind === 'new'
                ? '选择上一年度提交的部门预算公开文件或绩效目标表（Word .docx 或 Excel .xlsx）。程序先列出识别到的内容，确认后才会新建工作簿。'
                : '选择要导入的 Word（.docx）或 Excel（.xlsx）文件，例如另一份绩效目标表。程序先列出识别到的内容；工作簿中已有的内容不会在未经确认的情况下被覆盖。'}
            </Typography>
            <TextField
              name="importPath"
              label="文件路径"
              fullWidth
              autoFocus
              placeholder="例如 D:\预算\2020年部门预算公开.docx"
              value={file}
              onChange={(e) => setFile(e.target.value)}
              error={fileError !== null}
              helperText={fileError ?? '在资源管理器中按住 Shift 右键点文件，选“复制为路径”，再粘贴到这里'}
            />
          </form>
        )}
        {busy && <LinearProgress sx={{ mt: 2 }} />}
        {failure && (
          <Alert severity="error" sx={{ mt: 2 }} data-testid="import-error">
            {failure}
          </Alert>
        )}
        {preview && <PreviewView preview={preview} {...(target.kind === 'into' ? { workbookSet: target.tableSet } : {})} />}
      </DialogContent>
      <DialogActions>
        {step === 1 && (
          <Button onClick={() => setPreview(null)} disabled={busy} data-testid="import-back" sx={{ mr: 'auto' }}>
            重新选择文件
          </Button>
        )}
        <Button onClick={onClose} disabled={busy}>
          {step === 0 ? '取消' : '关闭'}
        </Button>
        {step === 0 && (
          <Button type="submit" form="import-file-form" variant="contained" disabled={busy} data-testid="import-read">
            读取并预览
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
}

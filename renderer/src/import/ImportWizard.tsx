import { useEffect, useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import LinearProgress from '@mui/material/LinearProgress';
import Step from '@mui/material/Step';
import StepLabel from '@mui/material/StepLabel';
import Stepper from '@mui/material/Stepper';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { ImportRunResult } from '../../../shared/api/contract';
import type { ImportPreview } from '../../../shared/import/preview';
import { call } from '../api/client';
import { errorText } from '../api/messages';
import { cleanPath } from '../backups/labels';
import { PreviewView } from './PreviewView';
import { ReportTable } from './ReportTable';

/** Where the file's content goes: a new workbook, or the open one. */
export type ImportTarget = { kind: 'new' } | { kind: 'into'; path: string; deptName: string; year: number; tableSet: { id: string; name: string } };

const STEPS = ['选择文件', '查看识别结果', '确认导入', '完成'];

type Stage = { step: 0 } | { step: 1; preview: ImportPreview } | { step: 2; preview: ImportPreview; conflicts: string[] } | { step: 3; result: ImportRunResult };

const YEAR = /^\d{4}$/;

/**
 * The import wizard: a path to last year's Word/Excel file, workbook or its JSON (a browser page has no system
 * file dialog), what was recognised in it (a workbook: what it holds), the choices (year, draft, where), then import.run and its report. Nothing is written
 * before 导入 is pressed, and content the open workbook already holds is only replaced after 覆盖 is confirmed.
 */
export function ImportWizard({
  open,
  target,
  onClose,
  onImported,
}: {
  open: boolean;
  target: ImportTarget;
  onClose(): void;
  /** The workbook was written (and the wizard is closed by 打开工作簿/完成). */
  onImported(path: string): void;
}) {
  const [file, setFile] = useState('');
  const [fileError, setFileError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [stage, setStage] = useState<Stage>({ step: 0 });
  const [year, setYear] = useState('');
  const [keepDraft, setKeepDraft] = useState(false);
  const [out, setOut] = useState('');

  useEffect(() => {
    if (!open) return;
    setFile('');
    setFileError(null);
    setFailure(null);
    setStage({ step: 0 });
    setKeepDraft(false);
    setOut('');
  }, [open]);

  const read = async () => {
    const clean = cleanPath(file);
    if (clean === '') return setFileError('请填写上年 Word（.docx）、Excel（.xlsx）、工作簿（.bdwb）或 JSON 文件的完整路径。');
    setFileError(null);
    setFailure(null);
    setBusy(true);
    const r = await call('import.preview', { path: clean });
    setBusy(false);
    if (!r.ok) return setFailure(errorText(r.error));
    // Importing last year's file starts the year after it; into a workbook, the workbook's year.
    setYear(target.kind === 'into' ? String(target.year) : r.value.fileYear === null ? '' : String(r.value.fileYear + 1));
    setStage({ step: 1, preview: r.value });
  };

  const run = async (preview: ImportPreview, replace: boolean) => {
    if (!YEAR.test(year.trim())) return setFailure('请填写四位数字的预算年度，例如 2021。');
    setFailure(null);
    setBusy(true);
    const r = await call('import.run', {
      source: cleanPath(file),
      year: Number(year.trim()),
      ...(keepDraft && later(preview) ? { keepDraft: true } : {}),
      ...(target.kind === 'into' ? { into: target.path } : cleanPath(out) === '' ? {} : { out: cleanPath(out) }),
      ...(replace ? { replace: true } : {}),
    });
    setBusy(false);
    if (!r.ok) return setFailure(errorText(r.error));
    if (!r.value.written) return setStage({ step: 2, preview, conflicts: r.value.conflicts });
    setStage({ step: 3, result: r.value });
  };

  const later = (preview: ImportPreview): boolean => preview.fileYear !== null && YEAR.test(year.trim()) && Number(year.trim()) > preview.fileYear;
  const title = target.kind === 'new' ? '从上年文件导入' : `导入到本工作簿（${target.deptName} · ${target.year}年）`;
  const close = () => (stage.step === 3 ? onImported(stage.result.path) : onClose());

  return (
    <Dialog open={open} onClose={busy ? undefined : close} maxWidth="lg" fullWidth data-testid="import-wizard">
      <DialogTitle>{title}</DialogTitle>
      <DialogContent dividers>
        <Stepper activeStep={stage.step} sx={{ mb: 2 }}>
          {STEPS.map((label) => (
            <Step key={label}>
              <StepLabel>{label}</StepLabel>
            </Step>
          ))}
        </Stepper>
        {stage.step === 0 && (
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
                ? '选择上一年度提交的部门预算公开文件或绩效目标表（Word .docx 或 Excel .xlsx），或上一年度的工作簿（.bdwb）及其导出的 JSON 文件。程序先列出文件中的内容，确认后才会新建工作簿。'
                : '选择要导入的 Word（.docx）或 Excel（.xlsx）文件，例如另一份绩效目标表，或同一表格套的工作簿（.bdwb）及其 JSON 文件。程序先列出文件中的内容；工作簿中已有的内容不会在未经确认的情况下被覆盖。'}
            </Typography>
            <TextField
              name="importPath"
              label="文件路径"
              fullWidth
              autoFocus
              placeholder="例如 D:\预算\2020年部门预算公开.docx 或 D:\预算\2020年.bdwb"
              value={file}
              onChange={(e) => setFile(e.target.value)}
              error={fileError !== null}
              helperText={fileError ?? '在资源管理器中按住 Shift 右键点文件，选“复制为路径”，再粘贴到这里'}
            />
          </form>
        )}
        {stage.step === 1 && <PreviewView preview={stage.preview} {...(target.kind === 'into' ? { workbookSet: target.tableSet } : {})} />}
        {stage.step === 2 && (
          <Box data-testid="import-options">
            {target.kind === 'new' ? (
              <>
                <TextField
                  name="importYear"
                  label="新工作簿的预算年度"
                  value={year}
                  onChange={(e) => setYear(e.target.value)}
                  sx={{ width: 220 }}
                  helperText={stage.preview.fileYear === null ? '文件中没有找到年度' : `文件是 ${stage.preview.fileYear} 年的`}
                />
                <TextField
                  name="importOut"
                  label="保存位置（可不填）"
                  fullWidth
                  value={out}
                  onChange={(e) => setOut(e.target.value)}
                  sx={{ mt: 2 }}
                  helperText="不填时保存到工作簿库（首页列表）；填写时为新工作簿文件的完整路径，已有同名文件不会被覆盖"
                />
              </>
            ) : (
              <Typography variant="body2">文件内容将加入本工作簿（{target.year} 年）。导入是一步操作，可以用“撤销”取消。</Typography>
            )}
            {later(stage.preview) ? (
              <>
                <Alert severity="info" sx={{ mt: 2 }} data-testid="import-shift-note">
                  文件是 {stage.preview.fileYear} 年的：其中的金额作为“上年预算数”，{year.trim()} 年的本年预算数留空待填；项目、绩效目标和指标、说明文字一并带入，表示预算年度的年份顺延一年（文号、实施期和已发生事项的日期不变）。
                </Alert>
                <FormControlLabel
                  sx={{ mt: 1 }}
                  control={<Checkbox checked={keepDraft} onChange={(e) => setKeepDraft(e.target.checked)} name="keepDraft" />}
                  label="同时把上年金额填为本年预算数（作为草稿，之后再改）"
                />
              </>
            ) : (
              stage.preview.fileYear !== null &&
              YEAR.test(year.trim()) &&
              Number(year.trim()) === stage.preview.fileYear && (
                <Alert severity="info" sx={{ mt: 2 }}>
                  年度与文件相同：文件按 {stage.preview.fileYear} 年本年的数据导入，金额为本年预算数，文字保持原样。
                </Alert>
              )
            )}
            {stage.conflicts.length > 0 && (
              <Alert severity="warning" sx={{ mt: 2 }} data-testid="import-conflicts">
                本工作簿已有以下内容，导入会替换它们（替换后可以用“撤销”恢复）：
                <Box component="ul" sx={{ my: 0.5, pl: 3 }}>
                  {stage.conflicts.map((c) => (
                    <li key={c}>{c}</li>
                  ))}
                </Box>
                不想替换请点“取消”。
              </Alert>
            )}
          </Box>
        )}
        {stage.step === 3 && (
          <Box>
            <Alert severity="success" data-testid="import-done" sx={{ mb: 1.5 }}>
              {target.kind === 'new' ? `已新建工作簿：${stage.result.path}` : '已导入到本工作簿。'}
              {stage.result.report && ` 导入报告已随工作簿保存，之后可在工作簿页面“导入报告”中查看。`}
            </Alert>
            {stage.result.report && (
              <>
                <Typography variant="body2" sx={{ mb: 1 }} data-testid="import-counts">
                  {`收入 ${stage.result.report.counts.income} 行，支出明细 ${stage.result.report.counts.lines} 行，项目 ${stage.result.report.counts.projects} 个；假设 ${stage.result.report.counts.assumptions} 处，未识别 ${stage.result.report.counts.unrecognised} 处，未还原 ${stage.result.report.counts.unmet} 处`}
                </Typography>
                <ReportTable lines={stage.result.report.entries} />
              </>
            )}
          </Box>
        )}
        {busy && <LinearProgress sx={{ mt: 2 }} />}
        {failure && (
          <Alert severity="error" sx={{ mt: 2 }} data-testid="import-error">
            {failure}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        {(stage.step === 1 || stage.step === 2) && (
          <Button onClick={() => setStage(stage.step === 1 ? { step: 0 } : { step: 1, preview: stage.preview })} disabled={busy} data-testid="import-back" sx={{ mr: 'auto' }}>
            {stage.step === 1 ? '重新选择文件' : '上一步'}
          </Button>
        )}
        {stage.step !== 3 && (
          <Button onClick={onClose} disabled={busy}>
            取消
          </Button>
        )}
        {stage.step === 0 && (
          <Button type="submit" form="import-file-form" variant="contained" disabled={busy} data-testid="import-read">
            读取并预览
          </Button>
        )}
        {stage.step === 1 && (
          <Button variant="contained" disabled={busy || stage.preview.set === null} onClick={() => setStage({ step: 2, preview: stage.preview, conflicts: [] })} data-testid="import-next">
            下一步
          </Button>
        )}
        {stage.step === 2 && (
          <Button
            variant="contained"
            color={stage.conflicts.length > 0 ? 'warning' : 'primary'}
            disabled={busy}
            onClick={() => void run(stage.preview, stage.conflicts.length > 0)}
            data-testid={stage.conflicts.length > 0 ? 'import-replace' : 'import-run'}
          >
            {stage.conflicts.length > 0 ? '替换并导入' : '导入'}
          </Button>
        )}
        {stage.step === 3 && (
          <Button variant="contained" onClick={close} data-testid="import-open">
            {target.kind === 'new' ? '打开工作簿' : '完成'}
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
}

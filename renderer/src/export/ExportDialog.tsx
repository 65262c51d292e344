import { useEffect, useMemo, useState } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { MethodOutput } from '../../../shared/api/contract';
import { inPart } from '../../../shared/print/document';
import { fillTemplate } from '../../../shared/tables/layout';
import type { TableDef } from '../../../shared/tables/schema';
import type { WorkbookMeta } from '../../../shared/workbook/types';
import { call } from '../api/client';
import { errorText } from '../api/messages';
import { callShell, hasShell } from '../api/shell';
import { cleanPath, formatSize } from '../backups/labels';
import { templateVars } from '../workbook/templateVars';
import { ExportDone } from './ExportDone';
import { ExportOptions, FORMAT_LABELS, type ExportChoice } from './ExportOptions';
import { defaultExportPath, exportFileName, withExtension } from './fileNames';
import { FindingsSummary } from './FindingsSummary';

type Step = { kind: 'form'; error?: string } | { kind: 'busy'; tables: number } | { kind: 'done'; result: MethodOutput<'print.export'> };

/**
 * 导出: the package and its tables, the format and (browser host) the target, the open 审核 findings as a
 * reminder, progress while the core writes (temporary file, then renamed over the target) and where it went.
 */
export function ExportDialog({ path, meta, tables, open, onClose }: { path: string; meta: WorkbookMeta; tables: TableDef[]; open: boolean; onClose(): void }) {
  const [choice, setChoice] = useState<ExportChoice>({ part: 'all', format: 'docx', chosen: null, target: null });
  const [edited, setEdited] = useState(false);
  const [dataDir, setDataDir] = useState<string | null>(null);
  const [step, setStep] = useState<Step>({ kind: 'form' });

  useEffect(() => {
    if (!open || hasShell() || dataDir !== null) return;
    void call('app.info', {}).then((r) => r.ok && setDataDir(r.value.dataDir));
  }, [open, dataDir]);
  const suggest = (c: ExportChoice, dir: string) => defaultExportPath(dir, exportFileName(meta, c.part, c.format));
  useEffect(() => {
    if (dataDir !== null) setChoice((c) => (c.target === null ? { ...c, target: defaultExportPath(dataDir, exportFileName(meta, c.part, c.format)) } : c));
  }, [dataDir, meta]);
  // The proposed file follows the package and format; a path the clerk typed keeps its place and takes the format's extension.
  const change = (patch: Partial<ExportChoice>) => {
    if (patch.target !== undefined) setEdited(true);
    setChoice((c) => {
      const next = { ...c, ...patch };
      if (patch.target === undefined && next.target !== null && dataDir !== null) next.target = edited ? withExtension(next.target, next.format) : suggest(next, dataDir);
      return next;
    });
  };

  const listed = useMemo(() => {
    const vars = templateVars(meta);
    return tables.filter((def) => inPart(def, choice.part)).map((def) => ({ def, label: fillTemplate(`${def.number} ${def.title}`.trim(), vars) }));
  }, [tables, choice.part, meta]);

  const close = () => {
    if (step.kind === 'busy') return;
    setStep({ kind: 'form' });
    onClose();
  };

  const run = async () => {
    const ids = choice.chosen === null ? undefined : listed.filter((t) => choice.chosen!.has(t.def.id)).map((t) => t.def.id);
    if (ids?.length === 0 || listed.length === 0) return setStep({ kind: 'form', error: '请至少选择一张表格。' });
    let out: string;
    if (hasShell()) {
      const ext = choice.format;
      const picked = await callShell('shell.saveDialog', { title: '导出', defaultPath: exportFileName(meta, choice.part, ext), filters: [{ name: FORMAT_LABELS[ext], extensions: [ext] }] });
      if (!picked.ok) return setStep({ kind: 'form', error: errorText(picked.error) });
      if (picked.value.path === null) return;
      out = picked.value.path;
    } else {
      out = cleanPath(choice.target ?? '');
      if (out === '') return setStep({ kind: 'form', error: '请填写导出文件的完整路径。' });
    }
    setStep({ kind: 'busy', tables: ids?.length ?? listed.length });
    const r = await call('print.export', { path, format: choice.format, out, part: choice.part, ...(ids ? { tables: ids } : {}) });
    setStep(r.ok ? { kind: 'done', result: r.value } : { kind: 'form', error: errorText(r.error) });
  };

  const what = choice.format === 'docx' ? 'Word 文件' : 'Excel 文件';
  return (
    <Dialog open={open} onClose={close} maxWidth="sm" fullWidth data-testid="export-dialog">
      <DialogTitle>导出上报文件</DialogTitle>
      <DialogContent>
        {step.kind === 'done' ? (
          <ExportDone text={`已导出${what}：${step.result.tables} 张表，${formatSize(step.result.bytes)}。`} path={step.result.out} />
        ) : (
          <Stack spacing={2}>
            <FindingsSummary path={path} />
            {step.kind === 'busy' ? (
              <Stack spacing={1} data-testid="export-progress">
                <Typography>正在生成{what}（{step.tables} 张表），请稍候…</Typography>
                <LinearProgress />
              </Stack>
            ) : (
              <ExportOptions
                choice={choice}
                tables={listed}
                onChange={change}
              />
            )}
            {step.kind === 'form' && step.error && (
              <Alert severity="error" data-testid="export-error">
                {step.error}
              </Alert>
            )}
          </Stack>
        )}
      </DialogContent>
      <DialogActions>
        {step.kind === 'done' ? (
          <>
            <Button onClick={() => setStep({ kind: 'form' })}>再导出一份</Button>
            <Button variant="contained" onClick={close} data-testid="export-close">
              完成
            </Button>
          </>
        ) : (
          <>
            <Button onClick={close} disabled={step.kind === 'busy'}>
              取消
            </Button>
            <Button variant="contained" onClick={() => void run()} disabled={step.kind === 'busy'} data-testid="export-run">
              导出
            </Button>
          </>
        )}
      </DialogActions>
    </Dialog>
  );
}

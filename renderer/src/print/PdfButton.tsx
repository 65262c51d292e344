import { useState } from 'react';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import type { DocumentPart, PrintDocument } from '../../../shared/print/types';
import { callShell, hasShell } from '../api/shell';
import { ExportDone } from '../export/ExportDone';
import { exportFileName } from '../export/fileNames';
import { useNotifier } from '../ui/Notifier';

/**
 * 导出 PDF of the sheets on screen. The desktop app asks where, then has Chromium print the page to PDF
 * (print.css shows the sheets only); a browser has no such call, so its print dialog saves the PDF.
 */
export function PdfButton({ doc, part, disabled }: { doc: PrintDocument | null; part: DocumentPart; disabled: boolean }) {
  const { notify, notifyError } = useNotifier();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  const exportPdf = async () => {
    if (!doc) return;
    if (!hasShell()) {
      notify('请在打印对话框的“目标打印机”中选择“另存为 PDF”，再点“保存”。', 'info');
      window.print();
      return;
    }
    const picked = await callShell('shell.saveDialog', { title: '导出 PDF', defaultPath: exportFileName(doc, part, 'pdf'), filters: [{ name: 'PDF 文件', extensions: ['pdf'] }] });
    if (!picked.ok) return notifyError(picked.error);
    if (picked.value.path === null) return;
    setBusy(true);
    const r = await callShell('shell.printToPdf', { out: picked.value.path });
    setBusy(false);
    if (r.ok) setDone(r.value.out);
    else notifyError(r.error);
  };

  return (
    <>
      <Button variant="contained" disabled={disabled || busy} onClick={() => void exportPdf()} data-testid="preview-pdf">
        {busy ? '正在导出…' : '导出 PDF'}
      </Button>
      <Dialog open={done !== null} onClose={() => setDone(null)} maxWidth="sm" fullWidth>
        <DialogTitle>已导出 PDF</DialogTitle>
        <DialogContent>{done && <ExportDone text="PDF 已保存，内容与顺序同 Word 文件。" path={done} />}</DialogContent>
        <DialogActions>
          <Button onClick={() => setDone(null)}>关闭</Button>
        </DialogActions>
      </Dialog>
    </>
  );
}

import { useState } from 'react';
import { call } from '../api/client';
import { useNotifier } from '../ui/Notifier';
import { PathDialog } from './PathDialog';
import { formatSize, siblingPath } from './labels';

/** 导出工作簿 JSON: the whole workbook as one file another copy of the program can import. */
export function ExportJsonDialog({ path, open, onClose }: { path: string; open: boolean; onClose(): void }) {
  const { notify, notifyError } = useNotifier();
  const [busy, setBusy] = useState(false);

  const exportTo = async (out: string) => {
    setBusy(true);
    const r = await call('workbook.exportJson', { path, out });
    setBusy(false);
    if (!r.ok) return notifyError(r.error);
    onClose();
    notify(`已导出工作簿 JSON（${formatSize(r.value.bytes)}）：${r.value.out}`, 'success');
  };

  return (
    <PathDialog
      open={open}
      title="导出工作簿 JSON"
      name="out"
      label="导出到（完整路径）"
      initial={siblingPath(path, '.json')}
      helper="导出的 JSON 文件可在其他电脑上通过“导入”还原为工作簿。"
      submitLabel="导出"
      busy={busy}
      testId="export-json-dialog"
      onClose={onClose}
      onSubmit={(out) => void exportTo(out)}
    />
  );
}

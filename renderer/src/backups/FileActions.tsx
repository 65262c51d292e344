import { useEffect, useState } from 'react';
import Button from '@mui/material/Button';
import type { BackupEntry } from '../../../shared/api/contract';
import type { WorkbookMeta } from '../../../shared/workbook/types';
import { useNotifier } from '../ui/Notifier';
import { BackupsDialog } from './BackupsDialog';
import { ExportJsonDialog } from './ExportJsonDialog';
import { SaveAsDialog } from './SaveAsDialog';
import { formatBackupTime } from './labels';

const RESTORED_KEY = 'budgetdesk.restoredNotice';

/** Top-bar buttons 备份 and 另存为…, with their dialogs. */
export function FileActions({ path, meta }: { path: string; meta: Pick<WorkbookMeta, 'deptName' | 'year'> | null }) {
  const disabled = !meta;
  const { notify } = useNotifier();
  const [dialog, setDialog] = useState<'backups' | 'saveAs' | 'exportJson' | null>(null);

  // The page was reloaded after a restore: say what happened once the fresh view is up.
  useEffect(() => {
    try {
      const text = sessionStorage.getItem(RESTORED_KEY);
      if (text === null) return;
      sessionStorage.removeItem(RESTORED_KEY);
      notify(text, 'success');
    } catch {
      // No storage, no notice; the restored content speaks for itself.
    }
  }, [notify]);

  const restored = (entry: BackupEntry) => {
    const text = `已恢复到 ${formatBackupTime(entry.createdAt)} 的备份。恢复前的内容已备份（“恢复前”），可在“备份”中找回。`;
    try {
      sessionStorage.setItem(RESTORED_KEY, text);
    } catch {
      // Ignored: see above.
    }
    // Every table, the undo history and the revision changed under this window: a full reload shows the truth.
    window.location.reload();
  };

  return (
    <>
      <Button color="inherit" size="small" variant="outlined" disabled={disabled} onClick={() => setDialog('backups')} data-testid="open-backups">
        备份
      </Button>
      <Button color="inherit" size="small" variant="outlined" disabled={disabled} onClick={() => setDialog('saveAs')} data-testid="save-as">
        另存为…
      </Button>
      <BackupsDialog
        path={path}
        open={dialog === 'backups'}
        onClose={() => setDialog(null)}
        onExportJson={() => setDialog('exportJson')}
        onRestored={restored}
      />
      {meta && <SaveAsDialog path={path} deptName={meta.deptName} year={meta.year} open={dialog === 'saveAs'} onClose={() => setDialog(null)} />}
      <ExportJsonDialog path={path} open={dialog === 'exportJson'} onClose={() => setDialog(null)} />
    </>
  );
}

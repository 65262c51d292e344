import { useState } from 'react';
import Button from '@mui/material/Button';
import type { TableDef } from '../../../shared/tables/schema';
import type { WorkbookMeta } from '../../../shared/workbook/types';
import { PrintPreview } from '../print/PrintPreview';
import { ExportDialog } from './ExportDialog';

/** Top-bar buttons 导出… and 打印预览, one click from every table of the workbook. */
export function ExportActions({ path, meta, tables }: { path: string; meta: WorkbookMeta | null; tables: TableDef[] }) {
  const [shown, setShown] = useState<'export' | 'preview' | null>(null);
  return (
    <>
      <Button color="inherit" size="small" variant="outlined" disabled={!meta} onClick={() => setShown('export')} data-testid="open-export" sx={{ whiteSpace: 'nowrap', flexShrink: 0 }}>
        导出…
      </Button>
      <Button color="inherit" size="small" variant="outlined" disabled={!meta} onClick={() => setShown('preview')} data-testid="open-print-preview" sx={{ whiteSpace: 'nowrap', flexShrink: 0 }}>
        打印预览
      </Button>
      {meta && <ExportDialog path={path} meta={meta} tables={tables} open={shown === 'export'} onClose={() => setShown(null)} />}
      {shown === 'preview' && <PrintPreview path={path} onClose={() => setShown(null)} />}
    </>
  );
}

import { useEffect, useState } from 'react';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Typography from '@mui/material/Typography';
import { IMPORT_REPORT_TABLE } from '../../../shared/import/workbook';
import type { GridRow } from '../../../shared/workbook/types';
import { call } from '../api/client';
import { ReportTable, type ReportLine } from './ReportTable';

const text = (row: GridRow, key: string): string => row.cells[key] ?? '';

const lineOf = (row: GridRow): ReportLine => ({ kind: text(row, 'kind'), place: text(row, 'place'), text: text(row, 'text'), target: text(row, 'target'), note: text(row, 'note') });

/**
 * 导入报告: the report every import saved with the workbook (what was read, where it went, assumptions, what was
 * not recognised), shown when the workbook has one. `revision` reloads it after a change (a new import).
 */
export function ReportButton({ path, revision }: { path: string; revision: number }) {
  const [lines, setLines] = useState<ReportLine[]>([]);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    let live = true;
    void call('workbook.rows', { path, tableId: IMPORT_REPORT_TABLE }).then((r) => {
      if (live && r.ok) setLines(r.value.rows.map(lineOf));
    });
    return () => {
      live = false;
    };
  }, [path, revision]);
  if (lines.length === 0) return null;
  return (
    <>
      <Button color="inherit" size="small" variant="outlined" onClick={() => setOpen(true)} data-testid="open-import-report">
        导入报告
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} maxWidth="lg" fullWidth data-testid="import-report-dialog">
        <DialogTitle>导入报告</DialogTitle>
        <DialogContent dividers>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
            导入时读到的全部内容、写入的位置、所作的假设，以及未能识别的内容（原文、位置和原因）。
          </Typography>
          <ReportTable lines={lines} />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>关闭</Button>
        </DialogActions>
      </Dialog>
    </>
  );
}

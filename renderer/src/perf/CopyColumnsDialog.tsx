import { useState } from 'react';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { GridRow } from '../../../shared/workbook/types';

interface Props {
  /** The table's rows as they read (linked rows with their project's names). */
  rows: readonly GridRow[];
  target: string;
  /** The indicator columns to copy. */
  columns: readonly string[];
  onClose(): void;
  onCopy(cells: { rowId: string; col: string; text: string }[], label: string): void;
}

const rowLabel = (row: GridRow, index: number): string => {
  const c = row.cells;
  const parts = [c.direction, c.fundName ?? c.name].filter(Boolean);
  return `第${index + 1}行 ${parts.join(' · ') || '（未填写）'}`;
};

/** 复制指标 in a table of indicator columns: another row's indicators replace this row's, column by column. */
export function CopyColumnsDialog({ rows, target, columns, onClose, onCopy }: Props) {
  const others = rows.map((r, i) => ({ row: r, label: rowLabel(r, i) })).filter((o) => o.row.id !== target);
  const [from, setFrom] = useState(others[0]?.row.id ?? '');
  const targetIndex = rows.findIndex((r) => r.id === target);
  const source = rows.find((r) => r.id === from);
  const filled = source ? columns.filter((k) => (source.cells[k] ?? '') !== '') : [];

  const copy = () => {
    if (!source) return;
    onCopy(
      filled.map((col) => ({ rowId: target, col, text: source.cells[col]! })),
      `复制指标（${filled.length}栏）`,
    );
  };

  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth data-testid="copy-columns-dialog">
      <DialogTitle>复制指标到{targetIndex >= 0 ? rowLabel(rows[targetIndex]!, targetIndex) : '本行'}</DialogTitle>
      <DialogContent dividers>
        <TextField select fullWidth size="small" name="copyFrom" label="从哪一行复制" value={from} onChange={(e) => setFrom(e.target.value)}>
          {others.map((o) => (
            <MenuItem key={o.row.id} value={o.row.id}>
              {o.label}
            </MenuItem>
          ))}
        </TextField>
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1.5 }}>
          {filled.length === 0 ? '该行没有填写指标。' : `将复制该行已填写的 ${filled.length} 栏指标，覆盖本行对应栏的内容；可用“撤销”恢复。`}
        </Typography>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>取消</Button>
        <Button variant="contained" data-testid="copy-columns-confirm" disabled={filled.length === 0} onClick={copy}>
          复制
        </Button>
      </DialogActions>
    </Dialog>
  );
}

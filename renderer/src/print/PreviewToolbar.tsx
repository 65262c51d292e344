import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { DocumentPart, PrintDocument } from '../../../shared/print/types';
import { PART_LABELS } from '../export/fileNames';
import { PdfButton } from './PdfButton';

/** The preview's bar: which package, how many pages, 打印, 导出 PDF, 关闭. Never printed. */
export function PreviewToolbar({
  doc,
  part,
  pageCount,
  onPart,
  onClose,
}: {
  doc: PrintDocument | null;
  part: DocumentPart;
  pageCount: number | null;
  onPart(part: DocumentPart): void;
  onClose(): void;
}) {
  const ready = doc !== null && pageCount !== null;
  return (
    <Box className="bd-print-toolbar" sx={{ display: 'flex', alignItems: 'center', gap: 1.5, px: 2, py: 1, bgcolor: '#fff', borderBottom: '1px solid #d0d6de' }}>
      <Typography variant="h6" component="h2" sx={{ fontSize: 17 }}>
        打印预览
      </Typography>
      <TextField select size="small" label="内容" value={part} onChange={(e) => onPart(e.target.value as DocumentPart)} sx={{ minWidth: 160 }} data-testid="preview-part">
        {(Object.keys(PART_LABELS) as DocumentPart[]).map((p) => (
          <MenuItem key={p} value={p}>
            {PART_LABELS[p]}
          </MenuItem>
        ))}
      </TextField>
      <Typography variant="body2" color="text.secondary" data-testid="preview-page-count">
        {ready ? `共 ${pageCount} 页（A4）` : '正在排版…'}
      </Typography>
      <Box sx={{ flex: 1 }} />
      <Button variant="outlined" disabled={!ready} onClick={() => window.print()} data-testid="preview-print">
        打印
      </Button>
      <PdfButton doc={doc} part={part} disabled={!ready} />
      <Button onClick={onClose} data-testid="preview-close">
        关闭
      </Button>
    </Box>
  );
}

import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormLabel from '@mui/material/FormLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import type { DocumentPart, ExportFormat } from '../../../shared/print/types';
import type { TableDef } from '../../../shared/tables/schema';
import { PART_LABELS } from './fileNames';
import { TablePicker } from './TablePicker';

export const FORMAT_LABELS: Record<ExportFormat, string> = { docx: 'Word 文档（.docx）', xlsx: 'Excel 工作簿（.xlsx）' };

export interface ExportChoice {
  part: DocumentPart;
  format: ExportFormat;
  /** Layout ids; null = every layout of the package. */
  chosen: Set<string> | null;
  /** The target path typed in the browser host; null in the desktop app, which asks with its save dialog. */
  target: string | null;
}

/** 内容, 表格, 格式 and (browser host) 保存到 of an export. */
export function ExportOptions({
  choice,
  tables,
  onChange,
}: {
  choice: ExportChoice;
  tables: { def: TableDef; label: string }[];
  onChange(patch: Partial<ExportChoice>): void;
}) {
  return (
    <Stack spacing={2} sx={{ mt: 1 }}>
      <FormControl>
        <FormLabel>内容</FormLabel>
        <RadioGroup row value={choice.part} onChange={(e) => onChange({ part: e.target.value as DocumentPart, chosen: null })}>
          {(Object.keys(PART_LABELS) as DocumentPart[]).map((p) => (
            <FormControlLabel key={p} value={p} control={<Radio size="small" />} label={PART_LABELS[p]} data-testid={`export-part-${p}`} />
          ))}
        </RadioGroup>
      </FormControl>
      <TablePicker tables={tables} chosen={choice.chosen} onChange={(chosen) => onChange({ chosen })} />
      <FormControl>
        <FormLabel>格式</FormLabel>
        <RadioGroup row value={choice.format} onChange={(e) => onChange({ format: e.target.value as ExportFormat })}>
          {(Object.keys(FORMAT_LABELS) as ExportFormat[]).map((f) => (
            <FormControlLabel key={f} value={f} control={<Radio size="small" />} label={FORMAT_LABELS[f]} data-testid={`export-format-${f}`} />
          ))}
        </RadioGroup>
      </FormControl>
      {choice.target !== null && (
        <TextField
          name="exportTarget"
          label="保存到（完整路径）"
          fullWidth
          value={choice.target}
          onChange={(e) => onChange({ target: e.target.value })}
          helperText="可改为 U 盘等位置；同名文件会被新文件替换，导出失败时原文件保持不变。"
        />
      )}
    </Stack>
  );
}

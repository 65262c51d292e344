import type { DocumentPart, ExportFormat } from '../../../shared/print/types';

/** The packages a clerk can hand in (print.document's `part`), as the dialogs name them. */
export const PART_LABELS: Record<DocumentPart, string> = {
  all: '全部（部门预算与绩效目标）',
  budget: '部门预算公开',
  performance: '绩效目标',
};

const PART_FILE: Record<DocumentPart, string> = { all: '部门预算', budget: '部门预算公开', performance: '绩效目标' };

/** "株洲市石峰区人民政府办公室2020年部门预算.docx": the name the document carries on its cover. */
export function exportFileName(meta: { deptName: string; year: number }, part: DocumentPart, ext: ExportFormat | 'pdf'): string {
  const name = `${meta.deptName}${meta.year}年${PART_FILE[part]}`.replace(/[\\/:*?"<>|]/g, '_');
  return `${name}.${ext}`;
}

/** Where the browser host proposes to write an export: the data folder's exports/, in its own separator style. */
export function defaultExportPath(dataDir: string, fileName: string): string {
  const sep = dataDir.includes('\\') && !dataDir.includes('/') ? '\\' : '/';
  return `${dataDir.replace(/[\\/]+$/, '')}${sep}exports${sep}${fileName}`;
}

/** The same path with the extension of another format (the clerk switched .docx ↔ .xlsx after editing the path). */
export function withExtension(file: string, ext: ExportFormat | 'pdf'): string {
  return /\.(docx|xlsx|pdf)$/i.test(file) ? file.replace(/\.(docx|xlsx|pdf)$/i, `.${ext}`) : `${file}.${ext}`;
}

import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { buildPreview } from '../../../shared/import/preview.js';
import type { SourceDocument } from '../../../shared/import/source.js';
import type { Core } from '../core.js';
import { CoreError } from '../errors.js';
import { checkImportSize, readSourceFile } from '../io/read-source.js';
import type { HandlersOf } from './types.js';

/**
 * Reads a Word/Excel file a clerk picked for import: its size is checked before it is read in, and a workbook
 * or JSON file is pointed to its own way in. Nothing is written.
 */
export async function readOfficeFile(file: string): Promise<{ document: SourceDocument; convertedFrom?: string }> {
  const name = path.basename(file);
  const stat = statSync(file);
  if (stat.isDirectory()) throw new CoreError('VALIDATION', { issue: `“${file}”是一个文件夹，请选择其中的 Word（.docx）或 Excel（.xlsx）文件` });
  checkImportSize(stat.size, name);
  const source = await readSourceFile(readFileSync(file), name);
  if (source.kind === 'workbook') throw new CoreError('UNSUPPORTED_FILE', { name, issue: '这是预算编报台工作簿（.bdwb），不需要导入：请在首页“打开工作簿”中打开它' });
  if (source.kind === 'json') throw new CoreError('UNSUPPORTED_FILE', { name, issue: '这是工作簿 JSON 交换文件：请用命令 budgetdesk import <JSON文件> 导入' });
  return source.convertedFrom === undefined ? { document: source.document } : { document: source.document, convertedFrom: source.convertedFrom };
}

export function importHandlers(core: Core): HandlersOf<'import.'> {
  return {
    'import.preview': async ({ path: file }) => {
      const { document, convertedFrom } = await readOfficeFile(file);
      return buildPreview(document, core.tableSets.list(), convertedFrom === undefined ? {} : { convertedFrom });
    },
  };
}

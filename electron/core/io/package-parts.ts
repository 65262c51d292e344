import { CoreError } from '../errors.js';
import type { ZipPackage } from './zip.js';

export type OfficeFormat = 'docx' | 'xlsx';

const refuse = (name: string, issue: string): CoreError => new CoreError('UNSUPPORTED_FILE', { name, issue });

/** Target of the package's officeDocument relationship ('word/document.xml', 'xl/workbook.xml'), if any. */
async function officeDocumentTarget(pkg: ZipPackage): Promise<string | null> {
  if (!pkg.entries.has('_rels/.rels')) return null;
  const rels = await pkg.text('_rels/.rels');
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const tag = m[0];
    const type = /\bType="([^"]*)"/.exec(tag)?.[1] ?? '';
    const target = /\bTarget="([^"]*)"/.exec(tag)?.[1];
    if (target && /\/officeDocument$/.test(type)) return target.replace(/^\//, '');
  }
  return null;
}

/**
 * What kind of Office package this is, by its own relationships rather than its file name: a .docx renamed
 * .xlsx is still read as what it is. Other zips (OpenDocument, PowerPoint, a plain archive) are refused with
 * what to do instead.
 */
export async function detectPackage(pkg: ZipPackage, name: string): Promise<{ format: OfficeFormat; main: string }> {
  const target = await officeDocumentTarget(pkg);
  const main = target ?? (pkg.entries.has('word/document.xml') ? 'word/document.xml' : pkg.entries.has('xl/workbook.xml') ? 'xl/workbook.xml' : null);
  if (main?.startsWith('word/') && pkg.entries.has(main)) return { format: 'docx', main };
  if (main?.startsWith('xl/') && pkg.entries.has(main)) return { format: 'xlsx', main };
  if (pkg.entries.has('mimetype') && pkg.entries.has('content.xml')) {
    throw refuse(name, '这是 OpenDocument 文件（.odt/.ods）。请在 WPS 或 LibreOffice 中另存为 .docx 或 .xlsx 后再导入');
  }
  if (main?.startsWith('ppt/')) throw refuse(name, '这是 PowerPoint 演示文稿，不是 Word 或 Excel 文件');
  throw refuse(name, '文件不是 Word（.docx）或 Excel（.xlsx）文档');
}

/** The main part of a package already known to be of `format`. */
export async function mainPartPath(pkg: ZipPackage, name: string, format: OfficeFormat): Promise<string> {
  const found = await detectPackage(pkg, name);
  if (found.format !== format) throw refuse(name, `文件内容是 ${found.format === 'docx' ? 'Word' : 'Excel'} 文档，与所选的读取方式不符`);
  return found.main;
}

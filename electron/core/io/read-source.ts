import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { SourceDocument } from '../../../shared/import/source.js';
import { CoreError } from '../errors.js';
import { readDocx } from './docx/read.js';
import { convertLegacy } from './legacy.js';
import { detectPackage } from './package-parts.js';
import { readXlsx } from './xlsx/read.js';
import { openZip } from './zip.js';

/** A year's submission is a few MB; 50 MB is far above any real one and far below what would hurt. */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

export type SourceFile =
  | { kind: 'office'; document: SourceDocument; /** Set when LibreOffice converted an old .doc/.xls first. */ convertedFrom?: string }
  | { kind: 'workbook' }
  | { kind: 'json' };

const refuse = (name: string, issue: string): CoreError => new CoreError('UNSUPPORTED_FILE', { name, issue });

/** Refuses a file over the import limit; callers reading from disk check the size before reading it in. */
function checkImportSize(bytes: number, name: string): void {
  if (bytes > MAX_IMPORT_BYTES) {
    throw refuse(name, `文件有 ${(bytes / 1024 / 1024).toFixed(1)} MB，超过导入上限 ${MAX_IMPORT_BYTES / 1024 / 1024} MB`);
  }
}

const startsWith = (buf: Buffer, bytes: number[]): boolean => bytes.every((b, i) => buf[i] === b);
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const utf16 = (s: string): Buffer => Buffer.from(s, 'utf16le');

type LegacyKind = 'word' | 'excel';

/** An OLE compound file: an encrypted .docx/.xlsx, or an old binary Word/WPS/Excel/ET file. */
function classifyOle(buf: Buffer, name: string): LegacyKind {
  // Office and WPS store a password-protected .docx/.xlsx as an OLE file whose payload stream has this name.
  if (buf.includes(utf16('EncryptedPackage'))) {
    throw refuse(name, '文件设置了打开密码，无法读取。请在 WPS 或 Word/Excel 中打开它，取消文档密码（WPS：文件 → 文档加密；Office：文件 → 信息 → 保护文档）后保存，再导入');
  }
  if (buf.includes(utf16('WordDocument'))) return 'word';
  if (buf.includes(utf16('Workbook')) || buf.includes(utf16('Book'))) return 'excel';
  const ext = name.toLowerCase().split('.').pop();
  if (ext === 'xls' || ext === 'et') return 'excel';
  if (ext === 'doc' || ext === 'wps') return 'word';
  throw refuse(name, '文件是旧版 Office 格式，但无法判断是 Word 还是 Excel 文件。请在 WPS 或 Office 中另存为 .docx 或 .xlsx 后再导入');
}

const legacyAdvice: Record<LegacyKind, string> = {
  word: '文件是旧版 Word/WPS 文字格式（.doc/.wps），本机未安装 LibreOffice，无法自动转换。请在 WPS 或 Word 中打开它，选择“文件 → 另存为”，文件类型选“Word 文档（*.docx）”，再导入新文件',
  excel: '文件是旧版 Excel/WPS 表格格式（.xls/.et），本机未安装 LibreOffice，无法自动转换。请在 WPS 或 Excel 中打开它，选择“文件 → 另存为”，文件类型选“Excel 工作簿（*.xlsx）”，再导入新文件',
};

async function readOffice(buf: Buffer, name: string): Promise<SourceDocument> {
  const pkg = openZip(buf, name);
  const { format } = await detectPackage(pkg, name);
  return format === 'docx' ? readDocx(pkg, name) : readXlsx(pkg, name);
}

/** Names what a file is that is no budget document, so the message can say what to pick instead. */
function describeForeign(buf: Buffer): string {
  const head = buf.subarray(0, 512).toString('latin1').trimStart().toLowerCase();
  if (head.startsWith('%pdf')) return 'PDF 文件无法导入（其中的表格无法可靠还原）。请使用同一份文件的 Word（.docx）或 Excel（.xlsx）原件';
  if (head.startsWith('{\\rtf')) return '这是 RTF 文件。请在 WPS 或 Word 中另存为 .docx 后再导入';
  if (head.startsWith('<html') || head.startsWith('<!doctype html') || head.includes('mime-version:')) {
    return '这是网页格式的文件（.htm/.mht，常见于“另存为网页”）。请在 WPS 或 Word/Excel 中打开后另存为 .docx 或 .xlsx 再导入';
  }
  if (head.startsWith('<?xml') && head.includes('mso-application')) return '这是 Office 2003 XML 格式。请在 WPS 或 Office 中另存为 .docx 或 .xlsx 后再导入';
  return '文件不是 Word（.docx）、Excel（.xlsx）、预算编报台工作簿（.bdwb）或其导出的 JSON 文件。请选择上一年度提交的 Word 或 Excel 文件';
}

/**
 * Reads any file a clerk may pick as last year's submission and says what it is. Office files are read into
 * a SourceDocument; workbooks and JSON are only classified (they have their own importers). Everything
 * else is refused with a Chinese message that names the problem, the limit where one applies, and what to
 * do. Nothing is written anywhere.
 */
export async function readSourceFile(buf: Buffer, name: string, options: { convert?: boolean } = {}): Promise<SourceFile> {
  checkImportSize(buf.length, name);
  if (buf.length === 0) throw refuse(name, '文件是空的（0 字节），可能复制未完成');
  if (startsWith(buf, ZIP)) return { kind: 'office', document: await readOffice(buf, name) };
  if (startsWith(buf, OLE)) {
    const kind = classifyOle(buf, name);
    const converted = options.convert === false ? null : await convertLegacy(buf, kind === 'word' ? 'docx' : 'xlsx');
    if (!converted) throw refuse(name, legacyAdvice[kind]);
    return { kind: 'office', document: await readOffice(converted, name), convertedFrom: kind === 'word' ? 'doc' : 'xls' };
  }
  if (buf.subarray(0, 16).toString('latin1') === 'SQLite format 3\0') return { kind: 'workbook' };
  const text = buf.subarray(0, 64).toString('utf8').replace(/^\uFEFF/, '').trimStart();
  if (text.startsWith('{')) return { kind: 'json' };
  throw refuse(name, describeForeign(buf));
}

/** A file picked for import, read from disk and classified; `path` is absolute. */
export type ImportFile = SourceFile & { path: string; name: string };

/**
 * The one way import.preview and import.run read the file a clerk picked: a missing file or a folder is
 * named, the size is checked before anything is read in, and the bytes go through readSourceFile (zip
 * bomb, encryption, old binary formats and foreign files refused there, in one place).
 */
export async function readImportFile(file: string, options: { convert?: boolean } = {}): Promise<ImportFile> {
  const full = path.resolve(file);
  const name = path.basename(full);
  let stat;
  try {
    stat = statSync(full);
  } catch (err) {
    if ((err as { code?: string }).code === 'ENOENT') throw new CoreError('NOT_FOUND', { what: '要导入的文件', path: full });
    throw err;
  }
  if (stat.isDirectory()) throw new CoreError('VALIDATION', { issue: `“${full}”是一个文件夹，请选择其中的 Word（.docx）、Excel（.xlsx）、工作簿（.bdwb）或 JSON 文件` });
  checkImportSize(stat.size, name);
  return { ...(await readSourceFile(readFileSync(full), name, options)), path: full, name };
}

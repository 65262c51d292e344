import { StringDecoder } from 'node:string_decoder';
import { createInflateRaw } from 'node:zlib';
import { CoreError } from '../errors.js';

/**
 * Limits on what an imported .docx/.xlsx may unpack to. Real submissions are a few MB; these are far above
 * that and far below what would exhaust a clerk's PC. Each is named in the message that refuses a file.
 */
export const ZIP_LIMITS = {
  entries: 5_000,
  /** One part (document.xml, a sheet) unpacked. */
  entryBytes: 64 * 1024 * 1024,
  /** Everything the importer unpacks from one file. */
  totalBytes: 256 * 1024 * 1024,
  /** Unpacked/packed ratio above which a part larger than 1 MB is treated as a zip bomb. */
  ratio: 200,
} as const;

const MB = 1024 * 1024;
const mb = (n: number): string => `${Math.round(n / MB)} MB`;
/** Text is handed to the XML parser in pieces of this size, so no part is ever held whole. */
const CHUNK = 64 * 1024;

const refuse = (name: string, issue: string): CoreError => new CoreError('UNSUPPORTED_FILE', { name, issue });
const damaged = (name: string): CoreError => refuse(name, '文件不是完整的 Office 文档（压缩包已损坏或被截断）');

export interface ZipEntryInfo {
  name: string;
  size: number;
  compressedSize: number;
}

interface Entry extends ZipEntryInfo {
  method: number;
  localHeader: number;
}

/** An OOXML package opened for reading: the entry list, and each entry as a text stream on demand. */
export interface ZipPackage {
  entries: Map<string, ZipEntryInfo>;
  /** Streams an entry's text (UTF-8) to `onChunk`; resolves when it has all been delivered. */
  readText(entryName: string, onChunk: (text: string) => void): Promise<void>;
  /** The whole entry as text (small parts only: rels, workbook.xml). */
  text(entryName: string): Promise<string>;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/**
 * The central directory, read directly and bounds-checked at every step. (A general zip library was tried
 * first: on some damaged files its entry streams never ended, which a clerk would see as a frozen import.)
 * Zip64 is not needed for documents under the size limit and is refused.
 */
function readDirectory(buf: Buffer, name: string): Map<string, Entry> {
  const min = Math.max(0, buf.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = buf.length - 22; i >= min; i -= 1) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw damaged(name);
  const count = buf.readUInt16LE(eocd + 10);
  const size = buf.readUInt32LE(eocd + 12);
  const offset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || offset === 0xffffffff) throw refuse(name, '文件使用了 Zip64 格式，不像是正常的 Word/Excel 文档');
  if (offset + size > buf.length) throw damaged(name);
  if (count > ZIP_LIMITS.entries) throw refuse(name, `文件内部的部件超过 ${ZIP_LIMITS.entries} 个，不像是正常的 Word/Excel 文档`);
  const entries = new Map<string, Entry>();
  let total = 0;
  let at = offset;
  for (let i = 0; i < count; i += 1) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== CENTRAL) throw damaged(name);
    const flags = buf.readUInt16LE(at + 8);
    const method = buf.readUInt16LE(at + 10);
    const compressedSize = buf.readUInt32LE(at + 20);
    const entrySize = buf.readUInt32LE(at + 24);
    const nameLen = buf.readUInt16LE(at + 28);
    const extraLen = buf.readUInt16LE(at + 30);
    const commentLen = buf.readUInt16LE(at + 32);
    const localHeader = buf.readUInt32LE(at + 42);
    if (at + 46 + nameLen > buf.length) throw damaged(name);
    // Bit 11: UTF-8 names. OOXML part names are ASCII; anything else only has to be told apart, not shown.
    const fileName = buf.toString(flags & 0x800 ? 'utf8' : 'latin1', at + 46, at + 46 + nameLen);
    at += 46 + nameLen + extraLen + commentLen;
    if ((flags & 0x1) !== 0) throw refuse(name, '文件内部经过加密，无法读取。请在 WPS 或 Word 中取消文档密码后另存，再导入');
    if (entrySize > ZIP_LIMITS.entryBytes) throw refuse(name, `文件中的部件“${fileName}”解压后有 ${mb(entrySize)}，超过单个部件 ${mb(ZIP_LIMITS.entryBytes)} 的上限`);
    total += entrySize;
    if (total > ZIP_LIMITS.totalBytes) throw refuse(name, `文件解压后超过 ${mb(ZIP_LIMITS.totalBytes)} 的上限`);
    if (entrySize > MB && entrySize / Math.max(1, compressedSize) > ZIP_LIMITS.ratio) {
      throw refuse(name, `文件中的部件“${fileName}”压缩比异常（超过 ${ZIP_LIMITS.ratio} 倍），可能是恶意构造的压缩包（“压缩炸弹”）`);
    }
    entries.set(fileName, { name: fileName, size: entrySize, compressedSize, method, localHeader });
  }
  return entries;
}

/** The bytes of an entry as stored (compressed), located through its local header. */
function storedBytes(buf: Buffer, entry: Entry, name: string): Buffer {
  const at = entry.localHeader;
  if (at + 30 > buf.length || buf.readUInt32LE(at) !== LOCAL) throw damaged(name);
  const start = at + 30 + buf.readUInt16LE(at + 26) + buf.readUInt16LE(at + 28);
  const end = start + entry.compressedSize;
  if (end > buf.length) throw damaged(name);
  return buf.subarray(start, end);
}

export function openZip(buf: Buffer, name: string): ZipPackage {
  const entries = readDirectory(buf, name);
  let unpacked = 0;

  const readText = (entryName: string, onChunk: (text: string) => void): Promise<void> =>
    new Promise((resolve, reject) => {
      const entry = entries.get(entryName);
      if (!entry) {
        reject(refuse(name, `文件缺少必需的部件“${entryName}”`));
        return;
      }
      const corrupt = refuse(name, `文件中的部件“${entryName}”已损坏，无法解压`);
      const decoder = new StringDecoder('utf8');
      let delivered = 0;
      let settled = false;
      const finish = (err?: unknown): void => {
        if (settled) return;
        settled = true;
        if (err) reject(err instanceof CoreError ? err : refuse(name, `文件中的部件“${entryName}”内容无效`));
        else resolve();
      };
      const deliver = (chunk: Buffer): void => {
        delivered += chunk.length;
        unpacked += chunk.length;
        // The declared size was checked against the limits; data that outgrows it lies about its size.
        if (delivered > entry.size) throw corrupt;
        if (unpacked > ZIP_LIMITS.totalBytes) throw refuse(name, `文件解压后超过 ${mb(ZIP_LIMITS.totalBytes)} 的上限`);
        onChunk(decoder.write(chunk));
      };
      let data: Buffer;
      try {
        data = storedBytes(buf, entry, name);
      } catch (err) {
        finish(err);
        return;
      }
      if (entry.method === 0) {
        try {
          for (let i = 0; i < data.length; i += CHUNK) deliver(data.subarray(i, i + CHUNK));
          const rest = decoder.end();
          if (rest) onChunk(rest);
          finish();
        } catch (err) {
          finish(err);
        }
        return;
      }
      if (entry.method !== 8) {
        finish(refuse(name, `文件中的部件“${entryName}”使用了不支持的压缩方式`));
        return;
      }
      const inflate = createInflateRaw({ chunkSize: CHUNK });
      inflate.on('data', (chunk: Buffer) => {
        if (settled) return;
        try {
          deliver(chunk);
        } catch (err) {
          inflate.destroy();
          finish(err);
        }
      });
      inflate.on('error', () => finish(corrupt));
      inflate.on('end', () => {
        if (settled) return;
        try {
          if (delivered !== entry.size) throw corrupt;
          const rest = decoder.end();
          if (rest) onChunk(rest);
          finish();
        } catch (err) {
          finish(err);
        }
      });
      inflate.end(data);
    });

  return {
    entries: new Map([...entries].map(([k, v]) => [k, { name: v.name, size: v.size, compressedSize: v.compressedSize }])),
    readText,
    async text(entryName) {
      let out = '';
      await readText(entryName, (t) => (out += t));
      return out;
    },
  };
}

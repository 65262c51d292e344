import { StringDecoder } from 'node:string_decoder';
import yauzl from 'yauzl';
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

const refuse = (name: string, issue: string): CoreError => new CoreError('UNSUPPORTED_FILE', { name, issue });

export interface ZipEntryInfo {
  name: string;
  size: number;
  compressedSize: number;
}

/** An OOXML package opened for reading: the entry list, and each entry as a text stream on demand. */
export interface ZipPackage {
  entries: Map<string, ZipEntryInfo>;
  /** Streams an entry's text (UTF-8) to `onChunk`; resolves when it has all been delivered. */
  readText(entryName: string, onChunk: (text: string) => void): Promise<void>;
  /** The whole entry as text (small parts only: rels, workbook.xml). */
  text(entryName: string): Promise<string>;
  close(): void;
}

function openBuffer(buffer: Buffer, name: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true, autoClose: false, decodeStrings: true, validateEntrySizes: true }, (err, zip) => {
      if (err || !zip) reject(refuse(name, '文件不是完整的 Office 文档（压缩包已损坏或被截断）'));
      else resolve(zip);
    });
  });
}

/** Reads the central directory, checking the limits before anything is unpacked. */
function listEntries(zip: yauzl.ZipFile, name: string): Promise<Map<string, { info: ZipEntryInfo; entry: yauzl.Entry }>> {
  return new Promise((resolve, reject) => {
    const out = new Map<string, { info: ZipEntryInfo; entry: yauzl.Entry }>();
    let total = 0;
    zip.on('entry', (entry: yauzl.Entry) => {
      if (out.size >= ZIP_LIMITS.entries) {
        reject(refuse(name, `文件内部的部件超过 ${ZIP_LIMITS.entries} 个，不像是正常的 Word/Excel 文档`));
        return;
      }
      if ((entry.generalPurposeBitFlag & 0x1) !== 0) {
        reject(refuse(name, '文件内部经过加密，无法读取。请在 WPS 或 Word 中取消文档密码后另存，再导入'));
        return;
      }
      const size = entry.uncompressedSize;
      total += size;
      if (size > ZIP_LIMITS.entryBytes) {
        reject(refuse(name, `文件中的部件“${entry.fileName}”解压后有 ${mb(size)}，超过单个部件 ${mb(ZIP_LIMITS.entryBytes)} 的上限`));
        return;
      }
      if (total > ZIP_LIMITS.totalBytes) {
        reject(refuse(name, `文件解压后超过 ${mb(ZIP_LIMITS.totalBytes)} 的上限`));
        return;
      }
      if (size > MB && size / Math.max(1, entry.compressedSize) > ZIP_LIMITS.ratio) {
        reject(refuse(name, `文件中的部件“${entry.fileName}”压缩比异常（超过 ${ZIP_LIMITS.ratio} 倍），可能是恶意构造的压缩包（“压缩炸弹”）`));
        return;
      }
      out.set(entry.fileName, { info: { name: entry.fileName, size, compressedSize: entry.compressedSize }, entry });
      zip.readEntry();
    });
    zip.on('end', () => resolve(out));
    zip.on('error', () => reject(refuse(name, '文件不是完整的 Office 文档（压缩包已损坏或被截断）')));
    zip.readEntry();
  });
}

export async function openZip(buffer: Buffer, name: string): Promise<ZipPackage> {
  const zip = await openBuffer(buffer, name);
  let entries: Awaited<ReturnType<typeof listEntries>>;
  try {
    entries = await listEntries(zip, name);
  } catch (err) {
    zip.close();
    throw err;
  }
  let unpacked = 0;
  const readText = (entryName: string, onChunk: (text: string) => void): Promise<void> =>
    new Promise((resolve, reject) => {
      const found = entries.get(entryName);
      if (!found) {
        reject(refuse(name, `文件缺少必需的部件“${entryName}”`));
        return;
      }
      zip.openReadStream(found.entry, (err, stream) => {
        if (err || !stream) {
          reject(refuse(name, `文件中的部件“${entryName}”已损坏，无法解压`));
          return;
        }
        const decoder = new StringDecoder('utf8');
        let failed = false;
        const fail = (e: CoreError): void => {
          if (failed) return;
          failed = true;
          stream.destroy();
          reject(e);
        };
        stream.on('data', (chunk: Buffer) => {
          if (failed) return;
          unpacked += chunk.length;
          // The declared sizes were checked; this guards against entries whose data lies about them.
          if (unpacked > ZIP_LIMITS.totalBytes) {
            fail(refuse(name, `文件解压后超过 ${mb(ZIP_LIMITS.totalBytes)} 的上限`));
            return;
          }
          try {
            onChunk(decoder.write(chunk));
          } catch (e) {
            fail(e instanceof CoreError ? e : refuse(name, `文件中的部件“${entryName}”内容无效`));
          }
        });
        stream.on('error', () => fail(refuse(name, `文件中的部件“${entryName}”已损坏，无法解压`)));
        stream.on('end', () => {
          if (failed) return;
          try {
            const rest = decoder.end();
            if (rest) onChunk(rest);
            resolve();
          } catch (e) {
            fail(e instanceof CoreError ? e : refuse(name, `文件中的部件“${entryName}”内容无效`));
          }
        });
      });
    });
  return {
    entries: new Map([...entries].map(([k, v]) => [k, v.info])),
    readText,
    async text(entryName) {
      let out = '';
      await readText(entryName, (t) => (out += t));
      return out;
    },
    close: () => zip.close(),
  };
}

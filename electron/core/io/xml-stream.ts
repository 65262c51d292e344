import { SaxesParser } from 'saxes';
import { CoreError } from '../errors.js';
import type { ZipPackage } from './zip.js';

export interface XmlHandlers {
  open(name: string, attrs: Record<string, string>): void;
  close(name: string): void;
  text(text: string): void;
}

/** Deeper than any real document; a file nested this deep is built to exhaust the reader. */
const MAX_DEPTH = 256;

/**
 * Streams one XML part of a package through SAX handlers, chunk by chunk as it is unpacked: a 300-table
 * document is never held as a DOM. Any malformed XML refuses the file with the part's name.
 */
export async function streamXml(pkg: ZipPackage, entry: string, fileName: string, handlers: XmlHandlers): Promise<void> {
  const parser = new SaxesParser();
  let depth = 0;
  let error: CoreError | null = null;
  const bad = (issue: string): CoreError => new CoreError('UNSUPPORTED_FILE', { name: fileName, issue });
  parser.on('opentag', (node) => {
    depth += 1;
    if (depth > MAX_DEPTH) throw bad(`文件中的部件“${entry}”嵌套层次过深（超过 ${MAX_DEPTH} 层），不像是正常的文档`);
    handlers.open(node.name, node.attributes as Record<string, string>);
    if (node.isSelfClosing) {
      depth -= 1;
      handlers.close(node.name);
    }
  });
  parser.on('closetag', (node) => {
    if (node.isSelfClosing) return;
    depth -= 1;
    handlers.close(node.name);
  });
  parser.on('text', (t) => handlers.text(t));
  parser.on('cdata', (t) => handlers.text(t));
  parser.on('error', () => {
    error ??= bad(`文件中的部件“${entry}”不是有效的 XML（文件可能已损坏）`);
  });
  const check = (): void => {
    if (error) throw error;
  };
  await pkg.readText(entry, (chunk) => {
    parser.write(chunk);
    check();
  });
  parser.close();
  check();
}

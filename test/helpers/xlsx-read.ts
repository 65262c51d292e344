import { inflateRawSync } from 'node:zlib';

/**
 * An independent reader of the .xlsx files the app writes: its own zip and SpreadsheetML reading (no
 * exceljs), so a round trip through it checks the file itself rather than the writer's idea of it.
 */

/** Entries of a zip archive by name (stored or deflated). */
export function unzip(zip: Buffer): Map<string, Buffer> {
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end -= 1;
  if (end < 0) throw new Error('not a zip archive');
  const entries = new Map<string, Buffer>();
  let p = zip.readUInt32LE(end + 16);
  for (let n = zip.readUInt16LE(end + 10); n > 0; n -= 1) {
    if (zip.readUInt32LE(p) !== 0x02014b50) throw new Error('damaged central directory');
    const method = zip.readUInt16LE(p + 10);
    const size = zip.readUInt32LE(p + 20);
    const nameLength = zip.readUInt16LE(p + 28);
    const local = zip.readUInt32LE(p + 42);
    const name = zip.toString('utf8', p + 46, p + 46 + nameLength);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(start, start + size);
    entries.set(name, method === 8 ? inflateRawSync(raw) : Buffer.from(raw));
    p += 46 + nameLength + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
  }
  return entries;
}

/** XML text content: entities and Excel's _xHHHH_ escapes decoded. */
export function xmlText(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&amp;/g, '&')
    .replace(/_x([0-9A-F]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

const attr = (tag: string, name: string): string | undefined => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];

export interface SheetCell {
  /** 't' attribute: 's' shared string, 'str' formula string, 'inlineStr', 'n' or absent for a number. */
  type: string;
  /** String cells: the text; number cells: the <v> text as stored. */
  value: string;
  formula?: string;
  numFmt?: string;
}

export interface Sheet {
  name: string;
  /** 'B5' → cell. */
  cells: Map<string, SheetCell>;
  merges: string[];
  xml: string;
}

/** Every sheet of a workbook, in order, with its cells (strings resolved), merges and number formats. */
export function readXlsx(file: Buffer): { sheets: Sheet[]; parts: Map<string, Buffer> } {
  const parts = unzip(file);
  const text = (name: string): string => {
    const part = parts.get(name);
    if (!part) throw new Error(`missing part ${name}`);
    return part.toString('utf8');
  };
  const shared = parts.has('xl/sharedStrings.xml')
    ? [...text('xl/sharedStrings.xml').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => [...m[1]!.matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => xmlText(t[1]!)).join(''))
    : [];
  const styles = text('xl/styles.xml');
  const formats = new Map([...styles.matchAll(/<numFmt [^>]*\/>/g)].map((m) => [attr(m[0], 'numFmtId')!, xmlText(attr(m[0], 'formatCode')!)]));
  const builtIn: Record<string, string> = { '0': 'General', '1': '0', '2': '0.00', '3': '#,##0', '4': '#,##0.00', '49': '@' };
  const xfs = /<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)?.[1] ?? '';
  const cellFormats = [...xfs.matchAll(/<xf [^>]*?\/?>/g)].map((m) => {
    const id = attr(m[0], 'numFmtId') ?? '0';
    return formats.get(id) ?? builtIn[id] ?? id;
  });
  const rels = new Map([...text('xl/_rels/workbook.xml.rels').matchAll(/<Relationship [^>]*\/>/g)].map((m) => [attr(m[0], 'Id')!, attr(m[0], 'Target')!]));
  const sheets = [...text('xl/workbook.xml').matchAll(/<sheet [^>]*\/>/g)].map((m) => {
    const target = rels.get(attr(m[0], 'r:id')!)!;
    const xml = text(target.startsWith('/') ? target.slice(1) : `xl/${target}`);
    const cells = new Map<string, SheetCell>();
    for (const c of xml.matchAll(/<c ([^>]*?)(\/>|>([\s\S]*?)<\/c>)/g)) {
      const open = ` ${c[1]!}`;
      const inner = c[3] ?? '';
      const type = attr(open, 't') ?? 'n';
      const v = /<v>([\s\S]*?)<\/v>/.exec(inner)?.[1];
      const f = /<f>([\s\S]*?)<\/f>/.exec(inner)?.[1];
      const inline = /<is>([\s\S]*?)<\/is>/.exec(inner)?.[1];
      let value = '';
      if (type === 's') value = shared[Number(v)] ?? '';
      else if (type === 'inlineStr') value = [...(inline ?? '').matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => xmlText(t[1]!)).join('');
      else value = v === undefined ? '' : xmlText(v);
      const cell: SheetCell = { type, value };
      if (f !== undefined) cell.formula = xmlText(f);
      const style = attr(open, 's');
      if (style !== undefined) cell.numFmt = cellFormats[Number(style)] ?? 'General';
      cells.set(attr(open, 'r')!, cell);
    }
    const merges = [...xml.matchAll(/<mergeCell ref="([^"]+)"\/>/g)].map((mm) => mm[1]!);
    return { name: xmlText(attr(m[0], 'name')!), cells, merges, xml };
  });
  return { sheets, parts };
}

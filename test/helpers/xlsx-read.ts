import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { descendants, parseXml, zipPart, type XmlNode } from '../render/ooxml.js';
import { makeTempDir, removeTempDir } from './temp.js';

/**
 * An independent reader of the .xlsx files the app writes: Info-ZIP's unzip takes the parts out, saxes parses
 * them strictly (any malformed XML fails the test), and the SpreadsheetML is read here — no exceljs — so a
 * round trip checks the file itself rather than the writer's idea of it.
 */

/** Excel's escape of control characters in text (_x000D_). */
const unescapeExcel = (s: string): string => s.replace(/_x([0-9A-F]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));

const textOf = (node: XmlNode | undefined): string => (node ? unescapeExcel([...descendants(node, 't')].map((t) => t.text).join('')) : '');
const child = (node: XmlNode, name: string): XmlNode | undefined => node.children.find((c) => c.name === name);

export interface SheetCell {
  /** 't' attribute: 's' shared string, 'str' formula string, 'inlineStr', 'n' (absent) for a number. */
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

const BUILT_IN_FORMATS: Record<string, string> = { '0': 'General', '1': '0', '2': '0.00', '3': '#,##0', '4': '#,##0.00', '49': '@' };

/** Every sheet of a workbook, in order, with its cells (strings resolved), merges and number formats. */
export function readXlsx(data: Buffer): { sheets: Sheet[]; workbookXml: string } {
  const dir = makeTempDir('budgetdesk-xlsx-read-');
  try {
    return readXlsxFile(path.join(dir, 'book.xlsx'), data);
  } finally {
    removeTempDir(dir);
  }
}

function readXlsxFile(file: string, data: Buffer): { sheets: Sheet[]; workbookXml: string } {
  writeFileSync(file, data);
  const part = (name: string): string => zipPart(file, name);
  const shared = part('xl/_rels/workbook.xml.rels').includes('sharedStrings') ? [...descendants(parseXml(part('xl/sharedStrings.xml')), 'si')].map((si) => textOf(si)) : [];
  const styles = parseXml(part('xl/styles.xml'));
  const formats = new Map([...descendants(styles, 'numFmt')].map((n) => [n.attrs.numFmtId!, n.attrs.formatCode!]));
  const cellXfs = [...descendants(styles, 'cellXfs')][0];
  const cellFormats = (cellXfs?.children.filter((c) => c.name === 'xf') ?? []).map((xf) => {
    const id = xf.attrs.numFmtId ?? '0';
    return formats.get(id) ?? BUILT_IN_FORMATS[id] ?? id;
  });
  const rels = new Map([...descendants(parseXml(part('xl/_rels/workbook.xml.rels')), 'Relationship')].map((r) => [r.attrs.Id!, r.attrs.Target!]));
  const workbookXml = part('xl/workbook.xml');
  const sheets = [...descendants(parseXml(workbookXml), 'sheet')].map((s) => {
    const target = rels.get(s.attrs['r:id']!)!;
    const xml = part(target.startsWith('/') ? target.slice(1) : `xl/${target}`);
    const root = parseXml(xml);
    const cells = new Map<string, SheetCell>();
    for (const c of descendants(root, 'c')) {
      const type = c.attrs.t ?? 'n';
      const v = child(c, 'v')?.text;
      const f = child(c, 'f');
      let value: string;
      if (type === 's') value = shared[Number(v)] ?? '';
      else if (type === 'inlineStr') value = textOf(child(c, 'is'));
      else value = unescapeExcel(v ?? '');
      const cell: SheetCell = { type, value };
      if (f) cell.formula = f.text;
      if (c.attrs.s !== undefined) cell.numFmt = cellFormats[Number(c.attrs.s)] ?? 'General';
      cells.set(c.attrs.r!, cell);
    }
    const merges = [...descendants(root, 'mergeCell')].map((m) => m.attrs.ref!);
    return { name: s.attrs.name!, cells, merges, xml };
  });
  return { sheets, workbookXml };
}

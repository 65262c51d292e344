import { execFileSync } from 'node:child_process';
import { SaxesParser } from 'saxes';

/**
 * An OOXML reader independent of the writer: `unzip` (Info-ZIP) takes the parts out of the package, saxes (a
 * strict XML 1.0 parser, throwing on any well-formedness error) reads them, and the tables are rebuilt on a
 * grid from w:gridSpan and w:vMerge the way Word lays them out.
 */

export function zipPart(file: string, part: string): string {
  // unzip reads member names as wildcard patterns: escape [Content_Types].xml's brackets.
  return execFileSync('unzip', ['-p', file, part.replace(/[[\]*?]/g, '\\$&')], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
}

export function zipTest(file: string): string {
  return execFileSync('unzip', ['-t', file], { encoding: 'utf8' });
}

export interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
}

/** Parses XML strictly (throws on the first well-formedness error) into a tree. */
export function parseXml(xml: string): XmlNode {
  const parser = new SaxesParser({ xmlns: false });
  const root: XmlNode = { name: '#document', attrs: {}, children: [], text: '' };
  const stack: XmlNode[] = [root];
  let failure: Error | undefined;
  parser.on('error', (e) => {
    failure ??= e;
  });
  parser.on('opentag', (tag) => {
    const node: XmlNode = { name: tag.name, attrs: tag.attributes as Record<string, string>, children: [], text: '' };
    stack[stack.length - 1]!.children.push(node);
    stack.push(node);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.on('text', (t) => {
    stack[stack.length - 1]!.text += t;
  });
  parser.write(xml).close();
  if (failure) throw failure;
  return root;
}

export function* descendants(node: XmlNode, name: string): Generator<XmlNode> {
  for (const child of node.children) {
    if (child.name === name) yield child;
    else yield* descendants(child, name);
  }
}

const child = (node: XmlNode, name: string) => node.children.find((c) => c.name === name);

/** A cell's visible text: w:t texts, w:tab as a tab, w:br as a line break, paragraphs joined by line breaks. */
export function textOf(node: XmlNode): string {
  const out: string[] = [];
  const walk = (n: XmlNode) => {
    if (n.name === 'w:t') out.push(n.text);
    else if (n.name === 'w:tab') out.push('\t');
    else if (n.name === 'w:br') out.push('\n');
    else if (n.name === 'w:instrText' || n.name === 'w:tabs' || n.name === 'w:rPr' || n.name === 'w:pPr') return;
    else n.children.forEach(walk);
  };
  let paragraphs = 0;
  for (const c of node.children) {
    if (c.name === 'w:p' && paragraphs++ > 0) out.push('\n');
    walk(c);
  }
  return out.join('');
}

export interface GridCell {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  text: string;
  /** Right-aligned paragraph (w:jc right). */
  align: string;
}

export interface GridTable {
  gridCols: number[];
  /** Rows marked to repeat on every page (w:tblHeader). */
  headerRows: number;
  /** Every row is marked w:cantSplit. */
  allCantSplit: boolean;
  fixedLayout: boolean;
  cells: GridCell[];
}

/** Every w:tbl of document.xml, cells placed on the grid with their spans (vMerge continuations folded). */
export function readTables(documentXml: string): GridTable[] {
  const doc = parseXml(documentXml);
  const tables: GridTable[] = [];
  for (const tbl of descendants(doc, 'w:tbl')) {
    const gridCols = [...descendants(child(tbl, 'w:tblGrid')!, 'w:gridCol')].map((g) => Number(g.attrs['w:w']));
    const cells: GridCell[] = [];
    // The open vertical merge at each grid column.
    const open = new Map<number, GridCell>();
    let headerRows = 0;
    let allCantSplit = true;
    const rows = tbl.children.filter((c) => c.name === 'w:tr');
    rows.forEach((tr, r) => {
      const trPr = child(tr, 'w:trPr');
      if (trPr && child(trPr, 'w:tblHeader') && headerRows === r) headerRows = r + 1;
      if (!trPr || !child(trPr, 'w:cantSplit')) allCantSplit = false;
      let col = 0;
      for (const tc of tr.children.filter((c) => c.name === 'w:tc')) {
        const tcPr = child(tc, 'w:tcPr');
        const colSpan = Number(tcPr && child(tcPr, 'w:gridSpan')?.attrs['w:val']) || 1;
        const vMerge = tcPr && child(tcPr, 'w:vMerge');
        if (vMerge && vMerge.attrs['w:val'] !== 'restart') {
          const above = open.get(col);
          if (!above) throw new Error(`vMerge continuation without a start at row ${r}, column ${col}`);
          above.rowSpan += 1;
        } else {
          const jc = [...descendants(tc, 'w:jc')][0]?.attrs['w:val'] ?? 'left';
          const cell: GridCell = { row: r, col, rowSpan: 1, colSpan, text: textOf(tc), align: jc };
          cells.push(cell);
          if (vMerge) open.set(col, cell);
          else open.delete(col);
        }
        col += colSpan;
      }
      if (col !== gridCols.length) throw new Error(`row ${r} covers ${col} grid columns of ${gridCols.length}`);
    });
    const tblPr = child(tbl, 'w:tblPr');
    const fixedLayout = !!tblPr && child(tblPr, 'w:tblLayout')?.attrs['w:type'] === 'fixed';
    tables.push({ gridCols, headerRows, allCantSplit, fixedLayout, cells });
  }
  return tables;
}

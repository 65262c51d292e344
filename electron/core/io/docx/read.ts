import type { SourceBlock, SourceCell, SourceDocument, SourceRow, SourceTable } from '../../../../shared/import/source.js';
import { normalizeRuns } from '../../../../shared/narrative/richtext.js';
import type { PrintRun } from '../../../../shared/print/types.js';
import { streamXml } from '../xml-stream.js';
import type { ZipPackage } from '../zip.js';
import { mainPartPath } from '../package-parts.js';

interface CellBuild {
  span: number;
  vMerge: 'none' | 'restart' | 'continue';
  /** Legacy horizontal merge (w:hMerge): 'continue' joins the cell on its left. */
  hMerge: 'none' | 'restart' | 'continue';
  paragraphs: string[];
}

interface RowBuild {
  gridBefore: number;
  header: boolean;
  cells: CellBuild[];
}

interface TableBuild {
  gridCols: number;
  rows: RowBuild[];
  row: RowBuild | null;
  cell: CellBuild | null;
}

const num = (v: string | undefined, fallback: number): number => {
  const n = v === undefined ? NaN : Number.parseInt(v, 10);
  return Number.isFinite(n) && n >= 0 ? n : fallback;
};

/** Word's on/off attributes: absent or anything but false/0/off means on. */
const isOn = (v: string | undefined): boolean => v === undefined || !['false', '0', 'off'].includes(v);

/** Wider than any printed table; a file claiming more is refused rather than allocated. */
const MAX_GRID_COLUMNS = 200;

/** Positions a table's cells on its grid: gridSpan widens a cell, vMerge continuations lengthen the cell above. */
function layoutTable(build: TableBuild, where: string): SourceTable {
  const rows: SourceRow[] = [];
  // The cell that last started at each column, while a vertical merge could still continue it.
  const above = new Map<number, SourceCell>();
  let width = Math.min(build.gridCols, MAX_GRID_COLUMNS);
  for (const row of build.rows) {
    const cells: SourceCell[] = [];
    let col = Math.min(row.gridBefore, MAX_GRID_COLUMNS);
    for (const c of row.cells) {
      const span = Math.max(1, Math.min(c.span, MAX_GRID_COLUMNS - col));
      if (col >= MAX_GRID_COLUMNS) break;
      const text = c.paragraphs.join('\n');
      const left = cells[cells.length - 1];
      if (c.hMerge === 'continue' && left) {
        left.colSpan += span;
        if (text.trim() !== '') left.text = left.text ? `${left.text}\n${text}` : text;
      } else {
        const up = c.vMerge === 'continue' ? above.get(col) : undefined;
        if (up && up.colSpan === span) {
          up.rowSpan += 1;
          // Word keeps the text in the first cell; a stray paragraph in a continuation is appended, not lost.
          if (text.trim() !== '') up.text = up.text ? `${up.text}\n${text}` : text;
        } else {
          const cell: SourceCell = { col, colSpan: span, rowSpan: 1, text };
          cells.push(cell);
          for (let k = col; k < col + span; k += 1) above.delete(k);
          above.set(col, cell);
        }
      }
      col += span;
    }
    width = Math.max(width, col);
    rows.push(row.header ? { cells, repeatHeader: true } : { cells });
  }
  return { where, columns: width, rows };
}

/** The outline level of each paragraph style: 'heading N' styles and styles with w:outlineLvl. */
async function headingStyles(pkg: ZipPackage, name: string): Promise<Map<string, number>> {
  const levels = new Map<string, number>();
  if (!pkg.entries.has('word/styles.xml')) return levels;
  let id: string | null = null;
  await streamXml(pkg, 'word/styles.xml', name, {
    open(tag, a) {
      if (tag === 'w:style') id = a['w:type'] === 'paragraph' ? (a['w:styleId'] ?? null) : null;
      else if (id !== null && tag === 'w:name') {
        const m = /^(?:heading|标题)\s*(\d)$/i.exec((a['w:val'] ?? '').trim());
        if (m) levels.set(id, Number(m[1]));
      } else if (id !== null && tag === 'w:outlineLvl') {
        const lvl = num(a['w:val'], 9);
        if (lvl < 9 && !levels.has(id)) levels.set(id, lvl + 1);
      }
    },
    close(tag) {
      if (tag === 'w:style') id = null;
    },
    text() {},
  });
  return levels;
}

/**
 * Reads every paragraph and table of a .docx body in order. Handles what Word, WPS and LibreOffice write:
 * runs split mid-word, several paragraphs per cell, gridSpan, vMerge with and without w:val="continue",
 * legacy hMerge, gridBefore, repeated header rows, content controls (w:sdt) and text boxes (their
 * mc:Fallback copy is skipped so nothing is read twice). Deleted revision text and field codes are not
 * content. A nested table's rows become lines of the cell that holds it.
 */
export async function readDocx(pkg: ZipPackage, name: string): Promise<SourceDocument> {
  const styles = await headingStyles(pkg, name);
  const blocks: SourceBlock[] = [];
  const tables: TableBuild[] = [];
  let tableCount = 0;
  let para: string[] | null = null;
  let paraLevel: number | undefined;
  // Bold of a body paragraph's runs: direct w:b on the run (each w:r starts plain, so the paragraph mark's
  // w:b in w:pPr, which comes before the runs, never reaches the text).
  let runs: PrintRun[] = [];
  let bold = false;
  let inText = false;
  let skipDepth = 0;

  const push = (text: string): void => {
    if (para === null) return;
    para.push(text);
    if (tables.length === 0) runs.push(bold ? { text, bold: true } : { text });
  };

  const endParagraph = (): void => {
    if (para === null) return;
    const text = para.join('');
    const table = tables[tables.length - 1];
    if (table?.cell) table.cell.paragraphs.push(text);
    else if (!table) {
      const block: SourceBlock = paraLevel === undefined ? { kind: 'paragraph', text } : { kind: 'paragraph', text, heading: paraLevel };
      if (runs.some((r) => r.bold)) block.runs = normalizeRuns(runs);
      blocks.push(block);
    }
    para = null;
    paraLevel = undefined;
    runs = [];
  };

  await streamXml(pkg, await mainPartPath(pkg, name, 'docx'), name, {
    open(tag, a) {
      if (skipDepth > 0) {
        skipDepth += 1;
        return;
      }
      const table = tables[tables.length - 1];
      switch (tag) {
        case 'mc:Fallback':
        case 'w:del':
        case 'w:instrText':
        case 'w:delText':
        case 'w:rPrChange':
        case 'w:pPrChange':
          // w:rPrChange/w:pPrChange: the formatting a tracked change replaced (a w:b there is what the words were).
          skipDepth = 1;
          return;
        case 'w:p':
          para = [];
          paraLevel = undefined;
          runs = [];
          bold = false;
          return;
        case 'w:r':
          bold = false;
          return;
        case 'w:b':
          bold = isOn(a['w:val']);
          return;
        case 'w:pStyle':
          if (para !== null) paraLevel = styles.get(a['w:val'] ?? '') ?? paraLevel;
          return;
        case 'w:outlineLvl':
          if (para !== null) {
            const lvl = num(a['w:val'], 9);
            if (lvl < 9) paraLevel = lvl + 1;
          }
          return;
        case 'w:t':
          inText = true;
          return;
        case 'w:tab':
          // w:tab inside w:tabs (paragraph properties) is a tab stop, not text.
          if (a['w:pos'] === undefined) push('\t');
          return;
        case 'w:br':
        case 'w:cr':
          push('\n');
          return;
        case 'w:noBreakHyphen':
          push('-');
          return;
        case 'w:tbl':
          endParagraph();
          tables.push({ gridCols: 0, rows: [], row: null, cell: null });
          return;
        case 'w:gridCol':
          if (table && !table.row) table.gridCols += 1;
          return;
        case 'w:tr':
          if (table) table.row = { gridBefore: 0, header: false, cells: [] };
          return;
        case 'w:gridBefore':
          if (table?.row && !table.cell) table.row.gridBefore = num(a['w:val'], 0);
          return;
        case 'w:tblHeader':
          if (table?.row && !table.cell) table.row.header = isOn(a['w:val']);
          return;
        case 'w:tc':
          if (table?.row) table.cell = { span: 1, vMerge: 'none', hMerge: 'none', paragraphs: [] };
          return;
        case 'w:gridSpan':
          if (table?.cell) table.cell.span = Math.max(1, num(a['w:val'], 1));
          return;
        case 'w:vMerge':
          if (table?.cell) table.cell.vMerge = a['w:val'] === 'restart' ? 'restart' : 'continue';
          return;
        case 'w:hMerge':
          if (table?.cell) table.cell.hMerge = a['w:val'] === 'restart' ? 'restart' : 'continue';
          return;
        default:
          return;
      }
    },
    close(tag) {
      if (skipDepth > 0) {
        skipDepth -= 1;
        return;
      }
      const table = tables[tables.length - 1];
      switch (tag) {
        case 'w:t':
          inText = false;
          return;
        case 'w:p':
          endParagraph();
          return;
        case 'w:tc':
          if (table?.row && table.cell) table.row.cells.push(table.cell);
          if (table) table.cell = null;
          return;
        case 'w:tr':
          if (table?.row) table.rows.push(table.row);
          if (table) table.row = null;
          return;
        case 'w:tbl': {
          const done = tables.pop();
          if (!done) return;
          const outer = tables[tables.length - 1];
          if (outer?.cell) {
            const nested = layoutTable(done, '');
            for (const r of nested.rows) outer.cell.paragraphs.push(r.cells.map((c) => c.text).join(' '));
          } else {
            tableCount += 1;
            blocks.push({ kind: 'table', table: layoutTable(done, `第 ${tableCount} 个表格`) });
          }
          return;
        }
        default:
          return;
      }
    },
    text(t) {
      if (skipDepth === 0 && inText) push(t);
    },
  });
  return { format: 'docx', name, blocks };
}

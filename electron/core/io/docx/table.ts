import type { PrintCell, PrintRow, PrintTable } from '../../../../shared/print/types.js';
import { CELL_MARGIN, cellText, columnWidths } from '../../../../shared/print/widths.js';
import { paragraphXml, tcFieldXml, type TocMark } from './body.js';
import { escapeXml } from './xml.js';
import { SIZE, SONGTI, STYLE, runProps } from './typography.js';

/**
 * One printed table as WordprocessingML, written as a string: 附件 number, title, 单位名称 and 单位 lines, the
 * table (fixed grid, merged header repeated on every page, rows that never split) and the notes under it.
 * Building the same table out of the docx library's objects costs ~10× the time and memory (see the bench),
 * which a 300-project document cannot afford.
 */

const BORDER = '<w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:left w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:right w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="000000"/>';
const TABLE_RUN = runProps(SONGTI, SIZE.table);
const TABLE_RUN_BOLD = runProps(SONGTI, SIZE.table, true);

function runsXml(text: string, bold: boolean): string {
  const rPr = bold ? TABLE_RUN_BOLD : TABLE_RUN;
  return text
    .split('\n')
    .map((line) => `<w:r>${rPr}<w:t xml:space="preserve">${escapeXml(line)}</w:t></w:r>`)
    .join(`<w:r>${rPr}<w:br/></w:r>`);
}

function cellXml(cell: PrintCell, table: PrintTable, widths: number[], vMerge: '' | 'restart'): string {
  let width = 0;
  for (let c = cell.col; c < cell.col + cell.colSpan; c++) width += widths[c] ?? 0;
  const span = cell.colSpan > 1 ? `<w:gridSpan w:val="${cell.colSpan}"/>` : '';
  const merge = vMerge === 'restart' ? '<w:vMerge w:val="restart"/>' : '';
  const text = cellText(cell, table.columns[cell.col]);
  let pPr = `<w:pStyle w:val="${STYLE.tableText}"/>`;
  let runs: string;
  if (cell.label !== undefined && cell.number !== undefined && text !== '') {
    // Label left, amount right-aligned on a tab stop at the cell's inner edge.
    pPr += `<w:tabs><w:tab w:val="right" w:pos="${Math.max(0, width - 2 * CELL_MARGIN)}"/></w:tabs><w:jc w:val="left"/>`;
    const rPr = cell.bold ? TABLE_RUN_BOLD : TABLE_RUN;
    runs = `${runsXml(cell.label, cell.bold === true)}<w:r>${rPr}<w:tab/></w:r>${runsXml(text.slice(cell.label.length + 1), cell.bold === true)}`;
  } else {
    if (cell.indent) pPr += `<w:ind w:left="${cell.indent * 210}"/>`;
    pPr += `<w:jc w:val="${cell.align === 'right' ? 'right' : cell.align === 'center' ? 'center' : 'left'}"/>`;
    runs = text === '' ? '' : runsXml(text, cell.bold === true);
  }
  return `<w:tc><w:tcPr><w:tcW w:w="${width}" w:type="dxa"/>${span}${merge}<w:vAlign w:val="center"/></w:tcPr><w:p><w:pPr>${pPr}</w:pPr>${runs}</w:p></w:tc>`;
}

/** The continuation of a vertical merge: an empty cell that Word joins to the one above. */
function continuationXml(col: number, colSpan: number, widths: number[]): string {
  let width = 0;
  for (let c = col; c < col + colSpan; c++) width += widths[c] ?? 0;
  const span = colSpan > 1 ? `<w:gridSpan w:val="${colSpan}"/>` : '';
  return `<w:tc><w:tcPr><w:tcW w:w="${width}" w:type="dxa"/>${span}<w:vMerge/><w:vAlign w:val="center"/></w:tcPr><w:p><w:pPr><w:pStyle w:val="${STYLE.tableText}"/></w:pPr></w:p></w:tc>`;
}

function tableXml(table: PrintTable, widths: number[]): string {
  const n = widths.length;
  const out: string[] = [];
  out.push(
    `<w:tbl><w:tblPr><w:tblW w:w="${widths.reduce((s, w) => s + w, 0)}" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders>${BORDER}</w:tblBorders>` +
      `<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="${CELL_MARGIN}" w:type="dxa"/><w:right w:w="${CELL_MARGIN}" w:type="dxa"/></w:tblCellMar>` +
      `<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>`,
  );
  for (const w of widths) out.push(`<w:gridCol w:w="${w}"/>`);
  out.push('</w:tblGrid>');
  // Grid columns still covered by a cell spanning rows from above: [last row index, colSpan].
  const covered: ([number, number] | undefined)[] = new Array(n);
  const rows: PrintRow[] = [...table.header, ...table.rows];
  rows.forEach((row, r) => {
    const repeat = r < table.header.length;
    const height = row.role === 'blank' ? '<w:trHeight w:val="397"/>' : '';
    out.push(`<w:tr><w:trPr><w:cantSplit/>${height}${repeat ? '<w:tblHeader/>' : ''}</w:trPr>`);
    const starts = new Map<number, PrintCell>();
    for (const cell of row.cells) starts.set(cell.col, cell);
    for (let c = 0; c < n; ) {
      const cover = covered[c];
      if (cover && cover[0] >= r) {
        out.push(continuationXml(c, cover[1], widths));
        c += cover[1];
        continue;
      }
      covered[c] = undefined;
      const cell = starts.get(c);
      if (!cell) {
        // A grid position no cell claims: keep the grid rectangular with an empty cell.
        out.push(cellXml({ col: c, colSpan: 1, rowSpan: 1, text: '', align: 'left' }, table, widths, ''));
        c += 1;
        continue;
      }
      const colSpan = Math.max(1, Math.min(cell.colSpan, n - c));
      const rowSpan = Math.max(1, cell.rowSpan);
      if (rowSpan > 1) covered[c] = [r + rowSpan - 1, colSpan];
      out.push(cellXml({ ...cell, colSpan }, table, widths, rowSpan > 1 ? 'restart' : ''));
      c += colSpan;
    }
    out.push('</w:tr>');
  });
  out.push('</w:tbl>');
  return out.join('');
}

/** 附件 number, title, unit lines, table and notes of one printed table. */
export function tableBlockXml(table: PrintTable, printable: number, tocMark?: TocMark): string {
  const out: string[] = [];
  if (table.number) out.push(paragraphXml(STYLE.tableNumber, table.number));
  out.push(paragraphXml(STYLE.tableTitle, table.title, { prefix: tocMark ? tcFieldXml(tocMark) : '' }));
  if (table.unitLine !== null && table.moneyUnitLine !== null && table.unitLinesJoined) {
    out.push(paragraphXml(STYLE.unitLine, `${table.unitLine}\t${table.moneyUnitLine}`, { tabRight: printable }));
  } else {
    if (table.unitLine !== null) out.push(paragraphXml(STYLE.unitLine, table.unitLine));
    if (table.moneyUnitLine !== null) out.push(paragraphXml(STYLE.unitLine, table.moneyUnitLine, { align: 'right' }));
  }
  out.push(tableXml(table, columnWidths(table, printable)));
  if (table.empty && table.emptyNote) out.push(paragraphXml(STYLE.note, table.emptyNote));
  for (const note of table.notes) out.push(paragraphXml(STYLE.note, note));
  return out.join('');
}

import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import {
  AlignmentType,
  Document,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type FileChild,
} from 'docx';
import { cellText, columnWidths } from '../../../shared/print/widths.js';
import { MARGIN, PAGE, printableWidth } from '../../../shared/print/page.js';
import { LATIN, SONGTI, documentStyles } from '../../../electron/core/io/docx/typography.js';
import { writeDocx } from '../../../electron/core/io/docx/write.js';
import { writeXlsx } from '../../../electron/core/io/xlsx/write.js';
import type { PrintDocument, PrintTable } from '../../../shared/print/types.js';
import { benchDocument } from '../../render/printFixtures.js';
import { figure, type BenchFigure } from '../stats.js';

/**
 * .docx and .xlsx export of a workbook-sized document: the full 湖南 2020 set (seed 001's 17 tables) plus 300
 * 项目绩效目标表 with 12 indicator rows each. Times our writer (frame from the docx library, table XML spliced
 * in) against the docx library building the same tables itself, each in its own process so its peak memory
 * (maxRSS, Node and tsx included) is its own.
 */

export const PROJECTS = 300;
const RUNS = 5;
const TARGET_MS = 1500;
const TARGET_MB = 500;

/** Our .docx writer, the docx library alone (the baseline), our .xlsx writer. */
type Writer = 'ours' | 'library' | 'xlsx';
const WRITERS = ['ours', 'library', 'xlsx'] as const;

interface ChildReport {
  times: number[];
  maxRssMb: number;
  bytes: number;
  tables: number;
}

/** The same document built entirely from the docx library's objects (the baseline). */
async function libraryOnly(doc: PrintDocument): Promise<Buffer> {
  const font = { ascii: LATIN, hAnsi: LATIN, cs: LATIN, eastAsia: SONGTI };
  const table = (t: PrintTable): FileChild[] => {
    const widths = columnWidths(t, printableWidth(t.orientation));
    const rows = [...t.header, ...t.rows].map(
      (row, r) =>
        new TableRow({
          cantSplit: true,
          tableHeader: r < t.header.length,
          children: row.cells.map((cell) => {
            let width = 0;
            for (let c = cell.col; c < cell.col + cell.colSpan; c++) width += widths[c] ?? 0;
            const align = cell.align === 'right' ? AlignmentType.RIGHT : cell.align === 'center' ? AlignmentType.CENTER : AlignmentType.LEFT;
            return new TableCell({
              columnSpan: cell.colSpan,
              rowSpan: cell.rowSpan,
              width: { size: width, type: WidthType.DXA },
              verticalAlign: VerticalAlign.CENTER,
              children: [new Paragraph({ alignment: align, children: [new TextRun({ text: cellText(cell, t.columns[cell.col]), font, size: 21, bold: cell.bold })] })],
            });
          }),
        }),
    );
    return [
      new Paragraph({ children: [new TextRun(t.number)] }),
      new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun(t.title)] }),
      new Paragraph({ children: [new TextRun(t.unitLine ?? '')] }),
      new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun(t.moneyUnitLine ?? '')] }),
      new Table({ rows, columnWidths: widths, layout: TableLayoutType.FIXED, width: { size: widths.reduce((s, w) => s + w, 0), type: WidthType.DXA } }),
      ...t.notes.map((n) => new Paragraph({ children: [new TextRun(n)] })),
    ];
  };
  const sections = doc.blocks.flatMap((b) =>
    b.kind === 'table'
      ? [
          {
            properties: {
              page: {
                size: { width: PAGE.width, height: PAGE.height, orientation: b.table.orientation === 'landscape' ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
                margin: MARGIN[b.table.orientation],
              },
            },
            children: table(b.table),
          },
        ]
      : [],
  );
  return Packer.toBuffer(new Document({ styles: documentStyles(), sections }));
}

/** The bench's .docx as our exporter writes it; the import bench reads this same file back. */
export const writeBenchDocx = (): Promise<Buffer> => writeDocx(benchDocument(PROJECTS));

async function child(writer: Writer, runs: number): Promise<void> {
  const doc = benchDocument(PROJECTS);
  const write = { ours: writeDocx, library: libraryOnly, xlsx: writeXlsx }[writer];
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    bytes = (await write(doc)).length;
    times.push(performance.now() - start);
  }
  const report: ChildReport = { times, maxRssMb: process.resourceUsage().maxRSS / 1024, bytes, tables: doc.blocks.filter((b) => b.kind === 'table').length };
  process.stdout.write(`\n${JSON.stringify(report)}\n`);
}

function measure(writer: Writer, runs: number): ChildReport {
  const out = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), writer, String(runs)], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  const last = out.stdout.trim().split('\n').at(-1) ?? '';
  if (out.status !== 0 || !last.startsWith('{')) throw new Error(`export bench (${writer}) failed: ${out.stderr.slice(-2000)}`);
  return JSON.parse(last) as ChildReport;
}

/** Our writer (warm-up run + RUNS timed runs) and the docx library alone (one run), each in a child process. */
export async function benchDocxExport(): Promise<BenchFigure> {
  const ours = measure('ours', RUNS + 1);
  // Peak memory of one export, like the library's single run: over several runs in one process the lazy
  // collector keeps earlier runs' garbage and the peak says more about V8 than about the writer.
  const oursOnce = measure('ours', 1);
  const library = measure('library', 1);
  const oursTimes = ours.times.slice(1);
  const fig = figure(`.docx export, ${ours.tables} tables (湖南2020 set + ${PROJECTS} projects × 12 indicators)`, oursTimes, TARGET_MS);
  const libMs = library.times[0]!;
  return {
    ...fig,
    met: oursOnce.maxRssMb < TARGET_MB && ours.maxRssMb < TARGET_MB,
    note:
      `peak RSS ${oursOnce.maxRssMb.toFixed(0)} MB for one export, ${ours.maxRssMb.toFixed(0)} MB over ${RUNS + 1} (target < ${TARGET_MB} MB), ${(ours.bytes / 1024).toFixed(0)} KB; ` +
      `docx library alone: ${(libMs / 1000).toFixed(2)} s, peak RSS ${library.maxRssMb.toFixed(0)} MB → ` +
      `${(libMs / fig.medianMs).toFixed(1)}× slower, ${(library.maxRssMb / oursOnce.maxRssMb).toFixed(1)}× the memory`,
  };
}

/** .xlsx export of the same document (exceljs lays out the sheets, Node's zlib packs them), in its own process. */
export function benchXlsxExport(): BenchFigure {
  const xlsx = measure('xlsx', RUNS + 1);
  return {
    ...figure(`.xlsx export, ${xlsx.tables} sheets (湖南2020 set + ${PROJECTS} projects × 12 indicators)`, xlsx.times.slice(1), TARGET_MS),
    met: xlsx.maxRssMb < TARGET_MB,
    note: `peak RSS ${xlsx.maxRssMb.toFixed(0)} MB (target < ${TARGET_MB} MB), ${(xlsx.bytes / 1024).toFixed(0)} KB`,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [writer, runs] = process.argv.slice(2);
  if ((WRITERS as readonly string[]).includes(writer ?? '')) await child(writer as Writer, Number(runs) || 1);
  else console.log(await benchDocxExport());
}

import { describe, expect, it } from 'vitest';
import { pageFlow } from '../../shared/print/flow.js';
import type { PrintBlock, PrintDocument, PrintRow, PrintTable } from '../../shared/print/types.js';
import { rowBreaks } from '../../renderer/src/print/measure.js';
import { paginate, type MeasuredUnit } from '../../renderer/src/print/paginate.js';
import { previewUnits, startPages } from '../../renderer/src/print/units.js';

/** The print preview's page layout: which blocks start pages (shared with the .docx writer) and how tables split. */

const ROOM = { portrait: 100, landscape: 60 };
const block = (height: number, extra: Partial<Extract<MeasuredUnit, { kind: 'block' }>> = {}): MeasuredUnit => ({ kind: 'block', orientation: 'portrait', newPage: false, height, ...extra });
const table = (rows: number[], extra: Partial<Extract<MeasuredUnit, { kind: 'table' }>> = {}): MeasuredUnit => ({
  kind: 'table',
  orientation: 'portrait',
  newPage: false,
  caption: 20,
  header: 10,
  rows,
  breaks: rows.map((_, i) => i),
  notes: 0,
  ...extra,
});

describe('paginate', () => {
  it('moves a block that does not fit to the next page, and starts pages where asked or where the orientation changes', () => {
    const pages = paginate([block(60), block(30), block(30), block(10, { newPage: true }), block(10, { orientation: 'landscape' })], ROOM);
    expect(pages.map((p) => [p.orientation, p.pieces.map((x) => x.unit)])).toEqual([
      ['portrait', [0, 1]],
      ['portrait', [2]],
      ['portrait', [3]],
      ['landscape', [4]],
    ]);
  });

  it('breaks a long paragraph between lines, two lines at least on either page (widow and orphan control)', () => {
    const lines = (n: number) => block(n * 10, { lines: n });
    expect(paginate([block(50), lines(8)], ROOM).map((p) => p.pieces)).toEqual([[{ unit: 0 }, { unit: 1, lines: [0, 5] }], [{ unit: 1, lines: [5, 8] }]]);
    // 5 lines would fit, but the last one alone on the next page is a widow: 4 and 2.
    expect(paginate([block(50), lines(6)], ROOM).map((p) => p.pieces)).toEqual([[{ unit: 0 }, { unit: 1, lines: [0, 4] }], [{ unit: 1, lines: [4, 6] }]]);
    // One line at the foot of a page is an orphan: the paragraph starts on the next page.
    expect(paginate([block(85), lines(5)], ROOM).map((p) => p.pieces)).toEqual([[{ unit: 0 }], [{ unit: 1 }]]);
    // Longer than a page: it runs over as many pages as it takes.
    expect(paginate([lines(23)], ROOM).map((p) => p.pieces.map((x) => x.lines))).toEqual([[[0, 10]], [[10, 20]], [[20, 23]]]);
  });

  it('keeps a heading with the start of what follows it', () => {
    const pages = paginate([block(70), block(10, { keepWithNext: true }), table([10, 10])], ROOM);
    expect(pages.map((p) => p.pieces.map((x) => x.unit))).toEqual([[0], [1, 2]]);
  });

  it('breaks a long table between rows, its caption on the first part only, its header on every part', () => {
    // caption 20 + header 10 + 7 rows of 10 = 100 on page 1; the header (10) + 8 rows on page 2; the rest on page 3.
    const pages = paginate([table(new Array(20).fill(10), { notes: 15 })], ROOM);
    expect(pages.map((p) => p.pieces)).toEqual([
      [{ unit: 0, caption: true, rows: [0, 7] }],
      [{ unit: 0, rows: [7, 16] }],
      [{ unit: 0, rows: [16, 20], notes: true }],
    ]);
  });

  it('never breaks inside rows joined by a vertical merge; notes that do not fit go to a page of their own', () => {
    const pages = paginate([table([10, 40, 30, 10], { breaks: [0, 1, 3], notes: 50 })], ROOM);
    expect(pages.map((p) => p.pieces)).toEqual([[{ unit: 0, caption: true, rows: [0, 1] }], [{ unit: 0, rows: [1, 4] }], [{ unit: 0, notes: true }]]);
  });
});

describe('rowBreaks', () => {
  const row = (spans: number[]): PrintRow => ({ role: 'body', cells: spans.map((rowSpan, col) => ({ col, colSpan: 1, rowSpan, text: '', align: 'left' })) });
  it('allows a break only before rows no earlier cell spans into', () => {
    expect(rowBreaks([row([1, 1]), row([3, 1]), row([1]), row([1]), row([1, 1])])).toEqual([0, 1, 4]);
  });
});

describe('preview units', () => {
  const printTable = (title: string, orientation: 'portrait' | 'landscape'): PrintTable => ({
    tableId: title,
    number: '附件1',
    title,
    orientation,
    kind: 'table',
    unitLine: null,
    moneyUnitLine: null,
    moneyUnit: '万元',
    columns: [],
    header: [],
    rows: [],
    empty: false,
    notes: [],
  });
  const blocks: PrintBlock[] = [
    { kind: 'heading', level: 1, text: '第一部分 说明', toc: true },
    { kind: 'paragraph', text: '正文' },
    { kind: 'pageBreak' },
    { kind: 'heading', level: 1, text: '第二部分 表格', toc: true },
    { kind: 'table', table: printTable('收支总表', 'landscape') },
    { kind: 'table', table: printTable('三公经费', 'portrait') },
  ];
  const doc: PrintDocument = {
    deptName: '某局',
    year: 2020,
    part: 'all',
    toc: [
      { level: 1, text: '第一部分 说明' },
      { level: 1, text: '第二部分 表格' },
      { level: 2, text: '附件1 收支总表' },
      { level: 2, text: '附件1 三公经费' },
    ],
    blocks,
  };

  it('follow the page flow the .docx writer follows: the part heading goes onto its table’s landscape page', () => {
    expect(pageFlow(doc).map((f) => [f.block.kind, f.orientation, f.newPage])).toEqual([
      ['heading', 'portrait', true],
      ['paragraph', 'portrait', false],
      ['heading', 'landscape', true],
      ['table', 'landscape', false],
      ['table', 'portrait', true],
    ]);
  });

  it('number the 目录 entries with the pages their blocks start on', () => {
    const units = previewUnits(doc);
    expect(units.map((u) => u.kind)).toEqual(['tocTitle', 'tocEntry', 'tocEntry', 'tocEntry', 'tocEntry', 'flow', 'flow', 'flow', 'flow', 'flow']);
    const measured: MeasuredUnit[] = units.map((u) => ({ kind: 'block', orientation: u.orientation, newPage: u.newPage, height: 10 }));
    const pages = paginate(measured, ROOM);
    const starts = startPages(pages, units.length);
    const targets = units.flatMap((u) => (u.kind === 'tocEntry' ? [starts[u.target]] : []));
    expect(targets).toEqual([2, 3, 3, 4]);
  });
});

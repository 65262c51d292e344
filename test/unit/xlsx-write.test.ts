import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Core } from '../../electron/core/core.js';
import { readTableSetFolder } from '../../electron/core/tablesets.js';
import { columnLetter, looksLikeFormula, sheetNames, sheetTable, writeXlsx } from '../../electron/core/io/xlsx/write.js';
import { Dec } from '../../shared/money/decimal.js';
import type { PrintDocument, PrintTable } from '../../shared/print/types.js';
import { loadSeed, type LoadedSeed } from '../fixtures/perf/load.js';
import { createSeed001Workbook } from '../fixtures/seed001/load.js';
import { callOk, makeCore } from '../helpers/core.js';
import { makeTempDir, removeTempDir } from '../helpers/temp.js';
import { readXlsx, type Sheet } from '../helpers/xlsx-read.js';
import { copyShanghaiSets, createShanghaiWorkbook } from '../fixtures/shanghai/unit.js';

/** The .xlsx writer, read back with an independent reader (test/helpers/xlsx-read.ts) and compared with the printed model. */

let core: Core;
let seed001: string;
let seed003: LoadedSeed;

beforeAll(async () => {
  core = makeCore();
  seed001 = await createSeed001Workbook(core);
  seed003 = await loadSeed(core, '003');
});
afterAll(() => core.closeAll());

/** What the workbook export writes, one sheet each: the tables, and the outline forms the document prints as text. */
const tablesOf = (doc: PrintDocument): PrintTable[] => doc.blocks.flatMap((b) => (b.kind === 'table' || b.kind === 'sheet' ? [b.table] : []));
const ref = (row: number, col: number): string => `${columnLetter(col + 1)}${row}`;

/** Where the table's header starts on its sheet: below the title and the unit lines, which must hold what the model prints. */
function headerStart(sheet: Sheet, t: PrintTable): number {
  const titleRow = [...sheet.cells.entries()].find(([, c]) => c.value === t.title)?.[0];
  expect(titleRow, `${t.title}: title cell`).toBeDefined();
  let row = Number(titleRow!.slice(1)) + 1;
  if (t.number) expect(sheet.cells.get(`A${row - 2}`)?.value).toBe(t.number);
  if (t.unitLinesJoined && t.unitLine && t.moneyUnitLine) {
    // One line: the name at the left, the unit in the same row further right.
    expect(sheet.cells.get(`A${row}`)?.value).toBe(t.unitLine);
    expect([...sheet.cells.entries()].some(([at, c]) => Number(at.replace(/^[A-Z]+/, '')) === row && c.value === t.moneyUnitLine)).toBe(true);
    return row + 1;
  }
  if (t.unitLine) expect(sheet.cells.get(`A${row++}`)?.value).toBe(t.unitLine);
  if (t.moneyUnitLine) expect(sheet.cells.get(`A${row++}`)?.value).toBe(t.moneyUnitLine);
  return row;
}

/** Compares every cell, merge and number of a table with its sheet; returns the differences. */
function differences(sheet: Sheet, t: PrintTable): string[] {
  const out: string[] = [];
  const start = headerStart(sheet, t);
  const rows = [...t.header, ...t.rows];
  const merges = new Set<string>();
  rows.forEach((r, i) => {
    for (const c of r.cells) {
      const at = ref(start + i, c.col);
      const got = sheet.cells.get(at);
      if (c.colSpan > 1 || c.rowSpan > 1) merges.add(`${at}:${ref(start + i + c.rowSpan - 1, c.col + c.colSpan - 1)}`);
      if (c.number !== undefined && c.text !== '' && c.label === undefined) {
        if (got?.type !== 'n' || !new Dec(got.value).eq(c.number)) out.push(`${at}: number ${c.number}, found ${got?.type} ${got?.value}`);
        if (got?.numFmt !== (c.decimals === 0 ? '#,##0' : '#,##0.00')) out.push(`${at}: format ${got?.numFmt}`);
      } else if ((got?.value ?? '') !== c.text || (c.text !== '' && got?.type !== 's')) {
        out.push(`${at}: text “${c.text}”, found ${got?.type} “${got?.value}”`);
      }
    }
  });
  const tableMerges = sheet.merges.filter((m) => Number(/\d+/.exec(m)![0]) >= start && Number(/\d+/.exec(m)![0]) < start + rows.length);
  expect(new Set(tableMerges), `${t.title}: merges`).toEqual(merges);
  // 合计 rows: a SUM over the rows the model names, its cached value the printed figure, and that sum evaluated here.
  t.rows.forEach((r, i) => {
    if (!r.sumOf) return;
    for (const c of r.cells) {
      if (c.number === undefined || c.text === '' || c.label !== undefined) continue;
      const cell = sheet.cells.get(ref(start + t.header.length + i, c.col))!;
      const refs = r.sumOf.map((j) => ref(start + t.header.length + j, c.col));
      const expanded = (cell.formula ?? '')
        .replace(/^SUM\((.*)\)$/, '$1')
        .split(',')
        .flatMap((part) => {
          const [a, b] = part.split(':');
          if (!b) return [a!];
          const col = /^[A-Z]+/.exec(a!)![0];
          const from = Number(a!.slice(col.length));
          const to = Number(b.slice(col.length));
          return Array.from({ length: to - from + 1 }, (_, k) => `${col}${from + k}`);
        });
      if (expanded.join() !== refs.join()) out.push(`${ref(start + t.header.length + i, c.col)}: formula ${cell.formula} for ${refs.join()}`);
      const evaluated = refs.reduce((sum, x) => sum.plus(sheet.cells.get(x)?.value || '0'), new Dec(0));
      if (!evaluated.eq(cell.value) || !evaluated.eq(c.number)) out.push(`${ref(start + t.header.length + i, c.col)}: SUM ${evaluated.toFixed()} cached ${cell.value} printed ${c.number}`);
    }
  });
  return out;
}

describe('.xlsx of seed 001 (湖南 2020, 17 tables + 3 绩效目标 tables)', () => {
  it('one sheet per table, named “附件N 标题” within 31 characters, every cell, merge, number and 合计 as the model prints', async () => {
    const doc = await callOk(core, 'print.document', { path: seed001 });
    const tables = tablesOf(doc);
    const { sheets, workbookXml } = readXlsx(await writeXlsx(doc));
    expect(sheets.map((s) => s.name)).toEqual(sheetNames(tables));
    expect(sheets[0]!.name).toBe('附件1 部门收支总表');
    expect(new Set(sheets.map((s) => s.name)).size).toBe(sheets.length);
    expect(sheets.every((s) => s.name.length <= 31)).toBe(true);
    for (const [i, t] of tables.entries()) expect(differences(sheets[i]!, t), t.title).toEqual([]);
    // 附件4's 合计 is a formula over its one 类 row; 附件6's 302 is not (its 款 print 0.01 more).
    expect(sheets[3]!.xml).toMatch(/<f>SUM\(/);
    const yzjf = sheets[5]!;
    expect([...yzjf.cells.values()].some((c) => c.formula !== undefined)).toBe(false);
    expect(workbookXml).toContain('_xlnm.Print_Titles');
  });

  it('A4, landscape for wide layouts, fit to one page wide, page numbers in the footer, frozen header and key columns', async () => {
    const doc = await callOk(core, 'print.document', { path: seed001, tables: ['szzb', 'jbzc-gzfl', 'zcmx'] });
    const { sheets } = readXlsx(await writeXlsx(doc));
    const [szzb, zcmx, gzfl] = sheets;
    for (const s of sheets) {
      expect(s.xml).toMatch(/<pageSetup [^>]*paperSize="9"/);
      expect(s.xml).toMatch(/<pageSetup [^>]*fitToWidth="1"/);
      expect(s.xml).toMatch(/<pageSetup [^>]*fitToHeight="0"/);
      expect(s.xml).toMatch(/<pageSetUpPr fitToPage="1"\/>/);
      expect(s.xml).toMatch(/<oddFooter>[^<]*&amp;P[^<]*<\/oddFooter>/);
    }
    expect(szzb!.xml).toMatch(/<pageSetup [^>]*orientation="landscape"/);
    expect(gzfl!.xml).toMatch(/<pageSetup [^>]*orientation="portrait"/);
    // 附件4: 类|款|项|名称 stay in view; the header ends on row 6 (附件 number, title, two unit lines, two header rows).
    expect(zcmx!.xml).toMatch(/<pane xSplit="4" ySplit="6" topLeftCell="E7" activePane="bottomRight" state="frozen"\/>/);
    expect(zcmx!.xml).toMatch(/<col min="1" max="1" width="[\d.]+"/);
  });
});

describe('.xlsx of seed 003 (河北, 部门整体绩效目标 and 7 项目绩效目标表 in 元)', () => {
  it('forms round-trip cell for cell, merged 一级指标 included; the 部门整体 outline is a sheet of its own', async () => {
    const doc = await callOk(core, 'print.document', { path: seed003.path, part: 'performance' });
    const tables = tablesOf(doc);
    // The document prints 部门整体绩效目标 as headings and paragraphs; the workbook gives it a sheet, line by line.
    expect(tables.map((t) => [t.title, !!t.outline])).toEqual([['部门整体绩效目标', true], ...doc.blocks.flatMap((b) => (b.kind === 'table' ? [[b.table.title, false]] : []))]);
    expect(tables).toHaveLength(8);
    const { sheets } = readXlsx(await writeXlsx(doc));
    expect(sheets.map((s) => s.name)).toEqual(sheetNames(tables));
    // The outline's one column is written as four merged ones (LibreOffice shrinks those to the page, not one
    // wide column); every line is still one cell of the sheet, in order.
    const outline = sheetTable(tables[0]!);
    expect([outline.columns.length, outline.rows.every((r) => r.cells.length === 1 && r.cells[0]!.colSpan === 4)]).toEqual([4, true]);
    expect(outline.rows.map((r) => r.cells[0]!.text)).toEqual(tables[0]!.rows.map((r) => r.cells[0]!.text));
    for (const [i, t] of tables.entries()) expect(differences(sheets[i]!, sheetTable(t)), t.title).toEqual([]);
  });

  it('user text that looks like a formula is written as text, never as a formula', async () => {
    const core2 = makeCore();
    try {
      const seed = await loadSeed(core2, '003');
      const names = ['=HYPERLINK("http://x","y")', '+1+2', '-3', '@SUM(A1)', '=1+1'];
      const cells = names.map((text, i) => ({ rowId: seed.projectIds[i]!, col: 'name', text }));
      await callOk(core2, 'workbook.change', { path: seed.path, change: { edits: [{ kind: 'setCells', tableId: 'perf-projects', cells }] } });
      const doc = await callOk(core2, 'print.document', { path: seed.path, part: 'performance' });
      const { sheets } = readXlsx(await writeXlsx(doc));
      for (const [i, name] of names.entries()) {
        // Sheet 1 is the 部门整体 outline; the projects follow in order.
        const hits = [...sheets[i + 1]!.cells.values()].filter((c) => c.value === name);
        expect(hits.length, name).toBeGreaterThan(0);
        for (const c of hits) expect([c.type, c.formula, c.numFmt]).toEqual(['s', undefined, '@']);
      }
      expect(sheets.flatMap((s) => [...s.cells.values()]).some((c) => c.formula?.includes('HYPERLINK'))).toBe(false);
    } finally {
      core2.closeAll();
    }
  });
});

describe('formula-like text', () => {
  it('is recognised by its first character: = + - @ and tab', () => {
    expect(['=A1', '+1', '-1', '@x', '\t=1'].map(looksLikeFormula)).toEqual([true, true, true, true, true]);
    expect(['1+1', '绩效', ' =A1', ''].map(looksLikeFormula)).toEqual([false, false, false, false]);
  });
});

describe('sheet names', () => {
  it('cuts to 31 characters, drops the characters Excel refuses and keeps names unique', () => {
    const long = '一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三';
    expect(sheetNames([{ number: '', title: long }, { number: '', title: long }, { number: '附件3-1', title: 'a/b:c?' }])).toEqual([
      long.slice(0, 31),
      `${long.slice(0, 28)}(2)`,
      '附件3-1 a_b_c_',
    ]);
  });
});

describe('.xlsx of a Shanghai 事业单位 (set files from the data folder: joined unit lines, blank rows of empty tables)', () => {
  it('round-trips every table cell for cell', async () => {
    const dataDir = makeTempDir();
    copyShanghaiSets(dataDir);
    const sh = new Core({ dataDir, host: 'test', extraTableSets: readTableSetFolder(dataDir) });
    try {
      const file = await createShanghaiWorkbook(sh);
      const doc = await callOk(sh, 'print.document', { path: file });
      const tables = tablesOf(doc);
      expect(tables).toHaveLength(9);
      expect(tables.some((t) => t.unitLinesJoined)).toBe(true);
      expect(tables.some((t) => t.rows.some((r) => r.role === 'blank'))).toBe(true);
      const { sheets } = readXlsx(await writeXlsx(doc));
      for (const [i, t] of tables.entries()) expect(differences(sheets[i]!, t), t.title).toEqual([]);
    } finally {
      sh.closeAll();
      removeTempDir(dataDir);
    }
  });
});

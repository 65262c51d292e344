import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDocx } from '../../electron/core/io/docx/write.js';
import type { PrintDocument, PrintTable } from '../../shared/print/types.js';
import { tableMismatches, tablesOf } from './compare.js';
import { makeTempDir, removeTempDir } from '../helpers/temp.js';
import { descendants, parseXml, readTables, textOf, zipPart, zipTest, type XmlNode } from './ooxml.js';
import { projectIndicatorTable, seed001Document } from './printFixtures.js';

/**
 * The .docx writer read back by an independent reader (unzip + saxes, test/render/ooxml.ts): the package is
 * sound, every XML part well-formed, and every table's cells, merges and figures equal the PrintDocument's.
 */

const HOSTILE_NAME = '=HYPERLINK("http://x","y")';

/** Seed 001's document plus a project whose name is a formula and a note with XML-illegal characters. */
function documentUnderTest(): PrintDocument {
  const doc = seed001Document(3);
  const hostile = projectIndicatorTable(3, HOSTILE_NAME);
  hostile.notes = ['注：<b>&amp; 不是标记\u0001\u000b，控制字符不进文件。'];
  // A label-and-amount cell ("一、基本支出 448.93"), as in seed 001's 附件1.
  const labelled: PrintTable = {
    ...projectIndicatorTable(4),
    tableId: 'label-cell',
    title: '标签金额单元格',
    rows: [{ role: 'body', cells: [{ col: 0, colSpan: 5, rowSpan: 1, text: '一、基本支出 448.93', label: '一、基本支出', number: '448.93', decimals: 2, align: 'left' }] }],
  };
  return { ...doc, blocks: [...doc.blocks, { kind: 'table', table: hostile }, { kind: 'table', table: labelled }] };
}


let dir: string;
let file: string;
let doc: PrintDocument;
let documentXml: string;

beforeAll(async () => {
  dir = makeTempDir('budgetdesk-docx-');
  file = path.join(dir, 'seed001.docx');
  doc = documentUnderTest();
  writeFileSync(file, await writeDocx(doc));
  documentXml = zipPart(file, 'word/document.xml');
});
afterAll(() => removeTempDir(dir));

describe('docx package', () => {
  it('passes unzip -t and every XML part is well-formed', () => {
    const report = zipTest(file);
    expect(report).toContain('No errors detected');
    const parts = [...report.matchAll(/testing: (\S+)\s+OK/g)].map((m) => m[1]!);
    expect(parts).toEqual(expect.arrayContaining(['[Content_Types].xml', 'word/document.xml', 'word/styles.xml', 'word/settings.xml']));
    for (const part of parts.filter((p) => p.endsWith('.xml') || p.endsWith('.rels'))) {
      expect(() => parseXml(zipPart(file, part)), part).not.toThrow();
    }
  });

  it('names the East Asian font in the defaults, the styles and on every text run', () => {
    const styles = parseXml(zipPart(file, 'word/styles.xml'));
    const defaults = [...descendants(styles, 'w:rPrDefault')][0]!;
    const fonts = [...descendants(defaults, 'w:rFonts')][0]!;
    expect(fonts.attrs['w:eastAsia']).toBe('仿宋_GB2312');
    expect([...descendants(defaults, 'w:sz')][0]!.attrs['w:val']).toBe('32');
    const style = (id: string) => [...descendants(styles, 'w:style')].find((s) => s.attrs['w:styleId'] === id)!;
    const eastAsia = (s: XmlNode) => [...descendants(s, 'w:rFonts')][0]?.attrs['w:eastAsia'];
    expect(eastAsia(style('Heading1'))).toBe('黑体');
    expect([...descendants(style('Heading1'), 'w:outlineLvl')][0]!.attrs['w:val']).toBe('0');
    expect(eastAsia(style('BdTableTitle'))).toBe('方正小标宋简体');
    expect(eastAsia(style('BdTableText'))).toBe('宋体');
    expect([...descendants(style('BdTableText'), 'w:sz')][0]!.attrs['w:val']).toBe('21');
    for (const part of ['word/document.xml', 'word/footer1.xml']) {
      const runs = [...descendants(parseXml(zipPart(file, part)), 'w:r')].filter((r) => r.children.some((c) => c.name === 'w:t'));
      expect(runs.length, part).toBeGreaterThan(0);
      const bare = runs.filter((r) => !r.children.find((c) => c.name === 'w:rPr')?.children.find((c) => c.name === 'w:rFonts')?.attrs['w:eastAsia']);
      expect(bare.map(textOf), part).toEqual([]);
    }
    // Table text is 宋体 10.5 pt on the runs themselves.
    const cellRun = [...descendants([...descendants(parseXml(documentXml), 'w:tc')][0]!, 'w:r')][0]!;
    expect([...descendants(cellRun, 'w:rFonts')][0]!.attrs['w:eastAsia']).toBe('宋体');
    expect([...descendants(cellRun, 'w:sz')][0]!.attrs['w:val']).toBe('21');
  });

  it('puts each table on an A4 section of its orientation, tables filling the printable width', () => {
    const body = [...descendants(parseXml(documentXml), 'w:body')][0]!;
    const sections: XmlNode[] = [];
    const tableSection: number[] = [];
    for (const node of body.children) {
      if (node.name === 'w:tbl') tableSection.push(sections.length);
      const sectPr = node.name === 'w:sectPr' ? node : [...descendants(node, 'w:sectPr')][0];
      if (sectPr) sections.push(sectPr);
    }
    const tables = tablesOf(doc);
    const grid = readTables(documentXml);
    expect(tableSection).toHaveLength(tables.length);
    tables.forEach((t, i) => {
      const sect = sections[tableSection[i]!]!;
      const size = [...descendants(sect, 'w:pgSz')][0]!.attrs;
      const margin = [...descendants(sect, 'w:pgMar')][0]!.attrs;
      const [w, h] = [Number(size['w:w']), Number(size['w:h'])];
      expect([Math.min(w, h), Math.max(w, h)], t.title).toEqual([11906, 16838]);
      expect(w > h ? 'landscape' : 'portrait', t.title).toBe(t.orientation);
      if (t.orientation === 'landscape') expect(size['w:orient']).toBe('landscape');
      const printable = w - Number(margin['w:left']) - Number(margin['w:right']);
      expect(grid[i]!.gridCols.reduce((s, c) => s + c, 0), t.title).toBe(printable);
    });
    // The narrative (first body section) is portrait.
    const first = [...descendants(sections[1]!, 'w:pgSz')][0]!.attrs;
    expect(Number(first['w:w'])).toBe(11906);
  });

  it('round-trips every table cell for cell: spans, merges, texts and figures', () => {
    expect(tableMismatches(doc, documentXml)).toEqual([]);
    // The comparison itself fails on a changed figure and on a lost merge.
    expect(tableMismatches(doc, documentXml.replace('>508.93<', '>508.94<'))).toEqual([expect.stringContaining('“508.94” ≠ 508.93')]);
    expect(() => tableMismatches(doc, documentXml.replace('<w:gridSpan w:val="2"/>', ''))).toThrow(/covers 5 grid columns of 6/);
  });

  it('prints seed 001 figures and merges where the seed has them', () => {
    const tables = tablesOf(doc);
    const grid = readTables(documentXml);
    const byTitle = (title: string) => grid[tables.findIndex((t) => t.title === title)]!;
    const at = (g: ReturnType<typeof byTitle>, row: number, col: number) => g.cells.find((c) => c.row === row && c.col === col);
    // 附件1: "收 入" spans three columns (the third blank), "支 出" three; 一般公共预算拨款 508.93.
    const szzb = byTitle('部门收支总表');
    expect(at(szzb, 0, 0)).toMatchObject({ text: '收 入', colSpan: 3 });
    expect(at(szzb, 0, 3)).toMatchObject({ text: '支 出', colSpan: 3 });
    expect(at(szzb, 2, 1)).toMatchObject({ text: '508.93', align: 'right' });
    // 附件11: 功能科目 over 4 columns, 科目编码 over 3, 科目名称 down 2 rows; 合计 448.93 基本支出.
    const zc = byTitle('2020年一般公共预算支出情况表');
    expect(at(zc, 0, 0)).toMatchObject({ text: '功能科目', colSpan: 4 });
    expect(at(zc, 1, 3)).toMatchObject({ text: '科目名称', rowSpan: 2 });
    expect(at(zc, 3, 5)).toMatchObject({ text: '448.93' });
    // Project table: 产出指标 merges down its 7 rows, the 预算数 100000 prints with a thousands separator.
    const project = byTitle('1.项目1工作经费绩效目标表');
    expect(at(project, 2, 0)).toMatchObject({ text: '产出指标', rowSpan: 7 });
    expect(at(project, 2, 4)).toMatchObject({ text: '100,000.00', rowSpan: 12, align: 'right' });
    // 附件15 is empty: its note prints under it.
    expect(textOf(parseXml(documentXml))).toContain('本部门2020年无政府性基金预算拨款安排的支出，故本表为空表。');
  });

  it('keeps user text as text: a formula-like project name, markup, control characters', () => {
    const names = readTables(documentXml).flatMap((g) => g.cells.filter((c) => c.text === HOSTILE_NAME));
    expect(names).toHaveLength(1);
    const tree = parseXml(documentXml);
    expect([...descendants(tree, 'w:hyperlink')]).toHaveLength(0);
    expect([...descendants(tree, 'w:fldSimple')]).toHaveLength(0);
    const instructions = [...descendants(tree, 'w:instrText')].map((n) => n.text);
    expect(instructions.filter((s) => /HYPERLINK/i.test(s))).toEqual([]);
    expect(textOf(tree)).toContain('注：<b>&amp; 不是标记，控制字符不进文件。');
  });

  it('has a real TOC field whose result already lists the 目录 entries, and TC entries at table titles', () => {
    const tree = parseXml(documentXml);
    const sdt = [...descendants(tree, 'w:sdt')][0]!;
    const instr = [...descendants(sdt, 'w:instrText')].map((n) => n.text).join('');
    expect(instr).toMatch(/TOC \\o "1-3" \\f/);
    const kinds = [...descendants(sdt, 'w:fldChar')].map((n) => n.attrs['w:fldCharType']);
    expect(kinds).toEqual(['begin', 'separate', 'end']);
    const entries = sdt.children.find((c) => c.name === 'w:sdtContent')!.children.map((p) => textOf(p));
    expect(entries).toEqual(doc.toc.map((e) => e.text));
    expect(entries).toContain('附件11：2020年一般公共预算支出情况表');
    const tc = [...descendants(tree, 'w:instrText')].map((n) => n.text).filter((s) => s.trim().startsWith('TC '));
    expect(tc).toContain(' TC "附件1：部门收支总表" \\l 2 ');
    expect(tc).toHaveLength(18);
    // Headings in the 目录 carry an outline level (their style's), so Word rebuilds the same list.
    const headings = [...descendants(tree, 'w:pStyle')].filter((s) => /^Heading\d$/.test(s.attrs['w:val']!));
    expect(headings).toHaveLength(doc.blocks.filter((b) => b.kind === 'heading' && b.toc).length);
  });

  it('numbers pages in the footer from the first page after the cover', () => {
    const footer = zipPart(file, 'word/footer1.xml');
    expect(footer).toMatch(/PAGE/);
    const sections = [...descendants(parseXml(documentXml), 'w:sectPr')];
    expect([...descendants(sections[0]!, 'w:footerReference')]).toHaveLength(0); // the cover
    expect([...descendants(sections[1]!, 'w:footerReference')]).toHaveLength(1);
    expect([...descendants(sections[1]!, 'w:pgNumType')][0]!.attrs['w:start']).toBe('1');
  });
});

import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDocx } from '../../electron/core/io/docx/write.js';
import { cellText } from '../../shared/print/widths.js';
import type { PrintDocument, PrintTable } from '../../shared/print/types.js';
import { makeTempDir, removeTempDir } from '../helpers/temp.js';
import { convertToPdf, libreOfficeAvailable, pdfPageSizes, pdfText, pdfToPngs } from './libreoffice.js';
import { seed001Document } from './printFixtures.js';

/**
 * Seed 001's document rendered by LibreOffice with the CJK font aliases of DOMAIN.md §7: the PDF's text has
 * every table title in order on a page of the table's orientation, headers repeat on continued pages, figures
 * never wrap. The PNGs land in test-results/render/docx-handbuilt/ for people to look at.
 */

const PNG_DIR = path.resolve('test-results/render/docx-handbuilt');

let dir: string;
let doc: PrintDocument;
let pages: string[];
let sizes: [number, number][];

beforeAll(async () => {
  if (!libreOfficeAvailable()) {
    throw new Error('LibreOffice/poppler missing: run `bash build/setup.sh --for-tests` (installs libreoffice-writer-nogui, fonts-noto-cjk, poppler-utils).');
  }
  dir = makeTempDir('budgetdesk-render-');
  doc = seed001Document(3);
  const file = path.join(dir, 'seed001.docx');
  writeFileSync(file, await writeDocx(doc));
  const pdf = convertToPdf(file, dir);
  pages = pdfText(pdf).split('\f');
  sizes = pdfPageSizes(pdf);
  rmSync(PNG_DIR, { recursive: true, force: true });
  mkdirSync(PNG_DIR, { recursive: true });
  pdfToPngs(pdf, PNG_DIR, 'page');
}, 180_000);
afterAll(() => removeTempDir(dir));

const tablesOf = (d: PrintDocument) => d.blocks.flatMap((b) => (b.kind === 'table' ? [b.table] : []));
/** pdftotext -layout spreads CJK titles with spaces; compare without whitespace. */
const squash = (s: string) => s.replace(/\s+/g, '');

/** Index of the first page at or after `from` with the title and unit line of `t` (not a 目录 page). */
function pageOf(t: PrintTable, from: number): number {
  const marks = [t.title, t.moneyUnitLine ?? t.unitLine ?? ''].map(squash);
  for (let p = from; p < pages.length; p++) if (marks.every((m) => squash(pages[p]!).includes(m))) return p;
  return -1;
}

describe('docx rendered by LibreOffice', () => {
  it('shows the cover, the 目录 and page numbers', () => {
    expect(squash(pages[0]!)).toContain('株洲市石峰区人民政府办公室2020年部门预算');
    expect(squash(pages[1]!)).toContain('目录');
    expect(squash(pages[1]!)).toContain('附件1：部门收支总表');
    // The cover has no number; numbering starts at 1 on the 目录.
    expect(pages[0]).not.toMatch(/—\s*\d+\s*—/);
    expect(pages[1]).toMatch(/—\s*1\s*—/);
  });

  it('prints every table title in order, each on a page of its orientation', () => {
    let from = 2;
    for (const t of tablesOf(doc)) {
      const p = pageOf(t, from);
      expect(p, `${t.number} ${t.title} after page ${from + 1}`).toBeGreaterThanOrEqual(0);
      const [w, h] = sizes[p]!;
      expect(w > h ? 'landscape' : 'portrait', `${t.title} on page ${p + 1}`).toBe(t.orientation);
      from = p;
    }
    expect(sizes.some(([w, h]) => w > h)).toBe(true);
  });

  it('prints every figure whole (no figure wraps inside its cell) and key values of seed 001', () => {
    const text = pages.join('\n');
    const tables = tablesOf(doc);
    for (const t of tables) {
      for (const row of t.rows) {
        for (const cell of row.cells) {
          if (cell.number === undefined || cell.text === '' || cell.label !== undefined) continue;
          expect(text, `${t.title}: ${cell.text}`).toContain(cellText(cell, t.columns[cell.col]));
        }
      }
    }
    for (const v of ['508.93', '448.93', '365.55', '69.04', '14.34', '111.68', '22.24', '100,000.00']) expect(text).toContain(v);
  });

  it('repeats the header rows on the continued page of a long table', () => {
    // 附件17 has 54 body rows: it runs over two pages, and the second one starts with its header again.
    const t = tablesOf(doc).find((x) => x.number === '附件17')!;
    const p = pageOf(t, 2);
    expect(squash(pages[p]!)).toContain('经济科目名称');
    expect(squash(pages[p + 1]!)).toContain('经济科目名称');
    expect(squash(pages[p + 1]!)).toContain('30399其他对个人和家庭的补助支出');
  });

  it('shows the empty-table note and the notes under tables', () => {
    const text = squash(pages.join(''));
    expect(text).toContain('本部门2020年无政府性基金预算拨款安排的支出，故本表为空表。');
    expect(text).toContain('说明：本套表为区本级当年预算资金安排情况，均不包括上年结转。');
  });
});

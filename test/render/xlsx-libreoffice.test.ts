import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core.js';
import type { PrintTable } from '../../shared/print/types.js';
import { loadSeed } from '../fixtures/perf/load.js';
import { createSeed001Workbook } from '../fixtures/seed001/load.js';
import { callOk, makeCore } from '../helpers/core.js';
import { makeTempDir, removeTempDir } from '../helpers/temp.js';
import { convertToPdf, libreOfficeAvailable, pdfPageSizes, pdfText, pdfToPngs } from './libreoffice.js';

/**
 * Each seed's workbook exported to .xlsx through print.export and rendered by LibreOffice with the CJK font
 * aliases of DOMAIN.md §7: every sheet's title stands in the PDF in document order, on a page of the sheet's
 * orientation, with its figures whole and a page number. PNGs land in test-results/render/xlsx-seed<N>/.
 */

let core: Core;
let dir: string;

beforeAll(() => {
  if (!libreOfficeAvailable()) {
    throw new Error('LibreOffice/poppler missing: run `bash build/setup.sh --for-tests` (installs libreoffice, fonts-noto-cjk, poppler-utils).');
  }
  core = makeCore();
  dir = makeTempDir('budgetdesk-xlsx-render-');
});
afterAll(() => {
  core.closeAll();
  removeTempDir(dir);
});

const squash = (s: string) => s.replace(/\s+/g, '');

async function render(seed: string, workbook: string): Promise<{ tables: PrintTable[]; pages: string[]; sizes: [number, number][] }> {
  const out = path.join(dir, `seed${seed}.xlsx`);
  await callOk(core, 'print.export', { path: workbook, format: 'xlsx', out });
  const doc = await callOk(core, 'print.document', { path: workbook });
  const pdf = convertToPdf(out, path.join(dir, `pdf-${seed}`));
  const pngs = path.resolve(`test-results/render/xlsx-seed${seed}`);
  rmSync(pngs, { recursive: true, force: true });
  mkdirSync(pngs, { recursive: true });
  pdfToPngs(pdf, pngs, 'page');
  return { tables: doc.blocks.flatMap((b) => (b.kind === 'table' ? [b.table] : [])), pages: pdfText(pdf).split('\f'), sizes: pdfPageSizes(pdf) };
}

/** Every table's title in order, each on a page whose orientation is the sheet's; returns the problems. */
function checkOrder(tables: PrintTable[], pages: string[], sizes: [number, number][]): string[] {
  const problems: string[] = [];
  let from = 0;
  for (const t of tables) {
    const at = pages.findIndex((p, i) => i >= from && squash(p).includes(squash(t.title)));
    if (at < 0) {
      problems.push(`${t.title}: not found after page ${from + 1}`);
      continue;
    }
    const [w, h] = sizes[at] ?? [0, 0];
    if (t.orientation === 'landscape' && !(w > h)) problems.push(`${t.title}: page ${at + 1} is not landscape`);
    from = at;
  }
  return problems;
}

describe('.xlsx rendered by LibreOffice', () => {
  it('seed 001: 20 sheets in order, landscape where the layout is, figures whole, page numbers', async () => {
    const { tables, pages, sizes } = await render('001', await createSeed001Workbook(core));
    expect(tables).toHaveLength(20);
    expect(checkOrder(tables, pages, sizes)).toEqual([]);
    const all = squash(pages.join(''));
    for (const figure of ['508.93', '448.93', '365.55', '111.68', '69.04', '20.34']) expect(all).toContain(figure);
    expect(pages[0]).toMatch(/第\s*1\s*页/);
  }, 240_000);

  it.each(['000', '002', '003', '004'] as const)('seed %s: every 绩效目标 sheet in order', async (id) => {
    const seed = await loadSeed(core, id);
    const { tables, pages, sizes } = await render(id, seed.path);
    expect(tables.length).toBeGreaterThan(0);
    expect(checkOrder(tables, pages, sizes)).toEqual([]);
  }, 240_000);
});

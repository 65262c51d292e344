import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page, Route } from '@playwright/test';
import { inPart } from '../../shared/print/document.js';
import { fillTemplate } from '../../shared/tables/layout.js';
import { seed001Expected } from '../fixtures/seed001/load.js';
import { missingInOrder, seedText } from '../helpers/print.js';
import { readXlsx } from '../helpers/xlsx-read.js';
import { readTables, zipPart, zipTest } from '../render/ooxml.js';
import { createWorkbookInSet, expect, test } from './fixtures.js';
import type { TableDef } from '../../shared/tables/schema.js';
import { enterSeed001, facts, readJson } from './seed001.js';

/**
 * The submission handed in from the app: the 导出 dialog writes seed 001's .docx and .xlsx (progress, done
 * message, files read back with readers independent of the writers), and the 打印预览 prints to a PDF whose
 * text holds every table title in the seed's order.
 */

const DEPT = facts.meta.deptName;
const hunan2020 = readJson<{ tables: TableDef[] }>('../../shared/tables/sets/hunan-2020.json').tables;
const YEAR = 2020;

/** [附件 number, title] of every table seed 001 prints, in its order: the 17 公开 tables as transcribed from the seed, then the 绩效 forms of the set. */
function seedTables(): [string, string][] {
  const budget = seed001Expected()
    .map((t): [string, string] => [t.number, t.title])
    .sort((a, b) => Number(a[0].replace('附件', '')) - Number(b[0].replace('附件', '')));
  const performance = hunan2020.filter((def) => inPart(def, 'performance')).map((def): [string, string] => [def.number, fillTemplate(def.title, { year: YEAR, deptName: DEPT, unitCode: '', scope: '' })]);
  return [...budget, ...performance];
}

const XML_ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'" };

/** The text of every paragraph of the Word file after its 目录 (table cells included), in document order. */
function wordTexts(documentXml: string): string[] {
  const body = documentXml.slice(documentXml.indexOf('</w:sdt>'));
  return body
    .split('</w:p>')
    .map((p) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]!.replace(/&(amp|lt|gt|quot|apos);/g, (e) => XML_ENTITIES[e]!)).join(''))
    .filter((t) => t.trim() !== '');
}

/** Holds the next print.export call until released, so its progress shows however fast the core writes. */
async function holdNextExport(page: Page): Promise<() => void> {
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(
    '**/api/print.export',
    async (route: Route) => {
      await held;
      await route.continue();
    },
    { times: 1 },
  );
  return release;
}

test('export dialog writes the .docx and .xlsx of seed 001; the print preview prints a PDF with every table in order', async ({ page, host }, testInfo) => {
  const tables = seedTables();
  const seed = seedText('001');
  // The titles are the seed's own, save 附件16's, which the seed misprints as '…非税收收入…' (a doubled 收; see
  // expected/zhgl-zc.json): the app prints the correct name, so that title is checked with the seed's spelling.
  const asInSeed = tables.map(([, title]) => [title, title.replace('非税收入', '非税收收入')]);
  if (seed !== null) expect(missingInOrder(seed, asInSeed), 'the expected titles are the seed’s own').toEqual([]);

  await page.goto(host.url);
  await createWorkbookInSet(page, DEPT, YEAR, /^湖南 2020/);
  await enterSeed001(page);

  // One click from the workbook page; the 审核 findings are counted, never blocking.
  await page.getByTestId('open-export').click();
  const dialog = page.getByTestId('export-dialog');
  await expect(dialog.getByTestId('export-findings')).toBeVisible();
  await expect(dialog.getByTestId('export-all-tables')).toContainText(`已选 ${tables.length}/${tables.length}`);
  const target = dialog.locator('input[name="exportTarget"]');
  const docx = path.join(host.dataDir, 'exports', `${DEPT}${YEAR}年部门预算.docx`);
  await expect(target).toHaveValue(docx);

  // A folder is no file name: the message says so in Chinese and the dialog stays to correct it.
  await target.fill(host.dataDir);
  await dialog.getByTestId('export-run').click();
  await expect(dialog.getByTestId('export-error')).toContainText('文件夹');
  await target.fill(docx);

  let release = await holdNextExport(page);
  await dialog.getByTestId('export-run').click();
  await expect(dialog.getByTestId('export-progress')).toContainText(`正在生成Word 文件（${tables.length} 张表）`);
  release();
  await expect(dialog.getByTestId('export-done')).toContainText(`已导出Word 文件：${tables.length} 张表`);
  await expect(dialog.getByTestId('export-done-path').locator('input')).toHaveValue(docx);

  expect(existsSync(docx)).toBe(true);
  expect(zipTest(docx)).toContain('No errors detected');
  const documentXml = zipPart(docx, 'word/document.xml');
  const wordTables = readTables(documentXml);
  expect(wordTables).toHaveLength(tables.length);
  // 附件1 部门收支总表: income 508.93 万元 (seed 001) in the first table.
  expect(wordTables[0]!.cells.some((c) => c.text === '508.93')).toBe(true);
  // Each table comes right after its own 附件 number and title, in the seed's order.
  const chunks = documentXml.split('<w:tbl>');
  tables.forEach(([number, title], i) => {
    const before = chunks[i]!;
    const lead = before.slice(before.lastIndexOf('</w:tbl>') + 1);
    expect(missingInOrder(lead, [number, title]), `caption of table ${i + 1}`).toEqual([]);
  });

  // The same package as Excel: the path follows the format; one sheet per table, figures stored as numbers.
  await dialog.getByRole('button', { name: '再导出一份' }).click();
  await dialog.getByTestId('export-format-xlsx').click();
  const xlsx = docx.replace(/\.docx$/, '.xlsx');
  await expect(target).toHaveValue(xlsx);
  release = await holdNextExport(page);
  await dialog.getByTestId('export-run').click();
  await expect(dialog.getByTestId('export-progress')).toContainText(`正在生成Excel 文件（${tables.length} 张表）`);
  release();
  await expect(dialog.getByTestId('export-done')).toContainText(`已导出Excel 文件：${tables.length} 张表`);
  const book = readXlsx(readFileSync(xlsx));
  expect(book.sheets).toHaveLength(tables.length);
  book.sheets.forEach((sheet, i) => {
    const [number, title] = tables[i]!;
    expect(sheet.name.startsWith(`${number} `), `sheet ${sheet.name}`).toBe(true);
    expect([...sheet.cells.values()].some((c) => c.value === title || c.value.includes(title)), `title of ${sheet.name}`).toBe(true);
  });
  expect([...book.sheets[0]!.cells.values()].some((c) => c.type === 'n' && Number(c.value) === 508.93)).toBe(true);
  await dialog.getByTestId('export-close').click();
  await expect(dialog).toBeHidden();

  // 打印预览: A4 sheets, then Chromium's own PDF of the page (print media shows the sheets only).
  await page.getByTestId('open-print-preview').click();
  const preview = page.getByTestId('print-preview');
  await expect(preview.getByTestId('preview-page-count')).toContainText(/共 \d+ 页/);
  await expect(preview.getByTestId('preview-table-title')).toHaveCount(tables.length);
  const sheets = await preview.getByTestId('preview-sheet').count();
  // Every sheet holds what was laid out on it: none grows past its A4 height (it would print on two pages).
  const overgrown = await preview.getByTestId('preview-sheet').evaluateAll((els) =>
    els.flatMap((el, i) => {
      const landscape = el.classList.contains('landscape');
      const a4 = ((landscape ? 210 : 297) / 25.4) * 96;
      return el.getBoundingClientRect().height > a4 + 1 ? [`sheet ${i + 1}: ${el.textContent?.slice(0, 40)}`] : [];
    }),
  );
  expect(overgrown).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('preview.png') });
  const pdf = testInfo.outputPath('preview.pdf');
  await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });

  const info = execFileSync('pdfinfo', ['-l', '1000', pdf], { encoding: 'utf8' });
  const sizes = [...info.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/g)].map((m) => [Number(m[1]), Number(m[2])]);
  expect(sizes, 'one PDF page per sheet').toHaveLength(sheets);
  for (const [w, h] of sizes) expect([Math.round(Math.min(w!, h!)), Math.round(Math.max(w!, h!))]).toEqual([595, 842]);
  // 附件1 部门收支总表 is a wide table: it prints on landscape pages, the 说明 and 目录 on portrait ones.
  expect(sizes.some(([w, h]) => w! > h!)).toBe(true);
  expect(sizes.some(([w, h]) => w! < h!)).toBe(true);

  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const pages = text.split('\f');
  expect(pages[0], 'the cover').toContain(`${DEPT}${YEAR}年部门预算`);
  // Past the 目录 (its last entry is the last table), every 附件 number and title in the seed's order.
  const squeezed = text.replace(/\s+/g, '');
  const lastTitle = tables.at(-1)![1];
  const afterToc = squeezed.slice(squeezed.indexOf(lastTitle) + lastTitle.length);
  expect(missingInOrder(afterToc, tables.flat())).toEqual([]);
  // The PDF says what the Word file says, in the same order: every paragraph and table cell of the .docx.
  const plain = execFileSync('pdftotext', ['-raw', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).replace(/\s+/g, '');
  // The page footers (— 3 —) fall inside a paragraph that runs over a page: left out, as Word's footers are not in its body.
  const plainBody = plain.slice(plain.indexOf(lastTitle) + lastTitle.length).replace(/—\d+—/g, '');
  const said = wordTexts(documentXml);
  expect(said.length, 'the 说明 and every cell of 20 tables').toBeGreaterThan(500);
  expect(missingInOrder(plainBody, said)).toEqual([]);
  // Page numbers in the footers: the last sheet carries the count of pages after the cover.
  expect(pages.filter((p) => p.trim() !== '').at(-1)!.replace(/\s+/g, '')).toContain(`—${sheets - 1}—`);
});

test('a 说明 paragraph longer than a page runs on over the next pages, line by line, and prints whole', async ({ page, host }, testInfo) => {
  await page.goto(host.url);
  await createWorkbookInSet(page, DEPT, YEAR, /^湖南 2020/);
  const file = new URLSearchParams(new URL(page.url()).hash.split('?')[1]).get('path')!;
  // The clerk's own 职能职责, written through the API the narrative editor uses: 60 numbered duties in one paragraph.
  const api = async (method: string, input: unknown) => {
    const r = await page.request.post(`${host.origin}/api/${method}`, { headers: { Authorization: `Bearer ${new URL(host.url).searchParams.get('token')}` }, data: input });
    const body = (await r.json()) as { ok: boolean; value: unknown };
    expect(body.ok, method).toBe(true);
    return body.value;
  };
  const view = (await api('narrative.get', { path: file })) as { sections: { key: string; kind: string }[] };
  const free = view.sections.find((s) => s.kind === 'free')!;
  const duties = Array.from({ length: 60 }, (_, i) => `第${i + 1}项，负责起草区人民政府有关文件并督促检查落实情况。`);
  await api('narrative.setSection', { path: file, section: free.key, text: duties.join('') });

  await page.getByTestId('open-print-preview').click();
  const preview = page.getByTestId('print-preview');
  await expect(preview.getByTestId('preview-page-count')).toContainText(/共 \d+ 页/);
  const pdf = testInfo.outputPath('long.pdf');
  await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
  const sheets = await preview.getByTestId('preview-sheet').count();
  expect(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' })).toMatch(new RegExp(`Pages:\\s+${sheets}\\n`));

  const pages = execFileSync('pdftotext', ['-raw', pdf, '-'], { encoding: 'utf8' })
    .split('\f')
    .map((p) => p.replace(/\s+/g, '').replace(/—\d+—/g, ''));
  const first = pages.findIndex((p) => p.includes(duties[0]!));
  const last = pages.findIndex((p) => p.includes(duties.at(-1)!));
  expect(last - first, 'the paragraph runs over pages').toBeGreaterThanOrEqual(1);
  // Nothing lost or doubled where it breaks: the pages from first to last hold the duties whole, in order.
  const across = pages.slice(first, last + 1).join('');
  expect(across).toContain(duties.join(''));
  // Pages it fills end at the foot of the sheet: no gap bigger than a line or two (Word breaks it the same way).
  expect(pages[first]!.length).toBeGreaterThan(200);
});

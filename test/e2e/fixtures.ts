import { test as base, expect, type Page } from '@playwright/test';
import { HostProcess } from './host.js';

interface Fixtures {
  host: HostProcess;
  /** Every URL the page requested that is not the local host: must stay empty (no network access). */
  foreignRequests: string[];
}

export const test = base.extend<Fixtures>({
  // Playwright reads a fixture's dependencies from its first parameter's pattern: an empty one means none.
  // eslint-disable-next-line no-empty-pattern
  host: async ({}, use) => {
    const host = await HostProcess.start();
    await use(host);
    await host.dispose();
  },
  foreignRequests: [
    async ({ page, host }, use) => {
      const foreign: string[] = [];
      page.on('request', (req) => {
        const url = req.url();
        if (!url.startsWith(host.origin + '/') && !url.startsWith('data:') && !url.startsWith('blob:')) foreign.push(url);
      });
      await use(foreign);
      expect(foreign, 'the app must make no request outside the local host').toEqual([]);
    },
    // Every test checks it, whether or not it names the fixture.
    { auto: true },
  ],
});

export { expect };

/** Creates a workbook from the home page and opens it. */
export async function createWorkbook(page: Page, deptName: string, year: number): Promise<void> {
  await page.getByTestId('new-workbook').click();
  await page.locator('input[name="deptName"]').fill(deptName);
  await page.locator('input[name="year"]').fill(String(year));
  await page.getByTestId('create-workbook').click();
  // Creating opens the new workbook on its first table.
  await expect(page.getByTestId('workbook-title')).toContainText(deptName);
  await expect(page.getByTestId('grid')).toBeVisible();
}

/**
 * Creates a workbook on a chosen table set (e.g. /^湖南 2020/) and opens it. Such a set may begin with a derived
 * table, so the side list's 支出明细 entry is what shows the workbook is open.
 */
export async function createWorkbookInSet(page: Page, deptName: string, year: number, set: RegExp): Promise<void> {
  await page.getByTestId('new-workbook').click();
  await page.locator('input[name="deptName"]').fill(deptName);
  await page.locator('input[name="year"]').fill(String(year));
  await page.getByRole('combobox', { name: '表格套表' }).click();
  await page.getByRole('option', { name: set }).click();
  await page.getByTestId('create-workbook').click();
  // Creating opens the new workbook.
  await expect(page.getByTestId('workbook-title')).toContainText(deptName);
  await expect(page.getByTestId('table-nav-fact-lines')).toBeVisible();
}

/** Fires a paste event carrying `text` at the focused element, as Excel/WPS put a copied block on the clipboard. */
export async function pasteText(page: Page, text: string): Promise<void> {
  await page.evaluate((tsv) => {
    const data = new DataTransfer();
    data.setData('text/plain', tsv);
    const event = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
    (document.activeElement ?? document.body).dispatchEvent(event);
  }, text);
}

/** The cell of the grid's new-row line (it has no test id: it is not a data row yet). */
export const ghostCell = (page: Page, r: number, c: number) => page.getByTestId('grid').locator(`td[data-r="${r}"][data-c="${c}"]`);

export const pickerOption = (page: Page, text: string) => page.getByTestId('picker-option').filter({ hasText: text }).first();

/** Types a text into the open editor and waits for the suggestion, then Tab picks the highlighted one. */
export async function typeAndTab(page: Page, text: string, expected: string): Promise<void> {
  await page.keyboard.type(text);
  await expect(page.getByTestId('picker-option').first()).toContainText(expected);
  await page.keyboard.press('Tab');
}

export const cell = (page: Page, r: number, col: string) => page.getByTestId(`cell-${r}-${col}`);

/** Types one 支出明细 line into the new-row line r: 功能科目, 经济科目, 资金来源, 支出性质 (no 所属项目), amount. */
export async function typeExpenseLine(page: Page, r: number, line: { func: string; econ: string; source: string; nature: string; amount: string }): Promise<void> {
  await ghostCell(page, r, 1).click();
  await typeAndTab(page, line.func, line.func);
  await typeAndTab(page, line.econ, line.econ);
  await typeAndTab(page, line.source, line.source);
  await typeAndTab(page, line.nature, line.nature);
  await page.keyboard.press('Tab');
  await page.keyboard.type(line.amount);
  await page.keyboard.press('Enter');
}

import { createWorkbook, expect, pasteText, test } from './fixtures.js';
import { SEED000_ROWS } from '../helpers/seed000.js';
import type { Page } from '@playwright/test';

const COLS = ['seq', 'name', 'direction', 'amount', 'goalPeriod', 'goalYear'] as const;

async function typeRow(page: Page, rowIndex: number, values: readonly string[]): Promise<void> {
  await page.getByTestId(`cell-${rowIndex}-seq`).click();
  for (const [i, value] of values.entries()) {
    await page.keyboard.type(value);
    await page.keyboard.press(i === values.length - 1 ? 'Enter' : 'Tab');
  }
}

async function expectCell(page: Page, rowIndex: number, col: string, text: string): Promise<void> {
  await expect(page.getByTestId(`cell-${rowIndex}-${col}`)).toHaveText(text);
}

async function expectAllRows(page: Page): Promise<void> {
  for (const [i, row] of SEED000_ROWS.entries()) {
    await expectCell(page, i, 'name', row.name);
    await expectCell(page, i, 'amount', Number(row.amount).toFixed(2));
  }
  await expect(page.locator('[data-testid^="cell-"][data-testid$="-name"]')).toHaveCount(SEED000_ROWS.length);
  await expect(page.getByTestId('total-amount')).toHaveText('100.00');
}

const asValues = (row: (typeof SEED000_ROWS)[number]) => COLS.map((c) => row[c]);
const tsv = (rows: readonly (typeof SEED000_ROWS)[number][]) => rows.map((r) => asValues(r).join('\t')).join('\r\n') + '\r\n';

test('附件3-1: type and paste seed 000, totals, durability across reload and host restart, undo/redo, refusal', async ({ page, host, foreignRequests }) => {
  await page.goto(host.url);
  await createWorkbook(page, '株洲市石峰区人民政府办公室', 2019);
  await page.getByTestId('table-nav-zxzj-hz').click();
  await expect(page.getByText('2019年区级专项资金预算绩效目标汇总表')).toBeVisible();

  // Rows 1–6 typed cell by cell, as a clerk would.
  for (let i = 0; i < 6; i++) {
    await page.getByTestId('insert-row-below').click();
    await expect(page.getByTestId(`cell-${i}-seq`)).toBeVisible();
    await typeRow(page, i, asValues(SEED000_ROWS[i]!));
    await expectCell(page, i, 'name', SEED000_ROWS[i]!.name);
  }
  await expect(page.getByTestId('total-amount')).toHaveText('43.00');

  // Rows 7–12 pasted as one TSV block copied from Excel/WPS, extending the table.
  await page.getByTestId('cell-5-seq').click();
  await page.getByTestId('insert-row-below').click();
  await page.getByTestId('cell-6-seq').click();
  await pasteText(page, tsv(SEED000_ROWS.slice(6)));
  await expectAllRows(page);
  await expect(page.getByTestId('save-status')).toHaveText('已保存');

  await page.reload();
  await page.getByTestId('table-nav-zxzj-hz').click();
  await expectAllRows(page);

  await host.restart();
  await page.goto(host.url);
  await page.getByTestId('workbook-item').filter({ hasText: '株洲市石峰区人民政府办公室' }).click();
  await page.getByTestId('table-nav-zxzj-hz').click();
  await expectAllRows(page);

  // Undo and redo one edit.
  await page.getByTestId('cell-0-amount').click();
  await page.keyboard.type('9');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('total-amount')).toHaveText('101.00');
  await page.getByTestId('undo').click();
  await expect(page.getByTestId('total-amount')).toHaveText('100.00');
  await expectCell(page, 0, 'amount', '8.00');
  await page.getByTestId('redo').click();
  await expect(page.getByTestId('total-amount')).toHaveText('101.00');
  await page.getByTestId('grid').focus();
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('total-amount')).toHaveText('100.00');
  await page.keyboard.press('Control+y');
  await expect(page.getByTestId('total-amount')).toHaveText('101.00');

  // Text in a number cell is refused with a Chinese message and not stored.
  await page.getByTestId('cell-1-amount').click();
  await page.keyboard.type('五万');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('error-message')).toContainText('不是有效的金额');
  await expect(page.getByTestId('cell-editor')).toHaveValue('五万');
  await page.keyboard.press('Escape');
  await expectCell(page, 1, 'amount', '5.00');
  await expect(page.getByTestId('total-amount')).toHaveText('101.00');
  await page.reload();
  await page.getByTestId('table-nav-zxzj-hz').click();
  await expectCell(page, 1, 'amount', '5.00');
  expect(foreignRequests).toEqual([]);
});

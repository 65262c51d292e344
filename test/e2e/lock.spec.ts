import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { createWorkbook, expect, test } from './fixtures.js';

test('a second window gets the in-use message; 重试 works once the first window is closed', async ({ page, context, host, foreignRequests }) => {
  await page.goto(host.url);
  await createWorkbook(page, '占用测试单位', 2019);
  await expect(page.getByTestId('workbook-title')).toContainText('占用测试单位');

  // A second tab has its own sessionStorage, hence its own window id and no claim on the first tab's lease.
  const second = await context.newPage();
  await second.goto(host.url);
  await second.getByTestId('workbook-item').filter({ hasText: '占用测试单位' }).click();
  const notice = second.getByTestId('in-use-dialog');
  await expect(notice.getByTestId('error-message')).toContainText('已在另一个窗口或程序中打开');
  await expect(second.getByTestId('grid')).toHaveCount(0);

  // Still held: retrying says so and keeps the notice.
  await notice.getByTestId('retry-open').click();
  await expect(notice.getByTestId('still-in-use')).toContainText('仍在另一个窗口中打开');

  // Closing the first tab releases the workbook (pagehide sends workbook.release).
  await page.close({ runBeforeUnload: true });
  await notice.getByTestId('retry-open').click();
  await expect(second.getByTestId('workbook-title')).toContainText('占用测试单位');
  await expect(second.getByTestId('in-use-dialog')).toHaveCount(0);
  await expect(second.getByTestId('save-status')).toHaveText('已保存');
  expect(foreignRequests).toEqual([]);
});

test('a lock left by a crashed host does not block the next start', async ({ page, host }) => {
  await page.goto(host.url);
  await createWorkbook(page, '崩溃测试单位', 2019);
  await page.getByTestId('table-nav-zxzj-hz').click();
  await page.getByTestId('insert-row-below').click();
  await page.getByTestId('cell-0-name').click();
  await page.keyboard.type('崩溃前录入');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('cell-0-name')).toHaveText('崩溃前录入');
  await expect(page.getByTestId('save-status')).toHaveText('已保存');

  // The workbook is open (exclusive SQLite lock, window lease) when the host dies.
  await host.kill();
  // Proof it really was a crash: the -wal the open workbook was writing to is left behind.
  const dir = path.join(host.dataDir, 'workbooks');
  const file = path.join(dir, readdirSync(dir).find((f) => f.endsWith('.bdwb'))!);
  expect(existsSync(`${file}-wal`)).toBe(true);
  await host.start();

  await page.goto(host.url);
  await page.getByTestId('workbook-item').filter({ hasText: '崩溃测试单位' }).click();
  await expect(page.getByTestId('workbook-title')).toContainText('崩溃测试单位');
  await expect(page.getByTestId('in-use-dialog')).toHaveCount(0);
  await page.getByTestId('table-nav-zxzj-hz').click();
  await expect(page.getByTestId('cell-0-name')).toHaveText('崩溃前录入');

  // And it is writable again, not just readable.
  await page.getByTestId('cell-0-amount').click();
  await page.keyboard.type('4');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('cell-0-amount')).toHaveText('4.00');
  await expect(page.getByTestId('save-status')).toHaveText('已保存');
});

import { closeSync, existsSync, openSync, readdirSync, rmSync, statSync, truncateSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { createWorkbook, expect, test } from './fixtures.js';

const TABLE = 'table-nav-zxzj-hz';

async function addRow(page: Page, index: number, name: string, amount: string): Promise<void> {
  if (index > 0) await page.getByTestId(`cell-${index - 1}-seq`).click();
  await page.getByTestId('insert-row-below').click();
  await page.getByTestId(`cell-${index}-name`).click();
  await page.keyboard.type(name);
  await page.keyboard.press('Enter');
  await page.getByTestId(`cell-${index}-amount`).click();
  await page.keyboard.type(amount);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId(`cell-${index}-name`)).toHaveText(name);
}

/** The one workbook file in the library (the test creates exactly one). */
function workbookFile(dataDir: string): string {
  const dir = path.join(dataDir, 'workbooks');
  const files = readdirSync(dir).filter((f) => f.endsWith('.bdwb'));
  expect(files).toHaveLength(1);
  return path.join(dir, files[0]!);
}

test('damaged workbook: recovery dialog restores the newest good backup and keeps the damaged file', async ({ page, host, foreignRequests }) => {
  await page.goto(host.url);
  await createWorkbook(page, '恢复测试单位', 2019);
  await page.getByTestId(TABLE).click();
  await addRow(page, 0, '办公设备购置', '12.5');
  await addRow(page, 1, '信息化运维', '7');
  await expect(page.getByTestId('save-status')).toHaveText('已保存');

  await page.getByTestId('open-backups').click();
  const dialog = page.getByTestId('backups-dialog');
  await dialog.getByTestId('backup-now').click();
  await expect(dialog.getByTestId('backup-entry').first().getByTestId('backup-reason')).toHaveText('手动');
  await dialog.getByRole('button', { name: '关闭' }).click();
  await page.getByTestId('back-home').click();
  await expect(page.getByTestId('workbook-item')).toHaveCount(1);

  await host.stop();
  const file = workbookFile(host.dataDir);
  const size = statSync(file).size;
  // Garbage over the middle of the file, as a copy interrupted by a pulled USB stick might leave it.
  const fd = openSync(file, 'r+');
  writeSync(fd, Buffer.alloc(Math.floor(size / 2), 0x5a), 0, Math.floor(size / 2), Math.floor(size / 4));
  closeSync(fd);
  await host.start();

  await page.goto(host.url);
  await page.getByTestId('workbook-item').first().click();
  const recovery = page.getByTestId('recovery-dialog');
  await expect(recovery).toBeVisible();
  await expect(recovery.getByTestId('error-message')).toContainText('已损坏');
  await expect(recovery).toContainText('没有删除或改动任何文件');
  await expect(recovery.getByTestId('latest-backup')).toContainText('最新的完好备份');
  await page.screenshot({ path: test.info().outputPath('recovery-dialog.png') });

  await recovery.getByTestId('recover-from-backup').click();
  await expect(recovery.getByTestId('damaged-path')).toContainText('.damaged-');
  const kept = readdirSync(path.dirname(file)).filter((f) => f.startsWith(path.basename(file) + '.damaged-'));
  expect(kept.length).toBeGreaterThanOrEqual(1);
  expect(statSync(path.join(path.dirname(file), kept[0]!)).size).toBe(size);
  await expect(recovery.getByTestId('damaged-path')).toContainText(kept[0]!);

  await recovery.getByTestId('open-recovered').click();
  await expect(page.getByTestId('workbook-title')).toContainText('恢复测试单位');
  await page.getByTestId(TABLE).click();
  await expect(page.getByTestId('cell-0-name')).toHaveText('办公设备购置');
  await expect(page.getByTestId('cell-0-amount')).toHaveText('12.50');
  await expect(page.getByTestId('cell-1-name')).toHaveText('信息化运维');
  await expect(page.getByTestId('cell-1-amount')).toHaveText('7.00');
  expect(foreignRequests).toEqual([]);
});

test('truncated workbook without any backup: the dialog says so and nothing is deleted', async ({ page, host }) => {
  await page.goto(host.url);
  await createWorkbook(page, '无备份单位', 2019);
  await page.getByTestId(TABLE).click();
  await addRow(page, 0, '会议费', '3');
  await expect(page.getByTestId('save-status')).toHaveText('已保存');
  await page.getByTestId('back-home').click();
  await expect(page.getByTestId('workbook-item')).toHaveCount(1);

  await host.stop();
  const file = workbookFile(host.dataDir);
  // The test (not the app) removes the backups, so that no good copy exists anywhere.
  rmSync(path.join(host.dataDir, 'backups'), { recursive: true, force: true });
  truncateSync(file, Math.floor(statSync(file).size / 3));
  const truncatedSize = statSync(file).size;
  const before = readdirSync(path.dirname(file)).sort();
  await host.start();

  await page.goto(host.url);
  await page.getByTestId('workbook-item').first().click();
  const recovery = page.getByTestId('recovery-dialog');
  await expect(recovery).toBeVisible();
  await expect(recovery.getByTestId('error-message')).toContainText('已损坏');
  await expect(recovery.getByTestId('no-backup')).toContainText('没有找到这个工作簿的完好备份');
  await expect(recovery.getByTestId('recover-from-backup')).toHaveCount(0);

  expect(existsSync(file)).toBe(true);
  expect(statSync(file).size).toBe(truncatedSize);
  expect(readdirSync(path.dirname(file)).sort()).toEqual(before);

  await recovery.getByTestId('back-home').click();
  await expect(page.getByTestId('workbook-item')).toHaveCount(1);
  expect(existsSync(file)).toBe(true);
});

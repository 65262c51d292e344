import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { createWorkbook, expect, test } from './fixtures.js';

const TABLE = 'table-nav-zxzj-hz';

async function setCell(page: Page, row: number, col: string, text: string): Promise<void> {
  await page.getByTestId(`cell-${row}-${col}`).click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

test('backups panel: 打开时 and 手动 copies, restore brings earlier values back, undoable via 恢复前', async ({ page, host, foreignRequests }) => {
  await page.goto(host.url);
  await createWorkbook(page, '备份测试单位', 2019);
  await page.getByTestId(TABLE).click();
  await page.getByTestId('insert-row-below').click();
  await setCell(page, 0, 'name', '培训费');
  await setCell(page, 0, 'amount', '10');
  await expect(page.getByTestId('cell-0-amount')).toHaveText('10.00');
  await expect(page.getByTestId('save-status')).toHaveText('已保存');

  await page.getByTestId('open-backups').click();
  const dialog = page.getByTestId('backups-dialog');
  const entries = dialog.getByTestId('backup-entry');
  await expect(entries.getByTestId('backup-reason').filter({ hasText: '打开时' })).toHaveCount(1);
  const before = await entries.count();
  await dialog.getByTestId('backup-now').click();
  await expect(entries).toHaveCount(before + 1);
  // Newest first: the manual copy heads the list and holds the one row typed so far.
  const manual = entries.first();
  await expect(manual.getByTestId('backup-reason')).toHaveText('手动');
  await expect(manual.getByTestId('backup-rows')).toHaveText('1');
  const manualRevision = Number(await manual.getByTestId('backup-revision').textContent());
  expect(manualRevision).toBeGreaterThan(0);
  await page.screenshot({ path: test.info().outputPath('backups-dialog.png') });
  await dialog.getByRole('button', { name: '关闭' }).click();

  // Further edits after the backup.
  await setCell(page, 0, 'amount', '99');
  await page.getByTestId('insert-row-below').click();
  await setCell(page, 1, 'name', '差旅费');
  await expect(page.getByTestId('cell-0-amount')).toHaveText('99.00');
  await expect(page.getByTestId('cell-1-name')).toHaveText('差旅费');
  await expect(page.getByTestId('save-status')).toHaveText('已保存');

  await page.getByTestId('open-backups').click();
  await expect(entries.first().getByTestId('backup-reason')).toHaveText('手动');
  await entries.first().getByTestId('restore-backup').click();
  await expect(page.getByRole('dialog', { name: '恢复备份' })).toContainText('先把当前内容自动备份');
  await page.getByTestId('confirm').click();

  // The page reloads on the restored file: earlier values, no second row, a notice saying what happened.
  await expect(page.getByTestId('notice-message')).toContainText('已恢复到');
  await expect(page.getByTestId('cell-0-amount')).toHaveText('10.00');
  await expect(page.getByTestId('cell-0-name')).toHaveText('培训费');
  await expect(page.getByTestId('cell-1-name')).toHaveCount(0);

  // The state before the restore was kept as a 恢复前 copy with the two rows.
  await page.getByTestId('open-backups').click();
  const preRestore = entries.filter({ has: page.getByTestId('backup-reason').filter({ hasText: '恢复前' }) });
  await expect(preRestore).toHaveCount(1);
  await expect(preRestore.getByTestId('backup-rows')).toHaveText('2');
  await dialog.getByRole('button', { name: '关闭' }).click();

  // Editing goes on normally after the restore (the revision moved on, no conflict).
  await setCell(page, 0, 'amount', '11');
  await expect(page.getByTestId('cell-0-amount')).toHaveText('11.00');
  await expect(page.getByTestId('save-status')).toHaveText('已保存');
  expect(foreignRequests).toEqual([]);
});

test('另存为 writes a separate copy, asks before overwriting, and opens the copy; 导出 JSON writes the file', async ({ page, host }) => {
  await page.goto(host.url);
  await createWorkbook(page, '另存测试单位', 2019);
  await page.getByTestId(TABLE).click();
  await page.getByTestId('insert-row-below').click();
  await setCell(page, 0, 'name', '物业费');
  await expect(page.getByTestId('save-status')).toHaveText('已保存');

  const target = path.join(host.dataDir, 'U盘', '另存副本.bdwb');
  await page.getByTestId('save-as').click();
  const ask = page.getByTestId('save-as-dialog');
  // The suggestion and the example are named for the workbook's year (2019), not the calendar's.
  await expect(ask.locator('input[name="target"]')).toHaveValue(/另存测试单位-2019年-副本\.bdwb$/);
  await expect(ask).toContainText('另存测试单位-2019年.bdwb（U盘）');
  await expect(ask).not.toContainText('2026年');
  await ask.locator('input[name="target"]').fill(target);
  // The stick is not plugged in yet: the folder is missing, which the clerk is told; nothing is written.
  await ask.getByTestId('path-submit').click();
  await expect(page.getByTestId('error-message')).toContainText('目标文件夹');
  expect(existsSync(target)).toBe(false);
  mkdirSync(path.dirname(target));
  await ask.getByTestId('path-submit').click();
  await expect(page.getByTestId('save-as-done')).toContainText(target);
  expect(statSync(target).size).toBeGreaterThan(0);
  await page.getByRole('button', { name: '留在当前工作簿' }).click();

  // Same target again: an explicit confirmation before the old copy goes to the recycle area.
  await page.getByTestId('save-as').click();
  await ask.locator('input[name="target"]').fill(target);
  await ask.getByTestId('path-submit').click();
  await expect(page.getByRole('dialog', { name: '文件已存在' })).toContainText('移到回收区');
  await page.getByTestId('confirm').click();
  await expect(page.getByTestId('save-as-done')).toContainText(target);
  await page.getByTestId('open-copy').click();
  await expect(page).toHaveURL(new RegExp(encodeURIComponent('另存副本.bdwb')));
  await expect(page.getByTestId('workbook-title')).toContainText('另存测试单位');
  await page.getByTestId(TABLE).click();
  await expect(page.getByTestId('cell-0-name')).toHaveText('物业费');

  const out = path.join(host.dataDir, '导出.json');
  await page.getByTestId('open-backups').click();
  await page.getByTestId('export-json').click();
  const exp = page.getByTestId('export-json-dialog');
  await exp.locator('input[name="out"]').fill(out);
  await exp.getByTestId('path-submit').click();
  await expect(page.getByTestId('notice-message')).toContainText('已导出工作簿 JSON');
  expect(existsSync(out)).toBe(true);
  expect(readFileSync(out, 'utf8')).toContain('物业费');
});

import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';

const DEPT = '株洲市石峰区人民政府办公室';

/** A 2020 workbook: the dialog's default for 2020 is the 湖南 2020 set (its first table is derived: no grid). */
async function create2020(page: Page): Promise<void> {
  await page.getByTestId('new-workbook').click();
  await page.locator('input[name="deptName"]').fill(DEPT);
  await page.locator('input[name="year"]').fill('2020');
  await expect(page.getByRole('combobox', { name: '表格套表' })).toHaveText(/^湖南 2020/);
  await page.getByTestId('create-workbook').click();
  // Creating opens the new workbook.
  await expect(page.getByTestId('workbook-title')).toContainText(DEPT);
  await expect(page.getByTestId('table-nav-fact-lines')).toBeVisible();
}

const ghostCell = (page: Page, r: number, c: number) => page.getByTestId('grid').locator(`td[data-r="${r}"][data-c="${c}"]`);
const cell = (page: Page, r: number, col: string) => page.getByTestId(`cell-${r}-${col}`);
const options = (page: Page) => page.getByTestId('picker-option');
const dcell = (page: Page, rowKey: string, col: string) => page.getByTestId(`dcell-${rowKey}-${col}`);

test('收入来源 takes the words of 附件1; 所属项目 offers the workbook’s projects; 30110 has 附件5’s name', async ({ page, host }) => {
  await page.goto(host.url);
  await create2020(page);

  // Seed 001's projects have names and no 项目编码.
  await page.getByTestId('table-nav-fact-projects').click();
  await expect(page.getByTestId('grid')).toBeVisible();
  for (const [r, name] of [
    [0, '值班工作经费专项'],
    [1, '督查调研经费专项'],
  ] as const) {
    await ghostCell(page, r, 2).click();
    await page.keyboard.type(name);
    await page.keyboard.press('Enter');
    await expect(cell(page, r, 'name')).toHaveText(name);
  }

  // 附件1 prints 一般公共预算拨款 over 经费拨款: typed in full it is offered 经费拨款 first.
  await page.getByTestId('table-nav-fact-income').click();
  await ghostCell(page, 0, 1).click();
  await page.keyboard.type('一般公共预算拨款');
  await expect(options(page).first()).toHaveText('经费拨款');
  await page.keyboard.press('Tab');
  await page.keyboard.type('508.93');
  await page.keyboard.press('Enter');
  await expect(cell(page, 0, 'fundSource')).toHaveText('经费拨款');
  await expect(cell(page, 0, 'amount')).toHaveText('508.93');

  // 所属项目 lists the projects by name; the cell shows the name picked.
  await page.getByTestId('table-nav-fact-lines').click();
  await ghostCell(page, 0, 5).click();
  await page.keyboard.type('经费专项');
  await expect(options(page)).toHaveText(['值班工作经费专项', '督查调研经费专项']);
  await options(page).filter({ hasText: '督查调研经费专项' }).click();
  await expect(cell(page, 0, 'project')).toHaveText('督查调研经费专项');
  await expect(page.getByTestId('save-status')).toHaveText('已保存');

  // 30110 is offered and shown under the one name 附件5 prints for 2020 (seed 001: 城镇职工基本医疗保险缴费).
  await cell(page, 0, 'econCode').click();
  await page.keyboard.type('30110');
  await expect(options(page).first()).toHaveText(/^30110 城镇职工基本医疗保险缴费/);
  await page.keyboard.press('Enter');
  await expect(cell(page, 0, 'econCode')).toHaveText('30110 城镇职工基本医疗保险缴费');
  await expect(page.getByTestId('save-status')).toHaveText('已保存');

  // The drill-down behind 附件3 names the line's project, never its internal row id.
  await cell(page, 0, 'funcCode').click();
  await page.keyboard.type('2010302');
  await expect(options(page).first()).toContainText('2010302 一般行政管理事务');
  await page.keyboard.press('Enter');
  await cell(page, 0, 'fundSource').click();
  await page.keyboard.type('财政拨款');
  await expect(options(page).first()).toHaveText('经费拨款');
  await page.keyboard.press('Enter');
  await expect(cell(page, 0, 'fundSource')).toHaveText('经费拨款');
  await cell(page, 0, 'amount').click();
  await page.keyboard.type('14');
  await page.keyboard.press('Enter');
  await expect(cell(page, 0, 'amount')).toHaveText('14.00');
  await page.getByTestId('table-nav-zczb').click();
  await dcell(page, '2010302', 'total').click();
  const line = page.getByTestId('drill-dialog').getByTestId('drill-line');
  await expect(line).toHaveCount(1);
  await expect(line).toContainText('项目 督查调研经费专项');
  await expect(line).not.toContainText('#');
});

import { expect, test } from './fixtures.js';

test('new workbook: each set shows its region, year and tables; the default is the fullest set for the year and region', async ({ page, host }) => {
  await page.goto(host.url);
  await page.getByTestId('new-workbook').click();
  await page.locator('input[name="deptName"]').fill('株洲市石峰区人民政府办公室');
  const setBox = page.getByRole('combobox', { name: '表格套表' });

  // Seed 000 (2019): only the three 绩效 forms were in use.
  await page.locator('input[name="year"]').fill('2019');
  await expect(setBox).toHaveText(/^湖南 区级专项资金绩效目标/);
  // Seed 001 (2020, 湖南省株洲市): the 17 公开 tables and the 绩效 forms.
  await page.locator('input[name="year"]').fill('2020');
  await page.getByRole('combobox', { name: '地区' }).click();
  await page.getByRole('option', { name: '湖南省' }).click();
  await expect(setBox).toHaveText(/^湖南 2020/);
  await expect(setBox).toHaveAccessibleDescription(/^湖南省株洲市，2020年起，20张表：部门收支总表、部门收入总表/);

  // The list names every set with its region, year and the tables it holds.
  await setBox.click();
  const national = page.getByTestId('table-set-option').filter({ hasText: '全国通用' });
  await expect(national).toContainText('全国，2024年起，9张表：2020年部门收支总表');
  await expect(page.getByTestId('table-set-option').filter({ hasText: '河北 县级' })).toContainText('河北省唐山市玉田县，2025年起，2张表：部门整体绩效目标、各项目绩效目标表');
  await page.keyboard.press('Escape');

  await page.getByTestId('create-workbook').click();
  // The workbook is on the 2020 set: its 部门收支总表 is in the side list.
  await expect(page.getByTestId('workbook-title')).toContainText('株洲市石峰区人民政府办公室');
  await expect(page.getByTestId('table-nav-szzb')).toBeVisible();
});

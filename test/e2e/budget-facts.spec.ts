import type { Page } from '@playwright/test';
import { cell, createWorkbookInSet, expect, ghostCell, pasteText, pickerOption, test, typeAndTab, typeExpenseLine } from './fixtures.js';

const DEPT = '某县财政局';

const dcell = (page: Page, rowKey: string, col: string) => page.getByTestId(`dcell-${rowKey}-${col}`);

test('budget facts: code pickers, paste, derived tables, drill-down, empty note', async ({ page, host, foreignRequests }) => {
  // A whole department typed, pasted and checked in eight tables: longer than the default minute on a busy machine.
  await page.goto(host.url);
  await createWorkbookInSet(page, DEPT, 2020, /^湖南 2020/);

  // The entry tables are listed first, in their own group.
  await expect(page.getByText('预算数据录入')).toBeVisible();
  await page.getByTestId('table-nav-fact-lines').click();
  await expect(page.getByTestId('grid')).toBeVisible();

  // Line 1: 功能科目 by code, 经济科目 by name (picked with the mouse), enums by part of their label.
  await ghostCell(page, 0, 1).click();
  await typeAndTab(page, '2010301', '2010301 行政运行');
  await page.keyboard.type('基本工资');
  await pickerOption(page, '30101 基本工资').click();
  await expect(cell(page, 0, 'econCode')).toHaveText('30101 基本工资');
  await page.keyboard.press('Tab');
  await typeAndTab(page, '经费', '经费拨款');
  await typeAndTab(page, '人员', '人员经费');
  await page.keyboard.press('Tab'); // 所属项目
  await page.keyboard.type('50');
  await page.keyboard.press('Enter');
  await expect(cell(page, 0, 'funcCode')).toHaveText('2010301 行政运行');
  await expect(cell(page, 0, 'fundSource')).toHaveText('经费拨款');
  await expect(cell(page, 0, 'nature')).toHaveText('人员经费');
  await expect(cell(page, 0, 'amount')).toHaveText('50.00');

  // Line 2: 功能科目 by name — many 行政运行 exist; the picker tells them apart by their parents.
  await ghostCell(page, 1, 1).click();
  await page.keyboard.type('行政运行');
  const option = pickerOption(page, '2010301 行政运行');
  await expect(option).toContainText('政府办公厅（室）及相关机构事务');
  await page.screenshot({ path: test.info().outputPath('picker.png') });
  await option.click();
  await page.keyboard.press('Tab');
  await typeAndTab(page, '30102', '30102 津贴补贴');
  await typeAndTab(page, '经费拨款', '经费拨款');
  await typeAndTab(page, '人员经费', '人员经费');
  await page.keyboard.press('Tab');
  await page.keyboard.type('20');
  await page.keyboard.press('Enter');

  // Lines 3 and 4.
  for (const [r, func, econ, nature, amount] of [
    [2, '2010301', '30201', '公用经费', '10'],
    [3, '2080501', '30302', '人员经费', '5'],
  ] as const) {
    await typeExpenseLine(page, r, { func, econ, source: '经费拨款', nature, amount });
  }
  await expect(cell(page, 3, 'funcCode')).toHaveText('2080501 行政单位离退休');
  await expect(cell(page, 3, 'econCode')).toHaveText('30302 退休费');
  await expect(page.getByTestId('total-amount')).toHaveText('85.00');
  await expect(page.getByTestId('nature-total-personnel')).toHaveText('75.00');
  await expect(page.getByTestId('nature-total-public')).toHaveText('10.00');
  await expect(page.getByTestId('nature-total-project')).toHaveText('0.00');
  await expect(page.getByTestId('save-status')).toHaveText('已保存');
  await page.screenshot({ path: test.info().outputPath('lines.png') });

  // One income row.
  await page.getByTestId('table-nav-fact-income').click();
  await ghostCell(page, 0, 1).click();
  await typeAndTab(page, '经费拨款', '经费拨款');
  await page.keyboard.type('85');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('total-amount')).toHaveText('85.00');

  // 附件1 收支总表: the 经济分类 side prints each item with its amount in one cell, as seed 001 does.
  await page.getByTestId('table-nav-szzb').click();
  await expect(page.getByTestId('table-title')).toContainText('部门收支总表');
  await expect(dcell(page, 'r1', 'incomeAmount')).toHaveText('85.00');
  await expect(dcell(page, 'r2', 'incomeAmount')).toHaveText('85.00');
  await expect(dcell(page, 'r1', 'funcAmount')).toHaveText('80.00');
  await expect(dcell(page, 'r7', 'funcAmount')).toHaveText('5.00');
  await expect(dcell(page, 'r1', 'econAmount')).toHaveText('一、基本支出 85.00');
  await expect(dcell(page, 'r2', 'econAmount')).toHaveText('1.工资福利支出 70.00');
  await expect(dcell(page, 'r3', 'econAmount')).toHaveText('2.商品和服务支出 10.00');
  await expect(dcell(page, 'r4', 'econAmount')).toHaveText('3.对个人和家庭的补助 5.00');
  await expect(dcell(page, 'total', 'incomeAmount')).toHaveText('85.00');
  await expect(dcell(page, 'total', 'funcAmount')).toHaveText('85.00');
  await page.screenshot({ path: test.info().outputPath('szzb.png') });

  // 附件3 支出总表: 类/款/项 rows with subtotals.
  await page.getByTestId('table-nav-zczb').click();
  await expect(page.getByTestId('table-title')).toContainText('部门支出总表');
  await expect(dcell(page, '201', 'total')).toHaveText('80.00');
  await expect(dcell(page, '20103', 'total')).toHaveText('80.00');
  await expect(dcell(page, '2010301', 'general')).toHaveText('80.00');
  await expect(dcell(page, '2080501', 'total')).toHaveText('5.00');
  await page.screenshot({ path: test.info().outputPath('zczb.png') });

  // Drill from 2010301's figure to the three lines behind it, then jump to one of them.
  await dcell(page, '2010301', 'total').click();
  const dialog = page.getByTestId('drill-dialog');
  await expect(dialog.getByTestId('drill-line')).toHaveCount(3);
  await expect(dialog.getByTestId('drill-total')).toHaveText('80.00');
  await expect(dialog.getByTestId('drill-amount')).toHaveText(['50.00', '20.00', '10.00']);
  await expect(dialog.getByTestId('drill-line').nth(1)).toContainText('30102 津贴补贴');
  await page.screenshot({ path: test.info().outputPath('drill.png') });
  await dialog.getByTestId('drill-line').nth(1).click();
  await expect(page.getByTestId('grid')).toBeVisible();
  await expect(page.locator('td.act[data-testid="cell-1-unit"]')).toBeVisible();

  // 附件11 一般公共预算支出情况表: 合计 on top, basic split by 经济分类.
  await page.getByTestId('table-nav-ybgg-zc').click();
  await expect(page.getByTestId('table-title')).toContainText('2020年一般公共预算支出情况表');
  await expect(dcell(page, 'total', 'total')).toHaveText('85.00');
  await expect(dcell(page, 'total', 'basicSalary')).toHaveText('70.00');
  await expect(dcell(page, 'total', 'basicGoods')).toHaveText('10.00');
  await expect(dcell(page, 'total', 'basicFamily')).toHaveText('5.00');
  await expect(dcell(page, '2010301', 'name')).toHaveText('行政运行（政府办公厅（室）及相关机构事务）');
  await page.screenshot({ path: test.info().outputPath('ybgg-zc.png') });

  // 20 lines pasted from Excel: codes (some as "code name"), enum labels and amounts 1…20 (sum 210).
  await page.getByTestId('table-nav-fact-lines').click();
  await expect(page.getByTestId('total-amount')).toHaveText('85.00');
  const block = Array.from({ length: 20 }, (_, i) =>
    [i % 2 ? '2010302' : '2010302 一般行政管理事务', i % 2 ? '30201' : '30211 差旅费', '经费拨款', '公用经费', '', String(i + 1)].join('\t'),
  ).join('\r\n');
  await ghostCell(page, 4, 1).click();
  await pasteText(page, `${block}\r\n`);
  await expect(page.getByTestId('total-amount')).toHaveText('295.00');
  await expect(page.getByTestId('nature-total-public')).toHaveText('220.00');
  await expect(cell(page, 4, 'funcCode')).toHaveText('2010302 一般行政管理事务');
  await expect(cell(page, 4, 'econCode')).toHaveText('30211 差旅费');
  await expect(cell(page, 23, 'amount')).toHaveText('20.00');

  await page.getByTestId('table-nav-zczb').click();
  await expect(dcell(page, '2010302', 'total')).toHaveText('210.00');
  await expect(dcell(page, '201', 'total')).toHaveText('290.00');
  await page.getByTestId('table-nav-ybgg-zc').click();
  await expect(dcell(page, 'total', 'total')).toHaveText('295.00');
  await expect(dcell(page, 'total', 'basicGoods')).toHaveText('220.00');

  // Undo the paste: the derived table follows the revision.
  await page.getByTestId('undo').click();
  await expect(dcell(page, 'total', 'total')).toHaveText('85.00');
  await page.getByTestId('redo').click();
  await expect(dcell(page, 'total', 'total')).toHaveText('295.00');

  // 附件15 政府性基金: no such money, so the official empty-table note.
  await page.getByTestId('table-nav-zfxjj-zc').click();
  await expect(page.getByTestId('empty-note')).toHaveText('本部门2020年无政府性基金预算拨款安排的支出，故本表为空表。');
  await page.screenshot({ path: test.info().outputPath('zfxjj-zc.png') });

  // 基本情况: a fixed input table, saved through the row keys.
  await page.getByTestId('table-nav-fact-info').click();
  await page.getByTestId('info-info-staffQuota-count').fill('12');
  await page.getByTestId('info-info-staffQuota-count').press('Enter');
  await expect(page.getByTestId('save-status')).toHaveText('已保存');
  await page.reload();
  await expect(page.getByTestId('info-info-staffQuota-count')).toHaveValue('12');
  await page.screenshot({ path: test.info().outputPath('fact-info.png') });

  // With 预算单位 listed, derived tables offer each unit's own table; lines name their unit through a picker.
  await page.getByTestId('table-nav-fact-units').click();
  await ghostCell(page, 0, 0).click();
  await page.keyboard.type('001');
  await page.keyboard.press('Tab');
  await page.keyboard.type('某县财政局本级');
  await page.keyboard.press('Tab');
  await typeAndTab(page, '本', '本级');
  await typeAndTab(page, '行政', '行政单位');
  await page.keyboard.press('Enter');
  await expect(cell(page, 0, 'kind')).toHaveText('本级');
  await ghostCell(page, 1, 0).click();
  await page.keyboard.type('002');
  await page.keyboard.press('Tab');
  await page.keyboard.type('某县财政事务中心');
  await page.keyboard.press('Enter');
  await expect(cell(page, 1, 'name')).toHaveText('某县财政事务中心');
  // Lines without a unit belong to the 本级 unit; line 1 goes to the 事务中心, picked by name.
  await page.getByTestId('table-nav-fact-lines').click();
  await cell(page, 0, 'unit').click();
  await typeAndTab(page, '事务中心', '002 某县财政事务中心');
  await expect(cell(page, 0, 'unit')).toHaveText('002 某县财政事务中心');
  await page.getByTestId('table-nav-zczb').click();
  await page.getByTestId('unit-select').click();
  await page.getByRole('option', { name: '002 某县财政事务中心' }).click();
  await expect(dcell(page, '2010301', 'total')).toHaveText('50.00');
  await page.getByTestId('unit-select').click();
  await page.getByRole('option', { name: '001 某县财政局本级' }).click();
  await expect(dcell(page, '2010301', 'total')).toHaveText('30.00');
  await page.getByTestId('unit-select').click();
  await page.getByRole('option', { name: '全部（汇总）' }).click();
  await expect(dcell(page, '2010301', 'total')).toHaveText('80.00');
  expect(foreignRequests).toEqual([]);
});

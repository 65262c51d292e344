import type { Page } from '@playwright/test';
import { cell, createWorkbookInSet, expect, ghostCell, test, typeAndTab, typeExpenseLine } from './fixtures.js';

// Seed 001 (2020 石峰区人民政府办公室): 基本支出 448.9253 万元; three of its 专项 under 2010302 一般行政管理事务.
const DEPT = '株洲市石峰区人民政府办公室';
const PROJECTS = [
  { code: 'ZX01', name: '值班工作经费', amount: '4' },
  { code: 'ZX02', name: '机要保密经费', amount: '10' },
  { code: 'ZX04', name: '督查调研经费', amount: '14' },
] as const;

/** Types one 项目 row into the new-row line: 编码, 名称, (类别), 功能科目, 经济科目, 资金来源, 本年预算数. */
async function typeProject(page: Page, r: number, p: (typeof PROJECTS)[number]): Promise<void> {
  await ghostCell(page, r, 1).click();
  await page.keyboard.type(p.code);
  await page.keyboard.press('Tab');
  await page.keyboard.type(p.name);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab'); // 项目类别
  await typeAndTab(page, '2010302', '2010302 一般行政管理事务');
  await typeAndTab(page, '30299', '30299 其他商品和服务支出');
  await typeAndTab(page, '经费拨款', '经费拨款');
  await page.keyboard.type(p.amount);
  await page.keyboard.press('Enter');
  await expect(cell(page, r, 'amount')).toHaveText(`${Number(p.amount).toFixed(2)}`);
}

test('绩效 附件2/3 follow the budget projects; 指标库 and 质量检查 there; 部门整体 amounts from the budget', async ({ page, host }) => {
  await page.goto(host.url);
  await createWorkbookInSet(page, DEPT, 2020, /^湖南 2020/);

  // 基本支出: one line of 448.9253 万元.
  await page.getByTestId('table-nav-fact-lines').click();
  await expect(page.getByTestId('grid')).toBeVisible();
  await typeExpenseLine(page, 0, { func: '2010301', econ: '30101', source: '经费拨款', nature: '人员经费', amount: '448.9253' });
  await expect(cell(page, 0, 'amount')).toHaveText('448.93');

  // Three projects under 项目.
  await page.getByTestId('table-nav-fact-projects').click();
  await expect(page.getByTestId('table-title')).toContainText('项目');
  for (const [r, p] of PROJECTS.entries()) await typeProject(page, r, p);
  await expect(page.getByTestId('save-status')).toHaveText('已保存');

  // 绩效 附件2 offers the three projects, with their 支出方向 and amounts.
  await page.getByTestId('table-nav-zxzj-hz').click();
  await expect(page.getByTestId('table-title')).toContainText('2020年区级专项资金预算绩效目标汇总表');
  await expect(page.getByTestId('offer-note')).toHaveText('预算数据中有 3 个项目，可点“从预算项目添加”列入本表。');
  await page.getByTestId('offer-projects').click();
  const offers = page.getByTestId('offer-project');
  await expect(offers).toHaveCount(3);
  await expect(offers.nth(0)).toContainText('值班工作经费');
  await expect(offers.nth(0)).toContainText('一般行政管理事务支出');
  await expect(offers.nth(0)).toContainText('4.00');
  await expect(offers.nth(2)).toContainText('督查调研经费');
  await expect(offers.nth(2)).toContainText('14.00');

  // One taken: 4 万元 of 专项 against 28 万元 of 项目支出 is reported on the table at once.
  await offers.nth(0).click();
  await expect(cell(page, 0, 'name')).toHaveText('值班工作经费');
  await expect(cell(page, 0, 'direction')).toHaveText('一般行政管理事务支出');
  await expect(cell(page, 0, 'amount')).toHaveText('4.00');
  await expect(cell(page, 0, 'amount')).toHaveAttribute('data-link', 'follows');
  await expect(page.getByTestId('table-finding')).toContainText('各专项资金总额合计 4万元，与预算数据中的项目支出 28万元 不一致（相差 24万元）');
  await page.screenshot({ path: test.info().outputPath('zxzj-hz-one.png') });

  // The other two: the totals tie and the finding goes.
  await page.getByTestId('offer-projects').click();
  await expect(page.getByTestId('offer-project')).toHaveCount(2);
  await page.getByTestId('offer-all').click();
  await expect(cell(page, 1, 'name')).toHaveText('机要保密经费');
  await expect(cell(page, 2, 'amount')).toHaveText('14.00');
  await expect(page.getByTestId('total-amount')).toHaveText('28.00');
  await expect(page.getByTestId('table-finding')).toHaveCount(0);
  await expect(page.getByTestId('offer-projects')).toBeDisabled();

  // A changed project amount (14 → 46) shows in the 绩效 row: 项目支出 becomes seed 001's 60 万元.
  await page.getByTestId('table-nav-fact-projects').click();
  await cell(page, 2, 'amount').click();
  await page.keyboard.type('46');
  await page.keyboard.press('Enter');
  await expect(cell(page, 2, 'amount')).toHaveText('46.00');
  await page.getByTestId('table-nav-zxzj-hz').click();
  await expect(cell(page, 2, 'amount')).toHaveText('46.00');
  await expect(cell(page, 2, 'amount')).toHaveAttribute('data-link', 'follows');
  await expect(page.getByTestId('total-amount')).toHaveText('60.00');

  // The clerk overrides one amount: the cell is marked, the total check speaks up; clearing follows the project again.
  await cell(page, 0, 'amount').click();
  await page.keyboard.type('5');
  await page.keyboard.press('Enter');
  await expect(cell(page, 0, 'amount')).toHaveText('5.00');
  await expect(cell(page, 0, 'amount')).toHaveAttribute('data-link', 'override');
  await expect(page.getByTestId('table-finding')).toContainText('各专项资金总额合计 61万元，与预算数据中的项目支出 60万元 不一致');
  // 质量检查 lists it too.
  await page.getByTestId('run-lint').click();
  await expect(page.getByTestId('lint-panel')).toBeVisible();
  await expect(page.getByTestId('lint-finding').filter({ hasText: '各专项资金总额合计 61万元' })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('zxzj-hz-override.png') });
  await cell(page, 0, 'amount').click();
  await page.keyboard.press('Delete');
  await expect(cell(page, 0, 'amount')).toHaveText('4.00');
  await expect(cell(page, 0, 'amount')).toHaveAttribute('data-link', 'follows');
  await expect(page.getByTestId('table-finding')).toHaveCount(0);

  // Unlinking keeps the figures as the clerk's own: no more mark.
  await cell(page, 1, 'goalYear').click();
  await expect(page.getByTestId('unlink-project')).toBeEnabled();
  await page.getByTestId('unlink-project').click();
  await expect(cell(page, 1, 'amount')).not.toHaveAttribute('data-link');
  await expect(cell(page, 1, 'amount')).toHaveText('10.00');
  await expect(cell(page, 1, 'name')).toHaveText('机要保密经费');

  // 附件3 支出方向: the same projects, then an indicator from the 指标库 into the 数量指标 column.
  await page.getByTestId('table-nav-zxzj-fx').click();
  await expect(page.getByTestId('table-title')).toContainText('2020年区级专项资金支出方向绩效目标表');
  await page.getByTestId('offer-projects').click();
  await page.getByTestId('offer-all').click();
  await expect(cell(page, 0, 'fundName')).toHaveText('值班工作经费');
  await expect(cell(page, 0, 'direction')).toHaveText('一般行政管理事务支出');
  await expect(cell(page, 2, 'amount')).toHaveText('46.00');
  await cell(page, 2, 'indQuantity').click();
  await page.getByTestId('open-library').click();
  const dialog = page.getByTestId('library-dialog');
  await dialog.locator('input[name="librarySearch"]').fill('举办会议');
  const entry = dialog.getByTestId('library-entry').filter({ hasText: '举办会议（培训）场次' });
  await expect(entry).toHaveCount(1);
  await entry.getByTestId('library-add').click();
  await expect(cell(page, 2, 'indQuantity')).toHaveText('举办会议（培训）场次≥4次');
  await dialog.getByRole('button', { name: '关闭' }).click();
  await expect(dialog).toBeHidden();

  // 复制指标 from that row to the first.
  await cell(page, 0, 'goalYear').click();
  await page.getByTestId('copy-indicators').click();
  await page.getByRole('combobox', { name: '从哪一行复制' }).click();
  await page.getByRole('option', { name: /第3行/ }).click();
  await page.getByTestId('copy-columns-confirm').click();
  await expect(cell(page, 0, 'indQuantity')).toHaveText('举办会议（培训）场次≥4次');

  // 质量检查 on 附件3 reviews its rows (no 质量/时效 indicators yet on the row just filled).
  await page.getByTestId('run-lint').click();
  await expect(page.getByTestId('lint-panel')).toBeVisible();
  await expect(page.getByTestId('lint-finding').filter({ hasText: '督查调研经费' }).first()).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('zxzj-fx.png') });

  // 部门整体绩效目标: 资金总额/基本支出/项目支出 are the budget's (seed 001: 508.9253 = 448.9253 + 60).
  await page.getByTestId('table-nav-perf-dept').click();
  await expect(page.getByTestId('info-dept-totalAmount-amount')).toHaveValue('508.9253');
  await expect(page.getByTestId('info-dept-basicAmount-amount')).toHaveValue('448.9253');
  await expect(page.getByTestId('info-dept-projectAmount-amount')).toHaveValue('60');
  await expect(page.getByTestId('info-dept-totalAmount-amount')).toHaveAttribute('data-link', 'follows');
  await expect(page.getByTestId('table-finding')).toHaveCount(0);
  // A figure typed over the budget's is marked and reported at once; cleared, it follows the budget again.
  const total = page.getByTestId('info-dept-totalAmount-amount');
  await total.fill('500');
  await total.press('Enter');
  await expect(total).toHaveAttribute('data-link', 'override');
  await expect(page.getByTestId('table-finding')).toContainText('部门整体绩效目标中的资金总额 500万元 与预算数据中的资金总额');
  await page.screenshot({ path: test.info().outputPath('perf-dept-override.png') });
  await total.fill('');
  await total.press('Enter');
  await expect(total).toHaveAttribute('data-link', 'follows');
  await expect(total).toHaveValue('508.9253');
  await expect(page.getByTestId('table-finding')).toHaveCount(0);
  // The 申报表 (附件1) prints the same figure.
  await page.getByTestId('table-nav-bmzt-jx').click();
  await expect(page.getByTestId('form-field-totalAmount')).toHaveText('508.93 万元');
});

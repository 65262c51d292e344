import { createWorkbook, expect, test } from './fixtures.js';

const GOAL = '保障机关正常运转\n完成年度重点工作任务';

test('附件3-3 shows what was entered in 部门整体绩效目标, and follows undo', async ({ page, host }) => {
  await page.goto(host.url);
  await createWorkbook(page, '株洲市石峰区人民政府办公室', 2019);

  await page.getByTestId('table-nav-perf-dept').click();
  for (const [field, value] of [
    ['totalAmount', '508.76'],
    ['basicAmount', '408.76'],
    ['projectAmount', '100'],
  ] as const) {
    const input = page.getByTestId(`info-dept-${field}-amount`);
    await input.fill(value);
    await input.press('Enter');
  }
  const goal = page.getByTestId('info-dept-overallGoal-text');
  await goal.fill(GOAL);
  await goal.blur();
  await expect(page.getByTestId('undo')).toBeEnabled();

  await page.getByTestId('table-nav-bmzt-jx').click();
  await expect(page.getByTestId('derived-note')).toHaveText('此表内容来自左侧“绩效数据录入”中的“部门整体目标与资金”等表，请在那里录入后查看');
  await expect(page.getByTestId('form-field-totalAmount')).toHaveText('508.76');
  await expect(page.getByTestId('form-field-basicAmount')).toHaveText('408.76');
  await expect(page.getByTestId('form-field-projectAmount')).toHaveText('100.00');
  // Line breaks the clerk typed are kept in the printed layout.
  await expect(page.getByTestId('form-field-overallGoal')).toHaveText(GOAL);
  await expect(page.getByTestId('form-layout')).toContainText('株洲市石峰区人民政府办公室');

  // Undo takes back the goal text (the last change); the amounts stay.
  await page.getByTestId('undo').click();
  await expect(page.getByTestId('form-field-overallGoal')).toHaveText('');
  await expect(page.getByTestId('form-field-totalAmount')).toHaveText('508.76');

  // Redo brings it back.
  await page.getByTestId('redo').click();
  await expect(page.getByTestId('form-field-overallGoal')).toHaveText(GOAL);
});

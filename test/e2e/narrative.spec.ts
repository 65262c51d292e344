import type { Page } from '@playwright/test';
import { cell, createWorkbookInSet, expect, test } from './fixtures.js';
import { enterSeed001, facts } from './seed001.js';

/**
 * 第一部分 说明 on seed 001 (株洲市石峰区人民政府办公室, 湖南 2020) entered through the grids: the sentences
 * follow the data until the clerk rewrites one; a rewritten sentence is kept as written and flagged when the
 * data moves away from it. The sentences are the seed's own wording.
 */

const sentence = (page: Page, key: string) => page.getByTestId(`sentence-${key}`);
const flags = (page: Page, key: string) => page.locator(`[data-testid="sentence-finding"][data-sentence="${key}"]`);
const SEED_CHANGE = '（三）预算收支增减变化情况说明：2020 年度本单位年初预算数为 508.93 万元，比上年增加 0.17 万元，基本持平。';

test('说明: a rewritten sentence is kept when the figure changes, and flagged; free text is kept and undoes', async ({ page, host }) => {
  await page.goto(host.url);
  await createWorkbookInSet(page, facts.meta.deptName, 2020, /^湖南 2020/);
  await enterSeed001(page);

  await page.getByTestId('table-nav-narrative').click();
  await expect(page.getByTestId('narrative-page')).toBeVisible();
  await expect(page.getByTestId('narrative-section-overall')).toContainText('四、部门收支总体情况');
  await expect(sentence(page, 'overall/income#0')).toContainText('（一）收入预算：2020年年初预算数 508.93 万元，其中，一般公共预算拨款 508.93 万元');
  await expect(sentence(page, 'overall/change#0')).toContainText('比上年增加 0.17 万元，主要原因是：待填写');

  // The clerk rewrites the 增减变化 sentence in the seed's words.
  await sentence(page, 'overall/change#0').click();
  await page.getByTestId('sentence-text').fill(SEED_CHANGE);
  await page.getByTestId('sentence-save').click();
  await expect(sentence(page, 'overall/change#0')).toHaveText(SEED_CHANGE);
  await expect(sentence(page, 'overall/change#0')).toHaveAttribute('data-edited', 'true');
  await expect(page.getByTestId('save-status')).toHaveText('已保存');
  await expect(flags(page, 'overall/change#0')).toHaveCount(0);

  // The income changes: the generated sentence follows; the rewritten one stays as written and is flagged.
  await page.getByTestId('table-nav-fact-income').click();
  await cell(page, 0, 'amount').click();
  await page.keyboard.type('510');
  await page.keyboard.press('Enter');
  await expect(cell(page, 0, 'amount')).toHaveText('510.00');
  await page.getByTestId('table-nav-narrative').click();
  await expect(sentence(page, 'overall/income#0')).toContainText('年初预算数 510 万元');
  await expect(sentence(page, 'overall/change#0')).toHaveText(SEED_CHANGE);
  await expect(flags(page, 'overall/change#0').first()).toContainText('写作“508.93万元”，按数据应为“510 万元”，相差 1.07 万元');
  await expect(flags(page, 'overall/change#0')).toHaveCount(2);
  await page.screenshot({ path: test.info().outputPath('narrative-flagged.png') });

  // Undo the income edit: the sentence agrees with the data again.
  await page.getByTestId('undo').click();
  await expect(sentence(page, 'overall/income#0')).toContainText('年初预算数 508.93 万元');
  await expect(flags(page, 'overall/change#0')).toHaveCount(0);

  // 职能职责 is free text in the official paragraph style, kept across a reload, undone like any edit.
  const duties = page.getByTestId('section-text-duties');
  await duties.fill('（一）协助区政府领导组织起草和审核以区政府、区政府办公室名义发布的文件，起草区政府领导讲话材料。\n（二）负责区政府会务工作，协助区政府领导组织实施会议决定的事项。');
  await sentence(page, 'overall/income#0').focus();
  await expect(page.getByTestId('save-status')).toHaveText('已保存');
  await page.reload();
  await expect(page.getByTestId('section-text-duties')).toHaveValue(/^（一）协助区政府领导组织起草.*\n（二）负责区政府会务工作/);
  await expect(page.getByTestId('section-text-duties')).toHaveCSS('font-size', '21.3333px');
  await page.getByTestId('undo').click();
  await expect(page.getByTestId('section-text-duties')).toHaveValue(/^本部门主要职责是：待填写/);

  // The 审核 panel lists the flagged sentence; clicking it opens the 说明 with the sentence marked.
  await page.getByTestId('table-nav-fact-income').click();
  await cell(page, 0, 'amount').click();
  await page.keyboard.type('510');
  await page.keyboard.press('Enter');
  await expect(cell(page, 0, 'amount')).toHaveText('510.00');
  await page.getByTestId('checks-toggle').click();
  const amount = page.locator('[data-testid="check-finding"][data-rule="text.amount"]').first();
  await expect(amount).toContainText('按数据应为“510 万元”');
  await amount.getByTestId('check-finding-open').click();
  await expect(sentence(page, 'overall/change#0')).toHaveAttribute('data-marked', 'true');
  await expect(sentence(page, 'overall/change#0')).toBeInViewport();
});

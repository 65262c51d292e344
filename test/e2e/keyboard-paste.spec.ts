import type { Page } from '@playwright/test';
import { createWorkbook, createWorkbookInSet, expect, pasteText, test } from './fixtures.js';

const DEPT = '某县财政局';

const cell = (page: Page, r: number, col: string) => page.getByTestId(`cell-${r}-${col}`);
/** A cell of the grid's new-row line (no test id: it is not a data row yet). */
const ghostCell = (page: Page, r: number, c: number) => page.getByTestId('grid').locator(`td[data-r="${r}"][data-c="${c}"]`);
const options = (page: Page) => page.getByTestId('picker-list').getByTestId('picker-option');
const lit = (page: Page) => page.getByTestId('picker-list').locator('[aria-selected="true"]');

test('switching tables in the side list puts the keyboard in the first cell of the grid', async ({ page, host }) => {
  await page.goto(host.url);
  await createWorkbook(page, '株洲市石峰区人民政府办公室', 2019);
  const firstCell = page.getByTestId('grid').locator('td[data-r="0"][data-c="0"]');

  // From the open 附件3-1 to 附件3-2, picked with the mouse, then straight to typing: nothing typed is lost.
  await page.getByTestId('table-nav-zxzj-fx').click();
  await expect(page.getByText('2019年区级专项资金支出方向绩效目标表')).toBeVisible();
  await page.keyboard.type('教育');
  await page.keyboard.press('Enter');
  await expect(firstCell).toHaveText('教育');
  await expect(page.getByTestId('save-status')).toHaveText('已保存');

  // Through a form table and back to 附件3-1: the table opened is the one that takes the keys.
  await page.getByTestId('table-nav-perf-dept').click();
  await expect(page.getByTestId('info-dept-totalAmount-amount')).toBeVisible();
  await page.getByTestId('table-nav-zxzj-hz').click();
  await expect(page.getByText('2019年区级专项资金预算绩效目标汇总表')).toBeVisible();
  await page.keyboard.type('1');
  await page.keyboard.press('Tab');
  await page.keyboard.type('政务服务热线');
  await page.keyboard.press('Enter');
  await expect(cell(page, 0, 'seq')).toHaveText('1');
  await expect(cell(page, 0, 'name')).toHaveText('政务服务热线');

  // Clicking the open table's own entry gives the keyboard back to its grid, where it was (row 2, 序号).
  await page.getByTestId('table-nav-zxzj-hz').click();
  await page.keyboard.type('2');
  await page.keyboard.press('Enter');
  await expect(cell(page, 1, 'seq')).toHaveText('2');
  await expect(page.getByTestId('save-status')).toHaveText('已保存');
});

test('Alt+↓ opens the list of an enum, a code and a ref cell; arrows and Enter pick from it', async ({ page, host }) => {
  await page.goto(host.url);
  await createWorkbookInSet(page, DEPT, 2020, /^湖南 2020/);

  // Two 预算单位 for the ref column.
  await page.getByTestId('table-nav-fact-units').click();
  for (const [r, code, name] of [
    [0, '001', '某县财政局本级'],
    [1, '002', '某县财政事务中心'],
  ] as const) {
    await ghostCell(page, r, 0).click();
    await page.keyboard.type(code);
    await page.keyboard.press('Tab');
    await page.keyboard.type(name);
    await page.keyboard.press('Enter');
    await expect(cell(page, r, 'name')).toHaveText(name);
  }

  await page.getByTestId('table-nav-fact-lines').click();
  await expect(page.getByTestId('grid')).toBeVisible();

  // 功能科目, empty: Alt+↓ lists the 类; typed 2010301: its siblings under 20103, itself lit.
  await ghostCell(page, 0, 1).click();
  await page.keyboard.press('Alt+ArrowDown');
  await expect(options(page).first()).toContainText('201 一般公共服务支出');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('picker-list')).toHaveCount(0);
  await page.keyboard.type('2010301');
  await page.keyboard.press('Enter');
  await expect(cell(page, 0, 'funcCode')).toHaveText('2010301 行政运行');
  await cell(page, 0, 'funcCode').click();
  await page.keyboard.press('Alt+ArrowDown');
  await expect(lit(page)).toContainText('2010301 行政运行');
  await expect(options(page).nth(1)).toContainText('2010302 一般行政管理事务');
  await page.keyboard.press('ArrowDown');
  await expect(lit(page)).toContainText('2010302 一般行政管理事务');
  await page.keyboard.press('Enter');
  await expect(cell(page, 0, 'funcCode')).toHaveText('2010302 一般行政管理事务');

  // 支出性质 (enum): every choice, the second picked with the keyboard alone.
  await cell(page, 0, 'nature').click();
  await page.keyboard.press('Alt+ArrowDown');
  await expect(options(page)).toHaveText(['人员经费', '公用经费', '项目支出']);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(cell(page, 0, 'nature')).toHaveText('公用经费');
  // Opened on a filled cell, the list lights the cell's own value.
  await cell(page, 0, 'nature').click();
  await page.keyboard.press('Alt+ArrowDown');
  await expect(lit(page)).toHaveText('公用经费');
  await page.keyboard.press('Escape');

  // 预算单位 (ref): the rows of 预算单位.
  await cell(page, 0, 'unit').click();
  await page.keyboard.press('Alt+ArrowDown');
  await expect(options(page)).toHaveText(['001 某县财政局本级', '002 某县财政事务中心']);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(cell(page, 0, 'unit')).toHaveText('002 某县财政事务中心');
  await expect(page.getByTestId('save-status')).toHaveText('已保存');

  // A plain text or money cell has no list: Alt+↓ neither opens one nor moves down.
  await cell(page, 0, 'amount').click();
  await page.keyboard.press('Alt+ArrowDown');
  await expect(page.getByTestId('picker-list')).toHaveCount(0);
  await page.keyboard.type('12');
  await page.keyboard.press('Enter');
  await expect(cell(page, 0, 'amount')).toHaveText('12.00');
});

test('a refused paste names every bad cell: row, column, text and why; nothing is stored', async ({ page, host }) => {
  await page.goto(host.url);
  await createWorkbookInSet(page, DEPT, 2020, /^湖南 2020/);
  await page.getByTestId('table-nav-fact-lines').click();
  await expect(page.getByTestId('grid')).toBeVisible();

  // Four lines copied from Excel (功能科目, 经济科目, 资金来源, 支出性质, 所属项目, 金额): lines 2–4 each
  // hold mistakes, line 3 two of them.
  const block = [
    ['2010301', '30101', '经费拨款', '人员经费', '', '50'],
    ['2010301', '30102', '经费拨款', '人员经费', '', '五万'],
    ['行政', '30201', '经费拨款', '基本', '', '10'],
    ['2080501', '30302', '经费拨款', '人员经费', '', '5'],
  ]
    .map((line) => line.join('\t'))
    .join('\r\n');
  await ghostCell(page, 0, 1).click();
  await pasteText(page, `${block}\r\n`);
  const message = page.getByTestId('error-message');
  await expect(message).toContainText('粘贴的内容中有 3 个单元格无法填入，整块粘贴已取消，表格未改动');
  await expect(message).toContainText('第2行“本年预算数”：“五万”不是有效的金额或数字');
  await expect(message).toContainText('第3行“支出功能分类科目”：“行政”不是有效的科目编码');
  await expect(message).toContainText('第3行“支出性质”：“基本”不是可选的值（可选：人员经费、公用经费、项目支出）');
  await expect(page.getByTestId('total-amount')).toHaveText('0.00');
  await expect(page.getByTestId('grid').locator('[data-testid^="cell-"][data-testid$="-amount"]')).toHaveCount(0);
});

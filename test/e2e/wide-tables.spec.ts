import type { Locator, Page, TestInfo } from '@playwright/test';
import type { TableDef } from '../../shared/tables/schema.js';
import { createWorkbookInSet, expect, test } from './fixtures.js';
import { columnKeys, enterSeed001, facts, modelTables, readJson, tableDef } from './seed001.js';
import config from '../../playwright.config.js';

/**
 * Wide tables at the two screen sizes clerks use: the entry grid keeps the cell being typed in view, every
 * column of the wide derived tables (附件1, 附件11) can be scrolled to, and the key columns (科目编码, 名称) and
 * the header stay where they are while the rest scrolls. Data: seed 001 (株洲市石峰区人民政府办公室, 湖南 2020).
 */

const hunan2020 = readJson<{ tables: TableDef[] }>('../../shared/tables/sets/hunan-2020.json').tables;

const ghostCell = (page: Page, r: number, c: number) => page.getByTestId('grid').locator(`td[data-r="${r}"][data-c="${c}"]`);

interface Shown {
  /** The element lies wholly inside the container's client box (no part behind a scrollbar or the border). */
  inside: boolean;
  /** Its left and right ends are the topmost element there: no frozen column or header covers them. */
  uncovered: boolean;
}

/** Whether `target` can be seen whole in the scroll container `scroller`. */
async function shown(scroller: Locator, target: Locator): Promise<Shown> {
  const container = await scroller.elementHandle();
  return target.evaluate((el, c) => {
    const box = c!.getBoundingClientRect();
    const view = { left: box.left + c!.clientLeft, top: box.top + c!.clientTop, right: box.left + c!.clientLeft + c!.clientWidth, bottom: box.top + c!.clientTop + c!.clientHeight };
    const b = el.getBoundingClientRect();
    const inside = b.left >= view.left - 0.5 && b.right <= view.right + 0.5 && b.top >= view.top - 0.5 && b.bottom <= view.bottom + 0.5;
    const y = (b.top + b.bottom) / 2;
    const hits = (x: number) => {
      const hit = document.elementFromPoint(x, y);
      return hit !== null && (hit === el || el.contains(hit));
    };
    return { inside, uncovered: hits(b.left + 3) && hits(b.right - 3) };
  }, container);
}
const whole: Shown = { inside: true, uncovered: true };

const scrollLeftOf = (scroller: Locator) => scroller.evaluate((el) => el.scrollLeft);
/** How far a scroll container's content reaches past its right edge (≤ 0: it fits). */
const overflowOf = (scroller: Locator) => scroller.evaluate((el) => el.scrollWidth - el.clientWidth);

/** The horizontal scrollbar exists and is on screen: the container overflows sideways and its bottom edge is in the window. */
async function expectVisibleScrollbar(page: Page, scroller: Locator): Promise<void> {
  const m = await scroller.evaluate((el: HTMLElement) => ({
    overflow: el.scrollWidth - el.clientWidth,
    bar: el.offsetHeight - el.clientHeight - el.clientTop * 2,
    bottom: el.getBoundingClientRect().bottom,
    right: el.getBoundingClientRect().right,
  }));
  const size = page.viewportSize()!;
  expect(m.overflow, 'the table is wider than its container').toBeGreaterThan(0);
  expect(m.bar, 'a horizontal scrollbar takes room under the table').toBeGreaterThan(0);
  expect(m.bottom, 'the scrollbar is inside the window').toBeLessThanOrEqual(size.height);
  expect(m.right, 'the container ends inside the window').toBeLessThanOrEqual(size.width);
}

/** Scrolls right with the mouse wheel until each column's header cell is shown whole, in order. */
async function reachEveryColumn(page: Page, scroller: Locator, keys: string[]): Promise<void> {
  const box = (await scroller.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (const key of keys) {
    const th = scroller.locator(`thead th[data-col-key="${key}"]`);
    await expect(th).toHaveCount(1);
    for (let i = 0; i < 40 && !(await shown(scroller, th)).inside; i++) {
      const before = await scrollLeftOf(scroller);
      await page.mouse.wheel(120, 0);
      await expect.poll(() => scrollLeftOf(scroller), { message: `scrolling right towards ${key}` }).toBeGreaterThan(before);
    }
    await expect.poll(() => shown(scroller, th), { message: `header of ${key} shown whole` }).toEqual(whole);
  }
}

async function attachScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

// Headless Chromium hides scrollbars by default; the app's window shows them, and so must these screenshots.
test.use({ launchOptions: { ...config.use?.launchOptions, ignoreDefaultArgs: ['--hide-scrollbars'] } });

for (const viewport of [
  { width: 1400, height: 900 },
  { width: 1280, height: 720 },
]) {
  test.describe(`at ${viewport.width}×${viewport.height}`, () => {
    test.use({ viewport });

    test('fixed, printed and indicator tables fit the window as the grid does: key columns frozen, scrollbar shown', async ({ page, host }, testInfo) => {
      await page.goto(host.url);
      await createWorkbookInSet(page, '玉田县人民政府办公室', 2025, /^河北/);

      // 部门基本情况 (a fixed table of input fields): fits the window, every header whole.
      await page.getByTestId('table-nav-fact-info').click();
      const fixed = page.getByTestId('fixed-input-scroll');
      await expect(fixed).toBeVisible();
      expect(await overflowOf(fixed), '部门基本情况 needs no sideways scrolling').toBeLessThanOrEqual(0);
      for (const key of columnKeys(tableDef(modelTables, 'fact-info'))) expect(await shown(fixed, fixed.locator(`thead th[data-col-key="${key}"]`)), key).toEqual(whole);
      await attachScreenshot(page, testInfo, '部门基本情况');

      // 部门整体绩效目标 (a form shown as printed, about 800 px at its print widths): in a window narrower than
      // that, its columns narrow to the window and its texts wrap; nothing is off-screen.
      await page.getByTestId('table-nav-bmzt-jxmb').click();
      const printed = page.getByTestId('print-table-scroll').first();
      await expect(printed).toBeVisible();
      expect(await overflowOf(printed), '部门整体绩效目标 fits the window').toBeLessThanOrEqual(0);
      await page.setViewportSize({ width: 900, height: 700 });
      await expect.poll(() => printed.evaluate((el) => el.getBoundingClientRect().right), { message: 'the form is inside the narrow window' }).toBeLessThanOrEqual(900);
      expect(await overflowOf(printed), '部门整体绩效目标 fits the narrow window').toBeLessThanOrEqual(0);
      await attachScreenshot(page, testInfo, '部门整体绩效目标-窄窗口');
      await page.setViewportSize(viewport);

      // 项目绩效目标's indicator sheet beside the project list: wider than its room, so it scrolls sideways with a
      // visible scrollbar; every column can be reached and the row number and 一级指标 stay at the left.
      await page.getByTestId('table-nav-xm-jx').click();
      await page.getByTestId('add-project').click();
      // The new project's name field takes the keyboard once its form is on screen.
      await expect(page.getByTestId('project-editor').locator('input[name="name"]')).toBeFocused();
      await page.getByTestId('add-indicator').click();
      await expect(page.getByTestId('ind-0-name')).toBeFocused();
      const sheet = page.getByTestId('indicator-scroll');
      await expectVisibleScrollbar(page, sheet);
      await attachScreenshot(page, testInfo, '绩效指标');
      await reachEveryColumn(page, sheet, ['level1', 'level2', 'name', 'desc', 'value', 'basis', 'weight', 'actions']);
      expect(await scrollLeftOf(sheet), 'scrolled right to the last columns').toBeGreaterThan(0);
      for (const key of ['level1', 'level2']) {
        expect(await shown(sheet, sheet.locator(`thead th[data-col-key="${key}"]`)), `${key} header stays in view`).toEqual(whole);
      }
      expect(await shown(sheet, page.getByTestId('ind-0-level1')), 'the row’s 一级指标 stays in view').toEqual(whole);
      await attachScreenshot(page, testInfo, '绩效指标-右侧');
    });

    test('wide tables: typed cell in view, every column reachable, key columns and header frozen', async ({ page, host }, testInfo) => {
      await page.goto(host.url);
      await createWorkbookInSet(page, facts.meta.deptName, 2020, /^湖南 2020/);
      await enterSeed001(page);

      // 附件1 收支总表: the 支出 side is reachable, its figures are the seed's.
      await page.getByTestId('table-nav-szzb').click();
      await expect(page.getByTestId('table-title')).toContainText('部门收支总表');
      const szzb = page.getByTestId('derived-scroll');
      await expect(page.getByTestId('dcell-total-econAmount')).toHaveText('支 出 总 计 508.93');
      await attachScreenshot(page, testInfo, '附件1');
      await reachEveryColumn(page, szzb, columnKeys(tableDef(hunan2020, 'szzb')));
      await expect(page.getByTestId('dcell-r1-econAmount')).toHaveText('一、基本支出 448.93');
      await expect(page.getByTestId('dcell-r6-econAmount')).toHaveText('二、项目支出 60.00');
      expect(await shown(szzb, page.getByTestId('dcell-r6-econAmount'))).toEqual(whole);
      await attachScreenshot(page, testInfo, '附件1-右侧');
      // Down to the 总计 line (the table scrolls where the window is short): the header stays on top.
      const grandTotal = page.getByTestId('dcell-total-econAmount');
      for (let i = 0; i < 40 && !(await shown(szzb, grandTotal)).inside; i++) {
        const before = await szzb.evaluate((el) => el.scrollTop);
        await page.mouse.wheel(0, 120);
        await expect.poll(() => szzb.evaluate((el) => el.scrollTop), { message: 'scrolling down to 总计' }).toBeGreaterThan(before);
      }
      await expect.poll(() => shown(szzb, grandTotal), { message: '总计 shown whole' }).toEqual(whole);
      expect(await shown(szzb, szzb.locator('thead th[data-col-key="econAmount"]')), 'the header stays on top').toEqual(whole);
      await attachScreenshot(page, testInfo, '附件1-总计');

      // 附件11: wider than any of these windows, so it scrolls; codes and names stay at the left.
      await page.getByTestId('table-nav-ybgg-zc').click();
      await expect(page.getByTestId('table-title')).toContainText('一般公共预算支出情况表');
      const zc = page.getByTestId('derived-scroll');
      await expect(page.getByTestId('dcell-2010301-name')).toHaveText('行政运行（政府办公厅（室）及相关机构事务）');
      await expectVisibleScrollbar(page, zc);
      // Codes are shown whole, never clipped.
      for (const key of ['codeClass', 'codeSection', 'codeItem']) {
        const cells = zc.locator(`td[data-testid$="-${key}"]`);
        await expect(cells.first()).toBeVisible();
        const clipped = await cells.evaluateAll((tds) => tds.filter((td) => td.scrollWidth > td.clientWidth).map((td) => td.textContent));
        expect(clipped, `${key} codes clipped`).toEqual([]);
      }
      await attachScreenshot(page, testInfo, '附件11');
      await reachEveryColumn(page, zc, columnKeys(tableDef(hunan2020, 'ybgg-zc')));
      expect(await scrollLeftOf(zc), 'scrolled right to reach the last columns').toBeGreaterThan(0);
      for (const key of ['codeClass', 'codeSection', 'codeItem', 'name']) {
        expect(await shown(zc, zc.locator(`thead th[data-col-key="${key}"]`)), `${key} header stays in view`).toEqual(whole);
        expect(await shown(zc, page.getByTestId(`dcell-2010302-${key}`)), `${key} of 2010302 stays in view`).toEqual(whole);
      }
      await expect(page.getByTestId('dcell-2010302-codeItem')).toHaveText('02');
      await expect(page.getByTestId('dcell-2010302-projectGoods')).toHaveText('60.00');
      await expect(page.getByTestId('dcell-total-projectSocialSecurity')).toBeVisible();
      expect(await shown(zc, page.getByTestId('dcell-total-projectSocialSecurity'))).toEqual(whole);
      await attachScreenshot(page, testInfo, '附件11-右侧');

      // 支出明细: a new line typed after the 25 seed lines; the amount cell is in view while its figure is typed.
      await page.getByTestId('table-nav-fact-lines').click();
      const grid = page.getByTestId('grid');
      await expect(page.getByTestId('total-amount')).toHaveText('457.97');
      const lines = columnKeys(tableDef(modelTables, 'fact-lines'));
      const amountCol = lines.indexOf('amount');
      // Ctrl+↓ from the first line goes to the new-row line below the last (virtualised: not drawn before).
      await page.getByTestId('cell-0-funcCode').click();
      await page.keyboard.press('Control+ArrowDown');
      await expect(ghostCell(page, 25, lines.indexOf('funcCode'))).toHaveClass(/\bact\b/);
      for (const text of ['2010301', '30201', '经费拨款', '公用经费']) {
        await page.keyboard.type(text);
        await expect(page.getByTestId('picker-option').first()).toContainText(text);
        await page.keyboard.press('Tab');
      }
      await page.keyboard.press('Tab'); // 所属项目: none
      await page.keyboard.type('12.5');
      const editor = page.getByTestId('cell-editor');
      await expect(editor).toHaveValue('12.5');
      const amountCell = ghostCell(page, 25, amountCol);
      await expect.poll(() => shown(grid, editor), { message: 'the editor of the amount is in view' }).toEqual(whole);
      expect((await shown(grid, amountCell)).inside, 'the amount cell is inside the grid view').toBe(true);
      const [cellBox, editorBox] = [await amountCell.boundingBox(), await editor.boundingBox()];
      expect(Math.abs(cellBox!.x - editorBox!.x), 'the editor sits on the amount cell').toBeLessThan(2);
      // The header stays on top while the body is scrolled down to the new line.
      expect(await grid.evaluate((el) => el.scrollTop), 'the body scrolled down to the new line').toBeGreaterThan(0);
      expect(await shown(grid, grid.locator('thead th[data-col-key="amount"]')), 'the amount header stays in view').toEqual(whole);
      await attachScreenshot(page, testInfo, '支出明细-输入金额');
      await page.keyboard.press('Enter');
      await expect(page.getByTestId('cell-25-amount')).toHaveText('12.50');
      await expect(page.getByTestId('save-status')).toHaveText('已保存');

      // End and Home walk the line; each end is shown whole.
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('End');
      await expect(page.getByTestId('cell-25-note')).toHaveClass(/\bact\b/);
      await expect.poll(() => shown(grid, page.getByTestId('cell-25-note')), { message: '备注 shown after End' }).toEqual(whole);
      await page.keyboard.press('Home');
      await expect(page.getByTestId('cell-25-unit')).toHaveClass(/\bact\b/);
      await expect.poll(() => shown(grid, page.getByTestId('cell-25-unit')), { message: '预算单位 shown after Home' }).toEqual(whole);
      await attachScreenshot(page, testInfo, '支出明细-保存后');

      // 项目 is wider than the window: 预算单位/项目编码/项目名称 stay at the left, and walking back from the
      // last column brings each cell out from under them.
      await page.getByTestId('table-nav-fact-projects').click();
      await expect(page.getByTestId('cell-5-name')).toHaveText('政府全会经费');
      await expectVisibleScrollbar(page, grid);
      const projectKeys = columnKeys(tableDef(modelTables, 'fact-projects'));
      await page.getByTestId('cell-5-name').click();
      await page.keyboard.press('End');
      await expect(page.getByTestId('cell-5-note')).toHaveClass(/\bact\b/);
      await expect.poll(() => shown(grid, page.getByTestId('cell-5-note')), { message: '备注 shown after End' }).toEqual(whole);
      expect(await scrollLeftOf(grid), 'scrolled right to 备注').toBeGreaterThan(0);
      for (const key of ['unit', 'code', 'name']) {
        expect(await shown(grid, page.getByTestId(`cell-5-${key}`)), `${key} stays in view`).toEqual(whole);
      }
      await attachScreenshot(page, testInfo, '项目-右侧');
      // Editing a frozen cell while scrolled: the editor opens over the cell where it is shown.
      // (By the pointer where the cell is shown: a locator's dblclick first scrolls the cell's unstuck place into view.)
      const nameAt = (await page.getByTestId('cell-5-name').boundingBox())!;
      await page.mouse.dblclick(nameAt.x + nameAt.width / 2, nameAt.y + nameAt.height / 2);
      await expect(editor).toHaveValue('政府全会经费');
      expect(await scrollLeftOf(grid), 'still scrolled right').toBeGreaterThan(0);
      const [nameBox, nameEditorBox] = [await page.getByTestId('cell-5-name').boundingBox(), await editor.boundingBox()];
      expect(Math.abs(nameBox!.x - nameEditorBox!.x), 'the editor sits on the frozen 项目名称 cell').toBeLessThan(2);
      await page.keyboard.press('Escape');
      await expect(editor).toHaveCount(0);
      await page.getByTestId('cell-5-note').click();
      await expect(page.getByTestId('cell-5-note')).toHaveClass(/\bact\b/);
      for (let c = projectKeys.length - 2; c >= projectKeys.indexOf('category'); c--) {
        await page.keyboard.press('ArrowLeft');
        const target = page.getByTestId(`cell-5-${projectKeys[c]}`);
        await expect(target).toHaveClass(/\bact\b/);
        await expect.poll(() => shown(grid, target), { message: `${projectKeys[c]} out from under the frozen columns` }).toEqual(whole);
      }
      await attachScreenshot(page, testInfo, '项目-左移');
    });
  });
}

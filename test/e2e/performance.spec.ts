import { expect, test } from './fixtures.js';
import type { Page } from '@playwright/test';

const PROJECT = '政务服务便民热线外包服务';
const GOAL = '保障12345政务服务便民热线全天候运行，及时受理、转办群众诉求，提升政务服务水平。';

/** Indicators typed through the grid: 一级, 二级, 三级, 描述, 指标值 as typed, 依据; shown as `shown`. */
const TYPED = [
  { l1: '产出指标', l2: '数量指标', name: '受理群众来电数量', desc: '全年受理群众来电', value: '≥50000次', shown: '≥50000次数', basis: '年度工作计划' },
  { l1: '产出指标', l2: '质量指标', name: '来电接通率', desc: '来电及时接通的比例', value: '≥100比率', shown: '≥100比率', basis: '行业标准' },
  { l1: '产出指标', l2: '时效指标', name: '工单办结时限', desc: '转办工单办结时间', value: '≤7工作日', shown: '≤7工作日', basis: '上级文件要求' },
  { l1: '产出指标', l2: '成本指标', name: '外包服务成本', desc: '控制在预算金额内', value: '≤630000元', shown: '≤630000元', basis: '计划标准' },
  { l1: '效益指标', l2: '社会效益指标', name: '群众诉求解决率', desc: '群众反映问题得到解决', value: '≥90%', shown: '≥90比率', basis: '历史标准' },
  { l1: '效益指标', l2: '社会效益指标', name: '政务服务水平', desc: '政务服务便民程度', value: '明显提升', shown: '明显提升', basis: '年度工作计划' },
  { l1: '满意度指标', l2: '服务对象满意度指标', name: '来电群众满意度', desc: '回访群众满意程度', value: '≥95%', shown: '≥95比率', basis: '行业标准' },
] as const;

async function createHebeiWorkbook(page: Page, deptName: string): Promise<void> {
  await page.getByTestId('new-workbook').click();
  await page.locator('input[name="deptName"]').fill(deptName);
  await page.locator('input[name="year"]').fill('2025');
  // The 河北 project tables are kept in 元.
  await page.getByRole('combobox', { name: '金额单位' }).click();
  await page.locator('li[data-value="元"]').click();
  await page.getByRole('combobox', { name: '表格套表' }).click();
  await page.locator('li[data-value="hebei-county-project"]').click();
  await page.getByTestId('create-workbook').click();
  // Creating opens the new workbook.
  await expect(page.getByTestId('workbook-title')).toContainText(deptName);
  await page.getByTestId('table-nav-xm-jx').click();
  await expect(page.getByTestId('add-project')).toBeVisible();
}

/** Saves a project field as a clerk does: type, then Enter (Tab for the multi-line goal). */
async function fillField(page: Page, name: string, text: string, leave: 'Enter' | 'Tab' = 'Enter'): Promise<void> {
  const input = page.getByTestId('project-editor').locator(`[name="${name}"]`);
  await input.click();
  await input.fill(text);
  await page.keyboard.press(leave);
  await expect(page.getByTestId('save-status')).toHaveText('已保存');
}

async function typeIndicator(page: Page, i: number, ind: (typeof TYPED)[number]): Promise<void> {
  await page.getByTestId('add-indicator').click();
  await expect(page.getByTestId(`ind-${i}-name`)).toBeFocused();
  await page.getByTestId(`ind-${i}-level1`).selectOption(ind.l1);
  await page.getByTestId(`ind-${i}-level2`).selectOption(ind.l2);
  await page.getByTestId(`ind-${i}-name`).click();
  // Keyboard only from here: Tab moves right through 三级, 描述, 指标值, 依据.
  for (const text of [ind.name, ind.desc, ind.value, ind.basis]) {
    await page.keyboard.type(text);
    await page.keyboard.press('Tab');
  }
  await expect(page.getByTestId(`ind-${i}-value`)).toHaveValue(ind.shown);
}

/**
 * Searches the open 指标库 for one entry and adds it. The click waits for the answer to this search: the list
 * shown before it is replaced when the answer comes, and a click landing during that swap would be lost.
 */
async function clickLibraryAdd(page: Page, name: string, value: string): Promise<void> {
  const dialog = page.getByTestId('library-dialog');
  await dialog.locator('input[name="librarySearch"]').fill(name);
  await expect(dialog.getByTestId('library-results-heading')).toHaveText('搜索结果（1）');
  const entry = dialog.getByTestId('library-entry').filter({ hasText: name });
  await expect(entry).toContainText(value);
  await entry.getByTestId('library-add').click();
}

async function closeLibrary(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('library-dialog')).toBeHidden();
}

async function addFromLibrary(page: Page, name: string, value: string): Promise<void> {
  await clickLibraryAdd(page, name, value);
  await expect(page.getByTestId('notice-message')).toHaveText(`已添加“${name}”`);
  await closeLibrary(page);
}

/**
 * Holds the next call of an API method until release(): to the page, its answer is still on its way. With
 * `stored` the host has already carried it out; without, the request has not reached the host yet.
 */
async function holdNext(page: Page, method: string, stored: boolean): Promise<{ sent: Promise<void>; release(): void }> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let arrived!: () => void;
  const sent = new Promise<void>((resolve) => (arrived = resolve));
  await page.route(
    `**/api/${method}`,
    async (route) => {
      const response = stored ? await route.fetch() : null;
      arrived();
      await released;
      await (response ? route.fulfill({ response }) : route.continue());
    },
    { times: 1 },
  );
  return { sent, release };
}

async function expectIndicators(page: Page, rows: readonly { l1: string; l2: string; name: string; shown: string }[]): Promise<void> {
  await expect(page.locator('[data-testid^="ind-row-"]')).toHaveCount(rows.length);
  for (const [i, r] of rows.entries()) {
    await expect(page.getByTestId(`ind-${i}-level1`)).toHaveValue(r.l1);
    await expect(page.getByTestId(`ind-${i}-level2`)).toHaveValue(r.l2);
    await expect(page.getByTestId(`ind-${i}-name`)).toHaveValue(r.name);
    await expect(page.getByTestId(`ind-${i}-value`)).toHaveValue(r.shown);
  }
}

test('项目绩效目标: project form, typed and library indicators, reload, undo/redo', async ({ page, host, foreignRequests }) => {
  await page.goto(host.url);
  await createHebeiWorkbook(page, '玉田县人民政府办公室');

  await page.getByTestId('add-project').click();
  await expect(page.getByTestId('project-editor')).toBeVisible();
  await fillField(page, 'name', PROJECT);
  await fillField(page, 'code', '130229250000000012345');
  await fillField(page, 'amount', '630000');
  await fillField(page, 'fiscalAmount', '630000');
  await fillField(page, 'plan4', '100');
  await fillField(page, 'goal', GOAL, 'Tab');
  await expect(page.getByTestId('project-item-0')).toContainText(PROJECT);
  await expect(page.getByTestId('project-item-0')).toContainText('630,000.00 元');

  // 二级 choices follow 一级.
  await page.getByTestId('add-indicator').click();
  await page.getByTestId('ind-0-level1').selectOption('满意度指标');
  await expect(page.getByTestId('ind-0-level2').locator('option')).toHaveText(['（请选择）', '服务对象满意度指标']);
  await page.getByTestId('ind-0-level1').selectOption('产出指标');
  await expect(page.getByTestId('ind-0-level2').locator('option')).toHaveText(['（请选择）', '数量指标', '质量指标', '时效指标', '成本指标']);
  await page.getByTestId('ind-delete-0').click();
  await expect(page.locator('[data-testid^="ind-row-"]')).toHaveCount(0);

  for (const [i, ind] of TYPED.entries()) await typeIndicator(page, i, ind);

  // The 8th from the library, suggested by the project's name (热线 → 信息化运维).
  await page.getByTestId('open-library').click();
  await expect(page.getByTestId('library-dialog').getByText(`按项目“${PROJECT}”推荐`)).toBeVisible();
  await addFromLibrary(page, '系统正常运行率', '≥99%');
  const fromLibrary = { l1: '产出指标', l2: '质量指标', name: '系统正常运行率', shown: '≥99比率' };
  const all = [...TYPED.map((t) => ({ l1: t.l1, l2: t.l2, name: t.name, shown: t.shown })), fromLibrary];
  await expectIndicators(page, all);
  await expect(page.getByTestId('save-status')).toHaveText('已保存');
  await page.screenshot({ path: test.info().outputPath('project-editor.png'), fullPage: true });

  // Everything is stored: reload and look again.
  await page.reload();
  await page.getByTestId('table-nav-xm-jx').click();
  await expect(page.getByTestId('project-editor').locator('[name="name"]')).toHaveValue(PROJECT);
  await expect(page.getByTestId('project-editor').locator('[name="amount"]')).toHaveValue('630000');
  await expect(page.getByTestId('project-editor').locator('[name="goal"]')).toHaveValue(GOAL);
  await expect(page.getByTestId('project-editor').locator('[name="planLabel1"]')).toHaveValue('3月底');
  await expectIndicators(page, all);
  await expect(page.getByTestId('ind-1-basis')).toHaveValue('行业标准');

  // Edit one value, undo, redo.
  await page.getByTestId('ind-2-value').click();
  await page.getByTestId('ind-2-value').fill('≤5工作日');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('ind-2-value')).toHaveValue('≤5工作日');
  await expect(page.getByTestId('save-status')).toHaveText('已保存');
  await page.getByTestId('undo').click();
  await expect(page.getByTestId('ind-2-value')).toHaveValue('≤7工作日');
  await page.getByTestId('redo').click();
  await expect(page.getByTestId('ind-2-value')).toHaveValue('≤5工作日');
  await page.getByTestId('undo').click();
  await expect(page.getByTestId('ind-2-value')).toHaveValue('≤7工作日');

  // Quality check points at rows; clicking a finding selects that row.
  await page.mouse.move(700, 600); // away from the undo/redo tooltips
  await page.getByTestId('run-lint').click();
  await expect(page.getByTestId('lint-panel')).toBeVisible();
  const finding = page.getByTestId('lint-finding').filter({ hasText: '没有填写资金用途' });
  await expect(finding).toContainText(`项目“${PROJECT}”`);
  await finding.click();
  await expect(page.getByTestId('project-editor').locator('textarea[name="purpose"]')).toBeFocused();
  expect(foreignRequests).toEqual([]);
});

test('指标库: 添加 clicked while an edit is being saved, and an edit typed while the addition is being saved, are both kept', async ({ page, host }) => {
  await page.goto(host.url);
  await createHebeiWorkbook(page, '玉田县人民政府办公室');
  await page.getByTestId('add-project').click();
  await fillField(page, 'name', PROJECT);
  await page.getByTestId('add-indicator').click();
  await expect(page.getByTestId('ind-0-name')).toBeFocused();
  await page.keyboard.type('受理群众来电数量');

  // The typed name is on its way to the host (held before it arrives) when 添加 is clicked: the addition waits
  // its turn and lands after it.
  const edit = await holdNext(page, 'workbook.change', false);
  await page.keyboard.press('Tab');
  await edit.sent;
  await expect(page.getByTestId('save-status')).toHaveText('保存中…');
  await page.getByTestId('open-library').click();
  await clickLibraryAdd(page, '系统正常运行率', '≥99%');
  edit.release();
  await expect(page.getByTestId('notice-message')).toHaveText('已添加“系统正常运行率”');
  await closeLibrary(page);
  await expect(page.locator('[data-testid^="ind-row-"]')).toHaveCount(2);
  await expect(page.getByTestId('ind-0-name')).toHaveValue('受理群众来电数量');
  await expect(page.getByTestId('ind-1-name')).toHaveValue('系统正常运行率');

  // The next addition is stored by the host but its answer is held, while the clerk types 依据 in row 1: the
  // edit waits for the addition instead of being refused as a conflict.
  const addition = await holdNext(page, 'perf.indicators.paste', true);
  await page.getByTestId('open-library').click();
  await clickLibraryAdd(page, '故障响应时间', '≤2小时');
  await addition.sent;
  await closeLibrary(page);
  await page.getByTestId('ind-0-basis').click();
  await page.keyboard.type('年度工作计划');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('save-status')).toHaveText('保存中…');
  addition.release();
  await expect(page.locator('[data-testid^="ind-row-"]')).toHaveCount(3);
  await expect(page.getByTestId('save-status')).toHaveText('已保存');
  await expect(page.getByTestId('ind-0-basis')).toHaveValue('年度工作计划');
  await expect(page.getByTestId('error-message')).toHaveCount(0);

  // All of it is stored, in order.
  await page.reload();
  await page.getByTestId('table-nav-xm-jx').click();
  await expect(page.locator('[data-testid^="ind-row-"]')).toHaveCount(3);
  await expect(page.getByTestId('ind-0-name')).toHaveValue('受理群众来电数量');
  await expect(page.getByTestId('ind-0-basis')).toHaveValue('年度工作计划');
  await expect(page.getByTestId('ind-1-name')).toHaveValue('系统正常运行率');
  await expect(page.getByTestId('ind-2-name')).toHaveValue('故障响应时间');
});

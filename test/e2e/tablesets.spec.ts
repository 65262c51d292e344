import { fileURLToPath } from 'node:url';
import { Core } from '../../electron/core/core.js';
import { createShanghaiWorkbook, SHANGHAI_SETS } from '../fixtures/shanghai/unit.js';
import { expect, test } from './fixtures.js';

const DEPT = '上海市某区农业技术推广中心';
const SET_FILE = fileURLToPath(new URL(`../../tablesets/shanghai/${SHANGHAI_SETS.unit}.json`, import.meta.url));

/** The Shanghai 单位 set's tables, by id, with their titles for the fixture's 2024 workbook. */
const SHANGHAI_TABLES: [string, string][] = [
  ['szzb', '2024年预算单位财务收支预算总表'],
  ['srzb', '2024年预算单位收入预算总表'],
  ['zczb', '2024年预算单位支出预算总表'],
  ['czbk-szzb', '2024年预算单位财政拨款收支预算总表'],
  ['ybgg-zc', '2024年预算单位一般公共预算支出功能分类预算表'],
  ['zfxjj-zc', '2024年预算单位政府性基金预算支出功能分类预算表'],
  ['gyzb-zc', '2024年预算单位国有资本经营预算支出功能分类预算表'],
  ['ybgg-jbzc', '2024年预算单位一般公共预算基本支出部门预算经济分类预算表'],
  ['sgjf', '2024年预算单位“三公”经费和机关运行经费预算表'],
];

test('工作簿信息: import the Shanghai 单位 set file, switch the workbook from hunan-2020 to it, and see T1–T9 derived', async ({ page, host }) => {
  // The 事业单位's facts, entered through the core into the host's library on the 湖南 2020 set.
  const core = new Core({ dataDir: host.dataDir, host: 'test' });
  try {
    await createShanghaiWorkbook(core, 'hunan-2020');
  } finally {
    core.closeAll();
  }

  await page.goto(host.url);
  await page.getByTestId('workbook-item').filter({ hasText: DEPT }).click();
  await expect(page.getByTestId('workbook-title')).toContainText(DEPT);
  await expect(page.getByTestId('table-nav-zhgl-zc')).toBeVisible();

  await page.getByTestId('edit-meta').click();
  const setField = page.getByRole('combobox', { name: '表格套表' });
  await expect(setField).toContainText('湖南 2020');
  await page.locator('input[name="tableSetFile"]').fill(SET_FILE);
  await page.getByTestId('import-tableset').click();
  await expect(page.getByTestId('tableset-message')).toHaveText('已导入“上海市区级 单位预算公开（9张表）”（9 张表），并选为本工作簿的表格套表。');
  await expect(setField).toContainText('上海市区级 单位预算公开（9张表）');
  await page.getByTestId('save-meta').click();
  await expect(page.getByTestId('save-status')).toHaveText('已保存');

  // The side list follows the set: the 湖南 tables are gone, the Shanghai nine are there.
  await expect(page.getByTestId('table-nav-zhgl-zc')).toHaveCount(0);
  for (const [id, title] of SHANGHAI_TABLES) {
    await page.getByTestId(`table-nav-${id}`).click();
    await expect(page.getByTestId('table-title')).toHaveText(title);
    await expect(page.getByTestId('derived-problem')).toHaveCount(0);
  }

  // The facts stayed: T1 and T4 differ by exactly the 事业收入 (300,000 元).
  await page.getByTestId('table-nav-szzb').click();
  await expect(page.getByTestId('dcell-total-incomeAmount')).toHaveText('1,300,000.00');
  await expect(page.getByTestId('dcell-i-business|f205-incomeAmount')).toHaveText('300,000.00');
  await page.getByTestId('table-nav-czbk-szzb').click();
  await expect(page.getByTestId('dcell-total-incomeAmount')).toHaveText('1,000,000.00');
  // T6: no 政府性基金, so 12 blank rows, 合计 and the note.
  await page.getByTestId('table-nav-zfxjj-zc').click();
  await expect(page.getByTestId('drow-blank:12')).toBeVisible();
  await expect(page.getByTestId('empty-note')).toHaveText('注：本单位2024年无政府性基金财政拨款安排的预算，故本表为空表。');
  // T9 in 万元: 公务用车运行费 3.00, no 机关运行经费 for a 事业单位.
  await page.getByTestId('table-nav-sgjf').click();
  await expect(page.getByTestId('dcell-budget-vehicleRunning')).toHaveText('3.00');
  await expect(page.getByTestId('dcell-budget-operating')).toHaveText('');
  await page.screenshot({ path: test.info().outputPath('shanghai-t9.png') });

  // Undo switches the workbook back to 湖南 2020.
  await page.getByTestId('undo').click();
  await expect(page.getByTestId('table-nav-zhgl-zc')).toBeVisible();
});

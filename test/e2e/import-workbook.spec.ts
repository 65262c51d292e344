import path from 'node:path';
import { Core } from '../../electron/core/core.js';
import { callOk } from '../helpers/core.js';
import { makeTempDir, removeTempDir } from '../helpers/temp.js';
import { createSeed001Workbook, seed001Facts } from '../fixtures/seed001/load.js';
import { cell, expect, test } from './fixtures.js';

// Last year's workbook and its JSON export (seed 001's facts, typed from the seed text), made once.
let dir = '';
let workbook = '';
let json = '';

test.beforeAll(async () => {
  dir = makeTempDir('bd-e2e-import-wb-');
  const core = new Core({ dataDir: path.join(dir, 'data'), host: 'test' });
  workbook = await createSeed001Workbook(core);
  json = path.join(dir, '2020年工作簿.json');
  await callOk(core, 'workbook.exportJson', { path: workbook, out: json });
  core.closeAll();
});

test.afterAll(() => removeTempDir(dir));

test('the wizard previews a workbook and its JSON, and imports the workbook into 2021 with its amounts as 上年预算数', async ({ page, host }) => {
  const dept = seed001Facts().meta.deptName;
  await page.goto(host.url);
  await page.getByTestId('import-file').click();
  const wizard = page.getByTestId('import-wizard');

  await wizard.locator('input[name="importPath"]').fill(json);
  await wizard.getByTestId('import-read').click();
  await expect(wizard.getByTestId('preview-file')).toContainText('工作簿 JSON 交换文件');
  await expect(wizard.getByTestId('preview-dept')).toContainText(dept);
  await expect(wizard.getByTestId('preview-year')).toContainText('2020 年');
  await expect(wizard.getByTestId('preview-set')).toContainText('湖南 2020 部门预算公开');
  await expect(wizard.getByTestId('preview-all-recognised')).toBeVisible();
  const lines = wizard.getByTestId('preview-table').filter({ hasText: '支出预算明细' });
  await expect(lines).toContainText(`${seed001Facts().tables['fact-lines']!.length} 行`);
  await expect(lines).toContainText('录入数据表');

  await wizard.getByTestId('import-back').click();
  await wizard.locator('input[name="importPath"]').fill(workbook);
  await wizard.getByTestId('import-read').click();
  await expect(wizard.getByTestId('preview-file')).toContainText('预算编报台工作簿');
  await wizard.getByTestId('import-next').click();
  await expect(wizard.locator('input[name="importYear"]')).toHaveValue('2021');
  await expect(wizard.getByTestId('import-shift-note')).toContainText('上年预算数');
  await wizard.getByTestId('import-run').click();
  await expect(wizard.getByTestId('import-done')).toContainText('已新建工作簿');
  await wizard.getByTestId('import-open').click();

  await expect(page.getByTestId('workbook-title')).toHaveText(`${dept} · 2021年`);
  // Seed 001 收入总计 508.93 (万元) is 2021's 上年预算数; 2021's own amount is empty until entered.
  await page.getByTestId('table-nav-fact-income').click();
  await expect(cell(page, 0, 'prevAmount')).toHaveText('508.93');
  await expect(cell(page, 0, 'amount')).toHaveText('');
});

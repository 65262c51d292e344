import type { Page } from '@playwright/test';
import { descendants, parseXml, textOf, zipPart } from '../render/ooxml.js';
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

test('说明: a rewritten sentence is kept when the figure changes, and flagged, and a finding marks it', async ({ page, host }) => {
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

// Seed 001's 职能职责 (第一部分 一): duties typed, one with a phrase the clerk sets in bold, one pasted from Word.
const DUTY1 = '（一）协助区政府领导组织起草和审核以区政府、区政府办公室名义发布的文件，起草区政府领导讲话材料。';
const DUTY3 = '（三）负责区政府会务工作，协助区政府领导组织实施会议决定的事项。';
const BOLD3 = '区政府会务工作';
const DUTY9 = '（九）负责全区优化经济发展环境工作有关职责。';
const BOLD9 = '优化经济发展环境';
const DUTY10 = '（十）负责推进、指导、协调、监督全区政府信息公开工作。';
const BOLD10 = '政府信息公开';
/** What Word puts on the clipboard for 第十 duty with its phrase in bold: styles, classes, <o:p>, a style block. */
const WORD_HTML =
  '<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><style>p.MsoNormal{font-family:仿宋_GB2312;}</style></head><body>' +
  '<!--StartFragment--><p class=MsoNormal style="text-indent:32.0pt;line-height:28.0pt"><span style="font-family:仿宋_GB2312;color:#333">（十）负责推进、指导、协调、监督全区</span>' +
  '<b><span style="font-family:仿宋_GB2312;color:red">政府信息公开</span></b><span style="font-size:16.0pt">工作。</span><o:p>&nbsp;</o:p></p><!--EndFragment--></body></html>';

test('职能职责 in the rich-text editor: paragraphs and bold kept, a Word paste cleaned, undo/redo through the workbook, bold runs in the .docx', async ({ page, host }) => {
  await page.goto(host.url);
  await createWorkbookInSet(page, facts.meta.deptName, 2020, /^湖南 2020/);
  await page.getByTestId('table-nav-narrative').click();
  const duties = page.getByTestId('section-text-duties');
  await expect(duties).toContainText('本部门主要职责是：待填写');
  // The .docx body style (BdBody): 三号 (16 pt), exact 28 pt lines, a two-character (32 pt) first-line indent.
  await expect(duties).toHaveCSS('font-size', '21.3333px');
  await expect(duties).toHaveCSS('line-height', '37.3333px');
  await expect(duties).toHaveCSS('text-indent', '42.6667px');

  // The template's 待填写 is a 审核 error; its finding marks the sentence in the editor.
  await page.getByTestId('checks-toggle').click();
  const placeholder = page.locator('[data-testid="check-finding"][data-rule="text.placeholder"]').filter({ hasText: '职责' }).first();
  await placeholder.getByTestId('check-finding-open').click();
  await expect(duties.locator('[data-marked="true"]')).toContainText('待填写');
  await expect(duties.locator('[data-marked="true"]')).toBeInViewport();
  await page.getByTestId('checks-toggle').click();

  // Two paragraphs typed over the template's words; the phrase chosen with the keyboard and set in bold (Ctrl+B).
  await duties.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(DUTY1);
  await page.keyboard.press('Enter');
  await page.keyboard.insertText(DUTY3);
  const after = DUTY3.length - DUTY3.indexOf(BOLD3) - BOLD3.length;
  for (let i = 0; i < after; i += 1) await page.keyboard.press('ArrowLeft');
  for (let i = 0; i < BOLD3.length; i += 1) await page.keyboard.press('Shift+ArrowLeft');
  await page.keyboard.press('Control+B');
  await expect(duties.locator('b')).toHaveText(BOLD3);
  await expect(duties.locator('p')).toHaveText([DUTY1, DUTY3]);
  // Leaving the editor saves.
  await page.getByTestId('narrative-section-duties').locator('h3').click();
  await expect(page.getByTestId('save-status')).toHaveText('已保存');

  await page.reload();
  await expect(duties.locator('p')).toHaveText([DUTY1, DUTY3]);
  await expect(duties.locator('b')).toHaveText(BOLD3);
  await expect(duties.locator('b')).toHaveCSS('font-weight', '700');

  // A third paragraph, bold switched on and off at the caret with the toolbar's 加粗 while typing.
  await duties.locator('p').last().click();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await page.keyboard.insertText(DUTY9.slice(0, DUTY9.indexOf(BOLD9)));
  await page.getByTestId('section-text-duties-bold').click();
  await page.keyboard.insertText(BOLD9);
  await page.getByTestId('section-text-duties-bold').click();
  await page.keyboard.insertText(DUTY9.slice(DUTY9.indexOf(BOLD9) + BOLD9.length));
  await page.getByTestId('narrative-section-duties').locator('h3').click();
  await expect(page.getByTestId('save-status')).toHaveText('已保存');
  await expect(duties.locator('p')).toHaveText([DUTY1, DUTY3, DUTY9]);
  await expect(duties.locator('b')).toHaveText([BOLD3, BOLD9]);

  // The last change: a paragraph pasted from Word, saved at once as clean text with its bold.
  await duties.locator('p').last().click();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await duties.evaluate((el, html) => {
    const data = new DataTransfer();
    data.setData('text/html', html);
    data.setData('text/plain', '（十）负责推进、指导、协调、监督全区政府信息公开工作。');
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, WORD_HTML);
  await expect(duties.locator('p')).toHaveText([DUTY1, DUTY3, DUTY9, DUTY10]);
  await expect(duties.locator('b')).toHaveText([BOLD3, BOLD9, BOLD10]);
  await expect(duties.locator('[style], [class], span:not([data-sentence])')).toHaveCount(0);

  // Ctrl+Z in the editor undoes it through the workbook; the 重做 button brings it back.
  await page.keyboard.press('Control+Z');
  await expect(duties.locator('p')).toHaveText([DUTY1, DUTY3, DUTY9]);
  await expect(page.getByTestId('redo')).toBeEnabled();
  await page.getByTestId('redo').click();
  await expect(duties.locator('p')).toHaveText([DUTY1, DUTY3, DUTY9, DUTY10]);
  await expect(page.getByTestId('save-status')).toHaveText('已保存');
  await page.reload();
  await expect(duties.locator('p')).toHaveText([DUTY1, DUTY3, DUTY9, DUTY10]);
  await expect(duties.locator('b')).toHaveText([BOLD3, BOLD9, BOLD10]);

  // The print preview shows the bold in the same body style.
  await page.getByTestId('open-print-preview').click();
  const preview = page.getByTestId('print-preview');
  await expect(preview.getByTestId('preview-page-count')).toContainText(/共 \d+ 页/);
  await expect(preview.locator('.bd-sheet b')).toHaveText([BOLD3, BOLD9, BOLD10]);
  const printed = preview.locator('.bd-sheet .bd-paragraph').filter({ hasText: BOLD3 });
  await expect(printed).toHaveText(DUTY3);
  await expect(printed).toHaveCSS('text-indent', '42.6667px');
  await expect(printed).toHaveCSS('line-height', '37.3333px');
  await page.keyboard.press('Escape');
  await expect(preview).toBeHidden();

  // The .docx: the phrases are bold runs of their paragraphs, the rest of the text is not bold.
  await page.getByTestId('open-export').click();
  const dialog = page.getByTestId('export-dialog');
  await dialog.getByTestId('export-run').click();
  await expect(dialog.getByTestId('export-done')).toBeVisible();
  const docx = await dialog.getByTestId('export-done-path').locator('input').inputValue();
  const paragraphs = [...descendants(parseXml(zipPart(docx, 'word/document.xml')), 'w:p')];
  const runsOf = (text: string) => {
    const p = paragraphs.find((x) => textOf(x) === text);
    expect(p, text).toBeDefined();
    return [...descendants(p!, 'w:r')].map((r) => ({ text: textOf(r), bold: [...descendants(r, 'w:b')].length > 0 }));
  };
  const split = (text: string, bold: string) => {
    const at = text.indexOf(bold);
    return [
      { text: text.slice(0, at), bold: false },
      { text: bold, bold: true },
      { text: text.slice(at + bold.length), bold: false },
    ];
  };
  expect(runsOf(DUTY1)).toEqual([{ text: DUTY1, bold: false }]);
  expect(runsOf(DUTY3)).toEqual(split(DUTY3, BOLD3));
  expect(runsOf(DUTY9)).toEqual(split(DUTY9, BOLD9));
  expect(runsOf(DUTY10)).toEqual(split(DUTY10, BOLD10));
});

import { afterAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core.js';
import { rulesFor, runRule } from '../../shared/checks/engine.js';
import type { CheckFinding } from '../../shared/checks/rule.js';
import { importedNarrativeEdits, NARRATIVE_TABLE } from '../../shared/narrative/store.js';
import { TableSetRegistry } from '../../shared/tables/registry.js';
import { createSeed001Workbook } from '../fixtures/seed001/load.js';
import { callOk, makeCore } from '../helpers/core.js';

/**
 * The text checks of the 说明, each with text that passes and text that fails, on seed 001's workbook.
 * The sentences are the seed's own (第一部分), rewritten where a test needs the defect.
 */

const registry = new TableSetRegistry();
const template = registry.get('hunan-2020')!.narrative!;
let core: Core;
const cores: Core[] = [];

/** Seed 001's workbook in a core of its own (one library file name per core). */
async function seedWorkbook(): Promise<string> {
  core = makeCore();
  cores.push(core);
  return createSeed001Workbook(core);
}
afterAll(() => cores.forEach((c) => c.closeAll()));

const findings = (file: string, id: string): CheckFinding[] => {
  const rule = rulesFor(registry.get('hunan-2020')).find((r) => r.id === id)!;
  return runRule(rule, core.checks.context(core.workbook(file)));
};
const sentence = (file: string, key: string, text: string) => callOk(core, 'narrative.setSentence', { path: file, key, text });
const section = (file: string, key: string, text: string) => callOk(core, 'narrative.setSection', { path: file, section: key, text });
const sentenceText = async (file: string, key: string) => {
  const v = await callOk(core, 'narrative.get', { path: file });
  return v!.sections.flatMap((s) => s.paragraphs.flatMap((p) => p.sentences)).find((s) => s.key === key)!;
};

describe('text.amount: every figure of the text equals the data', () => {
  it('a rewritten sentence keeps its words and is checked; its figures no longer follow the data', async () => {
    const file = await seedWorkbook();
    expect(findings(file, 'text.amount')).toEqual([]);
    // The seed's own wording of 四（三）, with its figures.
    await sentence(file, 'overall/change#0', '（三）预算收支增减变化情况说明：2020 年度本单位年初预算数为 508.93 万元，比上年增加 0.17 万元，基本持平。');
    expect(findings(file, 'text.amount')).toEqual([]);
    // The income changes: the generated sentences follow, the rewritten one stays as written and is flagged.
    const income = (await callOk(core, 'workbook.rows', { path: file, tableId: 'fact-income' })).rows[0]!;
    await callOk(core, 'workbook.change', { path: file, change: { edits: [{ kind: 'setCells', tableId: 'fact-income', cells: [{ rowId: income.id, col: 'amount', text: '510' }] }] } });
    expect((await sentenceText(file, 'overall/income#0')).text).toContain('年初预算数 510 万元');
    const kept = await sentenceText(file, 'overall/change#0');
    expect(kept).toMatchObject({ edited: true, text: '（三）预算收支增减变化情况说明：2020 年度本单位年初预算数为 508.93 万元，比上年增加 0.17 万元，基本持平。' });
    expect(kept.generated).toContain('年初预算数为 510 万元，比上年增加 1.24 万元');
    const found = findings(file, 'text.amount');
    expect(found.map((f) => [f.sentence, f.expected, f.actual, f.difference])).toEqual([
      ['overall/change#0', '510 万元', '508.93 万元', '1.07 万元'],
      ['overall/change#0', '增加 1.24 万元', '增加 0.17 万元', '1.07 万元'],
    ]);
    expect(found[0]!.message).toMatch(/^四、部门收支总体情况：“（三）预算收支增减变化情况说明：2020 年度本单位.*”中“本单位年初预算数为”写作“508.93万元”，按数据应为“510 万元”，相差 1.07 万元。$/);
    expect(found[0]).toMatchObject({ table: 'narrative', row: 'overall/change#0', severity: '错误' });
  });

  it('a project’s amount in an imported section is checked against the project', async () => {
    const file = await seedWorkbook();
    const edits = importedNarrativeEdits(template, [
      { heading: '五、一般公共预算拨款支出预算', paragraphs: ['（二）项目支出', '（1）值班工作经费专项 4 万元。主要用于组织、审核知会 APP 的使用工作。', '（2）政府办党组工作经费专项 12 万元。'] },
    ]);
    await callOk(core, 'workbook.change', { path: file, change: { edits } });
    expect(findings(file, 'text.amount').map((f) => [f.expected, f.actual])).toEqual([['10 万元', '12 万元']]);
  });
});

describe('text.parts-change: a total’s change equals its parts’ changes', () => {
  const text = (total: string) =>
    `“三公”经费预算数增减变动说明：2020 年“三公”经费预算数比 2019 年预算数减少 ${total} 万元，主要原因是厉行节约。其中：公务接待费 5.34 万元，比上年预算数减少 6.65 万元；因公出国费 0 万元，跟上年持平；公务用车购置及运行维护费本年预算 0 万元，上年预算数 8 万元。`;

  it('without last year’s 三公 figures in the data, the text’s own parts must add up', async () => {
    const file = await seedWorkbook();
    const info = (await callOk(core, 'workbook.rows', { path: file, tableId: 'fact-info' })).rows;
    const prev = info.filter((r) => r.id.startsWith('info-threePublicPrev'));
    await callOk(core, 'workbook.change', { path: file, change: { edits: [{ kind: 'setCells', tableId: 'fact-info', cells: prev.map((r) => ({ rowId: r.id, col: 'amount', text: '' })) }] } });
    await section(file, 'other', text('3.65'));
    expect(findings(file, 'text.parts-change').map((f) => [f.expected, f.actual, f.difference])).toEqual([['减少 14.65 万元', '减少 3.65 万元', '11 万元']]);
    await section(file, 'other', text('14.65'));
    expect(findings(file, 'text.parts-change')).toEqual([]);
  });
});

describe('text.reason: 增加/减少 needs a 主要原因, 持平 none', () => {
  it('flags a change without a reason and one whose reason is still 待填写', async () => {
    const file = await seedWorkbook();
    expect(findings(file, 'text.reason')).toEqual([]);
    await callOk(core, 'narrative.setReason', { path: file, key: 'other/threePublicChange#0', field: 'threePublicChange', text: '' });
    const open = findings(file, 'text.reason');
    expect(open.map((f) => f.sentence)).toEqual(['other/threePublicChange#0']);
    expect(open[0]!.message).toMatch(/的主要原因还是“待填写”，请写明减少的主要原因。$/);
    await sentence(file, 'other/operating#0', '（一）机关运行经费：本部门 2020 年年初预算机关运行经费(一般商品和服务支出)共安排 69.04 万元，比上年度预算减少 2.59 万元。');
    expect(findings(file, 'text.reason').find((f) => f.sentence === 'other/operating#0')!.message).toContain('写了减少，但没有说明主要原因');
    // The seed's sentences: a reason given; 基本持平 needs none.
    await sentence(file, 'other/operating#0', '（一）机关运行经费：本部门 2020 年年初预算机关运行经费(一般商品和服务支出)共安排 69.04 万元，比上年度预算减少 2.59 万元，减少的主要原因是：牢固树立过“紧日子”思想，严格执行增收节支等相关规定等。');
    await sentence(file, 'overall/change#0', '（三）预算收支增减变化情况说明：2020 年度本单位年初预算数为 508.93 万元，比上年增加 0.17 万元，基本持平。');
    expect(findings(file, 'text.reason').map((f) => f.sentence)).toEqual(['other/threePublicChange#0']);
    // 持平 needs none.
    await callOk(core, 'narrative.setReason', { path: file, key: 'other/threePublicChange#0', field: 'threePublicChange', text: '厉行节约' });
    await sentence(file, 'overall/change#0', '（三）预算收支增减变化情况说明：2020 年度本单位年初预算数为 508.93 万元，与上年持平。');
    expect(findings(file, 'text.reason')).toEqual([]);
  });
});

describe('text.unit-yuan: 元 where 万元 is meant', () => {
  it('flags “69.04 元” in a 万元 说明, not “69.04 万元”', async () => {
    const file = await seedWorkbook();
    await sentence(file, 'other/operating#0', '（一）机关运行经费：本部门2020年年初预算机关运行经费共安排 69.04 元，比上年度预算减少 2.59 万元，主要原因是厉行节约。');
    const found = findings(file, 'text.unit-yuan');
    expect(found.map((f) => [f.sentence, f.expected, f.actual])).toEqual([['other/operating#0', '69.04 万元', '69.04元']]);
    expect(findings(file, 'text.amount')).toEqual([]);
    await sentence(file, 'other/operating#0', '（一）机关运行经费：本部门2020年年初预算机关运行经费共安排 69.04 万元，比上年度预算减少 2.59 万元，主要原因是厉行节约。');
    expect(findings(file, 'text.unit-yuan')).toEqual([]);
  });

  it('in text that matches no template sentence, a decimal 元 figure is flagged', async () => {
    const file = await seedWorkbook();
    await section(file, 'terms', '（四）其他说明：本年追加经费 12.5 元。');
    expect(findings(file, 'text.unit-yuan').map((f) => f.actual)).toEqual(['12.5元']);
  });
});

describe('text.repeat: a word or phrase typed twice', () => {
  it('flags “主要是主要包括” (seed 001’s 会议费 sentence) and passes the sentence without it', async () => {
    const file = await seedWorkbook();
    const seedSentence = '2020 年预算安排会议费 12.7 万元，主要是主要包括区政府全会（参会人员约 400 人）。';
    await sentence(file, 'other/meeting#0', seedSentence);
    expect(findings(file, 'text.repeat').map((f) => [f.sentence, f.actual, f.severity])).toEqual([['other/meeting#0', '主要是主要', '提示']]);
    await sentence(file, 'other/meeting#0', seedSentence.replace('主要是主要包括', '主要包括'));
    expect(findings(file, 'text.repeat')).toEqual([]);
  });
});

describe('text.stale-year: last year’s text left with its year', () => {
  it('flags “2019年年初预算数” in a 2020 说明; “比2019年预算数” and “截止2019年12月31日” pass', async () => {
    const file = await seedWorkbook();
    expect(findings(file, 'text.stale-year')).toEqual([]);
    await sentence(file, 'overall/income#0', '（一）收入预算：2019 年年初预算数 508.93 万元，其中，一般公共预算拨款 508.93 万元；政府性基金拨款 0 万元；财政专户管理的非税收入拨款 0 万元；其他收入 0 万元；上年结转 0 万元。');
    expect(findings(file, 'text.stale-year').map((f) => [f.sentence, f.expected, f.actual])).toEqual([['overall/income#0', '2020', '2019']]);
  });
});

describe('text.dept-name: the department as on the cover', () => {
  it('flags a name one or two characters off the cover’s; the full name and other bodies pass', async () => {
    const file = await seedWorkbook();
    await section(file, 'organisation', '本部门共有编制人数 27 人（含经济研究中心），实有人数 26 人。株洲市石峰区人民政府办公室是石峰区人民政府主管政府工作的正科级行政机关。');
    await section(file, 'duties', '根据中共株洲市石峰区委办公室、株洲市石峰区人民政府办公室关于印发《职能配置、内设机构和人员编制规定》的通知，本部门主要职责是：');
    expect(findings(file, 'text.dept-name')).toEqual([]);
    await section(file, 'organisation', '本部门共有编制人数 27 人，实有人数 26 人。株洲市石峰区政府办公室是石峰区人民政府主管政府工作的正科级行政机关。');
    expect(findings(file, 'text.dept-name').map((f) => [f.sentence, f.actual, f.expected])).toEqual([['organisation/p1#1', '株洲市石峰区政府办公室', '株洲市石峰区人民政府办公室']]);
  });
});

describe('text.placeholder: no 待填写, XX, ××, 某某 … in the 说明 as published', () => {
  const placeholders = (file: string) => findings(file, 'text.placeholder').map((f) => [f.severity, f.sentence, f.actual, f.message]);

  it('seed 001 as written (its 职能职责 and 基本情况 entered) has none', async () => {
    const file = await seedWorkbook();
    expect(findings(file, 'text.placeholder')).toEqual([]);
  });

  it('a 职能职责 never written prints the template’s 待填写: an error on that sentence, saying to write the section', async () => {
    const file = await seedWorkbook();
    const rows = (await callOk(core, 'workbook.rows', { path: file, tableId: NARRATIVE_TABLE })).rows;
    await callOk(core, 'workbook.change', { path: file, change: { edits: [{ kind: 'deleteRows', tableId: NARRATIVE_TABLE, rowIds: rows.filter((r) => r.cells.key === 'sec:duties').map((r) => r.id) }] } });
    const found = findings(file, 'text.placeholder');
    expect(placeholders(file)).toEqual([
      ['错误', 'duties/p1#0', '待填写', '一、部门职能职责：“本部门主要职责是：待填写（按本部门“三定”规定逐条列出）。”是模板中的占位文字，本节尚未填写。请在说明页写明“部门职能职责”的内容后再公开。'],
    ]);
    expect(found[0]!.cells).toEqual([{ table: 'narrative', row: 'duties/p1#0', column: null }]);
    expect(found[0]!.table).toBe('narrative');
  });

  it('a generated sentence whose data is missing prints 待填写: the error names the place and says to enter the data', async () => {
    const file = await seedWorkbook();
    await callOk(core, 'workbook.change', { path: file, change: { edits: [{ kind: 'setCells', tableId: 'fact-info', cells: [{ rowId: 'info-assetDate', col: 'text', text: '' }] }] } });
    const found = findings(file, 'text.placeholder');
    expect(found.map((f) => [f.severity, f.sentence, f.actual])).toEqual([['错误', 'other/assets#0', '待填写']]);
    expect(found[0]!.message).toMatch(/^七、其他重要事项情况说明：“（三）国有资产占有情况：截止待填写，.*”中“截止待填写”处的数据尚未录入，公开的说明会印出“待填写”。请在基本情况或预算数据中录入，或在说明页改写这句话。$/);
  });

  it('written or imported text keeps XX, ××, 某某 or “（此处填写…）”: one error per sentence and placeholder', async () => {
    const file = await seedWorkbook();
    await sentence(file, 'units/own#0', '2020年部门预算编报范围是XX预算（某某单位）。');
    await section(file, 'duties', '（一）负责××工作。\n（二）（此处填写其他职责）。');
    expect(placeholders(file).map(([severity, key, text]) => [severity, key, text])).toEqual([
      ['错误', 'duties/p1#0', '××'],
      ['错误', 'duties/p2#0', '此处填写'],
      ['错误', 'units/own#0', 'XX'],
      ['错误', 'units/own#0', '某某'],
    ]);
    expect(findings(file, 'text.placeholder').find((f) => f.actual === 'XX')!.message).toBe('三、部门预算单位构成：“2020年部门预算编报范围是XX预算（某某单位）。”中仍有占位内容“XX”。请在说明页改为实际内容后再公开。');
  });

  it('a 主要原因 still 待填写 is text.reason’s (需说明), not reported again', async () => {
    const file = await seedWorkbook();
    await callOk(core, 'narrative.setReason', { path: file, key: 'other/threePublicChange#0', field: 'threePublicChange', text: '' });
    expect((await sentenceText(file, 'other/threePublicChange#0')).text).toContain('主要原因是：待填写');
    expect(findings(file, 'text.reason').map((f) => [f.severity, f.sentence])).toEqual([['需说明', 'other/threePublicChange#0']]);
    expect(findings(file, 'text.placeholder')).toEqual([]);
  });
});

describe('what the clerk writes goes through the commit path', () => {
  it('a rewritten sentence and a free section undo and redo; written back as generated, a sentence follows the data again', async () => {
    const file = await seedWorkbook();
    const generated = (await sentenceText(file, 'units/own#0')).text;
    await sentence(file, 'units/own#0', '2020年部门预算编报范围是本级预算。');
    expect((await sentenceText(file, 'units/own#0')).edited).toBe(true);
    await callOk(core, 'workbook.undo', { path: file });
    expect(await sentenceText(file, 'units/own#0')).toMatchObject({ edited: false, text: generated });
    await callOk(core, 'workbook.redo', { path: file });
    expect((await sentenceText(file, 'units/own#0')).text).toBe('2020年部门预算编报范围是本级预算。');
    await sentence(file, 'units/own#0', generated);
    expect((await callOk(core, 'workbook.rows', { path: file, tableId: NARRATIVE_TABLE })).rows.filter((r) => r.cells.key!.startsWith('s:'))).toEqual([]);

    await section(file, 'duties', '（一）协助区政府领导组织起草和审核文件。\n（二）负责区政府会务工作。');
    let v = await callOk(core, 'narrative.get', { path: file });
    expect(v!.sections[0]!.paragraphs.map((p) => p.sentences.map((s) => s.text).join(''))).toEqual(['（一）协助区政府领导组织起草和审核文件。', '（二）负责区政府会务工作。']);
    await callOk(core, 'workbook.undo', { path: file });
    v = await callOk(core, 'narrative.get', { path: file });
    // Back to the 职能职责 the fixture wrote (seed 001's 13 paragraphs).
    expect(v!.sections[0]!.paragraphs).toHaveLength(13);
    expect(v!.sections[0]!.paragraphs[1]!.sentences[0]!.text).toBe('（一）协助区政府领导组织起草和审核以区政府、区政府办公室名义发布的文件，起草区政府领导讲话材料。');
  });

  it('reset forgets rewritten sentences of a section; an unknown sentence is refused', async () => {
    const file = await seedWorkbook();
    await sentence(file, 'fund/none#0', '本部门没有政府性基金。');
    await callOk(core, 'narrative.reset', { path: file, section: 'fund' });
    expect((await sentenceText(file, 'fund/none#0')).edited).toBe(false);
    const bad = await core.call('narrative.setSentence', { path: file, key: 'fund/nope#0', text: 'x' });
    expect(bad.ok ? null : bad.error.code).toBe('NOT_FOUND');
  });
});

describe('importedNarrativeEdits (for the importer)', () => {
  it('puts known sections in their place and keeps an unknown one under its own heading', async () => {
    const file = await seedWorkbook();
    const existing = (await callOk(core, 'workbook.rows', { path: file, tableId: NARRATIVE_TABLE })).rows;
    const edits = importedNarrativeEdits(
      template,
      [
        { heading: '一、部门职能职责', paragraphs: ['（一）负责区政府会务工作。'] },
        { heading: '九、其他需要说明的事项', paragraphs: ['无。'] },
      ],
      existing,
    );
    await callOk(core, 'workbook.change', { path: file, change: { edits } });
    const v = await callOk(core, 'narrative.get', { path: file });
    expect(v!.sections.map((s) => [s.heading, s.kind])).toEqual([
      ['一、部门职能职责', 'free'],
      ['二、机构设置', 'free'],
      ['三、部门预算单位构成', 'generated'],
      ['四、部门收支总体情况', 'generated'],
      ['五、一般公共预算拨款支出预算', 'generated'],
      ['六、政府性基金预算支出', 'generated'],
      ['七、其他重要事项情况说明', 'generated'],
      ['八、名词解释', 'free'],
      ['九、其他需要说明的事项', 'imported'],
    ]);
    expect(v!.sections[0]!.paragraphs.map((p) => p.sentences.map((x) => x.text).join(''))).toEqual(['（一）负责区政府会务工作。']);
    expect(importedNarrativeEdits(template, [])).toEqual([]);
  });
});

describe('a set’s 说明 template is checked when the set loads', () => {
  it('hunan-2020’s template is valid; a text naming an unknown field and a bad fact query are reported', () => {
    expect(registry.check(registry.get('hunan-2020')!, { replace: true }).problems.filter((p) => p.path.startsWith('narrative'))).toEqual([]);
    const bad = structuredClone(registry.get('hunan-2020')!) as unknown as Record<string, unknown> & { narrative: typeof template };
    bad.id = 'test-bad-narrative';
    bad.narrative.sections[2]!.paragraphs[0]!.text = '{year}年收入 {incomme}。';
    bad.narrative.fields.fund = { fact: { measure: 'incomes' } };
    const problems = registry.check(bad).problems.filter((p) => p.path.startsWith('narrative'));
    expect(problems.map((p) => p.path)).toEqual(['narrative.fields.fund.fact.measure', 'narrative.sections[2].paragraphs[0].text']);
    expect(problems[1]!.message).toMatch(/^说明模板：文字中的 \{incomme\} 不是已定义的字段/);
  });
});

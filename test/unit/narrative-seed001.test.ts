import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core.js';
import type { CheckFinding } from '../../shared/checks/rule.js';
import { narrativeOf } from '../../shared/import/narrative.js';
import type { SourceBlock } from '../../shared/import/source.js';
import { importedNarrativeEdits, NARRATIVE_TABLE } from '../../shared/narrative/store.js';
import type { NarrativeView } from '../../shared/narrative/view.js';
import { TableSetRegistry } from '../../shared/tables/registry.js';
import { createSeed001Workbook } from '../fixtures/seed001/load.js';
import { callOk, makeCore } from '../helpers/core.js';
import { seedText } from '../helpers/print.js';
import { SEED001_SECTIONS } from '../helpers/seed001-docx.js';

/**
 * Acceptance (issue 11, 说明): seed 001's 说明 regenerated from its facts gives the figures the seed
 * publishes, and the published 说明, imported and checked as text, gives exactly its real mismatches.
 */

const seed = seedText('001');

/**
 * The seed's text as paragraphs. The text file breaks two paragraphs at a page end ("…人民政府办公" /
 * "室是…", "…政府性基金预算表、" / "纳入专户…"): a line that stops mid-sentence and a next line that does
 * not start a numbered item or a figure are one paragraph, as in the published document.
 */
function paragraphsOf(text: string): SourceBlock[] {
  const lines = text
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.includes('\t'))
    .map((l) => l.replace(/^\*\*|\*\*$/g, '').replace(/^- /, '').trim());
  const out: string[] = [];
  for (const line of lines) {
    const prev = out[out.length - 1];
    if (prev !== undefined && /[\u4e00-\u9fff、，]$/.test(prev) && /^[\u4e00-\u9fff]/.test(line) && !/^[一二三四五六七八九十]+、/.test(line) && /[。；，]/.test(prev) && !/^第/.test(line)) out[out.length - 1] = prev + line;
    else out.push(line);
  }
  return out.map((text) => ({ kind: 'paragraph', text }));
}

const texts = (v: NarrativeView | null, key: string): string[] => v!.sections.find((s) => s.key === key)!.paragraphs.map((p) => p.sentences.map((s) => s.text).join(''));

let core: Core;
let file: string;
beforeAll(async () => {
  core = makeCore();
  file = await createSeed001Workbook(core);
});
afterAll(() => core.closeAll());

describe('seed 001 说明 generated from the facts', () => {
  it('prints the eight sections of the seed, in its order', async () => {
    const v = await callOk(core, 'narrative.get', { path: file });
    expect(v!.sections.map((s) => s.heading)).toEqual(SEED001_SECTIONS);
  });

  it('gives every figure the seed publishes (values typed from the seed text)', async () => {
    const v = await callOk(core, 'narrative.get', { path: file });
    const all = v!.sections.flatMap((s) => s.paragraphs.map((p) => p.sentences.map((x) => x.text).join(''))).join('\n');
    // Section by section, the published figures (seed 001, 第一部分).
    expect(texts(v, 'organisation').join('')).toContain('编制人数 27 人（含经济研究中心），实有人数 26 人');
    expect(texts(v, 'overall')).toContain('（一）收入预算：2020年年初预算数 508.93 万元，其中，一般公共预算拨款 508.93 万元；政府性基金拨款 0 万元；财政专户管理的非税收入拨款 0 万元；其他收入 0 万元；上年结转 0 万元。');
    expect(texts(v, 'overall')).toContain('（二）支出预算：2020年年初预算数 508.93 万元，其中，一般公共服务支出 508.93 万元。');
    expect(all).toContain('年初预算数为 508.93 万元，比上年增加 0.17 万元');
    expect(all).toContain('一般公共预算拨款收入 508.93 万元');
    expect(all).toContain('2020年年初预算数为 448.93 万元');
    expect(all).toContain('其中包括工资福利支出 365.55 万元、一般商品和服务支出 69.04 万元、对个人和家庭补助 14.34 万元等');
    expect(all).toContain('2020年年初预算数为 60 万元');
    const projects = texts(v, 'general').filter((p) => /^（\d）/.test(p));
    expect(projects).toEqual(['（1）值班工作经费 4 万元。', '（2）政府办党组工作经费 10 万元。', '（3）机要保密经费 10 万元。', '（4）督查调研经费 14 万元。', '（5）提案建议承办经费 2 万元。', '（6）政府全会经费 20 万元。']);
    expect(all).toContain('2020年度本部门无政府性基金预算安排的支出。');
    expect(all).toContain('共安排 69.04 万元，比上年度预算减少 2.59 万元');
    expect(all).toContain('（二）政府采购预算：2020年年初预算数为 6.6 万元。包含：设备购置费 6.6 万元。');
    expect(all).toContain('办公及业务用房 210 平方米；车辆 0 辆，其中一般公务用车 0 辆');
    expect(all).toContain('绩效目标的金额为 508.93 万元，其中，基本支出 448.93 万元，项目支出 60 万元');
    expect(all).toContain('“三公”经费预算数 5.34 万元，其中：公务接待费 5.34 万元、公务用车购置费 0 万元，公务用车运行费 0 万元、因公出国（境）费 0 万元');
    expect(all).toContain('公务接待费 5.34 万元，比上年预算数减少 6.65 万元；因公出国费 0 万元，跟上年持平；公务用车购置及运行维护费本年预算 0 万元，上年预算数 8 万元');
    expect(all).toContain('会议费 12.7 万元');
    expect(all).toContain('培训费 2.3 万元');
    // Where the data and the seed differ, the seed is wrong: its 三公 total fell by 11.99 + 8 − 5.34 = 14.65, not 3.65.
    expect(all).toContain('比2019年预算数减少 14.65 万元');
  });

  it('the .docx/print model takes the 说明 from the workbook', async () => {
    const doc = await callOk(core, 'print.document', { path: file, part: 'budget' });
    const headings = doc.blocks.flatMap((b) => (b.kind === 'heading' && b.level === 2 ? [b.text] : []));
    expect(headings[0]).toBe('一、部门职能职责');
    expect(headings).toHaveLength(8);
    const paragraphs = doc.blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : []));
    expect(paragraphs).toContain('（2）政府办党组工作经费 10 万元。');
  });

  it('prints the reasons the clerk gave in the generated sentences, which keep their figures live', async () => {
    const v = await callOk(core, 'narrative.get', { path: file });
    const all = v!.sections.flatMap((s) => s.paragraphs.flatMap((p) => p.sentences));
    expect(all.find((s) => s.key === 'overall/change#0')).toMatchObject({ edited: false, text: '（三）预算收支增减变化情况说明：2020年度本单位年初预算数为 508.93 万元，比上年增加 0.17 万元，基本持平。' });
    expect(all.find((s) => s.key === 'other/threePublicChange#0')!.text).toBe('“三公”经费预算数增减变动说明：2020年“三公”经费预算数比2019年预算数减少 14.65 万元，主要原因是厉行节约。');
    expect((await callOk(core, 'checks.run', { path: file })).filter((f) => f.rule.startsWith('text.'))).toEqual([]);
  });

  it('without the reasons, each change the 说明 states asks for its 主要原因', async () => {
    const rows = await callOk(core, 'workbook.rows', { path: file, tableId: NARRATIVE_TABLE });
    const reasons = rows.rows.filter((r) => r.cells.key!.startsWith('r:')).map((r) => r.id);
    expect(reasons).toHaveLength(3);
    await callOk(core, 'workbook.change', { path: file, change: { edits: [{ kind: 'deleteRows', tableId: NARRATIVE_TABLE, rowIds: reasons }] } });
    const findings = (await callOk(core, 'checks.run', { path: file })).filter((f) => f.rule.startsWith('text.'));
    expect(findings.map((f) => [f.rule, f.severity, f.sentence])).toEqual([
      ['text.reason', '需说明', 'overall/change#0'],
      ['text.reason', '需说明', 'other/operating#0'],
      ['text.reason', '需说明', 'other/threePublicChange#0'],
    ]);
    await callOk(core, 'workbook.undo', { path: file });
    await callOk(core, 'narrative.setReason', { path: file, key: 'other/operating#0', field: 'operatingChange', text: '厉行节约' });
    const v = await callOk(core, 'narrative.get', { path: file });
    expect(v!.sections.flatMap((s) => s.paragraphs.flatMap((p) => p.sentences)).find((s) => s.key === 'other/operating#0')!.text).toContain('比上年度预算减少 2.59 万元，主要原因是：厉行节约。');
  });
});

describe.runIf(seed !== null)('seed 001’s published 说明, imported and checked as text', () => {
  let own: Core;
  let imported: string;
  let findings: CheckFinding[];
  beforeAll(async () => {
    own = makeCore();
    imported = await createSeed001Workbook(own);
    const sections = narrativeOf(paragraphsOf(seed!));
    const template = new TableSetRegistry().get('hunan-2020')!.narrative;
    // The published text replaces the fixture's 职能职责 (the same words) and comes in for every other section.
    const existing = (await callOk(own, 'workbook.rows', { path: imported, tableId: NARRATIVE_TABLE })).rows;
    const edits = importedNarrativeEdits(template, sections, existing);
    await callOk(own, 'workbook.change', { path: imported, change: { label: '导入说明', edits } });
    findings = (await callOk(own, 'checks.run', { path: imported })).filter((f) => f.rule.startsWith('text.'));
  });
  afterAll(() => own.closeAll());

  it('keeps every section in its place, as written', async () => {
    const rows = await callOk(own, 'workbook.rows', { path: imported, tableId: NARRATIVE_TABLE });
    expect(rows.rows.map((r) => r.cells.key).filter((k) => k!.startsWith('sec:'))).toEqual(['sec:duties', 'sec:organisation', 'sec:units', 'sec:overall', 'sec:general', 'sec:fund', 'sec:other', 'sec:terms']);
    const v = await callOk(own, 'narrative.get', { path: imported });
    expect(v!.sections.map((s) => [s.heading, s.stored])).toEqual([
      ['一、部门职能职责', true],
      ['二、机构设置', true],
      ['三、部门预算单位构成', true],
      ['四、部门收支总体情况', true],
      ['五、一般公共预算拨款支出预算', true],
      ['六、政府性基金预算支出', true],
      ['七、其他重要事项情况说明', true],
      ['八、名词解释', true],
    ]);
    expect(texts(v, 'duties')).toHaveLength(13);
  });

  it('gives exactly the real mismatches of the published text', () => {
    expect(findings.map((f) => [f.rule, f.severity, f.actual ?? null, f.expected ?? null])).toEqual([
      // 三公 fell from 19.99 (11.99 接待 + 8 公务用车 + 0 出国) to 5.34: by 14.65 万元; the text says 3.65,
      // while its own sub-items (−6.65, 持平, 8 → 0) add up to −14.65.
      ['text.amount', '错误', '减少 3.65 万元', '减少 14.65 万元'],
      // “主要是主要包括”: a phrase typed twice in the 会议费 sentence.
      ['text.repeat', '提示', '主要是主要', null],
    ]);
    expect(findings[0]!.message).toContain('文中各分项变动合计为减少 14.65 万元');
    expect(findings[0]!.sentence).toMatch(/^other\/p\d+#0$/);
    expect(findings[1]!.table).toBe('narrative');
  });
});

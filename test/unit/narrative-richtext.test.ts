import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importedNarrativeEdits, NARRATIVE_TABLE, sectionEdits } from '../../shared/narrative/store.js';
import { parseRichText, plainToRichText, serializeRichText, type RichParagraph } from '../../shared/narrative/richtext.js';
import { TableSetRegistry } from '../../shared/tables/registry.js';
import { replaceRange, splitParagraph, toggleBold } from '../../renderer/src/narrative/richEdit.js';
import { readParagraphs, readPlainText, type HtmlNode } from '../../renderer/src/narrative/richRead.js';
import { createSeed001Workbook } from '../fixtures/seed001/load.js';
import { callOk } from '../helpers/core.js';
import { useTempDirs } from '../helpers/hooks.js';
import { descendants, parseXml, textOf, zipPart } from '../render/ooxml.js';

/**
 * The free text of the 说明 (职能职责, 机构设置, 名词解释): its stored form with bold words, what a paste from
 * Word/WPS becomes, the editor's own edits, and the bold runs in the exported .docx. The duties are seed 001's
 * (第一部分 一、部门职能职责).
 */

const DUTY1 = '（一）协助区政府领导组织起草和审核以区政府、区政府办公室名义发布的文件，起草区政府领导讲话材料。';
const DUTY3 = '（三）负责区政府会务工作，协助区政府领导组织实施会议决定的事项。';

describe('stored form: paragraphs one per line, ** around bold, \\ before a literal * or \\', () => {
  it('reads and writes paragraphs with bold runs', () => {
    const doc: RichParagraph[] = [[{ text: DUTY1 }], [{ text: '（三）负责' }, { text: '区政府会务工作', bold: true }, { text: '，协助区政府领导组织实施会议决定的事项。' }]];
    const stored = serializeRichText(doc);
    expect(stored).toBe(`${DUTY1}\n（三）负责**区政府会务工作**，协助区政府领导组织实施会议决定的事项。`);
    expect(parseRichText(stored)).toEqual(doc);
  });

  it('keeps stars and backslashes the clerk typed as text', () => {
    const doc: RichParagraph[] = [[{ text: '注*：路径 C:\\预算\\**' }, { text: '*重点*', bold: true }]];
    const stored = serializeRichText(doc);
    expect(stored).toBe('注\\*：路径 C:\\\\预算\\\\\\*\\***\\*重点\\***');
    expect(parseRichText(stored)).toEqual(doc);
  });

  it('reads text kept before bold existed as it was: no **, an unclosed **, a lone backslash', () => {
    expect(parseRichText(`${DUTY1}\n\n\u3000\u3000${DUTY3}  `)).toEqual([[{ text: DUTY1 }], [{ text: DUTY3 }]]);
    expect(parseRichText('单价 3**5 元')).toEqual([[{ text: '单价 3**5 元' }]]);
    expect(parseRichText('a **b** c **d')).toEqual([[{ text: 'a ' }, { text: 'b', bold: true }, { text: ' c **d' }]]);
    expect(parseRichText('C:\\temp')).toEqual([[{ text: 'C:\\temp' }]]);
  });

  it('merges neighbouring runs of one weight and drops empty bold', () => {
    expect(serializeRichText([[{ text: 'a', bold: true }, { text: 'b', bold: true }, { text: '' , bold: true }, { text: 'c' }]])).toBe('**ab**c');
    expect(parseRichText('****x')).toEqual([[{ text: 'x' }]]);
  });

  it('imported paragraphs are plain text: their stars stay stars', () => {
    const edits = importedNarrativeEdits(new TableSetRegistry().get('hunan-2020')!.narrative!, [{ heading: '一、部门职能职责', paragraphs: ['  重点**工作**  ', DUTY1] }]);
    const insert = edits.find((e) => e.kind === 'insertRows');
    const text = insert && insert.kind === 'insertRows' ? insert.rows[0]!.text! : '';
    expect(parseRichText(text)).toEqual([[{ text: '重点**工作**' }], [{ text: DUTY1 }]]);
    expect(plainToRichText(['a*b'])).toBe('a\\*b');
  });

  it('a section edit is stored normalised, and an unchanged one is no edit', () => {
    const rows = [{ id: 'r1', cells: { key: 'sec:duties', heading: '部门职能职责', text: '**甲**乙' } }];
    expect(sectionEdits(rows, 'duties', '部门职能职责', '\n\u3000\u3000**甲**乙  \r\n\n')).toEqual([]);
    expect(sectionEdits(rows, 'duties', '部门职能职责', '**甲****乙**')).toEqual([{ kind: 'setCells', tableId: NARRATIVE_TABLE, cells: [{ rowId: 'r1', col: 'text', text: '**甲乙**' }] }]);
    expect(sectionEdits(rows, 'duties', '部门职能职责', '甲**乙**')).toEqual([{ kind: 'setCells', tableId: NARRATIVE_TABLE, cells: [{ rowId: 'r1', col: 'text', text: '甲**乙**' }] }]);
  });
});

/** A tiny DOM-like tree: what DOMParser gives the editor for clipboard HTML. */
const h = (name: string, style: string | null, ...children: (HtmlNode | string)[]): HtmlNode => ({
  nodeType: 1,
  nodeName: name.toUpperCase(),
  nodeValue: null,
  childNodes: children.map((c) => (typeof c === 'string' ? { nodeType: 3, nodeName: '#text', nodeValue: c, childNodes: [] } : c)),
  getAttribute: (n) => (n === 'style' ? style : null),
});
const comment = (text: string): HtmlNode => ({ nodeType: 8, nodeName: '#comment', nodeValue: text, childNodes: [] });

describe('paste: Word/WPS HTML becomes clean paragraphs, bold kept, every other style dropped', () => {
  it('reads a Word clipboard body (MsoNormal paragraphs, <o:p>, conditional comments, style blocks)', () => {
    const body = h(
      'body',
      null,
      h('style', null, 'p.MsoNormal { font-family: 仿宋; }'),
      comment('[if gte mso 9]><xml><w:WordDocument></w:WordDocument></xml><![endif]'),
      h('p', 'text-indent:32.0pt;mso-char-indent-count:2.0;line-height:28.0pt', h('span', 'font-family:仿宋_GB2312;mso-bidi-font-weight:normal', '（一）协助区政府领导组织起草和审核以区政府、区政府办公室名义发布的文件，\r\n起草区政府领导讲话材料。'), h('o:p', null, '\u00a0')),
      h('p', 'text-indent:32.0pt', h('span', null, '（三）负责'), h('b', null, h('span', 'color:red', '区政府会务工作')), h('span', null, '，协助区政府领导组织实施会议决定的事项。')),
      h('p', null, h('o:p', null, '\u00a0')),
    );
    expect(readParagraphs(body)).toEqual([[{ text: DUTY1 }], [{ text: '（三）负责' }, { text: '区政府会务工作', bold: true }, { text: '，协助区政府领导组织实施会议决定的事项。' }]]);
  });

  it('takes weight from styles: font-weight 700 is bold, a normal weight inside <b> is not (Google Docs, WPS)', () => {
    const body = h('body', null, h('b', 'font-weight:normal', h('p', null, '甲', h('span', 'font-weight: 700', '乙'), h('span', 'FONT-WEIGHT: bold', '丙'), h('strong', null, '丁'))));
    expect(readParagraphs(body)).toEqual([[{ text: '甲' }, { text: '乙丙丁', bold: true }]]);
  });

  it('a line break, a list item or a table cell starts a paragraph; indenting spaces go', () => {
    const body = h('div', null, '\u3000\u3000第一段', h('br', null), '  第二段 ', h('ul', null, h('li', null, 'one  two'), h('li', null, '三')), h('table', null, h('tr', null, h('td', null, '格一'), h('td', null, '格二'))));
    expect(readParagraphs(body).map((p) => p.map((r) => r.text).join(''))).toEqual(['第一段', '第二段', 'one two', '三', '格一', '格二']);
  });

  it('images, scripts and their text never arrive', () => {
    const body = h('body', null, h('p', null, '文字', h('img', null), h('script', null, 'alert(1)'), h('v:shape', null, '图')));
    expect(readParagraphs(body)).toEqual([[{ text: '文字' }]]);
  });

  it('plain text: one paragraph per line, blank lines and indents dropped', () => {
    expect(readPlainText(`\u3000\u3000${DUTY1}\r\n\r\n${DUTY3}\n`)).toEqual([[{ text: DUTY1 }], [{ text: DUTY3 }]]);
  });
});

describe("the editor's own edits on paragraphs", () => {
  const doc: RichParagraph[] = [[{ text: '甲乙丙' }], [{ text: '丁', bold: true }, { text: '戊' }]];

  it('Enter splits the paragraph at the caret, a selection deleted first', () => {
    expect(splitParagraph(doc, { start: { p: 0, o: 1 }, end: { p: 0, o: 1 } })).toEqual({ doc: [[{ text: '甲' }], [{ text: '乙丙' }], doc[1]], caret: { p: 1, o: 0 } });
    expect(splitParagraph(doc, { start: { p: 0, o: 2 }, end: { p: 1, o: 1 } }).doc).toEqual([[{ text: '甲乙' }], [{ text: '戊' }]]);
  });

  it('a paste of paragraphs goes in at the caret; the caret ends after it', () => {
    const out = replaceRange(doc, { start: { p: 0, o: 1 }, end: { p: 0, o: 2 } }, [[{ text: 'A' }], [{ text: 'B', bold: true }]]);
    expect(out.doc).toEqual([[{ text: '甲A' }], [{ text: 'B', bold: true }, { text: '丙' }], doc[1]]);
    expect(out.caret).toEqual({ p: 1, o: 1 });
  });

  it('bold goes on over a range across paragraphs, and off when all of it is bold', () => {
    const on = toggleBold(doc, { start: { p: 0, o: 2 }, end: { p: 1, o: 2 } });
    expect(on).toEqual([[{ text: '甲乙' }, { text: '丙', bold: true }], [{ text: '丁戊', bold: true }]]);
    expect(toggleBold(on, { start: { p: 1, o: 0 }, end: { p: 1, o: 1 } })).toEqual([[{ text: '甲乙' }, { text: '丙', bold: true }], [{ text: '丁' }, { text: '戊', bold: true }]]);
  });
});

describe('bold free text through the core: kept, checked as plain text, undone, exported as bold runs', () => {
  const temp = useTempDirs('budgetdesk-richtext-');

  it('职能职责 with a bold phrase', async () => {
    const core = temp.core();
    const file = await createSeed001Workbook(core);
    const dutiesNow = async () => (await callOk(core, 'narrative.get', { path: file }))!.sections.find((s) => s.key === 'duties')!;
    const before = await dutiesNow();
    const stored = `${DUTY1}\n（三）负责**区政府会务工作**，协助区政府领导组织实施会议决定的事项。`;
    await callOk(core, 'narrative.setSection', { path: file, section: 'duties', text: stored });

    const view = (await callOk(core, 'narrative.get', { path: file }))!;
    const duties = view.sections.find((s) => s.key === 'duties')!;
    expect(duties.stored).toBe(true);
    expect(duties.paragraphs.map((p) => p.sentences.map((s) => s.text).join(''))).toEqual([DUTY1, DUTY3]);
    expect(duties.paragraphs[0]!.runs).toBeUndefined();
    expect(duties.paragraphs[1]!.runs).toEqual([{ text: '（三）负责' }, { text: '区政府会务工作', bold: true }, { text: '，协助区政府领导组织实施会议决定的事项。' }]);
    // The checks read words, never the markup.
    const findings = await callOk(core, 'checks.run', { path: file });
    expect(findings.filter((f) => f.sentence?.startsWith('duties/')).map((f) => f.message).join('\n')).not.toContain('*');

    const out = path.join(temp.make(), '说明.docx');
    await callOk(core, 'print.export', { path: file, format: 'docx', out });
    const paragraphs = [...descendants(parseXml(zipPart(out, 'word/document.xml')), 'w:p')];
    const third = paragraphs.find((p) => textOf(p) === DUTY3)!;
    expect(third, 'the paragraph prints whole').toBeDefined();
    const runs = [...descendants(third, 'w:r')].map((r) => ({ text: textOf(r), bold: [...descendants(r, 'w:b')].length > 0 }));
    expect(runs).toEqual([
      { text: '（三）负责', bold: false },
      { text: '区政府会务工作', bold: true },
      { text: '，协助区政府领导组织实施会议决定的事项。', bold: false },
    ]);
    const first = paragraphs.find((p) => textOf(p) === DUTY1)!;
    expect([...descendants(first, 'w:b')]).toEqual([]);
    // In the body style, like every 说明 paragraph.
    expect([...descendants(third, 'w:pStyle')][0]!.attrs['w:val']).toBe('BdBody');

    // Imported into the next year, the bold words come back as bold (runs read with the text, w:b on the run).
    const next = path.join(temp.make(), '2021.bdwb');
    await callOk(core, 'import.run', { source: out, year: 2021, out: next });
    const imported = (await callOk(core, 'workbook.rows', { path: next, tableId: NARRATIVE_TABLE })).rows.find((r) => r.cells.key === 'sec:duties');
    expect(imported?.cells.text).toBe(stored);

    // Undone like any edit: the section says what it said before, without bold; redone, the bold is back.
    await callOk(core, 'workbook.undo', { path: file });
    expect(await dutiesNow()).toEqual(before);
    expect(before.paragraphs.flatMap((p) => p.runs ?? [])).toEqual([]);
    await callOk(core, 'workbook.redo', { path: file });
    expect((await dutiesNow()).paragraphs[1]!.runs).toEqual(duties.paragraphs[1]!.runs);
  });
});

import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, VerticalMergeType } from 'docx';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { CoreError } from '../../electron/core/errors.js';
import { MAX_IMPORT_BYTES, readSourceFile } from '../../electron/core/io/read-source.js';
import { ZIP_LIMITS } from '../../electron/core/io/zip.js';
import type { SourceDocument, SourceTable } from '../../shared/import/source.js';
import { makeDocx, makeXlsx, p, tbl, tc, tr } from '../helpers/ooxml.js';

async function read(buf: Buffer, name = 'x.docx'): Promise<SourceDocument> {
  const out = await readSourceFile(buf, name, { convert: false });
  if (out.kind !== 'office') throw new Error(`expected an office file, got ${out.kind}`);
  return out.document;
}

const tables = (doc: SourceDocument): SourceTable[] => doc.blocks.flatMap((b) => (b.kind === 'table' ? [b.table] : []));
/** Each row as [col, colSpan, rowSpan, text] tuples. */
const grid = (t: SourceTable) => t.rows.map((r) => r.cells.map((c) => [c.col, c.colSpan, c.rowSpan, c.text]));

async function refused(buf: Buffer, name: string): Promise<string> {
  try {
    await readSourceFile(buf, name, { convert: false });
  } catch (err) {
    expect(err).toBeInstanceOf(CoreError);
    expect((err as CoreError).code).toBe('UNSUPPORTED_FILE');
    return String((err as CoreError).details?.issue);
  }
  throw new Error('the file was accepted');
}

describe('docx reader', () => {
  // Seed 001 附件3 部门支出总表 as Word lays it out: 科目 over 科目编码 (类|款|项) and 科目名称, 总计 and the
  // fund columns merged down three header rows, with Word's bare <w:vMerge/> continuations.
  it('reads seed 001 附件3 with its merged header, split runs and cell paragraphs', async () => {
    const body = [
      p(['附件', ' 3']),
      p(['部门支', '出总表'], '1'),
      p('单位名称：株洲市石峰区人民政府办公室'),
      tbl(9, [
        tr([tc('科目', { span: 4 }), tc('总计', { vMerge: 'restart' }), tc(['一般公共预算', '拨款'], { vMerge: 'restart' }), tc('政府性基金拨款', { vMerge: 'restart' }), tc('其他收入', { vMerge: 'restart' }), tc('上年结转', { vMerge: 'restart' })], { header: true }),
        tr([tc('科目编码', { span: 3 }), tc('科目名称', { vMerge: 'restart' }), tc('', { vMerge: 'bare' }), tc('', { vMerge: 'continue' }), tc('', { vMerge: 'bare' }), tc('', { vMerge: 'bare' }), tc('', { vMerge: 'bare' })], { header: true }),
        tr([tc('类'), tc('款'), tc('项'), tc('', { vMerge: 'bare' }), tc('', { vMerge: 'bare' }), tc('', { vMerge: 'bare' }), tc('', { vMerge: 'bare' }), tc('', { vMerge: 'bare' }), tc('', { vMerge: 'bare' })], { header: true }),
        tr([tc('201'), tc(''), tc(''), tc(['<w:p><w:r><w:t>一般公共</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>服务</w:t></w:r></w:p>']), tc('508.93'), tc('508.93'), tc(''), tc(''), tc('')]),
        tr([tc('201'), tc('03'), tc('02'), tc('一般行政管理事务'), tc('60.00'), tc('60'), tc(''), tc(''), tc('')]),
      ]),
      p('说明：本表为空表时……'),
    ].join('');
    const doc = await read(await makeDocx(body));
    expect(doc.blocks[0]).toEqual({ kind: 'paragraph', text: '附件 3' });
    expect(doc.blocks[1]).toEqual({ kind: 'paragraph', text: '部门支出总表', heading: 1 });
    const [t] = tables(doc);
    expect(t!.columns).toBe(9);
    expect(grid(t!)).toEqual([
      [[0, 4, 1, '科目'], [4, 1, 3, '总计'], [5, 1, 3, '一般公共预算\n拨款'], [6, 1, 3, '政府性基金拨款'], [7, 1, 3, '其他收入'], [8, 1, 3, '上年结转']],
      [[0, 3, 1, '科目编码'], [3, 1, 2, '科目名称']],
      [[0, 1, 1, '类'], [1, 1, 1, '款'], [2, 1, 1, '项']],
      [[0, 1, 1, '201'], [1, 1, 1, ''], [2, 1, 1, ''], [3, 1, 1, '一般公共服务'], [4, 1, 1, '508.93'], [5, 1, 1, '508.93'], [6, 1, 1, ''], [7, 1, 1, ''], [8, 1, 1, '']],
      [[0, 1, 1, '201'], [1, 1, 1, '03'], [2, 1, 1, '02'], [3, 1, 1, '一般行政管理事务'], [4, 1, 1, '60.00'], [5, 1, 1, '60'], [6, 1, 1, ''], [7, 1, 1, ''], [8, 1, 1, '']],
    ]);
    expect(t!.rows.map((r) => r.repeatHeader === true)).toEqual([true, true, true, false, false]);
    expect(doc.blocks[doc.blocks.length - 1]).toEqual({ kind: 'paragraph', text: '说明：本表为空表时……' });
  });

  it('places rows that start late (gridBefore), joins legacy hMerge, flattens nested tables and reads each table once', async () => {
    const body = [
      tbl(3, [
        tr([tc('单位：万元')], { gridBefore: 2 }),
        tr([tc('项 目'), `<w:tc><w:tcPr><w:hMerge w:val="restart"/></w:tcPr>${p('预算数')}</w:tc>`, `<w:tc><w:tcPr><w:hMerge/></w:tcPr>${p('')}</w:tc>`]),
        tr([tc('一、基本支出 448.93'), tc(['<w:p/>', tbl(2, [tr([tc('a'), tc('b')]), tr([tc('c'), tc('d')])])]), tc('x')]),
      ]),
      tbl(1, [tr([tc('second')])]),
    ].join('');
    const doc = await read(await makeDocx(body));
    const [t1, t2] = tables(doc);
    expect(grid(t1!)).toEqual([[[2, 1, 1, '单位：万元']], [[0, 1, 1, '项 目'], [1, 2, 1, '预算数']], [[0, 1, 1, '一、基本支出 448.93'], [1, 1, 1, '\na b\nc d'], [2, 1, 1, 'x']]]);
    expect(t1!.where).toBe('第 1 个表格');
    expect(grid(t2!)).toEqual([[[0, 1, 1, 'second']]]);
    expect(tables(doc)).toHaveLength(2);
  });

  it('skips deleted revisions, field codes, tab stops and the fallback copy of a text box; keeps tabs, breaks and headings by outline level', async () => {
    const body = [
      '<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr><w:r><w:t>收入</w:t></w:r><w:del w:id="1"><w:r><w:delText>旧</w:delText></w:r></w:del><w:r><w:tab/><w:t>预算</w:t><w:br/><w:t>合计</w:t></w:r></w:p>',
      '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> TOC \\o "1-3" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>目录项</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>',
      '<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r><w:t>框内</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>框内</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>',
      p('三级标题', 'Custom'),
      '<w:p><w:pPr><w:outlineLvl w:val="1"/></w:pPr><w:r><w:t>直接大纲级别</w:t></w:r></w:p>',
    ].join('');
    const doc = await read(await makeDocx(body));
    const texts = doc.blocks.map((b) => (b.kind === 'paragraph' ? [b.text, b.heading] : null));
    expect(texts).toContainEqual(['收入\t预算\n合计', undefined]);
    expect(texts).toContainEqual(['目录项', undefined]);
    expect(texts.filter((t) => t?.[0] === '框内')).toHaveLength(1);
    expect(texts).toContainEqual(['三级标题', 3]);
    expect(texts).toContainEqual(['直接大纲级别', 2]);
  });

  it('keeps the runs of a body paragraph with bold words: w:b on the run, not on the paragraph mark, not a tracked change’s old formatting', async () => {
    const run = (text: string, props = '') => `<w:r>${props ? `<w:rPr>${props}</w:rPr>` : ''}<w:t xml:space="preserve">${text}</w:t></w:r>`;
    const body = [
      // WPS splits a bold phrase over runs and writes w:bCs beside w:b; the paragraph mark is bold too.
      `<w:p><w:pPr><w:rPr><w:b/></w:rPr></w:pPr>${run('（三）负责')}${run('区政府', '<w:b/><w:bCs/>')}${run('会务工作', '<w:b w:val="1"/>')}${run('，协助落实。')}</w:p>`,
      // Bold switched off on the run, and a run whose bold was taken away in a tracked change.
      `<w:p>${run('不加粗', '<w:b w:val="0"/>')}${run('原为粗体', '<w:rPrChange w:id="3" w:author="x"><w:rPr><w:b/></w:rPr></w:rPrChange>')}</w:p>`,
      // Inside a table nothing is kept but text.
      tbl(1, [tr([tc('<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>表内粗体</w:t></w:r></w:p>')])]),
    ].join('');
    const doc = await read(await makeDocx(body));
    const paragraphs = doc.blocks.flatMap((b) => (b.kind === 'paragraph' ? [b] : []));
    expect(paragraphs[0]).toEqual({
      kind: 'paragraph',
      text: '（三）负责区政府会务工作，协助落实。',
      runs: [{ text: '（三）负责' }, { text: '区政府会务工作', bold: true }, { text: '，协助落实。' }],
    });
    expect(paragraphs[1]).toEqual({ kind: 'paragraph', text: '不加粗原为粗体' });
    expect(tables(doc)[0]!.rows[0]!.cells[0]!.text).toBe('表内粗体');
  });

  it('reads a .docx written by the docx library (the writer this app uses), vertical merges included', async () => {
    const cell = (text: string, o: { columnSpan?: number; verticalMerge?: (typeof VerticalMergeType)[keyof typeof VerticalMergeType] } = {}) =>
      new TableCell({ children: [new Paragraph({ children: [new TextRun(text)] })], ...o });
    const doc = new Document({
      sections: [
        {
          children: [
            new Paragraph({ text: '部门收入总表' }),
            new Table({
              rows: [
                new TableRow({ tableHeader: true, children: [cell('总计', { verticalMerge: VerticalMergeType.RESTART }), cell('财政拨款', { columnSpan: 2 })] }),
                new TableRow({ tableHeader: true, children: [cell('', { verticalMerge: VerticalMergeType.CONTINUE }), cell('一般公共预算'), cell('政府性基金')] }),
                new TableRow({ children: [cell('508.93'), cell('508.93'), cell('')] }),
              ],
            }),
          ],
        },
      ],
    });
    const buf = await Packer.toBuffer(doc);
    const [t] = tables(await read(Buffer.from(buf)));
    expect(grid(t!)).toEqual([
      [[0, 1, 2, '总计'], [1, 2, 1, '财政拨款']],
      [[1, 1, 1, '一般公共预算'], [2, 1, 1, '政府性基金']],
      [[0, 1, 1, '508.93'], [1, 1, 1, '508.93'], [2, 1, 1, '']],
    ]);
  });
});

describe('xlsx reader', () => {
  it('reads visible sheets with title rows, merges, shared/rich/inline strings and exact numbers', async () => {
    const buf = await makeXlsx([
      {
        name: '附件2 部门收入总表',
        rows: [
          ['部门收入总表', null, null],
          ['单位名称：株洲市石峰区人民政府办公室', null, '单位：万元'],
          ['总计', '一般公共预算拨款', { inline: '其他收入' }],
          [508.93, { text: '508.93' }, null],
          [0.1 + 0.2, 1234567.891, -3],
        ],
        merges: ['A1:C1', 'A2:B2'],
      },
      { name: '代码表', rows: [['hidden']], hidden: true },
    ]);
    const doc = await read(buf, 'x.xlsx');
    expect(doc.format).toBe('xlsx');
    expect(doc.blocks[0]).toEqual({ kind: 'paragraph', text: '附件2 部门收入总表', heading: 1 });
    const [t] = tables(doc);
    expect(tables(doc)).toHaveLength(1);
    expect(t!.where).toBe('工作表“附件2 部门收入总表”');
    expect(grid(t!)).toEqual([
      [[0, 3, 1, '部门收入总表']],
      [[0, 2, 1, '单位名称：株洲市石峰区人民政府办公室'], [2, 1, 1, '单位：万元']],
      [[0, 1, 1, '总计'], [1, 1, 1, '一般公共预算拨款'], [2, 1, 1, '其他收入']],
      [[0, 1, 1, '508.93'], [1, 1, 1, '508.93']],
      [[0, 1, 1, '0.30000000000000004'], [1, 1, 1, '1234567.891'], [2, 1, 1, '-3']],
    ]);
    // Stored numbers carry their exact stored text; a number typed as text stays text.
    expect(t!.rows[3]!.cells.map((c) => c.number)).toEqual(['508.93', undefined]);
  });

  it('reads a sheet that does not start at A1 from its first used cell', async () => {
    const buf = await makeXlsx([{ name: 'S', rows: [[null, null], [null, '标题'], [null, 1]] }]);
    const [t] = tables(await read(buf, 'y.xlsx'));
    expect(grid(t!)).toEqual([[[0, 1, 1, '标题']], [[0, 1, 1, '1']]]);
  });
});

describe('files that are no budget document', () => {
  const ole = (...streams: string[]): Buffer =>
    Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504), ...streams.map((s) => Buffer.from(s, 'utf16le')), Buffer.alloc(512)]);

  it('refuses empty, random, truncated and foreign files with what to do', async () => {
    expect(await refused(Buffer.alloc(0), 'a.docx')).toMatch(/0 字节/);
    expect(await refused(Buffer.from('just some text'), 'a.docx')).toMatch(/不是 Word（\.docx）、Excel（\.xlsx）/);
    expect(await refused(Buffer.from('%PDF-1.7 …'), 'a.pdf')).toMatch(/PDF/);
    expect(await refused(Buffer.from('<html><body>'), 'a.htm')).toMatch(/网页格式/);
    const good = await makeDocx(p('x'));
    expect(await refused(good.subarray(0, Math.floor(good.length / 2)), 'half.docx')).toMatch(/损坏或被截断/);
  });

  it('says how to handle password-protected files and old .doc/.xls when LibreOffice is not used', async () => {
    expect(await refused(ole('EncryptedInfo', 'EncryptedPackage'), 'secret.docx')).toMatch(/打开密码.*取消文档密码/);
    expect(await refused(ole('WordDocument', '1Table'), 'old.doc')).toMatch(/旧版 Word.*另存为.*\*\.docx/);
    expect(await refused(ole('Workbook'), 'old.xls')).toMatch(/旧版 Excel.*\*\.xlsx/);
    expect(await refused(ole('Book'), 'old.et')).toMatch(/旧版 Excel/);
  });

  it('refuses OpenDocument and PowerPoint packages, and a zip that is no Office file', async () => {
    const odt = new JSZip();
    odt.file('mimetype', 'application/vnd.oasis.opendocument.text');
    odt.file('content.xml', '<x/>');
    expect(await refused(await odt.generateAsync({ type: 'nodebuffer' }), 'a.odt')).toMatch(/OpenDocument/);
    const plain = new JSZip();
    plain.file('readme.txt', 'hi');
    expect(await refused(await plain.generateAsync({ type: 'nodebuffer' }), 'a.zip')).toMatch(/不是 Word（\.docx）或 Excel（\.xlsx）文档/);
  });

  it('refuses zip bombs, oversized files and parts, and too many parts, naming the limit', async () => {
    const bomb = new JSZip();
    bomb.file('[Content_Types].xml', '<Types/>');
    bomb.file('word/document.xml', Buffer.alloc(20 * 1024 * 1024, 0x20));
    const bombBuf = await bomb.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    expect(await refused(bombBuf, 'bomb.docx')).toMatch(new RegExp(`压缩比异常（超过 ${ZIP_LIMITS.ratio} 倍）`));

    expect(await refused(Buffer.alloc(MAX_IMPORT_BYTES + 1), 'big.docx')).toMatch(/超过导入上限 50 MB/);

    const many = new JSZip();
    for (let i = 0; i <= ZIP_LIMITS.entries; i += 1) many.file(`f${i}.xml`, '');
    expect(await refused(await many.generateAsync({ type: 'nodebuffer' }), 'many.docx')).toMatch(/超过 5000 个/);
  });

  it('refuses malformed and pathologically nested XML with the part it is in', async () => {
    const broken = await makeDocx('<w:p><w:r><w:t>未闭合</w:r></w:p>');
    expect(await refused(broken, 'broken.docx')).toMatch(/“word\/document\.xml”不是有效的 XML/);
    const deep = await makeDocx('<w:sdt>'.repeat(300) + '</w:sdt>'.repeat(300));
    expect(await refused(deep, 'deep.docx')).toMatch(/嵌套层次过深/);
  });

  it('classifies workbooks and JSON without reading them as Office files', async () => {
    expect(await readSourceFile(Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(100)]), 'a.bdwb')).toEqual({ kind: 'workbook' });
    expect(await readSourceFile(Buffer.from('\uFEFF  {"format":"budgetdesk"}'), 'a.json')).toEqual({ kind: 'json' });
  });
});

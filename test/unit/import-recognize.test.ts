import { describe, expect, it } from 'vitest';
import { readSourceFile } from '../../electron/core/io/read-source.js';
import { similarity, squash, titleKey, titleNumber } from '../../shared/import/normalize.js';
import { readTable } from '../../shared/import/extract.js';
import { recognize } from '../../shared/import/recognize.js';
import type { SourceDocument } from '../../shared/import/source.js';
import { TableSetRegistry } from '../../shared/tables/registry.js';
import { makeDocx, makeXlsx, p, tbl, tc, tr } from '../helpers/ooxml.js';
import { SEED001_DEPT as NAME, seed001TypedDocx as seed001Docx } from '../helpers/seed001-docx.js';

const registry = new TableSetRegistry();
const sets = registry.list();

async function office(buf: Buffer, name: string): Promise<SourceDocument> {
  const r = await readSourceFile(buf, name, { convert: false });
  if (r.kind !== 'office') throw new Error(r.kind);
  return r.document;
}

describe('normalising titles as offices type them', () => {
  it('folds full-width digits, NBSP, line breaks, dashes and numbering', () => {
    expect(squash('附件\u00A0３－１\n部门 收支')).toBe('附件3-1部门收支');
    expect(titleKey('附件１３：一般公共预算基本支出—一般商品和服务支出')).toBe('一般公共预算基本支出一般商品和服务支出');
    expect(titleKey('表十三 一般公共预算基本支出一一般商品和服务支出')).toBe(titleKey('附件13 一般公共预算基本支出－一般商品和服务支出'));
    expect(titleKey('2020年部门整体支出绩效申报表')).toBe(titleKey('{year}年部门整体支出绩效申报表'));
    expect(titleNumber('表1-1：收支总表')).toBe('表1-1');
    expect(titleNumber('附件３－１')).toBe('附件3-1');
    expect(similarity('部门支出总表', '部门支出总表')).toBe(1);
    expect(similarity('部门支出总表', '部门收入总表')).toBeLessThan(0.7);
  });
});

describe('recognising a file against every table set', () => {
  it('recognises seed 001 tables typed in Word as the 湖南 2020 set, joining a table split across pages', async () => {
    const doc = await office(await seed001Docx(), 'seed001.docx');
    const r = recognize(doc, sets);
    expect(r.best?.setId).toBe('hunan-2020');
    expect(r.tables).toHaveLength(3);
    expect(r.matches.map((m) => m?.tableId)).toEqual(['szzb', 'srzb', 'zczb']);
    // The continuation's repeated header rows are dropped; its body row follows the first page's.
    const zczb = r.tables[2]!.table;
    expect(zczb.rows.map((row) => row.cells[0]!.text)).toEqual(['科目', '科目编码', '类', '201', '201']);
    expect(r.tables[1]).toMatchObject({ titleRows: 1, moneyUnit: '万元', unitName: NAME });
    expect(r.tables[0]).toMatchObject({ titleRows: 0, moneyUnit: '万元', unitName: NAME });
  });

  it('recognises one sheet per table as the 预算管理一体化 systems export them, with title rows inside the sheet', async () => {
    const buf = await makeXlsx([
      {
        name: 'Sheet1',
        rows: [
          ['附件2', null, null, null, null, null],
          ['部门收入总表', null, null, null, null, null],
          [`单位名称：${NAME}`, null, null, null, '单位：万元', null],
          ['总计', '一般公共预算拨款', '政府性基金拨款', '纳入专户管理的非税收入拨款', '其他收入', '上年结转'],
          [508.93, { text: '508.93' }, null, null, null, null],
        ],
        merges: ['A1:F1', 'A2:F2', 'A3:D3', 'E3:F3'],
      },
    ]);
    const r = recognize(await office(buf, 'srzb.xlsx'), sets);
    expect(r.matches.map((m) => m?.tableId)).toEqual(['srzb']);
    expect(r.tables[0]).toMatchObject({ titleRows: 3, moneyUnit: '万元' });
  });

  it('reports a table it cannot place rather than guessing', async () => {
    const buf = await makeDocx([p('职工花名册'), tbl(3, [tr([tc('姓名'), tc('性别'), tc('出生年月')]), tr([tc('张三'), tc('男'), tc('1980.01')])])].join(''));
    const r = recognize(await office(buf, 'x.docx'), sets);
    expect(r.matches).toEqual([null]);
    expect(r.best).toBeNull();
  });
});

describe('reading recognised tables into their layouts', () => {
  it('reads seed 001 附件1–3 into columns, amounts in 元, the label-and-amount cells with their amounts and the continuation joined', async () => {
    const r = recognize(await office(await seed001Docx(), 'seed001.docx'), sets);
    const read = r.matches.map((m, i) => readTable(registry.table('hunan-2020', m!.tableId)!, r.tables[i]!, '万元'));
    const [szzb, srzb, zczb] = read;
    // 附件1: "一、基本支出 448.93" prints a label and its amount in one cell of the 经济分类 side, as the layout does.
    expect(szzb!.rows[0]!.cells).toEqual({
      incomeItem: { text: '一、一般公共预算拨款' },
      incomeAmount: { text: '508.93', value: '5089300' },
      funcItem: { text: '1、一般公共服务' },
      funcAmount: { text: '508.93', value: '5089300' },
      econAmount: { text: '一、基本支出 448.93', value: '4489300' },
    });
    expect(szzb!.rows[1]!.cells.econAmount).toEqual({ text: '支 出 总 计 508.93', value: '5089300' });
    expect(srzb!.rows).toEqual([{ sourceRow: 2, cells: { total: { text: '508.93', value: '5089300' }, general: { text: '508.93', value: '5089300' } } }]);
    expect(zczb!.rows.map((row) => [row.cells.codeClass?.text, row.cells.codeSection?.text, row.cells.codeItem?.text, row.cells.name?.text, row.cells.total?.value])).toEqual([
      ['201', undefined, undefined, '一般公共服务', '5089300'],
      ['201', '03', '01', '行政运行', '4489300'],
    ]);
    for (const t of read) {
      expect(t.unread).toEqual([]);
      expect(t.read).toBe(t.cells);
    }
  });

  it('reads a label-and-amount cell whose amount is zero (the label alone, as seed 001 prints it) as text, not as a bad figure', async () => {
    const buf = await makeDocx(
      [
        p('附件1'),
        p('部门收支总表'),
        p('单位：万元'),
        tbl(6, [
          tr([tc('收 入', { span: 3 }), tc('支 出', { span: 3 })], { header: true }),
          tr([tc('项 目'), tc('本年预算'), tc(''), tc('项 目'), tc('本年预算'), tc('本年预算')], { header: true }),
          tr(['二、政府性基金拨款', '', '', '8、卫生健康', '', '2.对个人和家庭的补助'].map((t) => tc(t))),
          tr(['收 入 总 计', '60.00', '', '支 出 总 计', '60.00', '二、项目支出 60.00'].map((t) => tc(t))),
        ]),
      ].join(''),
    );
    const r = recognize(await office(buf, 'szzb.docx'), sets);
    expect(r.matches.map((m) => m?.tableId)).toEqual(['szzb']);
    const read = readTable(registry.table('hunan-2020', 'szzb')!, r.tables[0]!, '万元');
    expect(read.unread).toEqual([]);
    expect(read.rows.map((row) => row.cells.econAmount)).toEqual([{ text: '2.对个人和家庭的补助' }, { text: '二、项目支出 60.00', value: '600000' }]);
  });

  it('lists what it cannot read with its place and the reason, and reads an empty-table note', async () => {
    const buf = await makeDocx(
      [
        p('附件2'),
        p('部门收入总表'),
        p('单位：元'),
        tbl(6, [
          tr(['总计', '一般公共预算拨款', '政府性基金拨款', '纳入专户管理的非税收入拨款', '其他收入', '上年结转'].map((t) => tc(t))),
          tr(['５０８，９３０', '约五十万', '', '', '', ''].map((t) => tc(t))),
        ]),
        p('附件15'),
        p('政府性基金拨款部门支出总表（分类）'),
        tbl(7, [
          tr([tc('科目编码', { span: 3 }), tc('科目名称', { vMerge: 'restart' }), tc('合计', { vMerge: 'restart' }), tc('基本支出', { vMerge: 'restart' }), tc('项目支出', { vMerge: 'restart' })]),
          tr([tc('类'), tc('款'), tc('项'), tc('', { vMerge: 'bare' }), tc('', { vMerge: 'bare' }), tc('', { vMerge: 'bare' }), tc('', { vMerge: 'bare' })]),
          tr([tc('本部门2020年无政府性基金预算拨款安排的支出，故本表为空表。', { span: 7 })]),
        ]),
      ].join(''),
    );
    const r = recognize(await office(buf, 'x.docx'), sets);
    expect(r.matches[0]?.tableId).toBe('srzb');
    const srzb = readTable(registry.table('hunan-2020', 'srzb')!, r.tables[0]!, '万元');
    expect(srzb.moneyUnit).toBe('元');
    expect(srzb.rows[0]!.cells.total).toEqual({ text: '５０８，９３０', value: '508930' });
    expect(srzb.unread).toEqual([{ where: '第 1 个表格', row: 2, col: 2, text: '约五十万', reason: '“约五十万”不是数字' }]);
    expect(r.matches[1]?.tableId).toBe('zfxjj-zc');
    const empty = readTable(registry.table('hunan-2020', 'zfxjj-zc')!, r.tables[1]!, '万元');
    expect(empty.emptyNote).toBe('本部门2020年无政府性基金预算拨款安排的支出，故本表为空表。');
    expect(empty.rows).toEqual([]);
    expect(empty.read).toBe(empty.cells);
  });
});

import type { Core } from '../../electron/core/core.js';
import { createSeed001Workbook } from '../fixtures/seed001/load.js';
import { callOk } from './core.js';
import { makeDocx, p, tbl, tc, tr } from './ooxml.js';
import { seedText } from './print.js';

export const SEED001_DEPT = '株洲市石峰区人民政府办公室';

/** The eight headings of seed 001's 第一部分 说明, as the seed prints them. */
export const SEED001_SECTIONS = [
  '一、部门职能职责',
  '二、机构设置',
  '三、部门预算单位构成',
  '四、部门收支总体情况',
  '五、一般公共预算拨款支出预算',
  '六、政府性基金预算支出',
  '七、其他重要事项情况说明',
  '八、名词解释',
];

/**
 * Seed 001's 附件1–3 as the office typed them in Word/WPS: "附件 1" and the title as separate paragraphs,
 * runs split mid-word, full-width digits, NBSP, the 单位名称/单位 lines as paragraphs or as a first row, and
 * 附件3 split across two pages with its header rows repeated.
 */
export function seed001TypedDocx(options: { explanation?: boolean } = {}): Promise<Buffer> {
  const money = (v: string) => tc(v);
  const fundHeader = (first: string) => [
    tr([tc(first, { vMerge: 'restart' }), tc('一般公共预算拨款', { vMerge: 'restart' }), tc('政府性基金拨款', { vMerge: 'restart' }), tc(['纳入专户管理的非税收入', '拨款'], { vMerge: 'restart' }), tc('其他收入', { vMerge: 'restart' }), tc('上年结转', { vMerge: 'restart' })], { header: true }),
  ];
  return makeDocx(
    [
      ...(options.explanation ? seed001Explanation().map((line) => p(line)) : []),
      p('附件 1'),
      p(['部门收', '支总表']),
      p(`单位名称：${SEED001_DEPT}`),
      p('单位:万元'),
      tbl(6, [
        tr([tc('收 入', { span: 3 }), tc('支 出', { span: 3 })], { header: true }),
        tr([tc('项 目'), tc('本年预 算'), tc(''), tc('项 目'), tc('本年预算'), tc('本年预算')], { header: true }),
        tr([tc('一、一般公共预算拨款'), money('508.93'), tc(''), tc('1、一般公共服务'), money('508.93'), tc('一、基本支出 448.93')]),
        tr([tc('收 入 总 计'), money('508.93'), tc(''), tc('支 出 总 计'), money('508.93'), tc('支 出 总 计 508.93')]),
      ]),
      p('附件\u00A0２'),
      p('部门收入总表'),
      tbl(6, [
        tr([tc(`单位名称：${SEED001_DEPT}\u3000\u3000\u3000\u3000单位：万元`, { span: 6 })]),
        ...fundHeader('总计'),
        tr(['508.93', '508.93', '', '', '', ''].map(money)),
      ]),
      p('附件 3'),
      p('部门支出总表'),
      p(`单位名称：${SEED001_DEPT}`),
      p('单位：万元'),
      tbl(10, [
        tr([tc('科目', { span: 4 }), tc('总计', { vMerge: 'restart' }), tc('一般公共预算 拨款', { vMerge: 'restart' }), tc('政府性基金拨 款', { vMerge: 'restart' }), tc('纳入专户管理 的非税收入拨 款', { vMerge: 'restart' }), tc('其他收入', { vMerge: 'restart' }), tc('上年结转', { vMerge: 'restart' })], { header: true }),
        tr([tc('科目编码', { span: 3 }), tc('科目名称', { vMerge: 'restart' }), ...Array.from({ length: 6 }, () => tc('', { vMerge: 'bare' }))], { header: true }),
        tr([tc('类'), tc('款'), tc('项'), ...Array.from({ length: 7 }, () => tc('', { vMerge: 'bare' }))], { header: true }),
        tr(['201', '', '', '一般公共服务', '508.93', '508.93', '', '', '', ''].map(money)),
      ]),
      // The same table continued on the next page: Word repeats the three header rows.
      p(''),
      tbl(10, [
        tr([tc('科目', { span: 4 }), tc('总计', { vMerge: 'restart' }), tc('一般公共预算 拨款', { vMerge: 'restart' }), tc('政府性基金拨 款', { vMerge: 'restart' }), tc('纳入专户管理 的非税收入拨 款', { vMerge: 'restart' }), tc('其他收入', { vMerge: 'restart' }), tc('上年结转', { vMerge: 'restart' })], { header: true }),
        tr([tc('科目编码', { span: 3 }), tc('科目名称', { vMerge: 'restart' }), ...Array.from({ length: 6 }, () => tc('', { vMerge: 'bare' }))], { header: true }),
        tr([tc('类'), tc('款'), tc('项'), ...Array.from({ length: 7 }, () => tc('', { vMerge: 'bare' }))], { header: true }),
        tr(['201', '03', '01', '行政运行', '448.93', '448.93', '', '', '', ''].map(money)),
      ]),
    ].join(''),
  );
}


/**
 * Seed 001's 第一部分 部门预算公开说明 as typed, one paragraph per line of the seed text (bold marks dropped),
 * from the part's heading after the 目录 up to and including the 第二部分 line. Empty when the seeds are absent.
 */
export function seed001Explanation(): string[] {
  const lines = (seedText('001') ?? '').split('\n').map((l) => l.trim().replace(/^\*\*|\*\*$/g, ''));
  const end = lines.findLastIndex((l) => l.startsWith('第二部分'));
  const start = lines.slice(0, end).findLastIndex((l) => l.startsWith('第一部分'));
  if (start < 0 || end < 0) return [];
  return lines.slice(start, end + 1).filter((l) => l !== '');
}

/**
 * Seed 001 as this app exports it: the fixture's facts entered into a 湖南 2020 workbook of `core`, written
 * to `out` as .docx by print.export (all 17 tables, the 说明 and the 绩效 tables). Returns the workbook path.
 */
export async function exportSeed001Docx(core: Core, out: string): Promise<string> {
  const wb = await createSeed001Workbook(core);
  await callOk(core, 'print.export', { path: wb, format: 'docx', out });
  return wb;
}

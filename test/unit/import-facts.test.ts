import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReadTable } from '../../shared/import/extract.js';
import { Dec } from '../../shared/money/decimal.js';
import { rebuildFacts } from '../../shared/import/facts.js';
import { TableSetRegistry } from '../../shared/tables/registry.js';
import { callOk } from '../helpers/core.js';
import { useTempDirs } from '../helpers/hooks.js';

/**
 * Facts rebuilt from published tables where the tables leave a choice (two 项 sharing a 款) or contradict
 * each other (a 类 whose 项 do not add up): the choice is made and said, the contradiction reported.
 */

const temp = useTempDirs('budgetdesk-import-facts-');
const hunan = new TableSetRegistry().get('hunan-2020')!;

describe('rebuilding budget facts', () => {
  it('splits a 款 shared by two 项 consistently with every table and says so', async () => {
    const core = temp.core();
    const { path: wb } = await callOk(core, 'library.create', { meta: { deptName: '测试局', year: 2020, tableSetId: 'hunan-2020' } });
    const line = (funcCode: string, econCode: string, amount: string) => ({ funcCode, econCode, fundSource: '经费拨款', nature: econCode.startsWith('302') ? '公用经费' : '人员经费', amount });
    await callOk(core, 'workbook.change', {
      path: wb,
      change: {
        edits: [
          { kind: 'insertRows', tableId: 'fact-income', index: 0, rows: [{ fundSource: '经费拨款', amount: '40' }] },
          {
            kind: 'insertRows',
            tableId: 'fact-lines',
            index: 0,
            rows: [line('2010301', '30101', '10'), line('2010350', '30101', '5'), line('2010301', '30201', '20'), line('2010350', '30201', '5')],
          },
        ],
      },
    });
    const file = path.join(temp.make(), '测试局.docx');
    await callOk(core, 'print.export', { path: wb, format: 'docx', out: file });
    const { report, path: out } = await callOk(core, 'import.run', { source: file, out: path.join(temp.make(), 'back.bdwb') });
    // Every published figure is reproduced by the rebuilt facts …
    expect(report!.entries.filter((e) => e.kind === '未还原' || e.kind === '未识别')).toEqual([]);
    // … and the split the tables do not fix is listed as an assumption.
    const notes = report!.entries.filter((e) => e.kind === '假设').map((e) => e.note);
    expect(notes.some((n) => /经济分类 30101（基本支出）分属 2010301、2010350/.test(n))).toBe(true);
    // 附件11 fixes each 项's 301 and 302 totals, 附件12/13 each 款's: here they determine the lines exactly.
    const lines = (await callOk(core, 'workbook.rows', { path: out, tableId: 'fact-lines' })).rows.map((r) => `${r.cells.funcCode} ${r.cells.econCode} ${r.cells.amount}`);
    expect(lines.sort()).toEqual(['2010301 30101 100000', '2010301 30201 200000', '2010350 30101 50000', '2010350 30201 50000']);
  });

  it('reports figures that no set of facts can print, with their place', () => {
    const zczb = hunan.tables.find((t) => t.id === 'zczb')!;
    const figure = (v: string) => ({ text: v, value: new Dec(v).times(10000).toFixed() });
    const read: ReadTable = {
      tableId: 'zczb',
      where: '第 3 个表格',
      moneyUnit: '万元',
      rows: [
        { sourceRow: 3, cells: { codeClass: { text: '201' }, name: { text: '一般公共服务' }, total: figure('100.00'), general: figure('100.00') } },
        { sourceRow: 4, cells: { codeClass: { text: '201' }, codeSection: { text: '03' }, codeItem: { text: '01' }, name: { text: '行政运行' }, total: figure('60.00'), general: figure('60.00') } },
      ],
      unread: [],
      cells: 0,
      read: 0,
    };
    const facts = rebuildFacts([{ def: zczb, read, label: '附件3 部门支出总表' }], 2020);
    // The 项 takes its 60 (moved at most below the printed digit towards the 类); the 类's other 40 has no 项 to go to.
    expect(facts.unmet.map((u) => [u.where, u.text])).toEqual([['第 3 个表格 第 4 行第 6 列', '100.00']]);
    expect(facts.lines).toHaveLength(1);
    expect(new Dec(facts.lines[0]!.amount!).minus(600000).abs().lt(50)).toBe(true);
    expect(facts.unmet[0]!.rebuilt).toBe(facts.lines[0]!.amount);
  });
});

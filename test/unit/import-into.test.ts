import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatMoney } from '../../shared/money/decimal.js';
import { callOk } from '../helpers/core.js';
import { useTempDirs } from '../helpers/hooks.js';
import { exportSeed001Docx } from '../helpers/seed001-docx.js';

const temp = useTempDirs('budgetdesk-import-into-');

describe('import.run into an open workbook keeps amounts exact whatever the workbook’s 金额单位', () => {
  it.each(['万元', '元'] as const)('a %s workbook gets seed 001’s 收入 508.93 万元 as 5089300 元', async (moneyUnit) => {
    const core = temp.core();
    const file = path.join(temp.make(), 'seed001.docx');
    await exportSeed001Docx(core, file);
    const wb = (await callOk(core, 'library.create', { meta: { deptName: '株洲市石峰区人民政府办公室', year: 2021, tableSetId: 'hunan-2020', moneyUnit } })).path;
    const r = await callOk(core, 'import.run', { source: file, into: wb });
    expect(r.written).toBe(true);
    // Seed 001 附件2: 总计 508.93 (万元), last year's for a 2021 workbook.
    const income = (await callOk(core, 'workbook.rows', { path: wb, tableId: 'fact-income' })).rows;
    expect(income.map((row) => [row.cells.prevAmount, row.cells.amount])).toEqual([['5089300', undefined]]);
    // 附件5: 30101 基本工资 111.68 as the export prints it; the rebuilt line may carry a share of the rounding
    // (the importer's choice), but it prints the same, in 万元 and not 10000 times more.
    const lines = (await callOk(core, 'workbook.rows', { path: wb, tableId: 'fact-lines' })).rows;
    expect(formatMoney(lines.find((row) => row.cells.econCode === '30101')?.cells.prevAmount, '万元')).toBe('111.68');
    core.closeAll();
  });
});

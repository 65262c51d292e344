import { describe, expect, it } from 'vitest';
import { columnLabel, fillTemplate, headerCells, headerLeafKeys, visibleColumns, type HeaderCell } from '../../shared/tables/layout.js';
import { TableSetRegistry } from '../../shared/tables/registry.js';
import type { TableDef } from '../../shared/tables/schema.js';

const registry = new TableSetRegistry();

function table(setId: string, tableId: string): TableDef {
  const def = registry.table(setId, tableId);
  if (!def) throw new Error(`missing ${setId}/${tableId}`);
  return def;
}

/** The one header cell with this label (optionally on a given row); fails loudly when ambiguous. */
function cellOf(cells: HeaderCell[], label: string, row?: number): HeaderCell {
  const found = cells.filter((c) => c.label === label && (row === undefined || c.row === row));
  expect(found, `header cell “${label}”`).toHaveLength(1);
  return found[0]!;
}

const span = (c: HeaderCell) => ({ row: c.row, col: c.col, rowSpan: c.rowSpan, colSpan: c.colSpan });

describe('headerCells on seed 000/002 附件3-2 专项资金支出方向绩效目标表', () => {
  const { rows, cells } = headerCells(table('hunan-2019-jx', 'zxzj-fx').header);

  it('prints three header rows', () => {
    expect(rows).toBe(3);
  });

  it('绩效指标 spans the 9 indicator columns, split into 产出 (4) and 效益 (5)', () => {
    expect(span(cellOf(cells, '绩效指标'))).toEqual({ row: 0, col: 7, rowSpan: 1, colSpan: 9 });
    expect(span(cellOf(cells, '产出指标'))).toEqual({ row: 1, col: 7, rowSpan: 1, colSpan: 4 });
    expect(span(cellOf(cells, '效益指标'))).toEqual({ row: 1, col: 11, rowSpan: 1, colSpan: 5 });
    const leaves = cells.filter((c) => c.row === 2).map((c) => c.label);
    expect(leaves).toEqual(['数量指标', '质量指标', '时效指标', '成本指标', '经济效益指标', '社会效益指标', '生态效益指标', '可持续影响指标', '社会公益或服务对象满意度指标']);
  });

  it('the seven descriptive columns span all three rows', () => {
    for (const [i, label] of ['主管部门', '支出方向', '所属专项名称', '专项实施期', '支出方向年度金额', '实施期绩效目标', '年度绩效目标'].entries()) {
      expect(span(cellOf(cells, label))).toEqual({ row: 0, col: i, rowSpan: 3, colSpan: 1 });
    }
  });

  it('the 2020 version (seed 001 附件3) has 8 indicator columns', () => {
    const c2020 = headerCells(table('hunan-2020', 'zxzj-fx').header).cells;
    expect(cellOf(c2020, '绩效指标').colSpan).toBe(8);
    expect(cellOf(c2020, '效益指标').colSpan).toBe(4);
  });
});

describe('headerCells on seed 001 部门预算公开表格', () => {
  it('附件3 支出总表: 科目 → 科目编码 (类/款/项) + 科目名称; the money columns span 3 rows', () => {
    const def = table('hunan-2020', 'zczb');
    const { rows, cells } = headerCells(def.header);
    expect(rows).toBe(3);
    expect(span(cellOf(cells, '科目'))).toEqual({ row: 0, col: 0, rowSpan: 1, colSpan: 4 });
    expect(span(cellOf(cells, '科目编码'))).toEqual({ row: 1, col: 0, rowSpan: 1, colSpan: 3 });
    expect(span(cellOf(cells, '科目名称'))).toEqual({ row: 1, col: 3, rowSpan: 2, colSpan: 1 });
    expect(['类', '款', '项'].map((l) => span(cellOf(cells, l)))).toEqual([
      { row: 2, col: 0, rowSpan: 1, colSpan: 1 },
      { row: 2, col: 1, rowSpan: 1, colSpan: 1 },
      { row: 2, col: 2, rowSpan: 1, colSpan: 1 },
    ]);
    const top = cells.filter((c) => c.row === 0 && c.label !== '科目');
    expect(top.map((c) => c.label)).toEqual(['总计', '一般公共预算拨款', '政府性基金拨款', '纳入专户管理的非税收入拨款', '其他收入', '上年结转']);
    for (const c of top) expect(c.rowSpan).toBe(3);
  });

  it('附件4 支出预算明细表 has the same columns under a two-row header', () => {
    const { rows, cells } = headerCells(table('hunan-2020', 'zcmx').header);
    expect(rows).toBe(2);
    expect(span(cellOf(cells, '科目编码'))).toEqual({ row: 0, col: 0, rowSpan: 1, colSpan: 3 });
    expect(cellOf(cells, '总计').rowSpan).toBe(2);
  });

  it('附件11 一般公共预算支出情况表 groups 基本支出 (4) and 项目支出 (8) under a 3-row header', () => {
    const def = table('hunan-2020', 'ybgg-zc');
    const { rows, cells } = headerCells(def.header);
    expect(rows).toBe(3);
    expect(visibleColumns(def)).toHaveLength(17);
    expect(span(cellOf(cells, '功能科目'))).toEqual({ row: 0, col: 0, rowSpan: 1, colSpan: 4 });
    expect(span(cellOf(cells, '总 计'))).toEqual({ row: 0, col: 4, rowSpan: 3, colSpan: 1 });
    expect(span(cellOf(cells, '基本支出'))).toEqual({ row: 0, col: 5, rowSpan: 1, colSpan: 4 });
    expect(span(cellOf(cells, '项目支出'))).toEqual({ row: 0, col: 9, rowSpan: 1, colSpan: 8 });
    const basic = cells.filter((c) => c.row === 1 && c.col >= 5 && c.col < 9);
    expect(basic.map((c) => c.label)).toEqual(['合计', '工资福利支出', '一般商品和服务支出', '对个人和家庭的补助']);
    for (const c of basic) expect(c.rowSpan).toBe(2);
    // Both groups have a 对个人和家庭的补助 leaf; the cell carries the column key that tells them apart.
    expect(cells.filter((c) => c.label === '对个人和家庭的补助').map((c) => c.key)).toEqual(['basicFamily', 'projectFamily']);
    expect(columnLabel(def, 'basicGoods')).toBe('一般商品和服务支出');
  });

  it('附件8 项目支出预算明细表 nests 纳入预算管理的非税收入拨款 under 资金来源', () => {
    const { rows, cells } = headerCells(table('hunan-2020', 'xmzc-mx').header);
    expect(rows).toBe(3);
    expect(span(cellOf(cells, '资 金 来 源'))).toEqual({ row: 0, col: 2, rowSpan: 1, colSpan: 8 });
    expect(span(cellOf(cells, '财政全额拨款'))).toEqual({ row: 1, col: 2, rowSpan: 2, colSpan: 1 });
    expect(span(cellOf(cells, '纳入预算管理的非税收入拨款'))).toEqual({ row: 1, col: 3, rowSpan: 1, colSpan: 4 });
    expect(span(cellOf(cells, '项目名称'))).toEqual({ row: 0, col: 0, rowSpan: 3, colSpan: 1 });
  });

  it('附件1 部门收支总表 is two-sided as seed 001 prints it: 收入 over 3 columns (the third blank), 支出 over 3', () => {
    const { rows, cells } = headerCells(table('hunan-2020', 'szzb').header);
    expect(rows).toBe(2);
    expect(span(cellOf(cells, '收 入'))).toEqual({ row: 0, col: 0, rowSpan: 1, colSpan: 3 });
    expect(span(cellOf(cells, '支 出'))).toEqual({ row: 0, col: 3, rowSpan: 1, colSpan: 3 });
    expect(cells.filter((c) => c.row === 1).map((c) => [c.key, c.label])).toEqual([
      ['incomeItem', '项 目'],
      ['incomeAmount', '本年预算'],
      ['incomeSpare', ''],
      ['funcItem', '项 目'],
      ['funcAmount', '本年预算'],
      ['econAmount', '本年预算'],
    ]);
  });

  it('附件17 prints a 栏次 row matching its columns', () => {
    const def = table('hunan-2020', 'ybgg-jbzc');
    expect(headerCells(def.header).rows).toBe(1);
    // As the seed prints it: '**' under the two text columns.
    expect(def.numberRow).toEqual(['**', '**', '1', '2', '3']);
    expect(def.numberRow).toHaveLength(visibleColumns(def).length);
  });
});

describe('national 9-table baseline headers', () => {
  it('"三公" table: 公务用车购置及运行费 groups 小计/购置/运行', () => {
    const { rows, cells } = headerCells(table('national-9', 'sgjf').header);
    expect(rows).toBe(2);
    expect(span(cellOf(cells, '公务用车购置及运行费'))).toEqual({ row: 0, col: 2, rowSpan: 1, colSpan: 3 });
    expect(cellOf(cells, '合计').rowSpan).toBe(2);
  });

  it('一般公共预算基本支出表: two groups of two and three columns', () => {
    const { cells } = headerCells(table('national-9', 'ybgg-jbzc').header);
    expect(cellOf(cells, '部门预算支出经济分类科目').colSpan).toBe(2);
    expect(cellOf(cells, '本年一般公共预算基本支出').colSpan).toBe(3);
  });
});

describe('every grid layout', () => {
  it('header leaves name the visible columns in order, in every built-in set', () => {
    for (const set of registry.list()) {
      for (const def of set.tables) {
        if (def.body.kind === 'form') continue;
        expect(headerLeafKeys(def.header), `${set.id}/${def.id}`).toEqual(visibleColumns(def).map((c) => c.key));
        const { rows, cells } = headerCells(def.header);
        const width = visibleColumns(def).length;
        // Every header row is fully covered: the cells tile rows × columns exactly.
        const area = cells.reduce((sum, c) => sum + c.rowSpan * c.colSpan, 0);
        expect(area, `${set.id}/${def.id}`).toBe(rows * width);
      }
    }
  });

  it('the indicator list of a 项目绩效目标表 has a one-row, six-column header', () => {
    const def = table('hebei-county-project', 'xm-jx');
    if (def.body.kind !== 'form') throw new Error('expected a form');
    const list = def.body.sections.find((s) => s.kind === 'list');
    if (!list || list.kind !== 'list' || !list.header) throw new Error('expected an indicator list');
    const { rows, cells } = headerCells(list.header);
    expect(rows).toBe(1);
    expect(cells.map((c) => c.label)).toEqual(['一级指标', '二级指标', '三级指标', '绩效指标描述', '指标值', '指标值确定依据']);
  });

  it('titles fill the year', () => {
    expect(fillTemplate(table('hunan-2020', 'ybgg-zc').title, { year: 2020, deptName: '株洲市石峰区人民政府办公室' })).toBe('2020年一般公共预算支出情况表');
    expect(fillTemplate(table('hunan-2020', 'zfxjj-zc').emptyNote ?? '', { year: 2020, deptName: 'x' })).toBe('本部门2020年无政府性基金预算拨款安排的支出，故本表为空表。');
  });
});

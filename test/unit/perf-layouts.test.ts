import { describe, expect, it } from 'vitest';
import { formFieldTarget, PERF_TABLES } from '../../shared/perf/binding.js';
import { TableSetRegistry } from '../../shared/tables/registry.js';
import type { TableDef } from '../../shared/tables/schema.js';
import { checkTableSet } from '../../shared/tables/validate.js';
import model from '../../shared/tables/model/performance.json' with { type: 'json' };
import hebei from '../../shared/tables/sets/hebei-county-project.json' with { type: 'json' };

/* eslint-disable @typescript-eslint/no-explicit-any -- broken definitions are built by poking raw JSON */

const registry = new TableSetRegistry();
const modelTable = (id: string): TableDef => registry.modelTables().find((t) => t.id === id)!;

/** The 绩效 layouts of the five sets: [set, table, the model table its values live in]. */
const layouts: [string, string, string][] = [
  ['hunan-2019-jx', 'zxzj-hz', PERF_TABLES.special],
  ['hunan-2019-jx', 'zxzj-fx', PERF_TABLES.directions],
  ['hunan-2019-jx', 'bmzt-jx', PERF_TABLES.dept],
  ['hunan-2020', 'zxzj-hz', PERF_TABLES.special],
  ['hunan-2020', 'zxzj-fx', PERF_TABLES.directions],
  ['hunan-2020', 'bmzt-jx', PERF_TABLES.dept],
  ['hebei-county-project', 'bmzt-jxmb', PERF_TABLES.dept],
  ['hebei-county-project', 'xm-jx', PERF_TABLES.projects],
  ['district-2023-project', 'zdxm-jx', PERF_TABLES.projects],
];

describe('the performance model (shared/tables/model/performance.json)', () => {
  it('is a valid document whose tables every workbook has', () => {
    expect(checkTableSet(model).problems).toEqual([]);
    expect(registry.modelTables().map((t) => t.id)).toEqual(expect.arrayContaining(Object.values(PERF_TABLES)));
    expect(modelTable(PERF_TABLES.special).columns.map((c) => c.key)).toEqual(['budgetProject', 'seq', 'name', 'direction', 'amount', 'goalPeriod', 'goalYear']);
    expect(modelTable(PERF_TABLES.indicators).columns.map((c) => c.key)).toEqual([
      'owner',
      'level1',
      'level2',
      'name',
      'desc',
      'op',
      'prefix',
      'value',
      'unit',
      'basis',
      'weight',
      'direction',
      'periodValue',
      'original',
    ]);
  });

  it('accepts 效果指标 and >= as aliases of its enum options', () => {
    const level1 = modelTable(PERF_TABLES.indicators).columns.find((c) => c.key === 'level1')!;
    expect(level1.options!.find((o) => o.aliases?.includes('效果指标'))?.value).toBe('效益指标');
    const op = modelTable(PERF_TABLES.indicators).columns.find((c) => c.key === 'op')!;
    expect(op.options!.map((o) => o.value)).toEqual(['≥', '≤', '=', '>', '<', '定性']);
    expect(op.options!.find((o) => o.aliases?.includes('>='))?.value).toBe('≥');
  });
});

describe('绩效 layouts bind to the model', () => {
  it.each(layouts)('%s/%s keeps its values in %s, with columns and fields the model has', (setId, tableId, store) => {
    const def = registry.table(setId, tableId)!;
    expect(def.store).toBe(store);
    const target = modelTable(store);
    const model = (id: string) => registry.table(setId, id);
    if (def.body.kind !== 'form') {
      for (const col of def.columns) {
        const modelCol = target.columns.find((c) => c.key === col.key);
        expect(modelCol, `${tableId}.${col.key}`).toBeDefined();
        expect(modelCol!.type).toBe(col.type);
      }
      return;
    }
    const recordId = def.body.repeatFor === undefined ? undefined : 'r1';
    for (const section of def.body.sections) {
      if (section.kind === 'cells') {
        for (const cell of section.rows.flat()) {
          if (cell.field !== undefined) expect(formFieldTarget(def, cell.field, model, recordId), `${tableId}.${cell.field}`).toMatchObject({ tableId: store });
        }
        continue;
      }
      const listStore = modelTable(section.store!);
      for (const col of section.columns.filter((c) => c.key !== 'seq')) {
        const modelCol = listStore.columns.find((c) => c.key === col.key);
        expect(modelCol, `${tableId}.${section.field}.${col.key}`).toBeDefined();
        for (const o of col.options ?? []) expect(modelCol!.options!.map((m) => m.value)).toContain(o.value);
      }
      for (const row of section.defaultRows ?? []) {
        const level1 = listStore.columns.find((c) => c.key === 'level1')!;
        if (row.level1 !== undefined) expect(level1.options!.map((o) => o.value)).toContain(row.level1);
      }
    }
  });

  it('project forms print 指标值 in their own style and 效益 under their own name', () => {
    const list = (setId: string, tableId: string) => {
      const body = registry.table(setId, tableId)!.body;
      if (body.kind !== 'form') throw new Error('expected a form');
      return body.sections.find((s) => s.kind === 'list')!;
    };
    const hebeiList = list('hebei-county-project', 'xm-jx');
    const districtList = list('district-2023-project', 'zdxm-jx');
    expect([hebeiList.kind === 'list' && hebeiList.indicatorStyle, districtList.kind === 'list' && districtList.indicatorStyle]).toEqual(['hebei', 'ascii']);
    const label = (l: typeof hebeiList) => (l.kind === 'list' ? l.columns.find((c) => c.key === 'level1')!.options!.find((o) => o.value === '效益指标')!.label : '');
    expect([label(hebeiList), label(districtList)]).toEqual(['效益指标', '效果指标']);
  });

  it('部门整体 fields are fixed rows dept-<field> of perf-dept', () => {
    const def = registry.table('hunan-2020', 'bmzt-jx')!;
    const model = (id: string) => registry.table('hunan-2020', id);
    expect(formFieldTarget(def, 'totalAmount', model)).toEqual({ tableId: 'perf-dept', rowId: 'dept-totalAmount', col: 'amount' });
    expect(formFieldTarget(def, 'overallGoal', model)).toEqual({ tableId: 'perf-dept', rowId: 'dept-overallGoal', col: 'text' });
    expect(formFieldTarget(def, 'nosuch', model)).toBeUndefined();
    const project = registry.table('hebei-county-project', 'xm-jx')!;
    expect(formFieldTarget(project, 'plan1', (id) => registry.table('hebei-county-project', id), 'r1')).toEqual({ tableId: 'perf-projects', rowId: 'r1', col: 'plan1' });
    expect(formFieldTarget(project, 'plan1', (id) => registry.table('hebei-county-project', id))).toBeUndefined();
  });
});

describe('schema additions for the model', () => {
  it('refuse an alias that repeats another option, and an indicator style on a list without 指标值', () => {
    const broken = structuredClone(hebei) as any;
    const list = broken.tables[1].body.sections[1];
    list.columns[0].options[1].aliases = ['产出指标'];
    list.columns = list.columns.filter((c: any) => c.key !== 'value');
    list.header = list.header.filter((h: any) => h.key !== 'value');
    list.columnSpans = [1, 2, 2, 4, 4];
    const problems = checkTableSet(broken).problems.map((p) => p.message);
    expect(problems).toEqual([
      expect.stringContaining('列 level1 的选项别名“产出指标”与其他选项重复'),
      expect.stringContaining('指标列表必须有 value（指标值）列'),
    ]);
  });
});

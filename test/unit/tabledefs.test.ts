import { describe, expect, it } from 'vitest';
import { builtInTableSets, TableSetError, TableSetRegistry } from '../../shared/tables/registry.js';
import { tableSetSchema, type FactQuery, type TableDef, type TableSet } from '../../shared/tables/schema.js';
import { checkTableSet, validateTableSet } from '../../shared/tables/validate.js';
import { factDimensions, hierarchicalMatch } from '../../shared/tables/vocabulary.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- broken definitions are built by poking raw JSON */

const raws = builtInTableSets() as TableSet[];
const rawSet = (id: string): any => structuredClone(raws.find((s) => s.id === id));
const rawTable = (set: any, tableId: string): any => set.tables.find((t: any) => t.id === tableId);

/** Problems of a raw set as "path: message" lines, so failures show exactly what is wrong. */
function problems(raw: unknown): string[] {
  return checkTableSet(raw).problems.map((p) => `${p.path}: ${p.message}`);
}

function expectProblem(raw: unknown, ...fragments: string[]): void {
  const found = problems(raw);
  for (const fragment of fragments) {
    expect(
      found.some((p) => p.includes(fragment)),
      `expected a problem mentioning “${fragment}”, got:\n${found.join('\n')}`,
    ).toBe(true);
  }
}

function allFacts(def: TableDef): FactQuery[] {
  const out: FactQuery[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        if (k === 'fact') out.push(v as FactQuery);
        else visit(v);
      }
    }
  };
  visit(def.body);
  return out;
}

describe('built-in table sets', () => {
  it.each(raws.map((s) => [s.id, s] as const))('%s parses and has no problems', (_id, raw) => {
    expect(tableSetSchema.safeParse(raw).success).toBe(true);
    expect(problems(raw)).toEqual([]);
  });

  it('are all registered', () => {
    const registry = new TableSetRegistry();
    expect(registry.list().map((s) => s.id)).toEqual(['district-2023-project', 'hebei-county-project', 'hunan-2019-jx', 'hunan-2020', 'national-9']);
  });

  it('keep 附件3-1 (zxzj-hz) as the grid and E2E tests expect it', () => {
    const def = new TableSetRegistry().table('hunan-2019-jx', 'zxzj-hz')!;
    expect(def.number).toBe('附件3-1');
    expect(def.columns.map((c) => c.key)).toEqual(['budgetProject', 'seq', 'name', 'direction', 'amount', 'goalPeriod', 'goalYear']);
    expect(def.body).toEqual({ kind: 'free', total: { label: '合计', labelColumn: 'name', position: 'bottom' } });
  });

  it('hunan-2019-jx has 附件3-1…3-3, with 3-3 as a form', () => {
    const set = new TableSetRegistry().get('hunan-2019-jx')!;
    expect(set.tables.map((t) => [t.number, t.body.kind])).toEqual([
      ['附件3-1', 'free'],
      ['附件3-2', 'free'],
      ['附件3-3', 'form'],
    ]);
  });

  it('hunan-2020 has 附件1–17 and the three 绩效目标申报表', () => {
    const set = new TableSetRegistry().get('hunan-2020')!;
    const budget = set.tables.filter((t) => t.group === '部门预算公开表格');
    expect(budget.map((t) => t.number)).toEqual(Array.from({ length: 17 }, (_, i) => `附件${i + 1}`));
    const perf = set.tables.filter((t) => t.group === '绩效目标申报表');
    expect(perf.map((t) => [t.number, t.shortTitle])).toEqual([
      ['附件1', '部门整体支出绩效申报表'],
      ['附件2', '专项资金预算绩效目标汇总表'],
      ['附件3', '专项资金支出方向绩效目标表'],
    ]);
    for (const t of set.tables) expect(t.moneyUnit, t.id).toBe('万元');
  });

  it('hunan-2020 fixed code lists are the seed’s, zero rows included', () => {
    const set = new TableSetRegistry().get('hunan-2020')!;
    const codesOf = (id: string): string[] => {
      const body = set.tables.find((t) => t.id === id)!.body;
      if (body.kind !== 'derived') throw new Error('expected derived');
      return (body.codes ?? []).map((c) => (typeof c === 'string' ? c : c.code));
    };
    expect(codesOf('jbzc-gzfl')).toEqual(['301', '30101', '30102', '30103', '30108', '30109', '30110', '30111', '30112', '30113', '30114', '30199']);
    expect(codesOf('ybgg-jb-gzfl')).toEqual(codesOf('jbzc-gzfl'));
    expect(codesOf('jbzc-grjt')).toEqual(['303', '30301', '30302', '30307', '30309']);
    const full = codesOf('ybgg-jbzc');
    expect(full[0]).toBe('301');
    expect(full.at(-1)).toBe('30399');
    expect(full).toHaveLength(53);
    expect(full).toContain('30212');
  });

  it('hunan-2020 "三公" table sums the 三公, 会议费 and 培训费 roles of the code list (30212/30217/30231/31013, 30215/30216) of 一般公共预算', () => {
    const def = new TableSetRegistry().table('hunan-2020', 'sgjf')!;
    if (def.body.kind !== 'fixed') throw new Error('expected fixed');
    expect(def.body.rows.map((r) => r.cells.item)).toEqual([
      '合 计',
      '一、“三公”经费小计',
      '1.因公出国（境）费用',
      '2.公务接待费',
      '3.公务用车购置及运行费',
      '（1）公务用车运行维护费',
      '（2）公务用车购置费',
      '二、会议费、培训费小计',
      '1.会议费',
      '2.培训费',
    ]);
    const roles = allFacts(def).map((q) => q.filter?.econRole);
    expect(roles).toEqual(['abroad', 'reception', 'vehicleRun', 'vehiclePurchase', 'meeting', 'training']);
    // Each role stands for the 款 the year's code list gives it.
    expect(roles.map((r) => factDimensions.econRole.values.find((v) => v.value === r)?.codes)).toEqual([['30212'], ['30217'], ['30231'], ['31013'], ['30215'], ['30216']]);
    for (const q of allFacts(def)) expect(q.filter?.fundSource).toBe('general');
  });

  it('empty fund tables name the right fund', () => {
    const registry = new TableSetRegistry();
    expect(registry.table('hunan-2020', 'zfxjj-zc')!.emptyNote).toBe('本部门{year}年无政府性基金预算拨款安排的支出，故本表为空表。');
    expect(registry.table('hunan-2020', 'zhgl-zc')!.emptyNote).toContain('纳入专户管理的非税收入拨款');
    expect(registry.table('national-9', 'gyzb-zc')!.emptyNote).toContain('国有资本经营预算');
  });

  it('national-9 is the DOMAIN §2 baseline', () => {
    const set = new TableSetRegistry().get('national-9')!;
    expect(set.tables.map((t) => t.shortTitle)).toEqual([
      '部门收支总表',
      '部门收入总表',
      '部门支出总表',
      '财政拨款收支总表',
      '一般公共预算支出表',
      '一般公共预算基本支出表',
      '“三公”经费支出表',
      '政府性基金预算支出表',
      '国有资本经营预算支出表',
    ]);
  });

  it('项目绩效目标表 are repeated forms with an indicator list (seed 003 in 元, seed 004 in 万元)', () => {
    const registry = new TableSetRegistry();
    for (const [setId, tableId, unit] of [
      ['hebei-county-project', 'xm-jx', '元'],
      ['district-2023-project', 'zdxm-jx', '万元'],
    ] as const) {
      const def = registry.table(setId, tableId)!;
      expect(def.moneyUnit).toBe(unit);
      if (def.body.kind !== 'form') throw new Error('expected form');
      expect(def.body.repeatFor).toBe('projects');
      const list = def.body.sections.find((s) => s.kind === 'list');
      expect(list?.kind === 'list' && list.mergeColumns).toEqual(['level1', 'level2']);
      const fields = def.body.sections.flatMap((s) => (s.kind === 'cells' ? s.rows.flat().map((c) => c.field) : [])).filter(Boolean);
      expect(fields).toEqual(expect.arrayContaining(['code', 'name', 'amount', 'fiscalAmount', 'otherAmount', 'plan1', 'plan4', 'goal']));
    }
  });

  it('use one fact vocabulary: only income/expense, and income only by fundSource/unit', () => {
    for (const set of new TableSetRegistry().list()) {
      for (const def of set.tables) {
        for (const q of allFacts(def)) {
          expect(['income', 'expense'], `${set.id}/${def.id}`).toContain(q.measure);
          if (q.measure === 'income') expect(Object.keys(q.filter ?? {}).every((k) => k === 'fundSource' || k === 'unit')).toBe(true);
        }
      }
    }
  });

  it('hierarchical values match their descendants only', () => {
    expect(hierarchicalMatch('general', 'general.nonTax.fee')).toBe(true);
    expect(hierarchicalMatch('general', 'general')).toBe(true);
    expect(hierarchicalMatch('general', 'carryover.general')).toBe(false);
    expect(hierarchicalMatch('basic', 'basic.personnel')).toBe(true);
    expect(hierarchicalMatch('basic.personnel', 'basic')).toBe(false);
  });
});

describe('broken definitions are rejected with a useful problem', () => {
  it('header leaf that names no column, and a column left without header', () => {
    const set = rawSet('hunan-2019-jx');
    rawTable(set, 'zxzj-hz').header[1].key = 'nmae';
    expectProblem(set, '表头列 nmae 不是本表的列', '列 name 没有表头');
    expect(problems(set)[0]).toMatch(/^tables\[0\]\(zxzj-hz\)\.header: 表“附件3-1 专项资金预算绩效目标汇总表”：/);
  });

  it('header in a different order than the columns', () => {
    const set = rawSet('hunan-2019-jx');
    const header = rawTable(set, 'zxzj-hz').header;
    [header[1], header[2]] = [header[2], header[1]];
    expectProblem(set, '表头列顺序为 seq、direction、name');
  });

  it('a header leaf used twice, and a group node with a key', () => {
    const set = rawSet('hunan-2020');
    const t = rawTable(set, 'zczb');
    t.header[0].key = 'name';
    t.header.push({ label: '上年结转', key: 'carryover' });
    expectProblem(set, '表头“科目”有下级表头', '表头列 carryover 出现了 2 次');
  });

  it('a code/name role on a column that is not text', () => {
    const set = rawSet('hunan-2020');
    rawTable(set, 'zczb').columns.find((c: { key: string }) => c.key === 'total').role = 'name';
    expectProblem(set, '列 total 不是文本列，不能指定 role（编码或名称）');
  });

  it('duplicate column keys and duplicate table ids', () => {
    const set = rawSet('hunan-2019-jx');
    rawTable(set, 'zxzj-fx').columns.push({ key: 'dept', type: 'text' });
    set.tables.push({ ...structuredClone(rawTable(set, 'zxzj-hz')), aliases: [], title: '另一张表' });
    expectProblem(set, '列 dept 重复定义', '表编号 zxzj-hz 与第 1 张表重复');
  });

  it('total label column that does not exist, or that would cover a money column', () => {
    const set = rawSet('hunan-2019-jx');
    rawTable(set, 'zxzj-hz').body.total.labelColumn = 'title';
    expectProblem(set, '合计行标签列 title 不是本表的可见列');
    const set2 = rawSet('hunan-2020');
    rawTable(set2, 'zcmx').body.total.labelSpan = 5;
    expectProblem(set2, '合计行标签不能占用数值列 total');
  });

  it('fixed rows: unknown column, unknown row, text in a money column, and a sum cycle', () => {
    const set = rawSet('hunan-2020');
    const rows = rawTable(set, 'sgjf').body.rows;
    rows[2].cells.amout = { fact: { measure: 'expense' } };
    rows[3].cells.amount = '5.34';
    rows[4].cells.amount = { sumRows: ['vehicleRunning', 'nosuchrow'] };
    rows[5].cells.amount = { sumRows: ['vehicle'] };
    expectProblem(set, '固定行引用了不存在的列 amout', '数值列 amount 不能填文字“5.34”', 'sumRows 引用了不存在的行 nosuchrow', '求和引用形成循环：vehicle.amount → vehicleRunning.amount → vehicle.amount');
  });

  it('derived tables: a column without a rule, bad vocabulary, bad codes', () => {
    const set = rawSet('hunan-2020');
    const body = rawTable(set, 'jbzc-gzfl').body;
    delete body.columns.amount;
    body.filter = { nature: 'basicPersonnel', econClass: '301' };
    body.codes.push('3011', { code: '30201', name: '办公费' });
    expectProblem(
      set,
      '列 amount 没有取数规则',
      '“basicPersonnel”不是 nature 的取值',
      '未知的筛选条件“econClass”',
      '科目编码“3011”的位数不对',
      '固定科目 30201 的上级 302 应排在它之前',
    );
  });

  it('fact queries: unknown measure, income filtered by an expense dimension, malformed code', () => {
    const set = rawSet('hunan-2020');
    const rows = rawTable(set, 'szzb').body.rows;
    rows[0].cells.incomeAmount = { fact: { measure: 'revenue' } };
    rows[1].cells.incomeAmount = { fact: { measure: 'income', filter: { funcCode: '201' } } };
    rows[2].cells.funcAmount = { fact: { measure: 'expense', filter: { funcCode: '2010' } } };
    expectProblem(set, '未知的取数口径“revenue”', '收入数据没有“funcCode”维度', '科目编码“2010”应为 3/5/7 位数字');
  });

  it('forms: rows that do not fill the grid, overlapping spans, list widths, unknown merge column', () => {
    const set = rawSet('district-2023-project');
    const body = rawTable(set, 'zdxm-jx').body;
    body.sections[0].rows[0][1].colSpan = 3;
    body.sections[0].rows[2][0].colSpan = 3;
    body.sections[1].columnSpans = [1, 2, 2, 4, 2, 3];
    body.sections[1].mergeColumns.push('level3');
    expectProblem(set, '第 1 行只占了 12 列，应为 13 列', '第 3 行的单元格超出了表格宽度', '列表共占 14 列，应为表格宽度 13 列', '合并列 level3 不是本列表的列');
  });

  it('forms: duplicate fields, a computed cell without a field, an unknown collection', () => {
    const set = rawSet('hunan-2020');
    const body = rawTable(set, 'bmzt-jx').body;
    body.sections[0].rows[5][1].field = 'totalAmount';
    body.sections[0].rows[2][1] = { fact: { measure: 'expense' } };
    body.repeatFor = 'departments';
    expectProblem(set, '字段 totalAmount 重复', '没有 field 的单元格不能设置 fact', '未知的重复对象“departments”');
  });

  it('unknown placeholders, and record placeholders outside a repeated form', () => {
    const set = rawSet('hunan-2020');
    rawTable(set, 'ybgg-zc').title = '{yaer}年一般公共预算支出情况表';
    rawTable(set, 'srzb').title = '{item.name}部门收入总表';
    expectProblem(set, '未知的占位符 {yaer}', '未知的占位符 {item.name}');
    const ok = rawSet('hebei-county-project');
    rawTable(ok, 'xm-jx').title = '{index}.{item.nmae}绩效目标表';
    expectProblem(ok, '未知的占位符 {item.nmae}');
  });

  it('two tables the importer could not tell apart', () => {
    const set = rawSet('hunan-2020');
    rawTable(set, 'zcmx').aliases.push('部门支出总表');
    expectProblem(set, '标题“部门支出总表”同时属于表 zczb');
  });

  it('shape errors come back as problems too', () => {
    const set = rawSet('hunan-2019-jx');
    rawTable(set, 'zxzj-hz').colour = 'red';
    const result = checkTableSet(set);
    expect(result.set).toBeNull();
    expect(result.problems[0]?.path).toBe('tables[0].colour');
    expect(result.problems[0]?.message).toMatch(/^格式错误：/);
  });

  it('validateTableSet on a parsed set reports the same problems', () => {
    const set = rawSet('hunan-2019-jx');
    rawTable(set, 'zxzj-hz').header.pop();
    expect(validateTableSet(tableSetSchema.parse(set)).map((p) => p.message)).toEqual([expect.stringContaining('列 goalYear 没有表头')]);
  });

  it('the registry refuses a broken set, listing what to fix', () => {
    const set = rawSet('national-9');
    set.id = 'national-9-broken';
    rawTable(set, 'sgjf').body.rows[0].cells.total = { sumColumns: ['abroad', 'nosuch'] };
    expect(() => new TableSetRegistry([{ doc: set }])).toThrow(TableSetError);
    try {
      new TableSetRegistry([{ doc: set }]);
    } catch (err) {
      expect(err).toBeInstanceOf(TableSetError);
      expect((err as TableSetError).setId).toBe('national-9-broken');
      expect((err as Error).message).toContain('sumColumns 引用了不存在的列 nosuch');
    }
  });

  it('the registry refuses a second set with an id already taken', () => {
    expect(() => new TableSetRegistry([{ doc: rawSet('hunan-2020') }])).toThrow(/已被占用/);
  });

  it('the registry accepts a valid extra set', () => {
    const set = rawSet('national-9');
    set.id = 'national-9-copy';
    expect(new TableSetRegistry([{ doc: set }]).get('national-9-copy')?.tables).toHaveLength(9);
  });
});

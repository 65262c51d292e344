import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  builtinCodeList,
  builtinEconMapping,
  builtinYears,
  childrenOf,
  codeKinds,
  codeLevel,
  govCodeFor,
  isWellFormedCode,
  lookupCode,
  namesEqual,
  normalizeCode,
  parentChain,
  parentCodeOf,
  resolveCodeList,
  searchCodes,
  validateCodeName,
  type CodeList,
} from '../../shared/reference/index.js';

const list = (kind: (typeof codeKinds)[number], year: number): CodeList => {
  const found = builtinCodeList(kind, year);
  if (!found) throw new Error(`no built-in ${kind} ${year}`);
  return found;
};

describe('built-in data is well formed', () => {
  for (const kind of codeKinds) {
    for (const year of builtinYears(kind)) {
      it(`${kind} ${year}: unique, well-shaped codes; every parent present; names clean`, () => {
        const { entries } = list(kind, year);
        const codes = entries.map((e) => e.code);
        const known = new Set(codes);
        expect(known.size).toBe(codes.length);
        for (const e of entries) {
          expect(isWellFormedCode(kind, e.code), e.code).toBe(true);
          expect(e.name.trim(), e.code).toBe(e.name);
          expect(e.name.length, e.code).toBeGreaterThan(0);
          const parent = parentCodeOf(kind, e.code);
          if (parent) expect(known.has(parent), `parent of ${e.code}`).toBe(true);
        }
        // Siblings never share a name (that would make a name-only lookup ambiguous within one 款).
        for (const parent of [undefined, ...codes]) {
          const names = childrenOf(list(kind, year), parent).map((c) => c.name);
          expect(new Set(names).size, `children of ${parent ?? 'root'}`).toBe(names.length);
        }
      });
    }
  }

  it('支出功能分类: every 类 by year, 款 and 项 counts, 项 of every 款 of 201', () => {
    const leis2020 = childrenOf(list('function', 2020)).map((e) => e.code);
    const common = ['201', '202', '203', '204', '205', '206', '207', '208', '209', '210', '211', '212', '213', '214', '215', '216', '217', '219', '220', '221', '222', '223', '224', '227', '229', '230', '231', '232', '233'];
    expect(leis2020).toEqual([...common, '234']);
    expect(childrenOf(list('function', 2023)).map((e) => e.code)).toEqual(common);
    const f = list('function', 2020);
    expect(f.entries.filter((e) => e.code.length === 5).length).toBeGreaterThanOrEqual(190);
    expect(f.entries.filter((e) => e.code.length === 7).length).toBeGreaterThanOrEqual(800);
    for (const kuan of childrenOf(f, '201')) expect(childrenOf(f, kuan.code).length, kuan.code).toBeGreaterThan(0);
    expect(lookupCode(f, '2010350')?.name).toBe('事业运行');
    expect(lookupCode(f, '2010399')?.name).toBe('其他政府办公厅（室）及相关机构事务支出');
    expect(lookupCode(f, '2010302')?.name).toBe('一般行政管理事务');
  });

  it('部门预算支出经济分类: the ten 类 and their 款', () => {
    const d = list('econDept', 2020);
    expect(childrenOf(d).map((e) => `${e.code} ${e.name}`)).toEqual([
      '301 工资福利支出',
      '302 商品和服务支出',
      '303 对个人和家庭的补助',
      '307 债务利息及费用支出',
      '309 资本性支出（基本建设）',
      '310 资本性支出',
      '311 对企业补助（基本建设）',
      '312 对企业补助',
      '313 对社会保障基金补助',
      '399 其他支出',
    ]);
    expect(childrenOf(d, '301').map((e) => e.code)).toEqual(['30101', '30102', '30103', '30106', '30107', '30108', '30109', '30110', '30111', '30112', '30113', '30114', '30199']);
    expect(lookupCode(d, '31002')?.name).toBe('办公设备购置');
    expect(lookupCode(d, '31013')?.name).toBe('公务用车购置');
    expect(lookupCode(d, '30311')).toBeUndefined();
    expect(lookupCode(list('econDept', 2023), '30311')?.name).toBe('代缴社会保险费');
  });

  it('政府预算支出经济分类 501 … 599', () => {
    const g = list('econGov', 2020);
    expect(childrenOf(g).map((e) => e.code)).toEqual(['501', '502', '503', '504', '505', '506', '507', '508', '509', '510', '511', '512', '513', '514', '599']);
    expect(lookupCode(g, '50101')?.name).toBe('工资奖金津补贴');
  });
});

describe('部门 → 政府 经济分类 mapping', () => {
  for (const year of builtinYears('econDept')) {
    it(`${year}: every 部门 款 maps, for agencies and institutions, to an existing 政府 款`, () => {
      const dept = list('econDept', year);
      const gov = list('econGov', year);
      const mapping = builtinEconMapping(year)!;
      const kuans = dept.entries.filter((e) => codeLevel('econDept', e.code) === '款');
      expect(mapping.rows.size).toBe(kuans.length);
      for (const e of kuans) {
        for (const unitType of ['agency', 'institution'] as const) {
          const target = govCodeFor(e.code, { year, unitType });
          expect(target, `${e.code} ${unitType}`).toBeDefined();
          expect(lookupCode(gov, target!), `${e.code} → ${target}`).toBeDefined();
        }
      }
    });
  }

  it('many-to-one, by unit type', () => {
    for (const code of ['30101', '30102', '30103']) {
      expect(govCodeFor(code)).toBe('50101');
      expect(govCodeFor(code, { unitType: 'institution' })).toBe('50501');
    }
    expect(govCodeFor('30110')).toBe('50102');
    expect(govCodeFor('30113')).toBe('50103');
    expect(govCodeFor('30217')).toBe('50206');
    expect(govCodeFor('30212')).toBe('50207');
    expect(govCodeFor('30231')).toBe('50208');
    expect(govCodeFor('30201', { unitType: 'institution' })).toBe('50502');
    expect(govCodeFor('31013')).toBe('50403');
    expect(govCodeFor('30302')).toBe('50905');
    expect(govCodeFor('30311', { year: 2020 })).toBeUndefined();
    expect(govCodeFor('30311', { year: 2023 })).toBe('50901');
    expect(govCodeFor('301')).toBeUndefined();
    expect(govCodeFor('39999 ')).toBe('59999');
  });
});

/**
 * Every code/name pair printed in seed 001 (2020 区政府办, Hunan): 附件3/4 and 11 (功能, split 类|款|项)
 * and 附件5–7, 12–14, 17 (部门经济). Text exactly as printed.
 */
const SEED_001_FUNCTION: [string, string][] = [
  ['201', '一般公共服务'],
  ['201', '一般公共服务支出'],
  ['20103', '政府办公厅（室）及相关机构事务'],
  ['2010301', '行政运行'],
  ['2010302', '一般行政管理事务'],
  ['2010301', '行政运行（政府办公厅（室）及相关机构事务）'],
  ['2010302', '一般行政管理事务（政府办公厅（室）及相关机构事务）'],
];
const SEED_001_ECON: [string, string][] = [
  ['301', '工资福利支出'],
  ['30101', '基本工资'],
  ['30102', '津贴补贴'],
  ['30103', '奖金'],
  ['30106', '伙食补助费'],
  ['30107', '绩效工资'],
  ['30108', '机关事业单位基本养老保险缴费'],
  ['30109', '职业年金缴费'],
  ['30110', '城镇职工基本医疗保险缴费'],
  ['30111', '公务员医疗补助缴费'],
  ['30112', '其他社会保障缴费'],
  ['30113', '住房公积金'],
  ['30114', '医疗费'],
  ['30199', '其他工资福利支出'],
  ['302', '一般商品和服务支出'],
  ['302', '商品和服务支出'],
  ['30201', '办公费'],
  ['30202', '印刷费'],
  ['30203', '咨询费'],
  ['30204', '手续费'],
  ['30205', '水电费'],
  ['30206', '电费'],
  ['30207', '邮电费'],
  ['30208', '取暖费'],
  ['30209', '物业管理费'],
  ['30211', '差旅费'],
  ['30212', '因公出国（境）费'],
  ['30213', '维修(护)费'],
  ['30214', '租赁费'],
  ['30215', '会议费'],
  ['30216', '培训费'],
  ['30217', '公务接待费'],
  ['30218', '专用材料费'],
  ['30224', '被装购置费'],
  ['30225', '专用燃料费'],
  ['30226', '劳务费'],
  ['30227', '委托业务费'],
  ['30228', '工会经费'],
  ['30229', '福利费'],
  ['30231', '公务用车运行维护费'],
  ['30239', '其他交通费用'],
  ['30240', '税金及附加费用'],
  ['30299', '其他商品和服务支出'],
  ['303', '对个人和家庭的补助'],
  ['303', '对个人和家庭的补助支出'],
  ['30301', '离休费'],
  ['30302', '退休费'],
  ['30303', '退职(役)费'],
  ['30304', '抚恤金'],
  ['30305', '生活补助'],
  ['30306', '救济费'],
  ['30307', '医疗费补助'],
  ['30308', '助学金'],
  ['30309', '奖励金'],
  ['30399', '其他对个人和家庭的补助支出'],
];

/**
 * Where the seed's names differ from the national 2020 list. The Hunan tables use their province's
 * names for 302/303/30399 and the older 城镇职工… for 30110 (known variants); 30205 水电费 and
 * 30212 因公出国（境）费 are misprints; 附件3/4 shorten the 类 name.
 */
const SEED_001_FINDINGS: Record<string, { expected: string; variant?: true }> = {
  '201 一般公共服务': { expected: '一般公共服务支出' },
  '302 一般商品和服务支出': { expected: '商品和服务支出', variant: true },
  '303 对个人和家庭的补助支出': { expected: '对个人和家庭的补助', variant: true },
  '30110 城镇职工基本医疗保险缴费': { expected: '职工基本医疗保险缴费', variant: true },
  '30205 水电费': { expected: '水费' },
  '30212 因公出国（境）费': { expected: '因公出国（境）费用' },
  '30399 其他对个人和家庭的补助支出': { expected: '其他对个人和家庭的补助', variant: true },
};

describe('seed 001 (2020) against the 2020 lists', () => {
  it('the fixture holds exactly the pairs the seed prints, where shared/seeds is present', () => {
    const dir = path.resolve(import.meta.dirname, '../../../shared/seeds');
    const file = existsSync(dir) ? readdirSync(dir).find((f) => f.startsWith('001_')) : undefined;
    if (!file) return;
    const text = readFileSync(path.join(dir, file), 'utf8');
    const fn = new Set<string>();
    const econ = new Set<string>();
    for (const line of text.split('\n')) {
      const f = /^(2\d\d)\t(\d\d)?\t(\d\d)?\t([^\t]+)\t/.exec(line);
      if (f) fn.add(`${f[1]}${f[2] ?? ''}${f[3] ?? ''} ${f[4]}`);
      const e = /^(3\d\d(?:\d\d)?)\t([^\t]+)\t/.exec(line);
      if (e) econ.add(`${e[1]} ${e[2]}`);
    }
    expect([...fn].sort()).toEqual(SEED_001_FUNCTION.map(([c, n]) => `${c} ${n}`).sort());
    expect([...econ].sort()).toEqual(SEED_001_ECON.map(([c, n]) => `${c} ${n}`).sort());
  });

  it('every printed code is known; every name is ok except the recorded findings', () => {
    const checks = [
      ...SEED_001_FUNCTION.map(([code, name]) => ({ code, name, result: validateCodeName(list('function', 2020), code, name) })),
      ...SEED_001_ECON.map(([code, name]) => ({ code, name, result: validateCodeName(list('econDept', 2020), code, name) })),
    ];
    const findings: Record<string, { expected: string; variant?: true }> = {};
    for (const { code, name, result } of checks) {
      expect(result.status, `${code} ${name}`).not.toBe('unknown-code');
      if (result.status === 'name-mismatch') findings[`${code} ${name}`] = { expected: result.expected!, ...(result.variant ? { variant: true as const } : {}) };
    }
    expect(findings).toEqual(SEED_001_FINDINGS);
  });

  it('附件11 writes 项 with the 款 in brackets: accepted, and said so', () => {
    expect(validateCodeName(list('function', 2020), '2010301', '行政运行（政府办公厅（室）及相关机构事务）')).toEqual({
      status: 'ok',
      expected: '行政运行',
      form: 'qualified',
    });
    expect(validateCodeName(list('function', 2020), '2010301', '行政运行（人大事务）').status).toBe('name-mismatch');
  });
});

describe('validateCodeName', () => {
  const f = list('function', 2020);
  it('ignores full/half-width brackets and spaces, nothing else', () => {
    expect(validateCodeName(f, '2010399', '其他政府办公厅(室)及相关机构事务支出').status).toBe('ok');
    expect(validateCodeName(f, ' 201 03 01', ' 行政 运行 ').status).toBe('ok');
    expect(validateCodeName(f, '2010301', '行政运行费')).toEqual({ status: 'name-mismatch', expected: '行政运行' });
  });

  it('unknown codes, and whether the built-in list could know them', () => {
    expect(validateCodeName(f, '2010307', '法制建设')).toEqual({ status: 'unknown-code' });
    expect(validateCodeName(f, '2040401', '行政运行')).toEqual({ status: 'unknown-code', incomplete: true });
    expect(validateCodeName(f, '20103x', '行政运行')).toEqual({ status: 'unknown-code' });
    expect(validateCodeName(f, '', '')).toEqual({ status: 'unknown-code' });
  });

  it('a name from an earlier year is a mismatch marked former', () => {
    const f23 = list('function', 2023);
    expect(validateCodeName(f23, '21305', '扶贫')).toEqual({ status: 'name-mismatch', expected: '巩固脱贫衔接事务', former: true });
    expect(validateCodeName(f, '21305', '扶贫').status).toBe('ok');
    expect(validateCodeName(f23, '22402', '消防救援事务').status).toBe('ok');
    expect(validateCodeName(f23, '23401', '基础设施建设').status).toBe('unknown-code');
  });
});

describe('levels, parents, children', () => {
  const f = list('function', 2020);
  it('level by length', () => {
    expect(codeLevel('function', '201')).toBe('类');
    expect(codeLevel('function', '20103')).toBe('款');
    expect(codeLevel('function', '2010301')).toBe('项');
    expect(codeLevel('econDept', '30101')).toBe('款');
    expect(codeLevel('econDept', '3010101')).toBeUndefined();
    expect(codeLevel('function', '2010')).toBeUndefined();
  });

  it('parent chain and children', () => {
    expect(parentChain(f, '2010301').map((e) => e.code)).toEqual(['201', '20103']);
    expect(parentChain(f, '201')).toEqual([]);
    expect(childrenOf(f, '20103').map((e) => e.code)).toEqual(['2010301', '2010302', '2010303', '2010304', '2010305', '2010306', '2010308', '2010309', '2010350', '2010399']);
    expect(childrenOf(f, '2010301')).toEqual([]);
  });

  it('normalizeCode and namesEqual', () => {
    expect(normalizeCode("'2010301")).toBe('2010301');
    expect(normalizeCode('２０１ ０３ ０１')).toBe('2010301');
    expect(normalizeCode('201-03-01')).toBe('2010301');
    expect(normalizeCode(2010301)).toBe('2010301');
    expect(normalizeCode('201.03')).toBeUndefined();
    expect(normalizeCode('20103x')).toBeUndefined();
    expect(namesEqual('维修(护)费', '维修（护）费')).toBe(true);
    expect(namesEqual('“三西”农业建设专项补助', '"三西"农业建设专项补助')).toBe(true);
    expect(namesEqual('水费', '水电费')).toBe(false);
  });
});

describe('search for a code picker', () => {
  const f = list('function', 2020);
  const codes = (q: string, limit?: number) => searchCodes(f, q, limit).map((h) => h.code);

  it('by code, typed whole, in groups or in full width', () => {
    expect(codes('2010301')).toEqual(['2010301']);
    expect(codes('201 03 01')).toEqual(['2010301']);
    expect(codes('２０１０３０１')).toEqual(['2010301']);
    expect(codes('20103')[0]).toBe('20103');
    expect(codes('20103')).toHaveLength(11);
    expect(codes('999')).toEqual([]);
  });

  it('by name: exact names first, each hit with its path', () => {
    const hits = searchCodes(f, '行政运行', 200);
    expect(hits.length).toBeGreaterThan(40);
    expect(hits.every((h) => h.name === '行政运行')).toBe(true);
    expect(hits[0]).toMatchObject({ code: '2010101', level: '项', path: ['一般公共服务支出', '人大事务'] });
    // 219 援助其他地区支出 has a 款 named exactly 一般公共服务; the 类 whose name starts so comes next.
    expect(codes('一般公共服务').slice(0, 2)).toEqual(['21901', '201']);
    expect(codes('政府办公厅 行政运行')).toEqual(['2010301']);
    expect(codes('201 行政运行', 100).every((c) => c.startsWith('201'))).toBe(true);
    expect(codes('2010301行政运行')).toEqual(['2010301']);
    expect(codes('公务接待')).toEqual([]);
    expect(searchCodes(list('econDept', 2020), '公务接待').map((h) => h.code)).toEqual(['30217']);
    expect(searchCodes(list('econDept', 2020), '维修(护)').map((h) => h.code)).toEqual(['30213']);
  });

  it('limits and empty queries', () => {
    expect(codes('行政运行', 5)).toHaveLength(5);
    expect(codes('   ')).toEqual([]);
    expect(codes('-')).toEqual([]);
  });
});

describe('loading by year', () => {
  it('the newest built-in list not after the year', () => {
    expect(builtinCodeList('function', 2019)).toBeUndefined();
    expect(builtinCodeList('function', 2020)?.year).toBe(2020);
    expect(builtinCodeList('function', 2022)?.year).toBe(2020);
    expect(builtinCodeList('function', 2023)?.year).toBe(2023);
    expect(builtinCodeList('econGov', 2030)?.year).toBe(2023);
  });

  it('an imported list wins for its year and later years until a newer list', () => {
    const imported = (year: number): CodeList => ({ kind: 'function', year, source: 'imported', entries: [{ code: '201', name: '一般公共服务支出' }] });
    expect(resolveCodeList('function', 2023, [imported(2023)])?.source).toBe('imported');
    expect(resolveCodeList('function', 2022, [imported(2021)])).toMatchObject({ source: 'imported', year: 2021 });
    expect(resolveCodeList('function', 2024, [imported(2021)])).toMatchObject({ source: 'builtin', year: 2023 });
    expect(resolveCodeList('function', 2020, [imported(2021)])).toMatchObject({ source: 'builtin', year: 2020 });
    expect(resolveCodeList('econDept', 2023, [imported(2023)])?.source).toBe('builtin');
    expect(resolveCodeList('function', 2019, [imported(2019)])).toMatchObject({ source: 'imported', year: 2019 });
  });
});

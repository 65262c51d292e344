import { canonical, Dec, type Dec as Decimal } from '../money/decimal.js';
import type { FactDims } from '../derive/facts.js';
import { govCodeFor } from '../reference/econ-map.js';
import { econRoleOf, factDimensions, valueLabel } from '../tables/vocabulary.js';
import type { TableDef } from '../tables/schema.js';
import type { RowCells } from '../workbook/types.js';
import type { ReadTable } from './extract.js';
import { observe, type Constraint, type Observation } from './facts-constraints.js';
import { buildProjects, type NamedProjects } from './facts-projects.js';
import { solveFacts } from './facts-solve.js';

/**
 * The workbook's budget facts rebuilt from the published tables of one table set: income by source, the
 * expenditure lines (功能分类 项 × 经济分类 款 × 资金来源 × 基本/项目) and the projects. Where the tables
 * determine a line it is taken exactly; where they leave a choice the smallest consistent one is made and
 * said (an assumption). The caller derives the tables again from the result to prove it.
 */

export interface Assumption {
  /** What was decided, in Chinese, with the amounts. */
  text: string;
  /** The published figures the choice concerns ('附件11 …'), where one applies. */
  where?: string;
}

export interface UnmetFigure {
  where: string;
  text: string;
  /** The figure the rebuilt facts give, in 元. */
  rebuilt: string;
  reason: string;
}

export interface RebuiltFacts {
  /** Model rows (cells as stored: enum values, money in 元), this year's amounts in `amount`. */
  income: RowCells[];
  lines: RowCells[];
  projects: RowCells[];
  /** Each project's name as the file gives it, by index of `projects` (the 绩效 rows link to them by it). */
  projectNames: string[];
  /** 三公 by role (元), when the set publishes them: last year's figures for 同比 once the year moves on. */
  threePublic: { abroad: string; reception: string; vehicle: string } | null;
  assumptions: Assumption[];
  /** Published figures the facts could not be made to print. */
  unmet: UnmetFigure[];
  /** Rows of recognised tables that fit no row of their layout. */
  unplaced: { where: string; text: string; reason: string }[];
  /** Every figure read, for comparing with the tables derived from the result. */
  observations: Observation[];
  /** Number of published figures the facts were fitted to. */
  figures: number;
}

export interface PublishedTable {
  def: TableDef;
  read: ReadTable;
  /** '附件11 一般公共预算支出情况表', for assumptions. */
  label: string;
}

const ZERO = new Dec(0);
const PICKABLE_SOURCES = factDimensions.fundSource.values.filter((v) => !('pick' in v)).map((v) => v.value);
const ROLE_CODES = factDimensions.econRole.values.flatMap((v) => v.codes);
const wan = (yuan: Decimal): string => yuan.div(10000).toFixed(2);

function dims(partial: Partial<FactDims> & Pick<FactDims, 'measure'>): FactDims {
  return { unit: '', unitType: '', econRole: '', fundSource: '', funcCode: '', econCode: '', govEconCode: '', nature: '', project: '', projectCategory: '', ...partial };
}

/** Does any figure name this fund source by itself (not only a group it belongs to)? */
function pinned(constraints: readonly Constraint[], key: 'fundSource', value: string): boolean {
  return constraints.some((c) => c.filters.some((f) => {
    const v = f[key];
    return v === value || (Array.isArray(v) && v.length === 1 && v[0] === value);
  }));
}

/**
 * `named`: the projects the same file names with their amounts (its 绩效 tables); `tolerance` (元): how far
 * their total may be from the tables' project spending, the tables' rounding.
 */
export function rebuildFacts(tables: readonly PublishedTable[], year: number, named?: NamedProjects, tolerance: Decimal = ZERO): RebuiltFacts {
  const constraints: Constraint[] = [];
  const observations: Observation[] = [];
  const unplaced: RebuiltFacts['unplaced'] = [];
  const funcSeen = new Set<string>();
  const econSeen = new Set<string>();
  const categories: string[] = [];
  const labelOf = new Map<string, string>();
  for (const t of tables) {
    const o = observe(t.def, t.read);
    constraints.push(...o.constraints);
    observations.push(...o.observations);
    unplaced.push(...o.unplaced);
    for (const c of o.codes.funcCode) funcSeen.add(c);
    for (const c of o.codes.econCode) econSeen.add(c);
    for (const c of o.categories) if (!categories.includes(c)) categories.push(c);
    labelOf.set(t.def.id, t.label);
  }
  const assumptions: Assumption[] = [];

  // ── income ────────────────────────────────────────────────────────────────────────────────
  const incomeConstraints = constraints.filter((c) => c.measure === 'income');
  const incomeCandidates = PICKABLE_SOURCES.map((fundSource) => dims({ measure: 'income', fundSource }));
  const order = (a: string, b: string): number => PICKABLE_SOURCES.indexOf(a) - PICKABLE_SOURCES.indexOf(b);
  const incomeSolved = solveFacts(incomeCandidates, incomeConstraints, (a, b) => order(a.fundSource, b.fundSource));
  const income: RowCells[] = [];
  const incomeBySource = new Map<string, Decimal>();
  incomeCandidates.forEach((cand, i) => {
    const amount = incomeSolved.amounts[i]!;
    if (amount.isZero()) return;
    income.push({ fundSource: cand.fundSource, amount: canonical(amount) });
    incomeBySource.set(cand.fundSource, amount);
    if (!pinned(incomeConstraints, 'fundSource', cand.fundSource)) {
      assumptions.push({ text: `收入 ${wan(amount)} 万元在表中只公开到合并的栏目，记为“${valueLabel('fundSource', cand.fundSource)}”` });
    }
  });

  // ── expenditure ───────────────────────────────────────────────────────────────────────────
  const expenseConstraints = constraints.filter((c) => c.measure === 'expense');
  const funcs = [...funcSeen].filter((c) => c.length === 7);
  // A 款 printed without its 项 (a layout that stops at 款): its facts go to the 款's own 项 '99'.
  for (const c of funcSeen) if (c.length === 5 && !funcs.some((f) => f.startsWith(c))) funcs.push(`${c}99`);
  if (funcs.length === 0) funcs.push('');
  // 类 that some non-zero figure names: a 类 only ever published as zero gets no facts.
  const econClasses = new Set<string>();
  for (const c of expenseConstraints) {
    if (c.value.isZero()) continue;
    for (const f of c.filters) for (const v of [f.econCode ?? []].flat()) econClasses.add(v.slice(0, 3));
  }
  const econs = new Set([...econSeen].filter((c) => c.length === 5));
  const synthetic = new Set<string>();
  for (const cls of econClasses) {
    if (!econs.has(`${cls}99`)) synthetic.add(`${cls}99`);
    econs.add(`${cls}99`);
  }
  if (expenseConstraints.some((c) => c.filters.some((f) => f.econRole !== undefined))) for (const code of ROLE_CODES) econs.add(code);
  // Tables that publish no 经济分类 at all (附件1–3 alone): the lines are kept with the 科目 left for the clerk.
  if (econs.size === 0) econs.add('');
  const sources = [...incomeBySource.keys()];
  const expenseSources = sources.length > 0 ? sources.sort((a, b) => incomeBySource.get(b)!.cmp(incomeBySource.get(a)!)) : PICKABLE_SOURCES;
  const projectCategories = categories.length > 0 ? categories : [''];

  const candidates: FactDims[] = [];
  for (const funcCode of funcs) {
    for (const econCode of econs) {
      const govEconCode = govCodeFor(econCode, { year }) ?? '';
      const base = { measure: 'expense' as const, funcCode, econCode, govEconCode, econRole: econRoleOf(econCode) };
      for (const fundSource of expenseSources) {
        candidates.push(dims({ ...base, fundSource, nature: 'basic.personnel' }));
        candidates.push(dims({ ...base, fundSource, nature: 'basic.public' }));
        for (const category of projectCategories) candidates.push(dims({ ...base, fundSource, nature: 'project', project: `c:${category}`, projectCategory: category }));
      }
    }
  }
  const rank = (d: FactDims): number[] => [
    expenseSources.indexOf(d.fundSource),
    // A project whose 经济分类 is published only by 类 goes to the 类's 其他 款 (30299) unless a figure says more;
    // where not even the 类 is published (政府经济分类 only), to 其他商品和服务支出, where most projects are.
    d.nature === 'project' ? (d.econCode === '30299' ? 0 : d.econCode.endsWith('99') ? 1 : 2) : 2,
    d.nature === 'basic.personnel' ? 0 : 1,
  ];
  const prefer = (a: FactDims, b: FactDims): number => {
    const x = rank(a);
    const y = rank(b);
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
    return a.funcCode.localeCompare(b.funcCode) || a.econCode.localeCompare(b.econCode);
  };
  const solved = solveFacts(candidates, expenseConstraints, prefer);

  const lines: RowCells[] = [];
  const byProject = new Map<string, { dims: FactDims; amount: Decimal }[]>();
  const spread = new Map<string, Set<string>>();
  const clean = (row: RowCells): RowCells => Object.fromEntries(Object.entries(row).filter(([, v]) => v !== ''));
  candidates.forEach((cand, i) => {
    const amount = solved.amounts[i]!;
    if (amount.isZero()) return;
    if (cand.nature === 'project') {
      const list = byProject.get(cand.projectCategory) ?? [];
      list.push({ dims: cand, amount });
      byProject.set(cand.projectCategory, list);
    } else {
      lines.push(clean({ funcCode: cand.funcCode, econCode: cand.econCode, fundSource: cand.fundSource, nature: cand.nature, amount: canonical(amount) }));
    }
    if (cand.econCode === '' || cand.funcCode === '') {
      assumptions.push({ text: `支出 ${wan(amount)} 万元的${cand.funcCode === '' ? '功能分类' : '经济分类'}科目在文件中未公开，支出明细中留空，请补填` });
    }
    const key = `${cand.econCode}|${cand.nature === 'project' ? 'project' : 'basic'}`;
    const funcsOfEcon = spread.get(key) ?? new Set();
    funcsOfEcon.add(cand.funcCode);
    spread.set(key, funcsOfEcon);
    if (sources.length > 1 && !pinned(expenseConstraints, 'fundSource', cand.fundSource)) {
      assumptions.push({ text: `支出 ${cand.funcCode}/${cand.econCode} ${wan(amount)} 万元的资金来源在表中只公开到合并的栏目，按收入来源记为“${valueLabel('fundSource', cand.fundSource)}”` });
    }
  });
  for (const [key, set] of spread) {
    if (set.size < 2) continue;
    const [econ, kind] = key.split('|');
    assumptions.push({ text: `经济分类 ${econ}（${kind === 'project' ? '项目支出' : '基本支出'}）分属 ${[...set].join('、')} 等 ${set.size} 个功能科目，公开表只给出各自的合计，按科目顺序分配` });
  }

  // 经济分类 codes (款 and 类) some figure gives for project spending in particular.
  const projectEcon = new Set<string>();
  for (const c of expenseConstraints) {
    if (!c.filters.some((f) => [f.nature ?? []].flat().includes('project'))) continue;
    for (const f of c.filters) for (const v of [f.econCode ?? []].flat()) projectEcon.add(v);
  }

  // Projects: one per project the file names where the amounts allow, else one per 类别 (facts-projects.ts).
  const built = buildProjects(byProject, named, tolerance);
  const projects = built.projects;
  lines.push(...built.lines);
  for (const text of built.assumptions) assumptions.push({ text });
  for (const parts of byProject.values()) {
    for (const p of parts) {
      const code = p.dims.econCode;
      if (econRoleOf(code) === '' && !projectEcon.has(code)) {
        assumptions.push({
          text: projectEcon.has(code.slice(0, 3))
            ? `项目支出 ${wan(p.amount)} 万元的经济分类只公开到类 ${code.slice(0, 3)}，记入 ${code}（该类的“其他”款）`
            : `公开表未给出项目支出 ${wan(p.amount)} 万元的部门经济分类，记入 ${code}`,
        });
      } else if (econRoleOf(code) !== '') {
        assumptions.push({ text: `项目支出中 ${wan(p.amount)} 万元记入经济分类 ${p.dims.econCode}（${valueLabel('econRole', econRoleOf(p.dims.econCode))}）：“三公”经费表中的金额超出基本支出的部分` });
      }
    }
  }

  // ── 三公: what the set publishes, for next year's 同比 ────────────────────────────────────────
  let threePublic: RebuiltFacts['threePublic'] = null;
  if (expenseConstraints.some((c) => c.filters.some((f) => f.econRole !== undefined))) {
    const sum = (roles: string[]): string =>
      canonical(candidates.reduce((s, cand, i) => (roles.includes(cand.econRole) && cand.fundSource.startsWith('general') ? s.plus(solved.amounts[i]!) : s), ZERO));
    threePublic = { abroad: sum(['abroad']), reception: sum(['reception']), vehicle: sum(['vehicleRun', 'vehiclePurchase']) };
  }

  const unmet: UnmetFigure[] = [];
  for (const [solve, list] of [
    [incomeSolved, incomeConstraints],
    [solved, expenseConstraints],
  ] as const) {
    for (const c of solve.unmet) {
      const con = list[c]!;
      unmet.push({ where: con.where, text: con.text, rebuilt: canonical(con.value.minus(solve.residuals[c]!)), reason: '与其他表格的数字无法同时满足' });
    }
  }
  return { income, lines, projects, projectNames: built.names, threePublic, assumptions, unmet, unplaced, observations, figures: constraints.length };
}

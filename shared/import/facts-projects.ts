import { canonical, Dec, type Dec as Decimal } from '../money/decimal.js';
import type { FactDims } from '../derive/facts.js';
import type { RowCells } from '../workbook/types.js';

/**
 * The budget's projects rebuilt from the project spending the published tables give (by 类别 at most, split
 * over 功能科目 × 经济分类 × 资金来源) and, where the same file names its projects with their amounts (the
 * 项目绩效目标表, the 专项资金 list), one project per named project. The named amounts must add up to the
 * project spending (within the rounding the tables print); then every 科目 combination the tables fix is
 * shared out among them, so each combination's total stays exactly what the tables publish. Where they do
 * not add up, or the projects fall in several 类别 the names do not tell apart, one project per 类别 is kept
 * and the reason said.
 */

/** A project the file names, with its amount (元, canonical) and, where printed, its 项目编码. */
export interface NamedProject {
  name: string;
  amount: string;
  code?: string;
}

export interface NamedProjects {
  /** Where the names come from, for the report: '项目绩效目标表', '专项资金预算绩效目标汇总表'. */
  source: string;
  list: NamedProject[];
}

export interface ProjectPart {
  dims: FactDims;
  amount: Decimal;
}

export interface BuiltProjects {
  projects: RowCells[];
  /** 支出明细 lines booked to a project: the parts of its amount outside its own 科目. */
  lines: RowCells[];
  assumptions: string[];
  /** The name of each project as the file gives it (the 绩效 rows link to them by it), by project index. */
  names: string[];
}

const ZERO = new Dec(0);
const wan = (yuan: Decimal): string => yuan.div(10000).toFixed(2);
const clean = (row: RowCells): RowCells => Object.fromEntries(Object.entries(row).filter(([, v]) => v !== ''));
const label = (d: FactDims): string => [d.funcCode, d.econCode].filter(Boolean).join('/') || '未公开科目';

/** Is the named list usable at all: every project named once, with an amount above zero. */
function usable(named: NamedProjects | undefined): named is NamedProjects {
  if (!named || named.list.length === 0) return false;
  const names = new Set(named.list.map((p) => p.name));
  return names.size === named.list.length && named.list.every((p) => p.name !== '' && new Dec(p.amount).gt(0));
}

function codes(named: readonly NamedProject[]): string[] {
  const given = named.map((p) => p.code?.trim() ?? '');
  const taken = new Set(given.filter(Boolean));
  const unique = given.every((c, i) => c === '' || given.indexOf(c) === i);
  let n = 0;
  return given.map((c) => {
    if (c !== '' && unique) return c;
    let code = '';
    do code = `XM${String(++n).padStart(2, '0')}`;
    while (taken.has(code));
    return code;
  });
}

/** One project per 类别 (the tables publish no more): the largest part is its own 科目, the rest lines of it. */
function perCategory(byCategory: ReadonlyMap<string, ProjectPart[]>): BuiltProjects {
  const out: BuiltProjects = { projects: [], lines: [], assumptions: [], names: [] };
  let n = 0;
  for (const [category, parts] of byCategory) {
    n += 1;
    const code = `XM${String(n).padStart(2, '0')}`;
    const [main, ...rest] = [...parts].sort((a, b) => b.amount.cmp(a.amount));
    const total = parts.reduce((s, p) => s.plus(p.amount), ZERO);
    const name = category === '' ? '项目支出' : category;
    out.projects.push(clean({ code, name, category, funcCode: main!.dims.funcCode, econCode: main!.dims.econCode, fundSource: main!.dims.fundSource, amount: canonical(total) }));
    out.names.push(name);
    for (const p of rest) out.lines.push(clean({ funcCode: p.dims.funcCode, econCode: p.dims.econCode, fundSource: p.dims.fundSource, nature: 'project', project: code, amount: canonical(p.amount) }));
    out.assumptions.push(
      category === ''
        ? `公开表未列出各个项目：项目支出 ${wan(total)} 万元建为一个项目“${name}”（编码 ${code}），请按实际项目拆分`
        : `公开表只按类别公开项目支出：类别“${category}”${wan(total)} 万元建为一个项目（编码 ${code}），请按实际项目拆分`,
    );
  }
  return out;
}

/**
 * `tolerance` (元): how far the named amounts may be from the project spending the tables print, their
 * rounding (half a printed cent of 万元 is 50 元).
 */
export function buildProjects(byCategory: ReadonlyMap<string, ProjectPart[]>, named: NamedProjects | undefined, tolerance: Decimal): BuiltProjects {
  if (byCategory.size === 0 || !usable(named)) {
    const out = perCategory(byCategory);
    if (byCategory.size > 0 && named && named.list.length > 0) {
      out.assumptions.push(`${named.source}中的项目名称重复或缺少金额，预算项目未按项目拆分`);
    }
    return out;
  }
  const total = [...byCategory.values()].flat().reduce((s, p) => s.plus(p.amount), ZERO);
  const namedTotal = named.list.reduce((s, p) => s.plus(p.amount), ZERO);
  const diff = total.minus(namedTotal);
  if (byCategory.size > 1 || diff.abs().gt(tolerance)) {
    const out = perCategory(byCategory);
    out.assumptions.push(
      byCategory.size > 1
        ? `${named.source}列出 ${named.list.length} 个项目，但项目支出分属 ${byCategory.size} 个类别（${[...byCategory.keys()].join('、')}），无法确定各项目的类别，预算项目按类别建立`
        : `${named.source}列出的 ${named.list.length} 个项目合计 ${wan(namedTotal)} 万元，与公开表的项目支出 ${wan(total)} 万元不符，预算项目未按项目拆分`,
    );
    return out;
  }

  const [category, parts] = [...byCategory][0]!;
  const out: BuiltProjects = { projects: [], lines: [], assumptions: [], names: named.list.map((p) => p.name) };
  const amounts = named.list.map((p) => new Dec(p.amount));
  if (!diff.isZero()) {
    // The tables' own rounding: the difference goes to the largest project, where it matters least.
    const largest = amounts.reduce((best, a, i) => (a.gt(amounts[best]!) ? i : best), 0);
    amounts[largest] = amounts[largest]!.plus(diff);
    out.assumptions.push(`${named.source}中的项目金额合计与公开表的项目支出相差 ${canonical(diff.abs())} 元（公开表的舍入），计入金额最大的项目“${named.list[largest]!.name}”`);
  }
  // Each 科目 combination (largest first) is shared out in the file's order of the projects.
  const pool = [...parts].sort((a, b) => b.amount.cmp(a.amount)).map((p) => ({ dims: p.dims, left: p.amount }));
  const projectCodes = codes(named.list);
  let at = 0;
  named.list.forEach((p, i) => {
    const chunks: ProjectPart[] = [];
    let need = amounts[i]!;
    while (need.gt(0) && at < pool.length) {
      const part = pool[at]!;
      const take = Dec.min(need, part.left);
      chunks.push({ dims: part.dims, amount: take });
      part.left = part.left.minus(take);
      need = need.minus(take);
      if (part.left.isZero()) at += 1;
    }
    const [main, ...rest] = [...chunks].sort((a, b) => b.amount.cmp(a.amount));
    const code = projectCodes[i]!;
    out.projects.push(clean({ code, name: p.name, category, funcCode: main!.dims.funcCode, econCode: main!.dims.econCode, fundSource: main!.dims.fundSource, amount: canonical(amounts[i]!) }));
    for (const c of rest) out.lines.push(clean({ funcCode: c.dims.funcCode, econCode: c.dims.econCode, fundSource: c.dims.fundSource, nature: 'project', project: code, amount: canonical(c.amount) }));
    if (parts.length > 1) {
      out.assumptions.push(`项目“${p.name}”${wan(amounts[i]!)} 万元的科目按文件中的项目顺序分配（公开表未逐个项目公开科目）：${chunks.map((c) => `${label(c.dims)} ${wan(c.amount)} 万元`).join('，')}，请核对`);
    }
  });
  out.assumptions.push(`预算项目按${named.source}建立：${named.list.length} 个项目，合计 ${wan(total)} 万元${category === '' ? '' : `，类别“${category}”`}`);
  return out;
}

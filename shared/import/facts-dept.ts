import type { NarrativeSection } from '../print/document.js';
import { valueLabel } from '../tables/vocabulary.js';
import type { RowCells } from '../workbook/types.js';

/**
 * 部门基本情况 and the 预算单位 read from the 说明's own words: 二、机构设置 gives 编制人数, 实有人数, the number
 * and names of the 内设机构 and the 单位性质 (行政机关 → 行政单位); 三、部门预算单位构成 says whether the
 * 部门 is its 本级 alone or which units it includes. Each fact is kept with the sentence it came from, so the
 * report can show where it was read.
 */

export interface DeptFact {
  /** fact-info row and column the fact fills. */
  rowId: string;
  col: string;
  text: string;
  /** The heading of the section and the sentence read. */
  section: string;
  sentence: string;
}

export interface DeptInfo {
  facts: DeptFact[];
  /** 单位性质 of the 部门本级 (unitType value), with its sentence. */
  unitType: { value: string; section: string; sentence: string } | null;
  /** Units below the 部门本级, in the order named, each with its sentence; empty when it has none. */
  subordinates: { name: string; section: string; sentence: string }[];
  /** What was read as a statement that there are no subordinate units, with its sentence. */
  selfOnly: { section: string; sentence: string } | null;
  /** What could not be made consistent, with its place. */
  assumptions: { place: string; text: string; note: string }[];
}

const DIGITS = '[0-9０-９]+';
const num = (text: string): string => text.normalize('NFKC');

/** Sentences of a section, spaces and the line breaks of a typed document taken out. */
function sentences(section: NarrativeSection): string[] {
  return section.paragraphs
    .join('')
    .replace(/\s+/g, '')
    .split(/(?<=[。；;])/)
    .filter((s) => s !== '');
}

/** Items of a list split at 、 (and a final 和/及), outside brackets: 督查室（对外称…）stays one. */
function listItems(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if ('（(【'.includes(ch)) depth += 1;
    if ('）)】'.includes(ch)) depth = Math.max(0, depth - 1);
    if (depth === 0 && '、，,'.includes(ch)) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  const last = out.pop()!;
  const split = /^(.+?)(?:和|及|以及)(.+)$/.exec(last);
  if (split && out.length > 0) out.push(split[1]!, split[2]!);
  else out.push(last);
  return out.map((s) => s.replace(/^[(（]?[0-9０-９一二三四五六七八九十]+[)）.．、]/, '').replace(/[。；;]$/, '').trim()).filter((s) => s !== '');
}

const UNIT_TYPES: [RegExp, string][] = [
  [/参照公务员法管理的?事业单位|参公(?:管理)?事业单位/, 'civilServant'],
  [/行政机关|行政单位/, 'admin'],
  [/事业单位/, 'institution'],
];

function find(list: readonly NarrativeSection[], key: RegExp): NarrativeSection | undefined {
  return list.find((s) => key.test(s.heading));
}

function organisation(section: NarrativeSection, out: DeptInfo): void {
  const add = (rowId: string, col: string, text: string, sentence: string) => out.facts.push({ rowId, col, text, section: section.heading, sentence });
  for (const s of sentences(section)) {
    const quota = new RegExp(`编制(?:人数|数)?(?:为|共|共有)?(${DIGITS})(?:人|名)(?:[（(]([^）)]+)[）)])?`).exec(s);
    if (quota) {
      add('info-staffQuota', 'count', num(quota[1]!), s);
      if (quota[2]) add('info-staffQuota', 'text', quota[2], s);
    }
    const actual = new RegExp(`实有(?:人数|人员|在职人员|在职人数)?(?:为|共)?(${DIGITS})(?:人|名)`).exec(s);
    if (actual) add('info-staffActual', 'count', num(actual[1]!), s);
    // 现有股室 4 个，内设综合室、督查室、调研室、文电室。 / 内设机构 3 个：甲、乙、丙。 / 内设：甲、乙。
    const count = new RegExp(`(?:内设机构|内设|股室|科室|处室)(?:共|有)?(${DIGITS})个[，,：:]?(?:分别为|分别是|包括|即|为|有)?[:：]?([^。；]*)`).exec(s);
    if (count) add('info-orgCount', 'count', num(count[1]!), s);
    const listed = count ? count[2]! : (/内设(?:机构)?(?:有|为|包括)?[:：]?([^。；]+)/.exec(s)?.[1] ?? '');
    const items = listItems(listed.replace(/^内设(?:机构)?(?:有|为|包括)?[:：]?/, ''));
    if (items.length > 0) {
      add('info-orgCount', 'text', items.join('、'), s);
      if (count && Number(num(count[1]!)) !== items.length) {
        out.assumptions.push({ place: section.heading, text: s, note: `说明写内设机构 ${num(count[1]!)} 个，列出的名称有 ${items.length} 个，两者都已填入，请核对` });
      }
    }
    if (!out.unitType) {
      const hit = UNIT_TYPES.find(([re]) => re.test(s));
      if (hit) out.unitType = { value: hit[1], section: section.heading, sentence: s };
    }
  }
}

function budgetUnits(section: NarrativeSection, out: DeptInfo): void {
  for (const s of sentences(section)) {
    if (/无(?:下属|下级|所属)(?:预算)?单位|只有本级|仅(?:为|含)?本级/.test(s)) {
      out.selfOnly = { section: section.heading, sentence: s };
      continue;
    }
    // 本部门预算包括：部门本级、甲中心和乙站。 / 包括本级及所属 2 个单位：甲、乙。
    const list = /包括(?:[^：:。]*?(?:单位|如下))?[:：]?([^。]+)/.exec(s);
    if (!list) continue;
    for (const name of listItems(list[1]!)) {
      if (/^(?:部门)?本级|^本部门|^机关本级/.test(name) || name.length < 2) continue;
      out.subordinates.push({ name, section: section.heading, sentence: s });
    }
  }
}

export function readDepartment(narrative: readonly NarrativeSection[]): DeptInfo {
  const out: DeptInfo = { facts: [], unitType: null, subordinates: [], selfOnly: null, assumptions: [] };
  const org = find(narrative, /机构设置/);
  if (org) organisation(org, out);
  const units = find(narrative, /预算单位构成|单位构成|部门构成/);
  if (units) budgetUnits(units, out);
  if (out.selfOnly && out.subordinates.length > 0) {
    out.assumptions.push({ place: out.selfOnly.section, text: out.selfOnly.sentence, note: `说明既写无下属单位，又列出 ${out.subordinates.length} 个单位；已按列出的单位建立，请核对` });
  }
  return out;
}

/** The 预算单位 rows: the 部门本级 (code 001) with its 单位性质, then the units named, 002 on. */
export function unitRows(deptName: string, info: DeptInfo): RowCells[] {
  const self: RowCells = { code: '001', name: deptName, kind: 'self', ...(info.unitType ? { unitType: info.unitType.value } : {}) };
  return [self, ...info.subordinates.map((u, i) => ({ code: String(i + 2).padStart(3, '0'), name: u.name, kind: 'subordinate' }))];
}

/** The 单位性质 as the report shows it. */
export const unitTypeLabel = (value: string): string => valueLabel('unitType', value) ?? value;

import { PERF_TABLES } from '../binding.js';
import type { FindingList } from '../findings.js';
import { squeezeText } from '../indicator.js';
import { cellText, rowsOf, type IndicatorItem, type Owner, type PerfInput } from '../owners.js';

/**
 * Boilerplate copied from one project to another (DOMAIN §5): the same 绩效目标 text under different
 * names, or a project whose indicators are largely another project's.
 */

/** Shorter texts ("保障运转") can coincide honestly. */
const MIN_GOAL_CHARS = 8;
const MIN_SHARED_INDICATORS = 3;

interface Text {
  store: string;
  row: string;
  column: string;
  /** What the text belongs to: a project's or 专项's name, a 支出方向 with its 专项. */
  key: string;
  /** How messages name the other owners sharing the text. */
  label: string;
  where: string;
  text: string;
}

const norm = (t: string): string => squeezeText(t).replace(/[。；;，,.\s]+$/u, '');

function goalTexts(owners: Owner[], input: PerfInput): Text[] {
  const texts: Text[] = [];
  for (const o of owners) {
    if (o.type === 'project') texts.push({ store: o.store, row: o.row, column: 'goal', key: o.name, label: o.name, where: o.where, text: norm(cellText(o.cells, 'goal')) });
  }
  for (const r of rowsOf(input, PERF_TABLES.special)) {
    const name = cellText(r.cells, 'name');
    for (const column of ['goalPeriod', 'goalYear']) {
      texts.push({ store: PERF_TABLES.special, row: r.id, column, key: name, label: name, where: `专项“${name}”`, text: norm(cellText(r.cells, column)) });
    }
  }
  for (const r of rowsOf(input, PERF_TABLES.directions)) {
    const direction = cellText(r.cells, 'direction');
    const special = cellText(r.cells, 'fundName');
    const where = special ? `支出方向“${direction}”（${special}）` : `支出方向“${direction}”`;
    for (const column of ['goalPeriod', 'goalYear']) {
      texts.push({ store: PERF_TABLES.directions, row: r.id, column, key: `${direction}\u0000${special}`, label: special || direction, where, text: norm(cellText(r.cells, column)) });
    }
  }
  return texts.filter((t) => t.text.length >= MIN_GOAL_CHARS);
}

const goalLabels: Record<string, string> = { goal: '绩效目标', goalPeriod: '实施期绩效目标', goalYear: '年度绩效目标' };

export function checkCopiedGoals(owners: Owner[], input: PerfInput, out: FindingList): void {
  const groups = new Map<string, Text[]>();
  for (const t of goalTexts(owners, input)) {
    const key = `${t.store}\u0000${t.column}\u0000${t.text}`;
    groups.set(key, [...(groups.get(key) ?? []), t]);
  }
  for (const group of groups.values()) {
    for (const t of group) {
      const others = [...new Set(group.filter((g) => g.key !== t.key).map((g) => g.label))];
      if (others.length === 0) continue;
      const what = goalLabels[t.column] ?? '目标';
      out.add({
        rule: 'perf.copied-text',
        severity: 'warning',
        store: t.store,
        row: t.row,
        column: t.column,
        where: t.where,
        message: `${t.where}的${what}与${others.map((n) => `“${n}”`).join('、')}的完全相同，可能是照搬。请按本${t.store === PERF_TABLES.projects ? '项目' : t.store === PERF_TABLES.special ? '专项' : '支出方向'}的实际内容填写。`,
      });
    }
  }
}

/** What makes two indicators the same, kept per item (an unchanged row keeps its item between runs). */
const signatureOf = new WeakMap<IndicatorItem, string>();

function signature(i: IndicatorItem): string {
  let sig = signatureOf.get(i);
  if (sig === undefined) signatureOf.set(i, (sig = `${i.kind ?? i.level2Text}|${squeezeText(i.name)}|${i.valueText}`));
  return sig;
}

export function checkCopiedIndicators(owners: Owner[], out: FindingList): void {
  const projects = owners.filter((o) => o.type === 'project');
  const signatures = projects.map((o) => new Set(o.indicators.filter((i) => i.level1 !== '满意度指标').map(signature)));
  // Shared indicators per pair, counted through an index of who has each signature: only pairs that share
  // something are visited, so a department with hundreds of distinct projects is checked in linear time.
  const holders = new Map<string, number[]>();
  signatures.forEach((set, i) => {
    for (const sig of set) {
      const list = holders.get(sig);
      if (list) list.push(i);
      else holders.set(sig, [i]);
    }
  });
  projects.forEach((later, j) => {
    const counts = new Map<number, number>();
    for (const sig of signatures[j]!) for (const i of holders.get(sig)!) if (i < j) counts.set(i, (counts.get(i) ?? 0) + 1);
    for (const i of [...counts.keys()].sort((a, b) => a - b)) {
      const earlier = projects[i]!;
      if (earlier.name === later.name) continue;
      const shared = counts.get(i)!;
      if (shared < MIN_SHARED_INDICATORS || shared * 2 < Math.min(signatures[i]!.size, signatures[j]!.size)) continue;
      out.add({
        rule: 'perf.copied-indicators',
        severity: 'warning',
        store: later.store,
        row: later.row,
        column: null,
        where: later.where,
        message: `${later.where}有${shared}条绩效指标（名称和指标值）与${earlier.where}完全相同，可能是照搬。请按本项目的产出和效益重新设置指标。`,
      });
    }
  });
}

import { PERF_TABLES } from '../binding.js';
import type { FindingList } from '../findings.js';
import { cellText, itemWhere, rowsOf, type Owner, type PerfInput } from '../owners.js';
import { level1Of, level2Kinds, level2Label, type Level2Kind } from '../tree.js';

/**
 * The shape reviewers expect (DOMAIN §5): every project has 产出 数量/质量/时效/成本, 效益 and 满意度
 * indicators, each 二级 under its own 一级, and names, 资金用途 and 绩效目标 filled in.
 */

const list = (items: readonly string[]): string => items.join('、');

export function checkTree(owners: Owner[], out: FindingList): void {
  for (const o of owners) {
    for (const item of o.indicators) {
      if (item.column !== null) continue;
      const where = itemWhere(o, item);
      const base = { store: item.store, row: item.row, where, owner: o.row } as const;
      if (item.level1 === undefined) {
        out.add({
          ...base,
          rule: 'perf.level',
          severity: 'error',
          column: 'level1',
          message: `${where}的一级指标“${item.level1Text}”无效。一级指标应为产出指标、效益指标（也写作效果指标）或满意度指标。`,
        });
        continue;
      }
      const allowed = level2Kinds[item.level1] as readonly string[];
      if (item.kind === undefined) {
        out.add({
          ...base,
          rule: 'perf.level',
          severity: 'error',
          column: 'level2',
          message: `${where}的二级指标“${item.level2Text}”不是${item.level1}的二级指标。请从${list(allowed.map((k) => level2Label(k as Level2Kind)))}中选择。`,
        });
      } else if (!allowed.includes(item.kind)) {
        out.add({
          ...base,
          rule: 'perf.level',
          severity: 'error',
          column: 'level2',
          message: `${where}：${level2Label(item.kind)}属于${level1Of(item.kind)}，不能放在${item.level1}下。请改一级指标，或换成${list(allowed.map((k) => level2Label(k as Level2Kind)))}之一。`,
        });
      }
    }
  }
}

export function checkCoverage(owners: Owner[], out: FindingList): void {
  for (const o of owners) {
    const subject = { store: o.store, row: o.row, where: o.where };
    if (o.indicators.length === 0) {
      out.add({ ...subject, rule: 'perf.no-indicators', severity: 'warning', column: null, message: `${o.where}没有填写绩效指标。请至少填写产出、效益和满意度指标。` });
      continue;
    }
    const kinds = new Set(o.indicators.filter((i) => i.kind !== undefined && i.level1 === level1Of(i.kind)).map((i) => i.kind));
    const missing = level2Kinds.产出指标.filter((k) => !kinds.has(k));
    if (missing.length > 0) {
      out.add({
        ...subject,
        rule: 'perf.output-kinds',
        severity: 'warning',
        column: null,
        message: `${o.where}缺少产出指标中的${list(missing.map(level2Label))}。产出指标应包括数量、质量、时效、成本四类，请补充。`,
      });
    }
    if (!level2Kinds.效益指标.some((k) => kinds.has(k))) {
      out.add({ ...subject, rule: 'perf.benefit-missing', severity: 'warning', column: null, message: `${o.where}没有效益指标。请至少填写一项经济、社会、生态效益或可持续影响指标。` });
    }
    if (!kinds.has('服务对象满意度')) {
      out.add({ ...subject, rule: 'perf.satisfaction-missing', severity: 'warning', column: null, message: `${o.where}没有满意度指标。请填写服务对象满意度指标（如“≥90%”）。` });
    }
  }
}

export function checkDuplicateNames(input: PerfInput, out: FindingList): void {
  for (const [store, label] of [
    [PERF_TABLES.projects, '项目'],
    [PERF_TABLES.special, '专项'],
  ] as const) {
    const seen = new Map<string, number>();
    rowsOf(input, store).forEach((r, i) => {
      const name = cellText(r.cells, 'name');
      if (name === '') return;
      const first = seen.get(name);
      if (first === undefined) {
        seen.set(name, i);
        return;
      }
      out.add({
        rule: 'perf.duplicate-name',
        severity: 'error',
        store,
        row: r.id,
        column: 'name',
        where: `${label}“${name}”`,
        message: `${label}“${name}”出现了两次（第${first + 1}个和第${i + 1}个）。重复的表格请删除；确是两个${label}的，请改用能区分的名称。`,
      });
    });
  }
}

export function checkMissingText(owners: Owner[], input: PerfInput, out: FindingList): void {
  for (const o of owners) {
    if (o.type !== 'project') continue;
    for (const [column, label] of [
      ['purpose', '资金用途'],
      ['goal', '绩效目标'],
    ] as const) {
      if (cellText(o.cells, column) !== '') continue;
      out.add({ rule: 'perf.missing-text', severity: 'warning', store: o.store, row: o.row, column, where: o.where, message: `${o.where}没有填写${label}。请补充。` });
    }
  }
  for (const [store, label, nameKey] of [
    [PERF_TABLES.special, '专项', 'name'],
    [PERF_TABLES.directions, '支出方向', 'direction'],
  ] as const) {
    for (const r of rowsOf(input, store)) {
      const where = `${label}“${cellText(r.cells, nameKey)}”`;
      for (const [column, what] of [
        ['goalPeriod', '实施期绩效目标'],
        ['goalYear', '年度绩效目标'],
      ] as const) {
        if (cellText(r.cells, column) !== '') continue;
        out.add({ rule: 'perf.missing-text', severity: 'warning', store, row: r.id, column, where, message: `${where}没有填写${what}。请补充。` });
      }
    }
  }
}

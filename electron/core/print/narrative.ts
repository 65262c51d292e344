import { canonical, Dec, toUnit, type Dec as Decimal } from '../../../shared/money/decimal.js';
import type { NarrativeSection } from '../../../shared/print/document.js';
import type { FactQuery } from '../../../shared/tables/schema.js';
import type { GridRow } from '../../../shared/workbook/types.js';
import type { Core } from '../core.js';
import type { Workbook } from '../workbook/workbook.js';

const HEADING_NUMBERS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** The figures the 说明 quotes, as fact queries over the budget facts (元, exact). */
const QUERIES = {
  income: { measure: 'income' },
  general: { measure: 'income', filter: { fundSource: 'general' } },
  fund: { measure: 'income', filter: { fundSource: 'fund' } },
  specialAccount: { measure: 'income', filter: { fundSource: 'specialAccount' } },
  carryover: { measure: 'income', filter: { fundSource: 'carryover' } },
  expense: { measure: 'expense' },
  basic: { measure: 'expense', filter: { nature: 'basic' } },
  project: { measure: 'expense', filter: { nature: 'project' } },
  generalBasic: { measure: 'expense', filter: { nature: 'basic', fundSource: 'general' } },
  generalProject: { measure: 'expense', filter: { nature: 'project', fundSource: 'general' } },
  generalExpense: { measure: 'expense', filter: { fundSource: 'general' } },
  personnel: { measure: 'expense', filter: { nature: 'basic', fundSource: 'general', econCode: '301' } },
  goods: { measure: 'expense', filter: { nature: 'basic', fundSource: 'general', econCode: '302' } },
  families: { measure: 'expense', filter: { nature: 'basic', fundSource: 'general', econCode: '303' } },
  fundExpense: { measure: 'expense', filter: { fundSource: 'fund' } },
  meetings: { measure: 'expense', filter: { econCode: '30215' } },
  training: { measure: 'expense', filter: { econCode: '30216' } },
} satisfies Record<string, FactQuery>;

/**
 * The 第一部分 说明 from what the workbook holds: the 基本情况 entered by the clerk and the budget facts.
 * A section prints only when its facts are there; figures in the workbook's money unit, as the tables.
 */
export function narrativeSections(core: Core, wb: Workbook, read: (store: string) => GridRow[]): NarrativeSection[] {
  const meta = wb.meta();
  const unit = meta.moneyUnit;
  const incomeRows = read('fact-income');
  const lineRows = read('fact-lines');
  if (incomeRows.length === 0 && lineRows.length === 0) return [];
  const exact = core.derived.sums(wb, QUERIES);
  const sums = Object.fromEntries(Object.keys(QUERIES).map((k) => [k, new Dec(exact[k] ?? '0')])) as Record<keyof typeof QUERIES, Decimal>;
  const prevIncome = new Dec(core.derived.sums(wb, { income: QUERIES.income }, undefined, true).income ?? '0');
  const info = new Map(read('fact-info').map((r) => [r.id, r.cells]));
  const amount = (v: string | Decimal | undefined): string => `${canonical(toUnit(v ?? '0', unit).toDecimalPlaces(2, Dec.ROUND_HALF_UP))} ${unit}`;
  const count = (key: string): string | undefined => info.get(key)?.count;
  const text = (key: string): string | undefined => info.get(key)?.text || undefined;
  const y = meta.year;
  const sections: { title: string; paragraphs: string[] }[] = [];

  const staff: string[] = [];
  if (count('info-staffQuota') !== undefined) staff.push(`本部门共有编制人数 ${count('info-staffQuota')} 人${text('info-staffQuota') ? `（${text('info-staffQuota')}）` : ''}`);
  if (count('info-staffActual') !== undefined) staff.push(`实有人数 ${count('info-staffActual')} 人`);
  if (count('info-orgCount') !== undefined) staff.push(`现有内设机构 ${count('info-orgCount')} 个${text('info-orgCount') ? `：${text('info-orgCount')}` : ''}`);
  if (staff.length > 0) sections.push({ title: '机构设置', paragraphs: [`${staff.join('，')}。`] });

  const units = read('fact-units');
  const subordinate = units.filter((u) => u.cells.kind === 'subordinate');
  sections.push({
    title: '部门预算单位构成',
    paragraphs: [
      subordinate.length === 0
        ? `${y}年部门预算编报范围是${meta.scope}预算（本部门无下属预算单位）。`
        : `${y}年部门预算编报范围包括：${units.map((u) => u.cells.name ?? '').join('、')}。`,
    ],
  });

  const other = sums.income.minus(sums.general).minus(sums.fund).minus(sums.specialAccount).minus(sums.carryover);
  const change = sums.income.minus(prevIncome);
  sections.push({
    title: '部门收支总体情况',
    paragraphs: [
      `（一）收入预算：${y}年年初预算数 ${amount(sums.income)}，其中，一般公共预算拨款 ${amount(sums.general)}；政府性基金拨款 ${amount(sums.fund)}；纳入专户管理的非税收入拨款 ${amount(sums.specialAccount)}；其他收入 ${amount(other)}；上年结转 ${amount(sums.carryover)}。`,
      `（二）支出预算：${y}年年初预算数 ${amount(sums.expense)}，其中，基本支出 ${amount(sums.basic)}，项目支出 ${amount(sums.project)}。`,
      prevIncome.isZero()
        ? `（三）预算收支增减变化情况说明：${y}年年初预算数为 ${amount(sums.income)}。`
        : `（三）预算收支增减变化情况说明：${y}年年初预算数为 ${amount(sums.income)}，比上年${change.isNegative() ? '减少' : '增加'} ${amount(change.abs())}。`,
    ],
  });

  const projects = read('fact-projects').filter((p) => (p.cells.fundSource ?? '').startsWith('general'));
  sections.push({
    title: '一般公共预算拨款支出预算',
    paragraphs: [
      `${y}年本部门一般公共预算拨款支出 ${amount(sums.generalExpense)}，具体安排如下：`,
      `（一）基本支出：${y}年年初预算数为 ${amount(sums.generalBasic)}，其中工资福利支出 ${amount(sums.personnel)}、一般商品和服务支出 ${amount(sums.goods)}、对个人和家庭的补助 ${amount(sums.families)}。`,
      `（二）项目支出：${y}年年初预算数为 ${amount(sums.generalProject)}${projects.length > 0 ? '，其中：' : '。'}`,
      ...projects.map((p, i) => `（${i + 1}）${p.cells.name ?? ''} ${amount(p.cells.amount)}。`),
    ],
  });

  sections.push({
    title: '政府性基金预算支出',
    paragraphs: [sums.fundExpense.isZero() ? `${y}年度本部门无政府性基金预算安排的支出。` : `${y}年度本部门政府性基金预算支出 ${amount(sums.fundExpense)}。`],
  });

  const others: string[] = [];
  const procurement = (['info-procGoods', 'info-procWorks', 'info-procServices'] as const).filter((k) => info.get(k)?.amount);
  if (procurement.length > 0) {
    const total = procurement.reduce((a, k) => a.plus(info.get(k)!.amount!), new Dec(0));
    const parts = procurement.map((k) => `${text(k) ?? { 'info-procGoods': '货物', 'info-procWorks': '工程', 'info-procServices': '服务' }[k]} ${amount(info.get(k)!.amount)}`);
    others.push(`政府采购预算：${y}年年初预算数为 ${amount(total)}，包含：${parts.join('、')}。`);
  }
  if (count('info-buildingArea') !== undefined || count('info-vehicles') !== undefined) {
    others.push(
      `国有资产占有情况：${text('info-assetDate') ? `截止${text('info-assetDate')}，` : ''}本部门共有办公及业务用房 ${count('info-buildingArea') ?? 0} 平方米；车辆 ${count('info-vehicles') ?? 0} 辆，其中一般公务用车 ${count('info-officialVehicles') ?? 0} 辆；单位价值200万元以上大型设备 ${count('info-largeEquipment') ?? 0} 套。`,
    );
  }
  if (!sums.meetings.isZero() || text('info-meetingNote')) others.push(`会议费：${y}年预算安排会议费 ${amount(sums.meetings)}${text('info-meetingNote') ? `，${text('info-meetingNote')}` : ''}。`);
  if (!sums.training.isZero() || text('info-trainingNote')) others.push(`培训费：${y}年预算安排培训费 ${amount(sums.training)}${text('info-trainingNote') ? `，${text('info-trainingNote')}` : ''}。`);
  if (others.length > 0) sections.push({ title: '其他重要事项情况说明', paragraphs: others.map((p, i) => `（${HEADING_NUMBERS[i]}）${p}`) });

  return sections.map((s, i) => ({ heading: `${HEADING_NUMBERS[i]}、${s.title}`, paragraphs: s.paragraphs }));
}

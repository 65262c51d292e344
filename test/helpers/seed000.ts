import type { Core } from '../../electron/core/core.js';
import type { ChangeResult } from '../../shared/api/contract.js';
import type { MoneyUnit } from '../../shared/tables/schema.js';
import type { RowCells, WorkbookMeta, WorkbookState } from '../../shared/workbook/types.js';
import { callOk } from './core.js';

/**
 * Seed 000: 附件3-1 (2019年区级专项资金预算绩效目标汇总表) of a county government office, as printed
 * in shared/seeds/000_*.txt. Twelve rows, 资金总额 in 万元: 8,5,2,10,8,10,2,10,5,15,20,5 = 100 万元.
 *
 * Texts are exactly as printed, including the full-width '１' the source uses for the first 序号.
 */

export const SEED_000_SOURCE_FILE = '000_d4e6201df9de46f4.txt';
export const SEED_000_TABLE_SET_ID = 'hunan-2019-jx';
/** Table id of 附件3-1 in the hunan-2019-jx set. */
export const SEED_000_TABLE_ID = 'zxzj-hz';
export const SEED_000_UNIT: MoneyUnit = '万元';
export const SEED_000_META: WorkbookMeta = {
  deptName: '株洲市石峰区人民政府办公室',
  unitCode: '',
  year: 2019,
  moneyUnit: '万元',
  scope: '本级',
  tableSetId: SEED_000_TABLE_SET_ID,
};
export const SEED_000_COLUMNS = ['seq', 'name', 'direction', 'amount', 'goalPeriod', 'goalYear'] as const;

export interface Seed000Row {
  seq: string;
  name: string;
  direction: string;
  /** As printed, in 万元. */
  amount: string;
  goalPeriod: string;
  goalYear: string;
}

export const SEED_000_ROWS: readonly Readonly<Seed000Row>[] = [
  {
    seq: '１',
    name: '值班工作经费',
    direction: '政府事务支出',
    amount: '8',
    goalPeriod: '组织、审核知会APP的使用工作',
    goalYear: '通过知会APP的使用，做到三种渠道（APP通知、短信、语音电话）快速下发各类通知，汇聚统计查收情况，全局掌握工作动态。',
  },
  {
    seq: '2',
    name: '金融办经费',
    direction: '一般行政管理事务支出',
    amount: '5',
    goalPeriod: '贯彻执行国家金融工作的方针、政策，督促落实区委、区政府有关金融、保险等工作的决定和工作部署。',
    goalYear: '充分发挥财政资金杠杆放大效应，有效解决辖区内中小微企业融资难、融资贵问题。',
  },
  {
    seq: '3',
    name: '优化办经费',
    direction: '一般行政管理事务支出',
    amount: '2',
    goalPeriod: '贯彻执行国家金融工作的方针、政策，督促落实区委、区政府有关金融、保险等工作的决定和工作部署。',
    goalYear: '建立“双随机一公开”涉企检查工作制度，切实解决检查任性和执法扰民等问题，优化企业经营发展环境。',
  },
  {
    seq: '4',
    name: '政府办党组工作经费',
    direction: '政府事务支出',
    amount: '10',
    goalPeriod: '致力健全体系，强化内部管理，提高责任意识',
    goalYear: '致力健全体系，强化内部管理，提高政府的领导责任意识，确保政府职责执行到位。',
  },
  {
    seq: '5',
    name: '机要保密经费',
    direction: '一般行政管理事务支出',
    amount: '8',
    goalPeriod: '做好政府机关文件管理和计算机网络管理以及机要等工作',
    goalYear: '牢树“保守机密，慎之又慎”的思想，从制度遵循、文电流转、设施配套、执法检查等方面采取有力措施，严格保障了机要密码安全，切实做到保密工作无失误。',
  },
  {
    seq: '6',
    name: '调研督查经费',
    direction: '一般行政管理事务支出',
    amount: '10',
    goalPeriod: '调查研究和信息综合工作，区政府决定事项的督查督办，及时掌握全区经济社会发展的基本情况和动态，为区政府领导科学决策提供依据。',
    goalYear: '全力抓好对省、市党委政府的重大决策部署和领导批示交办事项以及有关会议议定事项的跟踪督办，确保了政令畅通。',
  },
  {
    seq: '7',
    name: '提案建议承办经费',
    direction: '一般行政管理事务支出',
    amount: '2',
    goalPeriod: '组织协调人大代表建议及政协委员提案办理工作',
    goalYear: '确保人大代表建议及政协委员提案办理满意达到100%',
  },
  {
    seq: '8',
    name: '外事经费',
    direction: '政府事务支出',
    amount: '10',
    goalPeriod: '做好区政府、政府办公室有关接待工作',
    goalYear: '提升综合协调服务水平',
  },
  {
    seq: '9',
    name: '法制办经费',
    direction: '一般行政管理事务支出',
    amount: '5',
    goalPeriod: '积极履行行政复议应诉工作职责，推进政府法律顾问制度建设',
    goalYear: '建立依法行政全过程法律风险防范化解机制，强化事前防范、注重事中控制、完善事后化解，充分发挥法制工作在政府行政决策过程中的法律服务和审核把关作用。',
  },
  {
    seq: '10',
    name: '应急办经费',
    direction: '一般行政管理事务支出',
    amount: '15',
    goalPeriod: '负责组织指导全区应急管理工作',
    goalYear: '督促各职能部门加强应急值班督查工作',
  },
  {
    seq: '11',
    name: '政府全会经费',
    direction: '政府会议支出',
    amount: '20',
    goalPeriod: '负责区政府会务工作，协助区政府领导组织实施会议决定的事项',
    goalYear: '完善会议登记、审批、统筹制度，精细化会务组织',
  },
  {
    seq: '12',
    name: '食安办经费',
    direction: '食品安全事务支出',
    amount: '5',
    goalPeriod: '承担区食品安全管理委员会的日常工作',
    goalYear: '贯彻落实省、市、区政府关于食品安全工作方针政策，加强全区食品安全工作',
  },];

/** Alias kept for callers that use the unseparated name. */
export const SEED000_ROWS = SEED_000_ROWS;

/** 资金总额 per row as printed (万元). */
export const SEED_000_AMOUNTS_WAN: readonly string[] = SEED_000_ROWS.map((r) => r.amount);
/** 合计 of 资金总额: 100 万元 = 1,000,000 元 (stored value). */
export const SEED_000_TOTAL_WAN = '100';
export const SEED_000_TOTAL_YUAN = '1000000';

/** The rows as `insertRows` input (texts as typed; the amount is read in the workbook's unit). */
export function seed000InsertRows(opts: { asciiSeq?: boolean } = {}): Record<string, string>[] {
  return SEED_000_ROWS.map((r, i) => ({ ...r, seq: opts.asciiSeq ? String(i + 1) : r.seq }));
}

/** What the store holds after inserting seed000InsertRows() into a workbook with 金额单位 `unit`. */
export function seed000StoredCells(unit: MoneyUnit = '万元', opts: { asciiSeq?: boolean } = {}): RowCells[] {
  const factor = unit === '万元' ? 10000 : 1;
  return seed000InsertRows(opts).map((r) => ({ ...r, amount: String(Number(r.amount) * factor) }));
}

export interface Seed000Workbook {
  path: string;
  state: WorkbookState;
  /** Ids of the twelve rows, in order. */
  rowIds: string[];
  change: ChangeResult;
}

/**
 * Creates a workbook in `core`'s library with SEED_000_META (overridable) and the twelve rows of
 * 附件3-1 inserted as one undoable change labelled '导入种子000'.
 */
export async function createSeed000Workbook(
  core: Core,
  opts: { meta?: Partial<WorkbookMeta>; fileName?: string; asciiSeq?: boolean } = {},
): Promise<Seed000Workbook> {
  const meta = { ...SEED_000_META, ...opts.meta };
  const created = await callOk(core, 'library.create', opts.fileName === undefined ? { meta } : { meta, fileName: opts.fileName });
  const change = await callOk(core, 'workbook.change', {
    path: created.path,
    change: {
      label: '导入种子000',
      edits: [{ kind: 'insertRows', tableId: SEED_000_TABLE_ID, index: 0, rows: seed000InsertRows({ asciiSeq: opts.asciiSeq ?? false }) }],
    },
  });
  return { path: created.path, state: change.state, rowIds: change.insertedRowIds, change };
}

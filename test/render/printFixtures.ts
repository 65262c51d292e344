import type { PrintCell, PrintColumn, PrintDocument, PrintRow, PrintTable } from '../../shared/print/types.js';
import { seed001Expected, type PrintedTable } from '../fixtures/seed001/load.js';

/**
 * PrintDocuments built by hand from the seeds, for the .docx writer's tests and the bench, until the print
 * builder (shared/print) produces them from workbooks. Seed 001's 17 tables come from its hand-transcribed
 * expected files; the narrative, the 绩效 tables and the project indicator tables are typed from seeds 001/003.
 */

const FIGURE = /^-?\d{1,3}(,\d{3})*(\.\d+)?$|^-?\d+\.\d+$/;
const KEY_HEADER = /科目|编码|名称|项目|^类$|^款$|^项$|序号|项 目|收 入|支 出/;

const attachmentNo = (t: { number: string }) => Number(t.number.replace(/\D+/g, '')) || 0;

/** Seed 001's 17 tables (附件1–17 of the 湖南 2020 layout) as PrintTables, in 附件 order. */
export function seed001Tables(): PrintTable[] {
  return seed001Expected()
    .sort((a, b) => attachmentNo(a) - attachmentNo(b))
    .map(toPrintTable);
}

function toPrintTable(t: PrintedTable): PrintTable {
  const ncols = Math.max(...t.header.map((h) => h[2] + h[4]));
  const nhead = Math.max(...t.header.map((h) => h[1] + h[3]));
  // The deepest header label over each column decides whether an all-blank column holds figures.
  const leafLabel = Array.from({ length: ncols }, (_, c) =>
    t.header.filter((h) => h[2] <= c && c < h[2] + h[4]).sort((a, b) => b[1] - a[1])[0]?.[0] ?? '',
  );
  const numeric = leafLabel.map((label, c) => {
    const values = t.rows.map((r) => r[c] ?? '').filter((v) => v !== '');
    return values.length > 0 ? values.every((v) => FIGURE.test(v) && v.includes('.')) : !KEY_HEADER.test(label);
  });
  const columns: PrintColumn[] = numeric.map((n, c) => ({
    key: `c${c}`,
    width: n ? 60 : /名称|项 目|项目/.test(leafLabel[c]!) ? 160 : leafLabel[c]!.length <= 1 ? 28 : 70,
    numeric: n,
    decimals: n ? 2 : undefined,
  }));
  const header: PrintRow[] = Array.from({ length: nhead }, (_, r) => ({
    role: 'header',
    cells: t.header
      .filter((h) => h[1] === r)
      .sort((a, b) => a[2] - b[2])
      .map(([text, , col, rowSpan, colSpan]) => ({ col, colSpan, rowSpan, text, align: 'center', bold: true })),
  }));
  if (t.numberRow) header.push({ role: 'number', cells: t.numberRow.map((text, col) => ({ col, colSpan: 1, rowSpan: 1, text, align: 'center' })) });
  const rows: PrintRow[] = t.rows.map((r) => {
    const total = r.some((v) => /^合\s*计$|总\s*计|合\s*计$/.test(v));
    const cells: PrintCell[] = [];
    for (let c = 0; c < ncols; c++) {
      const text = r[c] ?? '';
      // A 合计 row over empty code columns prints its label across them, as the seeds do.
      if (total && c === 0 && text === '合计' && ncols > 4 && r[1] === '' && r[2] === '' && r[3] === '') {
        cells.push({ col: 0, colSpan: 4, rowSpan: 1, text, align: 'center', bold: true });
        c = 3;
        continue;
      }
      if (numeric[c]) cells.push({ col: c, colSpan: 1, rowSpan: 1, text, number: text === '' ? '0' : text.replace(/,/g, ''), decimals: 2, align: 'right', bold: total });
      else cells.push({ col: c, colSpan: 1, rowSpan: 1, text, align: /^\d+$/.test(text) ? 'center' : 'left', bold: total });
    }
    return { role: total ? 'total' : 'body', cells };
  });
  const empty = t.rows.length === 0;
  if (empty) {
    for (let i = 0; i < 3; i++) rows.push({ role: 'blank', cells: Array.from({ length: ncols }, (_, col) => ({ col, colSpan: 1, rowSpan: 1, text: '', align: 'left' as const })) });
  }
  return {
    tableId: t.tableId,
    number: t.number,
    title: t.title,
    orientation: ncols >= 7 ? 'landscape' : 'portrait',
    kind: 'table',
    unitLine: t.unitLine,
    moneyUnitLine: t.moneyUnitLine,
    moneyUnit: '万元',
    columns,
    header,
    rows,
    empty,
    emptyNote: t.emptyNote,
    notes: t.notes ?? [],
  };
}

/** Seed 001's 绩效附件2 (区级专项资金预算绩效目标汇总表): long texts that wrap, a 资金总额 figure column. */
export function seed001GoalSummary(): PrintTable {
  const rows: [string, string, string, string, string, string][] = [
    ['1', '值班工作经费', '政府事务支出', '4', '组织、审核知会APP的使用工作', '通过知会APP的使用，做到三种渠道（APP通知、短信、语音电话）快速下发各类通知，汇聚统计查收情况，全局掌握工作动态。'],
    ['2', '政府办党组工作经费', '政府事务支出', '10', '致力健全体系，强化内部管理，提高责任意识', '致力健全体系，强化内部管理，提高政府的领导责任意识，确保政府职责执行到位。'],
    ['3', '机要保密经费', '一般行政管理事务支出', '10', '做好政府机关文件管理和计算机网络管理以及机要等工作', '牢固树立“保守机密，慎之又慎”的思想，从制度遵循、文电流转、设施配套、执法检查等方面采取有力措施，严格保障了机要密码安全，切实做到保密工作无失误。'],
    ['4', '督查调研经费', '一般行政管理事务支出', '14', '调查研究和信息综合工作，区政府决定事项的督查督办，及时掌握全区经济社会发展的基本情况和动态，为区政府领导科学决策提供依据。', '全力抓好对省、市党委政府的重大决策部署和领导批示交办事项以及有关会议议定事项的跟踪督办，确保了政令畅通。'],
    ['5', '提案建议承办经费', '一般行政管理事务支出', '2', '组织协调人大代表建议及政协委员提案办理工作', '确保人大代表建议及政协委员提案办理满意率达到100%'],
    ['6', '政府全会经费', '政府会议支出', '20', '负责区政府会务工作，协助区政府领导组织实施会议决定的事项', '完善会议登记、审批、统筹制度，精细化会务组织'],
  ];
  const headers = ['序号', '专项支出名称', '支出方向', '资金总额', '实施期绩效目标', '年度绩效目标'];
  const widths = [30, 90, 80, 60, 160, 200];
  return {
    tableId: 'perf-summary',
    number: '附件2',
    title: '2020年区级专项资金预算绩效目标汇总表',
    orientation: 'landscape',
    kind: 'table',
    unitLine: null,
    moneyUnitLine: '单位：万元',
    moneyUnit: '万元',
    columns: widths.map((width, c) => ({ key: `c${c}`, width, numeric: c === 3, decimals: c === 3 ? 2 : undefined })),
    header: [{ role: 'header', cells: headers.map((text, col) => ({ col, colSpan: 1, rowSpan: 1, text, align: 'center', bold: true })) }],
    rows: rows.map((r) => ({
      role: 'body',
      cells: r.map((text, col): PrintCell =>
        col === 3
          ? { col, colSpan: 1, rowSpan: 1, text: `${text}.00`, number: text, decimals: 2, align: 'right' }
          : { col, colSpan: 1, rowSpan: 1, text, align: col === 0 ? 'center' : 'left', wrap: col >= 4 },
      ),
    })),
    empty: false,
    notes: [],
  };
}

/** Indicator rows of a 项目绩效目标表 (seed 003's 劳务派遣人员报酬经费, then the usual 效益/满意度 lines). */
const INDICATORS: [string, string, string, string][] = [
  ['产出指标', '数量指标', '支付费用人数', '10人'],
  ['产出指标', '数量指标', '保障岗位数', '10个'],
  ['产出指标', '质量指标', '支付费用合规率', '100%'],
  ['产出指标', '质量指标', '资料归档完整率', '≥95%'],
  ['产出指标', '时效指标', '支付费用到位率', '100%'],
  ['产出指标', '时效指标', '按月发放及时率', '100%'],
  ['产出指标', '成本指标', '控制在预算金额内', '支出不超出预算'],
  ['效益指标', '社会效益指标', '提高就业率', '提高毕业生就业率'],
  ['效益指标', '社会效益指标', '提高生活水平', '有效提高'],
  ['效益指标', '可持续影响指标', '保障机关正常运转', '长期'],
  ['效益指标', '经济效益指标', '节约行政成本', '≥5%'],
  ['满意度指标', '服务对象满意度指标', '派遣人员满意度', '≥90%'],
];

/**
 * Project i's 项目绩效目标表: 预算数 (元, with thousands), a 12-row indicator table whose 一级/二级 columns
 * merge down (vMerge) like seeds 003/004, and the project's name in the title (user text, escaped).
 */
export function projectIndicatorTable(i: number, name = `项目${i + 1}工作经费`): PrintTable {
  const amount = `${(i * 7919) % 900000 + 100000}.${String(i % 100).padStart(2, '0')}`;
  const cols: PrintColumn[] = [
    { key: 'l1', width: 60, numeric: false },
    { key: 'l2', width: 80, numeric: false },
    { key: 'l3', width: 140, numeric: false },
    { key: 'value', width: 120, numeric: false },
    { key: 'amount', width: 90, numeric: true, decimals: 2 },
  ];
  const header: PrintRow[] = [
    {
      role: 'header',
      cells: [
        { col: 0, colSpan: 2, rowSpan: 1, text: '项目名称', align: 'center', bold: true },
        { col: 2, colSpan: 2, rowSpan: 1, text: name, align: 'left' },
        { col: 4, colSpan: 1, rowSpan: 2, text: '预算数（元）', align: 'center', bold: true },
      ],
    },
    {
      role: 'header',
      cells: [
        { col: 0, colSpan: 1, rowSpan: 1, text: '一级指标', align: 'center', bold: true },
        { col: 1, colSpan: 1, rowSpan: 1, text: '二级指标', align: 'center', bold: true },
        { col: 2, colSpan: 1, rowSpan: 1, text: '三级指标', align: 'center', bold: true },
        { col: 3, colSpan: 1, rowSpan: 1, text: '指标值', align: 'center', bold: true },
      ],
    },
  ];
  const rows: PrintRow[] = INDICATORS.map(([l1, l2, l3, value], r) => {
    const cells: PrintCell[] = [];
    if (r === 0 || INDICATORS[r - 1]![0] !== l1) cells.push({ col: 0, colSpan: 1, rowSpan: INDICATORS.filter((x) => x[0] === l1).length, text: l1, align: 'center' });
    if (r === 0 || INDICATORS[r - 1]![1] !== l2 || INDICATORS[r - 1]![0] !== l1) {
      let span = 1;
      while (INDICATORS[r + span]?.[1] === l2 && INDICATORS[r + span]?.[0] === l1) span++;
      cells.push({ col: 1, colSpan: 1, rowSpan: span, text: l2, align: 'center' });
    }
    cells.push({ col: 2, colSpan: 1, rowSpan: 1, text: l3, align: 'left' }, { col: 3, colSpan: 1, rowSpan: 1, text: value, align: 'left' });
    if (r === 0) cells.push({ col: 4, colSpan: 1, rowSpan: INDICATORS.length, text: amount, number: amount, decimals: 2, align: 'right' });
    return { role: 'body', cells };
  });
  return {
    tableId: `project-${i}`,
    number: '',
    title: `${i + 1}.${name}绩效目标表`,
    orientation: 'portrait',
    kind: 'table',
    unitLine: '编制单位：玉田县人民政府办公室本级',
    moneyUnitLine: '单位：元',
    unitLinesJoined: true,
    moneyUnit: '元',
    columns: cols,
    header,
    rows,
    empty: false,
    notes: [],
  };
}

const tableBlocks = (tables: PrintTable[]) => tables.flatMap((table) => [{ kind: 'table' as const, table }, { kind: 'pageBreak' as const }]);

/** Seed 001's document: cover, 目录, part of the 说明, the 17 tables, the 绩效 summary and a few project tables. */
export function seed001Document(projects = 2): PrintDocument {
  const tables = seed001Tables();
  const narrative: [1 | 2, string, string[]][] = [
    [2, '一、部门职能职责', ['根据中共株洲市石峰区委办公室、株洲市石峰区人民政府办公室关于印发《株洲市石峰区人民政府办公室职能配置、内设机构和人员编制规定》的通知（株石办发〔2019〕39号）规定，本部门主要职责是：', '（一）协助区政府领导组织起草和审核以区政府、区政府办公室名义发布的文件，起草区政府领导讲话材料。']],
    [2, '二、机构设置', ['本部门共有编制人数27人（含经济研究中心），实有人数26人。']],
    [2, '四、部门收支总体情况', ['（一）收入预算：2020年年初预算数508.93万元，其中，一般公共预算拨款508.93万元；政府性基金拨款0万元；财政专户管理的非税收入拨款0万元；其他收入0万元；上年结转0万元。']],
  ];
  const goal = seed001GoalSummary();
  const projectTables = Array.from({ length: projects }, (_, i) => projectIndicatorTable(i));
  return {
    deptName: '株洲市石峰区人民政府办公室',
    year: 2020,
    part: 'all',
    cover: { title: '株洲市石峰区人民政府办公室2020年部门预算', dateLine: '2020年5月' },
    toc: [
      { level: 1, text: '第一部分 部门预算公开说明' },
      ...narrative.map(([level, text]) => ({ level, text })),
      { level: 1, text: '第二部分 部门预算公开表格' },
      ...tables.map((t) => ({ level: 2 as const, text: `${t.number}：${t.title}` })),
      { level: 1, text: '绩效目标申报表格' },
      { level: 2, text: `${goal.number}：${goal.title}` },
    ],
    blocks: [
      { kind: 'heading', level: 1, text: '第一部分 部门预算公开说明', toc: true },
      ...narrative.flatMap(([level, text, paras]) => [{ kind: 'heading' as const, level, text, toc: true }, ...paras.map((p) => ({ kind: 'paragraph' as const, text: p, indent: true }))]),
      { kind: 'pageBreak' },
      { kind: 'heading', level: 1, text: '第二部分 部门预算公开表格', toc: true },
      ...tableBlocks(tables),
      { kind: 'heading', level: 1, text: '绩效目标申报表格', toc: true },
      ...tableBlocks([goal, ...projectTables]),
    ],
  };
}

/** The bench's document: seed 001's 17 tables (the full 湖南 2020 set) plus `projects` 项目绩效目标表. */
export function benchDocument(projects: number): PrintDocument {
  const doc = seed001Document(0);
  const extra = Array.from({ length: projects }, (_, i) => projectIndicatorTable(i));
  return { ...doc, blocks: [...doc.blocks, ...tableBlocks(extra)] };
}

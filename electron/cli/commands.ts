import { existsSync } from 'node:fs';
import path from 'node:path';
import type { ParseArgsConfig } from 'node:util';
import type { ImportRunResult } from '../../shared/api/contract.js';
import { makeError } from '../../shared/api/errors-zh.js';
import type { ApiError } from '../../shared/api/result.js';
import type { ImportPreview } from '../../shared/import/preview.js';
import type { ImportReport } from '../../shared/import/workbook.js';
import { documentParts, exportFormats } from '../../shared/print/types.js';
import { fillTemplate } from '../../shared/tables/layout.js';
import { moneyUnits, type MoneyUnit } from '../../shared/tables/schema.js';
import { canonicalJson } from '../../shared/workbook/interchange.js';
import { metaSchema, type WorkbookMeta } from '../../shared/workbook/types.js';
import type { Core } from '../core/core.js';
import { CoreError } from '../core/errors.js';
import { previewText } from './import-preview.js';

/** Wrong use of the command line: exit code 2 and a hint to the command's help. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly command?: string,
  ) {
    super(message);
  }
}

/** A refusal from the core, already an error value: exit code 1. */
export class CommandError extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
  }
}

export interface CommandContext {
  core: Core;
  positionals: string[];
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  out(text: string): void;
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  /** Names of the positional arguments, all required. */
  positionals: string[];
  /** Names of positional arguments that may follow the required ones. */
  optionalPositionals?: string[];
  /** Which positional names the file the command is about (default 0), for error messages. */
  subjectIndex?: number;
  options: NonNullable<ParseArgsConfig['options']>;
  run(ctx: CommandContext): void | Promise<void>;
}

const text = (v: CommandContext['values'][string]): string | undefined => (typeof v === 'string' ? v : undefined);

async function callCore<T>(core: Core, method: string, input: unknown): Promise<T> {
  const result = await core.call(method, input);
  if (!result.ok) throw new CommandError(result.error);
  return result.value as T;
}

/** The import report in a few lines: where the content went, then every assumption and everything not read. */
function reportSummary(r: ImportReport): string {
  const lines: string[] = [];
  const sure = `${Math.round(r.confidence * 100)}%`;
  lines.push(`表格套：${r.setName || r.setId || '无'}（识别度 ${sure}），识别表格 ${r.tables.length} 张`);
  const year = r.shifted ? `${r.fileYear} 年的金额记为 ${r.year} 年的上年预算数` : `${r.year} 年预算数`;
  lines.push(`预算数据：收入 ${r.counts.income} 行，支出明细 ${r.counts.lines} 行，项目 ${r.counts.projects} 个（${year}）`);
  for (const kind of ['假设', '未还原', '未识别', '未导入'] as const) {
    const list = r.entries.filter((e) => e.kind === kind);
    if (list.length === 0) continue;
    lines.push(`${kind}（${list.length}）：`);
    for (const e of list.slice(0, 50)) lines.push(`  - ${[e.place, e.text && `“${e.text.slice(0, 60)}”`, e.note].filter((x) => x).join('  ')}`);
    if (list.length > 50) lines.push(`  …另有 ${list.length - 50} 条，见工作簿中的导入报告`);
  }
  if (r.counts.unrecognised === 0) lines.push('未识别：无');
  if (r.narrative.length > 0) lines.push(`公开说明：${r.narrative.length} 节（${r.narrative.map((s) => s.heading).join('、').slice(0, 200)}），保存在导入报告中`);
  return `${lines.join('\n')}\n`;
}

const metaLabels: Record<string, string> = { deptName: '部门名称', unitCode: '单位编码', year: '年度', scope: '编报范围' };

function newMeta(core: Core, values: CommandContext['values']): WorkbookMeta {
  const dept = text(values.dept);
  if (dept === undefined || dept.trim() === '') throw new UsageError('缺少部门名称：请用 --dept <名称> 指定', 'new');
  const yearText = text(values.year);
  if (yearText === undefined) throw new UsageError('缺少年度：请用 --year <YYYY> 指定，例如 --year 2025', 'new');
  if (!/^\d{4}$/.test(yearText.trim())) throw new UsageError(`年度“${yearText}”无效，应为四位数字，例如 2025`, 'new');
  const setId = text(values['table-set']) ?? core.defaultTableSetId(Number(yearText), text(values.region));
  const set = core.tableSets.get(setId);
  if (!set) {
    const known = core.tableSets.list().map((s) => `${s.id}（${s.name}）`);
    throw new UsageError(`没有表格套表“${setId}”。可用的套表：${known.join('、')}`, 'new');
  }
  const unit = text(values['money-unit']) ?? set.moneyUnit;
  if (!(moneyUnits as readonly string[]).includes(unit)) throw new UsageError(`金额单位“${unit}”无效，只能是 ${moneyUnits.join(' 或 ')}`, 'new');
  const parsed = metaSchema.safeParse({
    deptName: dept,
    unitCode: text(values['unit-code']) ?? '',
    year: Number(yearText),
    moneyUnit: unit as MoneyUnit,
    scope: text(values.scope) ?? '本级',
    tableSetId: setId,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const label = metaLabels[String(issue.path[0])] ?? String(issue.path[0]);
    const limit =
      issue.code === 'too_big' ? `，最多 ${String(issue.maximum)}${issue.origin === 'string' ? ' 个字' : ''}` : issue.code === 'too_small' ? `，最少 ${String(issue.minimum)}` : '';
    throw new UsageError(`${label}无效${limit}`, 'new');
  }
  return parsed.data;
}

function requireFolderOf(file: string): void {
  const dir = path.dirname(path.resolve(file));
  if (!existsSync(dir)) throw new CoreError('NOT_FOUND', { what: '文件夹', path: dir });
}

export const commands: Command[] = [
  {
    name: 'new',
    summary: '新建空白工作簿',
    usage: [
      '用法：budgetdesk new <文件> --dept <部门名称> --year <YYYY> [选项]',
      '',
      '在指定位置新建一个空白工作簿（.bdwb）。文件已存在时不会覆盖。',
      '',
      '选项：',
      '  --dept <名称>          部门名称（必填）',
      '  --year <YYYY>          预算年度（必填），例如 2025',
      '  --unit-code <编码>     单位编码',
      '  --money-unit <单位>    金额单位：万元 或 元（默认随表格套表）',
      '  --scope <范围>         编报范围（默认：本级）',
      '  --region <地区>        所在地区，例如 湖南省株洲市（用于选择默认表格套表）',
      '  --table-set <ID>       表格套表（默认：该年度、该地区已启用的套表中表格最全的一套）',
    ].join('\n'),
    positionals: ['文件'],
    options: {
      dept: { type: 'string' },
      year: { type: 'string' },
      'unit-code': { type: 'string' },
      'money-unit': { type: 'string' },
      scope: { type: 'string' },
      region: { type: 'string' },
      'table-set': { type: 'string' },
    },
    run({ core, positionals, values, out }) {
      const file = positionals[0]!;
      const meta = newMeta(core, values);
      requireFolderOf(file);
      const wb = core.createWorkbook(file, meta);
      out(`已创建工作簿：${wb.path}\n`);
    },
  },
  {
    name: 'info',
    summary: '以 JSON 显示工作簿的基本信息和各表行数',
    usage: [
      '用法：budgetdesk info <文件>',
      '',
      '在标准输出打印 JSON：path（路径）、meta（基本信息）、revision（修订号）、',
      'formatVersion（文件格式版本）、tables（各表的 id、标题和行数）。不修改文件。',
    ].join('\n'),
    positionals: ['文件'],
    options: {},
    run({ core, positionals, out }) {
      const wb = core.workbook(positionals[0]!);
      const state = wb.state();
      const set = core.tableSets.get(state.meta.tableSetId);
      const ids = [...(set?.tables.map((t) => t.id) ?? [])];
      for (const id of wb.storedTableIds()) if (!ids.includes(id)) ids.push(id);
      const tables = ids.map((id) => {
        const def = set?.tables.find((t) => t.id === id);
        return { id, title: def ? fillTemplate(def.title, state.meta) : null, rows: wb.rows(id).length };
      });
      out(canonicalJson({ path: state.path, meta: state.meta, revision: state.revision, formatVersion: state.formatVersion, tables }));
    },
  },
  {
    name: 'export',
    summary: '导出为 Word（.docx）、Excel（.xlsx）或 JSON 交换文件',
    usage: [
      '用法：budgetdesk export <文件> --format docx|xlsx|json --out <输出文件> [--part all|budget|performance] [--tables <表编号,…>]',
      '',
      'docx / xlsx：按所用表格套表导出正式文件（封面、目录、说明、公开表格、绩效目标表，Excel 每表一个工作表）。',
      'json：导出工作簿的全部内容（金额以元为单位，精确无舍入），格式说明见 docs/workbook-format.md。',
      '输出文件已存在时会被替换；导出失败时原文件保持不变。',
      '',
      '选项：',
      '  --format <格式>        docx、xlsx 或 json（默认 json）',
      '  --out <输出文件>       输出文件路径（必填）',
      '  --part <部分>          all 全部（默认）、budget 部门预算公开、performance 绩效目标（仅 docx/xlsx）',
      '  --tables <表编号,…>    只导出这些表（表编号见 tables 命令），按套表顺序（仅 docx/xlsx）',
    ].join('\n'),
    positionals: ['文件'],
    options: { format: { type: 'string' }, out: { type: 'string' }, part: { type: 'string' }, tables: { type: 'string' } },
    async run({ core, positionals, values, out }) {
      const format = (text(values.format) ?? 'json').toLowerCase();
      if (format !== 'json' && !(exportFormats as readonly string[]).includes(format)) {
        throw new UsageError(`不支持导出为“${format}”格式，可用：docx、xlsx、json`, 'export');
      }
      const target = text(values.out);
      if (!target) throw new UsageError('缺少输出文件：请用 --out <文件> 指定', 'export');
      const part = text(values.part);
      const tables = text(values.tables);
      if (format === 'json') {
        if (part !== undefined || tables !== undefined) throw new UsageError('--part 和 --tables 只用于 docx/xlsx 导出', 'export');
        const result = await callCore<{ out: string; bytes: number }>(core, 'workbook.exportJson', { path: positionals[0], out: target });
        out(`已导出：${result.out}（${result.bytes} 字节）\n`);
        return;
      }
      if (part !== undefined && !(documentParts as readonly string[]).includes(part)) {
        throw new UsageError(`--part“${part}”无效，可用：all（全部）、budget（部门预算公开）、performance（绩效目标）`, 'export');
      }
      const input = {
        path: positionals[0],
        format,
        out: target,
        ...(part === undefined ? {} : { part }),
        ...(tables === undefined ? {} : { tables: tables.split(',').map((t) => t.trim()).filter((t) => t !== '') }),
      };
      const result = await callCore<{ out: string; bytes: number; tables: number }>(core, 'print.export', input);
      out(`已导出：${result.out}（${result.tables} 张表，${result.bytes} 字节）\n`);
    },
  },
  {
    name: 'import',
    summary: '导入上年的 Word/Excel 文件、工作簿或 JSON 交换文件',
    usage: [
      '用法：budgetdesk import <文件.docx|.xlsx|.bdwb|.json> [--year <YYYY>] [--into <工作簿>] [--replace] [--keep-draft] --out <文件>',
      '      budgetdesk import <文件> --preview [--json]',
      '',
      '识别文件中的部门预算公开表格，还原收入、支出明细和项目，在 --out 指定的位置新建工作簿（已存在时不会覆盖）；',
      '不指定 --out 时，新工作簿保存到程序的工作簿库中。文件无法读取时不会留下任何文件。',
      '导入报告（读到的内容、去向、所作假设、未识别的内容）保存在工作簿中，并在此打印摘要。',
      '',
      '--preview：读取 .docx/.xlsx 文件，列出识别结果（所属表格套表、每张表、行数、合计金额、说明部分，',
      '以及未能识别的内容及其位置和原因）；工作簿或 JSON 文件列出其中的表格、项目、指标和说明。不创建也不修改任何文件。',
      '',
      '选项：',
      '  --year <YYYY>          新工作簿的年度。晚于文件年度时，文件中的金额记为上年预算数，本年金额留空',
      '  --keep-draft           与 --year 同用：本年金额先填入文件中的金额作为草稿',
      '  --into <工作簿>        把文件内容加入已有的工作簿（不新建）',
      '  --replace              与 --into 同用：工作簿中已有的预算数据被文件内容替换',
      '  --out <文件>           新工作簿的路径',
      '  --preview              只预览文件内容，不导入',
      '  --json                 预览结果以 JSON 输出（金额以元为单位）',
    ].join('\n'),
    positionals: ['文件'],
    options: {
      out: { type: 'string' },
      year: { type: 'string' },
      into: { type: 'string' },
      replace: { type: 'boolean' },
      'keep-draft': { type: 'boolean' },
      preview: { type: 'boolean' },
      json: { type: 'boolean' },
    },
    async run({ core, positionals, values, out }) {
      const file = positionals[0]!;
      if (values.preview === true) {
        const preview = await callCore<ImportPreview>(core, 'import.preview', { path: file });
        out(values.json === true ? canonicalJson(preview) : previewText(preview));
        return;
      }
      const yearText = text(values.year);
      if (yearText !== undefined && !/^\d{4}$/.test(yearText.trim())) throw new UsageError(`年度“${yearText}”无效，应为四位数字，例如 2021`, 'import');
      const into = text(values.into);
      if (values.replace === true && into === undefined) throw new UsageError('--replace 只能与 --into 一起使用', 'import');
      const target = text(values.out);
      if (into !== undefined && target !== undefined) throw new UsageError('--into 与 --out 不能同时使用：--into 把内容加入已有的工作簿，--out 新建工作簿', 'import');
      const input = {
        source: file,
        ...(yearText === undefined ? {} : { year: Number(yearText) }),
        ...(into === undefined ? {} : { into }),
        ...(target === undefined ? {} : { out: target }),
        ...(values.replace === true ? { replace: true } : {}),
        ...(values['keep-draft'] === true ? { keepDraft: true } : {}),
      };
      const result = await callCore<ImportRunResult>(core, 'import.run', input);
      if (!result.written) {
        throw new CommandError(
          makeError('VALIDATION', { issue: `工作簿中已有内容，未作任何修改：${result.conflicts.join('；')}。确认要用文件内容替换时，请加 --replace` }),
        );
      }
      out(`${into === undefined ? '已导入为工作簿' : '已导入到工作簿'}：${result.path}\n`);
      if (result.report) out(reportSummary(result.report));
    },
  },
];

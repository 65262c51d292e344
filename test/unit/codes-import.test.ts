import { existsSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { importCodeList, readCodeListXlsx } from '../../electron/core/codes/import-xlsx.js';
import { codeListFile, loadCodeList } from '../../electron/core/codes/store.js';
import { CoreError, toApiError } from '../../electron/core/errors.js';
import { builtinCodeList } from '../../shared/reference/builtin.js';
import { validateCodeName } from '../../shared/reference/codes.js';
import { useTempDirs } from '../helpers/hooks.js';

const temp = useTempDirs('budgetdesk-codes-');

type Cell = string | number | null;

/** Writes one .xlsx with the given sheets (rows of cell values, row 1 first). */
async function writeXlsx(file: string, sheets: Record<string, Cell[][]>, merges: Record<string, string[]> = {}): Promise<string> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    rows.forEach((row, i) => {
      row.forEach((value, j) => {
        if (value !== null) ws.getCell(i + 1, j + 1).value = value;
      });
    });
    for (const range of merges[name] ?? []) ws.mergeCells(range);
  }
  await wb.xlsx.writeFile(file);
  return file;
}

/** The CoreError a promise rejects with, and its Chinese message as the user sees it. */
async function failure(p: Promise<unknown>): Promise<{ code: string; message: string; details: Record<string, unknown> }> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(CoreError);
    const api = toApiError(err);
    return { code: api.code, message: api.message, details: api.details ?? {} };
  }
  throw new Error('expected a rejection');
}

const builtin2023 = builtinCodeList('function', 2023)!.entries;

describe('code + name columns', () => {
  it('title rows above the header, text/number/apostrophe/spaced codes; diff, store, loader', async () => {
    const dir = temp.make();
    // The finance bureau's list = built-in 2023 with 2010309 removed, 2010308 renamed, 2010310 added.
    const rows: Cell[][] = [['2023年政府收支分类科目（支出功能分类）'], [], ['科目编码', '科目名称', '说明']];
    for (const e of builtin2023) {
      if (e.code === '2010309') continue;
      const name = e.code === '2010308' ? '信访事务管理' : e.name;
      // Every form a bureau's export uses: numbers, text with an apostrophe, text in groups, plain text.
      const code: Cell = e.code.length === 3 ? Number(e.code) : e.code.startsWith('2010') ? `'${e.code}` : e.code.startsWith('205') ? `${e.code.slice(0, 3)} ${e.code.slice(3, 5)} ${e.code.slice(5)}`.trim() : e.code;
      rows.push([code, e.code.length === 7 ? `    ${name}` : name, '']);
      if (e.code === '2010308') rows.push(['2010310', '数据管理事务', '新增']);
    }
    rows.push([], ['注：本表由财政局预算科提供', null, null]);
    const file = await writeXlsx(path.join(dir, 'list.xlsx'), { 科目: rows }, { 科目: ['A1:C1'] });

    const result = await importCodeList(dir, file, { year: 2023 });
    expect(result).toMatchObject({ kind: 'function', year: 2023, count: builtin2023.length, baseYear: 2023, layout: 'code-name', sheet: '科目', warnings: [] });
    expect(result.fileYear).toBeUndefined();
    expect(result.diff).toEqual({
      added: [{ code: '2010310', name: '数据管理事务' }],
      removed: [{ code: '2010309', name: '参事事务' }],
      renamed: [{ code: '2010308', from: '信访事务', to: '信访事务管理' }],
    });

    const stored = codeListFile(dir, 2023, 'function');
    expect(result.storedAt).toBe(stored);
    expect(readdirSync(path.dirname(stored))).toEqual(['function.json']);
    expect(JSON.parse(readFileSync(stored, 'utf8'))).toMatchObject({ format: 'budgetdesk-codelist', kind: 'function', year: 2023, sourceFile: 'list.xlsx' });

    const loaded = loadCodeList(dir, 'function', 2023)!;
    expect(loaded).toMatchObject({ source: 'imported', year: 2023 });
    expect(validateCodeName(loaded, '2010308', '信访事务管理').status).toBe('ok');
    expect(validateCodeName(loaded, '2010309', '参事事务').status).toBe('unknown-code');
    expect(loadCodeList(dir, 'function', 2024)).toMatchObject({ source: 'imported', year: 2023 });
    expect(loadCodeList(dir, 'function', 2022)).toMatchObject({ source: 'builtin', year: 2020 });
    expect(loadCodeList(dir, 'econDept', 2023)).toMatchObject({ source: 'builtin', year: 2023 });
  });

  it('takes the year from the title when none is given, and reports a title year that differs', async () => {
    const dir = temp.make();
    const rows: Cell[][] = [['2024年部门预算支出经济分类科目'], ['部门经济科目编码', '部门经济科目名称'], [301, '工资福利支出'], [30101, '基本工资'], [30102, '津贴补贴']];
    const file = await writeXlsx(path.join(dir, 'econ.xlsx'), { Sheet1: rows });
    const dry = await importCodeList(dir, file, { dryRun: true });
    expect(dry).toMatchObject({ kind: 'econDept', year: 2024, count: 3, baseYear: 2023 });
    expect(dry.storedAt).toBeUndefined();
    expect(existsSync(codeListFile(dir, 2024, 'econDept'))).toBe(false);
    expect(dry.diff.added).toEqual([]);
    expect(dry.diff.removed.map((e) => e.code)).toContain('30103');

    const other = await importCodeList(dir, file, { year: 2025 });
    expect(other).toMatchObject({ year: 2025, fileYear: 2024 });
  });

  it('detects 政府预算支出经济分类 and a re-import replaces the stored list', async () => {
    const dir = temp.make();
    const gov = builtinCodeList('econGov', 2023)!.entries;
    const file = await writeXlsx(path.join(dir, 'gov.xlsx'), { s: [['科目代码', '名称'], ...gov.map((e) => [e.code, e.name])] });
    expect(await importCodeList(dir, file, { year: 2023 })).toMatchObject({ kind: 'econGov', diff: { added: [], removed: [], renamed: [] } });
    const shorter = await writeXlsx(path.join(dir, 'gov2.xlsx'), { s: [['编码', '名称'], ...gov.slice(0, 5).map((e) => [Number(e.code), e.name])] });
    expect(await importCodeList(dir, shorter, { year: 2023 })).toMatchObject({ kind: 'econGov', count: 5 });
    expect(loadCodeList(dir, 'econGov', 2023)!.entries).toHaveLength(5);
    expect(readdirSync(path.join(dir, 'codelists', '2023'))).toEqual(['econGov.json']);
  });

  it('skips a cover sheet and warns about a 项 whose 款 is missing', async () => {
    const dir = temp.make();
    const file = await writeXlsx(path.join(dir, 'two.xlsx'), {
      封面: [['某县财政局'], ['2023年科目表']],
      功能科目: [['科目编码', '科目名称'], ['201', '一般公共服务支出'], ['2010301', '行政运行']],
    });
    const parsed = await readCodeListXlsx(file);
    expect(parsed).toMatchObject({ sheet: '功能科目', kind: 'function' });
    expect(parsed.warnings).toEqual(['第 3 行科目 2010301 的上级款级科目 20103 不在表中']);
  });
});

describe('split 类|款|项 columns', () => {
  it('two-digit parts with blank parents, a merged header, numeric parts', async () => {
    const dir = temp.make();
    const rows: Cell[][] = [
      ['2020年支出功能分类科目'],
      ['单位：元'],
      ['科目编码', null, null, '科目名称'],
      ['类', '款', '项', null],
      ['201', null, null, '一般公共服务支出'],
      [null, '03', null, '政府办公厅（室）及相关机构事务'],
      [null, null, '01', '行政运行'],
      [null, null, 2, '一般行政管理事务'],
      [201, 3, 50, '事业运行'],
      [null, 6, null, '财政事务'],
      [null, null, '01', '行政运行'],
      ['205', null, null, '教育支出'],
      [null, '01', null, '教育管理事务'],
      [null, null, '01', '行政运行'],
    ];
    const file = await writeXlsx(path.join(dir, 'split.xlsx'), { 功能: rows }, { 功能: ['A3:C3', 'D3:D4'] });
    const parsed = await readCodeListXlsx(file);
    expect(parsed).toMatchObject({ kind: 'function', layout: 'split', titleYear: 2020, warnings: [] });
    expect(parsed.entries.map((e) => `${e.code} ${e.name}`)).toEqual([
      '201 一般公共服务支出',
      '20103 政府办公厅（室）及相关机构事务',
      '2010301 行政运行',
      '2010302 一般行政管理事务',
      '2010350 事业运行',
      '20106 财政事务',
      '2010601 行政运行',
      '205 教育支出',
      '20501 教育管理事务',
      '2050101 行政运行',
    ]);
  });

  it('full codes per level, and 类|款 only for the economic classification', async () => {
    const dir = temp.make();
    const fn = await writeXlsx(path.join(dir, 'full.xlsx'), {
      s: [
        ['类', '款', '项', '科目名称'],
        ['201', null, null, '一般公共服务支出'],
        ['201', '20103', null, '政府办公厅（室）及相关机构事务'],
        ['201', '20103', '2010301', '行政运行'],
        ['201', null, '02', '一般行政管理事务'],
      ],
    });
    expect((await readCodeListXlsx(fn)).entries.map((e) => e.code)).toEqual(['201', '20103', '2010301', '2010302']);
    const econ = await writeXlsx(path.join(dir, 'econ.xlsx'), {
      s: [['类', '款', '科目名称'], [301, null, '工资福利支出'], [null, 1, '基本工资'], [null, '02', '津贴补贴'], [302, null, '商品和服务支出'], [null, 1, '办公费']],
    });
    const parsed = await readCodeListXlsx(econ);
    expect(parsed.kind).toBe('econDept');
    expect(parsed.entries.map((e) => e.code)).toEqual(['301', '30101', '30102', '302', '30201']);
  });
});

describe('refusals, in Chinese', () => {
  it('malformed codes: every bad row named', async () => {
    const dir = temp.make();
    const file = await writeXlsx(path.join(dir, 'bad.xlsx'), {
      s: [['科目编码', '科目名称'], ['201', '一般公共服务支出'], ['20103', '政府办公厅（室）及相关机构事务'], ['2O10301', '行政运行'], ['201030', '一般行政管理事务'], ['30101', '基本工资'], [201.03, '小数']],
    });
    const err = await failure(importCodeList(dir, file, { year: 2023 }));
    expect(err.code).toBe('VALIDATION');
    expect(err.details.rows).toEqual([4, 5, 6, 7]);
    expect(err.message).toBe(
      '输入不符合要求：有 4 行科目编码无效：第 4 行“2O10301”（含有数字以外的字符）、第 5 行“201030”、第 6 行“30101”、第 7 行“201.03”（含有数字以外的字符）；支出功能分类科目编码应为 2 开头的 3 位（类）、5 位（款）或 7 位（项）数字。请检查后重试。',
    );
    expect(existsSync(path.join(dir, 'codelists'))).toBe(false);
  });

  it('a 项 with no 款 above it in split columns', async () => {
    const dir = temp.make();
    const file = await writeXlsx(path.join(dir, 'orphan.xlsx'), { s: [['类', '款', '项', '科目名称'], [null, null, '01', '行政运行']] });
    const err = await failure(readCodeListXlsx(file));
    expect(err.message).toBe('输入不符合要求：有 1 行科目编码无效：第 2 行“01”（缺少所属的类或款）；科目编码应为 2（支出功能分类）、3（部门经济分类）或 5（政府经济分类）开头的 3、5 或 7 位数字。请检查后重试。');
  });

  it('a .txt renamed to .xlsx', async () => {
    const file = path.join(temp.make(), '科目表.xlsx');
    writeFileSync(file, '科目编码\t科目名称\n201\t一般公共服务支出\n');
    const err = await failure(importCodeList(path.dirname(file), file, { year: 2023 }));
    expect(err).toMatchObject({ code: 'VALIDATION', message: '输入不符合要求：“科目表.xlsx”不是 Excel 工作簿（.xlsx），请选择财政局下发的 .xlsx 科目表。请检查后重试。' });
  });

  it('an old .xls, and a zip that is no workbook', async () => {
    const dir = temp.make();
    const xls = path.join(dir, 'old.xlsx');
    writeFileSync(xls, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]));
    expect((await failure(readCodeListXlsx(xls))).message).toContain('是旧版 Excel（.xls）文件，请在 Excel 或 WPS 中另存为 .xlsx 后再导入');
    const zip = path.join(dir, 'zip.xlsx');
    writeFileSync(zip, Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 1)]));
    expect((await failure(readCodeListXlsx(zip))).message).toContain('无法读取“zip.xlsx”：文件不是有效的 .xlsx 工作簿，或已损坏');
  });

  it('an empty sheet, and a sheet with no code column', async () => {
    const dir = temp.make();
    const empty = await writeXlsx(path.join(dir, 'empty.xlsx'), { Sheet1: [] });
    expect((await failure(readCodeListXlsx(empty))).message).toBe('输入不符合要求：工作表是空的，没有任何内容。请检查后重试。');
    const noCodes = await writeXlsx(path.join(dir, 'nocode.xlsx'), { Sheet1: [['项目', '金额'], ['办公费', 9]] });
    expect((await failure(readCodeListXlsx(noCodes))).message).toContain('找不到科目编码列');
    const headerOnly = await writeXlsx(path.join(dir, 'header.xlsx'), { Sheet1: [['科目编码', '科目名称']] });
    expect((await failure(readCodeListXlsx(headerOnly))).message).toContain('表头下方没有任何科目编码');
  });

  it('too large, checked before reading', async () => {
    const file = path.join(temp.make(), 'huge.xlsx');
    writeFileSync(file, Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    truncateSync(file, 21 * 1024 * 1024);
    const err = await failure(readCodeListXlsx(file));
    expect(err).toMatchObject({ code: 'FILE_TOO_LARGE', message: '文件过大（21.0 MB），超过上限 20.0 MB。请确认选择了正确的文件。' });
  });

  it('a missing file', async () => {
    const err = await failure(readCodeListXlsx(path.join(temp.make(), 'none.xlsx')));
    expect(err.code).toBe('NOT_FOUND');
  });

  it('mixed classifications, income codes, duplicate codes with two names, missing names, no year', async () => {
    const dir = temp.make();
    const mixed = await writeXlsx(path.join(dir, 'mixed.xlsx'), {
      s: [['科目编码', '科目名称'], ['301', '工资福利支出'], ['30101', '基本工资'], ['30102', '津贴补贴'], ['501', '机关工资福利支出'], ['50101', '工资奖金津补贴'], ['50102', '社会保障缴费']],
    });
    expect((await failure(readCodeListXlsx(mixed))).message).toContain('同一张表中混有部门预算支出经济分类科目和政府预算支出经济分类科目');
    const income = await writeXlsx(path.join(dir, 'income.xlsx'), { s: [['科目编码', '科目名称'], ['101', '税收收入'], ['10101', '增值税']] });
    expect((await failure(readCodeListXlsx(income))).message).toContain('这是收入分类科目表');
    const dup = await writeXlsx(path.join(dir, 'dup.xlsx'), { s: [['科目编码', '科目名称'], ['301', '工资福利支出'], ['30101', '基本工资'], ['30101', '基本工资'], ['30101', '岗位工资']] });
    expect((await failure(readCodeListXlsx(dup))).message).toContain('有 1 行科目编码重复且名称不同：第 5 行“30101”');
    const unnamed = await writeXlsx(path.join(dir, 'unnamed.xlsx'), { s: [['科目编码', '科目名称'], ['301', '工资福利支出'], ['30101', null]] });
    expect((await failure(readCodeListXlsx(unnamed))).message).toContain('有 1 行缺少科目名称：第 3 行“30101”');
    const noYear = await writeXlsx(path.join(dir, 'list.xlsx'), { s: [['科目编码', '科目名称'], ['301', '工资福利支出']] });
    expect((await failure(importCodeList(dir, noYear))).message).toContain('无法确定科目表所属年度');
    expect((await failure(importCodeList(dir, noYear, { year: 23 }))).message).toContain('年度“23”无效');
  });

  it('a damaged stored list is reported, not silently replaced by the built-in one', async () => {
    const dir = temp.make();
    const file = await writeXlsx(path.join(dir, 'l.xlsx'), { s: [['科目编码', '科目名称'], ['301', '工资福利支出']] });
    await importCodeList(dir, file, { year: 2023 });
    writeFileSync(codeListFile(dir, 2023, 'econDept'), '{"format":');
    expect(() => loadCodeList(dir, 'econDept', 2023)).toThrow(CoreError);
    expect(toApiError(captureSync(() => loadCodeList(dir, 'econDept', 2023))).message).toContain('已导入的 2023 年科目表文件已损坏');
  });
});

function captureSync(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a throw');
}

import { existsSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Core } from '../../electron/core/core.js';
import { exportWorkbookJson, importWorkbookJson } from '../../electron/core/interchange.js';
import { Workbook } from '../../electron/core/workbook/workbook.js';
import type { ErrorCode } from '../../shared/api/result.js';
import { canonicalJson, INTERCHANGE_LIMITS, parseInterchange } from '../../shared/workbook/interchange.js';
import { callErr, callOk } from '../helpers/core.js';
import { useTempDirs } from '../helpers/hooks.js';
import { createSeed000Workbook, SEED_000_TABLE_ID } from '../helpers/seed000.js';

const T = SEED_000_TABLE_ID;
const temp = useTempDirs('budgetdesk-interchange-');

afterEach(() => {
  vi.restoreAllMocks();
});

/** Seed 000 plus the awkward cases: multi-line text, negative and sub-元 amounts, a moved row. */
async function richWorkbook(core: Core): Promise<string> {
  const seed = await createSeed000Workbook(core, { meta: { unitCode: '301001', scope: '汇总（含下属单位）' } });
  await callOk(core, 'workbook.change', {
    path: seed.path,
    change: {
      edits: [
        {
          kind: 'insertRows',
          tableId: T,
          index: 3,
          rows: [
            { name: '农村公路养护', amount: '111.6768', goalPeriod: '第一行\n第二行\r\n第三行', goalYear: '引号"、反斜杠\\、制表\t与 emoji 😀' },
            { name: '退库', amount: '-0.0001' },
            { name: '大额', amount: '123456789012.3456' },
            { name: '零', amount: '0' },
          ],
        },
      ],
    },
  });
  const rows = (await callOk(core, 'workbook.rows', { path: seed.path, tableId: T })).rows;
  await callOk(core, 'workbook.change', { path: seed.path, change: { edits: [{ kind: 'moveRow', tableId: T, rowId: rows[0]!.id, toIndex: 10 }] } });
  return seed.path;
}

/** A file name in a fresh folder, and what that folder holds afterwards (nothing left behind on failure). */
function target(name = '导入.bdwb'): { out: string; dir: string; leftovers(): string[] } {
  const dir = temp.make();
  return { out: path.join(dir, name), dir, leftovers: () => readdirSync(dir) };
}

describe('export', () => {
  it('writes canonical JSON: sorted keys, 2-space indent, trailing newline, no BOM, money exact in 元', async () => {
    const core = temp.core();
    const file = await richWorkbook(core);
    const { out } = target('wb.json');
    const result = await callOk(core, 'workbook.exportJson', { path: file, out });
    const bytes = readFileSync(out);
    expect(result).toEqual({ out, bytes: bytes.length });
    const text = bytes.toString('utf8');
    expect(bytes[0]).toBe(0x7b);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).toBe(canonicalJson(JSON.parse(text)));
    expect(text.startsWith('{\n  "format": "budgetdesk-workbook",\n  "formatVersion": 1,\n  "meta": {\n    "deptName": ')).toBe(true);
    expect(text).toBe(exportWorkbookJson(core.workbook(file)));

    const doc = JSON.parse(text) as { meta: unknown; tables: Record<string, { id: string; cells: Record<string, string> }[]> };
    expect(doc.meta).toEqual({ deptName: '株洲市石峰区人民政府办公室', unitCode: '301001', year: 2019, moneyUnit: '万元', scope: '汇总（含下属单位）', tableSetId: 'hunan-2019-jx' });
    const byName = new Map(doc.tables[T]!.map((r) => [r.cells.name, r.cells]));
    expect(byName.get('农村公路养护')).toMatchObject({ amount: '1116768', goalPeriod: '第一行\n第二行\n第三行' });
    expect(byName.get('退库')!.amount).toBe('-1');
    expect(byName.get('大额')!.amount).toBe('1234567890123456');
    expect(byName.get('零')!.amount).toBe('0');
    // No internal ids or history: they would break byte-identical round trips between workbooks.
    expect(text).not.toMatch(/workbookId|revision|history/);
  });

  it('refuses to write over a workbook', async () => {
    const core = temp.core();
    const file = await richWorkbook(core);
    core.closeAll();
    const before = readFileSync(file);
    await callErr(core, 'workbook.exportJson', { path: file, out: file }, 'VALIDATION');
    await callErr(core, 'workbook.exportJson', { path: file, out: path.join(temp.make(), 'x.BDWB') }, 'VALIDATION');
    core.closeAll();
    expect(readFileSync(file).equals(before)).toBe(true);
  });
});

describe('round trip', () => {
  it('export → import → export is byte-identical and reproduces rows, ids, order and meta', async () => {
    const core = temp.core();
    const file = await richWorkbook(core);
    const first = target('a.json');
    await callOk(core, 'workbook.exportJson', { path: file, out: first.out });
    const imported = target();
    const state = await callOk(core, 'library.importJson', { jsonPath: first.out, out: imported.out });
    expect(state.path).toBe(imported.out);
    expect(state.meta).toEqual(core.workbook(file).meta());
    for (const id of core.workbook(file).storedTableIds()) expect(core.workbook(imported.out).rows(id)).toEqual(core.workbook(file).rows(id));
    expect(core.workbook(imported.out).storedTableIds()).toEqual(core.workbook(file).storedTableIds());
    // An import is a fresh start, not someone else's undo history.
    expect(state.canUndo).toBe(false);

    const second = target('b.json');
    await callOk(core, 'workbook.exportJson', { path: imported.out, out: second.out });
    expect(readFileSync(second.out).equals(readFileSync(first.out))).toBe(true);
    core.closeAll();
    expect(imported.leftovers()).toEqual(['导入.bdwb']);
  });

  it('round-trips an empty workbook', async () => {
    const core = temp.core();
    const created = await callOk(core, 'library.create', { meta: { deptName: '空白局', year: 2025, moneyUnit: '元' } });
    const text = exportWorkbookJson(core.workbook(created.path));
    expect(JSON.parse(text)).toMatchObject({ tables: {} });
    const { out } = target();
    importWorkbookJson(core, { text }, out);
    expect(exportWorkbookJson(core.workbook(out))).toBe(text);
  });

  it('imports into the library under the department name when no target is given', async () => {
    const core = temp.core();
    const file = await richWorkbook(core);
    const { out } = target('a.json');
    await callOk(core, 'workbook.exportJson', { path: file, out });
    const state = await callOk(core, 'library.importJson', { jsonPath: out });
    expect(path.dirname(state.path)).toBe(core.library.libraryDir);
    expect(path.basename(state.path)).toBe('株洲市石峰区人民政府办公室-2019年（2）.bdwb');
    expect(core.library.recent()[0]).toBe(state.path);
  });

  it('tolerates a BOM added by an editor', async () => {
    const core = temp.core();
    const text = exportWorkbookJson(core.workbook(await richWorkbook(core)));
    const { out } = target();
    importWorkbookJson(core, { text: `\uFEFF${text}` }, out);
    expect(exportWorkbookJson(core.workbook(out))).toBe(text);
  });
});

type Doc = {
  format: unknown;
  formatVersion: unknown;
  meta: Record<string, unknown>;
  tables: Record<string, { id: unknown; cells: Record<string, unknown> }[]>;
} & Record<string, unknown>;

function validDoc(): Doc {
  return {
    format: 'budgetdesk-workbook',
    formatVersion: 1,
    meta: { deptName: '财政局', unitCode: '', year: 2025, moneyUnit: '万元', scope: '本级', tableSetId: 'hunan-2019-jx' },
    tables: {
      [T]: [
        { id: 'r000000000001', cells: { name: '甲', amount: '10000' } },
        { id: 'r000000000002', cells: { name: '乙', amount: '0.5' } },
        { id: 'r000000000003', cells: { name: '丙', amount: '-3' } },
        { id: 'r000000000004', cells: { name: '丁' } },
      ],
    },
  };
}

function edited(edit: (doc: Doc) => void): string {
  const doc = validDoc();
  edit(doc);
  return JSON.stringify(doc, null, 2);
}

/** Imports `text` and expects a refusal naming `where`, with no file (or temp file) left behind. */
function expectRefused(core: Core, text: string, code: ErrorCode, where: string | RegExp): string {
  const t = target();
  const json = path.join(t.dir, 'in.json');
  writeFileSync(json, text);
  let message = '';
  try {
    importWorkbookJson(core, { path: json }, t.out);
    throw new Error('import unexpectedly succeeded');
  } catch (err) {
    const e = err as { code?: string; details?: Record<string, unknown>; message: string };
    expect(e.code, e.message).toBe(code);
    message = String(e.details?.issue ?? '');
  }
  if (typeof where === 'string') expect(message).toContain(where);
  else expect(message).toMatch(where);
  expect(t.leftovers()).toEqual(['in.json']);
  return message;
}

describe('hostile or broken input is refused, naming the place', () => {
  it('accepts the valid baseline document', () => {
    const core = temp.core();
    const { out } = target();
    const state = importWorkbookJson(core, { text: edited(() => {}) }, out);
    expect(state.meta.deptName).toBe('财政局');
    expect(core.workbook(out).rows(T).map((r) => r.id)).toEqual(['r000000000001', 'r000000000002', 'r000000000003', 'r000000000004']);
  });

  it('a file over the size cap, checked before reading', async () => {
    const core = temp.core();
    const t = target();
    const json = path.join(t.dir, 'huge.json');
    writeFileSync(json, '');
    // Sparse: costs no disk, and reading it would take noticeable time and memory.
    truncateSync(json, INTERCHANGE_LIMITS.maxBytes + 1);
    const error = await callErr(core, 'library.importJson', { jsonPath: json, out: t.out }, 'FILE_TOO_LARGE');
    expect(error.message).toContain('64 MB');
    expect(t.leftovers()).toEqual(['huge.json']);
  });

  it('text over the size cap', () => {
    const core = temp.core();
    const t = target();
    expect(() => importWorkbookJson(core, { text: ' '.repeat(INTERCHANGE_LIMITS.maxBytes + 1) }, t.out)).toThrow(/FILE_TOO_LARGE/);
  });

  it('100k-deep nesting, at the top and inside a cell', () => {
    const core = temp.core();
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    expectRefused(core, deep, 'INVALID_INTERCHANGE', '嵌套层数');
    const inCell = edited((d) => (d.tables[T]![1]!.cells.name = '@')).replace('"@"', deep);
    expectRefused(core, inCell, 'INVALID_INTERCHANGE', `tables.${T}[1].cells.name`);
    expect(parseInterchange('{"a":'.repeat(100_000), () => undefined).ok).toBe(false);
  });

  it('wrong types', () => {
    const core = temp.core();
    const msg = expectRefused(core, edited((d) => (d.tables[T]![0]!.cells.amount = 10000)), 'INVALID_INTERCHANGE', `tables.${T}[0].cells.amount`);
    expect(msg).toContain('带引号的字符串');
    expectRefused(core, edited((d) => (d.meta.year = '2025')), 'INVALID_INTERCHANGE', 'meta.year');
    expectRefused(core, edited((d) => (d.tables[T] = {} as never)), 'INVALID_INTERCHANGE', `tables.${T}`);
    expectRefused(core, edited((d) => (d.tables[T]![2]!.id = 7)), 'INVALID_INTERCHANGE', `tables.${T}[2].id`);
    expectRefused(core, edited((d) => (d.tables[T]![2]!.cells.name = null)), 'INVALID_INTERCHANGE', `tables.${T}[2].cells.name`);
    expectRefused(core, '[]', 'INVALID_INTERCHANGE', '文件顶层');
    expectRefused(core, edited((d) => delete (d.meta as Record<string, unknown>).deptName), 'INVALID_INTERCHANGE', 'meta.deptName');
  });

  it('unknown tables, columns, fields and table sets', () => {
    const core = temp.core();
    expectRefused(core, edited((d) => (d.tables['no-such-table'] = [])), 'INVALID_INTERCHANGE', 'tables.no-such-table');
    expectRefused(core, edited((d) => (d.tables[T]![3]!.cells.bogus = 'x')), 'INVALID_INTERCHANGE', `tables.${T}[3].cells.bogus`);
    expectRefused(core, edited((d) => (d.revision = 3)), 'INVALID_INTERCHANGE', 'revision');
    expectRefused(core, edited((d) => (d.meta.tableSetId = 'mars-2099')), 'INVALID_INTERCHANGE', 'meta.tableSetId');
    expectRefused(core, edited((d) => (d.format = 'something-else')), 'INVALID_INTERCHANGE', 'format');
    expectRefused(core, edited((d) => (d.formatVersion = 2)), 'INVALID_INTERCHANGE', '升级');
  });

  it.each(['1,000', '1e4', '1E4', '01', '1.50', '-0', '+1', '.5', '5.', ' 1', '1万元', '￥1', '', 'NaN', 'Infinity', '0x10', '12345678901234567'])(
    'money %j that is not canonical',
    (bad) => {
      const core = temp.core();
      const msg = expectRefused(core, edited((d) => (d.tables[T]![1]!.cells.amount = bad)), 'INVALID_INTERCHANGE', `tables.${T}[1].cells.amount`);
      expect(msg).toContain('第 2 行');
    },
  );

  it('prototype keys, wherever they are', () => {
    const core = temp.core();
    const base = edited(() => {});
    expectRefused(core, base.replace('"name": "甲"', '"__proto__": {"polluted": "1"}'), 'INVALID_INTERCHANGE', `tables.${T}[0].cells.__proto__`);
    expectRefused(core, base.replace(`"${T}":`, '"constructor":'), 'INVALID_INTERCHANGE', 'tables.constructor');
    expectRefused(core, base.replace('"format":', '"prototype": 1, "format":'), 'INVALID_INTERCHANGE', 'prototype');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('duplicate row ids and duplicate keys', () => {
    const core = temp.core();
    expectRefused(core, edited((d) => (d.tables[T]![3]!.id = 'r000000000001')), 'INVALID_INTERCHANGE', `tables.${T}[3].id`);
    const base = edited(() => {});
    expectRefused(core, base.replace('"name": "甲"', '"name": "甲", "name": "乙"'), 'INVALID_INTERCHANGE', `tables.${T}[0].cells.name`);
  });

  it('limits on text, ids and row counts', () => {
    const core = temp.core();
    expectRefused(core, edited((d) => (d.tables[T]![0]!.cells.name = '长'.repeat(20_001))), 'INVALID_INTERCHANGE', `tables.${T}[0].cells.name`);
    expectRefused(core, edited((d) => (d.tables[T]![0]!.id = 'r'.repeat(81))), 'INVALID_INTERCHANGE', `tables.${T}[0].id`);
    expectRefused(core, edited((d) => (d.tables[T]![0]!.id = '../../etc')), 'INVALID_INTERCHANGE', `tables.${T}[0].id`);
    const many = edited((d) => (d.tables[T] = Array.from({ length: INTERCHANGE_LIMITS.maxRowsPerTable + 1 }, (_, i) => ({ id: `r${i}`, cells: {} }))));
    expectRefused(core, many, 'INVALID_INTERCHANGE', /tables\.zxzj-hz.*行数超过上限/);
  });

  it('broken JSON, empty files and other encodings', () => {
    const core = temp.core();
    const good = edited(() => {});
    expectRefused(core, good.slice(0, Math.floor(good.length / 2)), 'INVALID_INTERCHANGE', '不完整');
    expectRefused(core, good.replace('"format":', '"format" 1,'), 'INVALID_INTERCHANGE', /不是有效的 JSON.*第 2 行/);
    expectRefused(core, '', 'INVALID_INTERCHANGE', '空');
    const t = target();
    const json = path.join(t.dir, 'gbk.json');
    // "测试" in GBK: what Notepad writes when a file is saved as ANSI on a Chinese Windows.
    writeFileSync(json, Buffer.concat([Buffer.from(good.slice(0, 30)), Buffer.from([0xb2, 0xe2, 0xca, 0xd4]), Buffer.from(good.slice(30))]));
    expect(() => importWorkbookJson(core, { path: json }, t.out)).toThrow(/INVALID_INTERCHANGE.*UTF-8/);
    expect(t.leftovers()).toEqual(['gbk.json']);
  });

  it('refuses to overwrite an existing file and leaves it untouched', async () => {
    const core = temp.core();
    const t = target();
    const json = path.join(t.dir, 'in.json');
    writeFileSync(json, edited(() => {}));
    writeFileSync(t.out, 'precious');
    await callErr(core, 'library.importJson', { jsonPath: json, out: t.out }, 'ALREADY_EXISTS');
    expect(readFileSync(t.out, 'utf8')).toBe('precious');
    expect(t.leftovers().sort()).toEqual(['in.json', '导入.bdwb']);
  });

  it('a missing JSON file is NOT_FOUND', async () => {
    const core = temp.core();
    const t = target();
    await callErr(core, 'library.importJson', { jsonPath: path.join(t.dir, 'nope.json'), out: t.out }, 'NOT_FOUND');
  });
});

describe('a failed import leaves no file', () => {
  it('removes the half-written workbook when writing rows fails midway', () => {
    const core = temp.core();
    const doc = validDoc();
    let calls = 0;
    vi.spyOn(Workbook.prototype, 'appendRows').mockImplementation(() => {
      calls += 1;
      throw Object.assign(new Error('disk full'), { code: 'SQLITE_FULL' });
    });
    const t = target();
    expect(() => importWorkbookJson(core, { text: JSON.stringify(doc) }, t.out)).toThrow();
    expect(calls).toBe(1);
    expect(existsSync(t.out)).toBe(false);
    expect(t.leftovers()).toEqual([]);
    vi.restoreAllMocks();
    // The same import succeeds afterwards: nothing stale blocks it.
    importWorkbookJson(core, { text: JSON.stringify(doc) }, t.out);
    core.closeAll();
    expect(t.leftovers()).toEqual(['导入.bdwb']);
  });

  it('reports the core error code through the API', async () => {
    const core = temp.core();
    vi.spyOn(Workbook.prototype, 'appendRows').mockImplementation(() => {
      throw Object.assign(new Error('disk full'), { code: 'SQLITE_FULL' });
    });
    const t = target();
    const json = path.join(t.dir, 'in.json');
    writeFileSync(json, edited(() => {}));
    await callErr(core, 'library.importJson', { jsonPath: json, out: t.out }, 'DISK_FULL');
    expect(t.leftovers()).toEqual(['in.json']);
  });
});

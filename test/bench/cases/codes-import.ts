import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';
import { importCodeList } from '../../../electron/core/codes/import-xlsx.js';
import { builtinCodeList } from '../../../shared/reference/builtin.js';
import { makeTempDir, removeTempDir } from '../../helpers/temp.js';
import { figure, type BenchFigure } from '../stats.js';

const ROWS = 1300;
const RUNS = 9;
const TARGET_MS = 1000;

/** A finance-bureau-style list of ROWS codes: the built-in 2023 list topped up with extra 项. */
async function writeList(file: string): Promise<void> {
  const entries = builtinCodeList('function', 2023)!.entries.map((e) => [e.code, e.name]);
  // Extra 项 under 款 the built-in list leaves without 项, so every added code is well formed.
  const hosts = ['20401', '20403', '20404', '20405', '20407', '20408', '20409'];
  for (let i = 0; entries.length < ROWS; i++) {
    const kuan = hosts[i % hosts.length]!;
    entries.push([`${kuan}${String(1 + Math.floor(i / hosts.length)).padStart(2, '0')}`, `测试项目${i + 1}`]);
  }
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('支出功能分类');
  ws.addRow(['2023年政府收支分类科目']);
  ws.addRow([]);
  ws.addRow(['科目编码', '科目名称']);
  for (const [code, name] of entries) ws.addRow([Number(code), name]);
  await wb.xlsx.writeFile(file);
}


/** Times importCodeList (read, check, diff, store) on a 1,300-row workbook written once. */
export async function benchCodesImport(): Promise<BenchFigure> {
  const dir = makeTempDir('budgetdesk-bench-codes-');
  try {
    const file = path.join(dir, '2023年支出功能分类科目.xlsx');
    await writeList(file);
    // One uncounted run: the first call also pays for JIT warm-up and the one-time load of the built-in lists.
    await importCodeList(dir, file, { year: 2023 });
    const times: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const start = performance.now();
      const result = await importCodeList(dir, file, { year: 2023 });
      times.push(performance.now() - start);
      if (result.count !== ROWS) throw new Error(`expected ${ROWS} codes, read ${result.count}`);
    }
    return figure(`codes-import (${ROWS} rows)`, times, TARGET_MS);
  } finally {
    removeTempDir(dir);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(await benchCodesImport());
}

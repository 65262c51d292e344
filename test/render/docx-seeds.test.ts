import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core.js';
import type { DocumentPart, PrintDocument, PrintTable } from '../../shared/print/types.js';
import { loadSeed } from '../fixtures/perf/load.js';
import { createSeed001Workbook } from '../fixtures/seed001/load.js';
import { callOk, makeCore } from '../helpers/core.js';
import { missingInOrder } from '../helpers/print.js';
import { makeTempDir, removeTempDir } from '../helpers/temp.js';
import { tableMismatches, tablesOf } from './compare.js';
import { convertToPdf, libreOfficeAvailable, pdfPageSizes, pdfText, pdfToPngs } from './libreoffice.js';
import { parseXml, zipPart, zipTest } from './ooxml.js';

/**
 * Each seed's fixture workbook exported the way the app exports it (print.export, .docx), read back cell for
 * cell against the printed model, rendered by LibreOffice with the CJK aliases: the seed's titles and values
 * appear in the seed's order, every table on a page of its orientation, no blank page. PNGs in
 * test-results/render/docx-seed<id>/ to look at. (The .xlsx counterpart is xlsx-libreoffice.test.ts.)
 */

interface SeedCase {
  id: '001' | '000' | '002' | '003' | '004';
  part: DocumentPart;
  /** Texts of the seed document, in the seed's order (figures as the seed prints them, separators aside). */
  inOrder: string[];
}

const CASES: SeedCase[] = [
  {
    id: '001',
    part: 'all',
    inOrder: ['株洲市石峰区人民政府办公室2020年部门预算', '部门收支总表', '一般公共预算拨款', '508.93', '部门收入总表', '部门支出总表', '一般行政管理事务', '60.00', '部门支出预算明细表', '基本支出－工资福利支出', '365.55', '项目支出预算明细表', '业务性专项经费', '一般公共预算“三公”经费支出表', '20.34', '财政拨款收支总表', '2020年一般公共预算支出情况表', '2020年一般公共预算基本支出情况表', '379.89', '30399', '部门整体支出绩效申报表'],
  },
  { id: '000', part: 'performance', inOrder: ['2019年区级专项资金预算绩效目标汇总表', '值班工作经费', '金融办经费', '食安办经费', '2019年区级专项资金支出方向绩效目标表', '政府办', '部门整体支出绩效申报表', '石峰区人民政府办公室', '508.76'] },
  { id: '002', part: 'performance', inOrder: ['2019年区级专项资金预算绩效目标汇总表', '城乡居民医保补助', '620', '网格化劳务派遣人员经费', '1260', '2019年区级专项资金支出方向绩效目标表', '城乡居民医保补助'] },
  {
    id: '003',
    part: 'performance',
    inOrder: ['部门整体绩效目标', '总体绩效目标', '分项绩效目标', '工作保障措施', '1.劳务派遣人员报酬经费绩效目标表', '13022925P004R2810661U', '516541.09', '2.残疾人保障金绩效目标表', '3.法律顾问服务费绩效目标表', '7.政务服务便民热线外包服务绩效目标表'],
  },
  { id: '004', part: 'performance', inOrder: ['县级电子政务外网安全监测平台建设', '建立电子政务外网安全监测平台建设', '困难企业补贴', '农业保险保费补贴', '一般债券本息', '支持中小企业发展资金', '财政专项工作经费', '基础设施建设资金', '污水处理费'] },
];

const squash = (s: string) => s.replace(/\s+/g, '');

let core: Core;
let dir: string;

beforeAll(() => {
  if (!libreOfficeAvailable()) throw new Error('LibreOffice/poppler missing: run `bash build/setup.sh --for-tests`.');
  core = makeCore();
  dir = makeTempDir('budgetdesk-seeds-');
});
afterAll(() => {
  core.closeAll();
  removeTempDir(dir);
});

describe.each(CASES)('seed $id exported to .docx', ({ id, part, inOrder }) => {
  let doc: PrintDocument;
  let file: string;
  let pages: string[];
  let sizes: [number, number][];

  beforeAll(async () => {
    const workbook = id === '001' ? await createSeed001Workbook(core) : (await loadSeed(core, id)).path;
    doc = await callOk(core, 'print.document', { path: workbook, part });
    file = path.join(dir, `seed${id}.docx`);
    const written = await callOk(core, 'print.export', { path: workbook, format: 'docx', out: file, part });
    expect(written.tables).toBe(tablesOf(doc).length);
    const pdf = convertToPdf(file, path.join(dir, id));
    pages = pdfText(pdf).split('\f');
    sizes = pdfPageSizes(pdf);
    const pngs = path.resolve(`test-results/render/docx-seed${id}`);
    rmSync(pngs, { recursive: true, force: true });
    mkdirSync(pngs, { recursive: true });
    pdfToPngs(pdf, pngs, 'page');
  }, 240_000);

  it('is a sound package: unzip -t passes, every XML part is well-formed', () => {
    const report = zipTest(file);
    expect(report).toContain('No errors detected');
    const parts = [...report.matchAll(/testing: (\S+)\s+OK/g)].map((m) => m[1]!).filter((p) => /\.(xml|rels)$/.test(p));
    expect(parts).toEqual(expect.arrayContaining(['word/document.xml', 'word/styles.xml']));
    for (const p of parts) expect(() => parseXml(zipPart(file, p)), p).not.toThrow();
  });

  it('holds the printed model\'s tables cell for cell', () => {
    expect(tablesOf(doc).length).toBeGreaterThan(0);
    expect(tableMismatches(doc, zipPart(file, 'word/document.xml'))).toEqual([]);
  });

  it("renders the seed's titles and values in the seed's order", () => {
    const text = squash(pages.join('')).replace(/,/g, '');
    expect(missingInOrder(text, inOrder)).toEqual([]);
  });

  it('has no blank page (a page holding nothing but its number)', () => {
    const blank = pages.slice(0, -1).flatMap((p, i) => (p.replace(/[\s\d—]/g, '') === '' ? [i + 1] : []));
    expect(blank).toEqual([]);
  });

  it('puts every table title on a page of its orientation, in document order', () => {
    let from = 0;
    const onPage = (t: PrintTable) => {
      const marks = [t.title, t.moneyUnitLine ?? ''].map(squash);
      for (let p = from; p < pages.length; p++) if (marks.every((m) => squash(pages[p]!).includes(m))) return p;
      return -1;
    };
    for (const t of tablesOf(doc)) {
      const p = onPage(t);
      expect(p, `${t.number} ${t.title} after page ${from + 1}`).toBeGreaterThanOrEqual(0);
      const [w, h] = sizes[p]!;
      expect(w > h ? 'landscape' : 'portrait', `${t.title} on page ${p + 1}`).toBe(t.orientation);
      from = p;
    }
  });
});

import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { CoreError } from '../../electron/core/errors.js';
import { readSourceFile } from '../../electron/core/io/read-source.js';
import { makeDocx, makeXlsx, p, tbl, tc, tr } from '../helpers/ooxml.js';

/** Deterministic, so a failure found once is found again: mulberry32. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SNIPPETS = ['<w:tc>', '</w:tr>', '<w:gridSpan w:val="99999999"/>', '<w:gridSpan w:val="-4"/>', '<w:vMerge/>', '<w:gridBefore w:val="1000000"/>', '<w:tbl>', '</w:tbl>', '<c r="XFD1048576"><v>1</v></c>', '<mergeCell ref="A1:XFD1048576"/>', '<c r="A99999999"/>', '&#0;', '&bogus;', '<![CDATA[x]]>', '\u0000', '<v>', '<si>', '<row r="-5">', '<c t="s"><v>99999</v></c>'];

function mutateText(xml: string, next: () => number): string {
  const at = Math.floor(next() * xml.length);
  const len = Math.floor(next() * 64);
  switch (Math.floor(next() * 4)) {
    case 0:
      return xml.slice(0, at) + xml.slice(at + len);
    case 1:
      return xml.slice(0, at) + xml.slice(at, at + len).repeat(2 + Math.floor(next() * 20)) + xml.slice(at);
    case 2:
      return xml.slice(0, at) + SNIPPETS[Math.floor(next() * SNIPPETS.length)]! + xml.slice(at);
    default:
      return xml.replace(/w:val="\d+"|r="[A-Z]+\d+"/g, (m) => (next() < 0.2 ? m.replace(/\d+/, String(Math.floor(next() * 1e9))) : m));
  }
}

async function mutateZip(base: Buffer, next: () => number): Promise<Buffer> {
  const zip = await JSZip.loadAsync(base);
  const names = Object.keys(zip.files);
  const kind = Math.floor(next() * 3);
  const target = names[Math.floor(next() * names.length)]!;
  if (kind === 0) zip.remove(target);
  else if (kind === 1) zip.file(target, Buffer.from(Array.from({ length: 64 }, () => Math.floor(next() * 256))));
  else {
    const xmlNames = names.filter((n) => n.endsWith('.xml') || n.endsWith('.rels'));
    const name = xmlNames[Math.floor(next() * xmlNames.length)]!;
    let xml = await zip.file(name)!.async('string');
    for (let i = 0, n = 1 + Math.floor(next() * 4); i < n; i += 1) xml = mutateText(xml, next);
    zip.file(name, xml);
  }
  return zip.generateAsync({ type: 'nodebuffer', compression: next() < 0.5 ? 'DEFLATE' : 'STORE' });
}

function mutateBytes(base: Buffer, next: () => number): Buffer {
  if (next() < 0.4) return base.subarray(0, Math.floor(next() * base.length));
  const out = Buffer.from(base);
  for (let i = 0, n = 1 + Math.floor(next() * 16); i < n; i += 1) out[Math.floor(next() * out.length)] = Math.floor(next() * 256);
  return out;
}

const HANG_MS = 5_000;

describe('importer fuzz', () => {
  it('reads or refuses 2,400 mutated .docx/.xlsx files, each with a Chinese message and within 5 s', async () => {
    const docx = await makeDocx(
      [
        p(['附件', '3']),
        p('部门支出总表', '1'),
        tbl(5, [
          tr([tc('科目编码', { span: 3 }), tc('科目名称', { vMerge: 'restart' }), tc('总计', { vMerge: 'restart' })], { header: true }),
          tr([tc('类'), tc('款'), tc('项'), tc('', { vMerge: 'bare' }), tc('', { vMerge: 'continue' })], { header: true }),
          tr([tc('201'), tc('03'), tc('01'), tc(['行政', '运行']), tc('448.93')]),
        ]),
      ].join(''),
    );
    const xlsx = await makeXlsx([{ name: '附件2', rows: [['部门收入总表', null], ['总计', '一般公共预算拨款'], [508.93, { text: '508.93' }]], merges: ['A1:B1'] }]);
    const next = rng(20201204);
    const outcome = { read: 0, refused: 0 };
    let slowest = 0;
    const failures: string[] = [];
    const N = 2_400;
    for (let i = 0; i < N; i += 1) {
      const base = i % 2 === 0 ? docx : xlsx;
      const name = i % 2 === 0 ? `m${i}.docx` : `m${i}.xlsx`;
      const file = next() < 0.5 ? mutateBytes(base, next) : await mutateZip(base, next);
      const started = performance.now();
      let timer: NodeJS.Timeout | undefined;
      const hang = new Promise<'hang'>((resolve) => (timer = setTimeout(() => resolve('hang'), HANG_MS)));
      try {
        const result = await Promise.race([readSourceFile(file, name, { convert: false }), hang]);
        if (result === 'hang') failures.push(`${name}: no answer within ${HANG_MS} ms`);
        else {
          outcome.read += 1;
          if (result.kind === 'office') {
            for (const b of result.document.blocks) if (b.kind === 'table') expect(b.table.columns).toBeLessThanOrEqual(1_000);
          }
        }
      } catch (err) {
        if (err instanceof CoreError && err.code === 'UNSUPPORTED_FILE' && /[\u4e00-\u9fff]/.test(String(err.details?.issue))) outcome.refused += 1;
        else failures.push(`${name}: ${err instanceof Error ? err.message : String(err)}`);
      } finally {
        clearTimeout(timer);
      }
      const took = performance.now() - started;
      // Synchronous work cannot be interrupted by the race above, so time each file as well.
      if (took > HANG_MS) failures.push(`${name}: took ${took.toFixed(0)} ms`);
      slowest = Math.max(slowest, took);
    }
    console.log(`importer fuzz: ${N} files, ${outcome.read} read, ${outcome.refused} refused with a message, ${failures.length} failures, slowest ${slowest.toFixed(0)} ms`);
    expect(failures).toEqual([]);
    expect(outcome.read + outcome.refused).toBe(N);
    // Both paths were exercised: a fuzzer whose mutations are all refused (or all harmless) proves little.
    expect(outcome.read).toBeGreaterThan(100);
    expect(outcome.refused).toBeGreaterThan(100);
  }, 300_000);
});

import { describe, expect, it } from 'vitest';
import { narrativeOf } from '../../shared/import/narrative.js';
import type { SourceBlock } from '../../shared/import/source.js';
import { seedText } from '../helpers/print.js';
import { SEED001_SECTIONS } from '../helpers/seed001-docx.js';

/** A seed's text as the reader gives it: each line a paragraph, each run of tab-separated lines one table. */
function blocksOf(text: string): SourceBlock[] {
  const blocks: SourceBlock[] = [];
  for (const line of text.split('\n')) {
    if (line.includes('\t')) {
      if (blocks[blocks.length - 1]?.kind !== 'table') blocks.push({ kind: 'table', table: { where: '', columns: 0, rows: [] } });
    } else if (line.trim() !== '') blocks.push({ kind: 'paragraph', text: line.replace(/^\*\*|\*\*$/g, '').replace(/^- /, '') });
  }
  return blocks;
}

const seed001 = seedText('001');

describe.runIf(seed001 !== null)('reading the 说明 of a 部门预算公开 document', () => {
  it('finds seed 001’s eight sections after the 目录, each with its paragraphs as written', () => {
    const sections = narrativeOf(blocksOf(seed001!));
    expect(sections.map((s) => s.heading)).toEqual(SEED001_SECTIONS);
    // Figures and wording come back exactly as published (from the seed text).
    expect(sections[3]!.paragraphs).toContain('（一）收入预算：2020 年年初预算数 508.93 万元，其中，一般公共预算拨款 508.93 万元；政府性基金拨款 0 万元；财政专户管理的非税收入拨款 0 万元；其他收入 0 万元；上年结转 0 万元。');
    expect(sections[0]!.paragraphs).toHaveLength(13);
    expect(sections[0]!.paragraphs[12]).toBe('（十二）完成区委、区政府交办的其他事项。');
    expect(sections[6]!.paragraphs[0]).toMatch(/^\(一\) 机关运行经费：本部门 2020 年年初预算机关运行经费/);
    expect(sections[7]!.paragraphs).toHaveLength(8);
  });

  it('reads a 说明 without parts up to its first table', () => {
    const sections = narrativeOf([
      { kind: 'paragraph', text: '一、单位基本情况' },
      { kind: 'paragraph', text: '本单位为参照公务员法管理的事业单位。' },
      { kind: 'paragraph', text: '二、收支预算情况' },
      { kind: 'paragraph', text: '收入预算 100 万元。' },
      { kind: 'table', table: { where: '', columns: 0, rows: [] } },
      { kind: 'paragraph', text: '三、表后的文字不属于说明' },
    ]);
    expect(sections).toEqual([
      { heading: '一、单位基本情况', paragraphs: ['本单位为参照公务员法管理的事业单位。'] },
      { heading: '二、收支预算情况', paragraphs: ['收入预算 100 万元。'] },
    ]);
  });
});

import type { FactQuery } from '../tables/schema.js';
import type { NarrativeField, NarrativeTemplate } from './schema.js';

const TOKEN = /\{([a-zA-Z][a-zA-Z0-9]*(?:\.[a-zA-Z]+)?)\}/g;
const META = new Set(['year', 'prevYear', 'deptName', 'scope']);
const ITEM = new Set(['index', 'item.name', 'item.amount']);

/** The fields a field reads. */
function reads(def: NarrativeField): string[] {
  if ('sum' in def) return [...def.sum, ...(def.minus ?? [])];
  if ('change' in def) return [...def.change, ...(def.parts ?? [])];
  if ('share' in def) return [...def.share];
  if ('items' in def) return def.items.flatMap((i) => [i.amount, ...(i.labelField ? [i.labelField] : [])]);
  return [];
}

/**
 * What the shapes cannot see in a set's 说明 template: every field a text or a field names exists, keys are
 * unique, fact queries speak the vocabulary (`checkFact`, the table validator's own). Problems in Chinese,
 * each with its JSON path.
 */
export function narrativeProblems(t: NarrativeTemplate, checkFact: (q: FactQuery, path: string) => void): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  const add = (path: string, message: string) => problems.push({ path, message: `说明模板：${message}` });
  for (const [name, def] of Object.entries(t.fields)) {
    if ('fact' in def) checkFact(def.fact, `narrative.fields.${name}.fact`);
    for (const other of reads(def)) if (!(other in t.fields)) add(`narrative.fields.${name}`, `字段 ${name} 引用了未定义的字段 ${other}`);
  }
  const sections = new Set<string>();
  t.sections.forEach((s, i) => {
    if (sections.has(s.key)) add(`narrative.sections[${i}].key`, `章节编号 ${s.key} 重复`);
    sections.add(s.key);
    const paragraphs = new Set<string>();
    s.paragraphs.forEach((p, j) => {
      const at = `narrative.sections[${i}].paragraphs[${j}]`;
      if (paragraphs.has(p.key)) add(`${at}.key`, `“${s.title}”中段落编号 ${p.key} 重复`);
      paragraphs.add(p.key);
      if (p.when && !(p.when.field in t.fields)) add(`${at}.when.field`, `条件引用了未定义的字段 ${p.when.field}`);
      for (const m of p.text.matchAll(TOKEN)) {
        const name = m[1]!;
        if (META.has(name) || name in t.fields) continue;
        if (ITEM.has(name)) {
          if (!p.each) add(`${at}.text`, `{${name}} 只能用在逐项（each）段落中`);
          continue;
        }
        add(`${at}.text`, `文字中的 {${name}} 不是已定义的字段，可用：${[...META, ...Object.keys(t.fields)].join('、')}`);
      }
    });
  });
  return problems;
}

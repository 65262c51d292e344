import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { resolveCodeList } from '../../../shared/reference/builtin.js';
import { codeKinds, type CodeKind, type CodeList } from '../../../shared/reference/types.js';
import { CoreError } from '../errors.js';
import { writeFileAtomic } from '../atomic-write.js';

/**
 * Imported code lists live at <dataDir>/codelists/<year>/<kind>.json, one per year and kind; a new
 * import of the same year and kind replaces the old one whole.
 */

const FORMAT = 'budgetdesk-codelist';

const storedList = z.object({
  format: z.literal(FORMAT),
  version: z.literal(1),
  kind: z.enum(codeKinds),
  year: z.number().int(),
  importedAt: z.string(),
  sourceFile: z.string(),
  entries: z.array(z.tuple([z.string().regex(/^\d+$/), z.string().min(1)])),
});

export function codeListsDir(dataDir: string): string {
  return path.join(dataDir, 'codelists');
}

export function codeListFile(dataDir: string, year: number, kind: CodeKind): string {
  return path.join(codeListsDir(dataDir), String(year), `${kind}.json`);
}


export function saveImportedCodeList(dataDir: string, list: CodeList, sourceFile: string): string {
  const file = codeListFile(dataDir, list.year, list.kind);
  // One entry per line keeps the file readable and diffable by a person checking it.
  const text = [
    '{',
    `  "format": ${JSON.stringify(FORMAT)},`,
    '  "version": 1,',
    `  "kind": ${JSON.stringify(list.kind)},`,
    `  "year": ${list.year},`,
    `  "importedAt": ${JSON.stringify(new Date().toISOString())},`,
    `  "sourceFile": ${JSON.stringify(path.basename(sourceFile))},`,
    '  "entries": [',
    list.entries.map((e) => `    ${JSON.stringify([e.code, e.name])}`).join(',\n'),
    '  ]',
    '}',
    '',
  ].join('\n');
  writeFileAtomic(file, text);
  return file;
}

export function readImportedCodeList(dataDir: string, kind: CodeKind, year: number): CodeList | undefined {
  const file = codeListFile(dataDir, year, kind);
  if (!existsSync(file)) return undefined;
  let parsed: z.infer<typeof storedList>;
  try {
    parsed = storedList.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    // A damaged list must not be replaced by the built-in one without the user knowing.
    throw new CoreError('VALIDATION', { issue: `已导入的 ${year} 年科目表文件已损坏（${file}），请重新导入财政局下发的科目表` });
  }
  if (parsed.kind !== kind || parsed.year !== year) {
    throw new CoreError('VALIDATION', { issue: `已导入的科目表文件内容与所在位置不符（${file}），请重新导入` });
  }
  return { kind, year, source: 'imported', entries: parsed.entries.map(([code, name]) => ({ code, name })) };
}

/** Every imported list of one kind, by ascending year. */
export function importedCodeLists(dataDir: string, kind: CodeKind): CodeList[] {
  const dir = codeListsDir(dataDir);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => /^\d{4}$/.test(name))
    .map(Number)
    .sort((a, b) => a - b)
    .map((year) => readImportedCodeList(dataDir, kind, year))
    .filter((list): list is CodeList => list !== undefined);
}

/** The list for a report year: the newest list not after it, an imported one beating a built-in one of the same year. */
export function loadCodeList(dataDir: string, kind: CodeKind, year: number): CodeList | undefined {
  return resolveCodeList(kind, year, importedCodeLists(dataDir, kind));
}

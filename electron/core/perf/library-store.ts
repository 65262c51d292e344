import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  entryProblem,
  libraryEntrySchema,
  libraryFileSchema,
  searchLibrary,
  seedLibrary,
  suggestIndicators,
  type LibraryEntry,
  type LibraryFile,
  type LibraryQuery,
} from '../../../shared/perf/library.js';
import type { LibraryEntryInput } from '../../../shared/perf/library-entry.js';
import { level2KindOf, level2Label } from '../../../shared/perf/tree.js';
import { CoreError } from '../errors.js';
import { writeFileAtomic } from '../atomic-write.js';

/**
 * The clerk's indicator library in <dataDir>/indicator-library.json. Until the first change the built-in
 * entries are used without writing anything; from then on the file is the library (edited and deleted
 * built-ins included). A damaged file is reported, never silently replaced by the built-in entries.
 */
export class IndicatorLibrary {
  readonly file: string;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'indicator-library.json');
  }

  read(): LibraryFile {
    if (!existsSync(this.file)) return seedLibrary();
    try {
      return libraryFileSchema.parse(JSON.parse(readFileSync(this.file, 'utf8')));
    } catch {
      throw new CoreError('VALIDATION', {
        issue: `绩效指标库文件已损坏（${this.file}）。您的自定义指标仍在该文件中；请从备份恢复它，或把它移走后重新打开（将恢复内置指标）`,
      });
    }
  }

  search(q: LibraryQuery): LibraryEntry[] {
    return searchLibrary(this.read(), q);
  }

  suggest(projectName: string, category?: string, limit?: number): LibraryEntry[] {
    return suggestIndicators(this.read(), projectName, category, limit);
  }

  categories(): string[] {
    const lib = this.read();
    const names = lib.categories.map((c) => c.name);
    for (const e of lib.entries) if (!names.includes(e.category)) names.push(e.category);
    return names;
  }

  /** Adds (no id) or replaces (known id) an entry; a new category is added with no keywords of its own. */
  save(raw: LibraryEntryInput): LibraryEntry {
    const lib = this.read();
    const id = raw.id ?? `u${randomBytes(5).toString('hex')}`;
    // 二级 as the tables and the seed library print it (数量 → 数量指标), however the project row spelled it.
    const kind = level2KindOf(raw.level2);
    const parsed = libraryEntrySchema.safeParse({ ...raw, id, level2: kind ? level2Label(kind) : raw.level2 });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new CoreError('VALIDATION', { issue: `指标库条目的${String(issue?.path[0] ?? '内容')}无效：${issue?.message ?? ''}` });
    }
    const entry = parsed.data;
    const problem = entryProblem(entry);
    if (problem) throw new CoreError('VALIDATION', { issue: problem });
    const at = lib.entries.findIndex((e) => e.id === id);
    if (raw.id !== undefined && at < 0) throw new CoreError('NOT_FOUND', { what: '指标库条目', path: raw.id });
    if (at < 0) lib.entries.push(entry);
    else lib.entries[at] = entry;
    if (!lib.categories.some((c) => c.name === entry.category)) lib.categories.push({ name: entry.category, keywords: [] });
    this.write(lib);
    return entry;
  }

  delete(id: string): void {
    const lib = this.read();
    const at = lib.entries.findIndex((e) => e.id === id);
    if (at < 0) throw new CoreError('NOT_FOUND', { what: '指标库条目', path: id });
    lib.entries.splice(at, 1);
    this.write(lib);
  }

  /** Temp file beside the target, fsync, rename: a crash leaves the old library or the new one. */
  private write(lib: LibraryFile): void {
    const text = [
      '{',
      `  "format": ${JSON.stringify(lib.format)},`,
      `  "version": ${lib.version},`,
      '  "categories": [',
      lib.categories.map((c) => `    ${JSON.stringify(c)}`).join(',\n'),
      '  ],',
      '  "entries": [',
      lib.entries.map((e) => `    ${JSON.stringify(e)}`).join(',\n'),
      '  ]',
      '}',
      '',
    ].join('\n');
    writeFileAtomic(this.file, text);
  }
}

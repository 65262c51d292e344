import { z } from 'zod';
import { builtinFiles } from './data/index.js';
import { codeKinds, type CodeEntry, type CodeKind, type CodeList } from './types.js';

/**
 * Built-in lists by year. A file holds either its entries or `inherits` (an earlier year's file of the
 * same kind) plus a patch, so a year that changed a few names does not copy a thousand lines.
 */

const entryRow = z.union([
  z.tuple([z.string().regex(/^\d+$/), z.string().min(1)]),
  z.tuple([
    z.string().regex(/^\d+$/),
    z.string().min(1),
    z.object({ variants: z.array(z.string().min(1)).optional() }).strict(),
  ]),
]);
const mapRow = z.tuple([z.string().regex(/^\d{5}$/), z.string().regex(/^\d{5}$/), z.string().regex(/^\d{5}$/)]);

const fileBase = { readme: z.string().min(1), year: z.number().int(), inherits: z.number().int().optional() };
const listFile = z
  .object({
    ...fileBase,
    kind: z.enum(codeKinds),
    entries: z.array(entryRow).optional(),
    patch: z
      .object({
        remove: z.array(z.string()).optional(),
        rename: z.array(z.tuple([z.string(), z.string().min(1)])).optional(),
        add: z.array(entryRow).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();
const mapFile = z
  .object({
    ...fileBase,
    kind: z.literal('econMap'),
    columns: z.tuple([z.literal('dept'), z.literal('agency'), z.literal('institution')]).optional(),
    rows: z.array(mapRow).optional(),
    patch: z.object({ remove: z.array(z.string()).optional(), add: z.array(mapRow).optional() }).strict().optional(),
  })
  .strict();

type ListFile = z.infer<typeof listFile>;
type MapFile = z.infer<typeof mapFile>;
type EntryRow = z.infer<typeof entryRow>;

/** 部门经济款 → 政府经济款, one column per unit type. */
export interface EconMapping {
  year: number;
  rows: Map<string, { agency: string; institution: string }>;
}

interface Loaded {
  lists: Map<CodeKind, Map<number, CodeList>>;
  maps: Map<number, EconMapping>;
}

let loaded: Loaded | undefined;

const toEntry = (row: EntryRow): CodeEntry =>
  row[2]?.variants?.length ? { code: row[0], name: row[1], variants: [...row[2].variants] } : { code: row[0], name: row[1] };

function resolveList(file: ListFile, files: Map<string, ListFile>, seen: Set<number>): CodeEntry[] {
  if (file.entries) return file.entries.map(toEntry);
  if (file.inherits === undefined || seen.has(file.inherits)) throw new Error(`reference data ${file.kind} ${file.year}: no entries and no usable "inherits"`);
  const base = files.get(`${file.kind}:${file.inherits}`);
  if (!base) throw new Error(`reference data ${file.kind} ${file.year}: inherits missing year ${file.inherits}`);
  const entries = new Map(resolveList(base, files, new Set([...seen, file.year])).map((e) => [e.code, { ...e }]));
  const patch = file.patch ?? {};
  for (const code of patch.remove ?? []) if (!entries.delete(code)) throw new Error(`reference data ${file.kind} ${file.year}: cannot remove unknown ${code}`);
  for (const [code, name] of patch.rename ?? []) {
    const entry = entries.get(code);
    if (!entry) throw new Error(`reference data ${file.kind} ${file.year}: cannot rename unknown ${code}`);
    // The old name stays known so a table still printing it is reported as stale, not as unknown.
    entry.former = [...(entry.former ?? []), entry.name];
    entry.name = name;
  }
  for (const row of patch.add ?? []) {
    if (entries.has(row[0])) throw new Error(`reference data ${file.kind} ${file.year}: cannot add existing ${row[0]}`);
    entries.set(row[0], toEntry(row));
  }
  return [...entries.values()].sort((a, b) => (a.code < b.code ? -1 : 1));
}

function resolveMap(file: MapFile, files: Map<number, MapFile>): [string, string, string][] {
  if (file.rows) return file.rows;
  const base = file.inherits === undefined ? undefined : files.get(file.inherits);
  if (!base || base === file) throw new Error(`reference data econMap ${file.year}: no rows and no usable "inherits"`);
  const rows = new Map(resolveMap(base, files).map((r) => [r[0], r]));
  for (const code of file.patch?.remove ?? []) rows.delete(code);
  for (const row of file.patch?.add ?? []) rows.set(row[0], row);
  return [...rows.values()];
}

function load(): Loaded {
  if (loaded) return loaded;
  const listFiles = new Map<string, ListFile>();
  const mapFiles = new Map<number, MapFile>();
  for (const raw of builtinFiles) {
    const kind = (raw as { kind?: unknown }).kind;
    if (kind === 'econMap') {
      const file = mapFile.parse(raw);
      mapFiles.set(file.year, file);
    } else {
      const file = listFile.parse(raw);
      listFiles.set(`${file.kind}:${file.year}`, file);
    }
  }
  const lists = new Map<CodeKind, Map<number, CodeList>>(codeKinds.map((k) => [k, new Map()]));
  for (const file of listFiles.values()) {
    lists.get(file.kind)!.set(file.year, { kind: file.kind, year: file.year, source: 'builtin', entries: resolveList(file, listFiles, new Set()) });
  }
  const maps = new Map<number, EconMapping>();
  for (const file of mapFiles.values()) {
    const rows = new Map(resolveMap(file, mapFiles).map(([dept, agency, institution]) => [dept, { agency, institution }]));
    maps.set(file.year, { year: file.year, rows });
  }
  loaded = { lists, maps };
  return loaded;
}

/** Years with a built-in list of this kind, ascending. */
export function builtinYears(kind: CodeKind): number[] {
  return [...load().lists.get(kind)!.keys()].sort((a, b) => a - b);
}

/** The newest built-in list whose year is not after `year`; undefined before the first built-in year. */
export function builtinCodeList(kind: CodeKind, year: number): CodeList | undefined {
  const years = builtinYears(kind).filter((y) => y <= year);
  const best = years.at(-1);
  return best === undefined ? undefined : load().lists.get(kind)!.get(best);
}

/**
 * The list to use for a report year: the newest of the built-in and the imported lists with a year not
 * after it; an imported list beats a built-in one of the same year (it is the finance bureau's own).
 */
export function resolveCodeList(kind: CodeKind, year: number, imported: readonly CodeList[] = []): CodeList | undefined {
  let best = builtinCodeList(kind, year);
  for (const list of imported) {
    if (list.kind !== kind || list.year > year) continue;
    if (!best || list.year > best.year || (list.year === best.year && best.source === 'builtin')) best = list;
  }
  return best;
}

/** The newest built-in 部门→政府 correspondence whose year is not after `year`. */
export function builtinEconMapping(year: number): EconMapping | undefined {
  const maps = load().maps;
  const best = [...maps.keys()].filter((y) => y <= year).sort((a, b) => a - b).at(-1);
  return best === undefined ? undefined : maps.get(best);
}

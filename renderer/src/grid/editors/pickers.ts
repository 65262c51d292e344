import { childrenOf, lookupCode, normalizeName, parentCodeOf, parentChain, searchCodes, type CodeList } from '../../../../shared/reference/index';
import type { GridRow } from '../../../../shared/workbook/types';
import type { GridColumn } from '../columns';
import type { CodeListOf } from './useCodeLists';

/** One suggestion under the cell editor: `value` is what goes into the editor when it is picked. */
export interface PickOption {
  value: string;
  primary: string;
  secondary?: string;
}

/**
 * What a column with a fixed vocabulary offers while typing: suggestions, the text a stored value is shown
 * as, and the stored form of a typed or pasted text (the core still validates what arrives).
 */
export interface ColumnPicker {
  suggest(text: string): PickOption[];
  /** The list Alt+↓ opens for a cell holding `value` (a stored value or ''): every choice, or for codes the level it is on. */
  browse(value: string): PickOption[];
  describe(value: string): string;
  normalise(text: string): string;
}

const MAX_SUGGESTIONS = 30;
const CODE_NAME_WIDTH = 230;

function enumPicker(col: GridColumn): ColumnPicker {
  const options = col.def.options ?? [];
  return {
    browse: () => options.map((o) => ({ value: o.label, primary: o.label })),
    suggest: (text) => {
      const q = text.trim();
      const hits = q === '' ? options : options.filter((o) => [o.label, o.value, ...(o.aliases ?? [])].some((s) => s.includes(q)));
      // An exact spelling first, so Enter keeps what was typed in full.
      const exact = hits.filter((o) => o.label === q || (o.aliases ?? []).includes(q));
      return [...exact, ...hits.filter((o) => !exact.includes(o))].map((o) => ({ value: o.label, primary: o.label }));
    },
    describe: (value) => options.find((o) => o.value === value)?.label ?? value,
    normalise: (text) => text,
  };
}

/** "2010301 行政运行" (pasted from a printed table) → "2010301"; a bare name stands for its code when unambiguous. */
function codeOf(list: CodeList | undefined, text: string): string {
  const clean = text.trim();
  const m = /^(\d[\d\s\-－]*?)\s*([^\d\s\-－].*)?$/u.exec(clean);
  if (m) return m[1]!.trim();
  if (!list || clean === '') return text;
  const wanted = normalizeName(clean);
  const exact = searchCodes(list, clean, 200).filter((h) => normalizeName(h.name) === wanted);
  return exact.length === 1 ? exact[0]!.code : text;
}

function codePicker(list: CodeList | undefined): ColumnPicker {
  return {
    // The code's siblings under its 类/款 (the 类 themselves for an empty cell), as a printed list is read.
    browse: (value) => {
      if (!list) return [];
      const code = codeOf(list, value);
      const parent = lookupCode(list, code) ? parentCodeOf(list.kind, code) : undefined;
      return childrenOf(list, parent).map((e) => ({ value: e.code, primary: `${e.code} ${e.name}`, secondary: parentChain(list, e.code).map((p) => p.name).join(' › ') || undefined }));
    },
    suggest: (text) =>
      !list || text.trim() === ''
        ? []
        : searchCodes(list, text, MAX_SUGGESTIONS).map((h) => ({ value: h.code, primary: `${h.code} ${h.name}`, secondary: h.path.join(' › ') || h.level })),
    describe: (value) => {
      const entry = list ? lookupCode(list, value) : undefined;
      return entry ? `${value} ${entry.name}` : value;
    },
    normalise: (text) => codeOf(list, text),
  };
}

/**
 * A row of the referenced table as the referring cell stores it: its key column (项目编码), or '#<row id>' when
 * that is empty, as the fact engine reads it (seed 001's projects have names only and must still be offered).
 */
const refKeyOf = (r: GridRow, column: string): string => r.cells[column] || `#${r.id}`;

function refPicker(col: GridColumn, rows: () => readonly GridRow[]): ColumnPicker {
  const ref = col.def.ref!;
  const key = (r: GridRow) => refKeyOf(r, ref.column);
  const code = (r: GridRow) => r.cells[ref.column] ?? '';
  const name = (r: GridRow) => (ref.display ? (r.cells[ref.display] ?? '') : '');
  const label = (r: GridRow) => [code(r), name(r)].filter(Boolean).join(' ');
  // A stored '#<row id>' still finds its row after the row got a code.
  const rowOf = (value: string) => rows().find((r) => key(r) === value || `#${r.id}` === value);
  return {
    browse: () =>
      rows()
        .filter((r) => key(r) !== '')
        .map((r) => ({ value: key(r), primary: label(r) })),
    suggest: (text) => {
      const q = text.trim();
      const hits = rows().filter((r) => label(r) !== '' && (q === '' || label(r).includes(q)));
      // The row whose key or name is exactly what was typed first, so Enter keeps it.
      const exact = hits.filter((r) => code(r) === q || name(r) === q);
      return [...exact, ...hits.filter((r) => !exact.includes(r))]
        .slice(0, MAX_SUGGESTIONS)
        .map((r) => ({ value: key(r), primary: label(r) }));
    },
    describe: (value) => {
      const row = rowOf(value);
      if (row) return label(row) || value;
      return value.startsWith('#') ? '（已删除）' : value;
    },
    normalise: (text) => {
      const q = text.trim();
      const row = rows().find((r) => code(r) === q || name(r) === q || label(r) === q) ?? rowOf(q);
      return row ? key(row) : text;
    },
  };
}

/** Columns with their pickers: enum options, the workbook year's 科目 list (`listOf`), or the referenced table's rows. */
export function withPickers(columns: GridColumn[], listOf: CodeListOf, rowsOf: (tableId: string) => readonly GridRow[]): GridColumn[] {
  return columns.map((col) => {
    const def = col.def;
    if (def.type === 'enum' && def.options) return { ...col, picker: enumPicker(col) };
    if (def.type === 'code' && def.codeList) {
      // The cell shows "2010301 行政运行": room for the name, read from the left like any name.
      const picker = codePicker(listOf(def.codeList));
      return { ...col, picker, width: Math.max(col.width, CODE_NAME_WIDTH), align: 'left' as const };
    }
    if (def.ref) {
      const table = def.ref.table;
      return { ...col, picker: refPicker(col, () => rowsOf(table)) };
    }
    return col;
  });
}

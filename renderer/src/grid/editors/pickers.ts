import { builtinCodeList, lookupCode, normalizeName, searchCodes, type CodeList } from '../../../../shared/reference/index';
import type { GridRow } from '../../../../shared/workbook/types';
import type { GridColumn } from '../columns';

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
  describe(value: string): string;
  normalise(text: string): string;
}

const MAX_SUGGESTIONS = 30;
const CODE_NAME_WIDTH = 230;

function enumPicker(col: GridColumn): ColumnPicker {
  const options = col.def.options ?? [];
  return {
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

function refPicker(col: GridColumn, rows: () => readonly GridRow[]): ColumnPicker {
  const ref = col.def.ref!;
  const key = (r: GridRow) => r.cells[ref.column] ?? '';
  const name = (r: GridRow) => (ref.display ? (r.cells[ref.display] ?? '') : '');
  const label = (r: GridRow) => [key(r), name(r)].filter(Boolean).join(' ');
  return {
    suggest: (text) => {
      const q = text.trim();
      const hits = rows().filter((r) => key(r) !== '' && (q === '' || label(r).includes(q)));
      // The row whose key or name is exactly what was typed first, so Enter keeps it.
      const exact = hits.filter((r) => key(r) === q || name(r) === q);
      return [...exact, ...hits.filter((r) => !exact.includes(r))]
        .slice(0, MAX_SUGGESTIONS)
        .map((r) => ({ value: key(r), primary: label(r) }));
    },
    describe: (value) => {
      const row = rows().find((r) => key(r) === value);
      return row && name(row) ? `${value} ${name(row)}` : value;
    },
    normalise: (text) => {
      const q = text.trim();
      const row = rows().find((r) => key(r) === q || name(r) === q || label(r) === q);
      return row ? key(row) : text;
    },
  };
}

/** Columns with their pickers: enum options, the workbook year's 科目 list, or the referenced table's rows. */
export function withPickers(columns: GridColumn[], year: number | null, rowsOf: (tableId: string) => readonly GridRow[]): GridColumn[] {
  return columns.map((col) => {
    const def = col.def;
    if (def.type === 'enum' && def.options) return { ...col, picker: enumPicker(col) };
    if (def.type === 'code' && def.codeList) {
      // The cell shows "2010301 行政运行": room for the name, read from the left like any name.
      const picker = codePicker(year === null ? undefined : builtinCodeList(def.codeList, year));
      return { ...col, picker, width: Math.max(col.width, CODE_NAME_WIDTH), align: 'left' as const };
    }
    if (def.ref) {
      const table = def.ref.table;
      return { ...col, picker: refPicker(col, () => rowsOf(table)) };
    }
    return col;
  });
}

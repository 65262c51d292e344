import { Dec, type Dec as Decimal } from '../money/decimal.js';
import { compileQuery, type Filter, type Pred } from '../derive/match.js';
import { visibleColumns } from '../tables/layout.js';
import type { CellSource, FactQuery, FixedRowDef, TableDef } from '../tables/schema.js';
import type { ReadRow, ReadTable } from './extract.js';
import { squash } from './normalize.js';

/**
 * What a published table says about the budget facts: every figure of a recognised table becomes an
 * observation "Σ amount over the facts matching this query = value", the query being the layout's own
 * (column query ∧ body filter ∧ the row's code). The layouts are the same definitions the derived tables
 * are computed from, so reading them backwards needs no table-specific code.
 */

export interface Observation {
  tableId: string;
  /** The derived table's row key: a classification code, 'c:<类别>', 'total', or the fixed row's key. */
  rowKey: string;
  col: string;
  /** Exact value read, in 元. */
  value: Decimal;
  /** Half the last printed digit, in 元: a sum within ±tol prints the same figure. */
  tol: Decimal;
  /** '第 3 个表格 第 5 行第 2 列', for the report. */
  where: string;
  text: string;
}

export interface Constraint extends Observation {
  measure: string;
  pred: Pred;
  /** The filters ANDed into the query (column, body, row), for naming what was chosen. */
  filters: Filter[];
}

export interface TableObservations {
  /** Figures with a fact query behind them: the equations the facts must satisfy. */
  constraints: Constraint[];
  /** Every figure read (sums included), to compare the tables derived again from the rebuilt facts. */
  observations: Observation[];
  /** Rows of the file that fit no row of the layout. */
  unplaced: { where: string; text: string; reason: string }[];
  /** Classification codes printed as rows, by dimension (funcCode, econCode): what the facts may use. */
  codes: { funcCode: Set<string>; econCode: Set<string> };
  /** 项目类别 printed as rows. */
  categories: string[];
}

const ROW_DIMENSION = { functionClass: 'funcCode', economicClass: 'econCode', govEconomicClass: 'govEconCode' } as const;

const digits = (text: string | undefined): string => squash(text ?? '').replace(/[^0-9]/g, '');

function toleranceOf(text: string, unit: '元' | '万元'): Decimal {
  // The figure is the number at the end of the cell ('一、基本支出 448.93' too).
  const m = /\d(?:\.(\d+))?$/.exec(squash(text).replace(/,/g, ''));
  const decimals = Math.max(m?.[1] ? m[1].length : 0, unit === '万元' ? 2 : 0);
  const step = new Dec(10).pow(-decimals).times(unit === '万元' ? 10000 : 1);
  return step.div(2);
}

function amountSource(source: CellSource | undefined): Exclude<CellSource, string | { label: string }> | undefined {
  if (source === undefined || typeof source === 'string') return undefined;
  return 'label' in source ? source.amount : source;
}

function labelOf(source: CellSource | undefined): string | undefined {
  if (source === undefined) return undefined;
  if (typeof source === 'string') return source;
  return 'label' in source ? source.label : undefined;
}

/** The value of column `key` in a read row (a label-and-amount cell is read whole with its amount as value). */
function readValue(row: ReadRow, key: string): { value: string; text: string } | null {
  const own = row.cells[key];
  return own?.value !== undefined ? { value: own.value, text: own.text } : null;
}

/** Fixed rows are found by their printed labels; rows the office left out or reordered still fit. */
function matchFixedRows(rows: readonly FixedRowDef[], read: ReadRow[]): (number | null)[] {
  const labels = rows.map((r) => Object.values(r.cells).map(labelOf).filter((l): l is string => !!l && !l.includes('{')).map(squash));
  const used = new Set<number>();
  let cursor = 0;
  return read.map((row) => {
    const texts = Object.values(row.cells).map((c) => squash(c.text)).filter((t) => t !== '');
    let best = -1;
    let bestScore = 0;
    rows.forEach((_, i) => {
      if (used.has(i)) return;
      const score = labels[i]!.filter((l) => l !== '' && texts.some((t) => t === l || t.startsWith(l))).length;
      // Among equally good rows the next one in order wins (two-sided rows with blank sides).
      if (score > bestScore || (score === bestScore && score > 0 && best >= 0 && Math.abs(i - cursor) < Math.abs(best - cursor))) {
        best = i;
        bestScore = score;
      }
    });
    // A row of figures only (附件2's one row): the next unused row of the layout that prints no label either.
    if (best < 0 && texts.every((t) => /^[-\d.,]*$/.test(t)) && cursor < rows.length && !used.has(cursor) && labels[cursor]!.length === 0) best = cursor;
    if (best < 0) return null;
    used.add(best);
    cursor = best + 1;
    return best;
  });
}

/** The observations of one recognised table (derived and fixed layouts; entered tables and forms have none). */
export function observe(def: TableDef, read: ReadTable): TableObservations {
  const out: TableObservations = { constraints: [], observations: [], unplaced: [], codes: { funcCode: new Set(), econCode: new Set() }, categories: [] };
  const unit = read.moneyUnit;
  const place = (row: ReadRow, col: string): string => {
    const at = visibleColumns(def).findIndex((c) => c.key === col);
    return `${read.where} 第 ${row.sourceRow + 1} 行第 ${at + 1} 列`;
  };
  const add = (row: ReadRow, rowKey: string, col: string, source: CellSource | undefined, extra: Filter[]): void => {
    const amount = amountSource(source);
    if (!amount || 'input' in amount) return;
    const got = readValue(row, col);
    // A blank figure of a derived table is a zero: the published table says nothing was budgeted there.
    const value = new Dec(got?.value ?? '0');
    const text = got?.text ?? '';
    const tol = got ? toleranceOf(got.text, unit) : new Dec(0);
    const obs: Observation = { tableId: def.id, rowKey, col, value, tol, where: place(row, col), text };
    out.observations.push(obs);
    if ('fact' in amount) {
      const query: FactQuery = amount.fact;
      const filters = [query.filter, ...extra].filter((f): f is Filter => f !== undefined);
      out.constraints.push({ ...obs, measure: query.measure, pred: compileQuery(query, ...extra), filters });
    }
  };

  // The layout's own notes (说明：…) printed as a last row of the table are read, not placed.
  const notes = (def.notes ?? []).map((n) => squash(n.replace(/\{[A-Za-z.]+\}/g, '')));
  const isNote = (row: ReadRow): boolean => {
    const texts = Object.values(row.cells).map((c) => squash(c.text)).filter((t) => t !== '');
    return texts.length === 1 && notes.some((n) => n !== '' && (texts[0]!.includes(n.slice(0, 12)) || n.includes(texts[0]!.slice(0, 12))));
  };
  const body = def.body;
  if (body.kind === 'fixed') {
    const matched = matchFixedRows(body.rows, read.rows);
    read.rows.forEach((row, i) => {
      const r = matched[i];
      if (isNote(row)) return;
      if (r === null || r === undefined) {
        out.unplaced.push({ where: `${read.where} 第 ${row.sourceRow + 1} 行`, text: Object.values(row.cells).map((c) => c.text).join(' '), reason: '表格式中没有这一行' });
        return;
      }
      const def_ = body.rows[r]!;
      for (const [col, source] of Object.entries(def_.cells)) add(row, def_.key ?? `#${r + 1}`, col, source, []);
    });
    return out;
  }
  if (body.kind !== 'derived') return out;

  const roles = Object.entries(body.columns);
  const roleCol = (role: string): string | undefined => roles.find(([, v]) => v === role)?.[0];
  const nameCol = roleCol('name') ?? roleCol('nameQualified');
  const totalLabel = squash(body.total?.label ?? '合计');
  let lastClass = '';
  let lastSection = '';
  for (const row of read.rows) {
    if (isNote(row)) continue;
    const name = nameCol ? squash(row.cells[nameCol]?.text ?? '') : '';
    let rowKey: string | null = null;
    let rowFilter: Filter | undefined;
    const classification = body.rowsFrom === 'functionClass' || body.rowsFrom === 'economicClass' || body.rowsFrom === 'govEconomicClass';
    if (classification) {
      const codeColumn = roleCol('code');
      let code = codeColumn ? digits(row.cells[codeColumn]?.text) : '';
      if (!codeColumn) {
        // 类 | 款 | 项 printed in three columns; a child row may leave its ancestors' parts blank.
        let cls = digits(row.cells[roleCol('codeClass') ?? '']?.text);
        let sec = digits(row.cells[roleCol('codeSection') ?? '']?.text);
        const item = digits(row.cells[roleCol('codeItem') ?? '']?.text);
        if (cls === '' && (sec !== '' || item !== '')) cls = lastClass;
        if (sec === '' && item !== '') sec = lastSection;
        if (cls !== '') lastClass = cls;
        if (sec !== '') lastSection = sec;
        code = cls + sec + item;
      }
      if (code !== '') {
        rowKey = code;
        const dim = ROW_DIMENSION[body.rowsFrom as keyof typeof ROW_DIMENSION];
        rowFilter = { [dim]: code };
        if (dim === 'funcCode' || dim === 'econCode') out.codes[dim].add(code);
      }
    } else if (body.rowsFrom === 'projectCategory' && name !== '' && name !== totalLabel) {
      const category = (row.cells[nameCol!]?.text ?? '').trim();
      rowKey = `c:${category}`;
      rowFilter = { projectCategory: category };
      out.categories.push(category);
    }
    // The 合计 label may sit in the name column or be merged over the code columns (附件4).
    const labels = Object.values(row.cells).map((c) => squash(c.text));
    if (rowKey === null && labels.some((l) => l === totalLabel || /^(合计|总计)$/.test(l))) rowKey = 'total';
    if (rowKey === null) {
      out.unplaced.push({ where: `${read.where} 第 ${row.sourceRow + 1} 行`, text: Object.values(row.cells).map((c) => c.text).join(' '), reason: '无法确定这一行的科目或类别' });
      continue;
    }
    for (const [col, source] of roles) {
      if (typeof source === 'string') continue;
      add(row, rowKey, col, source, [body.filter, rowFilter].filter((f): f is Filter => f !== undefined));
    }
  }
  return out;
}

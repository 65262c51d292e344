import { Dec, type Dec as Decimal } from '../money/decimal.js';
import { fillTemplate, isNumericColumn, visibleColumns } from '../tables/layout.js';
import type { CellSource, ColumnDef, FixedRowDef, TableDef } from '../tables/schema.js';
import type { GridRow, RowCells } from '../workbook/types.js';
import { tableFrame, tableUnit, templateVars, type DeriveContext, type DrillSpec, type PendingProblem, type TableState } from './context.js';
import type { CubeCell, CubeDelta } from './cube.js';
import { describeCell } from './describe.js';
import { canonical, columnPath, roundingHint, show } from './display.js';
import { anyOf, compileQuery, type Pred } from './match.js';
import type { DerivedCell, DerivedHint, DerivedRow, DerivedTable, DrillLine } from './types.js';

type FixedBody = Extract<TableDef['body'], { kind: 'fixed' }>;
type AmountSource = Exclude<CellSource, string | { label: string }>;

/** The figure of a cell: its own source, or a label-and-amount cell's amount; undefined for text. */
function amountOf(cell: CellSource | undefined): AmountSource | undefined {
  if (cell === undefined || typeof cell === 'string') return undefined;
  return 'label' in cell ? cell.amount : cell;
}

const ZERO = new Dec(0);

interface FactCell {
  row: number;
  col: string;
  pred: Pred;
  sum: Decimal;
}

/**
 * A fixed body (收支总表, 三公 table): printed rows whose cells are text, fact sums, sums of other
 * cells or the clerk's input. Small, so a touched table is rendered whole.
 */
export class FixedBodyState implements TableState {
  private readonly rows: FixedRowDef[];
  private readonly keys: string[];
  private readonly visible: ColumnDef[];
  private readonly factCells = new Map<string, FactCell>();
  /** Per column: the 合计/小计 cells and the item cells beside them, to catch facts no item row shows. */
  private readonly coverage = new Map<string, { wholes: Pred[]; parts: Pred[] }>();
  private readonly misses = new Map<string, { cell: CubeCell; col: string }>();
  private inputs: readonly GridRow[] | undefined;
  private inputByKey = new Map<string, RowCells>();
  private cached: DerivedTable | null = null;
  private seenVersion = -1;

  constructor(
    private readonly def: TableDef,
    private readonly ctx: DeriveContext,
  ) {
    this.rows = (def.body as FixedBody).rows;
    this.keys = this.rows.map((r, i) => r.key ?? `#${i + 1}`);
    this.visible = visibleColumns(def);
    this.rows.forEach((row, r) => {
      const whole = row.style === 'total' || row.style === 'subtotal';
      for (const [col, cell] of Object.entries(row.cells)) {
        const source = amountOf(cell);
        if (source === undefined || !('fact' in source)) continue;
        const pred = compileQuery(source.fact);
        this.factCells.set(`${r}.${col}`, { row: r, col, pred, sum: ZERO });
        const cover = this.coverage.get(col) ?? { wholes: [], parts: [] };
        (whole ? cover.wholes : cover.parts).push(pred);
        this.coverage.set(col, cover);
      }
    });
    for (const [col, cover] of this.coverage) if (cover.wholes.length === 0 || cover.parts.length === 0) this.coverage.delete(col);
  }

  /** Rows of this layout's store (its input cells), one per fixed row key. */
  setInputs(rows: readonly GridRow[] | undefined): void {
    if (rows === this.inputs) return;
    this.inputs = rows;
    this.inputByKey = new Map((rows ?? []).map((r) => [r.id, r.cells]));
    this.cached = null;
  }

  apply({ cell, amount, count }: CubeDelta): void {
    for (const fc of this.factCells.values()) {
      if (fc.pred(cell)) {
        fc.sum = fc.sum.plus(amount);
        this.cached = null;
      }
    }
    if (count === 0) return;
    for (const [col, cover] of this.coverage) {
      const key = `${cell.dimKey}@${col}`;
      if (count < 0) this.misses.delete(key);
      else if (cover.wholes.some((p) => p(cell)) && !cover.parts.some((p) => p(cell))) {
        this.misses.set(key, { cell, col });
        this.cached = null;
      }
    }
  }

  /** The figure behind a cell (a label-and-amount cell's amount); undefined for text. */
  private source(r: number, col: string): AmountSource | undefined {
    return amountOf(this.rows[r]?.cells[col]);
  }

  private value(r: number, col: string, memo: Map<string, Decimal>): Decimal {
    const id = `${r}.${col}`;
    const known = memo.get(id);
    if (known) return known;
    const source = this.source(r, col);
    let value = ZERO;
    if (source !== undefined) {
      if ('fact' in source) value = this.factCells.get(id)!.sum;
      else if ('sumRows' in source) for (const ref of source.sumRows) value = value.plus(this.value(this.keys.indexOf(ref), col, memo));
      else if ('sumColumns' in source) for (const ref of source.sumColumns) value = value.plus(this.value(r, ref, memo));
      else value = this.inputValue(r, col);
    }
    memo.set(id, value);
    return value;
  }

  private inputValue(r: number, col: string): Decimal {
    const text = this.inputByKey.get(this.keys[r]!)?.[col];
    if (text === undefined || text === '') return ZERO;
    try {
      return new Dec(text);
    } catch {
      return ZERO;
    }
  }

  render(): DerivedTable {
    // A renamed unit changes the 单位名称 line.
    if (this.seenVersion !== this.ctx.base.version) this.cached = null;
    this.seenVersion = this.ctx.base.version;
    if (this.cached) return this.cached;
    const frame = tableFrame(this.def, this.ctx);
    const vars = templateVars(this.ctx);
    const unit = tableUnit(this.def, this.ctx.meta);
    const showZeros = this.def.showZeros === true;
    const memo = new Map<string, Decimal>();
    const rounded = new Map<string, Decimal>();
    const shownAt = (r: number, col: string): Decimal => {
      const id = `${r}.${col}`;
      let v = rounded.get(id);
      if (!v) {
        v = show(this.value(r, col, memo), unit, showZeros).rounded;
        rounded.set(id, v);
      }
      return v;
    };
    let empty = true;
    const hints: DerivedHint[] = [];
    const rows: DerivedRow[] = this.rows.map((row, r) => {
      const key = this.keys[r]!;
      const cells: Record<string, DerivedCell> = {};
      for (const col of this.visible) {
        const raw = row.cells[col.key];
        const source = amountOf(raw);
        if (raw === undefined) cells[col.key] = { text: '' };
        else if (typeof raw === 'string') cells[col.key] = { text: fillTemplate(raw, vars) };
        else if (source !== undefined && 'label' in raw) {
          const value = this.value(r, col.key, memo);
          if (!value.isZero()) empty = false;
          const label = fillTemplate(raw.label, vars);
          const s = show(value, unit, showZeros);
          rounded.set(`${r}.${col.key}`, s.rounded);
          cells[col.key] = { text: s.text === '' ? label : `${label} ${s.text}`, label, value: canonical(value), drill: `${key}|${col.key}` };
        }
        else if (!isNumericColumn(col)) cells[col.key] = { text: source && 'input' in source ? (this.inputByKey.get(key)?.[col.key] ?? '') : '' };
        else if (source !== undefined) {
          const value = this.value(r, col.key, memo);
          if (!value.isZero()) empty = false;
          const s = show(value, unit, showZeros);
          rounded.set(`${r}.${col.key}`, s.rounded);
          cells[col.key] = { text: s.text, value: canonical(value), drill: `${key}|${col.key}` };
          const parts =
            'sumRows' in source
              ? source.sumRows.map((ref) => shownAt(this.keys.indexOf(ref), col.key))
              : 'sumColumns' in source
                ? source.sumColumns.map((ref) => shownAt(r, ref))
                : null;
          const hint = parts ? roundingHint(key, col.key, columnPath(this.def, col.key), s.rounded, parts) : null;
          if (hint) hints.push(hint);
        }
      }
      return { key, level: row.level ?? 0, style: row.style ?? 'normal', cells };
    });
    const misses = [...this.misses.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, m]) => m);
    const problems: PendingProblem[] = misses.map(({ cell, col }) => ({
      col,
      dimKey: cell.dimKey,
      message: `${describeCell(cell, unit, this.ctx.base.projects)}计入了“${columnPath(this.def, col)}”栏的合计，但不属于该栏任何一行，各行之和因此小于合计；请检查科目或资金来源，或改用包含该项的表格套`,
    }));
    const table: DerivedTable = { ...frame, rows, empty, hints, problems };
    if (empty && frame.emptyNote) table.rows = [];
    this.cached = table;
    return table;
  }

  drill(rowKey: string, col: string): DrillSpec | null {
    const r = this.keys.indexOf(rowKey);
    const column = this.visible.find((c) => c.key === col);
    if (r < 0 || !column || this.source(r, col) === undefined) return null;
    const preds: Pred[] = [];
    const inputs: DrillLine[] = [];
    const seen = new Set<string>();
    const collect = (row: number, c: string): void => {
      const id = `${row}.${c}`;
      if (seen.has(id)) return;
      seen.add(id);
      const source = this.source(row, c);
      if (source === undefined) return;
      if ('fact' in source) preds.push(this.factCells.get(id)!.pred);
      else if ('sumRows' in source) for (const ref of source.sumRows) collect(this.keys.indexOf(ref), c);
      else if ('sumColumns' in source) for (const ref of source.sumColumns) collect(row, ref);
      else {
        const key = this.keys[row]!;
        const cells = this.inputByKey.get(key);
        const value = cells?.[c];
        if (cells && value) inputs.push({ tableId: this.def.store ?? this.def.id, rowId: key, cells, amount: value });
      }
    };
    collect(r, col);
    const frame = tableFrame(this.def, this.ctx);
    const raw = this.rows[r]!.cells;
    const own = raw[col];
    const itemCol = this.visible.slice(0, this.visible.indexOf(column)).reverse().find((c) => typeof raw[c.key] === 'string');
    const itemText = typeof own === 'object' && 'label' in own ? own.label : itemCol ? (raw[itemCol.key] as string) : undefined;
    const item = itemText !== undefined ? fillTemplate(itemText, templateVars(this.ctx)).replace(/\s+/g, '') : rowKey;
    return {
      label: [`${frame.number} ${frame.title}`.trim(), item, columnPath(this.def, col)].join(' · '),
      pred: preds.length ? anyOf(preds) : null,
      inputs,
    };
  }
}

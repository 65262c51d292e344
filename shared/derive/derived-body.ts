import { Dec, type Dec as Decimal } from '../money/decimal.js';
import { isNumericColumn, visibleColumns } from '../tables/layout.js';
import { derivedColumnRoles, type ColumnDef, type TableDef } from '../tables/schema.js';
import { codeName, tableFrame, tableUnit, type DeriveContext, type DrillSpec, type PendingProblem, type TableState } from './context.js';
import { CODE_KIND } from './code-names.js';
import type { CubeCell, CubeDelta } from './cube.js';
import { canonical, columnPath, roundingHint, show } from './display.js';
import { anyOf, compileFilter, compileQuery, type Pred } from './match.js';
import { describeCell } from './describe.js';
import type { DerivedCell, DerivedHint, DerivedRow, DerivedTable } from './types.js';

type DerivedBody = Extract<TableDef['body'], { kind: 'derived' }>;
type Role = (typeof derivedColumnRoles)[number];

const ZERO = new Dec(0);
export const TOTAL_ROW = 'total';

interface RowAcc {
  key: string;
  /** Classification code, project id, category or unit code. */
  code: string;
  depth: number;
  /** One sum per fact column of the body. */
  values: Decimal[];
  /** Cube cells feeding the row; a row no fact feeds disappears unless its code is fixed. */
  count: number;
  fixed: boolean;
  /** The rendered row; null when a delta touched it since. */
  view: DerivedRow | null;
  rounded: Map<string, Decimal>;
  /** Hints inside the row (sumColumns) and against its child rows. */
  rowHints: DerivedHint[];
  childHints: DerivedHint[];
  nameMissing: boolean;
}

const LEVEL_LENGTHS: Record<'functionClass' | 'economicClass' | 'govEconomicClass', Record<'类' | '款' | '项', number>> = {
  functionClass: { 类: 3, 款: 5, 项: 7 },
  economicClass: { 类: 3, 款: 5, 项: 0 },
  govEconomicClass: { 类: 3, 款: 5, 项: 0 },
};
const DIMENSION = { functionClass: 'funcCode', economicClass: 'econCode', govEconomicClass: 'govEconCode' } as const;
const DIMENSION_LABEL: Record<string, string> = { functionClass: '支出功能分类科目', economicClass: '部门经济分类科目', govEconomicClass: '政府经济分类科目' };

type MissReason = 'noCode' | 'short' | 'noProject' | 'noCategory' | 'unsupported';

/** A derived body (rows generated from the facts: per 科目, 项目, 项目类别 or 预算单位), kept current by deltas. */
export class DerivedBodyState implements TableState {
  private readonly body: DerivedBody;
  private readonly visible: ColumnDef[];
  private readonly roles = new Map<string, Role>();
  private readonly factCols: { key: string; pred: Pred }[] = [];
  private readonly factIndex = new Map<string, number>();
  private readonly sumCols = new Map<string, string[]>();
  private readonly bodyPred: Pred;
  private readonly classification: boolean;
  private readonly lengths: number[] = [];
  private readonly fixedOrder: string[] = [];
  private readonly fixedNames = new Map<string, string>();
  private readonly rows = new Map<string, RowAcc>();
  private readonly total: RowAcc;
  /** Facts (cube cells) the table cannot place in any row, by cell. */
  private readonly misses = new Map<string, { cell: CubeCell; reason: MissReason }>();
  private order: string[] | null = null;
  private cached: DerivedTable | null = null;
  private seenVersion = -1;

  constructor(
    private readonly def: TableDef,
    private readonly ctx: DeriveContext,
  ) {
    this.body = def.body as DerivedBody;
    this.visible = visibleColumns(def);
    for (const [key, source] of Object.entries(this.body.columns)) {
      if (typeof source === 'string') this.roles.set(key, source);
      else if ('fact' in source) {
        this.factIndex.set(key, this.factCols.length);
        this.factCols.push({ key, pred: compileQuery(source.fact) });
      } else this.sumCols.set(key, source.sumColumns);
    }
    this.bodyPred = compileFilter(this.body.filter);
    const from = this.body.rowsFrom;
    this.classification = from === 'functionClass' || from === 'economicClass' || from === 'govEconomicClass';
    if (this.classification) {
      const lengths = LEVEL_LENGTHS[from as keyof typeof LEVEL_LENGTHS];
      const levels = this.body.levels ?? (from === 'functionClass' ? ['类', '款', '项'] : ['类', '款']);
      this.lengths = levels.map((l) => lengths[l]).filter((n) => n > 0).sort((a, b) => a - b);
    }
    for (const [code, name] of Object.entries(this.body.names ?? {})) this.fixedNames.set(code, name);
    for (const entry of this.body.codes ?? []) {
      const code = typeof entry === 'string' ? entry : entry.code;
      if (typeof entry !== 'string') this.fixedNames.set(code, entry.name);
      this.fixedOrder.push(code);
      this.rows.set(code, this.newAcc(code, code, true));
    }
    this.total = this.newAcc(TOTAL_ROW, '', false);
  }

  private newAcc(key: string, code: string, fixed: boolean): RowAcc {
    const depth = this.classification ? Math.max(0, this.lengths.indexOf(code.length)) : 0;
    return {
      key,
      code,
      depth,
      values: this.factCols.map(() => ZERO),
      count: 0,
      fixed,
      view: null,
      rounded: new Map(),
      rowHints: [],
      childHints: [],
      nameMissing: false,
    };
  }

  // ── deltas ─────────────────────────────────────────────────────────────────────────────────

  apply({ cell, amount, count }: CubeDelta): void {
    if (!this.bodyPred(cell)) return;
    let matched: number[] | null = null;
    for (let i = 0; i < this.factCols.length; i++) if (this.factCols[i]!.pred(cell)) (matched ??= []).push(i);
    if (!matched) return;
    this.cached = null;
    add(this.total, matched, amount, count);
    const { keys, miss } = this.rowKeys(cell);
    for (const key of keys) {
      let acc = this.rows.get(key);
      if (!acc) {
        acc = this.newAcc(key, this.codeOfKey(key), false);
        this.rows.set(key, acc);
        this.order = null;
      }
      add(acc, matched, amount, count);
      if (!acc.fixed && acc.count <= 0) {
        this.rows.delete(key);
        this.order = null;
      }
    }
    if (miss) {
      if (count > 0) this.misses.set(cell.dimKey, { cell, reason: miss });
      else if (count < 0) this.misses.delete(cell.dimKey);
    }
  }

  private codeOfKey(key: string): string {
    return this.classification ? key : key.slice(2);
  }

  private rowKeys(cell: CubeCell): { keys: string[]; miss?: MissReason } {
    switch (this.body.rowsFrom) {
      case 'functionClass':
      case 'economicClass':
      case 'govEconomicClass': {
        const code = cell[DIMENSION[this.body.rowsFrom]];
        if (!/^\d{3,}$/.test(code)) return { keys: [], miss: 'noCode' };
        const keys = this.lengths.filter((n) => n <= code.length).map((n) => code.slice(0, n));
        return code.length < this.lengths[this.lengths.length - 1]! ? { keys, miss: 'short' } : { keys };
      }
      case 'project':
        return cell.project === '' ? { keys: [], miss: 'noProject' } : { keys: [`p:${cell.project}`] };
      case 'projectCategory':
        return cell.projectCategory === '' ? { keys: ['c:'], miss: 'noCategory' } : { keys: [`c:${cell.projectCategory}`] };
      case 'unit':
        return { keys: [`u:${cell.unit}`] };
      default:
        return { keys: [], miss: 'unsupported' };
    }
  }

  // ── rendering ──────────────────────────────────────────────────────────────────────────────

  render(): DerivedTable {
    if (this.seenVersion !== this.ctx.base.version) {
      // Unit names (the 单位名称 line) and project names and order live outside the figures.
      if (!this.classification) {
        for (const acc of this.rows.values()) acc.view = null;
        this.order = null;
      }
      this.cached = null;
      this.seenVersion = this.ctx.base.version;
    }
    if (this.cached) return this.cached;
    const order = (this.order ??= this.sortRows());
    const frame = tableFrame(this.def, this.ctx);
    const rows: DerivedRow[] = [];
    const fresh = new Set<RowAcc>();
    const children = new Map<RowAcc, RowAcc[]>([[this.total, []]]);
    const stack: RowAcc[] = [];
    const shown: RowAcc[] = [];
    let empty = true;
    for (const key of order) {
      const acc = this.rows.get(key)!;
      if (empty && acc.values.some((v) => !v.isZero())) empty = false;
      if (!this.isVisible(acc)) continue;
      if (!acc.view) {
        this.renderRow(acc);
        fresh.add(acc);
      }
      let parent = this.total;
      if (this.classification) {
        while (stack.length > 0 && !acc.code.startsWith(stack[stack.length - 1]!.code)) stack.pop();
        parent = stack[stack.length - 1] ?? this.total;
        stack.push(acc);
      }
      const siblings = children.get(parent) ?? [];
      siblings.push(acc);
      children.set(parent, siblings);
      shown.push(acc);
    }
    if (empty && this.total.values.some((v) => !v.isZero())) empty = false;
    const seqCol = this.visible.find((c) => this.roles.get(c.key) === 'seq')?.key;
    shown.forEach((acc, i) => {
      let view = acc.view!;
      if (seqCol && view.cells[seqCol]?.text !== String(i + 1)) {
        view = { ...view, cells: { ...view.cells, [seqCol]: { text: String(i + 1) } } };
        acc.view = view;
      }
      const style = children.has(acc) ? 'subtotal' : 'normal';
      if (view.style !== style) {
        view = { ...view, style };
        acc.view = view;
      }
      rows.push(view);
    });
    const hints: DerivedHint[] = [];
    for (const acc of shown) {
      const kids = children.get(acc);
      if (fresh.has(acc)) acc.childHints = kids ? this.childHints(acc, kids) : [];
      hints.push(...acc.rowHints, ...acc.childHints);
    }
    if (this.body.total) {
      this.renderTotal();
      const top = children.get(this.total) ?? [];
      this.total.childHints = this.childHints(this.total, top);
      hints.unshift(...this.total.rowHints, ...this.total.childHints);
      if (this.body.total.position === 'top') rows.unshift(this.total.view!);
      else rows.push(this.total.view!);
    }
    const table: DerivedTable = { ...frame, rows, empty, hints, problems: this.problems(shown) };
    if (empty && frame.emptyNote) table.rows = this.emptyRows();
    this.cached = table;
    return table;
  }

  /** An empty table prints nothing but its note, or (blankRows) that many blank rows and its 合计 row. */
  private emptyRows(): DerivedRow[] {
    const n = this.def.blankRows ?? 0;
    if (n === 0) return [];
    const blank = Object.fromEntries(this.visible.map((c) => [c.key, { text: '' }]));
    const rows: DerivedRow[] = Array.from({ length: n }, (_, i) => ({ key: `blank:${i + 1}`, level: 0, style: 'blank', cells: blank }));
    if (this.total.view) {
      if (this.body.total!.position === 'top') rows.unshift(this.total.view);
      else rows.push(this.total.view);
    }
    return rows;
  }

  private isVisible(acc: RowAcc): boolean {
    if (acc.fixed) return true;
    if (acc.count <= 0) return false;
    return this.body.showZeroRows === true || acc.values.some((v) => !v.isZero());
  }

  private sortRows(): string[] {
    const keys = [...this.rows.keys()];
    if (this.classification) {
      // Fixed codes keep the layout's order; other codes with facts go in by code, so the table still ties.
      const fixed = new Set(this.fixedOrder);
      const extra = keys.filter((k) => !fixed.has(k)).sort();
      const out: string[] = [];
      let i = 0;
      for (const code of this.fixedOrder) {
        while (i < extra.length && extra[i]! < code) out.push(extra[i++]!);
        out.push(code);
      }
      while (i < extra.length) out.push(extra[i++]!);
      return out;
    }
    const base = this.ctx.base;
    const rank = new Map<string, number>();
    if (this.body.rowsFrom === 'project') for (const p of base.projects.values()) rank.set(`p:${p.id}`, p.index);
    if (this.body.rowsFrom === 'projectCategory') {
      for (const p of base.projects.values()) if (!rank.has(`c:${p.category}`)) rank.set(`c:${p.category}`, p.index);
      rank.set('c:', Number.MAX_SAFE_INTEGER);
    }
    if (this.body.rowsFrom === 'unit') base.units.forEach((u, i) => rank.set(`u:${u.code}`, i));
    const r = (k: string) => rank.get(k) ?? Number.MAX_SAFE_INTEGER - 1;
    return keys.sort((a, b) => r(a) - r(b) || (a < b ? -1 : a > b ? 1 : 0));
  }

  private valueOf(acc: RowAcc, key: string, memo: Map<string, Decimal>): Decimal {
    const known = memo.get(key);
    if (known) return known;
    const index = this.factIndex.get(key);
    let value = ZERO;
    if (index !== undefined) value = acc.values[index]!;
    else for (const ref of this.sumCols.get(key) ?? []) value = value.plus(this.valueOf(acc, ref, memo));
    memo.set(key, value);
    return value;
  }

  private figureCells(acc: RowAcc, cells: Record<string, DerivedCell>): void {
    const unit = tableUnit(this.def, this.ctx.meta);
    const showZeros = this.def.showZeros === true;
    const memo = new Map<string, Decimal>();
    acc.rounded = new Map();
    for (const col of this.visible) {
      if (!isNumericColumn(col) || this.roles.has(col.key)) continue;
      const value = this.valueOf(acc, col.key, memo);
      const s = show(value, unit, showZeros);
      cells[col.key] = { text: s.text, value: canonical(value), drill: `${acc.key}|${col.key}` };
      acc.rounded.set(col.key, s.rounded);
    }
    acc.rowHints = [];
    for (const [key, refs] of this.sumCols) {
      const total = acc.rounded.get(key);
      if (!total) continue;
      const parts = refs.map((r) => acc.rounded.get(r) ?? show(this.valueOf(acc, r, memo), unit, showZeros).rounded);
      const hint = roundingHint(acc.key, key, columnPath(this.def, key), total, parts);
      if (hint) acc.rowHints.push(hint);
    }
  }

  private renderRow(acc: RowAcc): void {
    const cells: Record<string, DerivedCell> = {};
    acc.nameMissing = false;
    for (const col of this.visible) {
      const role = this.roles.get(col.key);
      if (role) cells[col.key] = { text: this.roleText(role, acc) };
    }
    this.figureCells(acc, cells);
    acc.view = { key: acc.key, level: acc.depth, style: 'normal', cells };
  }

  private renderTotal(): void {
    const spec = this.body.total!;
    const acc = this.total;
    const cells: Record<string, DerivedCell> = {};
    const start = this.visible.findIndex((c) => c.key === spec.labelColumn);
    const span = spec.labelSpan ?? 1;
    this.visible.forEach((col, i) => {
      if (i === start) cells[col.key] = span > 1 ? { text: spec.label, colSpan: span } : { text: spec.label };
      else if (i > start && i < start + span) return;
      else if (!isNumericColumn(col) || this.roles.has(col.key)) cells[col.key] = { text: '' };
    });
    this.figureCells(acc, cells);
    acc.view = { key: TOTAL_ROW, level: 0, style: 'total', cells };
  }

  private childHints(acc: RowAcc, kids: RowAcc[]): DerivedHint[] {
    if (kids.length === 0) return [];
    const hints: DerivedHint[] = [];
    for (const [key, total] of acc.rounded) {
      const hint = roundingHint(acc.key, key, columnPath(this.def, key), total, kids.map((k) => k.rounded.get(key) ?? ZERO));
      if (hint) hints.push(hint);
    }
    return hints;
  }

  private nameOf(acc: RowAcc, code: string): string {
    const fixed = this.fixedNames.get(code);
    if (fixed !== undefined) return fixed;
    const name = codeName(this.ctx, CODE_KIND[this.body.rowsFrom]!, code);
    if (name === undefined) {
      acc.nameMissing = true;
      return '';
    }
    return name;
  }

  private roleText(role: Role, acc: RowAcc): string {
    const code = acc.code;
    if (this.classification) {
      switch (role) {
        case 'code':
          return code;
        case 'codeClass':
          return code.slice(0, 3);
        case 'codeSection':
          return code.length >= 5 ? code.slice(3, 5) : '';
        case 'codeItem':
          return code.length >= 7 ? code.slice(5, 7) : '';
        case 'name':
          return this.nameOf(acc, code);
        case 'nameQualified': {
          const name = this.nameOf(acc, code);
          return this.body.rowsFrom === 'functionClass' && code.length === 7 ? `${name}（${this.nameOf(acc, code.slice(0, 5))}）` : name;
        }
        case 'seq':
          return '';
      }
    }
    const base = this.ctx.base;
    switch (this.body.rowsFrom) {
      case 'project': {
        const p = base.projects.get(code);
        if (role === 'code') return p?.code ?? code;
        if (role === 'name' || role === 'nameQualified') return p?.name ?? code;
        return '';
      }
      case 'projectCategory':
        if (role === 'name' || role === 'nameQualified') return code === '' ? '（未填项目类别）' : code;
        return '';
      case 'unit':
        if (role === 'code') return code;
        if (role === 'name' || role === 'nameQualified') return base.unitName(code) ?? code;
        return '';
      default:
        return '';
    }
  }

  private problems(shown: RowAcc[]): PendingProblem[] {
    const unit = tableUnit(this.def, this.ctx.meta);
    const out: PendingProblem[] = [];
    const dimension = DIMENSION_LABEL[this.body.rowsFrom] ?? '';
    const deepest = this.lengths.length ? ['', '', '', '类', '', '款', '', '项'][this.lengths[this.lengths.length - 1]!] : '';
    // By cell, not by arrival, so the list reads the same however the data was entered.
    const misses = [...this.misses.values()].sort((a, b) => (a.cell.dimKey < b.cell.dimKey ? -1 : a.cell.dimKey > b.cell.dimKey ? 1 : 0));
    for (const { cell, reason } of misses) {
      const what = describeCell(cell, unit, this.ctx.base.projects);
      const because: Record<MissReason, string> = {
        noCode: `没有有效的${dimension}，未列入本表任何一行`,
        short: `的${dimension}没有细化到${deepest}，未列入本表的${deepest}级行，上级行与下级行因此不相等`,
        noProject: '没有所属项目，未列入本表任何一行',
        noCategory: '所属项目没有填项目类别',
        unsupported: `本程序尚不能按“${this.body.rowsFrom}”生成表格行`,
      };
      out.push({ message: `${what}${because[reason]}`, dimKey: cell.dimKey });
    }
    const year = this.ctx.meta.year;
    for (const acc of shown) {
      if (acc.nameMissing) {
        out.push({ rowKey: acc.key, message: `科目 ${acc.code} 不在 ${year} 年的${dimension}表中，表中名称空缺；请核对科目编码，或导入财政局下发的 ${year} 年科目表` });
      }
    }
    return out;
  }

  // ── drill-down ─────────────────────────────────────────────────────────────────────────────

  drill(rowKey: string, col: string): DrillSpec | null {
    const acc = rowKey === TOTAL_ROW ? this.total : this.rows.get(rowKey);
    if (!acc) return null;
    const colPred = this.columnPred(col);
    if (!colPred) return null;
    const rowPred = rowKey === TOTAL_ROW ? null : this.rowPred(acc);
    const body = this.bodyPred;
    const pred: Pred = rowPred ? (f) => body(f) && rowPred(f) && colPred(f) : (f) => body(f) && colPred(f);
    const rowLabel = rowKey === TOTAL_ROW ? (this.body.total?.label ?? '合计') : this.rowLabel(acc);
    const frame = tableFrame(this.def, this.ctx);
    return { label: [`${frame.number} ${frame.title}`.trim(), rowLabel, columnPath(this.def, col)].join(' · '), pred, inputs: [] };
  }

  private columnPred(col: string): Pred | null {
    const index = this.factIndex.get(col);
    if (index !== undefined) return this.factCols[index]!.pred;
    const refs = this.sumCols.get(col);
    if (!refs) return null;
    const preds = refs.map((r) => this.columnPred(r)).filter((p): p is Pred => p !== null);
    return preds.length ? anyOf(preds) : () => false;
  }

  private rowPred(acc: RowAcc): Pred {
    const code = acc.code;
    switch (this.body.rowsFrom) {
      case 'functionClass':
      case 'economicClass':
      case 'govEconomicClass': {
        const field = DIMENSION[this.body.rowsFrom];
        return (f) => f[field].startsWith(code);
      }
      case 'project':
        return (f) => f.project === code;
      case 'projectCategory':
        return (f) => f.projectCategory === code;
      case 'unit':
        return (f) => f.unit === code;
      default:
        return () => false;
    }
  }

  private rowLabel(acc: RowAcc): string {
    const name = this.roleText('name', acc);
    return this.classification ? `${acc.code} ${name}`.trim() : name;
  }
}

function add(acc: RowAcc, matched: number[], amount: Decimal, count: number): void {
  for (const i of matched) acc.values[i] = acc.values[i]!.plus(amount);
  acc.count += count;
  acc.view = null;
}

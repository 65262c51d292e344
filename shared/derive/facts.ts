import { Dec, type Dec as Decimal } from '../money/decimal.js';
import { govCodeFor, type UnitType } from '../reference/econ-map.js';
import { econRoleOf, type FactDimension } from '../tables/vocabulary.js';
import type { GridRow, RowCells } from '../workbook/types.js';
import { FACT_TABLES, type ModelRows } from './model.js';
import type { FactSource } from './types.js';

/**
 * Atomic budget facts, built from the model tables' rows. A fact is one income amount or one
 * expenditure line with every dimension the table layouts filter on (shared/tables/vocabulary.ts).
 */

/** A fact's measure and one value per dimension of the vocabulary (shared/tables/vocabulary.ts). */
export type FactDims = { measure: 'income' | 'expense' } & Record<FactDimension, string>;

export interface Fact extends FactDims {
  /** Unique per fact: '<model table>:<row id>'. */
  key: string;
  /** The dimensions as one string: facts with equal dims add up in the cube. */
  dimKey: string;
  /** dimKey plus the amounts: equal signatures mean nothing changed. */
  sig: string;
  amount: Decimal;
  prev: Decimal;
  source: FactSource;
  /** The model row as stored, for drill-down. */
  cells: RowCells;
}

export interface UnitInfo {
  code: string;
  name: string;
  kind: string;
  unitType: string;
  rowId: string;
}

export interface ProjectInfo {
  /** What lines and filters use: the 项目编码, or '#<row id>' for a project without one. */
  id: string;
  code: string;
  name: string;
  category: string;
  unit: string;
  funcCode: string;
  econCode: string;
  fundSource: string;
  rowId: string;
  index: number;
}

/** A project as the clerk finds it: its row in 项目支出 and its name (or code). */
export function projectLabel(p: Pick<ProjectInfo, 'index' | 'name' | 'code'>): string {
  const name = p.name || p.code;
  return `项目支出第 ${p.index + 1} 行${name ? `（${name}）` : ''}`;
}

/** A model row that cannot be used as it is; shown to the clerk next to the derived tables. */
export interface FactIssue extends FactSource {
  message: string;
}

const ZERO = new Dec(0);

export function dimKeyOf(d: FactDims): string {
  return `${d.measure}|${d.unit}|${d.unitType}|${d.econRole}|${d.fundSource}|${d.funcCode}|${d.econCode}|${d.govEconCode}|${d.nature}|${d.project}|${d.projectCategory}`;
}

function makeFact(d: FactDims, amount: Decimal, prev: Decimal, source: FactSource, cells: RowCells): Fact {
  const dimKey = dimKeyOf(d);
  // Spelled out rather than spread: one object shape for every fact keeps the hot loops fast.
  return {
    measure: d.measure,
    unit: d.unit,
    unitType: d.unitType,
    econRole: d.econRole,
    fundSource: d.fundSource,
    funcCode: d.funcCode,
    econCode: d.econCode,
    govEconCode: d.govEconCode,
    nature: d.nature,
    project: d.project,
    projectCategory: d.projectCategory,
    key: `${source.tableId}:${source.rowId}`,
    dimKey,
    sig: `${dimKey}#${amount.toFixed()}#${prev.toFixed()}`,
    amount,
    prev,
    source,
    cells,
  };
}

const cell = (cells: RowCells, key: string): string => (cells[key] ?? '').trim();

function money(cells: RowCells, key: string): Decimal | null {
  const text = cell(cells, key);
  if (text === '') return null;
  try {
    return new Dec(text);
  } catch {
    return null;
  }
}

/** Basic lines without a nature: 301/303 are 人员经费, everything else 公用经费 (附件17's split). */
export function defaultBasicNature(econCode: string): string {
  return econCode.startsWith('301') || econCode.startsWith('303') ? 'basic.personnel' : 'basic.public';
}

const govUnitType = (unitType: string): UnitType => (unitType === 'institution' ? 'institution' : 'agency');

/** What changed in the facts since the last update: the cube subtracts `removed` and adds `added`. */
export interface FactChanges {
  removed: Fact[];
  added: Fact[];
}

/** A row-level problem; the row number is put in front when the list is read, since rows move. */
interface RowIssue {
  detail: string;
}

interface RowState {
  row: GridRow;
  fact: Fact | null;
  issues: RowIssue[];
  /** Lines: the project row inherited from; a changed project row invalidates the line. */
  dep: GridRow | undefined;
  seen: number;
}

const TABLE_LABELS: Record<string, string> = { [FACT_TABLES.income]: '收入预算', [FACT_TABLES.lines]: '支出明细' };

/**
 * Facts built from model rows and kept between updates. Rows are compared by identity, so after one
 * edit only the edited rows are read again, and `update` returns just the facts that changed.
 */
export class FactBase {
  units: UnitInfo[] = [];
  /** Code of the 本级 unit: facts without a unit belong to it ('' when the workbook lists no units). */
  selfUnit = '';
  projects = new Map<string, ProjectInfo>();
  private projectsByRow = new Map<string, ProjectInfo>();
  /** Increases whenever units or projects (names, order, categories) change. */
  version = 0;

  private readonly rowStates = new Map<string, Map<string, RowState>>();
  private arrays: ModelRows = {};
  private pass = 0;
  /** Σ of the lines booked to each project (by project id), for the project's own remainder. */
  private readonly lineSums = new Map<string, { amount: Decimal; prev: Decimal }>();
  private readonly remainders = new Map<string, { fact: Fact | null; issues: FactIssue[] }>();
  private ordered: Fact[] | null = null;
  private issueList: FactIssue[] | null = null;

  /** `roleOf`: the econRole of a 经济分类 code, from the year's list (vocabulary.ts econRoleLookup). */
  constructor(
    readonly year: number,
    private readonly roleOf: (econCode: string) => string = econRoleOf,
  ) {}

  /**
   * `edited`: per table, the rows an edit replaced in place, when the caller knows every other row is the
   * same object at the same position as in the last update (then only these are looked at).
   */
  update(model: ModelRows, edited?: ReadonlyMap<string, readonly GridRow[]>): FactChanges {
    const changes: FactChanges = { removed: [], added: [] };
    const unitRows = model[FACT_TABLES.units] ?? [];
    const projectRows = model[FACT_TABLES.projects] ?? [];
    const unitsChanged = !sameRows(unitRows, this.arrays[FACT_TABLES.units] ?? []);
    const projectsChanged = !sameRows(projectRows, this.arrays[FACT_TABLES.projects] ?? []);
    if (unitsChanged) {
      this.readUnits(unitRows);
      this.version += 1;
    }
    if (projectsChanged) {
      this.readProjects(projectRows);
      this.version += 1;
    }
    // Copies, so a caller that edits its arrays in place is still seen to have changed them.
    this.arrays = { ...this.arrays, [FACT_TABLES.units]: [...unitRows], [FACT_TABLES.projects]: [...projectRows] };
    // Unit defaults and 单位性质 feed every fact; a project feeds the lines that name it.
    const touched = new Set<string>();
    const emit = (table: string, old: Fact | null, now: Fact | null): void => {
      if (table === FACT_TABLES.lines) {
        if (old) this.addLine(old, -1, touched);
        if (now) this.addLine(now, 1, touched);
      }
      if (old && now && old.sig === now.sig) return;
      if (old) changes.removed.push(old);
      if (now) changes.added.push(now);
    };
    this.syncRows(FACT_TABLES.income, model[FACT_TABLES.income] ?? [], unitsChanged, false, (row) => this.incomeFact(row), emit, edited?.get(FACT_TABLES.income));
    this.syncRows(FACT_TABLES.lines, model[FACT_TABLES.lines] ?? [], unitsChanged, projectsChanged, (row) => this.lineFact(row), emit, edited?.get(FACT_TABLES.lines));
    const projectIds = unitsChanged || projectsChanged ? [...this.projects.keys()] : [...touched];
    for (const id of projectIds) {
      const p = this.projects.get(id);
      if (p) this.syncRemainder(p, projectRows[p.index]!, changes);
    }
    if (projectsChanged) {
      const live = new Set(projectRows.map((r) => r.id));
      for (const [rowId, rem] of this.remainders) {
        if (live.has(rowId)) continue;
        if (rem.fact) changes.removed.push(rem.fact);
        this.remainders.delete(rowId);
      }
    }
    if (changes.removed.length || changes.added.length || unitsChanged || projectsChanged) this.ordered = null;
    if (unitsChanged || projectsChanged) this.issueList = null;
    return changes;
  }

  /** Every current fact, in the order of the model tables' rows (income, lines, projects). */
  facts(): Fact[] {
    if (this.ordered) return this.ordered;
    const out: Fact[] = [];
    for (const table of [FACT_TABLES.income, FACT_TABLES.lines]) {
      const states = this.rowStates.get(table);
      for (const row of this.arrays[table] ?? []) {
        const fact = states?.get(row.id)?.fact;
        if (fact) out.push(fact);
      }
    }
    for (const row of this.arrays[FACT_TABLES.projects] ?? []) {
      const fact = this.remainders.get(row.id)?.fact;
      if (fact) out.push(fact);
    }
    this.ordered = out;
    return out;
  }

  /** Model rows that cannot be used as they are, in table and row order. */
  get issues(): FactIssue[] {
    if (this.issueList) return this.issueList;
    const out: FactIssue[] = [...this.unitIssues, ...this.projectIssues];
    for (const table of [FACT_TABLES.income, FACT_TABLES.lines]) {
      const states = this.rowStates.get(table);
      (this.arrays[table] ?? []).forEach((row, index) => {
        for (const issue of states?.get(row.id)?.issues ?? []) {
          out.push({ tableId: table, rowId: row.id, message: `${TABLE_LABELS[table]}第 ${index + 1} 行${issue.detail}` });
        }
      });
    }
    for (const row of this.arrays[FACT_TABLES.projects] ?? []) out.push(...(this.remainders.get(row.id)?.issues ?? []));
    this.issueList = out;
    return out;
  }

  unitName(code: string): string | undefined {
    return this.units.find((u) => u.code === code)?.name;
  }

  /**
   * Brings one table's row states to `rows`: unchanged row objects are skipped, edited and new rows
   * are read, vanished rows are dropped; each fact that changes is passed to `emit`.
   */
  private syncRows(
    table: string,
    rows: readonly GridRow[],
    force: boolean,
    checkDeps: boolean,
    make: (row: GridRow) => Pick<RowState, 'fact' | 'issues' | 'dep'>,
    emit: (table: string, old: Fact | null, now: Fact | null) => void,
    edited?: readonly GridRow[],
  ): void {
    const before = this.arrays[table] ?? [];
    const states = this.rowStates.get(table);
    if (!force && !checkDeps && edited && states && before.length === rows.length && edited.every((r) => states.has(r.id))) {
      // Only the edited rows: the rest are the rows of the last update, where they were.
      for (const row of edited) {
        const state = states.get(row.id)!;
        if (state.row === row) continue;
        const made = make(row);
        if (!sameIssues(state.issues, made.issues)) this.issueList = null;
        emit(table, state.fact, made.fact);
        states.set(row.id, { row, ...made, seen: state.seen });
      }
      this.arrays = { ...this.arrays, [table]: [...rows] };
      return;
    }
    this.syncAll(table, rows, force, checkDeps, make, emit);
  }

  private syncAll(
    table: string,
    rows: readonly GridRow[],
    force: boolean,
    checkDeps: boolean,
    make: (row: GridRow) => Pick<RowState, 'fact' | 'issues' | 'dep'>,
    emit: (table: string, old: Fact | null, now: Fact | null) => void,
  ): void {
    if (!force && !checkDeps && sameRows(rows, this.arrays[table] ?? [])) return;
    let states = this.rowStates.get(table);
    if (!states) {
      states = new Map();
      this.rowStates.set(table, states);
    }
    const pass = ++this.pass;
    const before = this.arrays[table] ?? [];
    // The issue list names rows by number: it is made again when rows come, go or move, or a row's issues change.
    let issuesMoved = before.length !== rows.length;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      if (before[i]?.id !== row.id) issuesMoved = true;
      const state = states.get(row.id);
      if (state && state.row === row && !force && (!checkDeps || state.dep === this.depOf(row))) {
        state.seen = pass;
        continue;
      }
      const made = make(row);
      if (!state || !sameIssues(state.issues, made.issues)) issuesMoved = true;
      emit(table, state?.fact ?? null, made.fact);
      states.set(row.id, { row, ...made, seen: pass });
    }
    if (states.size !== rows.length) {
      for (const [id, state] of states) {
        if (state.seen === pass) continue;
        emit(table, state.fact, null);
        states.delete(id);
      }
    }
    if (issuesMoved) this.issueList = null;
    this.arrays = { ...this.arrays, [table]: [...rows] };
  }

  private addLine(f: Fact, sign: 1 | -1, touched: Set<string>): void {
    if (f.project === '' || f.nature !== 'project') return;
    const sum = this.lineSums.get(f.project) ?? { amount: ZERO, prev: ZERO };
    const next = sign > 0 ? { amount: sum.amount.plus(f.amount), prev: sum.prev.plus(f.prev) } : { amount: sum.amount.minus(f.amount), prev: sum.prev.minus(f.prev) };
    this.lineSums.set(f.project, next);
    touched.add(f.project);
  }

  private syncRemainder(p: ProjectInfo, row: GridRow, changes: FactChanges): void {
    const kept = this.remainders.get(row.id);
    const old = kept?.fact ?? null;
    const issues: FactIssue[] = [];
    const now = this.projectRemainder(p, row, this.lineSums.get(p.id), issues);
    if (!kept || kept.issues.length !== issues.length || kept.issues.some((x, i) => x.message !== issues[i]!.message)) this.issueList = null;
    this.remainders.set(row.id, { fact: now, issues });
    if (old && now && old.sig === now.sig) return;
    if (old) changes.removed.push(old);
    if (now) changes.added.push(now);
  }

  // ── units ──────────────────────────────────────────────────────────────────────────────────

  private unitIssues: FactIssue[] = [];
  private readonly unitTypes = new Map<string, string>();

  private readUnits(rows: readonly GridRow[]): void {
    this.units = [];
    this.unitIssues = [];
    this.unitTypes.clear();
    const seen = new Set<string>();
    for (const [index, row] of rows.entries()) {
      const code = cell(row.cells, 'code');
      const source = { tableId: FACT_TABLES.units, rowId: row.id };
      if (code === '') {
        this.unitIssues.push({ ...source, message: `预算单位第 ${index + 1} 行没有单位编码` });
        continue;
      }
      if (seen.has(code)) {
        this.unitIssues.push({ ...source, message: `预算单位编码 ${code} 重复（第 ${index + 1} 行）` });
        continue;
      }
      seen.add(code);
      const unit: UnitInfo = { code, name: cell(row.cells, 'name'), kind: cell(row.cells, 'kind'), unitType: cell(row.cells, 'unitType'), rowId: row.id };
      this.units.push(unit);
      this.unitTypes.set(code, unit.unitType);
    }
    const selves = this.units.filter((u) => u.kind === 'self');
    // A single listed unit is the department itself even if its 级次 was left blank.
    this.selfUnit = selves[0]?.code ?? (this.units.length === 1 ? this.units[0]!.code : '');
    if (selves.length > 1) {
      this.unitIssues.push({ tableId: FACT_TABLES.units, rowId: selves[1]!.rowId, message: `有 ${selves.length} 个单位标为“本级”，只能有一个` });
    }
    if (this.units.length > 1 && selves.length === 0) {
      this.unitIssues.push({ tableId: FACT_TABLES.units, rowId: this.units[0]!.rowId, message: '预算单位中没有标为“本级”的单位，未填单位的数据无法归属' });
    }
  }

  /** The unit a row belongs to; a unit code the unit table does not list is a problem. */
  private unitOf(raw: string, inherited: string, issues: { detail: string }[]): string {
    if (raw !== '' && this.units.length > 0 && !this.unitTypes.has(raw)) issues.push({ detail: `的预算单位“${raw}”不在预算单位表中` });
    return raw || inherited || this.selfUnit;
  }

  /** 单位性质 of a unit ('' when the workbook lists none or it was left blank). */
  private unitTypeOf(unit: string): string {
    return this.unitTypes.get(unit) ?? '';
  }

  private readonly govCodes = new Map<string, string>();

  private govCode(econCode: string, unit: string): string {
    if (!/^\d{5}$/.test(econCode)) return '';
    const unitType = govUnitType(this.unitTypes.get(unit) ?? '');
    const key = `${unitType}:${econCode}`;
    let code = this.govCodes.get(key);
    if (code === undefined) {
      code = govCodeFor(econCode, { year: this.year, unitType }) ?? '';
      this.govCodes.set(key, code);
    }
    return code;
  }

  // ── projects ───────────────────────────────────────────────────────────────────────────────

  private projectIssues: FactIssue[] = [];

  private readProjects(rows: readonly GridRow[]): void {
    this.projects = new Map();
    this.projectsByRow = new Map();
    this.projectIssues = [];
    for (const [index, row] of rows.entries()) {
      const code = cell(row.cells, 'code');
      const source = { tableId: FACT_TABLES.projects, rowId: row.id };
      let id = code === '' ? `#${row.id}` : code;
      if (this.projects.has(id)) {
        this.projectIssues.push({ ...source, message: `项目编码 ${code} 重复（项目支出第 ${index + 1} 行），支出明细无法确定所属项目` });
        id = `${code}#${row.id}`;
      }
      const info: ProjectInfo = {
        id,
        code,
        name: cell(row.cells, 'name'),
        category: cell(row.cells, 'category'),
        unit: cell(row.cells, 'unit'),
        funcCode: cell(row.cells, 'funcCode'),
        econCode: cell(row.cells, 'econCode'),
        fundSource: cell(row.cells, 'fundSource'),
        rowId: row.id,
        index,
      };
      this.projects.set(id, info);
      this.projectsByRow.set(row.id, info);
    }
  }

  private projectOf(row: GridRow): ProjectInfo | undefined {
    const ref = cell(row.cells, 'project');
    if (ref === '') return undefined;
    // A project picked while it had no code is kept as '#<row id>': it still names that row once coded.
    return this.projects.get(ref) ?? (ref.startsWith('#') ? this.projectsByRow.get(ref.slice(1)) : undefined);
  }

  private depOf(row: GridRow): GridRow | undefined {
    const p = this.projectOf(row);
    return p ? this.arrays[FACT_TABLES.projects]?.[p.index] : undefined;
  }

  // ── facts ──────────────────────────────────────────────────────────────────────────────────

  private incomeFact(row: GridRow): Pick<RowState, 'fact' | 'issues' | 'dep'> {
    const source = { tableId: FACT_TABLES.income, rowId: row.id };
    const issues: RowIssue[] = [];
    const fundSource = cell(row.cells, 'fundSource');
    if (fundSource === '') issues.push({ detail: '没有选择收入来源' });
    const unit = this.unitOf(cell(row.cells, 'unit'), '', issues);
    const dims: FactDims = { measure: 'income', unit, unitType: this.unitTypeOf(unit), fundSource, funcCode: '', econCode: '', econRole: '', govEconCode: '', nature: '', project: '', projectCategory: '' };
    return { fact: makeFact(dims, money(row.cells, 'amount') ?? ZERO, money(row.cells, 'prevAmount') ?? ZERO, source, row.cells), issues, dep: undefined };
  }

  private lineFact(row: GridRow): Pick<RowState, 'fact' | 'issues' | 'dep'> {
    const ref = cell(row.cells, 'project');
    const p = this.projectOf(row);
    const source = { tableId: FACT_TABLES.lines, rowId: row.id };
    const issues: RowIssue[] = [];
    // A project picked from the list is kept by row id when it has no code; it is gone when that row is.
    if (ref !== '' && !p) issues.push({ detail: ref.startsWith('#') ? '的所属项目已从项目支出中删除，请重新选择' : `的所属项目“${ref}”在项目支出中不存在` });
    const funcCode = cell(row.cells, 'funcCode') || (p?.funcCode ?? '');
    const econCode = cell(row.cells, 'econCode') || (p?.econCode ?? '');
    const fundSource = cell(row.cells, 'fundSource') || (p?.fundSource ?? '');
    let nature = cell(row.cells, 'nature');
    if (nature === '') nature = ref !== '' ? 'project' : defaultBasicNature(econCode);
    if (ref !== '' && nature !== 'project') issues.push({ detail: '填了所属项目，但支出性质不是“项目支出”' });
    if (nature === 'project' && ref === '') issues.push({ detail: '是项目支出，但没有填所属项目' });
    if (funcCode === '') issues.push({ detail: '没有填支出功能分类科目' });
    if (econCode === '') issues.push({ detail: '没有填部门预算支出经济分类科目' });
    if (fundSource === '') issues.push({ detail: '没有选择资金来源' });
    const unit = this.unitOf(cell(row.cells, 'unit'), p?.unit ?? '', issues);
    const dims: FactDims = {
      measure: 'expense',
      unit,
      unitType: this.unitTypeOf(unit),
      fundSource,
      funcCode,
      econCode,
      econRole: this.roleOf(econCode),
      govEconCode: this.govCode(econCode, unit),
      nature,
      project: nature === 'project' ? (p?.id ?? ref) : '',
      projectCategory: nature === 'project' ? (p?.category ?? '') : '',
    };
    return { fact: makeFact(dims, money(row.cells, 'amount') ?? ZERO, money(row.cells, 'prevAmount') ?? ZERO, source, row.cells), issues, dep: this.depOf(row) };
  }

  /**
   * A project's own fact is what its amount leaves after the lines that split it: a project without
   * lines is one fact; one fully split into lines adds nothing; one without an amount is its lines.
   */
  private projectRemainder(p: ProjectInfo, row: GridRow, lines: { amount: Decimal; prev: Decimal } | undefined, issues: FactIssue[]): Fact | null {
    const source = { tableId: FACT_TABLES.projects, rowId: row.id };
    const amount = money(row.cells, 'amount');
    const prevAmount = money(row.cells, 'prevAmount');
    const rest = amount === null ? ZERO : amount.minus(lines?.amount ?? ZERO);
    const prevRest = prevAmount === null ? ZERO : prevAmount.minus(lines?.prev ?? ZERO);
    const where = projectLabel(p);
    if (amount !== null && rest.isNegative()) issues.push({ ...source, message: `${where}的明细合计超过项目金额 ${rest.neg().toFixed()} 元` });
    if (rest.isZero() && prevRest.isZero()) {
      if (amount === null && (!lines || lines.amount.isZero())) issues.push({ ...source, message: `${where}没有金额，也没有支出明细` });
      return null;
    }
    if (p.funcCode === '') issues.push({ ...source, message: `${where}没有填支出功能分类科目` });
    if (p.econCode === '') issues.push({ ...source, message: `${where}没有填部门预算支出经济分类科目` });
    if (p.fundSource === '') issues.push({ ...source, message: `${where}没有选择资金来源` });
    const unitIssues: RowIssue[] = [];
    const unit = this.unitOf(p.unit, '', unitIssues);
    for (const u of unitIssues) issues.push({ ...source, message: `${where}${u.detail}` });
    const dims: FactDims = {
      measure: 'expense',
      unit,
      unitType: this.unitTypeOf(unit),
      fundSource: p.fundSource,
      funcCode: p.funcCode,
      econCode: p.econCode,
      econRole: this.roleOf(p.econCode),
      govEconCode: this.govCode(p.econCode, unit),
      nature: 'project',
      project: p.id,
      projectCategory: p.category,
    };
    return makeFact(dims, rest, prevRest, source, row.cells);
  }
}

function sameIssues(a: readonly RowIssue[], b: readonly RowIssue[]): boolean {
  return a.length === b.length && a.every((x, i) => x.detail === b[i]!.detail);
}

function sameRows(a: readonly GridRow[], b: readonly GridRow[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

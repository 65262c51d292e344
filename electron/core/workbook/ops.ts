import type Database from 'better-sqlite3';
import type { CellValue, MetaKey, Op, RowCells } from '../../../shared/workbook/types.js';
import { CoreError } from '../errors.js';

/** Applies primitive ops to the database and returns, for each, the op that undoes it. */
export class OpApplier {
  private readonly stmts;

  constructor(private readonly db: Database.Database) {
    this.stmts = {
      row: db.prepare<[string], { table_id: string; position: number; cells: string }>(
        'SELECT table_id, position, cells FROM grid_rows WHERE id = ?',
      ),
      count: db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM grid_rows WHERE table_id = ?'),
      setCells: db.prepare<[string, string]>('UPDATE grid_rows SET cells = ? WHERE id = ?'),
      shiftFrom: db.prepare<[number, string, number]>('UPDATE grid_rows SET position = position + ? WHERE table_id = ? AND position >= ?'),
      shiftRange: db.prepare<[number, string, number, number]>(
        'UPDATE grid_rows SET position = position + ? WHERE table_id = ? AND position >= ? AND position <= ?',
      ),
      setPosition: db.prepare<[number, string]>('UPDATE grid_rows SET position = ? WHERE id = ?'),
      insert: db.prepare<[string, string, number, string]>('INSERT INTO grid_rows (id, table_id, position, cells) VALUES (?, ?, ?, ?)'),
      delete: db.prepare<[string]>('DELETE FROM grid_rows WHERE id = ?'),
      getMeta: db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?'),
      setMeta: db.prepare<[string, string]>('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
    };
  }

  rowOf(tableId: string, rowId: string): { position: number; cells: RowCells } {
    const row = this.stmts.row.get(rowId);
    if (!row || row.table_id !== tableId) throw new CoreError('NOT_FOUND', { what: '行', rowId });
    return { position: row.position, cells: JSON.parse(row.cells) as RowCells };
  }

  hasRow(tableId: string, rowId: string): boolean {
    return this.stmts.row.get(rowId)?.table_id === tableId;
  }

  rowCount(tableId: string): number {
    return this.stmts.count.get(tableId)!.n;
  }

  apply(op: Op): Op {
    switch (op.op) {
      case 'setCell': {
        const { cells } = this.rowOf(op.tableId, op.rowId);
        const previous: CellValue | null = cells[op.col] ?? null;
        if (op.value === null) delete cells[op.col];
        else cells[op.col] = op.value;
        this.stmts.setCells.run(JSON.stringify(sortKeys(cells)), op.rowId);
        return { ...op, value: previous };
      }
      case 'insertRow': {
        const index = Math.min(op.index, this.rowCount(op.tableId));
        this.stmts.shiftFrom.run(1, op.tableId, index);
        this.stmts.insert.run(op.rowId, op.tableId, index, JSON.stringify(sortKeys(op.cells)));
        return { op: 'deleteRow', tableId: op.tableId, rowId: op.rowId };
      }
      case 'deleteRow': {
        const { position, cells } = this.rowOf(op.tableId, op.rowId);
        this.stmts.delete.run(op.rowId);
        this.stmts.shiftFrom.run(-1, op.tableId, position + 1);
        return { op: 'insertRow', tableId: op.tableId, rowId: op.rowId, index: position, cells };
      }
      case 'moveRow': {
        const { position } = this.rowOf(op.tableId, op.rowId);
        const target = Math.min(op.toIndex, this.rowCount(op.tableId) - 1);
        if (target > position) this.stmts.shiftRange.run(-1, op.tableId, position + 1, target);
        else if (target < position) this.stmts.shiftRange.run(1, op.tableId, target, position - 1);
        this.stmts.setPosition.run(target, op.rowId);
        return { op: 'moveRow', tableId: op.tableId, rowId: op.rowId, toIndex: position };
      }
      case 'setMeta': {
        const previous = this.getMeta(op.key);
        this.setMeta(op.key, op.value);
        return { op: 'setMeta', key: op.key, value: previous as string | number };
      }
    }
  }

  getMeta(key: string): unknown {
    const row = this.stmts.getMeta.get(key);
    return row ? (JSON.parse(row.value) as unknown) : undefined;
  }

  setMeta(key: MetaKey | string, value: unknown): void {
    this.stmts.setMeta.run(key, JSON.stringify(value));
  }
}

/** Cells are stored with sorted keys so exports are byte-stable. */
export function sortKeys(cells: RowCells): RowCells {
  const out: RowCells = {};
  for (const k of Object.keys(cells).sort()) out[k] = cells[k]!;
  return out;
}

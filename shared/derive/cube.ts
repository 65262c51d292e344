import { Dec, type Dec as Decimal } from '../money/decimal.js';
import type { Fact, FactDims } from './facts.js';

/**
 * Facts summed by their dimensions: every table reads cells of this cube, never single facts, so a
 * table's cost depends on the distinct combinations of codes and sources, not on how many lines
 * were typed. After an edit only the cells whose sums moved are passed on (see `CubeDelta`).
 */
export interface CubeCell extends FactDims {
  dimKey: string;
  amount: Decimal;
  prev: Decimal;
  /** Facts in the cell; 0 means the cell is gone. */
  count: number;
}

/** One cell's change: what to add to every figure it feeds, and whether it appeared (+1) or vanished (-1). */
export interface CubeDelta {
  cell: CubeCell;
  amount: Decimal;
  /** What to add to the cell's 上年预算数 (only sums read it; a change of it alone moves no table figure). */
  prev: Decimal;
  count: -1 | 0 | 1;
}

const ZERO = new Dec(0);

export class Cube {
  readonly cells = new Map<string, CubeCell>();

  /** Takes `removed` out and puts `added` in; returns the cells whose sums (this year's or last) or presence changed. */
  apply(removed: readonly Fact[], added: readonly Fact[]): CubeDelta[] {
    const before = new Map<string, { amount: Decimal; prev: Decimal; count: number }>();
    const touch = (f: Fact): CubeCell => {
      let cell = this.cells.get(f.dimKey);
      if (!cell) {
        cell = {
          measure: f.measure,
          unit: f.unit,
          unitType: f.unitType,
          econRole: f.econRole,
          fundSource: f.fundSource,
          funcCode: f.funcCode,
          econCode: f.econCode,
          govEconCode: f.govEconCode,
          nature: f.nature,
          project: f.project,
          projectCategory: f.projectCategory,
          dimKey: f.dimKey,
          amount: ZERO,
          prev: ZERO,
          count: 0,
        };
        this.cells.set(f.dimKey, cell);
      }
      if (!before.has(f.dimKey)) before.set(f.dimKey, { amount: cell.amount, prev: cell.prev, count: cell.count });
      return cell;
    };
    for (const f of removed) {
      const cell = touch(f);
      cell.amount = cell.amount.minus(f.amount);
      cell.prev = cell.prev.minus(f.prev);
      cell.count -= 1;
    }
    for (const f of added) {
      const cell = touch(f);
      cell.amount = cell.amount.plus(f.amount);
      cell.prev = cell.prev.plus(f.prev);
      cell.count += 1;
    }
    const deltas: CubeDelta[] = [];
    for (const [dimKey, was] of before) {
      const cell = this.cells.get(dimKey)!;
      const amount = cell.amount.minus(was.amount);
      const prev = cell.prev.minus(was.prev);
      const count = ((cell.count > 0 ? 1 : 0) - (was.count > 0 ? 1 : 0)) as -1 | 0 | 1;
      if (cell.count === 0) this.cells.delete(dimKey);
      if (amount.isZero() && prev.isZero() && count === 0) continue;
      deltas.push({ cell, amount, prev, count });
    }
    return deltas;
  }

  /** Every current cell as a delta from nothing: how a table built late catches up. */
  asDeltas(): CubeDelta[] {
    return [...this.cells.values()].map((cell) => ({ cell, amount: cell.amount, prev: cell.prev, count: 1 }));
  }
}

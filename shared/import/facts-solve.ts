import { Dec, type Dec as Decimal } from '../money/decimal.js';
import type { FactDims } from '../derive/facts.js';
import type { Constraint } from './facts-constraints.js';

/**
 * Amounts for candidate facts such that every published figure is the sum of the facts its query selects.
 * The published tables are marginals of the facts (by 项, by 款, by 资金来源 …); where they determine a
 * fact it gets exactly that amount, and where several facts could share a figure the first in the caller's
 * order of preference takes what all its figures allow (north-west corner, generalised). Printed figures
 * are rounded, so a second pass moves amounts below the last printed digit until every figure prints as
 * published. Arithmetic is in whole 分 as BigInt: exact, and fast enough for thousands of candidates.
 */

export interface SolveResult {
  /** Amount per candidate, in 元 (zero for candidates left out). */
  amounts: Decimal[];
  /** Per constraint: published value minus the sum of the facts it selects, in 元. */
  residuals: Decimal[];
  /** Constraints whose sum does not print as published. */
  unmet: number[];
}

const toFen = (d: Decimal): bigint => BigInt(d.times(100).toDecimalPlaces(0, Dec.ROUND_HALF_UP).toFixed(0));
const toYuan = (n: bigint): Decimal => new Dec(n.toString()).div(100);
const min = (a: bigint, b: bigint): bigint => (a < b ? a : b);
const max = (a: bigint, b: bigint): bigint => (a > b ? a : b);
const abs = (a: bigint): bigint => (a < 0n ? -a : a);

export function solveFacts(candidates: readonly FactDims[], constraints: readonly Constraint[], prefer: (a: FactDims, b: FactDims) => number): SolveResult {
  const residual = constraints.map((c) => toFen(c.value));
  // Keep a margin inside each rounding window so no figure sits on a rounding boundary.
  const slack = constraints.map((c) => {
    const tol = toFen(c.tol);
    return tol === 0n ? 0n : tol - max(1n, tol / 50n);
  });
  const amount = candidates.map(() => 0n);
  // Which figures each candidate is part of; a candidate under a published zero (or under no figure) stays out.
  const cons: number[][] = candidates.map((dims) => {
    const list: number[] = [];
    for (let i = 0; i < constraints.length; i++) if (constraints[i]!.measure === dims.measure && constraints[i]!.pred(dims)) list.push(i);
    return list;
  });
  const live = candidates.map((_, i) => i).filter((i) => cons[i]!.length > 0 && cons[i]!.every((c) => residual[c]! !== 0n || slack[c]! > 0n));
  const members: number[][] = constraints.map(() => []);
  for (const i of live) for (const c of cons[i]!) members[c]!.push(i);

  // More figures pin a candidate down; among equals the caller's preference decides.
  live.sort((a, b) => cons[b]!.length - cons[a]!.length || prefer(candidates[a]!, candidates[b]!));
  const move = (i: number, delta: bigint): void => {
    amount[i] = amount[i]! + delta;
    for (const c of cons[i]!) residual[c] = residual[c]! - delta;
  };
  for (const i of live) {
    let take: bigint | null = null;
    for (const c of cons[i]!) if (take === null || residual[c]! < take) take = residual[c]!;
    if (take !== null && take > 0n) move(i, take);
  }

  const violated = (c: number): boolean => abs(residual[c]!) > slack[c]!;
  /** How far candidate i may move with no figure it is part of (but `except`) pushed out of its window. */
  const room = (i: number, except: number): [bigint, bigint] => {
    let lo = -amount[i]!;
    let hi: bigint | null = null;
    for (const c of cons[i]!) {
      if (c === except) continue;
      // A figure already off may not get worse; one inside its window must stay there.
      const w = max(slack[c]!, abs(residual[c]!));
      lo = max(lo, residual[c]! - w);
      hi = hi === null ? residual[c]! + w : min(hi, residual[c]! + w);
    }
    return [lo, hi ?? BigInt(Number.MAX_SAFE_INTEGER)];
  };
  const clamp = (want: bigint, [lo, hi]: [bigint, bigint]): bigint => (lo > hi ? 0n : min(hi, max(lo, want)));

  for (let pass = 0; pass < 6; pass++) {
    let changed = false;
    for (let c = 0; c < constraints.length; c++) {
      if (!violated(c)) continue;
      for (const i of members[c]!) {
        const delta = clamp(residual[c]!, room(i, c));
        if (delta !== 0n) {
          move(i, delta);
          changed = true;
        }
        if (!violated(c)) break;
      }
      if (!violated(c)) continue;
      // Blocked: make room in a neighbouring figure by moving one of its other candidates the other way.
      search: for (const i of members[c]!) {
        for (const c2 of cons[i]!) {
          if (c2 === c) continue;
          for (const j of members[c2]!) {
            if (j === i || amount[j] === 0n || cons[j]!.includes(c)) continue;
            const delta = clamp(-residual[c]!, room(j, c2));
            if (delta === 0n) continue;
            move(j, delta);
            move(i, clamp(residual[c]!, room(i, c)));
            changed = true;
            if (!violated(c)) break search;
          }
        }
      }
    }
    if (!changed) break;
  }
  const unmet = constraints.map((_, c) => c).filter(violated);
  return { amounts: amount.map(toYuan), residuals: residual.map(toYuan), unmet };
}

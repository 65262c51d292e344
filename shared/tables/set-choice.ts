import type { TableSet } from './schema.js';

/** What the new-workbook dialog and `budgetdesk new` show of a table set: enough to choose one without opening it. */
export interface TableSetSummary {
  id: string;
  name: string;
  /** As printed on the set, e.g. 湖南省株洲市. */
  region: string;
  /** The province the set belongs to (湖南省), or 全国: what the clerk picks as 地区. */
  province: string;
  /** First budget year the layout is used for. */
  year: number;
  /** Table titles as templates ({year}, {item.name}…), in the set's order. */
  tables: string[];
}

export const NATIONWIDE = '全国';

/** 湖南省株洲市 → 湖南省; 河北省（区级） → 河北省; 北京市海淀区 → 北京市; 全国 stays 全国. */
export function provinceOf(region: string): string {
  const m = /^(.+?(?:省|自治区|特别行政区))/.exec(region) ?? /^(北京市|天津市|上海市|重庆市)/.exec(region);
  return m ? m[1]! : region;
}

export function summarizeTableSet(set: Pick<TableSet, 'id' | 'name' | 'region' | 'year' | 'tables'>): TableSetSummary {
  return { id: set.id, name: set.name, region: set.region, province: provinceOf(set.region), year: set.year, tables: set.tables.map((t) => t.title) };
}

/**
 * The set a new workbook gets unless the clerk picks another: among the sets of the chosen province (and the
 * nationwide ones) already in use by the chosen year, the one with the most tables, so that a 2020 Hunan
 * department starts with the 17 公开 tables and the 绩效 forms rather than the 3 绩效 forms of 2019. Ties go to the
 * more recent layout, then to the regional one over the nationwide one. When no set is in use yet by that year,
 * the earliest ones are considered instead. No region means any region; a region without sets, too.
 */
export function chooseTableSet<S extends Pick<TableSetSummary, 'region' | 'year' | 'tables'>>(
  sets: readonly S[],
  want: { year: number; region?: string | undefined },
): S | undefined {
  const province = want.region ? provinceOf(want.region) : undefined;
  const matching = sets.filter((s) => province === undefined || provinceOf(s.region) === province || s.region === NATIONWIDE);
  // A province with no set of its own and no nationwide set still gets a layout rather than none.
  const inRegion = matching.length > 0 ? matching : sets;
  const inUse = inRegion.filter((s) => s.year <= want.year);
  const earliest = Math.min(...inRegion.map((s) => s.year));
  const candidates = inUse.length > 0 ? inUse : inRegion.filter((s) => s.year === earliest);
  const rank = (s: S): number[] => [s.tables.length, s.year, s.region === NATIONWIDE ? 0 : 1];
  let best: S | undefined;
  for (const s of candidates) {
    if (!best) {
      best = s;
      continue;
    }
    const a = rank(s);
    const b = rank(best);
    const i = a.findIndex((v, k) => v !== b[k]);
    if (i >= 0 && a[i]! > b[i]!) best = s;
  }
  return best;
}

import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { headerLeafKeys, visibleColumns } from '../../shared/tables/layout.js';
import type { TableDef } from '../../shared/tables/schema.js';
import type { Seed001Facts } from '../fixtures/seed001/load.js';
import { expect, ghostCell, pasteText } from './fixtures.js';

/** Seed 001 (株洲市石峰区人民政府办公室, 湖南 2020) entered through the UI, as a clerk brings it from Excel. */

export const readJson = <T>(rel: string): T => JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8')) as T;
export const facts = readJson<Seed001Facts>('../fixtures/seed001/facts.json');
export const modelTables = readJson<{ tables: TableDef[] }>('../../shared/tables/model/budget.json').tables;
export const tableDef = (tables: TableDef[], id: string): TableDef => {
  const def = tables.find((t) => t.id === id);
  if (!def) throw new Error(`no table ${id}`);
  return def;
};
/** The columns in the order the table shows them (its header's leaves). */
export const columnKeys = (def: TableDef): string[] => {
  const visible = new Set(visibleColumns(def).map((c) => c.key));
  return headerLeafKeys(def.header).filter((k) => visible.has(k));
};

/** A model table's rows as Excel would put them on the clipboard, in the grid's column order. */
const tsv = (tableId: string): string =>
  (facts.tables[tableId] ?? []).map((row) => columnKeys(tableDef(modelTables, tableId)).map((k) => row[k] ?? '').join('\t')).join('\r\n') + '\r\n';

/** Seed 001's projects, lines and income, pasted into the entry grids the way a clerk brings them from Excel. */
export async function enterSeed001(page: Page): Promise<void> {
  for (const [tableId, check, expected] of [
    ['fact-projects', 'total-amount', '60.00'],
    // 附件1's 基本支出 448.93 and the project lines of 附件9 (会议费 8.70, 公务接待费 0.34); a total, as row 24 may
    // lie below the window's last drawn row.
    ['fact-lines', 'total-amount', '457.97'],
    ['fact-income', 'total-amount', '508.93'],
  ] as const) {
    await page.getByTestId(`table-nav-${tableId}`).click();
    await expect(page.getByTestId('grid')).toBeVisible();
    await ghostCell(page, 0, 0).click();
    await pasteText(page, tsv(tableId));
    await expect(page.getByTestId(check)).toHaveText(expected);
  }
  await expect(page.getByTestId('save-status')).toHaveText('已保存');
}

import { factDimensions, type DimensionValue } from '../tables/vocabulary.js';
import type { GridRow } from '../workbook/types.js';

/** The model tables (shared/tables/model/budget.json) that hold the atomic budget facts. */
export const FACT_TABLES = {
  units: 'fact-units',
  income: 'fact-income',
  lines: 'fact-lines',
  projects: 'fact-projects',
  info: 'fact-info',
} as const;

/** Rows by storage table id: the fact tables above plus the stores of layouts with input cells. */
export type ModelRows = Record<string, readonly GridRow[] | undefined>;

const labelsOf = (values: readonly DimensionValue[]): Record<string, string> => Object.fromEntries(values.map((v) => [v.value, v.label]));

/** Dimension values in Chinese, as the tables name them (problem messages, drill labels). */
export const fundSourceLabels = labelsOf(factDimensions.fundSource.values);
export const natureLabels = labelsOf(factDimensions.nature.values);

import type { Change, ChangeResult } from '../../../shared/api/contract.js';
import type { Core } from '../core.js';
import type { Workbook } from '../workbook/workbook.js';
import { workbookBudgetProjects } from '../perf/budget-projects.js';
import { budgetTotals } from '../perf/budget-totals.js';
import { copyChange, pasteChange, setValueChange } from '../perf/indicators.js';
import { IndicatorLibrary } from '../perf/library-store.js';
import { lintWorkbook } from '../perf/lint-runner.js';
import type { HandlersOf } from './types.js';

/** The perf.* API methods; Core spreads these into its handler table. */
export function perfHandlers(core: Core): HandlersOf<'perf.'> {
  const library = (): IndicatorLibrary => new IndicatorLibrary(core.options.dataDir);
  const apply = (wb: Workbook, change: Change): ChangeResult => core.commits.change(wb, change);
  return {
    'perf.lint': ({ path }) => {
      const wb = core.workbook(path);
      return lintWorkbook(wb, core.tableSets.get(wb.meta().tableSetId), workbookBudgetProjects(wb, core.options.dataDir));
    },
    'perf.budgetProjects': ({ path }) => workbookBudgetProjects(core.workbook(path), core.options.dataDir),
    'perf.budgetTotals': ({ path }) => {
      const totals = budgetTotals(core.workbook(path));
      return totals && { total: totals.total.toFixed(), basic: totals.basic.toFixed(), project: totals.project.toFixed() };
    },
    'perf.indicators.paste': ({ path, owner, rows, index }) => {
      const wb = core.workbook(path);
      return apply(wb, pasteChange(wb, owner, rows, index));
    },
    'perf.indicators.setValue': ({ path, rowId, text }) => {
      const wb = core.workbook(path);
      return apply(wb, setValueChange(wb, rowId, text));
    },
    'perf.copyIndicators': ({ path, fromOwner, toOwner, fromWorkbook }) => {
      const target = core.workbook(path);
      if (fromWorkbook === undefined) return apply(target, copyChange(target, target, fromOwner, toOwner));
      // Last year's workbook is only read; it is not left open (and locked) unless it already was.
      const wasOpen = core.isOpen(fromWorkbook);
      try {
        return apply(target, copyChange(core.workbook(fromWorkbook), target, fromOwner, toOwner));
      } finally {
        if (!wasOpen) core.closeWorkbook(fromWorkbook);
      }
    },
    'perf.library.search': (query) => library().search(query),
    'perf.library.categories': () => library().categories(),
    'perf.library.save': ({ entry }) => library().save(entry),
    'perf.library.delete': ({ id }) => {
      library().delete(id);
      return null;
    },
    'perf.library.suggest': ({ projectName, category, limit }) => library().suggest(projectName, category, limit),
  };
}

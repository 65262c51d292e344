import type { Change, ChangeResult } from '../../shared/api/contract.js';
import type { BackupService } from './backups.js';
import type { Workbook } from './workbook/workbook.js';

/** One committed change: `change` is absent for undo/redo, whose edits the caller does not know. */
export interface Committed {
  wb: Workbook;
  result: ChangeResult;
  change?: Change;
}

export type CommitListener = (committed: Committed) => void;

/**
 * The one way a handler changes a workbook. Every change, undo and redo passes here, so whatever is kept
 * up to date from the rows (derived tables, checks, narrative) hears of each change and can re-read only
 * what it touched.
 */
export class CommitPath {
  private readonly listeners: CommitListener[] = [];

  constructor(private readonly backups: BackupService) {}

  listen(listener: CommitListener): void {
    this.listeners.push(listener);
  }

  change(wb: Workbook, change: Change): ChangeResult {
    this.backups.beforeChange(wb, change);
    return this.notify({ wb, result: wb.change(change), change });
  }

  undo(wb: Workbook): ChangeResult {
    return this.notify({ wb, result: wb.undo() });
  }

  redo(wb: Workbook): ChangeResult {
    return this.notify({ wb, result: wb.redo() });
  }

  private notify(committed: Committed): ChangeResult {
    for (const listener of this.listeners) listener(committed);
    return committed.result;
  }
}

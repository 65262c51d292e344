import type { Change } from '../../../shared/api/contract.js';
import { rulesFor, shippedRules } from '../../../shared/checks/engine.js';
import { CHECK_NOTES_TABLE } from '../checks.js';
import type { Core } from '../core.js';
import { CoreError } from '../errors.js';
import type { HandlersOf } from './types.js';

export function checkHandlers(core: Core): HandlersOf<'checks.'> {
  return {
    'checks.run': ({ path }) => core.checks.findings(core.workbook(path)),
    'checks.rules': ({ path }) => (path === undefined ? [...shippedRules] : rulesFor(core.tableSets.get(core.workbook(path).meta().tableSetId))),
    'checks.explain': ({ path, finding, text }) => {
      const wb = core.workbook(path);
      const open = core.checks.findings(wb).find((f) => f.id === finding);
      if (!open) throw new CoreError('NOT_FOUND', { what: '审核问题', path: finding });
      if (open.severity === '提示') throw new CoreError('VALIDATION', { issue: '提示类问题不需要说明' });
      const clean = text.replace(/\r\n?/g, '\n').trim();
      const existing = wb.rows(CHECK_NOTES_TABLE).find((r) => r.cells.finding === finding);
      let change: Change;
      if (existing && clean === '') change = { label: '删除审核说明', edits: [{ kind: 'deleteRows', tableId: CHECK_NOTES_TABLE, rowIds: [existing.id] }] };
      else if (existing) change = { label: '修改审核说明', edits: [{ kind: 'setCells', tableId: CHECK_NOTES_TABLE, cells: [{ rowId: existing.id, col: 'text', text: clean }] }] };
      else if (clean !== '') {
        const at = wb.rows(CHECK_NOTES_TABLE).length;
        change = { label: '填写审核说明', edits: [{ kind: 'insertRows', tableId: CHECK_NOTES_TABLE, index: at, rows: [{ finding, text: clean }] }] };
      } else throw new CoreError('VALIDATION', { issue: '说明不能为空' });
      return core.commits.change(wb, change);
    },
  };
}

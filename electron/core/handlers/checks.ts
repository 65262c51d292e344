import { rulesFor, shippedRules } from '../../../shared/checks/engine.js';
import type { Core } from '../core.js';
import type { HandlersOf } from './types.js';

export function checkHandlers(core: Core): HandlersOf<'checks.'> {
  return {
    'checks.run': ({ path }) => core.checks.findings(core.workbook(path)),
    'checks.rules': ({ path }) => (path === undefined ? [...shippedRules] : rulesFor(core.tableSets.get(core.workbook(path).meta().tableSetId))),
  };
}

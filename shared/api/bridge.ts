import type { Result } from './result.js';

/** What the Electron preload exposes to the renderer as `window.budgetdesk`: one generic invoke, nothing else. */
export interface BudgetDeskBridge {
  host: 'electron';
  invoke(method: string, input: unknown): Promise<Result<unknown>>;
}

export const BRIDGE_GLOBAL = 'budgetdesk';
export const IPC_CHANNEL = 'budgetdesk:invoke';

import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_GLOBAL, IPC_CHANNEL, type BudgetDeskBridge } from '../../shared/api/bridge.js';
import type { Result } from '../../shared/api/result.js';

// The whole surface the page gets: one generic call into the core. No ipcRenderer, no Node.
const bridge: BudgetDeskBridge = {
  host: 'electron',
  invoke: (method: string, input: unknown) => ipcRenderer.invoke(IPC_CHANNEL, method, input) as Promise<Result<unknown>>,
};

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge);

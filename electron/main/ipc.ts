import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { IPC_CHANNEL } from '../../shared/api/bridge.js';
import { makeError } from '../../shared/api/errors-zh.js';
import type { Result } from '../../shared/api/result.js';
import type { Core } from '../core/core.js';
import { isAppUrl } from './app-url.js';
import type { ShellHandler, ShellSender } from './shell.js';

type Sender = Pick<IpcMainInvokeEvent, 'senderFrame'> & { sender?: ShellSender };

/**
 * Relays one invoke to the core (or, for `shell.` methods, to the shell's own handler), but only from our own
 * top-level page; errors come back as values.
 */
export async function handleInvoke(core: Pick<Core, 'call'>, event: Sender, method: unknown, input: unknown, shell?: ShellHandler): Promise<Result<unknown>> {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null || !isAppUrl(frame.url)) return { ok: false, error: makeError('UNAUTHORIZED') };
  if (typeof method !== 'string') return { ok: false, error: makeError('UNKNOWN_METHOD', { method: String(method).slice(0, 80) }) };
  if (shell && event.sender && method.startsWith('shell.')) return shell(method, input, event.sender);
  return core.call(method, input);
}

export function registerIpc(ipcMain: Pick<IpcMain, 'handle'>, core: Pick<Core, 'call'>, shell?: ShellHandler): void {
  ipcMain.handle(IPC_CHANNEL, (event, method: unknown, input: unknown) => handleInvoke(core, event, method, input, shell));
}

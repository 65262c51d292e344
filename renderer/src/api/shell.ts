import type { Result } from '../../../shared/api/result';
import type { ShellInput, ShellMethod, ShellOutputs } from '../../../shared/api/shell';
import { viaBridge } from './client';

/** True in the desktop app, where the shell offers save dialogs, the file manager and PDF printing. */
export const hasShell = (): boolean => window.budgetdesk?.host === 'electron';

/** Calls one of the desktop shell's methods (shared/api/shell.ts); only where `hasShell()`. */
export async function callShell<M extends ShellMethod>(method: M, input: ShellInput<M>): Promise<Result<ShellOutputs[M]>> {
  const bridge = window.budgetdesk;
  if (!bridge) return { ok: false, error: { code: 'UNKNOWN_METHOD', message: '浏览器中无法使用此功能。' } };
  return (await viaBridge(bridge, method, input)) as Result<ShellOutputs[M]>;
}

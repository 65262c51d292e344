import type { BrowserWindow, Dialog, Shell, WebContents } from 'electron';
import { makeError } from '../../shared/api/errors-zh.js';
import type { Result } from '../../shared/api/result.js';
import { isShellMethod, shellMethods, type ShellInput, type ShellOutputs } from '../../shared/api/shell.js';
import { toApiError } from '../core/errors.js';
import { putExport } from '../core/io/export.js';

/**
 * The shell's own methods (shared/api/shell.ts) for the page that asked: the save dialog on its window,
 * Chromium's PDF of its print view, the file manager. Kept free of runtime electron imports so tests drive it
 * with fakes; the PDF is put in place the way every export is (temporary file, rename, EXPORT_* errors).
 */

export interface ShellDeps {
  dialog: Pick<Dialog, 'showSaveDialog'>;
  shell: Pick<Shell, 'showItemInFolder'>;
  windowOf(contents: WebContents): BrowserWindow | null;
}

export type ShellSender = Pick<WebContents, 'printToPDF'>;

export type ShellHandler = (method: string, input: unknown, sender: ShellSender) => Promise<Result<unknown>>;

export function shellHandler(deps: ShellDeps): ShellHandler {
  const handlers: { [M in keyof ShellOutputs]: (input: ShellInput<M>, sender: ShellSender) => Promise<ShellOutputs[M]> } = {
    'shell.saveDialog': async (input, sender) => {
      const options = { title: input.title, defaultPath: input.defaultPath, filters: input.filters };
      const win = deps.windowOf(sender as WebContents);
      const picked = win ? await deps.dialog.showSaveDialog(win, options) : await deps.dialog.showSaveDialog(options);
      return { path: picked.canceled || !picked.filePath ? null : picked.filePath };
    },
    'shell.printToPdf': async ({ out }, sender) => {
      // The page's @page rules give each sheet its A4 size and orientation; its print styles show only the sheets.
      const data = await sender.printToPDF({ preferCSSPageSize: true, printBackground: true });
      putExport(out, Buffer.from(data));
      return { out, bytes: data.length };
    },
    'shell.showItemInFolder': async ({ path }) => {
      deps.shell.showItemInFolder(path);
      return null;
    },
  };
  return async (method, input, sender) => {
    if (!isShellMethod(method)) return { ok: false, error: makeError('UNKNOWN_METHOD', { method: method.slice(0, 80) }) };
    const parsed = shellMethods[method].safeParse(input ?? {});
    if (!parsed.success) return { ok: false, error: makeError('VALIDATION', { issue: parsed.error.issues[0]?.message ?? '格式错误' }) };
    try {
      const run = handlers[method] as (i: unknown, s: ShellSender) => Promise<unknown>;
      return { ok: true, value: await run(parsed.data, sender) };
    } catch (err) {
      return { ok: false, error: toApiError(err) };
    }
  };
}

import { z } from 'zod';

/**
 * What only the desktop shell can do for the page (system dialogs, the file manager, Chromium's PDF printer),
 * reached through the same bridge invoke as the core's methods under the `shell.` prefix. The browser host has
 * none of them: the renderer asks for a path and uses the browser's own print instead.
 */

const filePath = z.string().min(1).max(4096);

export const shellMethods = {
  /** The system's save dialog; `path` null when the clerk cancelled. */
  'shell.saveDialog': z.strictObject({
    title: z.string().max(100),
    defaultPath: z.string().max(4096),
    filters: z.array(z.strictObject({ name: z.string().max(100), extensions: z.array(z.string().min(1).max(10)).max(10) })).max(10),
  }),
  /** The calling page printed with its print styles and CSS page sizes, written to `out` (temporary file, then renamed). */
  'shell.printToPdf': z.strictObject({ out: filePath }),
  /** Opens the folder holding `path` with the file selected. */
  'shell.showItemInFolder': z.strictObject({ path: filePath }),
} as const;

export type ShellMethod = keyof typeof shellMethods;
export type ShellInput<M extends ShellMethod> = z.input<(typeof shellMethods)[M]>;
export interface ShellOutputs {
  'shell.saveDialog': { path: string | null };
  'shell.printToPdf': { out: string; bytes: number };
  'shell.showItemInFolder': null;
}

export const isShellMethod = (name: string): name is ShellMethod => Object.prototype.hasOwnProperty.call(shellMethods, name);

import path from 'node:path';
import { WORKBOOK_EXTENSION } from '../../shared/workbook/types.js';

/**
 * The workbook a launch asks for (double-click, "open with", drag onto the icon), if any. Switches are
 * skipped: Chromium and Electron add their own to the argv of a second instance.
 */
export function workbookPathFromArgv(argv: readonly string[], cwd: string): string | null {
  for (let i = argv.length - 1; i >= 1; i--) {
    const arg = argv[i];
    if (!arg || arg.startsWith('-')) continue;
    if (arg.toLowerCase().endsWith(WORKBOOK_EXTENSION)) return path.resolve(cwd, arg);
  }
  return null;
}

/** The renderer route that opens a workbook; the renderer owns what happens next (including errors). */
export function workbookHash(file: string): string {
  return `#/wb?path=${encodeURIComponent(file)}`;
}

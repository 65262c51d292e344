import os from 'node:os';
import path from 'node:path';

/**
 * Where the CLI keeps the app's own files (library, backups, recent list) unless told otherwise.
 * Follows Electron's appData conventions so the CLI and the desktop app share one library.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string {
  if (env.BUDGETDESK_DATA_DIR) return env.BUDGETDESK_DATA_DIR;
  let home = '';
  try {
    home = os.homedir();
  } catch {
    // Service accounts may have no home; fall through to the temp folder.
  }
  if (!home) return path.join(os.tmpdir(), 'BudgetDesk');
  if (platform === 'win32') return path.join(env.APPDATA || path.join(home, 'AppData', 'Roaming'), 'BudgetDesk');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'BudgetDesk');
  return path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), 'BudgetDesk');
}

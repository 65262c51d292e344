import os from 'node:os';
import path from 'node:path';

/**
 * Where the app keeps its own files (library, backups, recent list, indicator library) unless told
 * otherwise. The desktop app, the local host and the CLI all use this, so they share one library; it
 * follows Electron's appData conventions per platform.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = safeHome()): string {
  if (env.BUDGETDESK_DATA_DIR) return path.resolve(env.BUDGETDESK_DATA_DIR);
  if (!home) return path.join(os.tmpdir(), 'BudgetDesk');
  if (platform === 'win32') return path.join(env.APPDATA || path.join(home, 'AppData', 'Roaming'), 'BudgetDesk');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'BudgetDesk');
  const config = env.XDG_CONFIG_HOME && path.isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : path.join(home, '.config');
  return path.join(config, 'BudgetDesk');
}

function safeHome(): string {
  try {
    return os.homedir();
  } catch {
    // Service accounts may have no home; the temp folder still works.
    return '';
  }
}

import { spawn } from 'node:child_process';

/** Best effort: the URL is printed anyway, so a missing opener is not an error. */
export function openInBrowser(url: string): void {
  // Our URLs only contain [A-Za-z0-9:/?=._-]; anything else would need quoting for cmd.exe.
  if (!/^http:\/\/[A-Za-z0-9:/?=._-]+$/.test(url)) return;
  let command: string;
  let args: string[];
  let verbatim = false;
  if (process.platform === 'win32') {
    // Verbatim so Node does not escape the empty window title "" that `start` expects.
    command = 'cmd.exe';
    args = ['/d', '/s', '/c', `start "" "${url}"`];
    verbatim = true;
  } else if (process.platform === 'darwin') {
    command = 'open';
    args = [url];
  } else {
    if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return;
    command = 'xdg-open';
    args = [url];
  }
  try {
    const child = spawn(command, args, { detached: true, stdio: 'ignore', windowsHide: true, windowsVerbatimArguments: verbatim });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // No opener installed: the printed URL is the fallback.
  }
}

import type { Session, WebContents, WebPreferences } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../host/security-headers.js';
import { isAppUrl } from './app-url.js';

/**
 * The renderer is treated as untrusted: it only ever shows our own bundled files, can reach the core
 * solely through the one preload `invoke`, and cannot navigate, open windows, load remote content
 * or obtain device permissions. Kept free of runtime electron imports so tests can drive it with fakes.
 */

export function windowWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInSubFrames: false,
    nodeIntegrationInWorker: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
  };
}

/** Our own pages, DevTools (development), and inline data: images/fonts the CSP already permits. */
export function isAllowedRequestUrl(url: string): boolean {
  return isAppUrl(url) || url.startsWith('devtools://') || url.startsWith('data:');
}

const CLIPBOARD_WRITE = 'clipboard-sanitized-write';

export function hardenSession(session: Session): void {
  // Writing plain text to the clipboard (the grid's 复制 menu) is the one capability the app needs.
  session.setPermissionRequestHandler((_contents, permission, callback) => callback(permission === CLIPBOARD_WRITE));
  session.setPermissionCheckHandler((_contents, permission) => permission === CLIPBOARD_WRITE);
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedRequestUrl(details.url) }));
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      // Drop any policy a response brought along: ours is the only one that applies.
      if (name.toLowerCase() !== 'content-security-policy') headers[name] = value;
    }
    headers['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
    callback({ responseHeaders: headers });
  });
}

export function hardenContents(contents: WebContents): void {
  const keepInApp = (event: { url: string; preventDefault(): void }): void => {
    if (!isAppUrl(event.url)) event.preventDefault();
  };
  contents.on('will-navigate', keepInApp);
  contents.on('will-redirect', keepInApp);
  contents.on('will-frame-navigate', keepInApp);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

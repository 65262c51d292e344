import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { IpcMainInvokeEvent, Session, WebContents } from 'electron';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC_CHANNEL } from '../../shared/api/bridge.js';
import { CONTENT_SECURITY_POLICY } from '../../electron/host/security-headers.js';
import { appProtocolResponse, registerAppScheme } from '../../electron/main/app-protocol.js';
import { isAppUrl } from '../../electron/main/app-url.js';
import { handleInvoke, registerIpc } from '../../electron/main/ipc.js';
import { menuTemplate } from '../../electron/main/menu.js';
import { hardenContents, hardenSession, windowWebPreferences } from '../../electron/main/security.js';
import { workbookHash, workbookPathFromArgv } from '../../electron/main/workbook-args.js';

// The electron package here has no binary (and importing it outside Electron throws), so fake it.
const fakes = vi.hoisted(() => ({
  exposeInMainWorld: vi.fn(),
  invoke: vi.fn(async (..._args: unknown[]) => ({ ok: true, value: 'pong' })),
}));
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: fakes.exposeInMainWorld },
  ipcRenderer: { invoke: fakes.invoke, send: vi.fn(), on: vi.fn() },
}));

type Listener = (...args: unknown[]) => void;

function fakeContents() {
  const listeners = new Map<string, Listener[]>();
  let openHandler: ((details: { url: string }) => unknown) | undefined;
  const contents = {
    on(event: string, listener: Listener) {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
      return contents;
    },
    setWindowOpenHandler(handler: (details: { url: string }) => unknown) {
      openHandler = handler;
    },
  };
  const emit = (event: string, url?: string) => {
    const e = { url, preventDefault: vi.fn() };
    const all = listeners.get(event) ?? [];
    expect(all.length, `listener for ${event}`).toBeGreaterThan(0);
    for (const l of all) l(e, url);
    return e.preventDefault;
  };
  return { contents: contents as unknown as WebContents, emit, open: (url: string) => openHandler?.({ url }) };
}

function fakeSession() {
  const captured: {
    request?: (wc: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void;
    check?: (...args: unknown[]) => boolean;
    device?: (...args: unknown[]) => boolean;
    beforeRequest?: (details: { url: string }, callback: (r: { cancel?: boolean }) => void) => void;
    headers?: (
      details: { url: string; responseHeaders?: Record<string, string[]> },
      callback: (r: { responseHeaders?: Record<string, string | string[]> }) => void,
    ) => void;
  } = {};
  const session = {
    setPermissionRequestHandler: (h: typeof captured.request) => (captured.request = h),
    setPermissionCheckHandler: (h: typeof captured.check) => (captured.check = h),
    setDevicePermissionHandler: (h: typeof captured.device) => (captured.device = h),
    webRequest: {
      onBeforeRequest: (h: typeof captured.beforeRequest) => (captured.beforeRequest = h),
      onHeadersReceived: (h: typeof captured.headers) => (captured.headers = h),
    },
  };
  return { session: session as unknown as Session, captured };
}

describe('window web preferences', () => {
  it('isolates and sandboxes the renderer', () => {
    const prefs = windowWebPreferences('/app/dist/electron/preload.cjs');
    expect(prefs).toMatchObject({
      preload: '/app/dist/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    });
  });
});

describe('hardenContents', () => {
  it('denies window.open', () => {
    const { contents, open } = fakeContents();
    hardenContents(contents);
    expect(open('https://example.com')).toEqual({ action: 'deny' });
    expect(open('app://budgetdesk/')).toEqual({ action: 'deny' });
  });

  it('prevents navigation and redirects away from the app', () => {
    const { contents, emit } = fakeContents();
    hardenContents(contents);
    for (const event of ['will-navigate', 'will-redirect', 'will-frame-navigate']) {
      expect(emit(event, 'https://example.com')).toHaveBeenCalled();
      expect(emit(event, 'file:///etc/passwd')).toHaveBeenCalled();
      expect(emit(event, 'app://evil/')).toHaveBeenCalled();
      expect(emit(event, 'app://budgetdesk@evil/')).toHaveBeenCalled();
      expect(emit(event, 'http://127.0.0.1:1234/')).toHaveBeenCalled();
      expect(emit(event, 'app://budgetdesk/index.html')).not.toHaveBeenCalled();
    }
  });

  it('prevents attaching webviews', () => {
    const { contents, emit } = fakeContents();
    hardenContents(contents);
    expect(emit('will-attach-webview')).toHaveBeenCalled();
  });
});

describe('hardenSession', () => {
  it('denies every permission request and check except writing text to the clipboard', () => {
    const { session, captured } = fakeSession();
    hardenSession(session);
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read']) {
      const callback = vi.fn();
      captured.request?.({}, permission, callback, {});
      expect(callback).toHaveBeenCalledWith(false);
      expect(captured.check?.({}, permission, 'app://budgetdesk', {})).toBe(false);
    }
    expect(captured.device?.({ deviceType: 'usb' })).toBe(false);
    const callback = vi.fn();
    captured.request?.({}, 'clipboard-sanitized-write', callback, {});
    expect(callback).toHaveBeenCalledWith(true);
  });

  it('cancels requests that are not for the app', () => {
    const { session, captured } = fakeSession();
    hardenSession(session);
    const decide = (url: string) => {
      const callback = vi.fn();
      captured.beforeRequest?.({ url }, callback);
      expect(callback).toHaveBeenCalledTimes(1);
      return callback.mock.calls[0]?.[0] as { cancel?: boolean };
    };
    expect(decide('https://example.com/x.js').cancel).toBe(true);
    expect(decide('http://127.0.0.1:8080/api/app.info').cancel).toBe(true);
    expect(decide('file:///etc/passwd').cancel).toBe(true);
    expect(decide('ws://example.com/').cancel).toBe(true);
    expect(decide('app://other/').cancel).toBe(true);
    expect(decide('app://budgetdesk/assets/index.js').cancel).toBe(false);
    expect(decide('app://budgetdesk/').cancel).toBe(false);
    expect(decide('devtools://devtools/bundled/inspector.html').cancel).toBe(false);
  });

  it('sets our CSP on responses, replacing any other', () => {
    const { session, captured } = fakeSession();
    hardenSession(session);
    const callback = vi.fn();
    captured.headers?.(
      { url: 'app://budgetdesk/', responseHeaders: { 'content-security-policy': ["default-src *"], 'Content-Type': ['text/html'] } },
      callback,
    );
    const headers = (callback.mock.calls[0]?.[0] as { responseHeaders: Record<string, string[]> }).responseHeaders;
    expect(headers['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(headers['content-security-policy']).toBeUndefined();
    expect(headers['Content-Type']).toEqual(['text/html']);
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
  });
});

describe('preload', () => {
  it('exposes only host and invoke, and invoke only relays to the one channel', async () => {
    await import('../../electron/main/preload.js');
    expect(fakes.exposeInMainWorld).toHaveBeenCalledTimes(1);
    const [name, api] = fakes.exposeInMainWorld.mock.calls[0] as [string, Record<string, unknown>];
    expect(name).toBe('budgetdesk');
    expect(Object.keys(api).sort()).toEqual(['host', 'invoke']);
    expect(api.host).toBe('electron');
    const invoke = api.invoke as (m: string, i: unknown) => Promise<unknown>;
    await expect(invoke('app.info', {})).resolves.toEqual({ ok: true, value: 'pong' });
    expect(fakes.invoke).toHaveBeenCalledWith(IPC_CHANNEL, 'app.info', {});
  });
});

describe('IPC relay', () => {
  const frame = (url: string, parent: unknown = null) => ({ senderFrame: { url, parent } }) as unknown as IpcMainInvokeEvent;

  it('relays calls from our own top-level page to the core', async () => {
    const core = { call: vi.fn(async () => ({ ok: true as const, value: 1 })) };
    await expect(handleInvoke(core, frame('app://budgetdesk/#/library'), 'app.info', {})).resolves.toEqual({ ok: true, value: 1 });
    expect(core.call).toHaveBeenCalledWith('app.info', {});
  });

  it('refuses senders that are not our app page', async () => {
    const core = { call: vi.fn() };
    for (const event of [
      frame('https://example.com/'),
      frame('file:///tmp/x.html'),
      frame('app://evil/'),
      frame('app://budgetdesk/', { url: 'app://budgetdesk/' }),
      { senderFrame: null } as unknown as IpcMainInvokeEvent,
    ]) {
      const result = await handleInvoke(core, event, 'library.list', {});
      expect(result).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    }
    expect(core.call).not.toHaveBeenCalled();
  });

  it('answers a non-string method with an error value', async () => {
    const core = { call: vi.fn() };
    expect(await handleInvoke(core, frame('app://budgetdesk/'), { evil: true }, {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    expect(core.call).not.toHaveBeenCalled();
  });

  it('registers exactly the bridge channel', () => {
    const handle = vi.fn();
    registerIpc({ handle }, { call: vi.fn() });
    expect(handle).toHaveBeenCalledTimes(1);
    expect(handle.mock.calls[0]?.[0]).toBe(IPC_CHANNEL);
  });
});

describe('app:// protocol', () => {
  let tmp: string;
  let rootDir: string;
  beforeAll(() => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'budgetdesk-proto-'));
    rootDir = path.join(tmp, 'renderer');
    mkdirSync(path.join(rootDir, 'assets'), { recursive: true });
    writeFileSync(path.join(rootDir, 'index.html'), '<!doctype html><title>预算编报台</title>');
    writeFileSync(path.join(rootDir, 'assets', 'index.js'), 'export {};');
    writeFileSync(path.join(tmp, 'secret.txt'), 'SECRET');
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('registers app as a privileged standard, secure scheme', () => {
    const registerSchemesAsPrivileged = vi.fn();
    registerAppScheme({ registerSchemesAsPrivileged });
    expect(registerSchemesAsPrivileged.mock.calls[0]?.[0]).toEqual([
      expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }),
    ]);
  });

  it('serves the renderer with CSP and MIME types', async () => {
    const page = await appProtocolResponse('GET', 'app://budgetdesk/', rootDir);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toContain('预算编报台');
    const script = await appProtocolResponse('GET', 'app://budgetdesk/assets/index.js', rootDir);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('refuses traversal, other hosts and writes', async () => {
    for (const url of ['app://budgetdesk/%2e%2e%2fsecret.txt', 'app://budgetdesk/..%5csecret.txt', 'app://budgetdesk/%00', 'app://budgetdesk//etc/passwd']) {
      const res = await appProtocolResponse('GET', url, rootDir);
      expect([403, 404], url).toContain(res.status);
      expect(await res.text()).not.toContain('SECRET');
    }
    // The URL parser already folds plain '..' away; it must still end inside the root.
    expect((await appProtocolResponse('GET', 'app://budgetdesk/../secret.txt', rootDir)).status).toBe(404);
    expect((await appProtocolResponse('GET', 'app://evil/index.html', rootDir)).status).toBe(404);
    expect((await appProtocolResponse('POST', 'app://budgetdesk/', rootDir)).status).toBe(405);
  });
});

describe('shell helpers', () => {
  it('recognises only our app origin', () => {
    expect(isAppUrl('app://budgetdesk/')).toBe(true);
    expect(isAppUrl('app://budgetdesk/#/wb?path=x')).toBe(true);
    expect(isAppUrl('app://budgetdesk:8080/')).toBe(false);
    expect(isAppUrl('app://user:pw@budgetdesk/')).toBe(false);
    expect(isAppUrl('https://budgetdesk/')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
    expect(isAppUrl(undefined)).toBe(false);
  });

  it('finds the workbook a launch asks for, ignoring switches', () => {
    expect(workbookPathFromArgv(['/opt/budgetdesk/budgetdesk', '--no-sandbox', 'a/预算.BDWB'], '/home/u')).toBe(path.resolve('/home/u', 'a/预算.BDWB'));
    expect(workbookPathFromArgv(['electron', '.', '--inspect'], '/home/u')).toBeNull();
    expect(workbookPathFromArgv(['x.bdwb'], '/home/u')).toBeNull();
    expect(workbookHash('/home/u/部门 预算.bdwb')).toBe(`#/wb?path=${encodeURIComponent('/home/u/部门 预算.bdwb')}`);
  });

  it('builds a Chinese menu without native undo', () => {
    const template = menuTemplate({ openWorkbook: vi.fn(), about: vi.fn(), developer: false });
    expect(template.map((m) => m.label)).toEqual(['文件', '编辑', '视图', '帮助']);
    const roles = JSON.stringify(template);
    expect(roles).not.toContain('"undo"');
    expect(roles).not.toContain('toggleDevTools');
    expect(JSON.stringify(menuTemplate({ openWorkbook: vi.fn(), about: vi.fn(), developer: true }))).toContain('toggleDevTools');
  });
});

import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Core } from '../../electron/core/core.js';
import { defaultDataDir } from '../../electron/core/data-dir.js';
import { parseHostArgs } from '../../electron/host/host-options.js';
import { startLocalHost, type LocalHost } from '../../electron/host/server.js';

const SECRET = 'TOP-SECRET-不应泄露-4711';
const MAX_BODY = 4096;

let tmp: string;
let core: Core;
let host: LocalHost;

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** node:http keeps the path byte-for-byte; fetch() would normalise the '..' segments away. */
function raw(options: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer; chunked?: Buffer[] }): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: host.port, method: options.method ?? 'GET', path: options.path, headers: options.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    if (options.chunked) {
      for (const c of options.chunked) req.write(c);
      req.end();
    } else {
      req.end(options.body);
    }
  });
}

function api(method: string, input: unknown, headers: Record<string, string> = {}): Promise<RawResponse> {
  return raw({
    method: 'POST',
    path: `/api/${method}`,
    headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(input),
  });
}

const json = (r: RawResponse) => JSON.parse(r.body) as { ok: boolean; value?: Record<string, unknown>; error?: { code: string; message: string } };

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'budgetdesk-host-'));
  const rootDir = path.join(tmp, 'root');
  mkdirSync(path.join(rootDir, 'assets'), { recursive: true });
  writeFileSync(path.join(rootDir, 'index.html'), '<!doctype html><html><head><title>预算编报台</title></head><body></body></html>');
  writeFileSync(path.join(rootDir, 'assets', 'app.js'), 'console.log("app");');
  writeFileSync(path.join(rootDir, 'assets', 'app.css'), 'body{}');
  writeFileSync(path.join(tmp, 'secret.txt'), SECRET);
  if (process.platform !== 'win32') symlinkSync(path.join(tmp, 'secret.txt'), path.join(rootDir, 'assets', 'link.txt'));
  core = new Core({ dataDir: path.join(tmp, 'data'), host: 'test' });
  host = await startLocalHost({ core, rootDir, maxBodyBytes: MAX_BODY });
});

afterAll(async () => {
  await host?.close();
  core?.closeAll();
  rmSync(tmp, { recursive: true, force: true });
});

describe('local host: binding', () => {
  it('listens on 127.0.0.1 only, on a random port, with a long random token', () => {
    const address = host.server.address() as AddressInfo;
    expect(address.address).toBe('127.0.0.1');
    expect(address.family).toBe('IPv4');
    expect(address.port).toBe(host.port);
    expect(host.port).toBeGreaterThan(0);
    expect(host.origin).toBe(`http://127.0.0.1:${host.port}`);
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
    expect(host.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('uses a fresh token per start', async () => {
    const other = await startLocalHost({ core, rootDir: path.join(tmp, 'root') });
    try {
      expect(other.token).not.toBe(host.token);
      expect(other.port).not.toBe(host.port);
    } finally {
      await other.close();
    }
  });
});

describe('local host: API', () => {
  it('answers app.info and round-trips library.create with the token', async () => {
    const info = await api('app.info', {});
    expect(info.status).toBe(200);
    expect(info.headers['cache-control']).toBe('no-store');
    expect(info.headers['content-type']).toMatch(/^application\/json/);
    expect(json(info)).toMatchObject({ ok: true, value: { host: 'test' } });

    const created = await api('library.create', { meta: { deptName: '测试部门', year: 2025 } });
    expect(created.status).toBe(200);
    const state = json(created);
    expect(state.ok).toBe(true);
    const file = state.value?.path as string;
    expect(file.endsWith('.bdwb')).toBe(true);

    const list = json(await api('library.list', {}));
    expect(list.ok).toBe(true);
    const workbooks = (list.value?.workbooks ?? []) as { path: string; meta: { deptName: string } }[];
    expect(workbooks.map((w) => w.path)).toContain(file);
    expect(workbooks.find((w) => w.path === file)?.meta.deptName).toBe('测试部门');

    const opened = json(await api('workbook.open', { path: file }));
    expect(opened).toMatchObject({ ok: true, value: { path: file, meta: { year: 2025 } } });
  });

  it('works through fetch too (as the browser client calls it)', async () => {
    const res = await fetch(`${host.origin}/api/app.info`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json', Origin: host.origin },
      body: '{}',
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true });
  });

  it('rejects a missing token with 401 UNAUTHORIZED', async () => {
    const res = await raw({ method: 'POST', path: '/api/app.info', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(401);
    expect(json(res)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
  });

  it('rejects a wrong token, another scheme, and the token without its scheme', async () => {
    for (const authorization of [`Bearer ${host.token}x`, `Bearer ${host.token.slice(0, -1)}`, `Basic ${host.token}`, host.token, 'Bearer ']) {
      const res = await api('app.info', {}, { Authorization: authorization });
      expect(res.status, authorization).toBe(401);
      expect(json(res).error?.code).toBe('UNAUTHORIZED');
    }
  });

  it('does not run the method without the token', async () => {
    const before = (json(await api('library.list', {})).value?.workbooks as unknown[]).length;
    const res = await raw({
      method: 'POST',
      path: '/api/library.create',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ meta: { deptName: '未授权', year: 2025 } }),
    });
    expect(res.status).toBe(401);
    expect((json(await api('library.list', {})).value?.workbooks as unknown[]).length).toBe(before);
  });

  it('returns invalid input as a VALIDATION error value', async () => {
    const res = await api('library.create', { meta: { deptName: '', year: 'next' } });
    expect(res.status).toBe(200);
    const body = json(res);
    expect(body.ok).toBe(false);
    expect(body.error?.code).toBe('VALIDATION');
    expect(body.error?.message).toMatch(/输入不符合要求/);
  });

  it('returns UNKNOWN_METHOD for methods the contract does not have', async () => {
    expect(json(await api('fs.readFile', {})).error?.code).toBe('UNKNOWN_METHOD');
    const odd = await api('..%2f..%2fetc', {});
    expect(odd.status).toBe(404);
    expect(json(odd).error?.code).toBe('UNKNOWN_METHOD');
  });

  it('rejects malformed JSON with 400', async () => {
    const res = await raw({
      method: 'POST',
      path: '/api/app.info',
      headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' },
      body: '{"oops":',
    });
    expect(res.status).toBe(400);
    expect(json(res)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('rejects a non-JSON content type with 415', async () => {
    const res = await raw({
      method: 'POST',
      path: '/api/app.info',
      headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'text/plain' },
      body: '{}',
    });
    expect(res.status).toBe(415);
    expect(json(res).ok).toBe(false);
  });

  it('rejects an oversized body with 413, declared or streamed', async () => {
    const big = JSON.stringify({ pad: 'x'.repeat(MAX_BODY) });
    const declared = await api('app.info', JSON.parse(big));
    expect(declared.status).toBe(413);
    expect(json(declared)).toMatchObject({ ok: false, error: { code: 'FILE_TOO_LARGE' } });

    const streamed = await raw({
      method: 'POST',
      path: '/api/app.info',
      headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' },
      chunked: [Buffer.from('{"pad":"'), Buffer.alloc(MAX_BODY, 'y'), Buffer.from('"}')],
    });
    expect(streamed.status).toBe(413);
    expect(json(streamed).error?.code).toBe('FILE_TOO_LARGE');
  });

  it('only accepts POST for API calls', async () => {
    const res = await raw({ path: '/api/app.info', headers: { Authorization: `Bearer ${host.token}` } });
    expect(res.status).toBe(405);
    expect(json(res).ok).toBe(false);
  });
});

describe('local host: Host and Origin checks', () => {
  it('refuses a foreign Origin', async () => {
    const res = await api('app.info', {}, { Origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect(json(res).ok).toBe(false);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    for (const origin of ['null', `http://127.0.0.1:${host.port + 1}`, `https://127.0.0.1:${host.port}`, `http://127.0.0.1:${host.port}.evil.example`]) {
      expect((await api('app.info', {}, { Origin: origin })).status, origin).toBe(403);
    }
  });

  it('accepts its own origins', async () => {
    expect((await api('app.info', {}, { Origin: `http://127.0.0.1:${host.port}` })).status).toBe(200);
    expect((await api('app.info', {}, { Origin: `http://localhost:${host.port}` })).status).toBe(200);
  });

  it('refuses a foreign Host header (DNS rebinding), even with the token', async () => {
    for (const h of ['evil.example', `evil.example:${host.port}`, '127.0.0.1', `127.0.0.1:${host.port + 1}`, `0.0.0.0:${host.port}`]) {
      const res = await api('app.info', {}, { Host: h });
      expect(res.status, h).toBe(403);
      const page = await raw({ path: '/', headers: { Host: h } });
      expect(page.status, h).toBe(403);
      expect(page.body).not.toContain('<title>');
    }
    expect((await raw({ path: '/', headers: { Host: `localhost:${host.port}` } })).status).toBe(200);
  });

  it('refuses absolute-form request targets', async () => {
    const res = await raw({ path: `http://evil.example/` });
    expect(res.status).toBe(400);
  });
});

describe('local host: static files', () => {
  it('serves index.html for / with the right type and headers', async () => {
    const res = await raw({ path: '/?token=abc' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.body).toContain('<title>预算编报台</title>');
  });

  it('serves assets with correct MIME types and HEAD without a body', async () => {
    const js = await raw({ path: '/assets/app.js' });
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await raw({ path: '/assets/app.css' })).headers['content-type']).toBe('text/css; charset=utf-8');
    const head = await raw({ method: 'HEAD', path: '/assets/app.js' });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect(Number(head.headers['content-length'])).toBeGreaterThan(0);
  });

  it('answers 404 for unknown paths (no SPA fallback)', async () => {
    expect((await raw({ path: '/nope.html' })).status).toBe(404);
    expect((await raw({ path: '/wb/some/route' })).status).toBe(404);
    expect((await raw({ path: '/index.html' })).status).toBe(200);
  });

  it('refuses path traversal without leaking the file outside the root', async () => {
    const attempts = [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2E%2E/secret.txt',
      '/..%2fsecret.txt',
      '/..%2Fsecret.txt',
      '/assets/../../secret.txt',
      '/assets/%2e%2e/%2e%2e/secret.txt',
      '/%5c..%5csecret.txt',
      '/..%5csecret.txt',
      '/assets\\..\\..\\secret.txt',
      '/%00',
      '/index.html%00.txt',
      '/..%00/secret.txt',
      '//etc/passwd',
      '/%2f..%2fsecret.txt',
      '/C:/Windows/win.ini',
      '/index.html::$DATA',
      '/%252e%252e/secret.txt',
      '/%E0%A4%A',
      ...(process.platform !== 'win32' ? ['/assets/link.txt'] : []),
    ];
    for (const p of attempts) {
      const res = await raw({ path: p });
      expect([400, 403, 404], p).toContain(res.status);
      expect(res.body, p).not.toContain(SECRET);
    }
    expect((await raw({ path: '/../secret.txt' })).status).toBe(403);
    if (process.platform !== 'win32') expect((await raw({ path: '/assets/link.txt' })).status).toBe(403);
  });

  it('refuses writes to static paths', async () => {
    expect((await raw({ method: 'POST', path: '/index.html', body: 'x' })).status).toBe(405);
    expect((await raw({ method: 'PUT', path: '/index.html', body: 'x' })).status).toBe(405);
  });
});

describe('local host: security headers', () => {
  const check = (res: RawResponse) => {
    const csp = String(res.headers['content-security-policy']);
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data:",
      "font-src 'self' data:",
      "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors 'none'",
    ]) {
      expect(csp).toContain(directive);
    }
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-frame-options']).toBe('DENY');
    for (const name of Object.keys(res.headers)) expect(name.startsWith('access-control-')).toBe(false);
  };

  it('sets them on pages, assets, API answers and errors', async () => {
    check(await raw({ path: '/' }));
    check(await raw({ path: '/assets/app.js' }));
    check(await raw({ path: '/missing' }));
    check(await raw({ path: '/../secret.txt' }));
    check(await api('app.info', {}));
    check(await api('app.info', {}, { Authorization: 'Bearer nope' }));
    check(await raw({ path: '/', headers: { Host: 'evil.example' } }));
  });

  it('never answers a CORS preflight', async () => {
    const res = await raw({
      method: 'OPTIONS',
      path: '/api/app.info',
      headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' },
    });
    expect(res.status).toBe(403);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('local host: command line', () => {
  it('parses the documented flags', () => {
    const o = parseHostArgs(['--data-dir', 'd', '--port=8123', '--no-open', '--root', 'r'], { rootDir: '/x', env: {} });
    expect(o).toEqual({ dataDir: path.resolve('d'), port: 8123, open: false, rootDir: path.resolve('r') });
    expect(parseHostArgs([], { rootDir: '/x', env: {} })).toMatchObject({ port: 0, open: true, rootDir: '/x' });
  });

  it('rejects bad input with a Chinese message', () => {
    expect(() => parseHostArgs(['--port', 'abc'], { rootDir: '/x' })).toThrow(/端口号无效/);
    expect(() => parseHostArgs(['--port', '70000'], { rootDir: '/x' })).toThrow(/端口号无效/);
    expect(() => parseHostArgs(['--data-dir'], { rootDir: '/x' })).toThrow(/缺少取值/);
    expect(() => parseHostArgs(['--bogus'], { rootDir: '/x' })).toThrow(/无法识别的参数/);
  });

  it('picks one data folder for app, host and CLI: the environment, else the platform app-data folder', () => {
    expect(defaultDataDir({ BUDGETDESK_DATA_DIR: '/data/bd' }, 'linux', '/home/u')).toBe(path.resolve('/data/bd'));
    expect(defaultDataDir({}, 'linux', '/home/u')).toBe(path.join('/home/u', '.config', 'BudgetDesk'));
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/xdg' }, 'linux', '/home/u')).toBe(path.join('/xdg', 'BudgetDesk'));
    expect(defaultDataDir({ APPDATA: 'C:/Users/u/AppData/Roaming' }, 'win32', 'C:/Users/u')).toBe(path.join('C:/Users/u/AppData/Roaming', 'BudgetDesk'));
    expect(defaultDataDir({}, 'darwin', '/Users/u')).toBe(path.join('/Users/u', 'Library', 'Application Support', 'BudgetDesk'));
    expect(defaultDataDir({}, 'linux', '')).toBe(path.join(os.tmpdir(), 'BudgetDesk'));
  });
});

import { promises as fsp } from 'node:fs';
import type { Protocol } from 'electron';
import { SECURITY_HEADERS } from '../host/security-headers.js';
import { resolveStaticFile } from '../host/static-files.js';
import { APP_SCHEME, isAppUrl } from './app-url.js';

/** Must run before `app.ready`: Chromium fixes scheme privileges at startup. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      // standard + secure give the page a proper origin and a secure context; fetch/CORS support lets
      // module scripts (`<script type="module" crossorigin>`) load from it.
      privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true },
    },
  ]);
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });
}

/** The response for one app:// request: a file from the renderer build, never anything outside it. */
export async function appProtocolResponse(method: string, requestUrl: string, rootDir: string): Promise<Response> {
  if (method !== 'GET' && method !== 'HEAD') return plain(405, '不支持的请求方法');
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return plain(400, '请求地址无效');
  }
  if (!isAppUrl(url)) return plain(404, '未找到');
  const found = await resolveStaticFile(rootDir, url.pathname);
  if (found.kind === 'forbidden') return plain(403, '禁止访问');
  if (found.kind === 'not-found') return plain(404, '未找到');
  const body = method === 'HEAD' ? null : new Uint8Array(await fsp.readFile(found.filePath));
  return new Response(body, {
    status: 200,
    headers: { ...SECURITY_HEADERS, 'Content-Type': found.contentType, 'Cache-Control': 'no-cache' },
  });
}

export function serveAppProtocol(protocol: Pick<Protocol, 'handle'>, rootDir: string): void {
  protocol.handle(APP_SCHEME, (request) => appProtocolResponse(request.method, request.url, rootDir));
}

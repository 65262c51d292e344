import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { makeError } from '../../shared/api/errors-zh.js';
import type { ErrorCode, Result } from '../../shared/api/result.js';
import type { Core } from '../core/core.js';
import { SECURITY_HEADERS } from './security-headers.js';
import { resolveStaticFile } from './static-files.js';

/**
 * The local host: the same app as the Electron shell, served to a browser on 127.0.0.1 when Electron
 * cannot run. Anything else on the machine can reach a loopback port, so every API call needs the
 * per-launch token, and Host/Origin checks stop web pages (DNS rebinding, cross-site POSTs) from using it.
 */
export interface LocalHostOptions {
  core: Pick<Core, 'call'>;
  rootDir: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  token?: string;
  maxBodyBytes?: number;
}

export interface LocalHost {
  url: string;
  origin: string;
  port: number;
  token: string;
  server: http.Server;
  close(): Promise<void>;
}

const LOOPBACK = '127.0.0.1';
const DEFAULT_MAX_BODY = 64 * 1024 * 1024;
const METHOD_NAME = /^[A-Za-z0-9._-]{1,80}$/;

const sha256 = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

export async function startLocalHost(options: LocalHostOptions): Promise<LocalHost> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  if (token.length < 16) throw new Error('token too short');
  const tokenDigest = sha256(token);
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  // Filled in once listening: the allowed Host/Origin values depend on the port actually bound.
  const allowedHosts = new Set<string>();
  const allowedOrigins = new Set<string>();

  const tokenMatches = (header: string | undefined): boolean => {
    if (!header?.startsWith('Bearer ')) return false;
    // Comparing fixed-length digests keeps the comparison constant-time whatever the caller sends.
    return timingSafeEqual(sha256(header.slice('Bearer '.length).trim()), tokenDigest);
  };

  const handleApi = async (req: http.IncomingMessage, res: http.ServerResponse, method: string): Promise<void> => {
    if (!tokenMatches(req.headers.authorization)) return sendError(res, 401, 'UNAUTHORIZED');
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      return sendError(res, 405, 'VALIDATION', { issue: '接口只接受 POST 请求' });
    }
    if (!METHOD_NAME.test(method)) return sendError(res, 404, 'UNKNOWN_METHOD', { method: method.slice(0, 80) });
    const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/json') return sendError(res, 415, 'VALIDATION', { issue: '请求内容类型必须为 application/json' });
    const body = await readBody(req, maxBody);
    if (!Buffer.isBuffer(body)) {
      res.setHeader('Connection', 'close');
      return sendError(res, 413, 'FILE_TOO_LARGE', { size: describeSize(body.tooLarge), limit: describeSize(maxBody) });
    }
    let input: unknown;
    if (body.length > 0) {
      try {
        input = JSON.parse(body.toString('utf8'));
      } catch {
        return sendError(res, 400, 'VALIDATION', { issue: '请求内容不是有效的 JSON' });
      }
    }
    let result: Result<unknown>;
    try {
      result = await options.core.call(method, input);
    } catch (err) {
      // The core promises never to throw; if it does anyway the browser still gets a value, not a hang.
      return sendError(res, 500, 'INTERNAL', { reason: err instanceof Error ? err.message : String(err) });
    }
    sendResult(res, 200, result);
  };

  const handleStatic = async (req: http.IncomingMessage, res: http.ServerResponse, encodedPath: string): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return sendText(res, 405, '不支持的请求方法');
    }
    const found = await resolveStaticFile(options.rootDir, encodedPath);
    if (found.kind === 'forbidden') return sendText(res, 403, '禁止访问');
    if (found.kind === 'not-found') return sendText(res, 404, '未找到');
    res.writeHead(200, { 'Content-Type': found.contentType, 'Content-Length': found.size, 'Cache-Control': 'no-cache' });
    if (req.method === 'HEAD') return void res.end();
    const stream = createReadStream(found.filePath);
    stream.on('error', () => res.destroy());
    stream.pipe(res);
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    if (!allowedHosts.has(req.headers.host ?? '')) return sendError(res, 403, 'UNAUTHORIZED');
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins.has(origin)) return sendError(res, 403, 'UNAUTHORIZED');
    const target = req.url ?? '';
    // Only origin-form targets ("/path?query"); absolute-form would let the target name another host.
    if (!target.startsWith('/')) return sendText(res, 400, '请求地址无效');
    const end = target.search(/[?#]/);
    const encodedPath = end === -1 ? target : target.slice(0, end);
    if (encodedPath.startsWith('/api/')) return handleApi(req, res, encodedPath.slice('/api/'.length));
    return handleStatic(req, res, encodedPath);
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) sendError(res, 500, 'INTERNAL', { reason: err instanceof Error ? err.message : String(err) });
      else res.destroy();
    });
  });
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: options.port ?? 0, host: LOOPBACK, exclusive: true }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  for (const host of [`${LOOPBACK}:${port}`, `localhost:${port}`]) {
    allowedHosts.add(host);
    allowedOrigins.add(`http://${host}`);
  }
  const origin = `http://${LOOPBACK}:${port}`;

  return {
    url: `${origin}/?token=${token}`,
    origin,
    port,
    token,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The body, or the size seen so far as soon as it passes the limit (declared or streamed). */
function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer | { tooLarge: number }> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve({ tooLarge: declared });
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        // Keep consuming so the client can read the 413 instead of seeing a reset mid-upload.
        req.resume();
        resolve({ tooLarge: size });
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function describeSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

function sendResult(res: http.ServerResponse, status: number, result: Result<unknown>): void {
  const body = Buffer.from(JSON.stringify(result), 'utf8');
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': body.length,
    'Cache-Control': 'no-store',
  });
  res.end(body);
}

function sendError(res: http.ServerResponse, status: number, code: ErrorCode, details?: Record<string, unknown>): void {
  sendResult(res, status, { ok: false, error: makeError(code, details) });
}

function sendText(res: http.ServerResponse, status: number, text: string): void {
  const body = Buffer.from(text, 'utf8');
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': body.length, 'Cache-Control': 'no-store' });
  res.end(body);
}

import { promises as fsp } from 'node:fs';
import path from 'node:path';

/**
 * Maps a request path onto a file under the renderer's build folder. Shared by the local HTTP host and
 * the Electron app:// protocol so both refuse exactly the same escapes.
 */
export type StaticLookup =
  | { kind: 'file'; filePath: string; contentType: string; size: number }
  | { kind: 'forbidden' }
  | { kind: 'not-found' };

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
};

export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The root-relative file a still-encoded URL path names, or null when the path tries to leave the root
 * or smuggle something the file system would interpret (NUL, backslashes, drive letters, NTFS streams).
 * Decodes exactly once: a double-encoded "%252e%252e" stays a literal (and absent) file name.
 */
export function staticRelativePath(encodedPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(encodedPath);
  } catch {
    return null;
  }
  if (decoded === '/' || decoded === '') return 'index.html';
  if (!decoded.startsWith('/')) return null;
  // Control characters (NUL first of all) never name a file we ship.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(decoded)) return null;
  const segments = decoded.slice(1).split('/');
  for (const segment of segments) {
    // Empty segments would turn "//etc/passwd" into an absolute path; ':' covers "C:" and "file::$DATA".
    if (segment === '' || segment === '.' || segment === '..' || segment.includes(':')) return null;
  }
  return segments.join('/');
}

function isInside(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
}

export async function resolveStaticFile(rootDir: string, encodedPath: string): Promise<StaticLookup> {
  const rel = staticRelativePath(encodedPath);
  if (rel === null) return { kind: 'forbidden' };
  let realRoot: string;
  try {
    realRoot = await fsp.realpath(rootDir);
  } catch {
    return { kind: 'not-found' };
  }
  const candidate = path.resolve(realRoot, rel);
  if (!isInside(realRoot, candidate)) return { kind: 'forbidden' };
  let realFile: string;
  try {
    realFile = await fsp.realpath(candidate);
  } catch {
    return { kind: 'not-found' };
  }
  // A symlink inside the root must not lead outside it.
  if (!isInside(realRoot, realFile)) return { kind: 'forbidden' };
  try {
    const stat = await fsp.stat(realFile);
    if (!stat.isFile()) return { kind: 'not-found' };
    return { kind: 'file', filePath: realFile, contentType: contentTypeFor(rel), size: stat.size };
  } catch {
    return { kind: 'not-found' };
  }
}

import { statSync } from 'node:fs';
import { CoreError } from './errors.js';

/**
 * Who may use an open workbook. Between processes the exclusive SQLite lock decides (the OS drops
 * it when a process dies); inside one process, several windows share one Core, so each window
 * names itself with a clientId and holds a lease that it renews while alive.
 */
export const LEASE_MS = 30_000;

interface Lease {
  clientId: string;
  expires: number;
}

export class Leases {
  private readonly held = new Map<string, Lease>();

  constructor(
    private readonly now: () => number = Date.now,
    readonly ttlMs: number = LEASE_MS,
  ) {}

  /** Takes or renews the lease; another window's fresh lease wins, a crashed window's lapses. */
  claim(key: string, clientId: string): void {
    const lease = this.held.get(key);
    const now = this.now();
    if (lease && lease.clientId !== clientId && lease.expires > now) throw new CoreError('WORKBOOK_IN_USE', { path: key });
    this.held.set(key, { clientId, expires: now + this.ttlMs });
  }

  /** True when `clientId` held the lease (only the holder can give it up). */
  release(key: string, clientId: string): boolean {
    if (this.held.get(key)?.clientId !== clientId) return false;
    this.held.delete(key);
    return true;
  }

  holder(key: string): string | undefined {
    const lease = this.held.get(key);
    return lease && lease.expires > this.now() ? lease.clientId : undefined;
  }
}

/**
 * The file an open handle was opened on. SQLite keeps writing to an open handle after the file was
 * moved, deleted or its USB stick pulled, so a commit could "succeed" into a file nobody will see.
 */
const identities = new WeakMap<object, string | null>();

function identityOf(file: string): string | null {
  try {
    const st = statSync(file);
    return `${st.dev}:${st.ino}`;
  } catch {
    return null;
  }
}

export function rememberFile(handle: { path: string }): void {
  identities.set(handle, identityOf(handle.path));
}

/** Throws IO_ERROR when the path no longer leads to the file this handle has open. */
export function assertFileInPlace(handle: { path: string }): void {
  const known = identities.get(handle);
  if (known === undefined) return;
  if (known === null || identityOf(handle.path) !== known) {
    throw new CoreError('IO_ERROR', { path: handle.path, reason: '工作簿文件已被移走、删除，或U盘已拔出' });
  }
}

import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Temporary folders for tests and the bench. Plain functions (no vitest import) so the bench,
 * which runs under tsx, can use them too; see ./hooks.ts for the vitest lifecycle wrapper.
 */

/** A fresh empty folder under the OS temp dir. */
export function makeTempDir(prefix = 'budgetdesk-test-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Removes a folder made by makeTempDir; never throws (a leftover temp dir must not fail a test). */
export function removeTempDir(dir: string): void {
  try {
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  } catch {
    // ignore
  }
}

import { readFileSync, writeFileSync } from 'node:fs';

/** Byte-level helpers for "the file was not modified" assertions and for damaging files on purpose. */

export function readBytes(file: string): Buffer {
  return readFileSync(file);
}

/** True when the file on disk holds exactly `expected`. */
export function hasBytes(file: string, expected: Buffer): boolean {
  return readFileSync(file).equals(expected);
}

/** Deterministic pseudo-random bytes (xorshift32), so damaged fixtures are the same on every run. */
export function noiseBytes(length: number, seed = 0x9e3779b9): Buffer {
  const out = Buffer.alloc(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

/** Overwrites `data.length` bytes of `file` at `offset` (the rest of the file is left as it was). */
export function overwriteBytes(file: string, offset: number, data: Buffer): void {
  const bytes = readFileSync(file);
  data.copy(bytes, offset);
  writeFileSync(file, bytes);
}

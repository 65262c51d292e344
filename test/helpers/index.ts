/**
 * Shared test helpers. Import from 'test/helpers/index.js' (or the individual modules).
 * Vitest lifecycle helpers live in ./hooks.ts and are not re-exported here, so the bench
 * (plain tsx, no vitest) can import this file.
 */
export * from './core.js';
export * from './files.js';
export * from './seed000.js';
export * from './temp.js';

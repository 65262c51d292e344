import { afterEach } from 'vitest';
import { Core } from '../../electron/core/core.js';
import { makeTempDir, removeTempDir } from './temp.js';

/**
 * Vitest lifecycle wrappers. Call at the top of a describe (or file): `const temp = useTempDirs();`
 * then `temp.make()`, `temp.core()` or `temp.restart(core)` inside a test; every folder made and every Core built is closed/removed after
 * each test.
 */
export function useTempDirs(prefix?: string): { make(): string; core(dataDir?: string): Core; restart(core: Core): Core } {
  const dirs: string[] = [];
  const cores: Core[] = [];
  afterEach(() => {
    for (const c of cores.splice(0)) c.closeAll();
    for (const d of dirs.splice(0)) removeTempDir(d);
  });
  const make = (): string => {
    const dir = makeTempDir(prefix);
    dirs.push(dir);
    return dir;
  };
  const core = (dataDir?: string): Core => {
    const c = new Core({ dataDir: dataDir ?? make(), host: 'test' });
    cores.push(c);
    return c;
  };
  return {
    make,
    core,
    /** Closes every workbook of `old` and returns a new Core on its data folder: an app restart. */
    restart(old: Core): Core {
      old.closeAll();
      return core(old.options.dataDir);
    },
  };
}

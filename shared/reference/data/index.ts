import econDept2020 from './2020/econDept.json' with { type: 'json' };
import econGov2020 from './2020/econGov.json' with { type: 'json' };
import econMap2020 from './2020/econMap.json' with { type: 'json' };
import function2020 from './2020/function.json' with { type: 'json' };
import econDept2023 from './2023/econDept.json' with { type: 'json' };
import econGov2023 from './2023/econGov.json' with { type: 'json' };
import econMap2023 from './2023/econMap.json' with { type: 'json' };
import function2023 from './2023/function.json' with { type: 'json' };

/**
 * Every built-in reference file, unvalidated (../builtin.ts checks them). Static imports so the
 * renderer bundle carries the data without file access. A new year is a new folder listed here.
 */
export const builtinFiles: unknown[] = [
  function2020,
  econDept2020,
  econGov2020,
  econMap2020,
  function2023,
  econDept2023,
  econGov2023,
  econMap2023,
];

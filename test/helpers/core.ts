import { Core } from '../../electron/core/core.js';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/api/contract.js';
import type { ApiError, ErrorCode } from '../../shared/api/result.js';
import type { WorkbookMeta } from '../../shared/workbook/types.js';
import { makeTempDir } from './temp.js';

/** Thrown by callOk when the core answered with an error value; carries that value. */
export class UnexpectedApiError extends Error {
  constructor(
    readonly method: string,
    readonly error: ApiError,
  ) {
    super(`${method} failed: ${error.code} ${error.message}`);
  }
}

/** A Core for tests: host 'test', its own data folder (a new temp dir unless given). */
export function makeCore(dataDir: string = makeTempDir()): Core {
  return new Core({ dataDir, host: 'test' });
}

/** Closes every workbook of `core` and returns a new Core on the same data folder (a restart of the app). */
export function restartCore(core: Core): Core {
  core.closeAll();
  return makeCore(core.options.dataDir);
}

/** Calls a method and returns its value; throws UnexpectedApiError if the core answered with an error. */
export async function callOk<M extends MethodName>(core: Core, method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const result = await core.call(method, input);
  if (!result.ok) throw new UnexpectedApiError(method, result.error);
  return result.value as MethodOutput<M>;
}

/**
 * Calls a method expecting an error value and returns it; throws if the call succeeded or if
 * `code` is given and differs. `input` is unknown on purpose: tests send malformed inputs.
 */
export async function callErr(core: Core, method: string, input: unknown, code?: ErrorCode): Promise<ApiError> {
  const result = await core.call(method, input);
  if (result.ok) throw new Error(`${method} unexpectedly succeeded: ${JSON.stringify(result.value).slice(0, 300)}`);
  if (code !== undefined && result.error.code !== code) {
    throw new Error(`${method} failed with ${result.error.code} (${result.error.message}), expected ${code}`);
  }
  return result.error;
}

/** Meta for a test workbook; library.create fills unit code, scope and table set when left out. */
export function testMeta(patch: Partial<WorkbookMeta> = {}): Pick<WorkbookMeta, 'deptName' | 'year'> & Partial<WorkbookMeta> {
  return { deptName: '测试部门', year: 2019, ...patch };
}

/** Creates an empty workbook in the core's library and returns its path. */
export async function createWorkbook(core: Core, meta: Partial<WorkbookMeta> = {}, fileName?: string): Promise<string> {
  const input: MethodInput<'library.create'> = fileName === undefined ? { meta: testMeta(meta) } : { meta: testMeta(meta), fileName };
  const state = await callOk(core, 'library.create', input);
  return state.path;
}

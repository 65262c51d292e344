import type { MethodInput, MethodName, MethodOutput } from '../../../shared/api/contract';
import type { BudgetDeskBridge } from '../../../shared/api/bridge';
import type { ApiError, Result } from '../../../shared/api/result';
import { NETWORK_ERROR_MESSAGE } from './messages';
import { sessionToken } from './token';

declare global {
  interface Window {
    budgetdesk?: BudgetDeskBridge;
  }
}

function networkError(reason: string): ApiError {
  // There is no error code for "the host is gone"; the marker lets messages.ts say so in plain words.
  return { code: 'IO_ERROR', message: NETWORK_ERROR_MESSAGE, details: { network: true, reason } };
}

function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { ok?: unknown; error?: unknown };
  if (v.ok === true) return 'value' in v;
  return v.ok === false && typeof v.error === 'object' && v.error !== null;
}

async function viaHttp(method: string, input: unknown, keepalive: boolean): Promise<Result<unknown>> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  const token = sessionToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetch(`/api/${encodeURIComponent(method)}`, {
      method: 'POST',
      headers,
      body: JSON.stringify(input ?? {}),
      cache: 'no-store',
      credentials: 'omit',
      keepalive,
    });
  } catch (err) {
    return { ok: false, error: networkError(err instanceof Error ? err.message : String(err)) };
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    return { ok: false, error: networkError(`HTTP ${response.status}`) };
  }
  // 4xx answers carry a Result too; anything else means we are not talking to our host.
  if (!isResult(body)) return { ok: false, error: networkError(`HTTP ${response.status}`) };
  return body;
}

export async function viaBridge(bridge: BudgetDeskBridge, method: string, input: unknown): Promise<Result<unknown>> {
  try {
    const result = await bridge.invoke(method, input ?? {});
    return isResult(result) ? result : { ok: false, error: networkError('bad reply') };
  } catch (err) {
    return { ok: false, error: networkError(err instanceof Error ? err.message : String(err)) };
  }
}

/**
 * Calls one API method on whichever host runs this page. Never throws: failures come back as values.
 * `keepalive` lets a call made while the page is closing still reach the host.
 */
export async function call<M extends MethodName>(method: M, input: MethodInput<M>, options: { keepalive?: boolean } = {}): Promise<Result<MethodOutput<M>>> {
  const bridge = window.budgetdesk;
  const result = bridge ? await viaBridge(bridge, method, input) : await viaHttp(method, input, options.keepalive ?? false);
  return result as Result<MethodOutput<M>>;
}

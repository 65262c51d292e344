const KEY = 'budgetdesk.clientId';

/**
 * Identifies this window to the core's lease on an open workbook. Kept in sessionStorage so a reload of
 * the same window is still the same client and is not locked out by its own lease.
 */
export function windowClientId(): string {
  try {
    const existing = sessionStorage.getItem(KEY);
    if (existing) return existing;
    const id = `w-${crypto.randomUUID()}`;
    sessionStorage.setItem(KEY, id);
    return id;
  } catch {
    return `w-${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
  }
}

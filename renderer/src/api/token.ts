const TOKEN_KEY = 'budgetdesk.token';

/**
 * The local host hands the session token over once, in the launch URL. Keeping it in sessionStorage lets
 * reloads work; removing it from the address bar keeps it out of history, bookmarks and screenshots.
 */
export function takeTokenFromUrl(): void {
  const url = new URL(window.location.href);
  const token = url.searchParams.get('token');
  if (token === null) return;
  try {
    sessionStorage.setItem(TOKEN_KEY, token);
  } catch {
    // Storage can be disabled; the in-memory copy still serves this page.
  }
  memoryToken = token;
  url.searchParams.delete('token');
  window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
}

let memoryToken: string | null = null;

export function sessionToken(): string | null {
  if (memoryToken !== null) return memoryToken;
  try {
    memoryToken = sessionStorage.getItem(TOKEN_KEY);
  } catch {
    memoryToken = null;
  }
  return memoryToken;
}

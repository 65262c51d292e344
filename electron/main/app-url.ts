/** The renderer is served from a privileged custom scheme so it gets a real, unique origin (not file://). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'budgetdesk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_HOME_URL = `${APP_ORIGIN}/`;

/** True only for app://budgetdesk/… with no credentials or port that could make a look-alike. */
export function isAppUrl(url: string | URL | null | undefined): boolean {
  if (url === null || url === undefined) return false;
  let parsed: URL;
  try {
    parsed = typeof url === 'string' ? new URL(url) : url;
  } catch {
    return false;
  }
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.hostname === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

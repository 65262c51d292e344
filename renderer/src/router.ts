import { useEffect, useState } from 'react';

/** Hash routes, so the same build works from file://, app:// and the local HTTP host. */
export type Route = { name: 'home' } | { name: 'workbook'; path: string; table: string | null };

const ROUTE_EVENT = 'budgetdesk:route';

export function parseHash(hash: string): Route {
  const text = hash.replace(/^#/, '');
  const q = text.indexOf('?');
  const pathPart = q === -1 ? text : text.slice(0, q);
  const params = new URLSearchParams(q === -1 ? '' : text.slice(q + 1));
  if (pathPart === '/wb') {
    const path = params.get('path');
    if (path) return { name: 'workbook', path, table: params.get('table') };
  }
  return { name: 'home' };
}

export function routeHash(route: Route): string {
  if (route.name === 'home') return '#/';
  const params = new URLSearchParams({ path: route.path });
  if (route.table) params.set('table', route.table);
  return `#/wb?${params.toString()}`;
}

export function navigate(route: Route, options: { replace?: boolean } = {}): void {
  const hash = routeHash(route);
  if (options.replace) {
    // replaceState fires no hashchange, so listeners are told directly.
    window.history.replaceState(window.history.state, '', hash);
    window.dispatchEvent(new Event(ROUTE_EVENT));
  } else {
    window.location.hash = hash;
  }
}

export function useRoute(): Route {
  const [route, setRoute] = useState<Route>(() => parseHash(window.location.hash));
  useEffect(() => {
    const update = () => setRoute(parseHash(window.location.hash));
    window.addEventListener('hashchange', update);
    window.addEventListener(ROUTE_EVENT, update);
    return () => {
      window.removeEventListener('hashchange', update);
      window.removeEventListener(ROUTE_EVENT, update);
    };
  }, []);
  return route;
}

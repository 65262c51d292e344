import { useEffect } from 'react';
import type { Route } from '../router';
import { useNotifier } from './Notifier';

/** A message about one screen must not linger on the next one. */
export function ClearNoticeOnRoute({ route }: { route: Route }) {
  const { clear } = useNotifier();
  const key = route.name === 'home' ? 'home' : `wb:${route.path}`;
  useEffect(() => clear(), [key, clear]);
  return null;
}

// One cache of GET answers for the pages (desk, registry, ...): each URL fetched once, refreshed when older than
// maxAgeMs, the page re-rendered when the answer arrives; a missing endpoint is told apart from an error.
import { ApiError, api } from '../api.ts';
import { update } from '../store.ts';
import type { Load } from './common.ts';

const loads = new Map<string, Load<unknown>>();

/** GET url once per key (refreshed after maxAgeMs); re-renders when it arrives. */
export function load<T>(url: string, maxAgeMs = 15_000): Load<T> {
  const cur = loads.get(url);
  if (!cur || (cur.status === 'ok' && Date.now() - cur.at > maxAgeMs)) {
    loads.set(url, cur?.status === 'ok' ? { ...cur, at: Date.now() } : { status: 'loading' });
    api<T>(url).then(
      (data) => { loads.set(url, { status: 'ok', data, at: Date.now() }); update(); },
      (error) => { loads.set(url, error instanceof ApiError && error.missingEndpoint ? { status: 'missing' } : { status: 'error', error }); update(); },
    );
  }
  return loads.get(url) as Load<T>;
}

/** Forgets loaded data whose URL starts with the prefix (after a change). */
export function invalidate(prefix: string): void {
  for (const k of [...loads.keys()]) if (k.startsWith(prefix)) loads.delete(k);
}

// Series tags of a meter come from the registry (service, area, tariff class) through the meter
// directory, looked up once and cached, so that a burst of readings costs one query per meter per TTL.
import type { MeterTags } from './records.ts';

/** Tags of a meter, or null for a meter the registry does not know. */
export type MeterInfoLookup = (meterId: string) => Promise<MeterTags | null>;

export const UNKNOWN_TAGS: MeterTags = { service: 'unknown', area: 'unknown', tariff: 'unknown' };

export interface CachedMeterInfo {
  /** Cached tags; a synchronous value on a hit. */
  get(meterId: string): MeterTags | Promise<MeterTags>;
  invalidate(meterId?: string): void;
  readonly lookup: MeterInfoLookup;
}

/** Caches a lookup: hits for ttlMs, unknown meters for missTtlMs; at most maxEntries (oldest evicted). */
export function cachedMeterInfo(lookup: MeterInfoLookup, ttlMs = 10 * 60_000, missTtlMs = 30_000, maxEntries = 200_000): CachedMeterInfo {
  const cache = new Map<string, { tags: MeterTags; until: number }>();
  const inflight = new Map<string, Promise<MeterTags>>();
  const get = (meterId: string): MeterTags | Promise<MeterTags> => {
    const hit = cache.get(meterId);
    const now = Date.now();
    if (hit && hit.until > now) return hit.tags;
    const running = inflight.get(meterId);
    if (running) return running;
    const p = lookup(meterId)
      .then((t) => {
        if (cache.size >= maxEntries) cache.delete(cache.keys().next().value as string);
        cache.set(meterId, { tags: t ?? UNKNOWN_TAGS, until: Date.now() + (t ? ttlMs : missTtlMs) });
        return t ?? UNKNOWN_TAGS;
      })
      .finally(() => inflight.delete(meterId));
    inflight.set(meterId, p);
    return p;
  };
  return {
    get,
    invalidate(meterId?: string) {
      if (meterId === undefined) cache.clear();
      else cache.delete(meterId);
    },
    lookup: async (id) => get(id),
  };
}

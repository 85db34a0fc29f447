// What the spool holds: one validated reading or event per record, with the tags it was first accepted with.
// Encoding is compact JSON (≈1 µs each way); the tags travel in the record so that a replay after a crash
// writes exactly the same series key (and so overwrites) even if the registry changed meanwhile.
import type { MeterEvent, TelemetryReading } from '../../protocols/index.ts';

/** Low-cardinality series tags of a meter, from the registry. */
export interface MeterTags {
  service: string;
  area: string;
  tariff: string;
}

export type TelemetryRecord =
  | { kind: 'reading'; meterId: string; reading: TelemetryReading; receivedAt: number; tags?: MeterTags }
  | { kind: 'event'; meterId: string; event: MeterEvent; receivedAt: number; tags?: MeterTags };

export class RecordDecodeError extends Error {
  override name = 'RecordDecodeError';
}

interface Wire {
  k: 'r' | 'e';
  m: string;
  a: number;
  t?: [string, string, string];
  d: unknown;
}

export function encodeRecord(r: TelemetryRecord): Buffer {
  const w: Wire = { k: r.kind === 'reading' ? 'r' : 'e', m: r.meterId, a: r.receivedAt, d: r.kind === 'reading' ? r.reading : r.event };
  if (r.tags) w.t = [r.tags.service, r.tags.area, r.tags.tariff];
  return Buffer.from(JSON.stringify(w));
}

/** Decodes a spooled record; the payload passed the wire schema before it was spooled, so only the shape is checked. */
export function decodeRecord(payload: Uint8Array): TelemetryRecord {
  let w: Wire;
  try {
    w = JSON.parse(Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength).toString('utf8')) as Wire;
  } catch {
    throw new RecordDecodeError('spool record is not JSON');
  }
  if (!w || typeof w !== 'object' || typeof w.m !== 'string' || typeof w.a !== 'number' || !w.d || typeof w.d !== 'object') {
    throw new RecordDecodeError('spool record has an unexpected shape');
  }
  const d = w.d as { ts?: unknown; seq?: unknown };
  if (typeof d.ts !== 'number' || typeof d.seq !== 'number') throw new RecordDecodeError('spool record lacks ts/seq');
  const tags = Array.isArray(w.t) && w.t.length === 3 ? { service: String(w.t[0]), area: String(w.t[1]), tariff: String(w.t[2]) } : undefined;
  if (w.k === 'r') return { kind: 'reading', meterId: w.m, reading: w.d as TelemetryReading, receivedAt: w.a, ...(tags ? { tags } : {}) };
  if (w.k === 'e') return { kind: 'event', meterId: w.m, event: w.d as MeterEvent, receivedAt: w.a, ...(tags ? { tags } : {}) };
  throw new RecordDecodeError(`spool record of unknown kind ${String(w.k)}`);
}

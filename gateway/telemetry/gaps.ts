// Sequence-gap detection per meter. Each reading carries the meter's sequence number (+1 per reading);
// a jump forward opens a gap (the readings in between are missing), a late reading inside a gap fills it,
// a number at or below the last one with an older or equal meter time is a duplicate (a replay), and a
// number below the last one with a newer meter time is a restart of the meter's counter (reset).
// State is in memory and bounded: open gaps per meter are capped (oldest dropped) and so is the meter count.

export interface SequenceGap {
  meterId: string;
  /** First and last missing sequence numbers (inclusive). */
  fromSeq: number;
  toSeq: number;
  missing: number;
  /** Meter times of the readings either side of the gap, and when the gap was seen (gateway clock). */
  afterTs: number;
  beforeTs: number;
  detectedAt: number;
}

export type SequenceObservation =
  | { kind: 'first' | 'next' | 'duplicate' | 'reset' }
  | { kind: 'gap'; gap: SequenceGap }
  | { kind: 'filled'; seq: number };

interface MeterSeq {
  last: number;
  lastTs: number;
  open: SequenceGap[];
}

export class SequenceGapTracker {
  private meters = new Map<string, MeterSeq>();
  totalGaps = 0;
  totalMissing = 0;

  constructor(private readonly maxGapsPerMeter = 100, private readonly maxMeters = 1_000_000) {}

  observe(meterId: string, seq: number, ts: number, now = Date.now()): SequenceObservation {
    const m = this.meters.get(meterId);
    if (!m) {
      if (this.meters.size >= this.maxMeters) this.meters.delete(this.meters.keys().next().value as string);
      this.meters.set(meterId, { last: seq, lastTs: ts, open: [] });
      return { kind: 'first' };
    }
    if (seq === m.last + 1) {
      m.last = seq;
      m.lastTs = Math.max(m.lastTs, ts);
      return { kind: 'next' };
    }
    if (seq > m.last + 1) {
      const gap: SequenceGap = { meterId, fromSeq: m.last + 1, toSeq: seq - 1, missing: seq - 1 - m.last, afterTs: m.lastTs, beforeTs: ts, detectedAt: now };
      m.open.push(gap);
      if (m.open.length > this.maxGapsPerMeter) m.open.shift();
      m.last = seq;
      m.lastTs = Math.max(m.lastTs, ts);
      this.totalGaps++;
      this.totalMissing += gap.missing;
      return { kind: 'gap', gap };
    }
    // seq <= last: a late reading filling a gap, a duplicate, or a counter restart.
    const i = m.open.findIndex((g) => g.fromSeq <= seq && seq <= g.toSeq);
    if (i >= 0) {
      const g = m.open[i]!;
      const parts: SequenceGap[] = [];
      if (g.fromSeq < seq) parts.push({ ...g, toSeq: seq - 1, missing: seq - g.fromSeq });
      if (seq < g.toSeq) parts.push({ ...g, fromSeq: seq + 1, missing: g.toSeq - seq });
      m.open.splice(i, 1, ...parts);
      this.totalMissing--;
      return { kind: 'filled', seq };
    }
    if (seq < m.last && ts > m.lastTs) {
      m.last = seq;
      m.lastTs = ts;
      return { kind: 'reset' };
    }
    return { kind: 'duplicate' };
  }

  /** Open gaps of one meter, or of all meters (at most `limit`), oldest first. */
  gaps(meterId?: string, limit = 1000): SequenceGap[] {
    if (meterId !== undefined) return [...(this.meters.get(meterId)?.open ?? [])];
    const out: SequenceGap[] = [];
    for (const m of this.meters.values()) {
      for (const g of m.open) {
        out.push(g);
        if (out.length >= limit) return out;
      }
    }
    return out;
  }
}

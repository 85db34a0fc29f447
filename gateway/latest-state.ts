// Keeps each meter's latest state in the store. Updates are coalesced per meter and written in one transaction per
// flush, a few statements whatever the number of meters (meter-state.ts applyLatestReadings/setOnlineMany: arrays,
// not one round trip per meter), so thousands of meters cost one short write round per half second.
// Which reading is the latest is decided by seq and ts together (plausibility.ts `supersedes`, the same rule
// as the SQL of applyLatestReading); a reading from beyond the clock skew never becomes the latest state.
// Memory is bounded: at most one pending entry per meter (a newer reading replaces the held one), one flush
// running and one waiting (never a queue of them), and a flush starts early once `maxPending` meters wait — so
// the writer holds at most about twice the number of meters that report, and never more than 2 × maxPending
// entries between flushes on a healthy store. Past that (the store slower than the fleet), entries stay
// coalesced per meter: the count grows only with distinct meters, never with readings.
import { applyCredited, applyLatestReadings, applyRelayState, setOnlineMany } from './meter-state.ts';
import type { Db, Logger } from '../platform/index.ts';
import type { TelemetryReading } from '../protocols/index.ts';
import { DEFAULT_MAX_SKEW_MS, supersedes } from './plausibility.ts';

/** Meters per statement in a flush (array parameters stay a few hundred KiB). */
const CHUNK = 2000;

export interface LatestStateOptions {
  /** Flush after this many ms (default 500). */
  intervalMs?: number;
  maxSkewMs?: number;
  /** Start a flush at once when this many meters wait (default 5,000). */
  maxPending?: number;
}

export class LatestStateWriter {
  private pending = new Map<string, { reading: TelemetryReading; receivedAt: number }>();
  private online = new Map<string, { online: boolean; at: number }>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();
  /** A flush queued behind the running one and not started yet (it takes whatever is pending when it starts). */
  private queued: Promise<void> | null = null;
  private readonly intervalMs: number;
  private readonly maxSkewMs: number;
  private readonly maxPending: number;

  constructor(private readonly db: Db, private readonly logger: Logger, intervalMsOrOptions: number | LatestStateOptions = {}, maxSkewMs = DEFAULT_MAX_SKEW_MS) {
    const o = typeof intervalMsOrOptions === 'number' ? { intervalMs: intervalMsOrOptions, maxSkewMs } : intervalMsOrOptions;
    this.intervalMs = o.intervalMs ?? 500;
    this.maxSkewMs = o.maxSkewMs ?? maxSkewMs;
    this.maxPending = o.maxPending ?? 5000;
  }

  /** Meters waiting to be written (readings and presence), for tests and metrics. */
  get pendingMeters(): number {
    return this.pending.size + this.online.size;
  }

  reading(meterId: string, reading: TelemetryReading, receivedAt: number): void {
    const cur = this.pending.get(meterId);
    if (cur ? supersedes(cur.reading, reading, receivedAt, this.maxSkewMs) : supersedes(null, reading, receivedAt, this.maxSkewMs)) this.pending.set(meterId, { reading, receivedAt });
    this.schedule();
  }

  status(meterId: string, online: boolean, at = Date.now()): void {
    // Re-inserted so that the map's order stays the order of arrival (the latest report of a meter wins).
    this.online.delete(meterId);
    this.online.set(meterId, { online, at });
    this.schedule();
  }

  /**
   * The relay (valve) state a meter reported by acknowledging a relay command or by a relay event, dated `ts` by
   * its clock: written at once (after any flush in progress), never rolled back by an older reading.
   */
  relay(meterId: string, relay: string, ts: number, receivedAt = Date.now()): Promise<boolean> {
    return this.now('relay state from acknowledgement', () => applyRelayState(this.db, meterId, relay, ts, receivedAt, this.maxSkewMs));
  }

  /** Credit a meter reported adding (an accepted token's `credited`), dated `ts`: written at once, once. */
  credited(meterId: string, credited: number, ts: number, receivedAt = Date.now()): Promise<boolean> {
    return this.now('credit from accepted token', () => applyCredited(this.db, meterId, credited, ts, receivedAt, this.maxSkewMs));
  }

  private now(what: string, write: () => Promise<boolean>): Promise<boolean> {
    const done = this.flushing.then(write).catch((err: unknown) => {
      this.logger.error({ err }, `${what} failed`);
      return false;
    });
    this.flushing = done.then(() => undefined);
    this.queued = null; // a flush after this write must come after it
    return done;
  }

  private schedule(): void {
    if (this.pending.size + this.online.size >= this.maxPending) void this.flush();
    else if (!this.timer && !this.queued) this.timer = setTimeout(() => void this.flush(), this.intervalMs);
  }

  /** Writes everything pending now; resolves once it is written (or the failure logged). */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.queued) return this.queued;
    const job = this.flushing.then(async () => {
      if (this.queued === job) this.queued = null;
      const readings = this.pending;
      const online = this.online;
      this.pending = new Map();
      this.online = new Map();
      if (!readings.size && !online.size) return;
      try {
        await this.db.transaction(async (tx) => {
          const items = [...readings].map(([meterId, r]) => ({ meterId, reading: r.reading, receivedAt: r.receivedAt }));
          for (let i = 0; i < items.length; i += CHUNK) await applyLatestReadings(tx, items.slice(i, i + CHUNK), this.maxSkewMs);
          const st = [...online].map(([meterId, s]) => ({ meterId, online: s.online, at: s.at }));
          for (let i = 0; i < st.length; i += CHUNK) await setOnlineMany(tx, st.slice(i, i + CHUNK));
        });
      } catch (err) {
        this.logger.error({ err, meters: readings.size + online.size }, 'latest state update failed');
      }
      // What arrived while this flush ran gets its own (the timer was not armed while one was queued or running).
      if ((this.pending.size || this.online.size) && !this.timer && !this.queued) this.timer = setTimeout(() => void this.flush(), this.intervalMs);
    });
    this.queued = job;
    this.flushing = job;
    return job;
  }
}

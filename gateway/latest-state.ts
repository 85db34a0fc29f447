// Keeps each meter's latest state in the store. Updates are coalesced per meter and written
// in one transaction per flush, so thousands of meters cost one write round per second, not one per reading.
// Which reading is the latest is decided by seq and ts together (plausibility.ts `supersedes`, the same rule
// as the SQL of applyLatestReading); a reading from beyond the clock skew never becomes the latest state.
import { applyCredited, applyLatestReading, applyRelayState, setOnline } from './meter-state.ts';
import type { Db, Logger } from '../platform/index.ts';
import type { TelemetryReading } from '../protocols/index.ts';
import { DEFAULT_MAX_SKEW_MS, supersedes } from './plausibility.ts';

export class LatestStateWriter {
  private pending = new Map<string, { reading: TelemetryReading; receivedAt: number }>();
  private online = new Map<string, { online: boolean; at: number }>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();

  constructor(private readonly db: Db, private readonly logger: Logger, private readonly intervalMs = 500, private readonly maxSkewMs = DEFAULT_MAX_SKEW_MS) {}

  reading(meterId: string, reading: TelemetryReading, receivedAt: number): void {
    const cur = this.pending.get(meterId);
    if (cur ? supersedes(cur.reading, reading, receivedAt, this.maxSkewMs) : supersedes(null, reading, receivedAt, this.maxSkewMs)) this.pending.set(meterId, { reading, receivedAt });
    this.schedule();
  }

  status(meterId: string, online: boolean, at = Date.now()): void {
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
    return done;
  }

  private schedule(): void {
    if (!this.timer) this.timer = setTimeout(() => void this.flush(), this.intervalMs);
  }

  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const readings = this.pending;
    const online = this.online;
    this.pending = new Map();
    this.online = new Map();
    this.flushing = this.flushing.then(async () => {
      if (!readings.size && !online.size) return;
      try {
        await this.db.transaction(async (tx) => {
          for (const [id, r] of readings) await applyLatestReading(tx, id, r.reading, r.receivedAt, this.maxSkewMs);
          for (const [id, s] of online) await setOnline(tx, id, s.online, s.at);
        });
      } catch (err) {
        this.logger.error({ err }, 'latest state update failed');
      }
    });
    return this.flushing;
  }
}

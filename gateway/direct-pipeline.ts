// The simplest durable pipeline: readings go straight into the SQL store in small group commits,
// and acceptReading resolves when the commit is done. Used where no spool is configured (tests, tools).
import { upsertEvents, upsertReadings, type Db } from '../store/index.ts';
import type { IngestedEvent, IngestedReading, TelemetryPipeline } from './pipeline.ts';

interface Waiter {
  resolve(): void;
  reject(e: unknown): void;
}

export class DirectStorePipeline implements TelemetryPipeline {
  private readings: IngestedReading[] = [];
  private events: IngestedEvent[] = [];
  private waiters: Waiter[] = [];
  private scheduled = false;
  private running: Promise<void> = Promise.resolve();

  constructor(private readonly db: Db, private readonly maxBatch = 500) {}

  acceptReading(r: IngestedReading): Promise<void> {
    this.readings.push(r);
    return this.enqueue();
  }

  acceptEvent(e: IngestedEvent): Promise<void> {
    this.events.push(e);
    return this.enqueue();
  }

  private enqueue(): Promise<void> {
    const p = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    if (!this.scheduled) {
      this.scheduled = true;
      // Everything that arrives while the previous commit runs goes into the next one.
      this.running = this.running.then(() => this.commit());
    }
    return p;
  }

  private async commit(): Promise<void> {
    this.scheduled = false;
    const readings = this.readings, events = this.events, waiters = this.waiters;
    this.readings = [];
    this.events = [];
    this.waiters = [];
    try {
      await this.db.transaction(async (tx) => {
        for (let i = 0; i < readings.length; i += this.maxBatch) await upsertReadings(tx, readings.slice(i, i + this.maxBatch));
        await upsertEvents(tx, events);
      });
      for (const w of waiters) w.resolve();
    } catch (err) {
      for (const w of waiters) w.reject(err);
    }
  }

  async flush(): Promise<void> {
    await this.running;
  }

  async close(): Promise<void> {
    await this.flush();
  }
}

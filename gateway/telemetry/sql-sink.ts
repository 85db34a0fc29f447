// The SQL store as a telemetry sink (embedded PGlite or PostgreSQL): readings and events upserted by meter
// and meter time in one transaction per batch, so replays are no-ops. A reading with the identity of a stored one
// but different content is kept apart (reading_conflicts), counted and logged; it never overwrites.
import { upsertEvents, upsertReadings, type ReadingConflict, type StoredReading } from '../readings.ts';
import { silentLogger, type Db, type Logger } from '../../platform/index.ts';
import { readingConflicts } from './metrics.ts';
import type { MeterEvent } from '../../protocols/index.ts';
import type { TelemetryRecord } from './records.ts';
import { TelemetrySinkError, type TelemetrySink } from './sink.ts';

export class SqlTelemetrySink implements TelemetrySink {
  readonly name = 'sql';
  constructor(private readonly db: Db, private readonly rowsPerStatement = 1000, private readonly logger: Logger = silentLogger) {}

  async write(batch: readonly TelemetryRecord[]): Promise<void> {
    const readings: StoredReading[] = [];
    const events: { meterId: string; event: MeterEvent }[] = [];
    for (const r of batch) {
      if (r.kind === 'reading') readings.push({ meterId: r.meterId, reading: r.reading });
      else events.push({ meterId: r.meterId, event: r.event });
    }
    let conflicts: ReadingConflict[] = [];
    try {
      conflicts = await this.db.transaction(async (tx) => {
        const found: ReadingConflict[] = [];
        for (let i = 0; i < readings.length; i += this.rowsPerStatement) found.push(...(await upsertReadings(tx, readings.slice(i, i + this.rowsPerStatement))));
        if (events.length) await upsertEvents(tx, events);
        return found;
      });
    } catch (err) {
      // The store's constraints accept every validated record: a failure is the database, not the data.
      throw new TelemetrySinkError(`SQL store write failed: ${(err as Error).message}`, 'unavailable', true, undefined, err);
    }
    for (const c of conflicts) {
      readingConflicts.inc();
      this.logger.warn({ meter: c.meterId, seq: c.seq, ts: c.ts }, 'reading conflicts with a stored one (same meter and time, different content): kept apart in reading_conflicts');
    }
  }

  async close(): Promise<void> {}
}

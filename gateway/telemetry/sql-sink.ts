// The SQL store as a telemetry sink (embedded PGlite or PostgreSQL): readings and events upserted by meter
// and meter time in one transaction per batch, so replays overwrite, as in InfluxDB.
import { upsertEvents, upsertReadings, type StoredReading } from '../readings.ts';
import { type Db } from '../../platform/index.ts';
import type { MeterEvent } from '../../protocols/index.ts';
import type { TelemetryRecord } from './records.ts';
import { TelemetrySinkError, type TelemetrySink } from './sink.ts';

export class SqlTelemetrySink implements TelemetrySink {
  readonly name = 'sql';
  constructor(private readonly db: Db, private readonly rowsPerStatement = 1000) {}

  async write(batch: readonly TelemetryRecord[]): Promise<void> {
    const readings: StoredReading[] = [];
    const events: { meterId: string; event: MeterEvent }[] = [];
    for (const r of batch) {
      if (r.kind === 'reading') readings.push({ meterId: r.meterId, reading: r.reading });
      else events.push({ meterId: r.meterId, event: r.event });
    }
    try {
      await this.db.transaction(async (tx) => {
        for (let i = 0; i < readings.length; i += this.rowsPerStatement) await upsertReadings(tx, readings.slice(i, i + this.rowsPerStatement));
        if (events.length) await upsertEvents(tx, events);
      });
    } catch (err) {
      // The store's constraints accept every validated record: a failure is the database, not the data.
      throw new TelemetrySinkError(`SQL store write failed: ${(err as Error).message}`, 'unavailable', true, undefined, err);
    }
  }

  async close(): Promise<void> {}
}

// One interface in front of every telemetry destination (InfluxDB, the SQL store, several at once).
import type { TelemetryRecord } from './records.ts';

export type SinkErrorKind = 'unavailable' | 'timeout' | 'rejected' | 'auth' | 'internal';

/** A failed write. retryable=false means the sink refused the data itself (a retry would fail the same way). */
export class TelemetrySinkError extends Error {
  override name = 'TelemetrySinkError';
  constructor(message: string, readonly kind: SinkErrorKind, readonly retryable: boolean, readonly status?: number, override readonly cause?: unknown) {
    super(message);
  }
}

export interface TelemetrySink {
  readonly name: string;
  /**
   * Writes a batch; resolves only once the sink holds it durably. Must be idempotent: the same record
   * written twice (a replay) leaves one copy. Rejects with TelemetrySinkError.
   */
  write(batch: readonly TelemetryRecord[]): Promise<void>;
  close(): Promise<void>;
}

/** Writes every batch to all sinks; succeeds when all did (retrying all is safe: writes are idempotent). */
export class FanoutSink implements TelemetrySink {
  readonly name: string;
  constructor(private readonly sinks: TelemetrySink[]) {
    this.name = sinks.map((s) => s.name).join('+');
  }
  async write(batch: readonly TelemetryRecord[]): Promise<void> {
    const r = await Promise.allSettled(this.sinks.map((s) => s.write(batch)));
    const failed = r.find((x): x is PromiseRejectedResult => x.status === 'rejected');
    if (failed) throw failed.reason;
  }
  async close(): Promise<void> {
    await Promise.allSettled(this.sinks.map((s) => s.close()));
  }
}

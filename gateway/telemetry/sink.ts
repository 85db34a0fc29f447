// One interface in front of every telemetry destination (InfluxDB, the SQL store).
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

// What the gateway's ingest hands on: validated readings and events with the meter they came from.
// A TelemetryPipeline makes them durable (spool, store, InfluxDB); acceptReading resolves only once
// the reading is safe, and only then may the meter be acknowledged (MQTT PUBACK, serial poll done).
import type { MeterEvent, TelemetryReading } from '../protocols/index.ts';

export interface IngestedReading {
  meterId: string;
  reading: TelemetryReading;
  /** Gateway clock when received, epoch ms. */
  receivedAt: number;
}

export interface IngestedEvent {
  meterId: string;
  event: MeterEvent;
  receivedAt: number;
}

export interface TelemetryPipeline {
  acceptReading(r: IngestedReading): Promise<void>;
  acceptEvent(e: IngestedEvent): Promise<void>;
  /** Writes out everything accepted so far (shutdown, tests). */
  flush(): Promise<void>;
  close(): Promise<void>;
}

// Telemetry pipeline metrics, on the gateway's shared registry (served at /metrics).
import { Counter, Gauge, Histogram } from 'prom-client';
import { metricsRegistry } from '../metrics.ts';

const registers = [metricsRegistry];

function once<T>(name: string, make: () => T): T {
  return (metricsRegistry.getSingleMetric(name) as T | undefined) ?? make();
}

export const telemetryAccepted = once('raseed_telemetry_accepted_total', () => new Counter({
  name: 'raseed_telemetry_accepted_total', help: 'Readings and events made durable in the spool (acknowledgeable)', labelNames: ['kind'] as const, registers,
}));
export const pointsWritten = once('raseed_telemetry_points_written_total', () => new Counter({
  name: 'raseed_telemetry_points_written_total', help: 'Points confirmed written by a sink (replays after a crash count again)', labelNames: ['sink', 'kind'] as const, registers,
}));
export const writeDuration = once('raseed_telemetry_write_duration_seconds', () => new Histogram({
  name: 'raseed_telemetry_write_duration_seconds', help: 'Duration of one batch write to a sink', labelNames: ['sink', 'outcome'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30], registers,
}));
export const batchSize = once('raseed_telemetry_batch_points', () => new Histogram({
  name: 'raseed_telemetry_batch_points', help: 'Points per batch written', labelNames: ['sink'] as const, buckets: [1, 10, 100, 500, 1000, 2500, 5000, 10000], registers,
}));
export const telemetryErrors = once('raseed_telemetry_errors_total', () => new Counter({
  name: 'raseed_telemetry_errors_total',
  help: 'Telemetry errors by kind (sink_unavailable, sink_timeout, sink_rejected, sink_auth, spool_full, spool_io, spool_corrupt, spool_truncated, decode, dead_letter)',
  labelNames: ['kind'] as const, registers,
}));
export const spoolDepthRecords = once('raseed_telemetry_spool_depth_records', () => new Gauge({
  name: 'raseed_telemetry_spool_depth_records', help: 'Records in the spool not yet written to the sink', registers,
}));
export const spoolDepthBytes = once('raseed_telemetry_spool_depth_bytes', () => new Gauge({
  name: 'raseed_telemetry_spool_depth_bytes', help: 'Bytes in the spool not yet written to the sink', registers,
}));
export const spoolLimitBytes = once('raseed_telemetry_spool_limit_bytes', () => new Gauge({
  name: 'raseed_telemetry_spool_limit_bytes', help: 'Spool capacity: appends are refused beyond it', registers,
}));
export const writerLag = once('raseed_telemetry_writer_lag_seconds', () => new Gauge({
  name: 'raseed_telemetry_writer_lag_seconds', help: 'Age (gateway clock) of the oldest record the writer is working on', registers,
}));
export const backpressure = once('raseed_telemetry_backpressure', () => new Gauge({
  name: 'raseed_telemetry_backpressure', help: '1 while the sink is slower than ingest (spool depth above the high-water mark) or down', registers,
}));
export const sinkUp = once('raseed_telemetry_sink_up', () => new Gauge({
  name: 'raseed_telemetry_sink_up', help: '1 when the last write to the sink succeeded', labelNames: ['sink'] as const, registers,
}));
export const sequenceGaps = once('raseed_telemetry_sequence_gaps_total', () => new Counter({
  name: 'raseed_telemetry_sequence_gaps_total', help: 'Gaps detected in meters\' reading sequence numbers', registers,
}));
export const sequenceMissing = once('raseed_telemetry_sequence_missing_total', () => new Counter({
  name: 'raseed_telemetry_sequence_missing_total', help: 'Readings missing according to sequence gaps when detected (late arrivals fill gaps later)', registers,
}));
export const sequenceEvents = once('raseed_telemetry_sequence_observations_total', () => new Counter({
  name: 'raseed_telemetry_sequence_observations_total', help: 'Out-of-order sequence observations: duplicate, filled, reset', labelNames: ['kind'] as const, registers,
}));
export const readingConflicts = once('raseed_telemetry_reading_conflicts_total', () => new Counter({
  name: 'raseed_telemetry_reading_conflicts_total', help: 'Readings with the identity (meter, ts) of a stored one but different content: kept apart, never overwriting', registers,
}));

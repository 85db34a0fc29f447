// Public face of gateway/telemetry/: durable spool, sinks (InfluxDB, SQL), the spooled TelemetryPipeline.
export { createTelemetryPipeline, createTelemetrySink, type CreateTelemetryOptions } from './create.ts';
export { SpooledPipeline, TelemetryFlushTimeoutError, type SpooledPipelineOptions, type PipelineStats, type RetryOptions } from './spooled-pipeline.ts';
export {
  DiskSpool, SpoolError, SpoolFullError, SpoolClosedError, SpoolIoError, SpoolRecordTooLargeError, SpoolLockedError,
  type SpoolOptions, type SpoolRecord, type SpoolRead, type SpoolStats,
} from './spool.ts';
export { TelemetrySinkError, type TelemetrySink, type SinkErrorKind } from './sink.ts';
export { InfluxTelemetrySink, classifyInfluxError, type InfluxSinkOptions } from './influx-sink.ts';
export { SqlTelemetrySink } from './sql-sink.ts';
export { encodeRecord, decodeRecord, RecordDecodeError, type TelemetryRecord, type MeterTags } from './records.ts';
export { readingLine, eventLine, recordLine, escapeTag, escapeString } from './line-protocol.ts';
export { SequenceGapTracker, type SequenceGap, type SequenceObservation } from './gaps.ts';
export { cachedMeterInfo, UNKNOWN_TAGS, type MeterInfoLookup, type CachedMeterInfo } from './meter-info.ts';
export { crc32 } from './crc32.ts';
export * from './read/index.ts';

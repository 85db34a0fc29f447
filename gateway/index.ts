// Public face of gateway/: ingest from meters (MQTT, serial), the durable telemetry pipeline and its
// readers, each meter's latest state, and the one command lifecycle with its transports.
export type { TelemetryPipeline, IngestedReading, IngestedEvent } from './pipeline.ts';
export type { MeterDirectory } from './directory.ts';
export { Ingest, type IngestOutcome, type IngestListeners, type Transport } from './ingest.ts';
export { LatestStateWriter, type LatestStateOptions } from './latest-state.ts';
export { LruMap } from './lru.ts';
export { setOnline, setOnlineMany, applyLatestReading, applyLatestReadings, readingFlags, type LatestReadingInput } from './meter-state.ts';
export { upsertReadings, upsertEvents, listReadings, countReadings, countReadingConflicts, type StoredReading, type ReadingRow, type ReadingConflict } from './readings.ts';
export { DEFAULT_MAX_SKEW_MS, PHYSICAL_LIMITS, STS_MAX_CREDIT, isFromFuture, supersedes, physicalViolations, type PhysicalLimits, type LimitViolation, type SeqTs } from './plausibility.ts';
export { embeddedPublishHook, embeddedCommandTransport, connectExternalGateway, type CommandTransport, type ExternalGateway, type ExternalGatewayOptions } from './mqtt.ts';
export { metricsRegistry, messagesIn, messagesRejected } from './metrics.ts';
export { CommandService, UnknownCommandKindError, type CommandBody, type CommandKind, type IssueOptions, type CommandServiceOptions } from './commands.ts';
export * from './command-store.ts';
export * from './telemetry/index.ts';
export * from './serial/index.ts';

/** The gateway's own tables (readings, events, latest state, commands). */
export const GATEWAY_MIGRATIONS = new URL('./migrations/', import.meta.url);

// Public face of gateway/: ingest from meters (MQTT, serial), durable telemetry pipeline, command delivery.
export type { TelemetryPipeline, IngestedReading, IngestedEvent } from './pipeline.ts';
export { Ingest, type IngestOutcome, type IngestListeners, type Transport } from './ingest.ts';
export { MeterDirectory } from './meter-directory.ts';
export { LatestStateWriter } from './latest-state.ts';
export { DEFAULT_MAX_SKEW_MS, PHYSICAL_LIMITS, STS_MAX_CREDIT, isFromFuture, supersedes, physicalViolations, type PhysicalLimits, type LimitViolation, type SeqTs } from './plausibility.ts';
export { DirectStorePipeline } from './direct-pipeline.ts';
export { embeddedPublishHook, embeddedCommandTransport, connectExternalGateway, type CommandTransport, type ExternalGateway, type ExternalGatewayOptions } from './mqtt.ts';
export { metricsRegistry, messagesIn, messagesRejected } from './metrics.ts';
export { CommandService, type CommandBody, type IssueOptions, type CommandServiceOptions } from './commands.ts';
export * from './telemetry/index.ts';
export * from './serial/index.ts';

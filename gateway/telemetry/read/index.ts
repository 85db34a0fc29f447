// Index of gateway/telemetry/read/ (re-exported by gateway/index.ts): reading telemetry back (consumption history, fleet aggregates)
// from the SQL store or InfluxDB, with the same answers.
export {
  type TelemetryReader, type ConsumptionSeries, type AreaLoad, type TopConsumer, type SilentMeter, type MeterPoints, BaseTelemetryReader,
} from './reader.ts';
export { SqlTelemetryReader } from './sql-reader.ts';
export { InfluxTelemetryReader, InfluxQueryError, influxQL, influxString, influxIdent, type InfluxQueryOptions, type InfluxSeries } from './influx-reader.ts';
export {
  computeConsumption, totalConsumption, emptyBuckets, normalisePoints, registerDelta, checkRange, TelemetryQueryError, MAX_BUCKETS,
  type RegisterPoint, type ConsumptionBucket,
} from './consumption.ts';
export { createTelemetryReader } from './create.ts';

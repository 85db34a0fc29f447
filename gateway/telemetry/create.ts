// Builds the gateway's telemetry pipeline from the configuration: INFLUX_URL set → InfluxDB, else the SQL store.
import { join } from 'node:path';
import type { Config, Db, Logger } from '../../platform/index.ts';
import { InfluxTelemetrySink } from './influx-sink.ts';
import { SqlTelemetrySink } from './sql-sink.ts';
import { SpooledPipeline } from './spooled-pipeline.ts';
import { cachedMeterInfo, type MeterInfoLookup } from './meter-info.ts';
import type { TelemetrySink } from './sink.ts';
import type { SpoolOptions } from './spool.ts';

type InfluxConfig = Pick<Config, 'INFLUX_URL' | 'INFLUX_API' | 'INFLUX_TOKEN' | 'INFLUX_ORG' | 'INFLUX_BUCKET' | 'INFLUX_DATABASE' | 'INFLUX_RETENTION_POLICY' | 'INFLUX_USERNAME' | 'INFLUX_PASSWORD'>;

export interface CreateTelemetryOptions {
  /** Series tags of a meter (the meter directory's `tags`). */
  meterInfo: MeterInfoLookup;
  /** Default: <DATA_DIR>/spool/telemetry. */
  spoolDir?: string;
  spool?: Omit<SpoolOptions, 'dir'>;
  batchSize?: number;
  lingerMs?: number;
}

/** The sink the configuration asks for. */
export function createTelemetrySink(config: InfluxConfig, db: Db, logger: Logger, meterInfo: MeterInfoLookup): TelemetrySink {
  if (!config.INFLUX_URL) return new SqlTelemetrySink(db, undefined, logger);
  return new InfluxTelemetrySink({
    url: config.INFLUX_URL,
    api: config.INFLUX_API,
    ...(config.INFLUX_TOKEN !== undefined ? { token: config.INFLUX_TOKEN } : {}),
    ...(config.INFLUX_ORG !== undefined ? { org: config.INFLUX_ORG } : {}),
    bucket: config.INFLUX_BUCKET,
    database: config.INFLUX_DATABASE,
    ...(config.INFLUX_RETENTION_POLICY !== undefined ? { retentionPolicy: config.INFLUX_RETENTION_POLICY } : {}),
    ...(config.INFLUX_USERNAME !== undefined ? { username: config.INFLUX_USERNAME } : {}),
    ...(config.INFLUX_PASSWORD !== undefined ? { password: config.INFLUX_PASSWORD } : {}),
    meterInfo,
    logger,
  });
}

/**
 * Opens the spool under DATA_DIR (recovering it), picks the sink and starts the writer.
 * Records left from a previous run are written first. Close it on shutdown (`close()` drains for up to 5 s).
 */
export async function createTelemetryPipeline(config: Pick<Config, 'DATA_DIR'> & InfluxConfig, db: Db, logger: Logger, o: CreateTelemetryOptions): Promise<SpooledPipeline> {
  const sink = createTelemetrySink(config, db, logger, o.meterInfo);
  const dir = o.spoolDir ?? join(config.DATA_DIR, 'spool', 'telemetry');
  logger.info({ sink: sink.name, spool: dir, ...(config.INFLUX_URL ? { influx: config.INFLUX_URL, api: config.INFLUX_API } : {}) }, 'telemetry pipeline');
  return SpooledPipeline.open({
    spool: { dir, ...o.spool },
    sink,
    logger,
    meterInfo: cachedMeterInfo(o.meterInfo),
    ...(o.batchSize !== undefined ? { batchSize: o.batchSize } : {}),
    ...(o.lingerMs !== undefined ? { lingerMs: o.lingerMs } : {}),
  });
}

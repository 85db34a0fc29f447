// The reader the configuration asks for: INFLUX_URL set → InfluxDB (InfluxQL), else the SQL store.
import type { Config } from '../../../platform/index.ts';
import type { Db } from '../../../platform/index.ts';
import { InfluxTelemetryReader } from './influx-reader.ts';
import { SqlTelemetryReader } from './sql-reader.ts';
import type { TelemetryReader } from './reader.ts';

type InfluxConfig = Pick<Config, 'INFLUX_URL' | 'INFLUX_API' | 'INFLUX_TOKEN' | 'INFLUX_BUCKET' | 'INFLUX_DATABASE' | 'INFLUX_RETENTION_POLICY' | 'INFLUX_USERNAME' | 'INFLUX_PASSWORD'>;

export function createTelemetryReader(config: InfluxConfig, db: Db): TelemetryReader {
  if (!config.INFLUX_URL) return new SqlTelemetryReader(db);
  return new InfluxTelemetryReader({
    url: config.INFLUX_URL,
    api: config.INFLUX_API,
    ...(config.INFLUX_TOKEN !== undefined ? { token: config.INFLUX_TOKEN } : {}),
    bucket: config.INFLUX_BUCKET,
    database: config.INFLUX_DATABASE,
    ...(config.INFLUX_RETENTION_POLICY !== undefined ? { retentionPolicy: config.INFLUX_RETENTION_POLICY } : {}),
    ...(config.INFLUX_USERNAME !== undefined ? { username: config.INFLUX_USERNAME } : {}),
    ...(config.INFLUX_PASSWORD !== undefined ? { password: config.INFLUX_PASSWORD } : {}),
  }, db);
}

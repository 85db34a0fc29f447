// InfluxDB as a telemetry sink, through @influxdata/influxdb-client's WriteApi.
//
// The client's own retry buffer lives in memory (lost on a crash, trimmed past maxBufferLines, given up after
// maxRetries/maxRetryTime), so it is switched off (maxRetries: 0): the durable spool is the retry buffer. The
// pipeline hands over one batch at a time (≈5,000 lines), we write it with writeRecords + flush (one HTTP
// request, gzipped when InfluxDB is remote: ≈8× smaller) and report success or a classified error; the
// pipeline retries with exponential back-off and jitter and commits the spool only after success.
//
// Servers: INFLUX_API=v2 → /api/v2/write?org&bucket&precision=ms with a token (InfluxDB 2.x, 3.x, Cloud,
// and 1.8+ which serves the v2 write API; there the token is "user:password" and bucket "db/rp").
// INFLUX_API=v1 → the same client and line protocol posted to the 1.x /write?db=&rp=&precision=ms endpoint
// (the WriteApi's `path` is public), with HTTP Basic user/password when given (never in the URL).
import http from 'node:http';
import https from 'node:https';
import { HttpError, InfluxDB, setLogger, type WriteApi } from '@influxdata/influxdb-client';
import type { Logger } from '../../platform/index.ts';
import { recordLine } from './line-protocol.ts';
import type { MeterTags, TelemetryRecord } from './records.ts';
import { TelemetrySinkError, type TelemetrySink } from './sink.ts';
import { UNKNOWN_TAGS, cachedMeterInfo, type CachedMeterInfo, type MeterInfoLookup } from './meter-info.ts';

export interface InfluxSinkOptions {
  url: string;
  api: 'v2' | 'v1';
  /** v2: API token. */
  token?: string;
  org?: string;
  bucket?: string;
  /** v1: database and retention policy. */
  database?: string;
  retentionPolicy?: string;
  username?: string;
  password?: string;
  /** Tags for records spooled without them (they normally carry the tags they were accepted with). */
  meterInfo?: MeterInfoLookup | CachedMeterInfo;
  /** HTTP timeout per request; default 30 s. */
  timeoutMs?: number;
  /**
   * Bodies larger than this are gzipped. Default: 1000 bytes for a remote InfluxDB (≈8× less on the wire), and
   * no gzip for one on this host (loopback), where compressing only burns the CPU both sides share: measured
   * on 2 cores with InfluxDB 1.6, 5,000-line batches went from ≈22k to ≈35k+ points/s without gzip.
   */
  gzipThreshold?: number;
  logger?: Logger;
}

export class InfluxTelemetrySink implements TelemetrySink {
  readonly name = 'influx';
  private readonly writeApi: WriteApi;
  private readonly info: CachedMeterInfo | null;
  private readonly agent: http.Agent;

  constructor(private readonly o: InfluxSinkOptions) {
    const secure = o.url.startsWith('https:');
    this.agent = secure ? new https.Agent({ keepAlive: true, maxSockets: 4 }) : new http.Agent({ keepAlive: true, maxSockets: 4 });
    const headers: Record<string, string> = {};
    if (o.api === 'v1' && o.username) headers.Authorization = 'Basic ' + Buffer.from(`${o.username}:${o.password ?? ''}`).toString('base64');
    const client = new InfluxDB({
      url: o.url,
      ...(o.api === 'v2' && o.token ? { token: o.token } : {}),
      timeout: o.timeoutMs ?? 30_000,
      headers,
      transportOptions: { agent: this.agent },
    });
    this.writeApi = client.getWriteApi(o.org ?? '', o.bucket ?? o.database ?? 'raseed', 'ms', {
      // One request per write(): no timer, no automatic batch split, no in-memory retries.
      batchSize: 1_000_000_000,
      maxBatchBytes: 1024 * 1024 * 1024,
      flushInterval: 0,
      maxRetries: 0,
      maxBufferLines: 1_000_000_000,
      gzipThreshold: o.gzipThreshold ?? (isLoopback(o.url) ? Number.MAX_SAFE_INTEGER : 1000),
      writeFailed: () => undefined,
    });
    if (o.api === 'v1') {
      const q = new URLSearchParams({ db: o.database ?? 'raseed', precision: 'ms' });
      if (o.retentionPolicy) q.set('rp', o.retentionPolicy);
      this.writeApi.path = `/write?${q.toString()}`;
    }
    // The client logs every failed write to the console itself; failures are ours to report (metrics, pino).
    if (o.logger) {
      const l = o.logger;
      setLogger({ error: (msg, err) => l.debug({ err }, `influxdb-client: ${msg}`), warn: (msg, err) => l.debug({ err }, `influxdb-client: ${msg}`) });
    } else {
      setLogger({ error: () => {}, warn: () => {} });
    }
    const mi = o.meterInfo;
    this.info = !mi ? null : typeof mi === 'function' ? cachedMeterInfo(mi) : mi;
  }

  /** The HTTP path writes go to (tests check v1/v2 selection). */
  get path(): string {
    return this.writeApi.path;
  }

  private async tagsOf(r: TelemetryRecord): Promise<MeterTags> {
    if (r.tags) return r.tags;
    if (!this.info) return UNKNOWN_TAGS;
    return this.info.get(r.meterId);
  }

  /** Line protocol of a batch (exported for the bench's "raw ceiling"). */
  async lines(batch: readonly TelemetryRecord[]): Promise<string[]> {
    const out: string[] = new Array(batch.length);
    for (let i = 0; i < batch.length; i++) {
      const r = batch[i]!;
      out[i] = recordLine(r, r.tags ?? (await this.tagsOf(r)));
    }
    return out;
  }

  async write(batch: readonly TelemetryRecord[]): Promise<void> {
    if (!batch.length) return;
    let lines: string[];
    try {
      lines = await this.lines(batch);
    } catch (err) {
      throw new TelemetrySinkError(`meter registry lookup failed: ${(err as Error).message}`, 'unavailable', true, undefined, err);
    }
    this.writeApi.writeRecords(lines);
    try {
      await this.writeApi.flush();
    } catch (err) {
      throw classifyInfluxError(err);
    }
  }

  async close(): Promise<void> {
    try {
      this.writeApi.dispose();
    } catch {}
    this.agent.destroy();
  }
}

function isLoopback(url: string): boolean {
  try {
    const h = new URL(url).hostname;
    return h === 'localhost' || h === '::1' || h === '[::1]' || h.startsWith('127.');
  } catch {
    return false;
  }
}

/** Maps a write failure to a sink error: what to retry and how to count it. */
export function classifyInfluxError(err: unknown): TelemetrySinkError {
  if (err instanceof HttpError) {
    const s = err.statusCode;
    const body = (err.body ?? err.message ?? '').slice(0, 300);
    if (s === 401 || s === 403) return new TelemetrySinkError(`InfluxDB refused the credentials (${s})`, 'auth', true, s, err);
    // 400 (bad line / field type conflict, "partial write"), 413 (too large), 422 (outside retention): the data itself.
    if (s === 400 || s === 413 || s === 422) return new TelemetrySinkError(`InfluxDB rejected the batch (${s}): ${body}`, 'rejected', false, s, err);
    // 404 (database or bucket missing), 429, 5xx: the server, retry.
    return new TelemetrySinkError(`InfluxDB write failed (${s}): ${body}`, 'unavailable', true, s, err);
  }
  const e = err as { code?: string; name?: string; message?: string };
  if (e?.name === 'RequestTimedOutError' || e?.code === 'ETIMEDOUT') return new TelemetrySinkError(`InfluxDB write timed out`, 'timeout', true, undefined, err);
  return new TelemetrySinkError(`InfluxDB unreachable: ${e?.code ?? ''} ${e?.message ?? String(err)}`.trim(), 'unavailable', true, undefined, err);
}

// TelemetryReader on InfluxDB, through InfluxQL over /query, which InfluxDB 1.x, 2.x (with a DBRP mapping for
// the bucket, created automatically by `influx v1 dbrp` or on 2.x setup), 3.x and Cloud all serve.
// Only raw register points are fetched; buckets are computed by the same pure function as the SQL reader.
import { MeterEvent } from '../../../protocols/index.ts';
import { DomainError } from '../../../platform/index.ts';
import type { Queryable } from '../../../platform/index.ts';
import type { RegisterPoint } from './consumption.ts';
import { BaseTelemetryReader, type MeterPoints } from './reader.ts';

export interface InfluxQueryOptions {
  url: string;
  api: 'v2' | 'v1';
  /** v2: token (Authorization: Token …); bucket name as the database (DBRP mapping). */
  token?: string;
  bucket?: string;
  /** v1: database, retention policy, user/password (HTTP Basic). */
  database?: string;
  retentionPolicy?: string;
  username?: string;
  password?: string;
  timeoutMs?: number;
}

/** InfluxDB did not answer a query (down, refused, timed out): not the caller's doing, so 503. */
export class InfluxQueryError extends DomainError {
  override name = 'InfluxQueryError';
  constructor(message: string, readonly status?: number) {
    super('unavailable', 'telemetry_unavailable', `telemetry store unavailable: ${message}`, { exposeCode: false });
  }
}

export interface InfluxSeries {
  name: string;
  tags?: Record<string, string>;
  columns: string[];
  values: unknown[][];
}

interface QueryChunk {
  error?: string;
  results?: { statement_id?: number; error?: string; series?: InfluxSeries[]; partial?: boolean }[];
}

/** Quotes a string literal for InfluxQL. */
export function influxString(v: string): string {
  return `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** Quotes an identifier for InfluxQL. */
export function influxIdent(v: string): string {
  return `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** Runs InfluxQL statements (separated by ;) and returns each statement's series, chunks merged. */
export async function influxQL(o: InfluxQueryOptions, q: string): Promise<InfluxSeries[][]> {
  const db = o.api === 'v2' ? (o.bucket ?? 'raseed') : (o.database ?? 'raseed');
  const params = new URLSearchParams({ db, q, epoch: 'ms', chunked: 'true', chunk_size: '10000' });
  if (o.api === 'v1' && o.retentionPolicy) params.set('rp', o.retentionPolicy);
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
  if (o.api === 'v2' && o.token) headers.authorization = `Token ${o.token}`;
  if (o.api === 'v1' && o.username) headers.authorization = 'Basic ' + Buffer.from(`${o.username}:${o.password ?? ''}`).toString('base64');
  let res: Response;
  try {
    res = await fetch(new URL('/query', o.url), { method: 'POST', body: params, headers, signal: AbortSignal.timeout(o.timeoutMs ?? 30_000) });
  } catch (err) {
    throw new InfluxQueryError(`InfluxDB unreachable: ${(err as Error).message}`);
  }
  const text = await res.text();
  if (!res.ok) throw new InfluxQueryError(`InfluxDB query failed (${res.status}): ${text.slice(0, 300)}`, res.status);
  const out: InfluxSeries[][] = [];
  const index: Map<string, InfluxSeries>[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    let chunk: QueryChunk;
    try {
      chunk = JSON.parse(line) as QueryChunk;
    } catch {
      throw new InfluxQueryError('InfluxDB returned a response that is not JSON');
    }
    if (chunk.error) throw new InfluxQueryError(`InfluxDB query failed: ${chunk.error}`);
    for (const r of chunk.results ?? []) {
      if (r.error) throw new InfluxQueryError(`InfluxQL: ${r.error}`);
      const sid = r.statement_id ?? 0;
      out[sid] ??= [];
      index[sid] ??= new Map();
      for (const s of r.series ?? []) {
        const key = `${s.name}\u0000${JSON.stringify(s.tags ?? {})}`;
        const have = index[sid]!.get(key);
        if (have) for (const v of s.values ?? []) have.values.push(v);
        else {
          const copy = { ...s, values: [...(s.values ?? [])] };
          index[sid]!.set(key, copy);
          out[sid]!.push(copy);
        }
      }
    }
  }
  return out;
}

function points(s: InfluxSeries | undefined): RegisterPoint[] {
  if (!s) return [];
  const ti = s.columns.indexOf('time');
  const ri = s.columns.findIndex((c) => c === 'register' || c === 'last');
  const out: RegisterPoint[] = [];
  for (const v of s.values) {
    const ts = Number(v[ti]);
    const reg = v[ri];
    if (reg === null || reg === undefined || !Number.isFinite(ts)) continue;
    out.push({ ts, register: Number(reg) });
  }
  return out;
}

/** One row of an event measurement back into the wire event it came from; null for a row that is not one. */
function eventOf(type: 'token' | 'relay' | 'tamper' | 'alarm', r: Record<string, unknown>): MeterEvent | null {
  const n = (x: unknown) => (x === null || x === undefined ? undefined : Number(x));
  const base = { v: 1 as const, seq: Number(r.seq), ts: Number(r.time), type };
  const opt = (k: string, x: unknown) => (x === null || x === undefined ? {} : { [k]: x });
  const e = type === 'token'
    ? { ...base, result: r.result, via: r.via, ...opt('ref', r.ref), ...opt('tokenClass', n(r.token_class)), ...opt('subclass', n(r.subclass)), ...opt('tid', n(r.tid)), ...opt('credited', n(r.credited)) }
    : type === 'relay' ? { ...base, state: r.state, cause: r.cause }
      : type === 'tamper' ? { ...base, kind: r.kind, ...opt('cleared', r.cleared) }
        : { ...base, code: r.code, active: r.active };
  const parsed = MeterEvent.safeParse(e);
  return parsed.success ? parsed.data : null;
}

export class InfluxTelemetryReader extends BaseTelemetryReader {
  readonly kind = 'influx' as const;
  private readonly measurement: string;
  private readonly rp: string;

  /** registry: the SQL store, for meters' areas/services and last-seen times (the same source as the SQL reader). */
  constructor(private readonly o: InfluxQueryOptions, registry: Queryable) {
    super(registry);
    this.rp = o.api === 'v1' && o.retentionPolicy ? `${influxIdent(o.retentionPolicy)}.` : '';
    this.measurement = `${this.rp}"reading"`;
  }

  protected async meterPoints(meterId: string, fromMs: number, toMs: number): Promise<MeterPoints> {
    const m = influxString(meterId);
    const [inRange, before] = await influxQL(this.o,
      `SELECT "register" FROM ${this.measurement} WHERE "meter" = ${m} AND time >= ${fromMs}ms AND time < ${toMs}ms; ` +
      `SELECT last("register") FROM ${this.measurement} WHERE "meter" = ${m} AND time < ${fromMs}ms`);
    return { prev: points(before?.[0])[0] ?? null, points: points(inRange?.[0]) };
  }

  /** Events back from the four measurements the sink writes them to (line-protocol.ts eventLine), as MeterEvents. */
  async events(meterId: string, fromMs: number, toMs: number, limit: number): Promise<MeterEvent[]> {
    const where = `WHERE "meter" = ${influxString(meterId)} AND time >= ${fromMs}ms AND time < ${toMs}ms ORDER BY time DESC LIMIT ${Math.trunc(limit)}`;
    const results = await influxQL(this.o, ['token_event', 'relay_event', 'tamper', 'alarm'].map((m) => `SELECT * FROM ${this.rp}"${m}" ${where}`).join('; '));
    const out: MeterEvent[] = [];
    const kinds = ['token', 'relay', 'tamper', 'alarm'] as const;
    results.forEach((series, i) => {
      for (const s of series ?? []) {
        for (const v of s.values) {
          const row = Object.fromEntries(s.columns.map((c, j) => [c, v[j]]));
          const e = eventOf(kinds[i]!, row);
          if (e) out.push(e);
        }
      }
    });
    return out.sort((a, b) => b.ts - a.ts || b.seq - a.seq).slice(0, limit);
  }

  protected async fleetPoints(fromMs: number, toMs: number): Promise<Map<string, MeterPoints>> {
    const [inRange, before] = await influxQL(this.o,
      `SELECT "register" FROM ${this.measurement} WHERE time >= ${fromMs}ms AND time < ${toMs}ms GROUP BY "meter"; ` +
      `SELECT last("register") FROM ${this.measurement} WHERE time < ${fromMs}ms GROUP BY "meter"`);
    const out = new Map<string, MeterPoints>();
    for (const s of inRange ?? []) {
      const id = s.tags?.meter;
      if (id) out.set(id, { prev: null, points: points(s) });
    }
    for (const s of before ?? []) {
      const id = s.tags?.meter;
      const mp = id ? out.get(id) : undefined;
      if (mp) mp.prev = points(s)[0] ?? null;
    }
    return out;
  }
}

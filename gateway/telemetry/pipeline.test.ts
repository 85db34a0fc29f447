import { afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import type { TelemetryReading } from '../../protocols/index.ts';
import { openStore } from '../../platform/index.ts';
import { createMeter } from '../../modules/registry/index.ts';
import { countReadings } from '../readings.ts';
import { SpooledPipeline } from './spooled-pipeline.ts';
import { SpoolFullError } from './spool.ts';
import { SqlTelemetrySink } from './sql-sink.ts';
import { TelemetrySinkError, type TelemetrySink } from './sink.ts';
import type { TelemetryRecord } from './records.ts';
import { SequenceGapTracker } from './gaps.ts';
import { readingLine, eventLine, escapeTag } from './line-protocol.ts';
import { allMigrations } from '../../app/index.ts';

const dirs: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(join(os.tmpdir(), 'raseed-pipe-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const T0 = Date.UTC(2026, 1, 1);
const reading = (seq: number, register = seq * 10): TelemetryReading => ({ v: 1, seq, ts: T0 + seq * 1000, register, credit: 500, relay: 'closed', powerW: 100.5 });

/** A sink that keeps points by identity (meter + ts), like InfluxDB; can be switched down or made to reject. */
class FakeSink implements TelemetrySink {
  readonly name = 'fake';
  points = new Map<string, TelemetryRecord>();
  writes = 0;
  recordsWritten = 0;
  down = false;
  rejectIf: ((r: TelemetryRecord) => boolean) | null = null;
  async write(batch: readonly TelemetryRecord[]): Promise<void> {
    await new Promise((r) => setTimeout(r, 1));
    if (this.down) throw new TelemetrySinkError('down', 'unavailable', true);
    if (this.rejectIf && batch.some(this.rejectIf)) throw new TelemetrySinkError('bad point', 'rejected', false, 400);
    this.writes++;
    this.recordsWritten += batch.length;
    for (const r of batch) this.points.set(`${r.meterId}/${r.kind === 'reading' ? r.reading.ts : r.event.ts}`, r);
  }
  async close(): Promise<void> {}
}

const fastRetry = { minDelayMs: 5, maxDelayMs: 20 };

describe('SpooledPipeline', () => {
  it('writes everything accepted, in batches, and keeps it while the sink is down', async () => {
    const sink = new FakeSink();
    const p = await SpooledPipeline.open({ spool: { dir: tmp() }, sink, batchSize: 100, lingerMs: 5, retry: fastRetry });
    sink.down = true;
    await Promise.all(Array.from({ length: 1000 }, (_, i) => p.acceptReading({ meterId: `M${i % 10}`, reading: reading(Math.floor(i / 10) + 1), receivedAt: Date.now() })));
    await new Promise((r) => setTimeout(r, 100));
    expect(sink.points.size).toBe(0);
    expect(p.stats().depthRecords).toBe(1000);
    expect(p.stats().sinkUp).toBe(false);
    sink.down = false;
    await p.flush(10_000);
    expect(sink.points.size).toBe(1000);
    expect(p.stats().depthRecords).toBe(0);
    expect(sink.writes).toBeLessThanOrEqual(20);
    await p.close();
  });

  it('after a crash (no flush) a restarted pipeline replays only unwritten records: exactly once by identity', async () => {
    const dir = tmp();
    const sink = new FakeSink();
    const p1 = await SpooledPipeline.open({ spool: { dir }, sink, batchSize: 50, lingerMs: 1, retry: fastRetry });
    const accepted: string[] = [];
    for (let w = 0; w < 20; w++) {
      await Promise.all(Array.from({ length: 50 }, (_, i) => {
        const seq = w * 50 + i + 1;
        return p1.acceptReading({ meterId: 'M1', reading: reading(seq), receivedAt: Date.now() }).then(() => accepted.push(`M1/${T0 + seq * 1000}`));
      }));
      if (w === 10) sink.down = true; // the sink goes away; the crash comes with records still spooled
    }
    await p1.kill();
    expect(sink.points.size).toBeLessThan(1000);
    sink.down = false;
    const before = sink.recordsWritten;
    const p2 = await SpooledPipeline.open({ spool: { dir }, sink, batchSize: 50, lingerMs: 1, retry: fastRetry });
    await p2.flush(10_000);
    expect([...sink.points.keys()].sort()).toEqual(accepted.sort());
    // Only what had not been committed was written again (at most one batch in flight may repeat).
    expect(sink.recordsWritten - before).toBeLessThanOrEqual(1000 - before + 50);
    await p2.close();
  });

  it('isolates a record the sink refuses, dead-letters it, and writes the rest', async () => {
    const dir = tmp();
    const sink = new FakeSink();
    sink.rejectIf = (r) => r.kind === 'reading' && r.reading.seq === 37;
    const p = await SpooledPipeline.open({ spool: { dir }, sink, batchSize: 100, lingerMs: 1, retry: fastRetry });
    await Promise.all(Array.from({ length: 100 }, (_, i) => p.acceptReading({ meterId: 'M1', reading: reading(i + 1), receivedAt: Date.now() })));
    await p.flush(10_000);
    expect(sink.points.size).toBe(99);
    const dead = fs.readFileSync(join(dir, 'dead-letter.jsonl'), 'utf8').trim().split('\n');
    expect(dead).toHaveLength(1);
    expect(JSON.parse(dead[0]!).record.reading.seq).toBe(37);
    expect(p.stats().deadLettered).toBe(1);
    await p.close();
  });

  it('refuses readings when the spool is full (bounded), and accepts again once the sink drains it', async () => {
    const sink = new FakeSink();
    sink.down = true;
    const p = await SpooledPipeline.open({ spool: { dir: tmp(), maxBytes: 20_000 }, sink, batchSize: 100, lingerMs: 1, retry: fastRetry });
    let accepted = 0;
    let full = 0;
    for (let i = 1; i <= 300; i++) {
      try {
        await p.acceptReading({ meterId: 'M1', reading: reading(i), receivedAt: Date.now() });
        accepted++;
      } catch (e) {
        expect(e).toBeInstanceOf(SpoolFullError);
        full++;
      }
    }
    expect(full).toBeGreaterThan(0);
    expect(p.stats().backpressure).toBe(true);
    sink.down = false;
    await p.flush(10_000);
    expect(sink.points.size).toBe(accepted);
    await p.acceptReading({ meterId: 'M1', reading: reading(1000), receivedAt: Date.now() });
    await p.close();
  });

  it('detects gaps in a meter\'s sequence and reports them', async () => {
    const sink = new FakeSink();
    const p = await SpooledPipeline.open({ spool: { dir: tmp() }, sink, lingerMs: 1 });
    for (const seq of [1, 2, 3, 7, 8, 5]) await p.acceptReading({ meterId: 'G1', reading: reading(seq), receivedAt: Date.now() });
    expect(p.gaps('G1').map((g) => [g.fromSeq, g.toSeq, g.missing])).toEqual([[4, 4, 1], [6, 6, 1]]);
    expect(p.gaps().length).toBe(2);
    await p.close();
  });

  it('writes into the SQL store through SqlTelemetrySink; replays overwrite', async () => {
    const db = await openStore({ migrations: allMigrations() });
    await createMeter(db, { id: 'S1', service: 'electricity' });
    const dir = tmp();
    const p = await SpooledPipeline.open({ spool: { dir }, sink: new SqlTelemetrySink(db), lingerMs: 1 });
    await Promise.all(Array.from({ length: 500 }, (_, i) => p.acceptReading({ meterId: 'S1', reading: reading(i + 1), receivedAt: Date.now() })));
    // The same readings again (a meter resending after a lost PUBACK).
    await Promise.all(Array.from({ length: 100 }, (_, i) => p.acceptReading({ meterId: 'S1', reading: reading(i + 1), receivedAt: Date.now() })));
    await p.acceptEvent({ meterId: 'S1', event: { v: 1, seq: 1, ts: T0, type: 'token', result: 'accept', via: 'keypad', credited: 1000 }, receivedAt: Date.now() });
    await p.flush(10_000);
    expect(await countReadings(db, 'S1')).toBe(500);
    expect(Number((await db.query<{ n: unknown }>('SELECT count(*) AS n FROM meter_events')).rows[0]!.n)).toBe(1);
    await p.close();
    await db.close();
  });
});

describe('SequenceGapTracker', () => {
  it('opens, fills and splits gaps; tells duplicates from counter restarts', () => {
    const t = new SequenceGapTracker();
    expect(t.observe('m', 10, 100).kind).toBe('first');
    expect(t.observe('m', 11, 101).kind).toBe('next');
    expect(t.observe('m', 15, 105).kind).toBe('gap');
    expect(t.gaps('m').map((g) => [g.fromSeq, g.toSeq])).toEqual([[12, 14]]);
    expect(t.observe('m', 13, 103).kind).toBe('filled');
    expect(t.gaps('m').map((g) => [g.fromSeq, g.toSeq])).toEqual([[12, 12], [14, 14]]);
    expect(t.observe('m', 11, 101).kind).toBe('duplicate');
    expect(t.observe('m', 0, 200).kind).toBe('reset');
    expect(t.observe('m', 1, 201).kind).toBe('next');
  });
});

describe('line protocol', () => {
  const tags = { service: 'electricity', area: 'Al Khuwair, Block 3', tariff: 'res=1' };
  it('writes the documented schema at ms precision with escaped tags', () => {
    expect(readingLine('M1', { ...reading(3), tamper: true, lowCredit: true }, tags)).toBe(
      'reading,meter=M1,service=electricity,area=Al\\ Khuwair\\,\\ Block\\ 3,tariff=res\\=1 register=30i,credit=500i,relay="closed",seq=3i,flags=3i,power_w=100.5 ' + (T0 + 3000),
    );
    expect(eventLine('M1', { v: 1, seq: 4, ts: T0, type: 'token', result: 'accept', via: 'remote', ref: 'a"b', credited: 5 }, tags)).toContain('token_event,meter=M1');
    expect(eventLine('M1', { v: 1, seq: 4, ts: T0, type: 'token', result: 'accept', via: 'remote', ref: 'a"b', credited: 5 }, tags)).toContain('ref="a\\"b",credited=5i ' + T0);
    expect(eventLine('M1', { v: 1, seq: 5, ts: T0, type: 'alarm', code: 'low_credit', active: true }, tags)).toMatch(/^alarm,.*,code=low_credit seq=5i,active=true \d+$/);
    expect(escapeTag('a\nb')).toBe('a\\ b');
  });
});

describe('InfluxTelemetrySink', () => {
  it('writes to /api/v2/write (v2) or /write?db=&rp= (v1), always at ms precision', async () => {
    const { InfluxTelemetrySink, classifyInfluxError } = await import('./influx-sink.ts');
    const v2 = new InfluxTelemetrySink({ url: 'http://127.0.0.1:1', api: 'v2', token: 't', org: 'acme', bucket: 'raseed' });
    expect(v2.path).toMatch(/^\/api\/v2\/write\?/);
    expect(v2.path).toContain('precision=ms');
    expect(v2.path).toContain('bucket=raseed');
    const v1 = new InfluxTelemetrySink({ url: 'http://127.0.0.1:1', api: 'v1', database: 'meters', retentionPolicy: 'autogen', username: 'u', password: 'p' });
    expect(v1.path).toBe('/write?db=meters&precision=ms&rp=autogen');
    expect(v1.path).not.toMatch(/[?&](u|p)=/);
    // Nothing listens on port 1: a retryable "unavailable".
    const err = await v1.write([{ kind: 'reading', meterId: 'M1', reading: reading(1), receivedAt: 0 }]).catch((e) => e);
    expect(err).toBeInstanceOf(TelemetrySinkError);
    expect((err as TelemetrySinkError).kind).toBe('unavailable');
    expect((err as TelemetrySinkError).retryable).toBe(true);
    const { HttpError } = await import('@influxdata/influxdb-client');
    expect(classifyInfluxError(new HttpError(400, 'Bad Request', 'partial write: field type conflict')).retryable).toBe(false);
    expect(classifyInfluxError(new HttpError(401, 'Unauthorized')).kind).toBe('auth');
    expect(classifyInfluxError(new HttpError(503, 'Unavailable')).retryable).toBe(true);
    await v1.close();
    await v2.close();
  });
});

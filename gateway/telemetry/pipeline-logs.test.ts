// What the spooled pipeline logs about refused, skipped, truncated and undecodable records (issue 16, finding 1).
import { afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import type { TelemetryReading } from '../../protocols/index.ts';
import { captureLogger } from '../../test/support/log-capture.ts';
import { SpooledPipeline } from './spooled-pipeline.ts';
import { SpoolFullError, RECORD_HEADER_BYTES, frameRecord } from './spool.ts';
import { TelemetrySinkError, type TelemetrySink } from './sink.ts';
import { encodeRecord, type TelemetryRecord } from './records.ts';

const dirs: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(join(os.tmpdir(), 'raseed-pipe-log-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const T0 = Date.UTC(2026, 1, 1);
const reading = (seq: number): TelemetryReading => ({ v: 1, seq, ts: T0 + seq * 1000, register: seq * 10, credit: 500, relay: 'closed' });
const segFiles = (d: string) => fs.readdirSync(d).filter((f) => f.endsWith('.seg')).sort();

class SwitchSink implements TelemetrySink {
  readonly name = 'switch';
  down = false;
  written: TelemetryRecord[] = [];
  async write(batch: readonly TelemetryRecord[]): Promise<void> {
    if (this.down) throw new TelemetrySinkError('down', 'unavailable', true);
    this.written.push(...batch);
  }
  async close(): Promise<void> {}
}
const fastRetry = { minDelayMs: 2, maxDelayMs: 10 };

async function fillUntilRefused(p: SpooledPipeline, fromSeq: number, attempts: number): Promise<{ accepted: number; refused: number }> {
  let accepted = 0;
  let refused = 0;
  for (let i = 0; i < attempts; i++) {
    try {
      await p.acceptReading({ meterId: 'M1', reading: reading(fromSeq + i), receivedAt: Date.now() });
      accepted++;
    } catch (e) {
      expect(e).toBeInstanceOf(SpoolFullError);
      refused++;
    }
  }
  return { accepted, refused };
}

describe('SpooledPipeline logs', () => {
  it('"spool full, refusing readings" once per episode (with depth and limit), and once when it accepts again', async () => {
    const log = captureLogger();
    const sink = new SwitchSink();
    sink.down = true;
    const p = await SpooledPipeline.open({ spool: { dir: tmp(), maxBytes: 10_000, fsync: 'never' }, sink, logger: log.logger, batchSize: 50, lingerMs: 1, retry: fastRetry });
    const first = await fillUntilRefused(p, 1, 200);
    expect(first.refused).toBeGreaterThan(50);
    let full = log.find('spool full, refusing readings');
    expect(full).toHaveLength(1);
    expect(full[0]).toMatchObject({ reason: 'bytes', limitBytes: 10_000 });
    expect(full[0]!.depthBytes).toBeGreaterThan(9_000);
    expect(log.find('accepting readings again')).toHaveLength(0);

    sink.down = false;
    await p.flush(10_000);
    await p.acceptReading({ meterId: 'M1', reading: reading(500), receivedAt: Date.now() });
    const again = log.find('accepting readings again');
    expect(again).toHaveLength(1);
    expect(again[0]).toMatchObject({ refused: first.refused });

    // A second episode is logged again, once.
    sink.down = true;
    await fillUntilRefused(p, 600, 200);
    full = log.find('spool full, refusing readings');
    expect(full).toHaveLength(2);
    sink.down = false;
    await p.close();
  });

  it('a damaged record is logged with its meter, seq and ts; a torn tail likewise', async () => {
    const dir = tmp();
    const sink = new SwitchSink();
    const p1 = await SpooledPipeline.open({ spool: { dir, fsync: 'never' }, sink, batchSize: 100, lingerMs: 1 });
    sink.down = true;
    const offsets: number[] = [];
    for (let seq = 1; seq <= 10; seq++) {
      offsets.push(p1.spool.headOffset);
      await p1.acceptReading({ meterId: 'MTR-7', reading: reading(seq), receivedAt: T0 });
    }
    await p1.kill();
    const seg = join(dir, segFiles(dir)[0]!);
    const buf = fs.readFileSync(seg);
    const rec4 = offsets[3]! - Number(segFiles(dir)[0]!.slice(0, 16));
    buf[offsets[4]! - 2] ^= 0x01; // the closing brace of record 4's payload: crc fails, meter/seq/ts still legible
    fs.writeFileSync(seg, buf);
    // A torn tail: the frame of an 11th reading without its last 8 bytes.
    const whole = frameRecord(encodeRecord({ kind: 'reading', meterId: 'MTR-7', reading: reading(11), receivedAt: T0 }));
    const torn = whole.subarray(0, whole.length - 8);
    expect(torn.length).toBeGreaterThan(RECORD_HEADER_BYTES);
    fs.appendFileSync(seg, torn);
    expect(rec4).toBeGreaterThanOrEqual(0);

    const log = captureLogger();
    sink.down = false;
    const p2 = await SpooledPipeline.open({ spool: { dir, fsync: 'never' }, sink, logger: log.logger, batchSize: 100, lingerMs: 1 });
    await p2.flush(10_000);
    const skipped = log.find('damaged record skipped');
    expect(skipped).toHaveLength(1);
    expect(skipped[0]!.records).toEqual([{ kind: 'reading', meter: 'MTR-7', seq: 4, ts: T0 + 4000 }]);
    const truncated = log.find('truncated');
    expect(truncated).toHaveLength(1);
    expect(truncated[0]!.records).toEqual([{ kind: 'reading', meter: 'MTR-7', seq: 11, ts: T0 + 11_000 }]);
    expect(sink.written.map((r) => (r.kind === 'reading' ? r.reading.seq : -1))).toEqual([1, 2, 3, 5, 6, 7, 8, 9, 10]);
    await p2.close();
  });

  it('an undecodable spooled record is dead-lettered and logged with what can be read of it', async () => {
    const dir = tmp();
    const sink = new SwitchSink();
    const p1 = await SpooledPipeline.open({ spool: { dir, fsync: 'never' }, sink, batchSize: 100, lingerMs: 1 });
    sink.down = true;
    await p1.spool.append(Buffer.from('{"k":"r","m":"MTR-9","a":1,"d":{"v":1,"seq":12,"ts":1770000000000}'));
    await p1.kill();
    const log = captureLogger();
    sink.down = false;
    const p2 = await SpooledPipeline.open({ spool: { dir, fsync: 'never' }, sink, logger: log.logger, batchSize: 100, lingerMs: 1 });
    await p2.flush(10_000);
    const dead = log.find('undecodable');
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({ meter: 'MTR-9', seq: 12, ts: 1_770_000_000_000 });
    await p2.close();
  });
});

// The batch byte cap of DiskSpool.read and the meter/seq/ts hints of damaged records (issue 16, finding 1).
import { describe, expect, it, afterEach } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { DiskSpool, RECORD_HEADER_BYTES } from './spool.ts';
import { damagedRecordHints } from './damage.ts';
import { encodeRecord } from './records.ts';

const dirs: string[] = [];
function tmp(): string {
  const d = fs.mkdtempSync(join(os.tmpdir(), 'raseed-spool-cap-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const framed = (r: { records: { offset: number; next: number }[] }) => r.records.reduce((n, x) => n + (x.next - x.offset), 0);

describe('DiskSpool.read byte cap', () => {
  it('holds per batch, across the chunks it reads (100 KiB records, 1 MiB cap)', async () => {
    const s = await DiskSpool.open({ dir: tmp(), fsync: 'never' });
    const payload = Buffer.alloc(100 * 1024, 0x61);
    for (let i = 0; i < 60; i++) await s.append(payload); // ≈ 6 MiB
    const cap = 1024 * 1024;
    let pos = s.committedOffset;
    let total = 0;
    let batches = 0;
    for (;;) {
      const r = await s.read(pos, 5000, cap);
      if (!r.records.length) break;
      expect(framed(r)).toBeLessThanOrEqual(cap);
      total += r.records.length;
      batches++;
      pos = r.next;
    }
    expect(total).toBe(60);
    expect(batches).toBe(Math.ceil(60 / Math.floor(cap / (payload.length + RECORD_HEADER_BYTES))));
    await s.close();
  });

  it('returns a single record larger than the cap alone (progress), never two', async () => {
    const s = await DiskSpool.open({ dir: tmp(), fsync: 'never' });
    for (let i = 0; i < 3; i++) await s.append(Buffer.alloc(5000, 0x62));
    const r = await s.read(s.committedOffset, 5000, 1000);
    expect(r.records).toHaveLength(1);
    await s.close();
  });

  it('property: any record sizes and caps — every batch within the cap (or one record), all records read once, in order', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 9000 }), { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 1, max: 40_000 }),
        fc.integer({ min: 1, max: 50 }),
        async (sizes, cap, maxRecords) => {
          const dir = tmp();
          const s = await DiskSpool.open({ dir, fsync: 'never', maxRecordBytes: 10_000, segmentBytes: 64 * 1024 });
          for (let i = 0; i < sizes.length; i++) {
            const b = Buffer.alloc(sizes[i]! + 4, 0x63);
            b.writeUInt32LE(i, 0);
            await s.append(b);
          }
          const seen: number[] = [];
          let pos = s.committedOffset;
          for (;;) {
            const r = await s.read(pos, maxRecords, cap);
            if (!r.records.length) break;
            expect(r.records.length).toBeLessThanOrEqual(maxRecords);
            if (r.records.length > 1) expect(framed(r)).toBeLessThanOrEqual(cap);
            for (const x of r.records) seen.push(x.payload.readUInt32LE(0));
            pos = r.next;
          }
          expect(seen).toEqual(sizes.map((_, i) => i));
          await s.close();
          fs.rmSync(dir, { recursive: true, force: true });
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('damagedRecordHints', () => {
  const rec = (seq: number) => encodeRecord({ kind: 'reading', meterId: 'MTR-0042', receivedAt: 1, reading: { v: 1, seq, ts: 1_770_000_000_000 + seq, register: 10, credit: 5, relay: 'closed' } });

  it('reads meter, seq and ts of each record in a damaged stretch', () => {
    const b = Buffer.concat([Buffer.from([0x52, 0x53, 0x44, 0x00, 1, 2, 3, 4, 5, 6, 7, 8]), rec(7), Buffer.alloc(12), rec(8)]);
    expect(damagedRecordHints(b)).toEqual([
      { kind: 'reading', meter: 'MTR-0042', seq: 7, ts: 1_770_000_000_007 },
      { kind: 'reading', meter: 'MTR-0042', seq: 8, ts: 1_770_000_000_008 },
    ]);
  });

  it('leaves out what it cannot read, and never throws on garbage', () => {
    const torn = rec(9).subarray(0, 30);
    expect(damagedRecordHints(torn)).toEqual([{ kind: 'reading', meter: 'MTR-0042' }]);
    fc.assert(fc.property(fc.uint8Array({ maxLength: 500 }), (b) => Array.isArray(damagedRecordHints(Buffer.from(b)))));
  });
});

import { describe, expect, it, afterEach } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { constants as zc } from 'node:zlib';
import fc from 'fast-check';
import { DiskSpool, SpoolFullError, SpoolLockedError, RECORD_HEADER_BYTES } from './spool.ts';
import { crc32, crc32Fallback } from './crc32.ts';

const dirs: string[] = [];
function tmp(): string {
  const d = fs.mkdtempSync(join(os.tmpdir(), 'raseed-spool-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const enc = (i: number) => Buffer.from(JSON.stringify({ i, pad: 'x'.repeat(i % 37) }));
async function readAll(s: DiskSpool, from = s.committedOffset) {
  const out: string[] = [];
  let pos = from;
  for (;;) {
    const r = await s.read(pos, 1000, 64 * 1024);
    out.push(...r.records.map((x) => x.payload.toString()));
    if (r.next === pos) break;
    pos = r.next;
  }
  return { out, next: pos };
}
const segFiles = (d: string) => fs.readdirSync(d).filter((f) => f.endsWith('.seg')).sort();

describe('crc32', () => {
  it('fallback matches node:zlib', () => {
    expect(zc).toBeDefined();
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (b) => crc32Fallback(b) === crc32(b)));
    expect(crc32Fallback(Buffer.from('123456789'))).toBe(0xcbf43926);
  });
});

describe('DiskSpool', () => {
  it('appends with group commit, reads back in order, replays only uncommitted records after reopen', async () => {
    const dir = tmp();
    const s = await DiskSpool.open({ dir });
    await Promise.all(Array.from({ length: 2000 }, (_, i) => s.append(enc(i))));
    expect(s.depthRecords).toBe(2000);
    const first = await s.read(s.committedOffset, 500);
    expect(first.records).toHaveLength(500);
    expect(JSON.parse(first.records[0]!.payload.toString()).i).toBe(0);
    await s.commit(first.next, 500);
    expect(s.depthRecords).toBe(1500);
    await s.close();

    const s2 = await DiskSpool.open({ dir });
    expect(s2.depthRecords).toBe(1500);
    const { out } = await readAll(s2);
    expect(out.map((x) => JSON.parse(x).i)).toEqual(Array.from({ length: 1500 }, (_, i) => i + 500));
    await s2.close();
  });

  it('refuses a second opener of the same directory', async () => {
    const dir = tmp();
    const s = await DiskSpool.open({ dir });
    await expect(DiskSpool.open({ dir })).rejects.toBeInstanceOf(SpoolLockedError);
    await s.close();
    const again = await DiskSpool.open({ dir });
    await again.close();
  });

  it('truncates a torn tail left by a crash in the middle of a write', async () => {
    const dir = tmp();
    const s = await DiskSpool.open({ dir });
    for (let i = 0; i < 10; i++) await s.append(enc(i));
    await s.kill();
    const seg = join(dir, segFiles(dir).at(-1)!);
    const whole = fs.statSync(seg).size;
    // Half a record: header and part of the payload of an 11th record.
    const torn = Buffer.alloc(RECORD_HEADER_BYTES + 5);
    torn.writeUInt32LE(0x31445352, 0);
    torn.writeUInt32LE(40, 4);
    fs.appendFileSync(seg, torn);
    const truncated: number[] = [];
    const s2 = await DiskSpool.open({ dir, onTruncate: (i) => truncated.push(i.droppedBytes) });
    expect(truncated).toEqual([torn.length]);
    expect(fs.statSync(seg).size).toBe(whole);
    expect(s2.depthRecords).toBe(10);
    await s2.append(enc(10));
    const { out } = await readAll(s2);
    expect(out.map((x) => JSON.parse(x).i)).toEqual(Array.from({ length: 11 }, (_, i) => i));
    await s2.close();
  });

  it('skips a record whose checksum does not match and keeps the ones after it', async () => {
    const dir = tmp();
    const s = await DiskSpool.open({ dir });
    const offsets: number[] = [];
    for (let i = 0; i < 20; i++) {
      offsets.push(s.headOffset);
      await s.append(enc(i));
    }
    await s.close();
    const seg = join(dir, segFiles(dir)[0]!);
    const buf = fs.readFileSync(seg);
    buf[offsets[7]! + RECORD_HEADER_BYTES + 3] ^= 0xff; // flip a payload byte of record 7
    fs.writeFileSync(seg, buf);
    const corrupt: number[] = [];
    const s2 = await DiskSpool.open({ dir, onCorrupt: (i) => corrupt.push(i.position) });
    expect(corrupt).toEqual([offsets[7]]);
    expect(s2.depthRecords).toBe(19);
    const { out } = await readAll(s2);
    expect(out.map((x) => JSON.parse(x).i)).toEqual(Array.from({ length: 20 }, (_, i) => i).filter((i) => i !== 7));
    await s2.close();
  });

  it('survives a damaged length field (resynchronises on the next record)', async () => {
    const dir = tmp();
    const s = await DiskSpool.open({ dir });
    const offsets: number[] = [];
    for (let i = 0; i < 5; i++) {
      offsets.push(s.headOffset);
      await s.append(enc(i));
    }
    await s.close();
    const seg = join(dir, segFiles(dir)[0]!);
    const buf = fs.readFileSync(seg);
    buf.writeUInt32LE(7, offsets[2]! + 4);
    fs.writeFileSync(seg, buf);
    const s2 = await DiskSpool.open({ dir });
    const { out } = await readAll(s2);
    expect(out.map((x) => JSON.parse(x).i)).toEqual([0, 1, 3, 4]);
    await s2.close();
  });

  it('bounded: refuses appends beyond maxBytes (never drops spooled records), accepts again after a commit', async () => {
    const dir = tmp();
    const p = Buffer.alloc(88, 1);
    const s = await DiskSpool.open({ dir, maxBytes: 1000 });
    for (let i = 0; i < 10; i++) await s.append(p); // 10 × 100 bytes
    const err = await s.append(p).catch((e) => e);
    expect(err).toBeInstanceOf(SpoolFullError);
    expect((err as SpoolFullError).reason).toBe('bytes');
    expect(s.depthRecords).toBe(10);
    const r = await s.read(s.committedOffset, 3);
    await s.commit(r.next, 3);
    for (let i = 0; i < 3; i++) await s.append(p);
    await expect(s.append(p)).rejects.toBeInstanceOf(SpoolFullError);
    await s.close();
  });

  it('rolls segments and deletes fully committed ones', async () => {
    const dir = tmp();
    const s = await DiskSpool.open({ dir, segmentBytes: 4096 });
    for (let i = 0; i < 500; i++) await s.append(enc(i));
    expect(segFiles(dir).length).toBeGreaterThan(5);
    const { out, next } = await readAll(s);
    expect(out).toHaveLength(500);
    const half = await s.read(s.committedOffset, 250);
    await s.commit(half.next, 250);
    const before = segFiles(dir).length;
    expect(before).toBeLessThan(segFiles(dir).length + 100);
    await s.commit(next, 250);
    expect(segFiles(dir)).toHaveLength(1);
    expect(s.depthRecords).toBe(0);
    await s.close();
    const s2 = await DiskSpool.open({ dir, segmentBytes: 4096 });
    expect(s2.depthRecords).toBe(0);
    expect((await readAll(s2)).out).toHaveLength(0);
    await s2.append(enc(1));
    expect((await readAll(s2)).out).toHaveLength(1);
    await s2.close();
  });

  it('property: a crash cutting the file anywhere leaves exactly the whole records before the cut', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.string({ minLength: 0, maxLength: 60 }), { minLength: 1, maxLength: 40 }), fc.double({ min: 0, max: 1, noNaN: true }), async (items, cutAt) => {
        const dir = tmp();
        const s = await DiskSpool.open({ dir, fsync: 'never' });
        const ends: number[] = [];
        for (const it of items) {
          await s.append(Buffer.from(JSON.stringify(it)));
          ends.push(s.headOffset);
        }
        await s.kill();
        const seg = join(dir, segFiles(dir)[0]!);
        const size = fs.statSync(seg).size;
        const cut = Math.floor(size * cutAt);
        fs.truncateSync(seg, cut);
        const s2 = await DiskSpool.open({ dir, fsync: 'never' });
        const { out } = await readAll(s2);
        const expected = items.filter((_, i) => ends[i]! <= cut).map((x) => JSON.stringify(x));
        expect(out).toEqual(expected);
        await s2.close();
        fs.rmSync(dir, { recursive: true, force: true });
      }),
      { numRuns: 60 },
    );
  });

  it('group commit keeps throughput high with fsync on every group', async () => {
    const dir = tmp();
    const s = await DiskSpool.open({ dir });
    const payload = Buffer.from(JSON.stringify({ k: 'r', m: 'M0000001', a: Date.now(), d: { v: 1, seq: 1, ts: Date.now(), register: 123456, credit: 5000, relay: 'closed', powerW: 512.5 } }));
    const t0 = performance.now();
    const N = 50_000;
    const waves = 50;
    for (let w = 0; w < waves; w++) await Promise.all(Array.from({ length: N / waves }, () => s.append(payload)));
    const rate = N / ((performance.now() - t0) / 1000);
    expect(s.depthRecords).toBe(N);
    expect(rate).toBeGreaterThan(20_000);
    await s.close();
  });
});

describe('DiskSpool lock', () => {
  it('takes over a LOCK left by a dead process, or by a live one whose pid was reused', async () => {
    const dir = tmp();
    fs.writeFileSync(join(dir, 'LOCK'), '999999999 1');
    const s = await DiskSpool.open({ dir });
    await s.close();
    // pid 1 is alive, but started at another time than recorded: a reused pid.
    fs.writeFileSync(join(dir, 'LOCK'), '1 0');
    const s2 = await DiskSpool.open({ dir });
    expect(fs.readFileSync(join(dir, 'LOCK'), 'utf8')).toMatch(new RegExp(`^${process.pid} \\d+$`));
    await s2.close();
  });
});

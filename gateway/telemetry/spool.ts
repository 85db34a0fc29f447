// A durable, append-only disk spool: the buffer between ingest and the telemetry sinks (InfluxDB, SQL).
//
// Layout (one directory per spool):
//   <base>.seg   segment files; <base> is the global byte offset of the segment's first byte (16 digits)
//   commit.json  {"offset": N, "crc": crc32("N")}: everything below N has been written to the sink
//   LOCK         pid of the process that has the spool open
// Record framing: u32 LE magic 0x31445352 ("RSD1"), u32 LE payload length, u32 LE crc32(payload), payload.
// The magic lets recovery find the next record after a damaged one without trusting a damaged length.
//
// Durability policy (group commit): append() puts a record into the current group and returns the group's
// promise. One writer writes a whole group with a single write() and then fdatasync() (fsync: 'always'), and
// only then resolves every append of the group; whatever arrives meanwhile forms the next group. So an
// acknowledged record is on disk, and the cost is one fdatasync (≈0.5–0.7 ms here) per group, not per record.
// fsync: 'never' leaves flushing to the OS (survives a process crash, not a power cut): benches and tests only.
// A new segment is fsynced and its directory entry made durable before records land in it.
// The commit file is replaced atomically (write tmp, fsync, rename). Losing a commit only replays records,
// which is harmless: sinks are idempotent (a reading's identity is meter + meter timestamp).
//
// Full policy: the spool holds at most maxBytes of uncommitted records (disk use ≤ maxBytes + one segment).
// When an append would exceed that, it is REFUSED with SpoolFullError; nothing already spooled is ever dropped.
// The ingest then does not acknowledge the message (MQTT PUBACK / serial poll), so the meter keeps the reading
// and sends it again later: for billing data, refusing new input beats silently dropping old input.
// The same error is returned when more than maxPendingBytes wait for the disk (bounded memory).
//
// Recovery (open): segments wholly below the commit offset are deleted; the others are scanned record by
// record. A damaged record followed by valid ones (bit rot) is skipped and reported (onCorrupt); a damaged or
// incomplete tail of the last segment (a crash in the middle of a write: never acknowledged) is truncated.
import fs from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { crc32 } from './crc32.ts';
import { isAlive, processStart } from '../../platform/index.ts';

const MAGIC = 0x31445352;
const MAGIC_BYTES = Buffer.from([0x52, 0x53, 0x44, 0x31]);
export const RECORD_HEADER_BYTES = 12;

const pWrite = (fd: number, buf: Buffer, off: number, len: number, pos: number) =>
  new Promise<number>((res, rej) => fs.write(fd, buf, off, len, pos, (err, n) => (err ? rej(err) : res(n))));
const pRead = (fd: number, buf: Buffer, off: number, len: number, pos: number) =>
  new Promise<number>((res, rej) => fs.read(fd, buf, off, len, pos, (err, n) => (err ? rej(err) : res(n))));
const pFdatasync = promisify(fs.fdatasync);
const pFsync = promisify(fs.fsync);
const pFtruncate = promisify(fs.ftruncate);
const pClose = promisify(fs.close);
const pOpen = promisify(fs.open) as (path: string, flags: string | number, mode?: number) => Promise<number>;

export class SpoolError extends Error {
  override name = 'SpoolError';
}
/** The spool holds maxBytes of unwritten records (or maxPendingBytes wait for the disk): the append is refused. */
export class SpoolFullError extends SpoolError {
  override name = 'SpoolFullError';
  constructor(readonly reason: 'bytes' | 'pending', readonly depthBytes: number, readonly limitBytes: number) {
    super(reason === 'bytes' ? `telemetry spool full: ${depthBytes} bytes unwritten, limit ${limitBytes}` : `telemetry spool busy: ${depthBytes} bytes waiting for the disk, limit ${limitBytes}`);
  }
}
export class SpoolClosedError extends SpoolError {
  override name = 'SpoolClosedError';
}
export class SpoolIoError extends SpoolError {
  override name = 'SpoolIoError';
  constructor(message: string, override readonly cause?: unknown) {
    super(message);
  }
}
export class SpoolRecordTooLargeError extends SpoolError {
  override name = 'SpoolRecordTooLargeError';
}
export class SpoolLockedError extends SpoolError {
  override name = 'SpoolLockedError';
}

export interface SpoolOptions {
  dir: string;
  /** Unwritten (uncommitted) bytes the spool may hold; default 1 GiB. */
  maxBytes?: number;
  /** Segment file size; default 16 MiB. */
  segmentBytes?: number;
  /** 'always' (default): fdatasync every group before acknowledging it. 'never': leave it to the OS. */
  fsync?: 'always' | 'never';
  /** Bytes that may wait in memory for the disk; default 32 MiB. */
  maxPendingBytes?: number;
  /** Largest payload; default 1 MiB. */
  maxRecordBytes?: number;
  onCorrupt?: (info: { segment: string; position: number; skippedBytes: number; records?: unknown[] }) => void;
  onTruncate?: (info: { segment: string; position: number; droppedBytes: number; records?: unknown[] }) => void;
  /** Tells what the bytes of a damaged or truncated stretch still show (e.g. meter, seq, ts); passed on as `records`. */
  describeDamaged?: (bytes: Buffer) => unknown[];
}

export interface SpoolRecord {
  /** Global offset of the record's first byte. */
  offset: number;
  /** Offset just past it: commit this to mark the record written. */
  next: number;
  payload: Buffer;
}

export interface SpoolRead {
  records: SpoolRecord[];
  /** Where the next read starts (past skipped damage too). */
  next: number;
}

export interface SpoolStats {
  headOffset: number;
  committedOffset: number;
  depthBytes: number;
  depthRecords: number;
  pendingBytes: number;
  segments: number;
  corruptSkipped: number;
  truncatedBytes: number;
}

interface Segment {
  base: number;
  size: number;
}

interface Group {
  bufs: Buffer[];
  bytes: number;
  records: number;
  promise: Promise<void>;
  resolve: () => void;
  reject: (e: unknown) => void;
}

interface Range {
  from: number;
  to: number;
}

const segName = (base: number) => `${String(base).padStart(16, '0')}.seg`;
const openDirs = new Set<string>();

/** Frames a payload (exported for tests that forge damaged files). */
export function frameRecord(payload: Buffer): Buffer {
  const b = Buffer.allocUnsafe(RECORD_HEADER_BYTES + payload.length);
  b.writeUInt32LE(MAGIC, 0);
  b.writeUInt32LE(payload.length, 4);
  b.writeUInt32LE(crc32(payload), 8);
  payload.copy(b, RECORD_HEADER_BYTES);
  return b;
}

type Probe = { kind: 'ok'; len: number } | { kind: 'short' } | { kind: 'bad' };

function probe(buf: Buffer, i: number, maxRecord: number): Probe {
  if (i + RECORD_HEADER_BYTES > buf.length) return { kind: 'short' };
  if (buf.readUInt32LE(i) !== MAGIC) return { kind: 'bad' };
  const len = buf.readUInt32LE(i + 4);
  if (len > maxRecord) return { kind: 'bad' };
  if (i + RECORD_HEADER_BYTES + len > buf.length) return { kind: 'short' };
  const crc = buf.readUInt32LE(i + 8);
  if (crc32(buf.subarray(i + RECORD_HEADER_BYTES, i + RECORD_HEADER_BYTES + len)) !== crc) return { kind: 'bad' };
  return { kind: 'ok', len };
}

/** Next position ≥ from where a whole valid record starts, or -1. */
function resync(buf: Buffer, from: number, maxRecord: number): number {
  let p = from;
  for (;;) {
    p = buf.indexOf(MAGIC_BYTES, p);
    if (p < 0) return -1;
    if (probe(buf, p, maxRecord).kind === 'ok') return p;
    p++;
  }
}

export class DiskSpool {
  private segments: Segment[] = [];
  private fd = -1;
  private head = 0;
  private committed = 0;
  private depthRecs = 0;
  private group: Group | null = null;
  private pendingBytes = 0;
  private writing = false;
  private writerDone: Promise<void> = Promise.resolve();
  private closed = false;
  private failed: SpoolIoError | null = null;
  private dataWaiters: (() => void)[] = [];
  private corrupt: Range[] = [];
  private readFd: { base: number; fd: number } | null = null;
  private commitChain: Promise<void> = Promise.resolve();
  private corruptSkipped = 0;
  private truncatedBytes = 0;
  readonly maxBytes: number;
  readonly segmentBytes: number;
  readonly maxPendingBytes: number;
  readonly maxRecordBytes: number;
  readonly fsync: 'always' | 'never';

  private constructor(readonly dir: string, private readonly o: SpoolOptions) {
    this.maxBytes = o.maxBytes ?? 1024 * 1024 * 1024;
    this.segmentBytes = o.segmentBytes ?? 16 * 1024 * 1024;
    this.maxPendingBytes = o.maxPendingBytes ?? 32 * 1024 * 1024;
    this.maxRecordBytes = o.maxRecordBytes ?? 1024 * 1024;
    this.fsync = o.fsync ?? 'always';
  }

  static async open(o: SpoolOptions): Promise<DiskSpool> {
    const s = new DiskSpool(o.dir, o);
    await s.recover();
    return s;
  }

  get headOffset(): number {
    return this.head;
  }
  get committedOffset(): number {
    return this.committed;
  }
  get depthBytes(): number {
    return this.head - this.committed;
  }
  get depthRecords(): number {
    return this.depthRecs;
  }

  stats(): SpoolStats {
    return {
      headOffset: this.head, committedOffset: this.committed, depthBytes: this.depthBytes, depthRecords: this.depthRecs,
      pendingBytes: this.pendingBytes, segments: this.segments.length, corruptSkipped: this.corruptSkipped, truncatedBytes: this.truncatedBytes,
    };
  }

  private async recover(): Promise<void> {
    fs.mkdirSync(this.dir, { recursive: true });
    this.lock();
    const bases = fs.readdirSync(this.dir).filter((f) => /^\d{16}\.seg$/.test(f)).map((f) => Number(f.slice(0, 16))).sort((a, b) => a - b);
    this.committed = this.readCommit();
    for (const base of bases) this.segments.push({ base, size: fs.statSync(join(this.dir, segName(base))).size });
    if (!this.segments.length) {
      this.segments.push({ base: this.committed, size: 0 });
      fs.closeSync(fs.openSync(join(this.dir, segName(this.committed)), 'w'));
      this.syncDir();
    }
    // Drop segments wholly committed (keep the last one: it is where appends go).
    while (this.segments.length > 1 && this.segments[0]!.base + this.segments[0]!.size <= this.committed) {
      fs.rmSync(join(this.dir, segName(this.segments.shift()!.base)), { force: true });
    }
    const first = this.segments[0]!;
    if (this.committed < first.base) this.committed = first.base;
    // Scan every remaining segment: count records, note damage, truncate a torn tail.
    for (let k = 0; k < this.segments.length; k++) {
      const seg = this.segments[k]!;
      const last = k === this.segments.length - 1;
      const name = segName(seg.base);
      const buf = seg.size ? fs.readFileSync(join(this.dir, name)) : Buffer.alloc(0);
      let i = 0;
      while (i < buf.length) {
        const p = probe(buf, i, this.maxRecordBytes);
        if (p.kind === 'ok') {
          if (seg.base + i >= this.committed) this.depthRecs++;
          i += RECORD_HEADER_BYTES + p.len;
          continue;
        }
        const n = resync(buf, i + 1, this.maxRecordBytes);
        if (n < 0) {
          if (last) {
            this.truncatedBytes += buf.length - i;
            this.o.onTruncate?.({ segment: name, position: i, droppedBytes: buf.length - i, ...this.described(buf.subarray(i)) });
            const fd = fs.openSync(join(this.dir, name), 'r+');
            fs.ftruncateSync(fd, i);
            fs.fsyncSync(fd);
            fs.closeSync(fd);
            seg.size = i;
          } else {
            this.noteCorrupt(name, seg.base + i, buf.subarray(i));
          }
          break;
        }
        this.noteCorrupt(name, seg.base + i, buf.subarray(i, n));
        i = n;
      }
    }
    const active = this.segments[this.segments.length - 1]!;
    this.head = active.base + active.size;
    if (this.committed > this.head) this.committed = this.head;
    this.fd = fs.openSync(join(this.dir, segName(active.base)), 'r+');
  }

  private noteCorrupt(segment: string, at: number, data: Buffer): void {
    this.corrupt.push({ from: at, to: at + data.length });
    this.corruptSkipped++;
    this.o.onCorrupt?.({ segment, position: at, skippedBytes: data.length, ...this.described(data) });
  }

  private described(data: Buffer): { records?: unknown[] } {
    if (!this.o.describeDamaged) return {};
    try {
      return { records: this.o.describeDamaged(data) };
    } catch {
      return { records: [] };
    }
  }

  private lock(): void {
    const dir = fs.realpathSync(this.dir);
    if (openDirs.has(dir)) throw new SpoolLockedError(`spool ${this.dir} is already open in this process`);
    const path = join(this.dir, 'LOCK');
    try {
      // "pid start-time": a pid reused by another process after a crash (containers) does not hold the lock.
      const [pidText, started] = fs.readFileSync(path, 'utf8').trim().split(' ');
      const pid = Number(pidText);
      if (pid && pid !== process.pid && isAlive(pid) && (started === undefined || started === processStart(pid))) {
        throw new SpoolLockedError(`spool ${this.dir} is in use by process ${pid}`);
      }
    } catch (e) {
      if (e instanceof SpoolLockedError) throw e;
    }
    fs.writeFileSync(path, `${process.pid} ${processStart(process.pid) ?? ''}`.trim());
    openDirs.add(dir);
  }

  private unlock(): void {
    try {
      openDirs.delete(fs.realpathSync(this.dir));
      fs.rmSync(join(this.dir, 'LOCK'), { force: true });
    } catch {}
  }

  private readCommit(): number {
    try {
      const j = JSON.parse(fs.readFileSync(join(this.dir, 'commit.json'), 'utf8')) as { offset?: unknown; crc?: unknown };
      if (typeof j.offset === 'number' && Number.isSafeInteger(j.offset) && j.offset >= 0 && j.crc === crc32(Buffer.from(String(j.offset)))) return j.offset;
    } catch {}
    // Missing or damaged: replay everything retained (sinks are idempotent).
    return 0;
  }

  private syncDir(): void {
    if (this.fsync !== 'always') return;
    try {
      const d = fs.openSync(this.dir, 'r');
      try {
        fs.fsyncSync(d);
      } finally {
        fs.closeSync(d);
      }
    } catch {}
  }

  /** Appends one record; resolves once it is durable (group commit). Rejects with SpoolFullError when full. */
  append(payload: Buffer): Promise<void> {
    if (this.closed) return Promise.reject(new SpoolClosedError('telemetry spool is closed'));
    if (this.failed) return Promise.reject(this.failed);
    if (payload.length > this.maxRecordBytes) return Promise.reject(new SpoolRecordTooLargeError(`record of ${payload.length} bytes exceeds ${this.maxRecordBytes}`));
    const size = RECORD_HEADER_BYTES + payload.length;
    const depth = this.head + this.pendingBytes - this.committed;
    if (depth + size > this.maxBytes) return Promise.reject(new SpoolFullError('bytes', depth, this.maxBytes));
    if (this.pendingBytes + size > this.maxPendingBytes) return Promise.reject(new SpoolFullError('pending', this.pendingBytes, this.maxPendingBytes));
    let g = this.group;
    if (!g) {
      let resolve!: () => void, reject!: (e: unknown) => void;
      const promise = new Promise<void>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      g = this.group = { bufs: [], bytes: 0, records: 0, promise, resolve, reject };
    }
    const h = Buffer.allocUnsafe(RECORD_HEADER_BYTES);
    h.writeUInt32LE(MAGIC, 0);
    h.writeUInt32LE(payload.length, 4);
    h.writeUInt32LE(crc32(payload), 8);
    g.bufs.push(h, payload);
    g.bytes += size;
    g.records++;
    this.pendingBytes += size;
    if (!this.writing) {
      this.writing = true;
      this.writerDone = new Promise<void>((res) => setImmediate(() => void this.runWriter().finally(res)));
    }
    return g.promise;
  }

  private async runWriter(): Promise<void> {
    try {
      while (this.group) {
        const g = this.group;
        this.group = null;
        if (this.closed && this.fd < 0) {
          this.pendingBytes -= g.bytes;
          g.reject(new SpoolClosedError('telemetry spool is closed'));
          continue;
        }
        if (this.failed) {
          this.pendingBytes -= g.bytes;
          g.reject(this.failed);
          continue;
        }
        const active = this.segments[this.segments.length - 1]!;
        try {
          if (active.size > 0 && active.size + g.bytes > this.segmentBytes) await this.roll();
          const seg = this.segments[this.segments.length - 1]!;
          const data = g.bufs.length === 1 ? g.bufs[0]! : Buffer.concat(g.bufs, g.bytes);
          let off = 0;
          while (off < data.length) off += await pWrite(this.fd, data, off, data.length - off, seg.size + off);
          if (this.fsync === 'always') await pFdatasync(this.fd);
          seg.size += g.bytes;
          this.head += g.bytes;
          this.depthRecs += g.records;
          this.pendingBytes -= g.bytes;
          g.resolve();
          this.wake();
        } catch (err) {
          this.pendingBytes -= g.bytes;
          const seg = this.segments[this.segments.length - 1]!;
          // Undo a partial write so the file stays a clean sequence of records.
          try {
            await pFtruncate(this.fd, seg.size);
          } catch (e2) {
            this.failed = new SpoolIoError(`telemetry spool unusable: ${String(e2)}`, e2);
          }
          g.reject(new SpoolIoError(`telemetry spool write failed: ${(err as Error).message}`, err));
        }
      }
    } finally {
      this.writing = false;
    }
  }

  private async roll(): Promise<void> {
    const old = this.segments[this.segments.length - 1]!;
    if (this.fsync === 'always') await pFsync(this.fd);
    await pClose(this.fd);
    const base = old.base + old.size;
    this.fd = await pOpen(join(this.dir, segName(base)), 'w+');
    this.segments.push({ base, size: 0 });
    this.syncDir();
  }

  private wake(): void {
    const w = this.dataWaiters;
    this.dataWaiters = [];
    for (const f of w) f();
  }

  /** Resolves when records at or past `offset` are durable, or the spool closes, or timeoutMs passes. */
  waitForData(offset: number, timeoutMs = 1000): Promise<void> {
    if (this.head > offset || this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      let t: NodeJS.Timeout | undefined = undefined;
      const done = () => {
        clearTimeout(t);
        const i = this.dataWaiters.indexOf(done);
        if (i >= 0) this.dataWaiters.splice(i, 1);
        resolve();
      };
      t = setTimeout(done, timeoutMs);
      this.dataWaiters.push(done);
    });
  }

  /**
   * Reads durable records from `from` (an offset returned as `next` before, or committedOffset): at most
   * maxRecords, and at most maxBytes (framing included) over the whole batch — except that a single record
   * larger than maxBytes is returned alone, so that the reader always makes progress.
   */
  async read(from: number, maxRecords = 5000, maxBytes = 4 * 1024 * 1024): Promise<SpoolRead> {
    if (this.closed) throw new SpoolClosedError('telemetry spool is closed');
    const records: SpoolRecord[] = [];
    let pos = Math.max(from, this.segments[0]?.base ?? 0);
    // Bytes of the batch so far: counted across every chunk read below, not per chunk.
    let bytes = 0;
    let full = false;
    while (records.length < maxRecords && pos < this.head) {
      // Skip known damage.
      const bad = this.corrupt.find((r) => r.from <= pos && pos < r.to);
      if (bad) {
        pos = bad.to;
        continue;
      }
      const seg = this.segments.find((s) => s.base <= pos && pos < s.base + s.size);
      if (!seg) {
        const nextSeg = this.segments.find((s) => s.base > pos);
        if (!nextSeg) break;
        pos = nextSeg.base;
        continue;
      }
      const end = Math.min(seg.base + seg.size, this.head);
      const nextBad = this.corrupt.find((r) => r.from > pos && r.from < end);
      const limit = nextBad ? nextBad.from : end;
      const want = Math.min(limit - pos, Math.max(maxBytes, RECORD_HEADER_BYTES + this.maxRecordBytes));
      const buf = Buffer.allocUnsafe(want);
      const fd = await this.readerFd(seg.base);
      let got = 0;
      while (got < want) {
        const n = await pRead(fd, buf, got, want - got, pos - seg.base + got);
        if (n === 0) break;
        got += n;
      }
      const view = buf.subarray(0, got);
      let i = 0;
      while (records.length < maxRecords && i < view.length) {
        const p = probe(view, i, this.maxRecordBytes);
        if (p.kind === 'ok') {
          const size = RECORD_HEADER_BYTES + p.len;
          if (records.length > 0 && bytes + size > maxBytes) {
            full = true;
            break;
          }
          records.push({ offset: pos + i, next: pos + i + size, payload: view.subarray(i + RECORD_HEADER_BYTES, i + size) });
          bytes += size;
          i += size;
          continue;
        }
        if (p.kind === 'short' && pos + view.length < limit) break; // the rest comes with the next read
        // Damage found while reading (should have been seen at recovery): skip to the next valid record.
        const n = resync(view, i + 1, this.maxRecordBytes);
        const skipTo = n < 0 ? view.length : n;
        this.noteCorrupt(segName(seg.base), pos + i, view.subarray(i, skipTo));
        i = skipTo;
      }
      pos += i;
      if (full || (records.length > 0 && bytes >= maxBytes)) break;
      if (i === 0) break;
    }
    return { records, next: pos };
  }

  private async readerFd(base: number): Promise<number> {
    if (this.readFd?.base === base) return this.readFd.fd;
    if (this.readFd) await pClose(this.readFd.fd).catch(() => {});
    const fd = await pOpen(join(this.dir, segName(base)), 'r');
    this.readFd = { base, fd };
    return fd;
  }

  /**
   * Marks everything below `offset` as written to the sink; `records` of them leave the depth count.
   * Fully committed segments are deleted. Commits are serialised and never move backwards.
   */
  commit(offset: number, records: number): Promise<void> {
    this.commitChain = this.commitChain.then(async () => {
      // After kill() nothing is committed any more (a crashed process commits nothing either).
      if (offset <= this.committed || this.fd < 0) return;
      this.committed = Math.min(offset, this.head);
      this.depthRecs = Math.max(0, this.depthRecs - records);
      const body = JSON.stringify({ offset: this.committed, crc: crc32(Buffer.from(String(this.committed))) });
      const tmp = join(this.dir, 'commit.json.tmp');
      const fd = await pOpen(tmp, 'w');
      try {
        await pWrite(fd, Buffer.from(body), 0, Buffer.byteLength(body), 0);
        if (this.fsync === 'always') await pFdatasync(fd);
      } finally {
        await pClose(fd);
      }
      await fs.promises.rename(tmp, join(this.dir, 'commit.json'));
      while (this.segments.length > 1 && this.segments[0]!.base + this.segments[0]!.size <= this.committed) {
        const s = this.segments.shift()!;
        if (this.readFd?.base === s.base) {
          await pClose(this.readFd.fd).catch(() => {});
          this.readFd = null;
        }
        await fs.promises.rm(join(this.dir, segName(s.base)), { force: true });
        this.corrupt = this.corrupt.filter((r) => r.to > this.committed);
      }
    });
    return this.commitChain;
  }

  /** Waits for pending appends to reach the disk. */
  async sync(): Promise<void> {
    while (this.writing || this.group) {
      await this.writerDone;
      if (this.group && !this.writing) await new Promise((r) => setImmediate(r));
    }
  }

  /** Finishes pending appends and commits, then closes. */
  async close(): Promise<void> {
    if (this.closed) return;
    await this.sync();
    await this.commitChain.catch(() => {});
    this.closed = true;
    this.wake();
    await this.release();
  }

  /**
   * Simulates a crash (tests, benches): stops at once; appends not yet on disk are abandoned (their callers
   * get SpoolClosedError, as a crashed process's callers would get nothing), nothing more is written or committed.
   */
  async kill(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const g = this.group;
    this.group = null;
    if (g) {
      g.reject(new SpoolClosedError('telemetry spool killed'));
      g.promise.catch(() => {});
    }
    this.wake();
    await this.writerDone.catch(() => {});
    await this.release();
  }

  private async release(): Promise<void> {
    if (this.fd >= 0) {
      const fd = this.fd;
      this.fd = -1;
      await pClose(fd).catch(() => {});
    }
    if (this.readFd) {
      await pClose(this.readFd.fd).catch(() => {});
      this.readFd = null;
    }
    this.unlock();
  }
}



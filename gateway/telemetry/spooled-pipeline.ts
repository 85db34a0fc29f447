// The gateway's TelemetryPipeline: ingest → durable spool → writer → sink (InfluxDB or the SQL store).
//
// acceptReading/acceptEvent append to the spool and resolve once the record is on disk (group commit: one
// fdatasync for everything that arrived meanwhile), so the ingest may acknowledge the meter then. One writer
// reads the spool from the commit offset in batches (up to batchSize records, waiting up to lingerMs to fill
// one), writes each batch to the sink, and commits the spool offset only after the sink confirmed. A crash
// anywhere replays from the last commit; sinks are idempotent, so the result is exactly once.
//
// Sink failures: retried for ever with exponential back-off and jitter (the data is safe in the spool); a batch
// the sink rejects as bad data (HTTP 400/413/422) is split in halves until the bad record is isolated, and that
// record goes to dead-letter.jsonl beside the spool (counted, logged) so that one bad record cannot block the rest.
//
// Backpressure: memory is bounded (one batch in the writer, maxPendingBytes waiting for the disk); a slow or
// absent sink makes the spool grow on disk, reported by raseed_telemetry_backpressure, the depth gauges and a
// warning log; when the spool reaches its limit, appends are refused (SpoolFullError) and the ingest does not
// acknowledge, so meters keep their readings and resend. "spool full, refusing readings" is logged once per
// episode (depth and limit), and "accepting readings again" when the next append succeeds.
//
// Every record that is skipped (damaged), truncated (torn tail), undecodable or dead-lettered is logged with
// the meter, seq and ts that can still be read from it (damage.ts).
import fs from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../../platform/index.ts';
import { silentLogger } from '../../platform/index.ts';
import type { IngestedEvent, IngestedReading, TelemetryPipeline } from '../pipeline.ts';
import { DiskSpool, SpoolError, SpoolFullError, type SpoolOptions, type SpoolRead, type SpoolStats } from './spool.ts';
import { decodeRecord, encodeRecord, type MeterTags, type TelemetryRecord } from './records.ts';
import { damagedRecordHints, recordHint } from './damage.ts';
import { TelemetrySinkError, type TelemetrySink } from './sink.ts';
import { SequenceGapTracker, type SequenceGap } from './gaps.ts';
import type { CachedMeterInfo, MeterInfoLookup } from './meter-info.ts';
import { cachedMeterInfo } from './meter-info.ts';
import * as m from './metrics.ts';

export interface RetryOptions {
  /** First delay; default 200 ms. */
  minDelayMs?: number;
  /** Cap; default 15 s. */
  maxDelayMs?: number;
}

export interface SpooledPipelineOptions {
  /** An open spool, or options to open one. */
  spool: DiskSpool | SpoolOptions;
  sink: TelemetrySink;
  logger?: Logger;
  /** Series tags stamped on each record when accepted (so replays reuse them). */
  meterInfo?: MeterInfoLookup | CachedMeterInfo;
  /** Records per sink write; default 5000. */
  batchSize?: number;
  /** How long the writer waits for a batch to fill before writing a partial one; default 50 ms. */
  lingerMs?: number;
  retry?: RetryOptions;
  /** Spool depth (records) above which the sink counts as slower than ingest; default 20 batches. */
  highWaterRecords?: number;
  /** Where records the sink refuses go; default <spool dir>/dead-letter.jsonl. */
  deadLetterPath?: string;
}

export class TelemetryFlushTimeoutError extends Error {
  override name = 'TelemetryFlushTimeoutError';
}

export interface PipelineStats extends SpoolStats {
  sink: string;
  sinkUp: boolean;
  backpressure: boolean;
  written: number;
  /** Sink writes that succeeded (written / batches = mean batch size). */
  batches: number;
  deadLettered: number;
  gaps: number;
  missing: number;
}

export class SpooledPipeline implements TelemetryPipeline {
  private readonly logger: Logger;
  private readonly batchSize: number;
  private readonly lingerMs: number;
  private readonly minDelay: number;
  private readonly maxDelay: number;
  private readonly highWater: number;
  private readonly deadLetterPath: string;
  private readonly info: CachedMeterInfo | null;
  private readonly tracker = new SequenceGapTracker();
  private stopping = false;
  private writer: Promise<void> = Promise.resolve();
  private wakeWriter: (() => void) | null = null;
  private commitWaiters: (() => void)[] = [];
  private flushRequests = 0;
  private timer: NodeJS.Timeout;
  private isSinkUp = true;
  private inBackpressure = false;
  private lastBackpressureLog = 0;
  private failuresSinceLog = 0;
  private written = 0;
  private batches = 0;
  private deadLettered = 0;
  private oldestInFlight: number | null = null;
  private lingering = false;
  /** Since when appends are refused as full (null: accepting), and how many were refused in this episode. */
  private fullSince: number | null = null;
  private refusedWhileFull = 0;

  private constructor(readonly spool: DiskSpool, readonly sink: TelemetrySink, o: SpooledPipelineOptions) {
    this.logger = o.logger ?? silentLogger;
    this.batchSize = o.batchSize ?? 5000;
    this.lingerMs = o.lingerMs ?? 50;
    this.minDelay = o.retry?.minDelayMs ?? 200;
    this.maxDelay = o.retry?.maxDelayMs ?? 15_000;
    this.highWater = o.highWaterRecords ?? this.batchSize * 20;
    this.deadLetterPath = o.deadLetterPath ?? join(spool.dir, 'dead-letter.jsonl');
    const mi = o.meterInfo;
    this.info = !mi ? null : typeof mi === 'function' ? cachedMeterInfo(mi) : mi;
    m.spoolLimitBytes.set(spool.maxBytes);
    m.sinkUp.set({ sink: sink.name }, 1);
    this.timer = setInterval(() => this.report(), 1000);
    this.timer.unref();
    this.writer = this.writerLoop().catch((err) => {
      this.logger.fatal({ err }, 'telemetry writer stopped unexpectedly');
    });
  }

  /** Opens (recovering) the spool and starts the writer: records left by a previous run are written first. */
  static async open(o: SpooledPipelineOptions): Promise<SpooledPipeline> {
    const logger = o.logger ?? silentLogger;
    const spool = o.spool instanceof DiskSpool ? o.spool : await DiskSpool.open({
      describeDamaged: (bytes) => damagedRecordHints(bytes),
      ...o.spool,
      onCorrupt: (i) => {
        m.telemetryErrors.inc({ kind: 'spool_corrupt' });
        logger.error(i, i.records?.length ? 'telemetry spool: damaged record skipped' : 'telemetry spool: damaged record skipped (meter, seq and ts unreadable)');
        (o.spool as SpoolOptions).onCorrupt?.(i);
      },
      onTruncate: (i) => {
        m.telemetryErrors.inc({ kind: 'spool_truncated' });
        logger.warn(i, 'telemetry spool: incomplete tail from an interrupted write truncated (never acknowledged)');
        (o.spool as SpoolOptions).onTruncate?.(i);
      },
    });
    if (spool.depthRecords > 0) logger.info({ records: spool.depthRecords, bytes: spool.depthBytes }, 'telemetry spool: replaying records not yet written');
    return new SpooledPipeline(spool, o.sink, o);
  }

  async acceptReading(r: IngestedReading): Promise<void> {
    const tags = await this.tagsOf(r.meterId);
    await this.append({ kind: 'reading', meterId: r.meterId, reading: r.reading, receivedAt: r.receivedAt, ...(tags ? { tags } : {}) }, 'reading');
    const o = this.tracker.observe(r.meterId, r.reading.seq, r.reading.ts);
    if (o.kind === 'gap') {
      m.sequenceGaps.inc();
      m.sequenceMissing.inc(o.gap.missing);
      this.logger.warn({ meter: r.meterId, fromSeq: o.gap.fromSeq, toSeq: o.gap.toSeq, missing: o.gap.missing }, 'gap in meter reading sequence');
    } else if (o.kind === 'duplicate' || o.kind === 'filled' || o.kind === 'reset') {
      m.sequenceEvents.inc({ kind: o.kind });
      if (o.kind === 'reset') this.logger.info({ meter: r.meterId, seq: r.reading.seq }, 'meter reading sequence restarted');
    }
  }

  async acceptEvent(e: IngestedEvent): Promise<void> {
    const tags = await this.tagsOf(e.meterId);
    await this.append({ kind: 'event', meterId: e.meterId, event: e.event, receivedAt: e.receivedAt, ...(tags ? { tags } : {}) }, 'event');
  }

  private async tagsOf(meterId: string): Promise<MeterTags | null> {
    if (!this.info) return null;
    const t = this.info.get(meterId);
    return t instanceof Promise ? await t : t;
  }

  private async append(rec: TelemetryRecord, kind: 'reading' | 'event'): Promise<void> {
    try {
      await this.spool.append(encodeRecord(rec));
    } catch (err) {
      if (err instanceof SpoolError) {
        const k = err.name === 'SpoolFullError' ? 'spool_full' : err.name === 'SpoolClosedError' ? 'spool_closed' : 'spool_io';
        m.telemetryErrors.inc({ kind: k });
        if (k === 'spool_full') this.onSpoolFull(err as SpoolFullError, rec);
        else if (k === 'spool_io') this.logger.error({ err, ...recordHint(rec) }, 'telemetry spool write failed');
      }
      throw err;
    }
    if (this.fullSince !== null) this.onSpoolAccepting();
    m.telemetryAccepted.inc({ kind });
    if (this.lingering && this.wakeWriter && this.spool.depthRecords >= this.batchSize) this.wakeWriter();
  }

  /** First refusal of a full-spool episode: one warning; later refusals of the episode are only counted. */
  private onSpoolFull(err: SpoolFullError, rec: TelemetryRecord): void {
    this.refusedWhileFull++;
    if (this.fullSince !== null) return;
    this.fullSince = Date.now();
    this.logger.warn({ reason: err.reason, depthBytes: err.depthBytes, limitBytes: err.limitBytes, depthRecords: this.spool.depthRecords, first: recordHint(rec) },
      'telemetry spool full, refusing readings (meters keep them and resend)');
    if (!this.inBackpressure) this.reportBackpressure(true);
  }

  private onSpoolAccepting(): void {
    this.logger.info({ refused: this.refusedWhileFull, fullForMs: Date.now() - this.fullSince!, depthBytes: this.spool.depthBytes, limitBytes: this.spool.maxBytes },
      'telemetry spool accepting readings again');
    this.fullSince = null;
    this.refusedWhileFull = 0;
  }

  /** Open gaps in meters' reading sequences (all meters when meterId is omitted). */
  gaps(meterId?: string, limit?: number): SequenceGap[] {
    return this.tracker.gaps(meterId, limit);
  }

  stats(): PipelineStats {
    return {
      ...this.spool.stats(), sink: this.sink.name, sinkUp: this.isSinkUp, backpressure: this.inBackpressure, written: this.written, batches: this.batches,
      deadLettered: this.deadLettered, gaps: this.tracker.totalGaps, missing: this.tracker.totalMissing,
    };
  }

  /** Waits until everything accepted so far is written to the sink (rejects after timeoutMs if given). */
  async flush(timeoutMs?: number): Promise<void> {
    await this.spool.sync();
    const target = this.spool.headOffset;
    const deadline = timeoutMs === undefined ? Infinity : Date.now() + timeoutMs;
    this.flushRequests++;
    try {
      this.wakeWriter?.();
      while (this.spool.committedOffset < target) {
        if (this.stopping) throw new TelemetryFlushTimeoutError('telemetry pipeline stopped before the flush completed');
        const left = deadline - Date.now();
        if (left <= 0) throw new TelemetryFlushTimeoutError(`telemetry not written within ${timeoutMs} ms (${this.spool.depthRecords} records still spooled)`);
        await new Promise<void>((resolve) => {
          let t: NodeJS.Timeout | undefined = undefined;
          const done = () => {
            clearTimeout(t);
            const i = this.commitWaiters.indexOf(done);
            if (i >= 0) this.commitWaiters.splice(i, 1);
            resolve();
          };
          t = setTimeout(done, Math.min(left, 1000));
          this.commitWaiters.push(done);
        });
      }
    } finally {
      this.flushRequests--;
    }
  }

  /**
   * Stops: waits up to drainTimeoutMs for the sink to take what is spooled, then stops the writer and closes
   * the spool. Whatever is left stays in the spool and is written on the next start.
   */
  async close(drainTimeoutMs = 5000): Promise<void> {
    if (this.stopping) return this.writer;
    try {
      await this.flush(drainTimeoutMs);
    } catch (err) {
      if (!(err instanceof TelemetryFlushTimeoutError)) throw err;
      this.logger.warn({ records: this.spool.depthRecords }, 'telemetry: closing with records still spooled; they are written on the next start');
    }
    this.stopping = true;
    clearInterval(this.timer);
    this.wakeWriter?.();
    await this.writer;
    await this.spool.close();
    await this.sink.close();
  }

  /** Simulates a crash (tests, benches): stops at once, no flush, no further commit; the spool dir can be reopened. */
  async kill(): Promise<void> {
    this.stopping = true;
    clearInterval(this.timer);
    this.wakeWriter?.();
    await this.spool.kill();
    await this.writer;
    await this.sink.close();
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      let t: NodeJS.Timeout | undefined = undefined;
      const done = () => {
        clearTimeout(t);
        if (this.wakeWriter === done) this.wakeWriter = null;
        resolve();
      };
      t = setTimeout(done, ms);
      this.wakeWriter = done;
    });
  }

  private async writerLoop(): Promise<void> {
    let cursor = this.spool.committedOffset;
    let lastWrite = 0;
    while (!this.stopping) {
      if (this.spool.headOffset <= cursor) {
        await Promise.race([this.spool.waitForData(cursor, 1000), this.sleep(1000)]);
        if (this.wakeWriter) this.wakeWriter();
        continue;
      }
      // Fill batches: wait briefly for more when less than a batch is waiting (fewer, larger requests).
      const since = Date.now() - lastWrite;
      if (this.spool.depthRecords < this.batchSize && since < this.lingerMs && this.flushRequests === 0) {
        this.lingering = true;
        await this.sleep(this.lingerMs - since);
        this.lingering = false;
        continue;
      }
      let batch: SpoolRead;
      try {
        batch = await this.spool.read(cursor, this.batchSize);
      } catch (err) {
        if (this.stopping) break;
        m.telemetryErrors.inc({ kind: 'spool_io' });
        this.logger.error({ err }, 'telemetry spool read failed');
        await this.sleep(1000);
        continue;
      }
      if (!batch.records.length) {
        // Only damage was skipped: move past it.
        if (batch.next > cursor) {
          await this.spool.commit(batch.next, 0);
          cursor = batch.next;
        } else await this.sleep(50);
        continue;
      }
      const records: TelemetryRecord[] = [];
      for (const r of batch.records) {
        try {
          records.push(decodeRecord(r.payload));
        } catch (err) {
          m.telemetryErrors.inc({ kind: 'decode' });
          this.deadLetter({ offset: r.offset, payload: r.payload.toString('base64') }, err as Error, damagedRecordHints(r.payload, 1)[0]);
        }
      }
      this.oldestInFlight = records[0]?.receivedAt ?? null;
      lastWrite = Date.now();
      const ok = await this.writeWithRetry(records);
      if (!ok) break; // stopping
      try {
        await this.spool.commit(batch.next, batch.records.length);
      } catch (err) {
        // The sink has the data; a failed commit only means a replay later.
        m.telemetryErrors.inc({ kind: 'spool_io' });
        this.logger.error({ err }, 'telemetry spool commit failed');
      }
      cursor = batch.next;
      this.oldestInFlight = null;
      const w = this.commitWaiters;
      this.commitWaiters = [];
      for (const f of w) f();
    }
  }

  /** Writes records to the sink, retrying until done; false when the pipeline stopped meanwhile. */
  private async writeWithRetry(records: TelemetryRecord[]): Promise<boolean> {
    if (!records.length) return true;
    for (let attempt = 0; ; attempt++) {
      if (this.stopping) return false;
      const end = m.writeDuration.startTimer({ sink: this.sink.name });
      try {
        await this.sink.write(records);
        end({ outcome: 'ok' });
        this.onWritten(records);
        return true;
      } catch (e) {
        end({ outcome: 'error' });
        const err = e instanceof TelemetrySinkError ? e : new TelemetrySinkError(String((e as Error)?.message ?? e), 'internal', true, undefined, e);
        m.telemetryErrors.inc({ kind: `sink_${err.kind}` });
        if (!err.retryable) {
          if (records.length === 1) {
            this.deadLetter(records[0]!, err);
            return true;
          }
          const mid = records.length >> 1;
          this.logger.warn({ sink: this.sink.name, records: records.length, status: err.status }, 'sink rejected a batch; splitting it to isolate the bad record');
          return (await this.writeWithRetry(records.slice(0, mid))) && (await this.writeWithRetry(records.slice(mid)));
        }
        this.onSinkFailure(err, attempt);
        const base = Math.min(this.maxDelay, this.minDelay * 2 ** Math.min(attempt, 20));
        await this.sleep(base / 2 + Math.random() * (base / 2)); // exponential back-off, "equal jitter"
      }
    }
  }

  private onWritten(records: TelemetryRecord[]): void {
    let readings = 0;
    for (const r of records) if (r.kind === 'reading') readings++;
    if (readings) m.pointsWritten.inc({ sink: this.sink.name, kind: 'reading' }, readings);
    if (records.length - readings) m.pointsWritten.inc({ sink: this.sink.name, kind: 'event' }, records.length - readings);
    m.batchSize.observe({ sink: this.sink.name }, records.length);
    this.written += records.length;
    this.batches++;
    if (!this.isSinkUp) {
      this.logger.info({ sink: this.sink.name, failures: this.failuresSinceLog }, 'telemetry sink is back; writing the spooled backlog');
      this.failuresSinceLog = 0;
    }
    this.isSinkUp = true;
    m.sinkUp.set({ sink: this.sink.name }, 1);
  }

  private onSinkFailure(err: TelemetrySinkError, attempt: number): void {
    this.failuresSinceLog++;
    if (this.isSinkUp || attempt % 20 === 0) {
      this.logger.warn({ sink: this.sink.name, kind: err.kind, status: err.status, err: err.message, attempt, spooled: this.spool.depthRecords }, 'telemetry sink write failed; records stay in the spool, retrying with back-off');
    }
    this.isSinkUp = false;
    m.sinkUp.set({ sink: this.sink.name }, 0);
  }

  private deadLetter(rec: TelemetryRecord | { offset: number; payload: string }, err: Error, hint = 'kind' in rec ? recordHint(rec) : undefined): void {
    this.deadLettered++;
    m.telemetryErrors.inc({ kind: 'dead_letter' });
    this.logger.error({ err: err.message, ...hint }, 'kind' in rec ? 'telemetry record refused by the sink; moved to the dead-letter file' : 'telemetry spool record undecodable; moved to the dead-letter file');
    try {
      fs.appendFileSync(this.deadLetterPath, JSON.stringify({ at: new Date().toISOString(), error: err.message, record: rec }) + '\n');
    } catch (e) {
      this.logger.error({ err: e }, 'could not write the dead-letter file');
    }
  }

  private report(): void {
    m.spoolDepthRecords.set(this.spool.depthRecords);
    m.spoolDepthBytes.set(this.spool.depthBytes);
    m.writerLag.set(this.oldestInFlight === null ? 0 : (Date.now() - this.oldestInFlight) / 1000);
    const slow = !this.isSinkUp || this.spool.depthRecords > this.highWater;
    this.reportBackpressure(slow);
  }

  private reportBackpressure(on: boolean, detail?: string): void {
    const now = Date.now();
    if (on && (!this.inBackpressure || now - this.lastBackpressureLog > 30_000)) {
      this.lastBackpressureLog = now;
      this.logger.warn({ sink: this.sink.name, sinkUp: this.isSinkUp, spooledRecords: this.spool.depthRecords, spooledBytes: this.spool.depthBytes, limitBytes: this.spool.maxBytes, detail },
        'telemetry backpressure: the sink is slower than ingest; readings are held in the disk spool');
    } else if (!on && this.inBackpressure) {
      this.logger.info({ spooledRecords: this.spool.depthRecords }, 'telemetry backpressure cleared');
    }
    this.inBackpressure = on;
    m.backpressure.set(on ? 1 : 0);
  }
}

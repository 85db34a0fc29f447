// What a damaged or truncated stretch of the spool still tells: meter, seq and ts of the records in it.
//
// The spool skips bytes it cannot trust (bad checksum, bad length, a torn tail). Those bytes are usually one
// record's JSON payload (records.ts) with a few flipped bits, so the meter id, sequence number and meter time
// can often still be read — enough for an operator to find the reading again (the meter's own log, a resend).
// Best effort, never trusted as data: a field that cannot be read is left out, and nothing here throws.
import type { TelemetryRecord } from './records.ts';

/** What could be read of one skipped record; every field is optional. */
export interface DamagedRecordHint {
  meter?: string;
  seq?: number;
  ts?: number;
  kind?: 'reading' | 'event';
}

/** At most this many hints per stretch (a damaged segment tail may hold thousands of records). */
export const MAX_HINTS = 200;

const RECORD_START = Buffer.from('{"k":"');
const METER = /"m":"([\w.:@+-]{1,64})"/;
const SEQ = /"seq":(\d{1,15})[,}]/;
const TS = /"ts":(\d{1,15})[,}]/;
const KIND = /^\{"k":"([re])"/;

/** Hints for the records found in `bytes` (split at each record's start, `{"k":"`); [] when nothing is legible. */
export function damagedRecordHints(bytes: Buffer, max = MAX_HINTS): DamagedRecordHint[] {
  const starts: number[] = [];
  for (let p = bytes.indexOf(RECORD_START); p >= 0 && starts.length < max; p = bytes.indexOf(RECORD_START, p + 1)) starts.push(p);
  // Bytes before the first record start (a damaged header, or a payload whose start is damaged) form a piece too.
  if (!starts.length || starts[0]! > 0) starts.unshift(0);
  const out: DamagedRecordHint[] = [];
  for (let k = 0; k < starts.length && out.length < max; k++) {
    const piece = bytes.subarray(starts[k]!, starts[k + 1] ?? bytes.length).toString('latin1');
    const h: DamagedRecordHint = {};
    const kind = KIND.exec(piece)?.[1];
    if (kind) h.kind = kind === 'r' ? 'reading' : 'event';
    const meter = METER.exec(piece)?.[1];
    if (meter) h.meter = meter;
    const seq = SEQ.exec(piece)?.[1];
    if (seq) h.seq = Number(seq);
    const ts = TS.exec(piece)?.[1];
    if (ts) h.ts = Number(ts);
    if (h.meter !== undefined || h.seq !== undefined || h.ts !== undefined) out.push(h);
  }
  return out;
}

/** meter, seq, ts and kind of a decoded record: what a log line about it carries. */
export function recordHint(r: TelemetryRecord): DamagedRecordHint {
  const d = r.kind === 'reading' ? r.reading : r.event;
  return { meter: r.meterId, seq: d.seq, ts: d.ts, kind: r.kind };
}

// InfluxDB schema of Raseed telemetry, as line protocol (precision: milliseconds).
//
// Precision is ms on purpose: the meter clock (`ts`) is epoch milliseconds, and the timestamp IS the
// reading's identity. Writing the meter's own ms keeps it exact (no rounding that could merge two
// readings, as 's' would), and costs nothing compared with 'ns' while keeping the numbers small.
//
//   reading,meter=<id>,service=<electricity|water>,area=<area>,tariff=<class>
//       register=<Wh|L>i,credit=<Wh|L>i,relay="closed|open|armed",seq=<n>i,flags=<bits>i
//       [,power_w=<f>][,voltage_v=<f>][,current_a=<f>][,flow_lph=<f>]   <meter ts, ms>
//     flags: 1 tamper, 2 low credit, 4 emergency credit (same bits as the SQL store's readings.flags)
//   token_event,<tags> seq=i,result="accept|...",via="keypad|remote|serial"[,ref=""][,token_class=i][,subclass=i][,tid=i][,credited=i]
//   relay_event,<tags> seq=i,state="closed|open|armed",cause="command|credit_exhausted|..."
//   tamper,<tags>,kind=<cover_open|magnetic|reverse_flow|bypass> seq=i,cleared=<bool>
//   alarm,<tags>,code=<low_credit|...> seq=i,active=<bool>
// <tags> = meter, service, area, tariff: all low cardinality (meter count × a few), never seq or values.
// Identity of a point = measurement + tags + timestamp, so a replayed record overwrites itself: that is what
// makes the spool's at-least-once delivery exactly-once in InfluxDB. tamper kind and alarm code are tags so
// that two different tamper kinds or alarms in the same millisecond do not overwrite each other.
import type { MeterEvent, TelemetryReading } from '../../protocols/index.ts';
import { readingFlags } from '../meter-state.ts';
import type { MeterTags, TelemetryRecord } from './records.ts';

const TAG_ESC = /[,= \\\n\r]/g;
/** Escapes a tag value (commas, equals signs, spaces, backslashes; newlines become spaces). */
export function escapeTag(v: string): string {
  return v.replace(TAG_ESC, (c) => (c === '\n' || c === '\r' ? '\\ ' : '\\' + c));
}

/** Escapes a string field value. */
export function escapeString(v: string): string {
  return '"' + v.replace(/["\\]/g, '\\$&').replace(/[\n\r]/g, ' ') + '"';
}

const num = (v: number) => (Number.isInteger(v) ? v.toFixed(1) : String(v));

export function seriesTags(meterId: string, t: MeterTags): string {
  return `meter=${escapeTag(meterId)},service=${escapeTag(t.service)},area=${escapeTag(t.area)},tariff=${escapeTag(t.tariff)}`;
}

export function readingLine(meterId: string, r: TelemetryReading, t: MeterTags): string {
  let f = `register=${r.register}i,credit=${r.credit}i,relay="${r.relay}",seq=${r.seq}i,flags=${readingFlags(r)}i`;
  if (r.powerW !== undefined) f += `,power_w=${num(r.powerW)}`;
  if (r.voltageV !== undefined) f += `,voltage_v=${num(r.voltageV)}`;
  if (r.currentA !== undefined) f += `,current_a=${num(r.currentA)}`;
  if (r.flowLph !== undefined) f += `,flow_lph=${num(r.flowLph)}`;
  return `reading,${seriesTags(meterId, t)} ${f} ${r.ts}`;
}

export function eventLine(meterId: string, e: MeterEvent, t: MeterTags): string {
  const tags = seriesTags(meterId, t);
  switch (e.type) {
    case 'token': {
      let f = `seq=${e.seq}i,result=${escapeString(e.result)},via=${escapeString(e.via)}`;
      if (e.ref !== undefined) f += `,ref=${escapeString(e.ref)}`;
      if (e.tokenClass !== undefined) f += `,token_class=${e.tokenClass}i`;
      if (e.subclass !== undefined) f += `,subclass=${e.subclass}i`;
      if (e.tid !== undefined) f += `,tid=${e.tid}i`;
      if (e.credited !== undefined) f += `,credited=${e.credited}i`;
      return `token_event,${tags} ${f} ${e.ts}`;
    }
    case 'relay':
      return `relay_event,${tags} seq=${e.seq}i,state=${escapeString(e.state)},cause=${escapeString(e.cause)} ${e.ts}`;
    case 'tamper':
      return `tamper,${tags},kind=${escapeTag(e.kind)} seq=${e.seq}i,cleared=${e.cleared ? 'true' : 'false'} ${e.ts}`;
    case 'alarm':
      return `alarm,${tags},code=${escapeTag(e.code)} seq=${e.seq}i,active=${e.active ? 'true' : 'false'} ${e.ts}`;
  }
}

export function recordLine(r: TelemetryRecord, t: MeterTags): string {
  return r.kind === 'reading' ? readingLine(r.meterId, r.reading, t) : eventLine(r.meterId, r.event, t);
}

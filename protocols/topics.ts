// MQTT topic names. Versioned so that a v2 payload can live beside v1 during a fleet migration.
// A meter owns everything under `raseed/v1/meters/<meterId>/`; it may publish to
// telemetry, events, acks and status, and subscribe only to its commands topic.

export const TOPIC_ROOT = 'raseed/v1/meters';

export type MeterTopicKind = 'telemetry' | 'events' | 'acks' | 'status' | 'commands';

/** Kinds a meter may publish on; `commands` flows the other way. */
export const METER_PUBLISH_KINDS: readonly MeterTopicKind[] = ['telemetry', 'events', 'acks', 'status'];

/** A meter id as it appears in topics: the STS meter number (11 or 13 digits) or a serial-bus id. */
export const METER_ID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;

export function meterTopic(meterId: string, kind: MeterTopicKind): string {
  if (!METER_ID_PATTERN.test(meterId)) throw new TopicError(`invalid meter id "${meterId}"`);
  return `${TOPIC_ROOT}/${meterId}/${kind}`;
}

/** Subscription filter for one kind across the whole fleet. */
export function fleetFilter(kind: MeterTopicKind): string {
  return `${TOPIC_ROOT}/+/${kind}`;
}

/** Same filter as an MQTT 5 / Mosquitto / EMQX shared subscription, so gateway instances split the load. */
export function sharedFleetFilter(kind: MeterTopicKind, group = 'raseed-gateway'): string {
  return `$share/${group}/${fleetFilter(kind)}`;
}

export interface ParsedMeterTopic {
  meterId: string;
  kind: MeterTopicKind;
}

export class TopicError extends Error {
  override name = 'TopicError';
}

const KINDS = new Set<string>(['telemetry', 'events', 'acks', 'status', 'commands']);

/** Parses a concrete topic; returns null for anything that is not a meter topic of v1. */
export function parseMeterTopic(topic: string): ParsedMeterTopic | null {
  const parts = topic.split('/');
  if (parts.length !== 5 || parts[0] !== 'raseed' || parts[1] !== 'v1' || parts[2] !== 'meters') return null;
  const meterId = parts[3]!;
  const kind = parts[4]!;
  if (!METER_ID_PATTERN.test(meterId) || !KINDS.has(kind)) return null;
  return { meterId, kind: kind as MeterTopicKind };
}

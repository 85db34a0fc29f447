// Topic ACLs: a meter publishes only under its own prefix and subscribes only to its own command topic.
// The gateway's service account reads every meter topic and writes commands. Pure functions.
import { METER_PUBLISH_KINDS, TOPIC_ROOT, parseMeterTopic } from '../protocols/index.ts';

export type Identity =
  | { kind: 'meter'; meterId: string }
  | { kind: 'service'; name: string }
  /** An edge agent (data concentrator): publishes for, and receives commands for, exactly its assigned meters (a live set). */
  | { kind: 'edge'; edgeId: string; meters: ReadonlySet<string> }
  /** Unauthenticated clients, only when the broker is configured to allow them (conformance runs). */
  | { kind: 'anonymous' };

export function canPublish(who: Identity, topic: string): boolean {
  if (topic.startsWith('$')) return false;
  if (who.kind === 'service') return true;
  if (who.kind === 'anonymous') return !topic.startsWith(TOPIC_ROOT + '/') && topic !== TOPIC_ROOT;
  const t = parseMeterTopic(topic);
  if (who.kind === 'edge') return t !== null && who.meters.has(t.meterId) && METER_PUBLISH_KINDS.includes(t.kind);
  return t !== null && t.meterId === who.meterId && METER_PUBLISH_KINDS.includes(t.kind);
}

/** May this publish keep its retain flag? Meters never (they must not pin broker memory); the service account may. */
export function canRetain(who: Identity, topic: string): boolean {
  if (who.kind === 'meter' || who.kind === 'edge') return false;
  return canPublish(who, topic);
}

export function canSubscribe(who: Identity, filter: string): boolean {
  if (who.kind === 'service') return true;
  if (who.kind === 'anonymous') {
    // Anonymous clients never see meter topics, not even through wildcards.
    if (filter.startsWith('#') || filter.startsWith('+') || filter.startsWith('$')) return false;
    return !filter.startsWith('raseed/');
  }
  if (who.kind === 'edge') {
    // Exact command topics of its own meters only: no wildcard could be narrowed to them.
    const t = parseMeterTopic(filter);
    return t !== null && t.kind === 'commands' && who.meters.has(t.meterId);
  }
  return filter === `${TOPIC_ROOT}/${who.meterId}/commands`;
}

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canPublish, canRetain, canSubscribe, type Identity } from './acl.ts';
import { isWellFormedUsername } from './limits.ts';

describe('edge identities', () => {
  const meters = new Set(['M1', 'M2']);
  const edge: Identity = { kind: 'edge', edgeId: 'conc-1', meters };

  it('publishes meter kinds and subscribes to command topics of exactly its meters', () => {
    for (const kind of ['telemetry', 'events', 'acks', 'status']) {
      expect(canPublish(edge, `raseed/v1/meters/M1/${kind}`)).toBe(true);
      expect(canPublish(edge, `raseed/v1/meters/M3/${kind}`)).toBe(false);
    }
    expect(canPublish(edge, 'raseed/v1/meters/M1/commands')).toBe(false);
    expect(canSubscribe(edge, 'raseed/v1/meters/M2/commands')).toBe(true);
    expect(canSubscribe(edge, 'raseed/v1/meters/M2/telemetry')).toBe(false);
    expect(canRetain(edge, 'raseed/v1/meters/M1/status')).toBe(false);
  });

  it('no wildcard or foreign topic gets through', () => {
    fc.assert(fc.property(fc.string({ maxLength: 60 }), (topic) => {
      const sub = canSubscribe(edge, topic);
      const pub = canPublish(edge, topic);
      const ok = (t: string, kinds: string[]) => /^raseed\/v1\/meters\/(M1|M2)\/(\w+)$/.exec(t)?.[2] !== undefined && kinds.includes(t.split('/')[4]!);
      return (!sub || ok(topic, ['commands'])) && (!pub || ok(topic, ['telemetry', 'events', 'acks', 'status']));
    }), { numRuns: 500 });
    for (const f of ['#', '+/+/+/+/+', 'raseed/v1/meters/+/commands', 'raseed/v1/meters/#', '$SYS/#']) expect(canSubscribe(edge, f)).toBe(false);
  });

  it('a meter leaving the live set loses its topics at once', () => {
    const live = new Set(['A1']);
    const e: Identity = { kind: 'edge', edgeId: 'x', meters: live };
    expect(canSubscribe(e, 'raseed/v1/meters/A1/commands')).toBe(true);
    live.delete('A1');
    expect(canSubscribe(e, 'raseed/v1/meters/A1/commands')).toBe(false);
  });

  it('edge usernames are well formed as edge:<id>', () => {
    expect(isWellFormedUsername('edge:conc-1')).toBe(true);
    expect(isWellFormedUsername('edge:')).toBe(false);
    expect(isWellFormedUsername('edge:a/b')).toBe(false);
  });
});

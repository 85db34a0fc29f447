// State from acknowledgements (issue 16): a relay command the meter acknowledges shows in the API at once (not at
// the next reading, up to an hour away for real meters), and so does the credit of a token the meter accepted.
// A reading dated before the acknowledgement, arriving later, does not roll either back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, eventually, type TestStack } from './support/stack.ts';
import type { RaseedModule } from '../app/index.ts';
import type { TokenDecoderPort } from '../meter-sim/index.ts';
import { createPolicyModule } from '../modules/policy/index.ts';
import { createMeter } from '../modules/registry/index.ts';

/** A 20-digit token starting with 9 credits 50 kWh, once (stands in for STS). */
const fakeSts: RaseedModule = {
  name: 'fake-sts',
  async start() {
    return {
      simDecoderFor: (): TokenDecoderPort => {
        const used = new Set<string>();
        return {
          enter(digits) {
            if (!/^9\d{19}$/.test(digits) || used.has(digits)) return { result: 'used' };
            used.add(digits);
            return { result: 'accept', tokenClass: 0, subclass: 0, tid: 1, credit: 50_000 };
          },
        };
      },
    };
  },
};

let s: TestStack;
let admin: string;
const meter = async (id: string) => (await s.api(`/api/v1/meters/${id}`, { token: admin })).body;

beforeAll(async () => {
  // One reading at start, the next in an hour: whatever changes before then came from acks and events.
  s = await startTestStack({ SIM_METERS: '2', SIM_INTERVAL: '3600' }, { modules: [fakeSts, createPolicyModule({ now: () => Date.parse('2026-11-24T10:00:00+04:00') })] });
  admin = await s.adminToken();
  await eventually(async () => s.plan.every((p) => s.online.has(p.id)) && (await meter(s.plan[0]!.id)).latestReading);
});
afterAll(async () => {
  await s?.stop();
});

describe('state from acknowledgements', () => {
  it('an acknowledged cut shows the relay open at once, and an older reading arriving later does not close it', async () => {
    const id = s.plan.find((p) => p.service === 'electricity')!.id;
    expect((await meter(id)).relay).toBe('closed');
    const before = (await meter(id)).latestReading;
    const rec = await s.commands.issue(id, { type: 'relay', action: 'disconnect' } as never, { issuer: 'test', reason: 'customer_request' });
    await eventually(async () => (await s.api(`/api/v1/commands/${rec.reference}`, { token: admin })).body.status === 'acknowledged');
    const m = await eventually(async () => { const v = await meter(id); return v.relay === 'open' && v; }, 5_000, 50);
    expect(m.latestReading.seq).toBe(before.seq); // no new reading: the state came from the acknowledgement
    // A reading the meter buffered before the cut (dated between the held reading and the ack) arrives late.
    const heldTs = Date.parse(before.ts);
    const r = await s.ingest!.handle(id, 'telemetry', { v: 1, seq: before.seq + 1, ts: heldTs + 1, register: 123_456, credit: 999, relay: 'closed' }, 'mqtt');
    expect(r.ok).toBe(true);
    await eventually(async () => (await meter(id)).latestReading.seq === before.seq + 1);
    expect((await meter(id)).relay).toBe('open');
    // A reading newer than the ack moves it on as usual.
    const acked = Date.now();
    await s.ingest!.handle(id, 'telemetry', { v: 1, seq: before.seq + 2, ts: acked + 1, register: 123_457, credit: 999, relay: 'closed' }, 'mqtt');
    await eventually(async () => (await meter(id)).relay === 'closed');
  });

  it('the acknowledgement alone (no relay event) updates the relay, once, and a replayed ack changes nothing', async () => {
    await createMeter(s.db, { id: 'ACK-ONLY-1', service: 'water', transport: 'mqtt' });
    const t0 = Date.now() - 10_000;
    await s.ingest!.handle('ACK-ONLY-1', 'telemetry', { v: 1, seq: 1, ts: t0, register: 10, credit: 5_000, relay: 'closed' }, 'mqtt');
    await eventually(async () => (await meter('ACK-ONLY-1')).relay === 'closed');
    const rec = await s.commands.issue('ACK-ONLY-1', { type: 'relay', action: 'disconnect' } as never, { issuer: 'test', reason: 'customer_request' });
    const ack = { v: 1, ref: rec.reference, ts: t0 + 5_000, status: 'ok', result: 'open' };
    expect((await s.ingest!.handle('ACK-ONLY-1', 'acks', ack, 'mqtt')).ok).toBe(true);
    expect((await meter('ACK-ONLY-1')).relay).toBe('open'); // at once: no polling needed
    // Late reading dated before the ack: relay stays open, credit and register move.
    await s.ingest!.handle('ACK-ONLY-1', 'telemetry', { v: 1, seq: 2, ts: t0 + 1_000, register: 11, credit: 4_990, relay: 'closed' }, 'mqtt');
    await eventually(async () => (await meter('ACK-ONLY-1')).latestReading.seq === 2);
    expect(await meter('ACK-ONLY-1')).toMatchObject({ relay: 'open', credit: 4_990 });
    // A failed or rejected ack changes nothing.
    const rec2 = await s.commands.issue('ACK-ONLY-1', { type: 'relay', action: 'reconnect' } as never, { issuer: 'test', reason: 'payment_received' });
    await s.ingest!.handle('ACK-ONLY-1', 'acks', { v: 1, ref: rec2.reference, ts: t0 + 6_000, status: 'failed', result: 'relay_stuck' }, 'mqtt');
    expect((await meter('ACK-ONLY-1')).relay).toBe('open');
  });

  it('an accepted token raises the credit at once, once, and an older reading does not take it back', async () => {
    const id = s.plan.find((p) => p.service === 'electricity')!.id;
    const sim = s.fleet!.byId.get(id)!;
    const start = (await meter(id)).credit as number;
    const tokenTs = Date.now();
    expect(sim.meter.enterToken('90000000000000000001', tokenTs, 'keypad').result).toBe('accept');
    await eventually(async () => (await meter(id)).credit === start + 50_000, 5_000, 50);
    // The same token event redelivered (QoS 1) adds nothing.
    const held = (await meter(id)).latestReading;
    await s.ingest!.handle(id, 'events', { v: 1, seq: 9_000, ts: tokenTs, type: 'token', result: 'accept', via: 'keypad', credited: 50_000 }, 'mqtt');
    expect((await meter(id)).credit).toBe(start + 50_000);
    // A reading taken before the token, arriving late, keeps the credit; a reading after it sets it.
    await s.ingest!.handle(id, 'telemetry', { v: 1, seq: held.seq + 1, ts: tokenTs - 1, register: 200_000, credit: start - 10, relay: 'closed' }, 'mqtt');
    await eventually(async () => (await meter(id)).latestReading.seq === held.seq + 1);
    expect((await meter(id)).credit).toBe(start + 50_000);
    await s.ingest!.handle(id, 'telemetry', { v: 1, seq: held.seq + 2, ts: tokenTs + 1, register: 200_001, credit: start + 49_990, relay: 'closed' }, 'mqtt');
    await eventually(async () => (await meter(id)).credit === start + 49_990);
  });
});

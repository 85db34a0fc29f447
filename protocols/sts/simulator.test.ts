// The meter-side decoder inside the simulated meter (meter-sim's TokenDecoderPort).
import { describe, expect, it } from 'vitest';
import { createSimMeter, meterNumber } from '../../meter-sim/index.ts';
import type { TokenDecoderPort } from '../../meter-sim/index.ts';
import { MeterTokenDecoder } from './meter-decoder.ts';
import { makeDecoderKeyParams } from './dkga.ts';
import { SoftwareKeyStore } from './keystore.ts';
import type { MeterKeyRef } from './keystore.ts';
import { vendCreditToken, vendKeyChange } from './vend.ts';

describe('simulated meter with the STS decoder', () => {
  it('takes credit, rejects replays and wrong-key tokens, and survives a roll-over key change', async () => {
    const store = new SoftwareKeyStore();
    store.addVendingKey('vk', 'abababababababab', '02');
    const drn = meterNumber(1, 4);
    const ref = (o: { krn: number; baseDate: 1993 | 2014 }): MeterKeyRef => ({
      ...makeDecoderKeyParams({ dkga: '02', ea: 'STA', meter: drn, keyType: 2, sgc: '123456', ti: 1, ...o }), vendingKeyId: 'vk',
    });
    const old = ref({ krn: 1, baseDate: 1993 });
    const dk = await store.exportDecoderKey(old);
    const decoder = new MeterTokenDecoder({ ea: 'STA', decoderKey: dk, keyType: 2, baseDate: 1993 }, { service: 'electricity' });
    const port: TokenDecoderPort = decoder; // structurally the simulator's port
    const now = Date.UTC(2024, 10, 20, 12, 0);
    const sim = createSimMeter({
      id: drn, service: 'electricity', area: 'Muscat', protectedCategory: null, credit: 1000, relayNeedsButton: false, subscriberName: 'x', subscriberNameAr: 'x',
    }, port, now);

    const t1 = await vendCreditToken(store, old, { units: '10', issuedAt: new Date(now) });
    expect(sim.enterToken(t1.token, now).result).toBe('accept');
    expect(sim.state.credit).toBeGreaterThanOrEqual(1000 + 10_000 - 10);
    expect(sim.enterToken(t1.token, now + 1000).result).toBe('used');

    // Roll-over: KCT pair with RO=1 to a base-2014 key; then a token on the new base date.
    const next = ref({ krn: 2, baseDate: 2014 });
    const kct = await vendKeyChange(store, old, next, { rollover: true });
    expect(sim.enterToken(kct[0]!, now + 2000).result).toBe('accept');
    expect(sim.enterToken(kct[1]!, now + 3000).result).toBe('accept');
    expect(decoder.state).toMatchObject({ krn: 2, baseDate: 2014, tidMemory: [] });
    expect(sim.enterToken(t1.token, now + 4000).result).toBe('crc');
    const t2 = await vendCreditToken(store, next, { units: '5', issuedAt: new Date(now + 60_000) });
    const before = sim.state.credit;
    expect(sim.enterToken(t2.token, now + 5000).result).toBe('accept');
    expect(sim.state.credit).toBeGreaterThan(before);
  });
});

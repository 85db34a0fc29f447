// Vending keys stay inside the key store; the product vends through it.
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { bytesToHex } from './bits.ts';
import { StsBatchSession } from './batch.ts';
import { createDecoderState, decodeToken } from './decoder.ts';
import { makeDecoderKeyParams } from './dkga.ts';
import { StsError } from './errors.ts';
import { SoftwareKeyStore } from './keystore.ts';
import type { MeterKeyRef } from './keystore.ts';
import { vendCreditToken, vendKeyChange, vendToken } from './vend.ts';

const VK02 = 'abababababababab';
const VK04 = 'abababababababab949494949494949401234567';
const ref = (o: Partial<Parameters<typeof makeDecoderKeyParams>[0]> & { vendingKeyId?: string } = {}): MeterKeyRef => ({
  ...makeDecoderKeyParams({ dkga: '02', ea: 'STA', meter: '600727000000000009', keyType: 2, sgc: '123456', ti: 1, krn: 1, baseDate: 1993, ...o }),
  vendingKeyId: o.vendingKeyId ?? 'vk02',
});

function store(): SoftwareKeyStore {
  const s = new SoftwareKeyStore();
  s.addVendingKey('vk02', VK02, '02');
  s.addVendingKey('vk04', VK04, '04');
  return s;
}

describe('SoftwareKeyStore', () => {
  it('vends the worked example (02 CTSA01 step 1) and its key change', async () => {
    const s = store();
    const t = await vendToken(s, ref(), { type: 'credit', units: '0.1', issuedAt: '2004-03-01T13:55', rnd: 5 });
    expect(t.token).toBe('23716100501183194197');
    expect(t.formatted).toBe('2371 6100 5011 8319 4197');
    expect(await vendKeyChange(s, ref(), ref({ ti: 2 }))).toEqual(['51638423060042734509', '15361891762113502242']);
    expect(bytesToHex(await s.exportDecoderKey(ref()))).toBe('e653341f9d5bf36f');
    expect(await s.info('vk04')).toEqual({ id: 'vk04', dkga: '04', bits: 160 });
    expect(await s.info('nope')).toBeUndefined();
  });

  it('vendCreditToken: units rounded up, same-minute rule, token accepted by the meter', async () => {
    const s = store();
    const m = ref({ dkga: '04', ea: 'MISTY1', sgc: '123457', vendingKeyId: 'vk04' });
    const a = await vendCreditToken(s, m, { units: '12.34', issuedAt: '2024-05-01T10:00:30Z' });
    const b = await vendCreditToken(s, m, { units: '1', issuedAt: '2024-05-01T10:00:50Z', lastTid: a.tid });
    expect(b.tid).toBe(a.tid + 1);
    let st = createDecoderState({ ea: 'MISTY1', decoderKey: await s.exportDecoderKey(m), keyType: 2 });
    const ra = decodeToken(st, a.token);
    expect(ra.result).toBe('accept');
    expect(ra.credit).toMatchObject({ tenths: 124, units: '12.4', registerUnits: 12400 });
    st = ra.state;
    expect(decodeToken(st, b.token).result).toBe('accept');
  });

  it('never reveals a vending key: not in errors, JSON, inspection or the batch output', async () => {
    const s = store();
    const texts: string[] = [JSON.stringify(s), inspect(s, { showHidden: true, depth: 10 }), String(s)];
    const errs: unknown[] = [];
    const attempt = async (f: () => unknown): Promise<void> => {
      try {
        await f();
      } catch (e) {
        errs.push(e);
      }
    };
    await attempt(() => s.addVendingKey('bad', VK04, '02'));
    await attempt(() => s.addVendingKey('bad', 'xyz' + VK02, '02'));
    await attempt(() => vendToken(s, ref({ vendingKeyId: 'vk04' }), { type: 'credit', units: '1', tid: 1 }));
    await attempt(() => vendToken(s, ref({ vendingKeyId: 'missing' }), { type: 'credit', units: '1', tid: 1 }));
    await attempt(() => vendToken(s, ref(), { type: 'credit', units: '99999999', tid: 1 }));
    expect(errs).toHaveLength(5);
    for (const e of errs) {
      expect(e).toBeInstanceOf(StsError);
      texts.push((e as Error).message, JSON.stringify(e), inspect(e));
    }
    const session = new StsBatchSession();
    for (const line of [
      { id: 1, key: { vendingKey: VK04, dkga: '02', ea: 'STA', meterPan: '600727000000000009', keyType: 2, sgc: '123456', ti: 1, krn: 1 }, token: { type: 'credit', units: '1', tid: 1 } },
      { id: 2, key: { vendingKey: VK02, dkga: '02', ea: 'STA', meterPan: '600727000000000008', keyType: 2, sgc: '123456', ti: 1, krn: 1 }, token: { type: 'credit', units: '1', tid: 1 } },
      { id: 3, key: { vendingKey: VK02, dkga: '04', ea: 'STA', meterPan: '600727000000000009', keyType: 2, sgc: '123456', ti: 1, krn: 1 }, token: { type: 'credit', units: '1', tid: 1 } },
    ]) texts.push(JSON.stringify(await session.line('vend', JSON.stringify(line))));
    texts.push(inspect(session, { showHidden: true, depth: 10 }));
    for (const t of texts) {
      expect(t.toLowerCase()).not.toContain(VK02);
      expect(t.toLowerCase()).not.toContain(VK04.slice(16));
    }
  });

  it('rejects a vending key of the wrong size for its DKGA, naming only the key id', () => {
    const s = new SoftwareKeyStore();
    expect(() => s.addVendingKey('k1', VK02, '04')).toThrow(/vending key "k1" for DKGA04 must be 160 bits, got 64/);
  });
});

describe('batch key change with a partial newKey', () => {
  it('takes what is not given from the current key', async () => {
    const key = { vendingKey: VK02, dkga: '02', ea: 'STA', meterPan: '600727000000000009', keyType: 2, sgc: '123456', ti: 1, krn: 1, baseDate: 1993 };
    const r = await new StsBatchSession().vend({ id: 'k', key, token: { type: 'keyChange', newKey: { ti: 2 }, ken: 255 } });
    expect(r.tokens).toEqual(['51638423060042734509', '15361891762113502242']);
    await expect(new StsBatchSession().vend({ id: 'k', key: { decoderKey: 'e653341f9d5bf36f', ea: 'STA' }, token: { type: 'keyChange', newKey: { ti: 2 } } })).rejects.toThrow(/newKey needs/);
  });
});

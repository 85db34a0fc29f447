// STS token engine throughput, one core: tokens vended and decoded per second for STA, MISTY1 and DEA.
// Run: node --import tsx bench/sts.bench.ts   (or `npm run bench sts`)
import { performance } from 'node:perf_hooks';
import { createDecoderState, decodeToken } from '../protocols/sts/decoder.ts';
import type { DecoderState } from '../protocols/sts/decoder.ts';
import { makeDecoderKeyParams } from '../protocols/sts/dkga.ts';
import type { Dkga } from '../protocols/sts/dkga.ts';
import type { Ea } from '../protocols/sts/ciphers.ts';
import { SoftwareKeyStore } from '../protocols/sts/keystore.ts';
import type { MeterKeyRef } from '../protocols/sts/keystore.ts';
import { requestToFields } from '../protocols/sts/vend.ts';

const SECONDS = Number(process.env.STS_BENCH_SECONDS ?? 1.5);

/** Median of 3 timed rounds after a warm-up, in operations per second on this thread. */
function measure(label: string, op: (i: number) => void): number {
  let n = 0;
  const warm = performance.now() + 300;
  while (performance.now() < warm) for (let k = 0; k < 200; k++) op(n++);
  const rates: number[] = [];
  for (let round = 0; round < 3; round++) {
    let c = 0;
    const t0 = performance.now();
    const end = t0 + (SECONDS * 1000) / 3;
    while (performance.now() < end) {
      for (let k = 0; k < 200; k++) op(n++);
      c += 200;
    }
    rates.push(c / ((performance.now() - t0) / 1000));
  }
  const rate = rates.sort((a, b) => a - b)[1]!;
  console.log(`${label.padEnd(46)} ${Math.round(rate).toLocaleString('en-US').padStart(12)} tokens/s per core`);
  return rate;
}

const store = new SoftwareKeyStore();
store.addVendingKey('vk02', 'abababababababab', '02');
store.addVendingKey('vk04', 'abababababababab949494949494949401234567', '04');

function meter(ea: Ea, dkga: Dkga, serial = 0): MeterKeyRef {
  const drn = String(serial).padStart(10, '0');
  let sum = 0; // Luhn check digit of the DRN
  for (let i = 0; i < drn.length; i++) {
    let d = drn.charCodeAt(drn.length - 1 - i) - 48;
    if (i % 2 === 0) { d *= 2; if (d > 9) d -= 9; }
    sum += d;
  }
  return {
    ...makeDecoderKeyParams({ dkga, ea, meter: drn + String((10 - (sum % 10)) % 10), keyType: 2, sgc: '123456', ti: 1, krn: 1, baseDate: 2014 }),
    vendingKeyId: dkga === '02' ? 'vk02' : 'vk04',
  };
}

console.log(`STS token engine, node ${process.version}, single thread, median of 3 rounds (${SECONDS}s per line)`);
const results: Record<string, number> = {};
interface Case { label: string; key: string; op: (i: number) => void }
const cases: Case[] = [];
for (const [ea, dkga] of [['STA', '02'], ['STA', '04'], ['MISTY1', '04'], ['DEA', '02']] as [Ea, Dkga][]) {
  const m = meter(ea, dkga);
  const dk = await store.exportDecoderKey(m);
  const N = 20000;
  // Vend: request (decimal amount, TID) -> fields -> key store (cached decoder key) -> 20 digits.
  const tokens: string[] = [];
  const vend = (i: number): string => {
    const fields = requestToFields({ type: 'credit', units: `${(i % 5000) + 1}.5`, tid: 1 + (i % 0xfffff0), rnd: i & 15 }, { baseDate: 2014 });
    return store.encodeTokensSync(m, [fields])[0]!;
  };
  for (let i = 0; i < N; i++) tokens.push(vend(i));
  cases.push({ label: `${ea} (DKGA${dkga}) vend credit token`, key: `${ea}/${dkga} vend`, op: vend });

  // Decode on the meter side: full decoder (decrypt, CRC, dispatch, TID memory, new state) on a fresh state.
  const st: DecoderState = createDecoderState({ ea, decoderKey: dk, keyType: 2, baseDate: 2014 });
  cases.push({
    label: `${ea} (DKGA${dkga}) decode token (meter decoder)`, key: `${ea}/${dkga} decode`,
    op: (i) => {
      const r = decodeToken(st, tokens[i % N]!);
      if (r.result !== 'accept') throw new Error(`bench token rejected: ${r.result}`);
    },
  });

  // Vend for a different meter every time: decoder key derivation (DKGA) included.
  let serial = 1;
  const fields = requestToFields({ type: 'credit', units: '10', tid: 1000, rnd: 1 });
  const fresh = new SoftwareKeyStore({ cacheSize: 1 });
  fresh.addVendingKey('vk02', 'abababababababab', '02');
  fresh.addVendingKey('vk04', 'abababababababab949494949494949401234567', '04');
  cases.push({ label: `${ea} (DKGA${dkga}) vend, new meter each token`, key: `${ea}/${dkga} vend-new`, op: () => { fresh.encodeTokensSync(meter(ea, dkga, serial++), [fields]); } });
}
// Warm every code path first, so the first measured line is not penalised by JIT compilation.
for (const c of cases) for (let i = 0; i < 3000; i++) c.op(i);
for (const c of cases) results[c.key] = measure(c.label, c.op);
console.log('');
const r = (k: string): string => Math.round(results[k]!).toLocaleString('en-US');
console.log(`summary (tokens/s per core): STA vend ${r('STA/02 vend')}, STA decode ${r('STA/02 decode')}; MISTY1 vend ${r('MISTY1/04 vend')}, MISTY1 decode ${r('MISTY1/04 decode')}; DEA vend ${r('DEA/02 vend')}, DEA decode ${r('DEA/02 decode')}`);

// Vending keys and meters' STS parameters. The vending key lives only inside the key store (a software
// store now; a hardware security module can stand in behind sts.VendingKeyStore). It is read from
// VENDING_KEY (hex) or generated into DATA_DIR for the demo — with a warning that never shows the key.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { sts } from '../../protocols/index.ts';
import type { Logger } from '../../platform/index.ts';
import type { StsParams } from '../registry/index.ts';
import { PrepaidError } from './money.ts';

export const VENDING_KEY_FILE = 'vending-key.hex';
export const VENDING_KEY_ID = 'vk1';

export interface VendingKeys {
  store: sts.VendingKeyStore;
  keyId: string;
  /** STS parameters given to meters that have none yet (supply group, key revision, algorithms). */
  defaults: StsParams;
  /** Where the key came from (for the banner and logs; never the key). */
  source: 'env' | 'data-dir' | 'memory';
}

/** Defaults for a 64-bit (DKGA02) or 160-bit (DKGA04) vending key. Base date 2014: 1993 keys expired in 2024. */
function defaultsFor(dkga: '02' | '04'): StsParams {
  return { sgc: '600675', ti: 1, krn: 1, keyType: 2, ea: dkga === '04' ? 'MISTY1' : 'STA', dkga, baseDate: 2014 };
}

function storeWith(hex: string): { store: sts.SoftwareKeyStore; dkga: '02' | '04' } {
  const dkga = hex.length === 16 ? '02' : hex.length === 40 ? '04' : null;
  if (!dkga) throw new PrepaidError('no_sts_params', `VENDING_KEY must be 16 hex digits (DKGA02) or 40 (DKGA04); got ${hex.length} digits`);
  const store = new sts.SoftwareKeyStore();
  store.addVendingKey(VENDING_KEY_ID, hex, dkga);
  return { store, dkga };
}

/** Loads the vending key: VENDING_KEY, else DATA_DIR/vending-key.hex, else a new one (written to DATA_DIR when there is one). */
export function loadVendingKeys(o: { vendingKeyHex?: string; dataDir?: string; logger: Logger }): VendingKeys {
  if (o.vendingKeyHex) {
    const { store, dkga } = storeWith(o.vendingKeyHex.trim());
    return { store, keyId: VENDING_KEY_ID, defaults: defaultsFor(dkga), source: 'env' };
  }
  if (o.dataDir) {
    const file = join(o.dataDir, VENDING_KEY_FILE);
    if (existsSync(file)) {
      const { store, dkga } = storeWith(readFileSync(file, 'utf8').trim());
      return { store, keyId: VENDING_KEY_ID, defaults: defaultsFor(dkga), source: 'data-dir' };
    }
    mkdirSync(o.dataDir, { recursive: true });
    const hex = randomBytes(20).toString('hex');
    writeFileSync(file, hex + '\n', { mode: 0o600 });
    o.logger.warn({ file }, 'no VENDING_KEY configured: generated a demo vending key (DKGA04) in the data directory; set VENDING_KEY for production and keep it in a key store or HSM');
    const { store, dkga } = storeWith(hex);
    return { store, keyId: VENDING_KEY_ID, defaults: defaultsFor(dkga), source: 'data-dir' };
  }
  o.logger.warn('no VENDING_KEY and no data directory: using a vending key that lives only in this process; tokens vended now will not be re-vendable after a restart');
  const { store, dkga } = storeWith(randomBytes(20).toString('hex'));
  return { store, keyId: VENDING_KEY_ID, defaults: defaultsFor(dkga), source: 'memory' };
}

/** The STS parameters a meter vends with: its own, completed by the defaults. */
export function stsParamsOf(keys: VendingKeys, meterSts: Partial<StsParams>): StsParams {
  return { ...keys.defaults, ...meterSts };
}

/** The key-store reference of a meter's decoder key (no key material). */
export function meterKeyRef(keys: VendingKeys, meterId: string, params: StsParams): sts.MeterKeyRef {
  try {
    const p = sts.makeDecoderKeyParams({ ...params, meter: meterId });
    return { ...p, vendingKeyId: keys.keyId };
  } catch (err) {
    throw new PrepaidError('no_sts_params', `meter ${meterId} cannot be vended to: ${(err as Error).message}`);
  }
}

/** A simulated meter's STS decoder, its key derived from the vending key and the meter's parameters (demo fleet only). */
export async function simDecoderState(keys: VendingKeys, meterId: string, params: StsParams): Promise<sts.CreateDecoderStateOptions> {
  const ref = meterKeyRef(keys, meterId, params);
  const key = await keys.store.exportDecoderKey(ref);
  return { ea: ref.ea, decoderKey: key, keyType: ref.keyType, krn: ref.krn, ti: ref.ti, sgc: ref.sgc, baseDate: ref.baseDate };
}

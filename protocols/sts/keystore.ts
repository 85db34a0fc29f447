// Vending keys live behind VendingKeyStore: a software store now, a hardware security module later.
// No other module ever sees a vending key; errors name key ids, never key material.
import { hexToBytes } from './bits.ts';
import { createCipher } from './ciphers.ts';
import type { BlockCipher } from './ciphers.ts';
import { deriveDecoderKey } from './dkga.ts';
import type { DecoderKeyParams, Dkga } from './dkga.ts';
import { StsKeyError } from './errors.ts';
import { buildDataBlock } from './token-data.ts';
import type { TokenFields } from './token-data.ts';
import { insertClass, token66ToDigits } from './transposition.ts';
import { keyChangeFields } from './key-change.ts';
import type { NewKeyInfo } from './key-change.ts';

/** A meter's decoder key, named by the vending key it derives from (never the key itself). */
export interface MeterKeyRef extends DecoderKeyParams {
  vendingKeyId: string;
}

export interface VendingKeyInfo {
  id: string;
  dkga: Dkga;
  /** Vending key length in bits. */
  bits: number;
}

export interface VendingKeyStore {
  /** Public metadata of a vending key, or undefined if unknown. */
  info(vendingKeyId: string): Promise<VendingKeyInfo | undefined>;
  /** Encodes token fields (class 0/2, not key change) into 20-digit tokens under the meter's decoder key. */
  encodeTokens(meter: MeterKeyRef, fields: readonly TokenFields[]): Promise<string[]>;
  /** Key change tokens (sections 1, 2[, 3, 4]) moving a meter from `current` to `next`, encrypted under `current`. */
  keyChangeTokens(current: MeterKeyRef, next: MeterKeyRef, opts: { ken: number; rollover: boolean }): Promise<string[]>;
  /**
   * The decoder key itself, for provisioning a (simulated) meter and `raseed sts key`. A hardware store
   * may refuse or return it wrapped; software stores return it in clear.
   */
  exportDecoderKey(meter: MeterKeyRef): Promise<Uint8Array>;
}

const KEY_FIELDS = ['dkga', 'ea', 'keyType', 'sgc', 'ti', 'krn', 'baseDate'] as const;

function refId(m: MeterKeyRef): string {
  return [m.vendingKeyId, m.meter.iin, m.meter.drn, ...KEY_FIELDS.map((k) => String(m[k]))].join('|');
}

/** Vending keys in process memory. Keys are held in a private field and never leave the instance. */
export class SoftwareKeyStore implements VendingKeyStore {
  readonly #keys = new Map<string, { dkga: Dkga; key: Uint8Array }>();
  readonly #ciphers = new Map<string, { dk: Uint8Array; cipher: BlockCipher }>();
  readonly #cacheSize: number;

  constructor(opts: { cacheSize?: number } = {}) {
    this.#cacheSize = opts.cacheSize ?? 1024;
  }

  /** Adds a vending key (hex or bytes): 64-bit for DKGA02, 160-bit for DKGA04. */
  addVendingKey(id: string, key: string | Uint8Array, dkga: Dkga): void {
    let bytes: Uint8Array;
    try {
      bytes = typeof key === 'string' ? hexToBytes(key) : new Uint8Array(key);
    } catch {
      throw new StsKeyError(`vending key "${id}" is not a hexadecimal string`, 'vendingKey');
    }
    const want = dkga === '02' ? 8 : 20;
    if (bytes.length !== want) throw new StsKeyError(`vending key "${id}" for DKGA${dkga} must be ${want * 8} bits, got ${bytes.length * 8}`, 'vendingKey');
    this.#keys.set(id, { dkga, key: bytes });
    for (const k of [...this.#ciphers.keys()]) if (k.startsWith(`${id}|`)) this.#ciphers.delete(k);
  }

  removeVendingKey(id: string): boolean {
    for (const k of [...this.#ciphers.keys()]) if (k.startsWith(`${id}|`)) this.#ciphers.delete(k);
    return this.#keys.delete(id);
  }

  async info(id: string): Promise<VendingKeyInfo | undefined> {
    const k = this.#keys.get(id);
    return k && { id, dkga: k.dkga, bits: k.key.length * 8 };
  }

  #derive(m: MeterKeyRef): { dk: Uint8Array; cipher: BlockCipher } {
    const id = refId(m);
    const hit = this.#ciphers.get(id);
    if (hit) return hit;
    const vk = this.#keys.get(m.vendingKeyId);
    if (!vk) throw new StsKeyError(`unknown vending key "${m.vendingKeyId}"`, 'vendingKeyId');
    if (vk.dkga !== m.dkga) throw new StsKeyError(`vending key "${m.vendingKeyId}" is a DKGA${vk.dkga} key, not DKGA${m.dkga}`, 'dkga');
    const dk = deriveDecoderKey(vk.key, m);
    const entry = { dk, cipher: createCipher(m.ea, dk) };
    if (this.#ciphers.size >= this.#cacheSize) this.#ciphers.delete(this.#ciphers.keys().next().value!);
    this.#ciphers.set(id, entry);
    return entry;
  }

  async encodeTokens(meter: MeterKeyRef, fields: readonly TokenFields[]): Promise<string[]> {
    return this.encodeTokensSync(meter, fields);
  }

  /** Synchronous form (software store only). */
  encodeTokensSync(meter: MeterKeyRef, fields: readonly TokenFields[]): string[] {
    const { cipher } = this.#derive(meter);
    return fields.map((f) => {
      if (f.type.startsWith('keyChange')) throw new StsKeyError('key change tokens are made with keyChangeTokens()', 'type');
      const { tokenClass, block } = buildDataBlock(f);
      return token66ToDigits(insertClass(tokenClass === 1 ? block : cipher.encrypt(block), tokenClass));
    });
  }

  async keyChangeTokens(current: MeterKeyRef, next: MeterKeyRef, opts: { ken: number; rollover: boolean }): Promise<string[]> {
    const { cipher } = this.#derive(current);
    const { dk } = this.#derive(next);
    const info: NewKeyInfo = { keyType: next.keyType, krn: next.krn, ti: next.ti, sgc: next.sgc, ken: opts.ken, rollover: opts.rollover };
    return keyChangeFields(dk, info).map((f) => {
      const { tokenClass, block } = buildDataBlock(f);
      return token66ToDigits(insertClass(cipher.encrypt(block), tokenClass));
    });
  }

  async exportDecoderKey(meter: MeterKeyRef): Promise<Uint8Array> {
    return new Uint8Array(this.#derive(meter).dk);
  }

  /** Never prints keys. */
  toJSON(): { type: string; keys: string[] } {
    return { type: 'SoftwareKeyStore', keys: [...this.#keys.keys()] };
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `SoftwareKeyStore { keys: [${[...this.#keys.keys()].map((k) => JSON.stringify(k)).join(', ')}] }`;
  }
}


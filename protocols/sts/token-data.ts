// Token data fields (IEC 62055-41 6.2/6.3) and their 64-bit data blocks.
// 66-bit TokenData: class(2) bits 65..64 | subclass(4) 63..60 | payload(44) 59..16 | CRC(16) 15..0;
// the 64-bit block is subclass|payload|CRC. All positions below are in the 64-bit block, bit 0 = LSB.
import { MASK64, field, getBits } from './bits.ts';
import { packCurrency, unpackCurrency } from './amount.ts';
import type { CurrencyAmount } from './amount.ts';
import { stsCrc, usesCurrencyCrc } from './crc.ts';
import { StsRangeError } from './errors.ts';

export type TokenFields =
  /** Class 0, subclasses 0..3: electricity (0.1 kWh), water (0.1 m3), gas (0.1 m3), time (0.1 units). */
  | { type: 'credit'; subclass: 0 | 1 | 2 | 3; rnd: number; tid: number; amountField: number }
  /** Class 0, subclasses 4..7: currency credit, S&E nibble instead of RND, CRC_C. */
  | { type: 'currency'; subclass: 4 | 5 | 6 | 7; tid: number; amount: CurrencyAmount }
  | { type: 'maxPowerLimit'; rnd: number; tid: number; amountField: number }
  | { type: 'clearCredit'; rnd: number; tid: number; register: number }
  | { type: 'setTariffRate'; rnd: number; tid: number; value: number }
  | { type: 'clearTamper'; rnd: number; tid: number; pad: number }
  | { type: 'maxPhasePowerUnbalanceLimit'; rnd: number; tid: number; amountField: number }
  | { type: 'setWaterMeterFactor'; rnd: number; tid: number; value: number }
  /** Set1stSectionDecoderKey (2/3): KENHO, KRN, RO, reserved bit (3KCT), KT, NKHO. */
  | { type: 'keyChange1'; kenho: number; krn: number; ro: 0 | 1; res: 0 | 1; kt: number; nkho: number }
  /** Set2ndSectionDecoderKey (2/4): KENLO, TI (binary), NKLO. */
  | { type: 'keyChange2'; kenlo: number; ti: number; nklo: number }
  /** Set3rdSectionDecoderKey (2/8): SGC low 12 bits, NKMO2. */
  | { type: 'keyChange3'; sgcLo: number; nkmo2: number }
  /** Set4thSectionDecoderKey (2/9): SGC high 12 bits, NKMO1. */
  | { type: 'keyChange4'; sgcHi: number; nkmo1: number }
  /** Class 1 InitiateMeterTest/Display: subclass 0 (MfrCode 8 bits, control 36 bits), 1 (16 / 28). */
  | { type: 'meterTest'; subclass: 0 | 1; mfrCode: number; control: bigint }
  /** Anything else with a valid CRC: reserved or proprietary class/subclass. */
  | { type: 'other'; tokenClass: number; subclass: number; payload: bigint };

export type TokenType = TokenFields['type'];

const MGMT_SUBCLASS: Partial<Record<TokenType, number>> = {
  maxPowerLimit: 0, clearCredit: 1, setTariffRate: 2, keyChange1: 3, keyChange2: 4, clearTamper: 5,
  maxPhasePowerUnbalanceLimit: 6, setWaterMeterFactor: 7, keyChange3: 8, keyChange4: 9,
};

export function classOf(f: TokenFields): { tokenClass: number; subclass: number } {
  switch (f.type) {
    case 'credit':
    case 'currency':
      return { tokenClass: 0, subclass: f.subclass };
    case 'meterTest':
      return { tokenClass: 1, subclass: f.subclass };
    case 'other':
      return { tokenClass: f.tokenClass, subclass: f.subclass };
    default:
      return { tokenClass: 2, subclass: MGMT_SUBCLASS[f.type]! };
  }
}

/** True for tokens that carry a TID (all but key change and class 1). */
export function hasTid(f: TokenFields): f is Extract<TokenFields, { tid: number }> {
  return 'tid' in f;
}

function put(value: number | bigint, pos: number, width: number, name: string): bigint {
  try {
    return field(value, pos, width);
  } catch {
    throw new StsRangeError(`${name} must fit in ${width} bits (0..${(1n << BigInt(width)) - 1n})`, name);
  }
}

/** The 44-bit payload (data-block bits 16..59, shifted down by 16). */
function payload44(f: TokenFields): bigint {
  const std = (rnd: number, tid: number, v: number, name: string): bigint =>
    (put(rnd, 40, 4, 'rnd') | put(tid, 16, 24, 'tid') | put(v, 0, 16, name));
  switch (f.type) {
    case 'credit':
      return std(f.rnd, f.tid, f.amountField, 'amountField');
    case 'currency': {
      const { amountField, se } = packCurrency(f.amount);
      if (f.amount.exponent < 0 || f.amount.exponent > 31) throw new StsRangeError('currency exponent must be 0..31', 'amount');
      return std(se, f.tid, amountField, 'amountField');
    }
    case 'maxPowerLimit':
    case 'maxPhasePowerUnbalanceLimit':
      return std(f.rnd, f.tid, f.amountField, 'watts');
    case 'clearCredit':
      return std(f.rnd, f.tid, f.register, 'register');
    case 'setTariffRate':
    case 'setWaterMeterFactor':
      return std(f.rnd, f.tid, f.value, 'value');
    case 'clearTamper':
      return std(f.rnd, f.tid, f.pad, 'pad');
    case 'keyChange1':
      return put(f.kenho, 40, 4, 'kenho') | put(f.krn, 36, 4, 'krn') | put(f.ro, 35, 1, 'ro') | put(f.res, 34, 1, 'res') | put(f.kt, 32, 2, 'kt') | put(f.nkho, 0, 32, 'nkho');
    case 'keyChange2':
      return put(f.kenlo, 40, 4, 'kenlo') | put(f.ti, 32, 8, 'ti') | put(f.nklo, 0, 32, 'nklo');
    case 'keyChange3':
      return put(f.sgcLo, 32, 12, 'sgcLo') | put(f.nkmo2, 0, 32, 'nkmo2');
    case 'keyChange4':
      return put(f.sgcHi, 32, 12, 'sgcHi') | put(f.nkmo1, 0, 32, 'nkmo1');
    case 'meterTest':
      return f.subclass === 0
        ? put(f.control, 8, 36, 'control') | put(f.mfrCode, 0, 8, 'mfrCode')
        : put(f.control, 16, 28, 'control') | put(f.mfrCode, 0, 16, 'mfrCode');
    case 'other':
      return put(f.payload, 0, 44, 'payload');
  }
}

/** Builds the plaintext 64-bit data block (subclass | payload | CRC) and returns it with the class. */
export function buildDataBlock(f: TokenFields): { tokenClass: number; block: bigint } {
  const { tokenClass, subclass } = classOf(f);
  const p = payload44(f);
  const fifty = (BigInt(tokenClass) << 48n) | (BigInt(subclass) << 44n) | p;
  const crc = stsCrc(fifty, usesCurrencyCrc(tokenClass, subclass));
  const block = ((BigInt(subclass) << 60n) | (p << 16n) | BigInt(crc)) & MASK64;
  return { tokenClass, block };
}

/** Checks the CRC of a decrypted block for a class. */
export function checkBlockCrc(tokenClass: number, block: bigint): boolean {
  const subclass = getBits(block, 60, 4);
  const fifty = (BigInt(tokenClass) << 48n) | (block >> 16n);
  return stsCrc(fifty, usesCurrencyCrc(tokenClass, subclass)) === getBits(block, 0, 16);
}

/** Parses a plaintext data block (CRC already checked) into fields. */
export function parseDataBlock(tokenClass: number, block: bigint): TokenFields {
  const subclass = getBits(block, 60, 4);
  const rnd = getBits(block, 56, 4);
  const tid = getBits(block, 32, 24);
  const v16 = getBits(block, 16, 16);
  if (tokenClass === 0) {
    if (subclass <= 3) return { type: 'credit', subclass: subclass as 0 | 1 | 2 | 3, rnd, tid, amountField: v16 };
    if (subclass <= 7) return { type: 'currency', subclass: subclass as 4 | 5 | 6 | 7, tid, amount: unpackCurrency(v16, rnd) };
  } else if (tokenClass === 1) {
    if (subclass === 0) return { type: 'meterTest', subclass: 0, mfrCode: getBits(block, 16, 8), control: (block >> 24n) & ((1n << 36n) - 1n) };
    if (subclass === 1) return { type: 'meterTest', subclass: 1, mfrCode: getBits(block, 16, 16), control: (block >> 32n) & ((1n << 28n) - 1n) };
  } else if (tokenClass === 2) {
    switch (subclass) {
      case 0: return { type: 'maxPowerLimit', rnd, tid, amountField: v16 };
      case 1: return { type: 'clearCredit', rnd, tid, register: v16 };
      case 2: return { type: 'setTariffRate', rnd, tid, value: v16 };
      case 3: return {
        type: 'keyChange1', kenho: rnd, krn: getBits(block, 52, 4), ro: getBits(block, 51, 1) as 0 | 1, res: getBits(block, 50, 1) as 0 | 1,
        kt: getBits(block, 48, 2), nkho: getBits(block, 16, 32),
      };
      case 4: return { type: 'keyChange2', kenlo: rnd, ti: getBits(block, 48, 8), nklo: getBits(block, 16, 32) };
      case 5: return { type: 'clearTamper', rnd, tid, pad: v16 };
      case 6: return { type: 'maxPhasePowerUnbalanceLimit', rnd, tid, amountField: v16 };
      case 7: return { type: 'setWaterMeterFactor', rnd, tid, value: v16 };
      case 8: return { type: 'keyChange3', sgcLo: getBits(block, 48, 12), nkmo2: getBits(block, 16, 32) };
      case 9: return { type: 'keyChange4', sgcHi: getBits(block, 48, 12), nkmo1: getBits(block, 16, 32) };
    }
  }
  return { type: 'other', tokenClass, subclass, payload: (block >> 16n) & ((1n << 44n) - 1n) };
}

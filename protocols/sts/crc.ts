// CRC-16 of IEC 62055-41 (6.3.7): CRC-16/MODBUS (poly 0x8005 reflected = 0xA001, init 0xFFFF, no final XOR)
// over class(2)|subclass(4)|payload(44), left-padded to 56 bits and fed as 7 bytes MSB first.
// The 16-bit field is the register byte-swapped. CRC_C (currency subclasses 4..7) appends a 0x01 byte.

const TABLE = (() => {
  const t = new Uint16Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xa001 : c >>> 1;
    t[i] = c;
  }
  return t;
})();

/** CRC-16/MODBUS register over bytes. */
export function crc16Modbus(bytes: ArrayLike<number>): number {
  let crc = 0xffff;
  for (let i = 0; i < bytes.length; i++) crc = (crc >>> 8) ^ TABLE[(crc ^ bytes[i]!) & 0xff]!;
  return crc;
}

/** Byte-swaps a 16-bit MODBUS register into the token's CRC field. */
export function crcField(register: number): number {
  return ((register & 0xff) << 8) | (register >>> 8);
}

/**
 * The token CRC field for the 50 bits `class<<48 | subclass<<44 | payload44`.
 * `currency` selects CRC_C (one 0x01 byte appended before computing).
 */
export function stsCrc(fiftyBits: bigint, currency = false): number {
  const bytes: number[] = [];
  for (let i = 6; i >= 0; i--) bytes.push(Number((fiftyBits >> BigInt(i * 8)) & 0xffn));
  if (currency) bytes.push(0x01);
  return crcField(crc16Modbus(bytes));
}

/** True when class 0 / subclass uses CRC_C. */
export function usesCurrencyCrc(tokenClass: number, subclass: number): boolean {
  return tokenClass === 0 && subclass >= 4 && subclass <= 7;
}

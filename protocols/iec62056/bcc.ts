// Block check character: XOR of every byte after the frame's first STX or SOH, up to and including ETX (or EOT).

export const SOH = 0x01;
export const STX = 0x02;
export const ETX = 0x03;
export const EOT = 0x04;
export const ACK = 0x06;
export const NAK = 0x15;
export const CR = 0x0d;
export const LF = 0x0a;

/** XOR of `bytes[from..to)`. */
export function bcc(bytes: Uint8Array, from = 0, to = bytes.length): number {
  let x = 0;
  for (let i = from; i < to; i++) x ^= bytes[i]!;
  return x;
}

/** The control characters by name. */
export const IEC_CTRL = { SOH, STX, ETX, EOT, ACK, NAK, CR, LF } as const;

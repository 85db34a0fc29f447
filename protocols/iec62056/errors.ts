// Typed errors of the IEC 62056-21 codec. The codec never throws anything else on bad input.

export type Iec62056ErrorCode =
  | 'bcc' // block check character does not match
  | 'malformed' // a message or data line that does not follow the syntax
  | 'oversize' // a frame longer than the parser's limit (no end found)
  | 'truncated' // a frame cut short: a new start character arrived before its end
  | 'garbage' // bytes outside any frame, skipped while resynchronising
  | 'encode' // an encoder was given a value it cannot put on the wire
  | 'profile'; // a readout that lacks or misstates a register the Raseed profile needs

export class Iec62056Error extends Error {
  override name = 'Iec62056Error';
  constructor(readonly code: Iec62056ErrorCode, message: string) {
    super(message);
  }
}

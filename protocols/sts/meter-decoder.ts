// A stateful wrapper around decodeToken for simulated meters. Structurally matches the simulator's
// TokenDecoderPort (`enter(digits, now) -> { result, tokenClass?, subclass?, tid?, credit?, effect? }`),
// with credit in register units (Wh for electricity, litres for water) and class 2 effects.
import { decodeTransferAmount } from './amount.ts';
import { createDecoderState, decodeToken } from './decoder.ts';
import type { CreateDecoderStateOptions, Credit, DecodeResult, DecoderState, TokenResult } from './decoder.ts';

export type MeterEffect =
  | { type: 'clearCredit' }
  | { type: 'clearTamper' }
  | { type: 'maxPowerLimit'; watts: number }
  | { type: 'other'; name: string };

export interface MeterTokenOutcome {
  result: TokenResult;
  tokenClass?: number;
  subclass?: number;
  tid?: number;
  /** Credit to add, register units (Wh or L). */
  credit?: number;
  effect?: MeterEffect;
  /** The full decoder result (fields, key change progress, detail). */
  decoded: DecodeResult;
}

export interface MeterTokenDecoderOptions {
  /** Which service the meter meters: credit for another service is refused ('function'). Default: any. */
  service?: 'electricity' | 'water';
  /** Called with the new state after every token that changed it (persist it here). */
  onStateChange?: (state: DecoderState) => void;
  /** Register headroom check: return false to reject credit with 'overflow'. */
  canAcceptCredit?: (credit: Credit) => boolean;
}

const CLEAR_REGISTER: Record<'electricity' | 'water', number> = { electricity: 0, water: 1 };
const SERVICE_SUBCLASS: Record<'electricity' | 'water', number> = { electricity: 0, water: 1 };

/** The STS decoder of one simulated meter: holds its key, TID memory and pending key change. */
export class MeterTokenDecoder {
  #state: DecoderState;
  constructor(state: DecoderState | CreateDecoderStateOptions, private readonly opts: MeterTokenDecoderOptions = {}) {
    this.#state = 'v' in state ? state : createDecoderState(state);
  }

  /** The current state (a plain JSON-serialisable object). */
  get state(): DecoderState {
    return this.#state;
  }

  enter(digits: string, now: number = Date.now()): MeterTokenOutcome {
    const service = this.opts.service;
    const r = decodeToken(this.#state, digits, {
      now,
      canAcceptCredit: (c) => {
        if (service && c.subclass % 4 !== SERVICE_SUBCLASS[service]) return true; // refused below as 'function'
        return this.opts.canAcceptCredit ? this.opts.canAcceptCredit(c) : true;
      },
    });
    let decoded = r;
    // A meter refuses credit for a service it does not meter (before the TID is consumed).
    if (r.result === 'accept' && r.credit && service && r.credit.subclass % 4 !== SERVICE_SUBCLASS[service]) {
      decoded = { ...r, result: 'function', detail: 'other_service', state: this.#state };
      delete decoded.credit;
    }
    const out: MeterTokenOutcome = { result: decoded.result, decoded };
    if (decoded.tokenClass !== undefined) out.tokenClass = decoded.tokenClass;
    if (decoded.subclass !== undefined) out.subclass = decoded.subclass;
    if (decoded.tid !== undefined) out.tid = decoded.tid;
    if (decoded.result === 'accept') {
      if (decoded.credit?.kind === 'units') out.credit = decoded.credit.registerUnits;
      const t = decoded.token;
      if (t?.type === 'clearCredit') {
        if (t.register === 0xffff || !service || t.register === CLEAR_REGISTER[service]) out.effect = { type: 'clearCredit' };
      } else if (t?.type === 'clearTamper') out.effect = { type: 'clearTamper' };
      else if (t?.type === 'maxPowerLimit' && t.amountField !== undefined) out.effect = { type: 'maxPowerLimit', watts: Number(decodeTransferAmount(t.amountField)) };
      else if (t && decoded.tokenClass === 2) out.effect = { type: 'other', name: t.type };
    }
    if (decoded.state !== this.#state) {
      this.#state = decoded.state;
      this.opts.onStateChange?.(decoded.state);
    }
    return out;
  }
}

// A simulated prepaid meter, as real ones behave: a consumption register, a credit register that
// consumption drains, a relay (or valve) that opens at zero credit and closes when credit arrives,
// STS tokens entered on the keypad or delivered remotely, low-credit warning, emergency credit taken
// once, friendly-credit hours, a relay that may need the subscriber's button after a remote
// reconnect, and faults (stuck relay, tamper). Time is given by the caller, so tests control it.
import { z } from 'zod';
import type { CommandAck, MeterCommand, MeterEvent, RelayState, ServiceType, TelemetryReading, TokenResult } from '../protocols/index.ts';
import type { LoadProfile } from './load-profile.ts';

/**
 * The water meter's flow limit (the policy module's `flow_limit` command kind on the wire): the valve is throttled
 * so that flow never exceeds `litresPerHour` until a `restore`. Water meters only; an electricity meter rejects
 * it as unsupported. The meter obeys any limit above zero: the head end keeps the lifeline minimum.
 */
export const FlowLimitCommand = z.object({
  v: z.literal(1), ref: z.string().min(1).max(64), expiresAt: z.number().int().optional(), type: z.literal('flow_limit'),
  action: z.enum(['limit', 'restore']), litresPerHour: z.number().int().positive().optional(),
}).strict().refine((c) => c.action === 'restore' || c.litresPerHour !== undefined, 'a limit needs litresPerHour');
export type FlowLimitCommand = z.infer<typeof FlowLimitCommand>;

/** What the meter's STS decoder tells it about a token (credit in register units: Wh or litres). */
export interface TokenOutcome {
  result: TokenResult;
  tokenClass?: number;
  subclass?: number;
  tid?: number;
  /** Credit to add, in register units (Wh or L). */
  credit?: number;
  /** Management effects of class-2 tokens. */
  effect?: { type: 'clearCredit' } | { type: 'clearTamper' } | { type: 'maxPowerLimit'; watts: number } | { type: 'other'; name: string };
}

/** The meter's STS decoder: holds its own key and TID memory. */
export interface TokenDecoderPort {
  enter(digits: string, now: number): TokenOutcome;
}

export interface FriendlyHours {
  /** Local hour [start, end) in which the relay is not opened at zero credit, e.g. 17 → 7 (wraps midnight). */
  startHour: number;
  endHour: number;
  /** Minutes to add to UTC for local time. */
  utcOffsetMinutes: number;
  /** Days of week (0 = Sunday) that are friendly all day, e.g. Friday and Saturday [5, 6]. */
  days?: number[];
}

export interface SimMeterOptions {
  id: string;
  service: ServiceType;
  profile: LoadProfile;
  /** Starting credit, register units. */
  credit?: number;
  register?: number;
  decoder?: TokenDecoderPort;
  /** After a remote reconnect the relay waits in `armed` until the button is pressed. */
  relayNeedsButton?: boolean;
  lowCreditThreshold?: number;
  /** Emergency credit the subscriber can take once when credit is low, register units. */
  emergencyCredit?: number;
  friendlyHours?: FriendlyHours;
  /** Water meters never open the valve for lack of credit (utility rule); they flow-limit instead. */
  cutAtZero?: boolean;
  now?: number;
}

export interface SimMeterState {
  register: number;
  credit: number;
  relay: RelayState;
  /** Why the relay is open: a command from the head end keeps it open even when credit arrives. */
  openedBy: 'credit' | 'command' | null;
  seq: number;
  eventSeq: number;
  tamper: boolean;
  lowCredit: boolean;
  emergencyTaken: boolean;
  emergencyActive: boolean;
  maxPowerW: number | null;
  relayStuck: boolean;
  lastTick: number;
  /** Remainder of energy below one register unit, in milli-units, so that integer registers lose nothing. */
  fraction: number;
  /** Acks already given, by command reference: a redelivered command is applied once. */
  acks: Record<string, CommandAck>;
  /** Water: the flow limit in force (L/h), null when the flow is not limited. */
  flowLimitLph?: number | null;
}

type Listener = (e: MeterEvent) => void;
/** An event without the envelope the meter adds (v, seq, ts); distributes over the union. */
type EventBody = MeterEvent extends infer E ? (E extends MeterEvent ? Omit<E, 'v' | 'seq' | 'ts'> : never) : never;

export class SimMeter {
  readonly id: string;
  readonly service: ServiceType;
  state: SimMeterState;
  private readonly profile: LoadProfile;
  private readonly decoder: TokenDecoderPort | undefined;
  private readonly opts: SimMeterOptions;
  private demand = 0;
  private listeners: Listener[] = [];

  constructor(o: SimMeterOptions) {
    this.id = o.id;
    this.service = o.service;
    this.profile = o.profile;
    this.decoder = o.decoder;
    this.opts = o;
    const now = o.now ?? Date.now();
    const credit = o.credit ?? 0;
    const cutAtZero = this.cutsAtZero();
    this.state = {
      register: o.register ?? 0,
      credit,
      relay: credit <= 0 && cutAtZero ? 'open' : 'closed',
      openedBy: credit <= 0 && cutAtZero ? 'credit' : null,
      seq: 0,
      eventSeq: 0,
      tamper: false,
      lowCredit: credit <= (o.lowCreditThreshold ?? 0),
      emergencyTaken: false,
      emergencyActive: false,
      maxPowerW: null,
      relayStuck: false,
      lastTick: now,
      fraction: 0,
      acks: {},
    };
  }

  onEvent(l: Listener): () => void {
    this.listeners.push(l);
    return () => (this.listeners = this.listeners.filter((x) => x !== l));
  }

  private cutsAtZero(): boolean {
    return this.opts.cutAtZero ?? this.service === 'electricity';
  }

  private emit(e: EventBody, now: number): MeterEvent {
    const ev = { v: 1, seq: ++this.state.eventSeq, ts: now, ...e } as MeterEvent;
    for (const l of this.listeners) l(ev);
    return ev;
  }

  private setRelay(state: RelayState, cause: Extract<MeterEvent, { type: 'relay' }>['cause'], now: number): void {
    if (this.state.relay === state) return;
    this.state.relay = state;
    this.emit({ type: 'relay', state, cause }, now);
  }

  /** Instantaneous demand now (W or L/h), zero while the relay is not closed. */
  get currentDemand(): number {
    return this.state.relay === 'closed' ? this.demand : 0;
  }

  private isFriendly(now: number): boolean {
    const f = this.opts.friendlyHours;
    if (!f) return false;
    const local = new Date(now + f.utcOffsetMinutes * 60_000);
    if (f.days?.includes(local.getUTCDay())) return true;
    const h = local.getUTCHours();
    return f.startHour <= f.endHour ? h >= f.startHour && h < f.endHour : h >= f.startHour || h < f.endHour;
  }

  /** Advances the meter to `now`: consumption accrues into the register and drains credit. */
  tick(now: number): void {
    const s = this.state;
    const dt = now - s.lastTick;
    if (dt <= 0) return;
    s.lastTick = now;
    this.demand = this.profile.demandAt(now);
    if (s.maxPowerW !== null && this.service === 'electricity' && this.demand > s.maxPowerW && s.relay === 'closed') {
      this.demand = s.maxPowerW;
    }
    if (this.service === 'water' && s.flowLimitLph != null && this.demand > s.flowLimitLph) this.demand = s.flowLimitLph;
    if (s.relay !== 'closed') return;
    // demand (W or L/h) over dt ms → milli-units (mWh or mL): demand * dt / 3600.
    const milli = s.fraction + (this.demand * dt) / 3600;
    const whole = Math.floor(milli / 1000);
    s.fraction = milli - whole * 1000;
    if (whole <= 0) return;
    s.register += whole;
    s.credit -= whole;
    const threshold = this.opts.lowCreditThreshold ?? 0;
    if (!s.lowCredit && s.credit <= threshold) {
      s.lowCredit = true;
      this.emit({ type: 'alarm', code: 'low_credit', active: true }, now);
    }
    if (s.credit <= 0 && this.cutsAtZero() && !this.isFriendly(now)) {
      if (s.emergencyActive) {
        s.emergencyActive = false;
        this.emit({ type: 'alarm', code: 'emergency_credit', active: false }, now);
      }
      s.openedBy = 'credit';
      this.setRelay('open', 'credit_exhausted', now);
    }
  }

  /** A reading of the registers now (advances the sequence). */
  reading(now: number): TelemetryReading {
    this.tick(now);
    const s = this.state;
    const r: TelemetryReading = {
      v: 1,
      seq: ++s.seq,
      ts: now,
      register: s.register,
      credit: s.credit,
      relay: s.relay,
    };
    if (this.service === 'electricity') {
      const p = this.currentDemand;
      r.powerW = p;
      r.voltageV = Math.round((228 + (s.seq % 7)) * 10) / 10;
      r.currentA = Math.round((p / 230) * 100) / 100;
    } else {
      r.flowLph = this.currentDemand;
    }
    if (s.tamper) r.tamper = true;
    if (s.lowCredit) r.lowCredit = true;
    if (s.emergencyActive) r.emergencyCredit = true;
    return r;
  }

  private creditArrived(now: number): void {
    const s = this.state;
    if (s.credit > (this.opts.lowCreditThreshold ?? 0) && s.lowCredit) {
      s.lowCredit = false;
      this.emit({ type: 'alarm', code: 'low_credit', active: false }, now);
    }
    if (s.credit > 0 && s.relay === 'open' && s.openedBy === 'credit' && !s.relayStuck) {
      s.openedBy = null;
      this.setRelay('closed', 'credit_restored', now);
    }
  }

  /** A token typed on the keypad (or delivered remotely / over serial). */
  enterToken(digits: string, now: number, via: 'keypad' | 'remote' | 'serial' = 'keypad', ref?: string): TokenOutcome {
    this.tick(now);
    const out: TokenOutcome = this.decoder ? this.decoder.enter(digits, now) : { result: 'error' };
    if (out.result === 'accept') {
      if (out.credit) this.state.credit += out.credit;
      const eff = out.effect;
      if (eff?.type === 'clearCredit') this.state.credit = 0;
      if (eff?.type === 'clearTamper' && this.state.tamper) {
        this.state.tamper = false;
        this.emit({ type: 'tamper', kind: 'cover_open', cleared: true }, now);
      }
      if (eff?.type === 'maxPowerLimit') this.state.maxPowerW = eff.watts;
      this.creditArrived(now);
    }
    this.emit({
      type: 'token',
      result: out.result,
      via,
      ...(ref ? { ref } : {}),
      ...(out.tokenClass !== undefined ? { tokenClass: out.tokenClass } : {}),
      ...(out.subclass !== undefined ? { subclass: out.subclass } : {}),
      ...(out.tid !== undefined ? { tid: out.tid } : {}),
      ...(out.credit ? { credited: out.credit } : {}),
    } as EventBody, now);
    return out;
  }

  /** Emergency credit: once, when credit is low. */
  takeEmergencyCredit(now: number): boolean {
    const s = this.state;
    const amount = this.opts.emergencyCredit ?? 0;
    if (amount <= 0 || s.emergencyTaken || !s.lowCredit) return false;
    s.emergencyTaken = true;
    s.emergencyActive = true;
    s.credit += amount;
    this.emit({ type: 'alarm', code: 'emergency_credit', active: true }, now);
    this.creditArrived(now);
    return true;
  }

  /** The subscriber presses the relay button (completes an armed reconnect). */
  pressButton(now: number): boolean {
    if (this.state.relay !== 'armed') return false;
    this.setRelay('closed', 'button', now);
    return true;
  }

  setTamper(now: number, kind: Extract<MeterEvent, { type: 'tamper' }>['kind'] = 'cover_open'): void {
    if (this.state.tamper) return;
    this.state.tamper = true;
    this.emit({ type: 'tamper', kind }, now);
  }

  setRelayStuck(stuck: boolean): void {
    this.state.relayStuck = stuck;
  }

  /** Executes a head-end command once per reference; a redelivered command gets the same ack again. */
  handleCommand(cmd: MeterCommand | FlowLimitCommand, now: number): CommandAck {
    const done = this.state.acks[cmd.ref];
    if (done) return done;
    const ack = this.execute(cmd, now);
    this.state.acks[cmd.ref] = ack;
    // Keep the memory of applied references bounded.
    const refs = Object.keys(this.state.acks);
    if (refs.length > 256) delete this.state.acks[refs[0]!];
    return ack;
  }

  private execute(cmd: MeterCommand | FlowLimitCommand, now: number): CommandAck {
    const ack = (status: CommandAck['status'], result: string, detail?: string): CommandAck => ({ v: 1, ref: cmd.ref, ts: now, status, result, ...(detail ? { detail } : {}) });
    if (cmd.expiresAt !== undefined && cmd.expiresAt < now) return ack('rejected', 'expired');
    this.tick(now);
    switch (cmd.type) {
      case 'token': {
        const out = this.enterToken(cmd.token, now, 'remote', cmd.ref);
        return ack(out.result === 'accept' ? 'ok' : 'rejected', out.result);
      }
      case 'relay': {
        if (this.state.relayStuck) return ack('failed', 'relay_stuck', 'relay did not change state');
        if (this.state.tamper && cmd.action === 'reconnect') return ack('failed', 'tampered', 'meter is tampered; clear tamper first');
        if (cmd.action === 'disconnect') {
          this.state.openedBy = 'command';
          this.setRelay('open', 'command', now);
          return ack('ok', 'open');
        }
        this.state.openedBy = null;
        if (this.state.relay === 'closed') return ack('ok', 'closed');
        if (this.state.credit <= 0 && this.cutsAtZero() && !this.isFriendly(now)) {
          // Reconnected by command but no credit: the meter opens again at once, as a real one would.
          this.state.openedBy = 'credit';
          return ack('rejected', 'no_credit', 'no credit on the meter');
        }
        const next: RelayState = this.opts.relayNeedsButton ? 'armed' : 'closed';
        this.setRelay(next, 'command', now);
        return ack('ok', next);
      }
      case 'timeSync':
        return ack('ok', 'synced');
      case 'flow_limit': {
        if (this.service !== 'water') return ack('rejected', 'unsupported', 'an electricity meter has no flow limit');
        if (cmd.action === 'restore') {
          this.state.flowLimitLph = null;
          this.demand = this.profile.demandAt(now);
          return ack('ok', 'unlimited', 'flow limit lifted');
        }
        this.state.flowLimitLph = cmd.litresPerHour!;
        this.demand = Math.min(this.demand, cmd.litresPerHour!);
        return ack('ok', 'limited', `flow limited to ${cmd.litresPerHour} L/h`);
      }
    }
  }
}

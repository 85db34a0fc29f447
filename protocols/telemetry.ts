// Wire schemas of what meters publish and receive (JSON over MQTT, also produced by the serial path).
// Units are chosen so that every quantity that is summed is an exact integer:
//   electricity: register and credit in Wh; water: register and credit in litres.
// Instantaneous values (power, voltage, current, flow) are plain numbers: never summed.
import { z } from 'zod';

export const ServiceType = z.enum(['electricity', 'water']);
export type ServiceType = z.infer<typeof ServiceType>;

/** Relay (or valve) state. `armed`: remotely reconnected, waiting for the subscriber's button (DLMS "ready for reconnection"). */
export const RelayState = z.enum(['closed', 'open', 'armed']);
export type RelayState = z.infer<typeof RelayState>;

const uint = z.number().int().nonnegative();
const epochMs = z.number().int().min(946_684_800_000).max(4_102_444_800_000); // 2000-01-01 .. 2100-01-01

export const TelemetryReading = z.object({
  v: z.literal(1),
  /** Per-meter sequence number, +1 per reading; gaps are detected downstream. */
  seq: uint,
  /** Meter clock, epoch milliseconds. With the meter id it identifies the reading (replays overwrite). */
  ts: epochMs,
  /** Cumulative consumption register: Wh (electricity) or litres (water). May reset (meter replaced/cleared). */
  register: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  /** Remaining credit, same unit as the register. */
  credit: z.number().int().min(-Number.MAX_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER),
  relay: RelayState,
  powerW: z.number().finite().nonnegative().optional(),
  voltageV: z.number().finite().nonnegative().optional(),
  currentA: z.number().finite().nonnegative().optional(),
  /** Water meters: flow in litres per hour. */
  flowLph: z.number().finite().nonnegative().optional(),
  tamper: z.boolean().optional(),
  lowCredit: z.boolean().optional(),
  emergencyCredit: z.boolean().optional(),
  /** The firmware version the meter runs now (MAJOR.MINOR.PATCH), so the head end sees an update or a rollback. */
  firmwareVersion: z.string().regex(/^\d{1,5}\.\d{1,5}\.\d{1,5}$/).optional(),
}).strict();
export type TelemetryReading = z.infer<typeof TelemetryReading>;

/** STS result of a token typed on the keypad or delivered remotely. */
export const TokenResult = z.enum([
  'accept', 'old', 'used', 'key_expired', 'crc', 'format', 'range', 'function', 'ddtk', 'overflow', 'lockout', 'error',
]);
export type TokenResult = z.infer<typeof TokenResult>;

const eventBase = { v: z.literal(1), seq: uint, ts: epochMs };

export const MeterEvent = z.discriminatedUnion('type', [
  z.object({
    ...eventBase,
    type: z.literal('token'),
    result: TokenResult,
    /** How it arrived. */
    via: z.enum(['keypad', 'remote', 'serial']),
    /** Command reference when delivered remotely. */
    ref: z.string().max(64).optional(),
    tokenClass: z.number().int().min(0).max(3).optional(),
    subclass: z.number().int().min(0).max(15).optional(),
    tid: uint.optional(),
    /** Credit added, register unit (Wh or L). */
    credited: uint.optional(),
  }).strict(),
  z.object({ ...eventBase, type: z.literal('relay'), state: RelayState, cause: z.enum(['command', 'credit_exhausted', 'credit_restored', 'button', 'tamper', 'power_limit', 'manual']) }).strict(),
  z.object({ ...eventBase, type: z.literal('tamper'), kind: z.enum(['cover_open', 'magnetic', 'reverse_flow', 'bypass']), cleared: z.boolean().optional() }).strict(),
  z.object({ ...eventBase, type: z.literal('alarm'), code: z.enum(['low_credit', 'emergency_credit', 'power_limit', 'clock', 'battery', 'leak']), active: z.boolean() }).strict(),
]);
export type MeterEvent = z.infer<typeof MeterEvent>;

/** Retained status, also the meter's last will (`online: false`). */
export const MeterStatus = z.object({
  v: z.literal(1),
  online: z.boolean(),
  ts: epochMs.optional(),
  firmware: z.string().max(64).optional(),
}).strict();
export type MeterStatus = z.infer<typeof MeterStatus>;

/**
 * The envelope of every command the head end sends to a meter (QoS 1): version, reference (redelivery is
 * idempotent on the meter), deadline and kind. Kinds are open (a module declares its own, e.g. firmware);
 * MeterCommand below lists the kinds every Raseed meter understands.
 */
export const CommandEnvelope = z.object({ v: z.literal(1), ref: z.string().min(1).max(64), expiresAt: epochMs.optional(), type: z.string().regex(/^[a-zA-Z][a-zA-Z0-9_.-]{0,31}$/) }).passthrough();
export type CommandEnvelope = z.infer<typeof CommandEnvelope>;

/** The command kinds every Raseed meter understands. */
export const MeterCommand = z.discriminatedUnion('type', [
  z.object({ v: z.literal(1), ref: z.string().min(1).max(64), expiresAt: epochMs.optional(), type: z.literal('token'), token: z.string().regex(/^\d{20}$/) }).strict(),
  z.object({ v: z.literal(1), ref: z.string().min(1).max(64), expiresAt: epochMs.optional(), type: z.literal('relay'), action: z.enum(['disconnect', 'reconnect']) }).strict(),
  z.object({ v: z.literal(1), ref: z.string().min(1).max(64), expiresAt: epochMs.optional(), type: z.literal('timeSync'), ts: epochMs }).strict(),
]);
export type MeterCommand = z.infer<typeof MeterCommand>;

/** A meter's answer to a command, same `ref`. */
export const CommandAck = z.object({
  v: z.literal(1),
  ref: z.string().min(1).max(64),
  ts: epochMs,
  status: z.enum(['ok', 'rejected', 'failed']),
  /** The meter's own result: an STS TokenResult for tokens, relay state or failure reason otherwise. */
  result: z.string().max(64),
  detail: z.string().max(256).optional(),
}).strict();
export type CommandAck = z.infer<typeof CommandAck>;

export class PayloadError extends Error {
  override name = 'PayloadError';
  constructor(message: string, readonly issues: string[] = []) {
    super(message);
  }
}

export type Decoded<T> = { ok: true; value: T } | { ok: false; error: PayloadError };

/** Parses a raw MQTT/serial payload against a schema; never throws. */
export function decodePayload<T>(schema: z.ZodType<T>, payload: Uint8Array | string): Decoded<T> {
  let json: unknown;
  try {
    const text = typeof payload === 'string' ? payload : Buffer.from(payload).toString('utf8');
    json = JSON.parse(text);
  } catch {
    return { ok: false, error: new PayloadError('payload is not valid JSON') };
  }
  const r = schema.safeParse(json);
  if (r.success) return { ok: true, value: r.data };
  const issues = r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  return { ok: false, error: new PayloadError(`payload does not match schema: ${issues.join('; ')}`, issues) };
}

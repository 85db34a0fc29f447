// Serial channels from configuration: env SERIAL_CHANNELS holds a JSON array of buses, each with its meters.
import { z } from 'zod';

export class SerialConfigError extends Error {
  override name = 'SerialConfigError';
}

export const SerialMeterConfig = z.object({
  /** Raseed meter id (the same ids as MQTT meters; must be registered). */
  id: z.string().min(1).max(64),
  /** IEC 62056-21 device address on the bus (`/?<address>!`); empty on a point-to-point link (optical probe). */
  address: z.string().max(32).regex(/^[\x21-\x7e]*$/, 'printable, no spaces').refine((a) => !/[/!?]/.test(a), "no '/', '!' or '?'").default(''),
  /** P1 password for programming mode (token entry, relay); omitted: the meter asks none. Never logged. */
  password: z.string().max(32).regex(/^[\x20-\x7e]*$/).refine((p) => !/[()*/!]/.test(p), "no '(', ')', '*', '/' or '!'").optional(),
}).strict();
export type SerialMeterConfig = z.infer<typeof SerialMeterConfig>;

export const SerialChannelConfig = z.object({
  /** Name in logs (default: the path). */
  name: z.string().min(1).max(64).optional(),
  /** Device path: /dev/ttyUSB0, /dev/serial/by-id/..., a pty link. Reopened on this path after it vanishes. */
  path: z.string().min(1),
  /** Initial (sign-on) baud rate: 300 for mode C. */
  baudRate: z.number().int().positive().default(300),
  /** Highest rate to switch to after the identification (mode C); default: what the meter offers. */
  maxBaudRate: z.number().int().positive().optional(),
  /** Switch baud rate after the identification (mode C); false keeps `baudRate` (some RS-485 converters). */
  baudSwitch: z.boolean().default(true),
  dataBits: z.union([z.literal(7), z.literal(8)]).default(7),
  parity: z.enum(['even', 'odd', 'none']).default('even'),
  stopBits: z.union([z.literal(1), z.literal(2)]).default(1),
  meters: z.array(SerialMeterConfig).min(1),
  /** How often each meter is read. */
  pollIntervalMs: z.number().int().min(50).default(60_000),
  /** Longest wait for any one answer of a meter; a whole transaction is capped at 4 × this. */
  timeoutMs: z.number().int().min(10).max(120_000).default(2_000),
  /** Reopen back-off after the port vanished: first delay, doubled up to the maximum (with jitter). */
  reconnectMinMs: z.number().int().min(10).default(500),
  reconnectMaxMs: z.number().int().min(10).default(30_000),
  /** No byte from any meter for this long while polling: the port is reopened (unplug without a close event). Default 3 × max(timeoutMs, pollIntervalMs). */
  silenceMs: z.number().int().min(10).optional(),
  /** Quiet time between two transactions on the bus, ms. */
  guardMs: z.number().int().min(0).default(20),
  /** A queued command not started within this time fails ('port_unavailable'). */
  commandQueueTimeoutMs: z.number().int().min(10).default(60_000),
}).strict().superRefine((c, ctx) => {
  const addrs = new Set<string>();
  for (const m of c.meters) {
    if (addrs.has(m.address)) ctx.addIssue({ code: 'custom', message: `address ${JSON.stringify(m.address)} used twice on ${c.path}` });
    addrs.add(m.address);
  }
  if (c.meters.length > 1 && addrs.has('')) ctx.addIssue({ code: 'custom', message: `${c.path}: an empty address needs a point-to-point link (one meter)` });
  if (c.reconnectMaxMs < c.reconnectMinMs) ctx.addIssue({ code: 'custom', message: 'reconnectMaxMs < reconnectMinMs' });
});
export type SerialChannelConfig = z.infer<typeof SerialChannelConfig>;
export type SerialChannelInput = z.input<typeof SerialChannelConfig>;

export const SerialChannelsConfig = z.array(SerialChannelConfig).superRefine((chs, ctx) => {
  const ids = new Set<string>();
  const paths = new Set<string>();
  for (const c of chs) {
    if (paths.has(c.path)) ctx.addIssue({ code: 'custom', message: `port ${c.path} configured twice` });
    paths.add(c.path);
    for (const m of c.meters) {
      if (ids.has(m.id)) ctx.addIssue({ code: 'custom', message: `meter ${m.id} configured on two channels` });
      ids.add(m.id);
    }
  }
});

/** Parses SERIAL_CHANNELS (JSON text or already-parsed value); empty/undefined → no channels. Throws SerialConfigError. */
export function parseSerialChannels(input: string | unknown[] | undefined | null): SerialChannelConfig[] {
  if (input === undefined || input === null || (typeof input === 'string' && input.trim() === '')) return [];
  let json: unknown = input;
  if (typeof input === 'string') {
    try {
      json = JSON.parse(input);
    } catch (e) {
      throw new SerialConfigError(`SERIAL_CHANNELS is not valid JSON: ${(e as Error).message}`);
    }
  }
  const r = SerialChannelsConfig.safeParse(json);
  if (!r.success) {
    throw new SerialConfigError(`SERIAL_CHANNELS is invalid: ${r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  }
  return r.data;
}

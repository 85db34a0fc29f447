// The edge agent's own settings (it runs on a concentrator, apart from the head end's configuration):
// environment variables, overridden by flags of `raseed edge`.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { parseSerialChannels, type SerialChannelInput } from '../gateway/index.ts';

export const EdgeEnv = z.object({
  EDGE_ID: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'EDGE_ID: 1-32 letters, digits, _ or -'),
  /** The edge's MQTT password (from POST /api/v1/edges), or a file holding it (EDGE_PASSWORD_FILE). */
  EDGE_PASSWORD: z.string().min(1).optional(),
  EDGE_PASSWORD_FILE: z.string().optional(),
  MQTT_URL: z.string().regex(/^(mqtts?|wss?|tcp):\/\//, 'MQTT_URL: mqtt://host:port'),
  /** Head end's HTTP API for remote configuration and clock (optional). */
  EDGE_HTTP_URL: z.string().url().optional(),
  EDGE_SPOOL_DIR: z.string().default('./data/edge-spool'),
  SERIAL_CHANNELS: z.string().optional(),
  EDGE_DRAIN_PER_SECOND: z.coerce.number().int().min(1).max(100_000).default(200),
  EDGE_MAX_SPOOL_MB: z.coerce.number().int().min(1).max(1_000_000).default(256),
  EDGE_CONFIG_POLL_S: z.coerce.number().int().min(5).max(86_400).default(300),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface EdgeSettings {
  edgeId: string;
  password: string;
  mqttUrl: string;
  httpUrl?: string;
  spoolDir: string;
  channels: SerialChannelInput[];
  drainPerSecond: number;
  maxSpoolBytes: number;
  configPollMs: number;
  logLevel: z.infer<typeof EdgeEnv>['LOG_LEVEL'];
}

export class EdgeConfigError extends Error {
  override name = 'EdgeConfigError';
}

/** Settings from the environment (and flag overrides, same names); throws EdgeConfigError with every problem. */
export function loadEdgeSettings(env: Record<string, string | undefined>, overrides: Record<string, string | undefined> = {}): EdgeSettings {
  const merged = { ...env, ...Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)) };
  const p = EdgeEnv.safeParse(merged);
  if (!p.success) throw new EdgeConfigError(p.error.issues.map((i) => i.message.includes(':') ? i.message : `${i.path.join('.')}: ${i.message}`).join('; '));
  const e = p.data;
  const password = e.EDGE_PASSWORD ?? (e.EDGE_PASSWORD_FILE ? readFileSync(e.EDGE_PASSWORD_FILE, 'utf8').trim() : undefined);
  if (!password) throw new EdgeConfigError('EDGE_PASSWORD or EDGE_PASSWORD_FILE: the edge password from POST /api/v1/edges');
  let channels: SerialChannelInput[];
  try {
    channels = parseSerialChannels(e.SERIAL_CHANNELS);
  } catch (err) {
    throw new EdgeConfigError((err as Error).message);
  }
  return {
    edgeId: e.EDGE_ID, password, mqttUrl: e.MQTT_URL, ...(e.EDGE_HTTP_URL ? { httpUrl: e.EDGE_HTTP_URL } : {}), spoolDir: e.EDGE_SPOOL_DIR, channels,
    drainPerSecond: e.EDGE_DRAIN_PER_SECOND, maxSpoolBytes: e.EDGE_MAX_SPOOL_MB * 1024 * 1024, configPollMs: e.EDGE_CONFIG_POLL_S * 1000, logLevel: e.LOG_LEVEL,
  };
}

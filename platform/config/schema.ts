// Raseed's configuration: environment variables (and CLI flags, which win) parsed by one zod schema.
// Every bad or missing value is reported at once.
import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65535);
const optionalUrl = z.string().url().optional();
const bool = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0', 'yes', 'no'])])
  .transform((v) => v === true || v === 'true' || v === '1' || v === 'yes');

export const ConfigSchema = z.object({
  MQTT_PORT: port.default(1883),
  MQTT_HOST: z.string().default('0.0.0.0'),
  /** Use this external broker (Mosquitto, EMQX, an aedes cluster) instead of the embedded one. */
  MQTT_URL: optionalUrl,
  MQTT_USERNAME: z.string().optional(),
  MQTT_PASSWORD: z.string().optional(),
  /** Use MQTT shared subscriptions ($share/...) so several gateways split the fleet (external brokers only). */
  MQTT_SHARED_GROUP: z.string().regex(/^[A-Za-z0-9_-]+$/).optional(),
  /** Embedded broker: largest MQTT packet a meter may send (bytes); the gateway's service account may send more. */
  MQTT_MAX_PACKET_BYTES: z.coerce.number().int().min(256).max(268_435_455).default(8192),
  /** Embedded broker: open MQTT connections per client address (meters behind a carrier NAT share one). */
  MQTT_MAX_CONNECTIONS_PER_ADDRESS: z.coerce.number().int().min(1).max(1_000_000).default(1000),
  /** Stable identity of a gateway on an external broker (its MQTT client id and session); default the host name. Unique per gateway. */
  GATEWAY_ID: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, _ and - (at most 64)').optional(),
  /** Shared group: a gateway whose beat in the shared store is older than this is adopted by a survivor (seconds). */
  GATEWAY_TAKEOVER_AFTER_S: z.coerce.number().min(1).max(3600).default(15),
  /** Session expiry of gateways' persistent sessions at an MQTT 5 broker (seconds). */
  MQTT_SESSION_EXPIRY_S: z.coerce.number().int().min(60).max(4_294_967_295).default(3600),
  /** Provision meters' credentials and ACLs into an external Mosquitto's dynamic-security plugin (MQTT_URL). */
  MOSQUITTO_DYNSEC: bool.default(false),
  /** A dynamic-security admin client of that Mosquitto. */
  MOSQUITTO_ADMIN_USERNAME: z.string().optional(),
  MOSQUITTO_ADMIN_PASSWORD: z.string().optional(),
  /** aedes cluster: Redis URL for the message emitter and persistence of the embedded broker. */
  BROKER_REDIS_URL: optionalUrl,
  HTTP_PORT: port.default(8080),
  HTTP_HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL').optional(),
  INFLUX_URL: optionalUrl,
  INFLUX_API: z.enum(['v2', 'v1']).default('v2'),
  INFLUX_TOKEN: z.string().optional(),
  INFLUX_ORG: z.string().optional(),
  INFLUX_BUCKET: z.string().default('raseed'),
  INFLUX_DATABASE: z.string().default('raseed'),
  INFLUX_RETENTION_POLICY: z.string().optional(),
  INFLUX_USERNAME: z.string().optional(),
  INFLUX_PASSWORD: z.string().optional(),
  SIM_METERS: z.coerce.number().int().min(0).max(100_000).default(20),
  /** Seconds between readings of each simulated meter. */
  SIM_INTERVAL: z.coerce.number().positive().max(86_400).default(5),
  RASEED_ADMIN_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
  /** Utility currency (ISO 4217); its exponent decides minor units. */
  CURRENCY: z.enum(['OMR', 'BHD', 'KWD', 'AED', 'SAR', 'QAR']).default('OMR'),
  /** IANA time zone of the utility: policy hours, STS TIDs read from local times, tariff months. */
  TIME_ZONE: z.string().default('Asia/Muscat'),
  /** Vending key (hex, 16 bytes... as the STS engine expects); generated into DATA_DIR when unset (demo only). */
  VENDING_KEY: z.string().regex(/^[0-9a-fA-F]+$/, 'must be hex').optional(),
  /** Key sealing secrets at rest (base64url, 32 bytes); kept in DATA_DIR when unset. */
  RASEED_DATA_KEY: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'must be 32 bytes, base64url').optional(),
  /** Allow anonymous top-ups by meter number (cash desk / kiosk). */
  ANONYMOUS_VENDING: bool.default(false),
  /** Readings dated more than this many seconds after the gateway's clock are rejected (acknowledged, counted, not stored). */
  TELEMETRY_MAX_SKEW_S: z.coerce.number().int().min(0).max(7 * 86_400).default(300),
  /** Serial channels, JSON: see README "Serial meters". */
  SERIAL_CHANNELS: z.string().optional(),
  // ---- Hardening (issue 16): sign-in throttling, proxies, TLS. See README "Limits, TLS and MQTT versions".
  /** Proxies whose X-Forwarded-For is believed: comma-separated addresses or CIDRs (or loopback, linklocal, uniquelocal). Unset: none. */
  TRUST_PROXY: z.string().regex(/^[0-9A-Za-z.:/_, -]+$/, 'a comma-separated list of proxy addresses or CIDRs').refine((v) => !/^\s*(true|\*|0\.0\.0\.0\/0)\s*$/i.test(v), 'name the proxies; trusting every client would let anyone forge its address').optional(),
  /** Sign-in attempts per client address per minute. */
  SIGNIN_MAX_PER_ADDRESS: z.coerce.number().int().min(1).max(100_000).default(30),
  /** Sign-in attempts per username per minute. */
  SIGNIN_MAX_PER_USER: z.coerce.number().int().min(1).max(100_000).default(10),
  /** Consecutive wrong passwords that lock a username, and for how many minutes. */
  SIGNIN_LOCKOUT_FAILURES: z.coerce.number().int().min(1).max(10_000).default(20),
  SIGNIN_LOCKOUT_MINUTES: z.coerce.number().int().min(1).max(7 * 24 * 60).default(15),
  /** Password hashes (scrypt) computed at once; the rest wait, so sign-in storms leave the thread pool to meters. */
  SIGNIN_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  /** TLS: PEM certificate chain and key files for HTTPS and MQTT over TLS; TLS_CA: CA of meters' client certificates (optional). */
  TLS_CERT: z.string().optional(),
  TLS_KEY: z.string().optional(),
  TLS_CA: z.string().optional(),
  /** Development: generate a self-signed certificate into DATA_DIR/tls when TLS_CERT/TLS_KEY are unset. */
  TLS_SELF_SIGNED: bool.default(false),
  /** MQTT over TLS port of the embedded broker (when TLS is configured). */
  MQTTS_PORT: port.default(8883),
  /** SMS to subscribers over SMPP 3.4: smpp://system_id:password@host:2775?source=RASEED (ssmpp:// for TLS). Unset: SMS wait in the outbox. */
  SMPP_URL: z.string().regex(/^s?smpp:\/\/[^/]+/, 'must be an smpp:// or ssmpp:// URL').optional(),
  /** E-mail to subscribers: smtp://user:pass@host:587?from=billing@utility.om (smtps:// for TLS). Unset: e-mails wait in the outbox. */
  SMTP_URL: z.string().regex(/^smtps?:\/\/[^/]+/, 'must be an smtp:// or smtps:// URL').optional(),
  /** Every notification POSTed (JSON, signed with WEBHOOK_SECRET) to this http(s) URL. */
  WEBHOOK_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** HMAC-SHA256 key of the webhook signature (X-Raseed-Signature); required with WEBHOOK_URL. */
  WEBHOOK_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  /** Trusted firmware signing keys: comma-separated paths of .pub files (raseed firmware keygen). */
  FIRMWARE_PUBLIC_KEYS: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = z.infer<typeof ConfigSchema>;
export type ConfigInput = Partial<Record<keyof Config, string | number | boolean | undefined>>;

export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Names of the settings the user set explicitly (so a taken port fails instead of moving). */
export interface LoadedConfig extends Config {
  explicit: ReadonlySet<keyof Config>;
}

export function loadConfig(env: NodeJS.ProcessEnv | Record<string, string | undefined> = process.env, overrides: ConfigInput = {}): LoadedConfig {
  const keys = Object.keys(ConfigSchema.shape) as (keyof Config)[];
  const raw: Record<string, unknown> = {};
  const explicit = new Set<keyof Config>();
  for (const k of keys) {
    const o = overrides[k];
    const e = env[k];
    const v = o !== undefined ? o : e !== undefined && e !== '' ? e : undefined;
    if (v !== undefined) {
      raw[k] = v;
      explicit.add(k);
    }
  }
  const r = ConfigSchema.safeParse(raw);
  if (!r.success) {
    throw new ConfigError(r.error.issues.map((i) => `${String(i.path[0] ?? '?')}: ${i.message}${redactedValue(String(i.path[0]), raw)}`));
  }
  return Object.assign(r.data, { explicit });
}

const SECRET_KEYS = /PASSWORD|TOKEN|KEY|SECRET|DATABASE_URL|SMPP_URL|SMTP_URL/;
function redactedValue(key: string, raw: Record<string, unknown>): string {
  if (!(key in raw)) return '';
  if (SECRET_KEYS.test(key)) return ' (value hidden)';
  return ` (got ${JSON.stringify(raw[key])})`;
}

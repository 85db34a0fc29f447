// Per-meter security on an external Mosquitto: provisions meters' credentials and ACLs into Mosquitto's
// dynamic-security plugin (mosquitto_dynamic_security.so, Mosquitto 2.0+) through its control topic, so that
// Mosquitto enforces what the embedded broker's acl.ts does:
//   a meter logs in as <meterId> with its own password and client id <meterId>, publishes only its own
//   telemetry/events/acks/status, and subscribes/receives only its own commands topic;
//   the gateway's service account reads every meter topic (also through $share groups) and writes commands.
// Every meter gets its own role `raseed-meter:<id>` with literal topics (Mosquitto 2.0's dynsec has no %u
// substitution in ACLs). The plugin's default ACL access is set to deny publishing and subscribing.
// Difference from the embedded broker, documented in docs/scale-out.md: Mosquitto cannot drop a meter's retain flag.
import mqtt, { type MqttClient } from 'mqtt';
import { randomBytes } from 'node:crypto';
import { METER_PUBLISH_KINDS, TOPIC_ROOT, meterTopic } from '../protocols/index.ts';
import type { Logger } from '../platform/index.ts';

export const DYNSEC_TOPIC = '$CONTROL/dynamic-security/v1';
const RESPONSE_TOPIC = `${DYNSEC_TOPIC}/response`;
/** textName of clients Raseed manages: sync() deletes such clients whose meter is gone, and nothing else. */
const METER_MARK = 'raseed meter';
const GATEWAY_ROLE = 'raseed-gateway';

export interface DynsecOptions {
  /** The Mosquitto broker (MQTT_URL). */
  url: string;
  /** A dynsec admin client (MOSQUITTO_ADMIN_USERNAME / MOSQUITTO_ADMIN_PASSWORD). */
  username: string;
  password: string;
  logger: Logger;
  /** Milliseconds to wait for the plugin's answer; default 10 s. */
  timeoutMs?: number;
}

export interface DynsecCommand {
  command: string;
  [k: string]: unknown;
}

export interface DynsecResponse {
  command: string;
  error?: string;
  data?: unknown;
}

export class DynsecError extends Error {
  override name = 'DynsecError';
  constructor(readonly command: string, readonly reason: string) {
    super(`mosquitto dynamic security: ${command} failed: ${reason}`);
  }
}

export interface MeterCredential {
  meterId: string;
  /** Plain password (only known when it is created or rotated); without it the meter's ACLs are set and its password left as it is. */
  password?: string;
}

export function meterRole(meterId: string): string {
  return `raseed-meter:${meterId}`;
}

/** The ACLs of a meter's role: exactly what broker/acl.ts allows a meter. */
export function meterAcls(meterId: string): { acltype: string; topic: string; allow: boolean }[] {
  return [
    ...METER_PUBLISH_KINDS.map((k) => ({ acltype: 'publishClientSend', topic: meterTopic(meterId, k), allow: true })),
    { acltype: 'subscribeLiteral', topic: meterTopic(meterId, 'commands'), allow: true },
    { acltype: 'publishClientReceive', topic: meterTopic(meterId, 'commands'), allow: true },
    { acltype: 'unsubscribeLiteral', topic: meterTopic(meterId, 'commands'), allow: true },
  ];
}

export class MosquittoDynsec {
  private client: MqttClient | null = null;
  private chain: Promise<unknown> = Promise.resolve();
  private waiting: ((r: DynsecResponse[]) => void) | null = null;

  constructor(private readonly o: DynsecOptions) {}

  async connect(): Promise<void> {
    const client = await mqtt.connectAsync(this.o.url, {
      username: this.o.username, password: this.o.password, clientId: `raseed-dynsec-${randomBytes(4).toString('hex')}`,
      reconnectPeriod: 1000, connectTimeout: 10_000, protocolVersion: 5,
    });
    client.on('message', (topic, payload) => {
      if (topic !== RESPONSE_TOPIC || !this.waiting) return;
      const w = this.waiting;
      this.waiting = null;
      try {
        w((JSON.parse(payload.toString('utf8')) as { responses: DynsecResponse[] }).responses ?? []);
      } catch {
        w([]);
      }
    });
    client.on('error', (err) => this.o.logger.warn({ err: err.message }, 'dynsec mqtt error'));
    const granted = await client.subscribeAsync(RESPONSE_TOPIC, { qos: 1 });
    if (granted.some((g) => g.qos > 2)) throw new DynsecError('subscribe', `${this.o.username} may not read ${RESPONSE_TOPIC}: is it a dynsec admin?`);
    this.client = client;
  }

  /** Sends commands in one control message and returns their responses, in order. One message in flight at a time. */
  run(commands: DynsecCommand[]): Promise<DynsecResponse[]> {
    const next = this.chain.then(() => this.send(commands));
    this.chain = next.catch(() => undefined);
    return next;
  }

  private async send(commands: DynsecCommand[]): Promise<DynsecResponse[]> {
    const c = this.client;
    if (!c) throw new Error('dynsec: not connected');
    const timeout = this.o.timeoutMs ?? 10_000;
    const answer = new Promise<DynsecResponse[]>((resolve, reject) => {
      const t = setTimeout(() => {
        this.waiting = null;
        reject(new DynsecError(commands[0]?.command ?? '?', `no answer within ${timeout} ms (is the plugin loaded?)`));
      }, timeout);
      this.waiting = (r) => {
        clearTimeout(t);
        resolve(r);
      };
    });
    await c.publishAsync(DYNSEC_TOPIC, JSON.stringify({ commands }), { qos: 1 });
    return answer;
  }

  /** Runs commands and throws on the first error not listed in `tolerate` (e.g. "Client already exists"). */
  private async must(commands: DynsecCommand[], tolerate: RegExp = /^$/): Promise<DynsecResponse[]> {
    const out: DynsecResponse[] = [];
    // The plugin answers at most one response message per control message; keep batches moderate.
    for (let i = 0; i < commands.length; i += 100) {
      const rs = await this.run(commands.slice(i, i + 100));
      for (const r of rs) if (r.error && !tolerate.test(r.error)) throw new DynsecError(r.command, r.error);
      out.push(...rs);
    }
    return out;
  }

  /** Default deny for publishing and subscribing; the gateway's role. Idempotent. */
  async setup(gatewayUsername: string, gatewayPassword?: string): Promise<void> {
    await this.must([
      { command: 'setDefaultACLAccess', acls: [
        { acltype: 'publishClientSend', allow: false }, { acltype: 'publishClientReceive', allow: false },
        { acltype: 'subscribe', allow: false }, { acltype: 'unsubscribe', allow: true },
      ] },
      { command: 'createRole', rolename: GATEWAY_ROLE, textname: 'raseed gateway', acls: [
        { acltype: 'subscribePattern', topic: `${TOPIC_ROOT}/#`, allow: true },
        // Mosquitto 2.0 checks a shared subscription against its full filter, $share/<group>/ included.
        { acltype: 'subscribePattern', topic: `$share/+/${TOPIC_ROOT}/#`, allow: true },
        { acltype: 'publishClientReceive', topic: `${TOPIC_ROOT}/#`, allow: true },
        { acltype: 'publishClientSend', topic: `${TOPIC_ROOT}/+/commands`, allow: true },
      ] },
    ], /already exists/i);
    await this.must([{ command: 'createClient', username: gatewayUsername, textname: 'raseed gateway', roles: [{ rolename: GATEWAY_ROLE }] }], /already exists/i);
    if (gatewayPassword) await this.must([{ command: 'setClientPassword', username: gatewayUsername, password: gatewayPassword }]);
  }

  /** Creates or updates a meter: its client (client id bound to the meter id), its role, its password. */
  async provision(meterId: string, password?: string): Promise<void> {
    const role = meterRole(meterId);
    await this.must([
      { command: 'createRole', rolename: role, textname: METER_MARK, acls: meterAcls(meterId) },
      { command: 'createClient', username: meterId, clientid: meterId, textname: METER_MARK, roles: [{ rolename: role }] },
    ], /already exists/i);
    if (password !== undefined) await this.must([{ command: 'setClientPassword', username: meterId, password }]);
    this.o.logger.debug({ meter: meterId, password: password !== undefined }, 'dynsec: meter provisioned');
  }

  /** Deletes a meter's client and role: it can no longer log in; a connected session is dropped by the plugin. */
  async revoke(meterId: string): Promise<void> {
    await this.must([
      { command: 'deleteClient', username: meterId },
      { command: 'deleteRole', rolename: meterRole(meterId) },
    ], /not found/i);
    this.o.logger.info({ meter: meterId }, 'dynsec: meter revoked');
  }

  /** Makes the plugin hold exactly these meters: provisions each, and revokes Raseed meters that are not listed. */
  async sync(meters: readonly MeterCredential[]): Promise<{ provisioned: number; revoked: number }> {
    const want = new Set(meters.map((m) => m.meterId));
    for (const m of meters) await this.provision(m.meterId, m.password);
    let revoked = 0;
    for (const username of await this.managedMeters()) {
      if (want.has(username)) continue;
      await this.revoke(username);
      revoked++;
    }
    return { provisioned: meters.length, revoked };
  }

  /** Usernames of the meters Raseed provisioned (clients marked with its textname). */
  async managedMeters(): Promise<string[]> {
    const [list] = await this.must([{ command: 'listClients', verbose: true, count: -1, offset: 0 }]);
    const clients = ((list?.data as { clients?: { username: string; textname?: string }[] } | undefined)?.clients ?? []);
    return clients.filter((c) => c.textname === METER_MARK).map((c) => c.username);
  }

  async close(): Promise<void> {
    await this.client?.endAsync();
    this.client = null;
  }
}

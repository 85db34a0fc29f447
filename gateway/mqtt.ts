// MQTT transports of the gateway.
// Embedded broker: ingest runs inside the broker's authorizePublish, before the PUBACK.
// External broker (Mosquitto, EMQX, aedes cluster): an MQTT.js client whose acknowledgements are held back
// (handleMessage) until ingest has made the message durable; with a shared-subscription group, several
// gateways split the fleet (docs/scale-out.md):
// - a stable identity (GATEWAY_ID → client id `raseed-gw-<id>`) and a persistent session, taken up again after a restart;
// - status (presence, last wills) on a plain subscription, so every gateway sees the whole fleet's presence;
// - nothing inside MQTT.js's message handler waits for the broker: MQTT.js reads the next packet (a PUBACK too)
//   only after the handler returns, so a command sent from there is handed over without waiting for its PUBACK;
// - a member that stops beating in the shared store has its persistent session adopted by a survivor (same client
//   id, clean start off): the broker's queue for it drains into the survivor, and its share keeps flowing there
//   until the member comes back and takes its session over again (members.ts).
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { hostname } from 'node:os';
import type { Aedes } from 'aedes';
import { fleetFilter, sharedFleetFilter, meterTopic, type CommandEnvelope, type MeterTopicKind } from '../protocols/index.ts';
import type { Identity, PublishHook } from '../broker/index.ts';
import type { Db, Logger } from '../platform/index.ts';
import type { Ingest } from './ingest.ts';
import { GatewayMembership, type Adoption } from './members.ts';

/** Delivers commands to meters. */
export interface CommandTransport {
  send(meterId: string, cmd: CommandEnvelope): Promise<void>;
}

export function embeddedPublishHook(ingest: Ingest): PublishHook {
  return async (who: Identity, topic: string, payload: Buffer) => {
    if (who.kind !== 'meter') return;
    // Malformed or unknown-meter messages resolve (acknowledged and counted); only a durability failure rejects.
    await ingest.handleTopic(topic, payload, 'mqtt');
  };
}

export function embeddedCommandTransport(aedes: Aedes): CommandTransport {
  return {
    send(meterId, cmd) {
      return new Promise((resolve, reject) => {
        aedes.publish(
          { cmd: 'publish', topic: meterTopic(meterId, 'commands'), payload: Buffer.from(JSON.stringify(cmd)), qos: 1, retain: false, dup: false },
          (err) => (err ? reject(err) : resolve()),
        );
      });
    },
  };
}

export interface ExternalGatewayOptions {
  url: string;
  username: string;
  password: string;
  /** MQTT shared-subscription group; several gateways with the same group split the fleet. */
  sharedGroup?: string;
  /** Stable identity of this gateway (GATEWAY_ID; default: the host name): its client id and session survive restarts. */
  gatewayId?: string;
  /** Overrides the client id derived from gatewayId. */
  clientId?: string;
  /** Session expiry at the broker (MQTT 5), seconds; default 3600. */
  sessionExpiryS?: number;
  /** Shared store for membership beats and session adoption (shared groups only). */
  db?: Db;
  /** A member whose last beat is older than this is adopted (GATEWAY_TAKEOVER_AFTER_S); default 15 s. */
  takeoverAfterMs?: number;
  /** Beat every this many ms; default a fifth of takeoverAfterMs. */
  beatMs?: number;
  logger: Logger;
}

export interface ExternalGateway extends CommandTransport {
  client: MqttClient;
  clientId: string;
  /** Client ids of dead members' sessions this gateway holds now. */
  adopted(): string[];
  close(): Promise<void>;
}

const SHARED_KINDS: MeterTopicKind[] = ['telemetry', 'events', 'acks'];

export function gatewayClientId(gatewayId: string): string {
  return `raseed-gw-${gatewayId}`;
}

export function gatewayFilters(sharedGroup?: string): string[] {
  // Status is never shared: every gateway must know every meter's presence to deliver its commands.
  return [...SHARED_KINDS.map((k) => (sharedGroup ? sharedFleetFilter(k, sharedGroup) : fleetFilter(k))), fleetFilter('status')];
}

export async function connectExternalGateway(ingest: Ingest, o: ExternalGatewayOptions): Promise<ExternalGateway> {
  const gatewayId = o.gatewayId ?? hostname().replace(/[^A-Za-z0-9_-]/g, '-');
  const clientId = o.clientId ?? gatewayClientId(gatewayId);
  const log = o.logger.child({ gateway: gatewayId });
  let handling = 0;
  const v5 = Boolean(o.sharedGroup);
  const options = (id: string, reconnect: boolean): IClientOptions => ({
    username: o.username,
    password: o.password,
    clientId: id,
    // A persistent session: QoS 1 messages that arrive while the gateway restarts wait for it at the broker.
    clean: false,
    protocolVersion: v5 ? 5 : 4,
    // MQTT 5 ends a session at disconnect unless it is given an expiry.
    ...(v5 ? { properties: { sessionExpiryInterval: o.sessionExpiryS ?? 3600 } } : {}),
    reconnectPeriod: reconnect ? 1000 : 0,
    // MQTT.js does not reconnect after a CONNACK error unless told to.
    reconnectOnConnackError: reconnect,
    queueQoSZero: false,
  });
  const attach = (client: MqttClient, what: string) => {
    client.handleMessage = (packet, callback) => {
      handling++;
      ingest.handleTopic(packet.topic, packet.payload as Buffer, 'mqtt').then(
        () => {
          handling--;
          callback();
        },
        (err: unknown) => {
          handling--;
          // Not durable: do not acknowledge; drop the connection so the broker redelivers.
          log.error({ err, session: what }, 'ingest failed; reconnecting so the broker redelivers');
          client.stream.destroy();
        },
      );
    };
    client.on('error', (err) => log.warn({ err: err.message, session: what }, 'gateway mqtt error'));
  };

  // Membership first: a fresh beat before connecting, so no survivor adopts (and fights for) our session.
  const membership = o.db && o.sharedGroup
    ? new GatewayMembership(o.db, { gatewayId, clientId, group: o.sharedGroup, takeoverAfterMs: o.takeoverAfterMs ?? 15_000, beatMs: o.beatMs, logger: log })
    : null;
  if (membership) await membership.join();

  const client = mqtt.connect(o.url, options(clientId, true));
  attach(client, clientId);
  await new Promise<void>((resolve, reject) => {
    client.once('connect', () => resolve());
    client.once('error', reject);
  });
  await client.subscribeAsync(gatewayFilters(o.sharedGroup), { qos: 1 });
  log.info({ clientId, group: o.sharedGroup ?? null }, 'gateway connected to the external broker');

  // Adopted sessions of dead members: same client id, clean start off, no reconnect (the owner's return ends it).
  const adopted = new Map<string, MqttClient>();
  const adopt = async (a: Adoption): Promise<boolean> => {
    if (adopted.has(a.clientId)) return true;
    const c = mqtt.connect(o.url, options(a.clientId, false));
    attach(c, a.clientId);
    const present = await new Promise<boolean | null>((resolve) => {
      c.once('connect', (ack) => resolve(Boolean(ack.sessionPresent)));
      c.once('error', () => resolve(null));
      c.once('close', () => resolve(null));
    });
    if (present === null) {
      c.end(true);
      return false;
    }
    if (!present) {
      // Nothing to drain: the session expired. End this empty one at once and forget the member.
      await c.endAsync(false, { properties: { sessionExpiryInterval: 0 } }).catch(() => undefined);
      log.info({ member: a.gatewayId }, 'dead member had no session left; forgotten');
      return false;
    }
    adopted.set(a.clientId, c);
    log.warn({ member: a.gatewayId, clientId: a.clientId }, 'adopted the session of a gateway that stopped beating: draining its share');
    c.once('close', () => {
      adopted.delete(a.clientId);
      c.end(true);
      log.info({ member: a.gatewayId }, 'adopted session ended (its gateway is back, or the broker went away)');
      void membership?.release(a.gatewayId);
    });
    return true;
  };
  membership?.start(adopt);

  return {
    client,
    clientId,
    adopted: () => [...adopted.keys()],
    async send(meterId, cmd) {
      const topic = meterTopic(meterId, 'commands');
      const payload = JSON.stringify(cmd);
      if (handling > 0) {
        // Called from inside a message handler: MQTT.js would read our PUBACK only after the handler returns, so
        // waiting here would stall ingest for good. Hand it to MQTT.js (its outgoing store resends it after a
        // reconnect); the command service's retries and the meter's ack decide delivery.
        client.publish(topic, payload, { qos: 1 }, (err) => { if (err) log.warn({ err: err.message, meter: meterId }, 'command publish failed'); });
        return;
      }
      await client.publishAsync(topic, payload, { qos: 1 });
    },
    async close() {
      await membership?.stop();
      for (const c of adopted.values()) c.removeAllListeners('close');
      await Promise.all([...adopted.values()].map((c) => c.endAsync().catch(() => undefined)));
      adopted.clear();
      await client.endAsync();
    },
  };
}

// MQTT transports of the gateway.
// Embedded broker: ingest runs inside the broker's authorizePublish, before the PUBACK.
// External broker (Mosquitto, EMQX, aedes cluster): an MQTT.js client whose acknowledgements are held back
// (handleMessage) until ingest has made the message durable; with a shared-subscription group, several
// gateways split the fleet.
import mqtt, { type MqttClient } from 'mqtt';
import type { Aedes } from 'aedes';
import { fleetFilter, sharedFleetFilter, meterTopic, type CommandEnvelope, type MeterTopicKind } from '../protocols/index.ts';
import type { Identity, PublishHook } from '../broker/index.ts';
import type { Logger } from '../platform/index.ts';
import type { Ingest } from './ingest.ts';

/** Delivers commands to meters. */
export interface CommandTransport {
  send(meterId: string, cmd: CommandEnvelope): Promise<void>;
}

export function embeddedPublishHook(ingest: Ingest): PublishHook {
  return async (who: Identity, topic: string, payload: Buffer) => {
    if (who.kind !== 'meter' && who.kind !== 'edge') return; // an edge publishes for its meters (the ACL checked which)
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
  clientId?: string;
  logger: Logger;
}

export interface ExternalGateway extends CommandTransport {
  client: MqttClient;
  close(): Promise<void>;
}

const KINDS: MeterTopicKind[] = ['telemetry', 'events', 'acks', 'status'];

export async function connectExternalGateway(ingest: Ingest, o: ExternalGatewayOptions): Promise<ExternalGateway> {
  const client = mqtt.connect(o.url, {
    username: o.username,
    password: o.password,
    clientId: o.clientId ?? `raseed-gateway-${process.pid}`,
    // A persistent session: QoS 1 messages that arrive while the gateway restarts wait for it at the broker.
    clean: false,
    protocolVersion: o.sharedGroup ? 5 : 4,
    // MQTT 5 ends a session at disconnect unless it is given an expiry.
    ...(o.sharedGroup ? { properties: { sessionExpiryInterval: 3600 } } : {}),
    reconnectPeriod: 1000,
    // MQTT.js does not reconnect after a CONNACK error unless told to.
    reconnectOnConnackError: true,
    queueQoSZero: false,
  });
  client.handleMessage = (packet, callback) => {
    ingest.handleTopic(packet.topic, packet.payload as Buffer, 'mqtt').then(
      () => callback(),
      (err: unknown) => {
        // Not durable: do not acknowledge; drop the connection so the broker redelivers.
        o.logger.error({ err }, 'ingest failed; reconnecting so the broker redelivers');
        client.stream.destroy();
      },
    );
  };
  client.on('error', (err) => o.logger.warn({ err: err.message }, 'gateway mqtt error'));
  await new Promise<void>((resolve, reject) => {
    client.once('connect', () => resolve());
    client.once('error', reject);
  });
  const filters = KINDS.map((k) => (o.sharedGroup ? sharedFleetFilter(k, o.sharedGroup) : fleetFilter(k)));
  await client.subscribeAsync(filters, { qos: 1 });
  return {
    client,
    async send(meterId, cmd) {
      await client.publishAsync(meterTopic(meterId, 'commands'), JSON.stringify(cmd), { qos: 1 });
    },
    async close() {
      await client.endAsync();
    },
  };
}

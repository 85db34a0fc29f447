// The embedded MQTT broker: aedes with per-meter credentials, topic ACLs and a durable-ingest hook.
// aedes acknowledges a QoS 1 PUBLISH before routing it, but calls authorizePublish before the PUBACK:
// the ingest hook runs there, so a meter hears "delivered" only once its reading is safe.
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { Aedes, type AedesOptions, type Client } from 'aedes';
import type { Logger } from '../platform/index.ts';
import { canPublish, canSubscribe, type Identity } from './acl.ts';

export type Authenticator = (username: string, password: string) => Promise<Identity | null>;

/** Called for every authorised publish from a client, before it is acknowledged. Rejecting refuses the publish (the client retries). */
export type PublishHook = (who: Identity, topic: string, payload: Buffer, client: Client | null) => Promise<void>;

export interface BrokerOptions {
  authenticate: Authenticator;
  port?: number;
  host?: string;
  logger: Logger;
  onPublish?: PublishHook;
  onClientConnected?: (who: Identity) => void;
  onClientDisconnected?: (who: Identity) => void;
  /** Accept clients without credentials (restricted to non-meter topics). Off by default. */
  allowAnonymous?: boolean;
  /** aedes cluster: mqemitter-redis + aedes-persistence-redis on this Redis URL. */
  redisUrl?: string;
}

export interface RunningBroker {
  aedes: Aedes;
  port: number;
  close(): Promise<void>;
}

const identities = new WeakMap<Client, Identity>();

export function identityOf(client: Client | null): Identity | null {
  return client ? identities.get(client) ?? null : null;
}

function authError(message: string): Error & { returnCode: number } {
  return Object.assign(new Error(message), { returnCode: 4 });
}

export async function startBroker(o: BrokerOptions): Promise<RunningBroker> {
  const log = o.logger;
  const opts: AedesOptions = {
    // Bounded queues and a drain timeout: one frozen subscriber must not stall the rest.
    queueLimit: 10_000,
    drainTimeout: 30_000,
    maxInflightInbound: 1000,
    maxTopicLevels: 16,
    concurrency: 1000,
    authenticate(client, username, password, done) {
      if (!username && !password) {
        if (o.allowAnonymous) {
          identities.set(client, { kind: 'anonymous' });
          return done(null, true);
        }
        return done(authError('credentials required'), false);
      }
      o.authenticate(username ?? '', password ? password.toString('utf8') : '')
        .then((who) => {
          if (!who) {
            log.warn({ clientId: client.id, username }, 'mqtt login refused');
            return done(authError('bad username or password'), false);
          }
          // A meter must use its own id as client id, so its session cannot be taken over by another meter.
          if (who.kind === 'meter' && client.id !== who.meterId) {
            log.warn({ clientId: client.id, meter: who.meterId }, 'mqtt client id does not match meter');
            return done(Object.assign(new Error('client id must be the meter id'), { returnCode: 2 }), false);
          }
          identities.set(client, who);
          done(null, true);
        })
        .catch((err: unknown) => {
          log.error({ err }, 'mqtt authentication failed');
          done(Object.assign(new Error('server unavailable'), { returnCode: 3 }), false);
        });
    },
    authorizePublish(client, packet, callback) {
      const who = identityOf(client);
      if (client && !who) return callback(new Error('not authenticated'));
      if (!who) return callback(null); // broker-internal publish
      if (!canPublish(who, packet.topic)) {
        log.warn({ who, topic: packet.topic }, 'mqtt publish refused by ACL');
        return callback(new Error('not authorised to publish on ' + packet.topic));
      }
      if (!o.onPublish) return callback(null);
      o.onPublish(who, packet.topic, packet.payload as Buffer, client).then(
        () => callback(null),
        (err: unknown) => callback(err instanceof Error ? err : new Error(String(err))),
      );
    },
    authorizeSubscribe(client, sub, callback) {
      const who = identityOf(client);
      if (!who || !canSubscribe(who, sub.topic)) {
        log.warn({ who, topic: sub.topic }, 'mqtt subscribe refused by ACL');
        // (null, null) answers the SUBSCRIBE with a failure return code instead of dropping the connection.
        return callback(null, null);
      }
      callback(null, sub);
    },
  };
  if (o.redisUrl) {
    const { default: mqemitterRedis } = await import('mqemitter-redis');
    const { default: redisPersistence } = await import('aedes-persistence-redis');
    opts.mq = mqemitterRedis({ connectionString: o.redisUrl } as never);
    opts.persistence = redisPersistence({ connectionString: o.redisUrl } as never);
  }
  const aedes = await Aedes.createBroker(opts);
  aedes.on('clientReady', (client) => {
    const who = identityOf(client);
    if (who) o.onClientConnected?.(who);
  });
  aedes.on('clientDisconnect', (client) => {
    const who = identityOf(client);
    if (who) o.onClientDisconnected?.(who);
  });
  aedes.on('clientError', (client, err) => log.debug({ clientId: client?.id, err: err.message }, 'mqtt client error'));
  aedes.on('connectionError', (client, err) => log.debug({ clientId: client?.id, err: err.message }, 'mqtt connection error'));

  // noDelay: without it Nagle stalls QoS 1 request/response by ~45 ms per round trip.
  const server = net.createServer({ noDelay: true }, aedes.handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 1883, o.host ?? '0.0.0.0', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  log.debug({ port }, 'mqtt broker listening');
  return {
    aedes,
    port,
    async close() {
      await new Promise<void>((resolve) => aedes.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

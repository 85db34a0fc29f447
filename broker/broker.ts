// The embedded MQTT broker: aedes with per-meter credentials, topic ACLs and a durable-ingest hook.
// aedes acknowledges a QoS 1 PUBLISH before routing it, but calls authorizePublish before the PUBACK:
// the ingest hook runs there, so a meter hears "delivered" only once its reading is safe.
// Limits (limits.ts): packet size per identity, connections per address, login back-off, well-formed usernames;
// meters cannot retain messages (the retain flag of their publishes and wills is dropped). MQTT 5 CONNECTs are
// answered "unsupported protocol version" by aedes 1.x, with a log line pointing to an external broker (docs/mqtt.md).
import net from 'node:net';
import tls from 'node:tls';
import type { AddressInfo } from 'node:net';
import { Aedes, type AedesOptions, type Client } from 'aedes';
import { Gauge } from 'prom-client';
import { metricsRegistry, type Logger } from '../platform/index.ts';
import { canPublish, canRetain, canSubscribe, type Identity } from './acl.ts';
import {
  ConnectionCounter, DEFAULT_MAX_CONNECTIONS_PER_ADDRESS, DEFAULT_METER_MAX_PACKET_BYTES, DEFAULT_SERVICE_MAX_PACKET_BYTES, LoginThrottle, PacketSizeGuard,
  isWellFormedUsername, normaliseAddress,
} from './limits.ts';

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
  /** Largest MQTT packet from a meter, an anonymous client, or anyone before CONNECT (MQTT_MAX_PACKET_BYTES); default 8 KiB. */
  maxPacketBytes?: number;
  /** Largest MQTT packet from a service account; default 1 MiB. */
  serviceMaxPacketBytes?: number;
  /** Open connections per client address (MQTT_MAX_CONNECTIONS_PER_ADDRESS); default 1000. */
  maxConnectionsPerAddress?: number;
  /** Failed-login back-off (per address and per username); default policies of limits.ts. */
  loginThrottle?: LoginThrottle;
  /**
   * MQTT over TLS beside the plain listener (same broker, same limits): PEM key and certificate chain; with `ca`,
   * a client certificate signed by it is required and a meter's certificate must name the meter (CN = meter id).
   */
  tls?: { key: string | Buffer; cert: string | Buffer; ca?: string | Buffer; port?: number; host?: string };
}

export interface RunningBroker {
  aedes: Aedes;
  port: number;
  /** Port of the MQTT over TLS listener, when there is one. */
  tlsPort: number | null;
  /** Ends a client's session now (its credentials were revoked or rotated); false when it is not connected here. */
  disconnect(clientId: string): boolean;
  close(): Promise<void>;
}

const identities = new WeakMap<Client, Identity>();

/** Clients logged in now, by kind (meter, service, edge, anonymous): the broker's own view of the fleet. */
export const brokerClients = new Gauge({
  name: 'raseed_broker_clients_connected',
  help: 'Clients connected to the embedded broker now, by identity kind',
  labelNames: ['kind'] as const,
  registers: [metricsRegistry],
});

export function identityOf(client: Client | null): Identity | null {
  return client ? identities.get(client) ?? null : null;
}

function addressOf(client: Client): string {
  return normaliseAddress((client.conn as Partial<net.Socket> | undefined)?.remoteAddress);
}

function authError(message: string): Error & { returnCode: number } {
  return Object.assign(new Error(message), { returnCode: 4 });
}

export async function startBroker(o: BrokerOptions): Promise<RunningBroker> {
  const log = o.logger;
  const meterMax = o.maxPacketBytes ?? DEFAULT_METER_MAX_PACKET_BYTES;
  const serviceMax = o.serviceMaxPacketBytes ?? DEFAULT_SERVICE_MAX_PACKET_BYTES;
  const maxPacketOf = (who: Identity | null): number => (who?.kind === 'service' ? serviceMax : meterMax);
  const throttle = o.loginThrottle ?? new LoginThrottle();
  const connections = new ConnectionCounter(o.maxConnectionsPerAddress ?? DEFAULT_MAX_CONNECTIONS_PER_ADDRESS);
  const notices = new RateLimitedNotices();
  const opts: AedesOptions = {
    // Bounded queues and a drain timeout: one frozen subscriber must not stall the rest.
    queueLimit: 10_000,
    drainTimeout: 30_000,
    maxInflightInbound: 1000,
    maxTopicLevels: 16,
    concurrency: 1000,
    preConnect(client, packet, callback) {
      if (packet.protocolVersion === 5 && notices.first(`v5:${packet.clientId}`)) {
        log.warn({ clientId: packet.clientId, address: addressOf(client) },
          'mqtt: MQTT 5 CONNECT refused (the embedded broker speaks MQTT 3.1.1); connect MQTT 5 meters through an external broker (Mosquitto, EMQX) with MQTT_URL, see docs/mqtt.md');
      }
      callback(null, true);
    },
    authenticate(client, username, password, done) {
      const address = addressOf(client);
      if (username !== undefined && username !== '' && !isWellFormedUsername(username)) {
        throttle.failure(address, '');
        log.warn({ clientId: client.id, address, username: JSON.stringify(username.slice(0, 64)), length: username.length }, 'mqtt login refused: malformed username');
        return done(authError('bad username or password'), false);
      }
      const wait = throttle.retryInMs(address, username ?? '');
      if (wait > 0) {
        if (notices.first(`throttle:${address}:${username ?? ''}`, 30_000)) log.warn({ address, username, retryInMs: wait }, 'mqtt login throttled after repeated failures');
        return done(Object.assign(new Error('too many failed logins; try later'), { returnCode: 3 }), false);
      }
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
            throttle.failure(address, username ?? '');
            log.warn({ clientId: client.id, username, address }, 'mqtt login refused');
            return done(authError('bad username or password'), false);
          }
          throttle.success(address, username ?? '');
          // A meter must use its own id as client id, so its session cannot be taken over by another meter.
          if (who.kind === 'meter' && client.id !== who.meterId) {
            log.warn({ clientId: client.id, meter: who.meterId }, 'mqtt client id does not match meter');
            return done(Object.assign(new Error('client id must be the meter id'), { returnCode: 2 }), false);
          }
          // Likewise an edge agent uses `edge:<id>` as client id.
          if (who.kind === 'edge' && client.id !== `edge:${who.edgeId}`) {
            log.warn({ clientId: client.id, edge: who.edgeId }, 'mqtt client id does not match edge');
            return done(Object.assign(new Error('client id must be edge:<id>'), { returnCode: 2 }), false);
          }
          // With client certificates (TLS_CA): a meter's certificate must carry its own id as common name.
          const peer = (client.conn as Partial<tls.TLSSocket>).getPeerCertificate?.();
          if (o.tls?.ca && who.kind === 'meter' && peer && peer.subject?.CN !== who.meterId) {
            log.warn({ clientId: client.id, meter: who.meterId, certificate: peer.subject?.CN }, 'mqtt login refused: client certificate names another meter');
            return done(authError('client certificate does not match the meter'), false);
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
      const size = (packet.payload as Buffer | string).length;
      if (size > maxPacketOf(who)) {
        log.warn({ who, topic: packet.topic, bytes: size, limit: maxPacketOf(who) }, 'mqtt publish refused: too large');
        return callback(new Error(`payload of ${size} bytes exceeds ${maxPacketOf(who)}`));
      }
      if (packet.retain && !canRetain(who, packet.topic)) {
        // Delivered, but not kept: a meter must not pin broker memory with retained messages (publishes and wills).
        if (notices.first(`retain:${client?.id ?? ''}`, 600_000)) log.debug({ who, topic: packet.topic }, 'mqtt: retain flag dropped (meters cannot retain messages)');
        packet.retain = false;
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
    // Options, not the URL, so that ioredis skips its ready check (INFO): ioredis 5 sends CLIENT SETINFO first, and a
    // SUBSCRIBE that slips in meanwhile puts the connection in subscriber mode, where INFO is refused and the error
    // ended the process (seen in CI). The emitter's errors are logged, not thrown: ioredis reconnects by itself, and
    // a Redis restart must not take the broker down.
    const mq = mqemitterRedis({ ...redisOptionsOf(o.redisUrl), enableReadyCheck: false } as never) as unknown as { state: { on(ev: 'error', f: (err: Error) => void): void } };
    mq.state.on('error', (err) => log.warn({ err: err.message }, 'broker: Redis emitter connection error (reconnecting)'));
    opts.mq = mq as never;
    // aedes-persistence-redis hands its options to ioredis as an options object and ignores connectionString:
    // without this it writes into DB 0 on localhost whatever the URL says.
    opts.persistence = joinConcurrentSubscriptionWrites(redisPersistence(redisOptionsOf(o.redisUrl)) as PersistenceWithSubs) as never;
  }
  const aedes = await Aedes.createBroker(opts);
  const counted = new WeakSet<Client>();
  aedes.on('clientReady', (client) => {
    const who = identityOf(client);
    if (who) {
      counted.add(client);
      brokerClients.inc({ kind: who.kind });
      o.onClientConnected?.(who);
    }
  });
  aedes.on('clientDisconnect', (client) => {
    const who = identityOf(client);
    if (who && counted.delete(client)) brokerClients.dec({ kind: who.kind });
    if (who) o.onClientDisconnected?.(who);
  });
  aedes.on('clientError', (client, err) => log.debug({ clientId: client?.id, err: err.message }, 'mqtt client error'));
  aedes.on('connectionError', (client, err) => log.debug({ clientId: client?.id, err: err.message }, 'mqtt connection error'));

  // noDelay: without it Nagle stalls QoS 1 request/response by ~45 ms per round trip.
  const onConnection = (socket: net.Socket): void => {
    const address = normaliseAddress(socket.remoteAddress);
    if (!connections.acquire(address)) {
      if (notices.first(`conns:${address}`, 30_000)) log.warn({ address, limit: connections.maxPerAddress }, 'mqtt connection refused: too many connections from this address');
      socket.destroy();
      return;
    }
    socket.once('close', () => connections.release(address));
    aedes.handle(socket);
    // After aedes.handle: aedes reads with 'readable' + read(), which keeps control of the flow; this listener sees
    // each chunk aedes reads and closes the connection at the first header announcing an oversize packet.
    const client = (socket as net.Socket & { client?: Client }).client;
    const guard = new PacketSizeGuard(() => maxPacketOf(identityOf(client ?? null)));
    const onData = (chunk: Buffer): void => {
      const err = guard.push(chunk);
      if (!err) return;
      socket.off('data', onData);
      log.warn({ clientId: client?.id, who: identityOf(client ?? null), address, bytes: err.bytes, limit: err.limit }, 'mqtt connection closed: packet too large');
      socket.destroy();
    };
    socket.on('data', onData);
  };
  const server = net.createServer({ noDelay: true }, onConnection);
  const listen = (srv: net.Server, port: number, host: string) => new Promise<number>((resolve, reject) => {
    srv.once('error', reject);
    srv.listen(port, host, () => {
      srv.off('error', reject);
      resolve((srv.address() as AddressInfo).port);
    });
  });
  const port = await listen(server, o.port ?? 1883, o.host ?? '0.0.0.0');
  log.debug({ port }, 'mqtt broker listening');
  let tlsServer: tls.Server | null = null;
  let tlsPort: number | null = null;
  if (o.tls) {
    const t = o.tls;
    tlsServer = tls.createServer({ key: t.key, cert: t.cert, ...(t.ca ? { ca: t.ca, requestCert: true, rejectUnauthorized: true } : {}), minVersion: 'TLSv1.2', noDelay: true }, onConnection);
    tlsServer.on('tlsClientError', (err, socket) => log.debug({ address: socket.remoteAddress, err: err.message }, 'mqtt tls handshake failed'));
    try {
      tlsPort = await listen(tlsServer, t.port ?? 8883, t.host ?? o.host ?? '0.0.0.0');
    } catch (err) {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      throw err;
    }
    log.debug({ port: tlsPort }, 'mqtt over tls listening');
  }
  return {
    aedes,
    port,
    tlsPort,
    disconnect(clientId: string) {
      const client = (aedes as unknown as { clients: Record<string, Client | undefined> }).clients[clientId];
      if (!client) return false;
      log.info({ clientId }, 'mqtt session ended: credentials changed');
      client.close();
      return true;
    },
    async close() {
      await new Promise<void>((resolve) => aedes.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (tlsServer) await new Promise<void>((resolve) => tlsServer.close(() => resolve()));
    },
  };
}

/** Remembers which notices were logged recently, so that a client retrying in a loop does not flood the log. */
class RateLimitedNotices {
  private readonly seen = new Map<string, number>();
  first(key: string, everyMs = 600_000): boolean {
    const now = Date.now();
    const at = this.seen.get(key);
    if (at !== undefined && now - at < everyMs) return false;
    if (this.seen.size >= 10_000) this.seen.delete(this.seen.keys().next().value!);
    this.seen.delete(key);
    this.seen.set(key, now);
    return true;
  }
}

/** ioredis options from a redis:// or rediss:// URL (host, port, database, credentials, TLS). */
export function redisOptionsOf(url: string): { host: string; port: number; db: number; username?: string; password?: string; tls?: object } {
  const u = new URL(url);
  const db = u.pathname.length > 1 ? Number(u.pathname.slice(1)) : Number(u.searchParams.get('db') ?? 0);
  if (!Number.isInteger(db) || db < 0) throw new Error(`BROKER_REDIS_URL: bad database number in ${u.pathname}`);
  return {
    host: u.hostname || '127.0.0.1',
    port: u.port ? Number(u.port) : 6379,
    db,
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(u.protocol === 'rediss:' ? { tls: {} } : {}),
  };
}

interface PersistenceWithSubs {
  addSubscriptions(client: unknown, subs: unknown[], cb?: (err: Error | null, client?: unknown) => void): Promise<unknown> | void;
}

/**
 * aedes 1.x stores a persistent session's SUBSCRIBE once per filter, each time with ALL the packet's filters, at the
 * same time. aedes-persistence-redis then waits for its own broadcast under a key made of the first filter: the second
 * wait replaces the first, whose promise never settles, and the client never gets its SUBACK (nor any message).
 * Concurrent writes of the same packet's filters (the same array) are joined into one.
 */
export function joinConcurrentSubscriptionWrites<P extends PersistenceWithSubs>(p: P): P {
  const orig = p.addSubscriptions.bind(p);
  const inflight = new WeakMap<object, Promise<unknown>>();
  p.addSubscriptions = ((client: unknown, subs: unknown[], cb?: (err: Error | null, client?: unknown) => void) => {
    let pending = inflight.get(subs);
    if (!pending) {
      pending = Promise.resolve(orig(client, subs)).finally(() => inflight.delete(subs));
      inflight.set(subs, pending);
    }
    if (!cb) return pending;
    pending.then(() => cb(null, client), (err: Error) => cb(err));
  }) as P['addSubscriptions'];
  return p;
}

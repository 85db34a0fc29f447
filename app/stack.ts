// The composition root: starts Raseed's parts in one process — store (with every owner's migrations),
// embedded broker (or an external one), gateway, the modules, the API shell with the modules' routes,
// and optionally a simulated fleet. The one place that knows which modules exist. Tests start the same
// stack on ephemeral ports.
import { join, resolve } from 'node:path';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { choosePort, openStore, SecretBox, type Db, type Logger, type LoadedConfig } from '../platform/index.ts';
import { RegistryMeterDirectory, createMeter, getMeter, upsertServiceAccount, userForSession, type RegistryApi } from '../modules/registry/index.ts';
import { identityOf, startBroker, MosquittoDynsec, type Authenticator, type RunningBroker } from '../broker/index.ts';
import type { FirmwareApi } from '../modules/firmware/index.ts';
import { parseMeterTopic } from '../protocols/index.ts';
import {
  CommandService, Ingest, createTelemetryPipeline, parseSerialChannels, routeCommands, startSerialChannels, LatestStateWriter, connectExternalGateway, embeddedCommandTransport,
  embeddedPublishHook, type CommandTransport, type ExternalGateway, type TelemetryPipeline,
} from '../gateway/index.ts';
import { buildApi, loadTls, type ApiPlugin, type RaseedApp } from '../dashboard-api/index.ts';
import { planFleet, simPassword, startFleet, type RunningFleet, type PlannedMeter } from '../meter-sim/index.ts';
import type { ModuleInstance, RaseedModule, StackContext } from '../core/index.ts';
import { migrationsOf, withBase } from './modules.ts';
import { checkSharedSecret, dataSecret, ensureAdmin, seedFleet, type AdminCredentials, type SeededFleet } from './seed.ts';
import { VENDING_KEY_FILE } from '../modules/prepaid/index.ts';

export interface StackOptions {
  config: LoadedConfig;
  logger: Logger;
  /** Parts to run (default: all). */
  parts?: { broker?: boolean; gateway?: boolean; api?: boolean; sim?: boolean };
  /** Keep the SQL store in memory (tests). */
  inMemoryStore?: boolean;
  /** Extra API plugins. */
  plugins?: ApiPlugin[];
  /** Feature modules to run beside the base modules (default: FEATURE_MODULES of app/modules.ts). */
  modules?: RaseedModule[];
  onProgress?: (what: string, done: number, total: number) => void;
}

export interface RunningStack {
  db: Db;
  broker: RunningBroker | null;
  external: ExternalGateway | null;
  ingest: Ingest | null;
  transport: CommandTransport | null;
  commands: CommandService;
  box: SecretBox;
  /** Meters connected now (as the gateway sees them). */
  online: Set<string>;
  pipeline: TelemetryPipeline | null;
  api: RaseedApp | null;
  fleet: RunningFleet | null;
  plan: PlannedMeter[];
  modules: Record<string, ModuleInstance>;
  admin: AdminCredentials;
  seeded: SeededFleet | null;
  urls: { http: string | null; docs: string | null; mqtt: string | null; mqtts?: string | null };
  /** Secret from which the simulated meters' passwords derive (demo fleet only). */
  fleetSecret: string;
  notes: string[];
  stop(): Promise<void>;
}

/** What to share when a process's secret differs from the other processes' on this database. */
const SHARE_HINT = {
  MQTT_PASSWORD: 'set MQTT_PASSWORD to the same value for every `raseed broker` and `raseed gateway` (or run them on one DATA_DIR)',
  RASEED_DATA_KEY: 'set RASEED_DATA_KEY to the same value on every machine (or copy DATA_DIR/data.key from the first one)',
  VENDING_KEY: 'set VENDING_KEY to the same value on every machine (or copy DATA_DIR/vending-key.hex from the first one)',
} as const;

const CONSOLE_DIR = fileURLToPath(new URL('../console/dist/', import.meta.url));

export async function startStack(o: StackOptions): Promise<RunningStack> {
  const { config, logger } = o;
  const parts = { broker: true, gateway: true, api: true, sim: true, ...o.parts };
  const notes: string[] = [];
  const dataDir = o.inMemoryStore ? undefined : resolve(config.DATA_DIR);
  const modulesToRun = withBase(o.modules);
  const db = await openStore({ databaseUrl: config.DATABASE_URL, dataDir, migrations: migrationsOf(modulesToRun) });
  const stops: (() => Promise<void>)[] = [async () => db.close()];
  const stopAll = async () => {
    for (const s of stops.reverse()) {
      try {
        await s();
      } catch (err) {
        logger.warn({ err }, 'error during shutdown');
      }
    }
  };
  try {
    const admin = await ensureAdmin(db, config.RASEED_ADMIN_PASSWORD);
    const fleetSecret = dataSecret(dataDir, 'sim-fleet.secret');
    const directory = new RegistryMeterDirectory(db);

    let ingest: Ingest | null = null;
    let pipeline: TelemetryPipeline | null = null;
    let latest: LatestStateWriter | null = null;
    if (parts.gateway) {
      // The durable spool sits under DATA_DIR; an in-memory store (tests) gets a throwaway spool directory.
      const spoolDir = dataDir ? join(dataDir, 'spool', 'telemetry') : mkdtempSync(join(tmpdir(), 'raseed-spool-'));
      pipeline = await createTelemetryPipeline(config, db, logger.child({ part: 'telemetry' }), { spoolDir, meterInfo: directory.tags });
      if (!dataDir) stops.push(async () => rmSync(spoolDir, { recursive: true, force: true }));
      latest = new LatestStateWriter(db, logger.child({ part: 'latest' }), undefined, config.TELEMETRY_MAX_SKEW_S * 1000);
      ingest = new Ingest(pipeline, directory, latest, logger.child({ part: 'gateway' }), { maxSkewMs: config.TELEMETRY_MAX_SKEW_S * 1000 });
      const p = pipeline, l = latest;
      stops.push(async () => {
        await l.flush();
        await p.close();
      });
    }

    // TLS (TLS_CERT/TLS_KEY, or TLS_SELF_SIGNED for development): HTTPS and MQTT over TLS beside plain MQTT.
    const tls = await loadTls(config, dataDir, logger);
    if (tls?.selfSigned) notes.push(`TLS: self-signed development certificate ${tls.certPath} (clients must trust it)`);
    let broker: RunningBroker | null = null;
    let external: ExternalGateway | null = null;
    let transport: CommandTransport | null = null;
    let mqttUrl: string | null = config.MQTT_URL ?? null;
    // Edge agents log in through the firmware module's edge registry, once it has started.
    let edgeLogin: Authenticator | null = null;
    if (!config.MQTT_URL && parts.broker) {
      const port = await choosePort('MQTT', config.MQTT_PORT, config.explicit.has('MQTT_PORT'), 'MQTT_PORT', config.MQTT_HOST);
      if (port.moved) notes.push(`MQTT port ${config.MQTT_PORT} is in use; using ${port.port} instead`);
      const ing = ingest;
      broker = await startBroker({
        port: port.port,
        host: config.MQTT_HOST,
        logger: logger.child({ part: 'broker' }),
        authenticate: (u, p) => (u.startsWith('edge:') ? (edgeLogin ? edgeLogin(u, p) : Promise.resolve(null)) : directory.authenticate(u, p)),
        onPublish: ing ? embeddedPublishHook(ing) : undefined,
        onClientConnected: (who) => { if (who.kind === 'meter' && ing) void ing.presence(who.meterId, true); },
        onClientDisconnected: (who) => {
          if (who.kind === 'meter' && ing) void ing.presence(who.meterId, false);
          if (who.kind === 'edge' && ing) for (const m of who.meters) void ing.presence(m, false);
        },
        redisUrl: config.BROKER_REDIS_URL,
        maxPacketBytes: config.MQTT_MAX_PACKET_BYTES,
        maxConnectionsPerAddress: config.MQTT_MAX_CONNECTIONS_PER_ADDRESS,
        tls: tls ? { key: tls.key, cert: tls.cert, ca: tls.ca, port: config.MQTTS_PORT } : undefined,
      });
      const b = broker;
      stops.push(() => b.close());
      mqttUrl = `mqtt://${config.MQTT_HOST === '0.0.0.0' ? '127.0.0.1' : config.MQTT_HOST}:${broker.port}`;
      if (ingest) transport = embeddedCommandTransport(broker.aedes);
      if (!parts.gateway) {
        // A broker alone: the gateway logs in with a service account.
        const password = config.MQTT_PASSWORD ?? dataSecret(dataDir, 'gateway-mqtt.secret');
        await checkSharedSecret(db, 'MQTT_PASSWORD', password, SHARE_HINT.MQTT_PASSWORD);
        await upsertServiceAccount(db, 'gateway', password);
        notes.push(`gateway MQTT account: svc:gateway (password ${config.MQTT_PASSWORD ? 'from MQTT_PASSWORD' : `in ${dataDir ?? 'memory'}/gateway-mqtt.secret`})`);
      }
    } else if (config.MQTT_URL && ingest) {
      const password = config.MQTT_PASSWORD ?? dataSecret(dataDir, 'gateway-mqtt.secret');
      await checkSharedSecret(db, 'MQTT_PASSWORD', password, SHARE_HINT.MQTT_PASSWORD);
      external = await connectExternalGateway(ingest, {
        url: config.MQTT_URL,
        username: config.MQTT_USERNAME ?? 'svc:gateway',
        password,
        sharedGroup: config.MQTT_SHARED_GROUP,
        gatewayId: config.GATEWAY_ID,
        sessionExpiryS: config.MQTT_SESSION_EXPIRY_S,
        takeoverAfterMs: config.GATEWAY_TAKEOVER_AFTER_S * 1000,
        db,
        logger: logger.child({ part: 'gateway' }),
      });
      const e = external;
      stops.push(() => e.close());
      transport = external;
    }

    // Serial meters (IEC 62056-21 over RS-485 / optical probes): same ingest, commands routed to their bus.
    const serialChannels = parseSerialChannels(config.SERIAL_CHANNELS);
    if (ingest && serialChannels.length) {
      // Meters named in the configuration are registered as serial electricity meters if the registry lacks them.
      for (const m of serialChannels.flatMap((c) => c.meters)) {
        if (!(await getMeter(db, m.id))) await createMeter(db, { id: m.id, service: 'electricity', transport: 'serial' });
        directory.invalidate(m.id);
      }
      const serial = startSerialChannels(serialChannels, { ingest, logger });
      stops.push(() => serial.stop());
      transport = routeCommands(serial.commands, transport);
      notes.push(`serial channels: ${serialChannels.map((c) => c.path).join(', ')}`);
    }

    const dataKey = config.RASEED_DATA_KEY ?? dataSecret(dataDir, 'data.key');
    await checkSharedSecret(db, 'RASEED_DATA_KEY', dataKey, SHARE_HINT.RASEED_DATA_KEY);
    const box = SecretBox.fromBase64(dataKey);
    const online = new Set<string>();
    const commands = new CommandService({
      db, box, transport, logger: logger.child({ part: 'commands' }), isOnline: (id) => (ingest ? online.has(id) : undefined), meterExists: (id) => directory.exists(id),
    });
    if (ingest) {
      ingest.listen({
        onAck: async (meterId, ack) => {
          const rec = await commands.onAck(meterId, ack);
          // State from acknowledgements: an acknowledged relay (valve) command shows at once (issue 16).
          if (rec?.type === 'relay' && ack.status === 'ok' && ['open', 'closed', 'armed'].includes(ack.result)) await latest?.relay(meterId, ack.result, ack.ts);
        },
        onEvent: async (meterId, ev) => {
          if (ev.type === 'relay') await latest?.relay(meterId, ev.state, ev.ts);
          if (ev.type === 'token' && ev.result === 'accept' && ev.credited) await latest?.credited(meterId, ev.credited, ev.ts);
        },
        onStatus: async (meterId, isOnline) => {
          if (!isOnline) return void online.delete(meterId);
          online.add(meterId);
          // Not awaited: on an external broker this runs inside MQTT.js's message handler (gateway/mqtt.ts).
          if (!broker) void commands.onOnline(meterId).catch((err: unknown) => logger.warn({ err, meter: meterId }, 'delivering waiting commands failed'));
        },
      });
    }
    if (broker && ingest) {
      // Deliver waiting commands once the meter has subscribed to its command topic, not merely connected:
      // a command published in between would reach no subscription.
      broker.aedes.on('subscribe', (subs, client) => {
        const who = identityOf(client);
        if (who?.kind === 'meter' && subs.some((x) => x.topic.endsWith('/commands'))) void commands.onOnline(who.meterId);
        if (who?.kind === 'edge') for (const x of subs) { const t = parseMeterTopic(x.topic); if (t?.kind === 'commands') void commands.onOnline(t.meterId); }
      });
    }

    const modules: Record<string, ModuleInstance> = {};
    const ctx: StackContext = {
      db, config, logger, dataDir, box, commands, directory, ingest, online,
      modules: { get: <T>(name: string) => modules[name]?.api as T | undefined },
    };
    for (const kind of modulesToRun.flatMap((m) => m.commandKinds ?? [])) commands.register(kind);
    for (const m of modulesToRun) {
      const inst = await m.start(ctx);
      modules[m.name] = inst;
      if (inst.stop) stops.push(inst.stop);
    }
    // The vending key (prepaid) must be the same in every process: the API vends, the simulated fleet decodes.
    const vendingKey = config.VENDING_KEY ?? (dataDir && existsSync(join(dataDir, VENDING_KEY_FILE)) ? readFileSync(join(dataDir, VENDING_KEY_FILE), 'utf8').trim() : null);
    if (modules.prepaid && vendingKey) await checkSharedSecret(db, 'VENDING_KEY', vendingKey.toLowerCase(), SHARE_HINT.VENDING_KEY);

    // Per-meter security on an external Mosquitto: credentials and ACLs into its dynamic-security plugin.
    let dynsec: MosquittoDynsec | null = null;
    if (config.MOSQUITTO_DYNSEC && config.MQTT_URL) {
      if (!config.MOSQUITTO_ADMIN_USERNAME || !config.MOSQUITTO_ADMIN_PASSWORD) throw new Error('MOSQUITTO_DYNSEC needs MOSQUITTO_ADMIN_USERNAME and MOSQUITTO_ADMIN_PASSWORD (a dynamic-security admin client)');
      const d = new MosquittoDynsec({ url: config.MQTT_URL, username: config.MOSQUITTO_ADMIN_USERNAME, password: config.MOSQUITTO_ADMIN_PASSWORD, logger: logger.child({ part: 'dynsec' }) });
      await d.connect();
      stops.push(() => d.close());
      await d.setup(config.MQTT_USERNAME ?? 'svc:gateway', config.MQTT_PASSWORD);
      // Rotation (a password) and revocation (null) from the registry reach Mosquitto too.
      (modules.registry?.api as RegistryApi | undefined)?.onCredentialsChanged((meterId, password) => {
        void (password === null ? d.revoke(meterId) : d.provision(meterId, password))
          .catch((err) => logger.error({ err, meter: meterId }, 'dynsec: provisioning the meter in Mosquitto failed'));
      });
      dynsec = d;
    }
    // Rotated or revoked meter credentials end the meter's live MQTT session at once (a rotated meter logs in again with its new password).
    const embedded = broker;
    const registryApi = modules.registry?.api as RegistryApi | undefined;
    if (embedded && registryApi) registryApi.onCredentialsChanged((meterId) => void embedded.disconnect(meterId));
    const fw = modules.firmware?.api as FirmwareApi | undefined;
    if (fw) edgeLogin = (u, p) => fw.edges.authenticate(u, p);
    // Retries and expiry start once every module has registered its command kinds.
    if (transport) {
      commands.start();
      stops.push(() => commands.stop());
    }
    const plugins = [...(o.plugins ?? []), ...Object.values(modules).flatMap((m) => m.plugins ?? [])];

    let api: RaseedApp | null = null;
    let httpUrl: string | null = null;
    if (parts.api) {
      const port = await choosePort('HTTP', config.HTTP_PORT, config.explicit.has('HTTP_PORT'), 'HTTP_PORT', config.HTTP_HOST);
      if (port.moved) notes.push(`HTTP port ${config.HTTP_PORT} is in use; using ${port.port} instead`);
      api = await buildApi({ db, config, logger, plugins, consoleDir: CONSOLE_DIR, authenticate: (token) => userForSession(db, token), tls });
      await api.listen({ port: port.port, host: config.HTTP_HOST });
      const a = api;
      stops.push(() => a.close());
      const addr = api.server.address();
      const p = typeof addr === 'object' && addr ? addr.port : port.port;
      httpUrl = `${tls ? 'https' : 'http'}://${config.HTTP_HOST === '0.0.0.0' ? 'localhost' : config.HTTP_HOST}:${p}`;
    }

    let fleet: RunningFleet | null = null;
    let seeded: SeededFleet | null = null;
    const plan = parts.sim && config.SIM_METERS > 0 ? planFleet(config.SIM_METERS) : [];
    if (plan.length) {
      if (!mqttUrl) throw new Error('the simulated fleet needs a broker: run the broker here or set MQTT_URL');
      seeded = await seedFleet(db, plan, fleetSecret, (d, t) => o.onProgress?.('registering simulated meters', d, t));
      for (const p of plan) directory.invalidate(p.id);
      if (dynsec) for (const p of plan) await dynsec.provision(p.id, simPassword(fleetSecret, p.id));
      for (const m of Object.values(modules)) await m.afterSeed?.(plan);
      const decoders = Object.values(modules).map((m) => m.simDecoderFor).filter((f) => f !== undefined);
      fleet = await startFleet(plan, {
        brokerUrl: mqttUrl,
        fleetSecret,
        decoderFor: (p) => decoders.map((f) => f(p)).find((d) => d !== undefined),
        intervalMs: config.SIM_INTERVAL * 1000,
        onProgress: (d, t) => o.onProgress?.('connecting simulated meters', d, t),
      });
      const f = fleet;
      stops.push(() => f.stop());
    }

    return {
      db, broker, external, ingest, transport, commands, box, online, pipeline, fleetSecret, modules, api, fleet, plan, admin, seeded, notes,
      urls: { http: httpUrl, docs: httpUrl ? `${httpUrl}/docs` : null, mqtt: mqttUrl, mqtts: broker?.tlsPort ? `mqtts://${config.MQTT_HOST === '0.0.0.0' ? 'localhost' : config.MQTT_HOST}:${broker.tlsPort}` : null },
      stop: stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

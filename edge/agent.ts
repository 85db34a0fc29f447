// The edge agent (`raseed edge`): runs on a data concentrator beside serial meters. It reads them with the gateway's
// IEC 62056-21 drivers, puts every reading, ack and presence change into a local durable spool (the gateway's
// DiskSpool: a record is on disk before the meter's poll counts as done), and forwards the spool in order to the
// head end over MQTT as `edge:<id>`, which the broker lets publish for, and receive commands for, its meters only.
//
// Offline (hours, days): polling goes on into the spool (bounded by maxSpoolBytes; when full, the serial channel
// keeps the reading and retries, nothing already spooled is dropped). When the link returns the spool drains at a
// bounded rate (drainPerSecond), in spool order, a window of QoS 1 publishes at a time; the spool is committed only
// past records the broker acknowledged, so a crash re-sends (the head end keeps a reading once: meter + timestamp)
// and loses nothing.
//
// Commands for its meters (tokens, relay, time sync, and the firmware offer, chunks and install) arrive on their
// command topics and go to the meter's bus in programming mode; the meter's ack goes back through the spool. A
// redelivered command (same reference) is not applied twice: the edge answers with the ack it already has, or waits
// for the one in progress; one the bus could not deliver is tried again when the head end sends it again.
//
// Remote configuration and clock: with an HTTP URL, the agent polls GET /api/v1/edge/config with its own
// credentials (poll interval, serial channels, drain rate) and measures its clock against the head end's.
import { get as httpGet } from 'node:http';
import { get as httpsGet } from 'node:https';
import mqtt, { type MqttClient } from 'mqtt';
import { CommandEnvelope, decodePayload, meterTopic, parseMeterTopic, type CommandAck, type MeterTopicKind } from '../protocols/index.ts';
import { DiskSpool, SpoolClosedError, parseSerialCommand, startSerialChannels, type IngestOutcome, type RunningSerialChannels, type SerialBinding, type SerialChannelInput } from '../gateway/index.ts';
import type { Logger } from '../platform/index.ts';

export interface EdgeAgentOptions {
  edgeId: string;
  password: string;
  mqttUrl: string;
  /** Head end's HTTP API (remote configuration and clock); none: local configuration only. */
  httpUrl?: string;
  spoolDir: string;
  channels: SerialChannelInput[];
  /** Records forwarded per second while draining (default 200). */
  drainPerSecond?: number;
  /** QoS 1 publishes in flight at once (default 16). */
  window?: number;
  /** Spool cap in bytes (default 256 MiB: weeks of 64 meters read every minute). */
  maxSpoolBytes?: number;
  fsync?: 'always' | 'never';
  /** How often the remote configuration and clock are fetched (default 5 min). */
  configPollMs?: number;
  logger: Logger;
  /** serialport binding (tests: MockBinding). */
  binding?: SerialBinding;
  now?: () => number;
}

/** One spooled message: its meter topic kind, meter and JSON payload. */
interface SpooledMessage {
  k: MeterTopicKind;
  m: string;
  p: unknown;
}

export interface EdgeStats {
  connected: boolean;
  spooledRecords: number;
  forwarded: number;
  depthRecords: number;
  depthBytes: number;
  commandsReceived: number;
  /** Head end's clock minus ours, ms (null until measured). */
  clockOffsetMs: number | null;
  configVersion: number | null;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * GET of a JSON document with node:http(s), not fetch: fetch is undici, whose HTTP parser is WebAssembly, and compiling
 * it took a 30 MiB malloc peak on the first request (glibc keeps most of it): a third of the agent's memory.
 */
function getJson(url: string, authorization: string, timeoutMs: number): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const get = url.startsWith('https:') ? httpsGet : httpGet;
    const req = get(url, { headers: { authorization, accept: 'application/json' }, timeout: timeoutMs }, (res) => {
      const parts: Buffer[] = [];
      let size = 0;
      res.on('data', (d: Buffer) => {
        size += d.length;
        if (size > 4 * 1024 * 1024) { req.destroy(new Error(`${url}: answer over 4 MiB`)); return; }
        parts.push(d);
      });
      res.on('end', () => {
        const text = Buffer.concat(parts).toString('utf8');
        try {
          resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : null });
        } catch {
          reject(new Error(`${url} answered ${res.statusCode} with a body that is not JSON`));
        }
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`${url}: no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
  });
}

export class EdgeAgent {
  private spool!: DiskSpool;
  private serial: RunningSerialChannels | null = null;
  private client: MqttClient | null = null;
  private stopped = false;
  private forwarder: Promise<void> | null = null;
  private configTimer: NodeJS.Timeout | null = null;
  private connectedWaiters: (() => void)[] = [];
  private channels: SerialChannelInput[];
  private drainPerSecond: number;
  private readonly presence = new Map<string, boolean>();
  /** Acks already given, by command reference (bounded), and commands being executed. */
  private readonly acks = new Map<string, { meterId: string; ack: CommandAck }>();
  private readonly inProgress = new Set<string>();
  readonly stats: EdgeStats = { connected: false, spooledRecords: 0, forwarded: 0, depthRecords: 0, depthBytes: 0, commandsReceived: 0, clockOffsetMs: null, configVersion: null };

  constructor(private readonly o: EdgeAgentOptions) {
    this.channels = o.channels;
    this.drainPerSecond = o.drainPerSecond ?? 200;
  }

  get username(): string {
    return `edge:${this.o.edgeId}`;
  }

  private now(): number {
    return this.o.now ? this.o.now() : Date.now();
  }

  /** The settings in force (local, or from the head end's remote configuration). */
  settings(): { channels: SerialChannelInput[]; drainPerSecond: number } {
    return { channels: this.channels, drainPerSecond: this.drainPerSecond };
  }

  /** The meters this agent reads (from its serial channels). */
  meterIds(): string[] {
    return this.channels.flatMap((c) => c.meters.map((m) => m.id));
  }

  async start(): Promise<void> {
    this.spool = await DiskSpool.open({
      dir: this.o.spoolDir, maxBytes: this.o.maxSpoolBytes ?? 256 * 1024 * 1024, fsync: this.o.fsync ?? 'always', segmentBytes: 4 * 1024 * 1024,
      onCorrupt: (i) => this.o.logger.error(i, 'edge spool: damaged record skipped'),
      onTruncate: (i) => this.o.logger.warn(i, 'edge spool: incomplete tail truncated (never acknowledged)'),
    });
    if (this.o.httpUrl) await this.pollConfig().catch((err: unknown) => this.o.logger.warn({ err }, 'edge: remote configuration unavailable; using the local one'));
    this.startSerial();
    this.connect();
    this.forwarder = this.forward();
    if (this.o.httpUrl) {
      const every = this.o.configPollMs ?? 300_000;
      const loop = () => {
        this.configTimer = setTimeout(() => {
          void this.pollConfig().catch((err: unknown) => this.o.logger.warn({ err }, 'edge: configuration poll failed')).finally(() => { if (!this.stopped) loop(); });
        }, every);
      };
      loop();
    }
  }

  private startSerial(): void {
    if (!this.channels.length) return;
    this.serial = startSerialChannels(this.channels, {
      ingest: { handle: (m, k, p) => this.accept(m, k, p), presence: (m, online) => this.onPresence(m, online) },
      logger: this.o.logger,
      ...(this.o.binding ? { binding: this.o.binding } : {}),
    });
  }

  /** The serial channels' sink: every message goes to the spool; resolves once it is on disk. */
  private async accept(meterId: string, kind: MeterTopicKind, payload: unknown): Promise<IngestOutcome> {
    if (kind === 'acks') {
      const ack = payload as CommandAck;
      this.inProgress.delete(ack.ref);
      this.acks.set(ack.ref, { meterId, ack });
      if (this.acks.size > 2048) this.acks.delete(this.acks.keys().next().value!);
    }
    await this.append({ k: kind, m: meterId, p: payload });
    return { ok: true, kind };
  }

  private async onPresence(meterId: string, online: boolean): Promise<void> {
    if (this.presence.get(meterId) === online) return;
    this.presence.set(meterId, online);
    await this.append({ k: 'status', m: meterId, p: { v: 1, online, ts: this.now() } });
  }

  private async append(msg: SpooledMessage): Promise<void> {
    await this.spool.append(Buffer.from(JSON.stringify(msg)));
    this.stats.spooledRecords++;
  }

  private connect(): void {
    const client = mqtt.connect(this.o.mqttUrl, {
      clientId: this.username, username: this.username, password: this.o.password, clean: false, reconnectPeriod: 1000, connectTimeout: 10_000, keepalive: 30,
      // No table of 65,536 preencoded packet ids (mqtt-packet's number cache): 6 MiB of heap on a small box.
      writeCache: false,
    });
    this.client = client;
    // Offline for days retries every second: log the first error, then at most once a minute.
    let lastErrorLog = 0;
    client.on('error', (err) => {
      if (Date.now() - lastErrorLog < 60_000) return;
      lastErrorLog = Date.now();
      this.o.logger.warn({ err: err.message }, 'edge: mqtt error (retrying every second; logged once a minute)');
    });
    client.on('connect', () => {
      this.stats.connected = true;
      this.o.logger.info({ edge: this.o.edgeId }, 'edge: connected to the head end');
      const topics = this.meterIds().map((m) => meterTopic(m, 'commands'));
      if (topics.length) {
        client.subscribeAsync(topics, { qos: 1 }).catch((err: unknown) => this.o.logger.warn({ err: (err as Error).message }, 'edge: some command topics were refused (meters not assigned to this edge?)'));
      }
      // The head end marked our meters offline when we dropped: tell it who is reachable now.
      for (const [m, online] of this.presence) void client.publishAsync(meterTopic(m, 'status'), JSON.stringify({ v: 1, online, ts: this.now() }), { qos: 1 }).catch(() => {});
      for (const w of this.connectedWaiters.splice(0)) w();
    });
    client.on('close', () => {
      if (this.stats.connected) this.o.logger.warn({ edge: this.o.edgeId }, 'edge: link to the head end lost; spooling');
      this.stats.connected = false;
    });
    client.on('message', (topic, payload) => void this.onCommand(topic, payload));
  }

  private async onCommand(topic: string, payload: Buffer): Promise<void> {
    const t = parseMeterTopic(topic);
    if (!t || t.kind !== 'commands') return;
    const env = decodePayload(CommandEnvelope, payload);
    if (!env.ok) {
      this.o.logger.warn({ meter: t.meterId, err: env.error.message }, 'edge: malformed command ignored');
      return;
    }
    this.stats.commandsReceived++;
    const ref = env.value.ref;
    const done = this.acks.get(ref);
    if (done) {
      // Redelivered: the meter applied it once; answer again with the same ack.
      await this.append({ k: 'acks', m: done.meterId, p: done.ack });
      return;
    }
    if (this.inProgress.has(ref)) return;
    const serial = this.serial?.commands;
    if (!serial?.canDeliver(t.meterId)) {
      await this.accept(t.meterId, 'acks', { v: 1, ref, ts: this.now(), status: 'failed', result: 'unknown_meter', detail: `meter ${t.meterId} is on no serial channel of edge ${this.o.edgeId}` });
      return;
    }
    const cmd = parseSerialCommand(env.value);
    if (!cmd.ok) {
      // A kind the serial register profile cannot carry: answered as the meter would, through the spool.
      await this.accept(t.meterId, 'acks', { v: 1, ref, ts: this.now(), status: 'rejected', result: cmd.result, detail: cmd.detail });
      return;
    }
    this.inProgress.add(ref);
    // The meter's answer comes back through the sink (accept 'acks'), which remembers it for redeliveries. When the bus
    // could not reach the meter (port gone, timeout) there is no answer: the reference is free again, so the head
    // end's next delivery of the same command (after its back-off) is carried out.
    serial.deliver(t.meterId, cmd.cmd)
      .catch((err: unknown) => this.o.logger.warn({ err, meter: t.meterId, ref }, 'edge: command could not be carried out'))
      .finally(() => this.inProgress.delete(ref));
  }

  /** 'lost' when the link to the head end drops (or the agent stops); cancel() detaches the watch. */
  private linkLost(): { lost: Promise<'lost'>; cancel: () => void } {
    const c = this.client;
    let cancel = () => {};
    const lost = new Promise<'lost'>((resolve) => {
      if (!c || !this.stats.connected || this.stopped) return resolve('lost');
      const done = () => {
        cancel();
        resolve('lost');
      };
      // The close event is the signal; the interval only notices a stop.
      const t = setInterval(() => { if (this.stopped || !this.stats.connected) done(); }, 1000);
      cancel = () => {
        clearInterval(t);
        c.off('close', done);
      };
      c.once('close', done);
    });
    return { lost, cancel: () => cancel() };
  }

  private waitConnected(): Promise<void> {
    if (this.stats.connected || this.stopped) return Promise.resolve();
    return new Promise((r) => this.connectedWaiters.push(r));
  }

  /** Drains the spool in order at a bounded rate; commits only what the broker acknowledged. */
  private async forward(): Promise<void> {
    let cursor = this.spool.stats().committedOffset;
    const window = this.o.window ?? 16;
    while (!this.stopped) {
      await this.waitConnected();
      if (this.stopped) break;
      await this.spool.waitForData(cursor, 500);
      let batch;
      try {
        batch = await this.spool.read(cursor, window, 512 * 1024);
      } catch (err) {
        if (err instanceof SpoolClosedError) break;
        throw err;
      }
      if (!batch.records.length) {
        if (batch.next !== cursor) {
          await this.spool.commit(batch.next, 0);
          cursor = batch.next;
        }
        continue;
      }
      const started = Date.now();
      const client = this.client!;
      const sends = batch.records.map((r) => {
        let msg: SpooledMessage;
        try {
          msg = JSON.parse(r.payload.toString('utf8')) as SpooledMessage;
        } catch {
          return Promise.resolve();
        }
        return client.publishAsync(meterTopic(msg.m, msg.k), JSON.stringify(msg.p), { qos: 1 });
      });
      const all = Promise.all(sends).then(() => 'acked' as const, (err: unknown) => {
        this.o.logger.warn({ err: (err as Error).message }, 'edge: forwarding interrupted; will resend from the last acknowledged record');
        return 'failed' as const;
      });
      const watch = this.linkLost();
      let outcome = await Promise.race([all, watch.lost]);
      watch.cancel();
      if (outcome === 'lost') {
        // MQTT.js resends unacknowledged QoS 1 publishes after reconnecting; if they are not acknowledged soon after,
        // the batch goes again from the cursor (a duplicate is harmless: the head end keeps a reading once).
        await this.waitConnected();
        outcome = await Promise.race([all, sleep(5000).then(() => 'lost' as const)]);
      }
      if (outcome !== 'acked') {
        await sleep(200);
        continue;
      }
      await this.spool.commit(batch.next, batch.records.length);
      cursor = batch.next;
      this.stats.forwarded += batch.records.length;
      const s = this.spool.stats();
      this.stats.depthRecords = s.depthRecords;
      this.stats.depthBytes = s.depthBytes;
      // Rate bound: this batch may not take less than its share of a second.
      const minMs = (batch.records.length * 1000) / this.drainPerSecond;
      const spent = Date.now() - started;
      if (spent < minMs) await sleep(minMs - spent);
    }
  }

  /** Fetches the remote configuration and measures the clock offset (NTP-style: server time + half the round trip). */
  async pollConfig(): Promise<void> {
    if (!this.o.httpUrl) return;
    const t0 = Date.now();
    const res = await getJson(`${this.o.httpUrl.replace(/\/$/, '')}/api/v1/edge/config`, `Basic ${Buffer.from(`${this.username}:${this.o.password}`).toString('base64')}`, 10_000);
    const t1 = Date.now();
    if (res.status !== 200) throw new Error(`GET /api/v1/edge/config answered ${res.status}`);
    const body = res.body as { configVersion: number; config: { pollIntervalMs?: number; channels?: SerialChannelInput[]; drainPerSecond?: number }; serverTime: number };
    const offset = Math.round(body.serverTime + (t1 - t0) / 2 - t1);
    this.stats.clockOffsetMs = offset;
    if (Math.abs(offset) > 2000) this.o.logger.warn({ offsetMs: offset }, 'edge: local clock differs from the head end; meters keep their own clocks (send them timeSync)');
    if (body.configVersion === this.stats.configVersion) return;
    this.stats.configVersion = body.configVersion;
    if (body.config.drainPerSecond) this.drainPerSecond = body.config.drainPerSecond;
    let channels = body.config.channels ?? this.channels;
    if (body.config.pollIntervalMs) channels = channels.map((c) => ({ ...c, pollIntervalMs: body.config.pollIntervalMs }));
    if (JSON.stringify(channels) !== JSON.stringify(this.channels)) {
      this.o.logger.info({ configVersion: body.configVersion }, 'edge: new remote configuration; restarting serial channels');
      this.channels = channels;
      if (this.serial) {
        await this.serial.stop();
        this.serial = null;
        this.startSerial();
        const topics = this.meterIds().map((m) => meterTopic(m, 'commands'));
        if (this.client && topics.length) void this.client.subscribeAsync(topics, { qos: 1 }).catch(() => {});
      }
    }
  }

  /** Stops reading the meters (the spool still drains): before a planned shutdown, and in tests. */
  async stopSerial(): Promise<void> {
    await this.serial?.stop();
    this.serial = null;
  }

  /** Waits until everything spooled so far has been forwarded (tests, graceful shutdown). */
  async drained(timeoutMs = 60_000): Promise<boolean> {
    const end = Date.now() + timeoutMs;
    while (Date.now() < end) {
      const s = this.spool.stats();
      if (s.depthRecords === 0) return true;
      await sleep(50);
    }
    return false;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.configTimer) clearTimeout(this.configTimer);
    await this.serial?.stop();
    for (const w of this.connectedWaiters.splice(0)) w();
    await this.client?.endAsync(true).catch(() => {});
    await this.forwarder?.catch(() => {});
    await this.spool?.close();
  }

  /** Drops the MQTT link (tests: a cut to the head end); it comes back by itself after reconnectPeriod unless paused. */
  setLinkUp(up: boolean): void {
    const c = this.client;
    if (!c) return;
    if (up) {
      if (!c.connected) c.reconnect();
      (c.options as { reconnectPeriod: number }).reconnectPeriod = 1000;
    } else {
      (c.options as { reconnectPeriod: number }).reconnectPeriod = 0;
      c.stream?.destroy();
    }
  }
}

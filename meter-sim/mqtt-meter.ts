// A simulated meter on MQTT: logs in with its own credentials, announces itself (retained status,
// last will for offline), publishes a reading every interval and events as they happen (QoS 1),
// and executes commands from its command topic, answering each with an ack.
import mqtt, { type MqttClient } from 'mqtt';
import { CommandEnvelope, MeterCommand, decodePayload, meterTopic, type CommandAck, type MeterEvent } from '../protocols/index.ts';
import { FlowLimitCommand, type SimMeter } from './meter.ts';
import { SimBootloader } from './firmware.ts';

export interface MqttMeterOptions {
  brokerUrl: string;
  password: string;
  /** Reading every intervalMs; 0: no timer of its own, the owner calls publishReading() (a fleet's one timer wheel). */
  intervalMs: number;
  /** Clock, for tests. */
  now?: () => number;
  /** Delay before the first reading (spreads a fleet's load). */
  startDelayMs?: number;
  /** The meter's bootloader (firmware updates); without it firmware commands are refused as unknown. */
  bootloader?: SimBootloader;
}

export class MqttMeter {
  client: MqttClient | null = null;
  private timer: NodeJS.Timeout | null = null;
  private unlisten: (() => void) | null = null;
  readonly rejectedCommands: string[] = [];
  /** The broker's refusal of the last CONNECT (CONNACK code), after which MQTT.js does not retry; null otherwise. */
  refused: Error | null = null;

  constructor(readonly meter: SimMeter, private readonly o: MqttMeterOptions) {}

  private now(): number {
    return this.o.now ? this.o.now() : Date.now();
  }

  async start(): Promise<void> {
    const id = this.meter.id;
    const client = mqtt.connect(this.o.brokerUrl, {
      clientId: id,
      username: id,
      password: this.o.password,
      clean: false,
      reconnectPeriod: 2000,
      connectTimeout: 10_000,
      will: { topic: meterTopic(id, 'status'), payload: Buffer.from(JSON.stringify({ v: 1, online: false })), qos: 1, retain: true },
    });
    this.client = client;
    client.on('error', (err) => {
      if (typeof (err as { code?: unknown }).code === 'number') this.refused = err;
    });
    client.on('connect', () => {
      void client.publishAsync(meterTopic(id, 'status'), JSON.stringify({ v: 1, online: true, ts: this.now(), firmware: this.o.bootloader ? `${this.o.bootloader.model}/${this.o.bootloader.version}` : 'raseed-sim/1' }), { qos: 1, retain: true }).catch(() => {});
      void client.subscribeAsync(meterTopic(id, 'commands'), { qos: 1 }).catch(() => {});
    });
    client.on('message', (_topic, payload) => this.onCommand(payload));
    this.unlisten = this.meter.onEvent((e) => this.publishEvent(e));
    await new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`meter ${id}: broker did not accept the connection`)), 15_000);
      client.once('connect', () => {
        clearTimeout(t);
        resolve();
      });
    });
    const first = this.o.startDelayMs ?? 0;
    if (this.o.intervalMs <= 0) return;
    this.timer = setTimeout(() => {
      this.publishReading();
      this.timer = setInterval(() => this.publishReading(), this.o.intervalMs);
    }, first);
  }

  publishReading(): void {
    if (!this.client) return;
    // A meter with a bootloader reports the version it runs in every reading (an update or a rollback shows at once).
    const r = { ...this.meter.reading(this.now()), ...(this.o.bootloader ? { firmwareVersion: this.o.bootloader.version } : {}) };
    // QoS 1: MQTT.js keeps it while offline and resends until the broker acknowledges.
    void this.client.publishAsync(meterTopic(this.meter.id, 'telemetry'), JSON.stringify(r), { qos: 1 }).catch(() => {});
  }

  private publishEvent(e: MeterEvent): void {
    void this.client?.publishAsync(meterTopic(this.meter.id, 'events'), JSON.stringify(e), { qos: 1 }).catch(() => {});
  }

  private onCommand(payload: Buffer): void {
    const env = decodePayload(CommandEnvelope, payload);
    if (env.ok && this.o.bootloader && SimBootloader.handles(env.value.type)) {
      const ack = this.o.bootloader.handleCommand(env.value, this.now());
      void this.client?.publishAsync(meterTopic(this.meter.id, 'acks'), JSON.stringify(ack), { qos: 1 }).catch(() => {});
      return;
    }
    if (env.ok && env.value.type === 'flow_limit') {
      // Water flow limit: obeyed by water meters, rejected as unsupported by electricity meters (meter.ts).
      const f = decodePayload(FlowLimitCommand, payload);
      if (f.ok) this.ack(this.meter.handleCommand(f.value, this.now()));
      else this.ack({ v: 1, ref: env.value.ref, ts: this.now(), status: 'rejected', result: 'format', detail: f.error.message.slice(0, 256) });
      return;
    }
    const d = decodePayload(MeterCommand, payload);
    if (!d.ok) {
      this.rejectedCommands.push(d.error.message);
      // A well-formed command of a kind this meter does not know is answered, as a real meter would: rejected.
      const env = decodePayload(CommandEnvelope, payload);
      if (env.ok) this.ack({ v: 1, ref: env.value.ref, ts: this.now(), status: 'rejected', result: 'unsupported', detail: `unknown command kind ${env.value.type}` });
      return;
    }
    this.ack(this.meter.handleCommand(d.value, this.now()));
  }

  private ack(ack: CommandAck): void {
    void this.client?.publishAsync(meterTopic(this.meter.id, 'acks'), JSON.stringify(ack), { qos: 1 }).catch(() => {});
  }

  async stop(graceful = true): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      clearInterval(this.timer);
    }
    this.unlisten?.();
    const c = this.client;
    this.client = null;
    if (!c) return;
    if (graceful) {
      await c.publishAsync(meterTopic(this.meter.id, 'status'), JSON.stringify({ v: 1, online: false, ts: this.now() }), { qos: 1, retain: true }).catch(() => {});
      await c.endAsync().catch(() => {});
    } else {
      // Like a meter losing power: the broker publishes its last will.
      c.end(true);
    }
  }
}

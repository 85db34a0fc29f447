// The gateway's ingest: one place where every message from a meter, whatever transport brought it,
// is validated, accounted for and handed on. Bad input is counted and logged, acknowledged, and changes nothing.
import {
  CommandAck, MeterEvent, MeterStatus, TelemetryReading, decodePayload, parseMeterTopic,
  type MeterTopicKind,
} from '../protocols/index.ts';
import type { Logger } from '../platform/index.ts';
import type { TelemetryPipeline } from './pipeline.ts';
import type { MeterDirectory } from './directory.ts';
import type { LatestStateWriter } from './latest-state.ts';
import { messagesIn, messagesRejected } from './metrics.ts';

export type Transport = 'mqtt' | 'serial';

export type IngestOutcome =
  | { ok: true; kind: MeterTopicKind }
  | { ok: false; reason: 'malformed' | 'unknown_meter' | 'not_a_meter_topic' | 'unexpected_kind'; detail: string };

export interface IngestListeners {
  onAck?: (meterId: string, ack: CommandAck) => Promise<void> | void;
  onEvent?: (meterId: string, event: MeterEvent) => Promise<void> | void;
  onStatus?: (meterId: string, online: boolean) => Promise<void> | void;
  onReading?: (meterId: string, reading: TelemetryReading) => void;
}

export interface IngestStats {
  accepted: number;
  rejected: Record<string, number>;
}

export class Ingest {
  readonly stats: IngestStats = { accepted: 0, rejected: {} };
  private listeners: IngestListeners = {};

  constructor(
    private readonly pipeline: TelemetryPipeline,
    private readonly directory: MeterDirectory,
    private readonly latest: LatestStateWriter,
    private readonly logger: Logger,
  ) {}

  /** Adds listeners (command service, live console feed). */
  listen(l: IngestListeners): void {
    const prev = this.listeners;
    this.listeners = {
      onAck: chain(prev.onAck, l.onAck),
      onEvent: chain(prev.onEvent, l.onEvent),
      onStatus: chain(prev.onStatus, l.onStatus),
      onReading: chain(prev.onReading, l.onReading),
    };
  }

  /** An MQTT message on a meter topic. Resolves once it is durable (readings, events) or handled. */
  async handleTopic(topic: string, payload: Buffer | string, transport: Transport = 'mqtt'): Promise<IngestOutcome> {
    const t = parseMeterTopic(topic);
    if (!t) return this.reject(transport, 'not_a_meter_topic', `not a meter topic: ${topic.slice(0, 120)}`);
    return this.handle(t.meterId, t.kind, payload, transport);
  }

  async handle(meterId: string, kind: MeterTopicKind, payload: Buffer | string | object, transport: Transport): Promise<IngestOutcome> {
    messagesIn.inc({ transport, kind });
    if (!(await this.directory.exists(meterId))) return this.reject(transport, 'unknown_meter', `unknown meter ${meterId}`, meterId);
    const receivedAt = Date.now();
    switch (kind) {
      case 'telemetry': {
        const d = decode(TelemetryReading, payload);
        if (!d.ok) return this.reject(transport, 'malformed', d.error.message, meterId);
        await this.pipeline.acceptReading({ meterId, reading: d.value, receivedAt });
        this.latest.reading(meterId, d.value, receivedAt);
        this.listeners.onReading?.(meterId, d.value);
        break;
      }
      case 'events': {
        const d = decode(MeterEvent, payload);
        if (!d.ok) return this.reject(transport, 'malformed', d.error.message, meterId);
        await this.pipeline.acceptEvent({ meterId, event: d.value, receivedAt });
        await this.listeners.onEvent?.(meterId, d.value);
        break;
      }
      case 'acks': {
        const d = decode(CommandAck, payload);
        if (!d.ok) return this.reject(transport, 'malformed', d.error.message, meterId);
        await this.listeners.onAck?.(meterId, d.value);
        break;
      }
      case 'status': {
        const d = decode(MeterStatus, payload);
        if (!d.ok) return this.reject(transport, 'malformed', d.error.message, meterId);
        this.latest.status(meterId, d.value.online, receivedAt);
        await this.listeners.onStatus?.(meterId, d.value.online);
        break;
      }
      default:
        return this.reject(transport, 'unexpected_kind', `meters do not publish ${kind}`, meterId);
    }
    this.stats.accepted++;
    return { ok: true, kind };
  }

  /** Connection-level presence (embedded broker, serial polls): no payload to validate. */
  async presence(meterId: string, online: boolean): Promise<void> {
    if (!(await this.directory.exists(meterId))) return;
    this.latest.status(meterId, online);
    await this.listeners.onStatus?.(meterId, online);
  }

  private reject(transport: Transport, reason: Exclude<IngestOutcome, { ok: true }>['reason'], detail: string, meterId?: string): IngestOutcome {
    messagesRejected.inc({ transport, reason });
    this.stats.rejected[reason] = (this.stats.rejected[reason] ?? 0) + 1;
    this.logger.warn({ meter: meterId, reason, detail }, 'message rejected');
    return { ok: false, reason, detail };
  }
}

function decode<T>(schema: import('zod').ZodType<T>, payload: Buffer | string | object) {
  if (Buffer.isBuffer(payload) || typeof payload === 'string') return decodePayload(schema, payload);
  return decodePayload(schema, JSON.stringify(payload));
}

function chain<A extends unknown[], R>(a?: (...x: A) => R, b?: (...x: A) => R): ((...x: A) => Promise<void>) | undefined {
  if (!a && !b) return undefined;
  return async (...x: A) => {
    await a?.(...x);
    await b?.(...x);
  };
}

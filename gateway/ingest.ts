// The gateway's ingest: one place where every message from a meter, whatever transport brought it,
// is validated, accounted for and handed on. Bad input is counted and logged, acknowledged, and changes nothing.
// Plausibility (plausibility.ts): a reading dated beyond the clock skew is rejected that way too (acknowledged,
// so the meter does not resend it for ever); values beyond the physical limits of the meter's class are flagged
// and counted but stored.
import {
  CommandAck, MeterEvent, MeterStatus, TelemetryReading, decodePayload, parseMeterTopic,
  type MeterTopicKind,
} from '../protocols/index.ts';
import type { Logger } from '../platform/index.ts';
import type { TelemetryPipeline } from './pipeline.ts';
import type { MeterDirectory } from './directory.ts';
import type { LatestStateWriter } from './latest-state.ts';
import { messagesIn, messagesRejected } from './metrics.ts';
import { DEFAULT_MAX_SKEW_MS, implausibleReadings, isFromFuture, physicalViolations, type LimitViolation } from './plausibility.ts';

export type Transport = 'mqtt' | 'serial';

export type IngestOutcome =
  | { ok: true; kind: MeterTopicKind; implausible?: LimitViolation[] }
  | { ok: false; reason: 'malformed' | 'unknown_meter' | 'not_a_meter_topic' | 'unexpected_kind' | 'future_timestamp'; detail: string };

export interface IngestOptions {
  /** Readings dated more than this after the gateway's clock are rejected (TELEMETRY_MAX_SKEW_S); default 5 min. */
  maxSkewMs?: number;
}

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
  private readonly maxSkewMs: number;

  constructor(
    private readonly pipeline: TelemetryPipeline,
    private readonly directory: MeterDirectory,
    private readonly latest: LatestStateWriter,
    private readonly logger: Logger,
    options: IngestOptions = {},
  ) {
    this.maxSkewMs = options.maxSkewMs ?? DEFAULT_MAX_SKEW_MS;
  }

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
        const { seq, ts } = d.value;
        if (isFromFuture(ts, receivedAt, this.maxSkewMs)) {
          implausibleReadings.inc({ check: 'future_ts' });
          return this.reject(transport, 'future_timestamp', `reading dated ${Math.round((ts - receivedAt) / 1000)} s after the gateway clock (limit ${this.maxSkewMs / 1000} s); not stored`, meterId, { seq, ts });
        }
        const implausible = physicalViolations(d.value, await this.directory.service(meterId));
        for (const v of implausible) implausibleReadings.inc({ check: v.check });
        if (implausible.length) this.logger.warn({ meter: meterId, seq, ts, implausible }, 'implausible reading (beyond the physical limits of the meter class): stored, flagged');
        await this.pipeline.acceptReading({ meterId, reading: d.value, receivedAt });
        this.latest.reading(meterId, d.value, receivedAt);
        this.listeners.onReading?.(meterId, d.value);
        if (implausible.length) {
          this.stats.accepted++;
          return { ok: true, kind, implausible };
        }
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

  private reject(transport: Transport, reason: Exclude<IngestOutcome, { ok: true }>['reason'], detail: string, meterId?: string, at?: { seq: number; ts: number }): IngestOutcome {
    messagesRejected.inc({ transport, reason });
    this.stats.rejected[reason] = (this.stats.rejected[reason] ?? 0) + 1;
    this.logger.warn({ meter: meterId, reason, detail, ...at }, 'message rejected');
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

// Serial channels started from configuration, their sink (pipeline or the gateway's Ingest), and the command
// transport that reaches serial meters through programming mode.
import type { Logger } from '../../platform/index.ts';
import type { CommandAck, CommandEnvelope, TelemetryReading } from '../../protocols/index.ts';
import type { Ingest } from '../ingest.ts';
import type { CommandTransport } from '../mqtt.ts';
import type { TelemetryPipeline } from '../pipeline.ts';
import { SerialChannel, type SerialSink } from './channel.ts';
import { parseSerialCommand, type SerialCommand } from './commands.ts';
import { SerialChannelsConfig, SerialConfigError, type SerialChannelInput } from './config.ts';
import type { SerialBinding } from './link.ts';

/** Commands to serial meters: `deliver` resolves with the meter's answer; `send` fits the gateway's CommandTransport. */
export interface SerialCommandTransport {
  canDeliver(meterId: string): boolean;
  deliver(meterId: string, cmd: SerialCommand): Promise<CommandAck>;
  /** Queues the command and resolves at once; the ack arrives through the sink (ingest 'acks' / onAck). */
  send(meterId: string, cmd: CommandEnvelope): Promise<void>;
}

export interface StartSerialChannelsOptions {
  /** Readings go here (acceptReading resolves once durable)... */
  pipeline?: TelemetryPipeline;
  /** ...or through the gateway's Ingest (validation, latest state, listeners, acks), as MQTT messages do. */
  ingest?: Pick<Ingest, 'handle' | 'presence'>;
  /** Called with every command's ack (in addition to ingest's 'acks' path when `ingest` is given). */
  onAck?: (meterId: string, ack: CommandAck) => Promise<void> | void;
  onPresence?: (meterId: string, online: boolean) => Promise<void> | void;
  /** Called after each reading is durable (tests, live feeds). */
  onReading?: (meterId: string, reading: TelemetryReading) => void;
  logger: Logger;
  /** serialport binding (default the native one; MockBinding in tests). */
  binding?: SerialBinding;
}

export interface RunningSerialChannels {
  channels: SerialChannel[];
  commands: SerialCommandTransport;
  stop(): Promise<void>;
}

export function serialSink(o: StartSerialChannelsOptions): SerialSink {
  const { pipeline, ingest, logger } = o;
  if (!pipeline && !ingest) throw new SerialConfigError('serial channels need a pipeline or an ingest');
  return {
    async reading(meterId, reading) {
      if (ingest) {
        const out = await ingest.handle(meterId, 'telemetry', reading, 'serial');
        if (!out.ok) {
          logger.warn({ meter: meterId, seq: reading.seq, reason: out.reason, detail: out.detail }, 'serial reading rejected by ingest');
          return;
        }
      } else {
        await pipeline!.acceptReading({ meterId, reading, receivedAt: Date.now() });
      }
      o.onReading?.(meterId, reading);
    },
    async ack(meterId, ack) {
      if (ingest) await ingest.handle(meterId, 'acks', ack, 'serial');
      await o.onAck?.(meterId, ack);
    },
    async presence(meterId, online) {
      if (ingest) await ingest.presence(meterId, online);
      await o.onPresence?.(meterId, online);
    },
  };
}

/** Validates the channels (SerialConfigError), starts one SerialChannel per bus and returns them with a command transport. */
export function startSerialChannels(channels: SerialChannelInput[], o: StartSerialChannelsOptions): RunningSerialChannels {
  const parsed = SerialChannelsConfig.safeParse(channels);
  if (!parsed.success) throw new SerialConfigError(`serial channels invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const sink = serialSink(o);
  const running = parsed.data.map((cfg) => new SerialChannel(cfg, { sink, logger: o.logger.child({ part: 'serial' }), ...(o.binding ? { binding: o.binding } : {}) }));
  for (const c of running) c.start();
  return {
    channels: running,
    commands: serialCommandTransport(running),
    async stop() {
      await Promise.all(running.map((c) => c.stop()));
    },
  };
}

export function serialCommandTransport(channels: SerialChannel[]): SerialCommandTransport {
  const byMeter = (id: string): SerialChannel | undefined => channels.find((c) => c.has(id));
  const t: SerialCommandTransport = {
    canDeliver: (id) => byMeter(id) !== undefined,
    deliver(id, cmd) {
      const c = byMeter(id);
      if (!c) return Promise.resolve({ v: 1, ref: cmd.ref, ts: Date.now(), status: 'failed', result: 'unknown_meter', detail: `meter ${id} is on no serial channel` });
      return c.deliver(id, cmd);
    },
    async send(id, cmd) {
      const c = byMeter(id);
      if (!c) throw new SerialConfigError(`meter ${id} is on no serial channel`);
      const known = parseSerialCommand(cmd);
      if (!known.ok) {
        // A kind the serial register profile has no register for (or a body it cannot carry): the meter's answer is a
        // rejection, as a meter's would be.
        await c.refuse(id, { v: 1, ref: cmd.ref, ts: Date.now(), status: 'rejected', result: known.result, detail: known.detail });
        return;
      }
      void t.deliver(id, known.cmd); // the ack reaches the sink when the meter has answered
    },
  };
  return t;
}

/**
 * One CommandTransport for the whole gateway: commands for serial meters go to their bus (the ack comes back through
 * the sink), all others to `other` (MQTT). Without `other`, a non-serial meter's command is refused.
 */
export function routeCommands(serial: SerialCommandTransport, other: CommandTransport | null): CommandTransport {
  return {
    send(meterId, cmd) {
      if (serial.canDeliver(meterId)) return serial.send(meterId, cmd);
      if (other) return other.send(meterId, cmd);
      return Promise.reject(new SerialConfigError(`no transport reaches meter ${meterId}`));
    },
  };
}

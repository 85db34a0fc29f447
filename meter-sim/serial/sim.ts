// A simulated serial meter bus on a real pseudo-terminal pair: the gateway opens `gatewayPath` like any serial
// device; `vanish()` pulls the "cable" (socat stopped, both ports gone) and plugs it back on the same path.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PtyPair } from './pty.ts';
import { SerialMeterServer, type SerialBinding } from './server.ts';
import type { IecBusResponder, SimSerialMeter } from './responder.ts';

export interface SerialMeterSimOptions {
  meters: SimSerialMeter[];
  /** Directory for the link paths (default: a new temporary directory). */
  dir?: string;
  /** Link names inside `dir` (defaults `gateway` and `meter`). */
  gatewayLink?: string;
  meterLink?: string;
  socat?: string;
  binding?: SerialBinding;
  now?: () => number;
}

export interface RunningSerialMeterSim {
  /** The device path the gateway opens (a symlink to /dev/pts/N). */
  gatewayPath: string;
  meterPath: string;
  pty: PtyPair;
  server: SerialMeterServer;
  responder: IecBusResponder;
  /**
   * The port vanishes for `downMs` and comes back on the same path. `quiet` (default true) first lets the line go
   * idle (the meters stop answering, replies in flight are written and given 100 ms to arrive) so that no reading
   * is cut in transit; `quiet: false` pulls it at once, whatever is on the wire.
   */
  vanish(downMs: number, opts?: { quiet?: boolean }): Promise<void>;
  /** A gateway channel configuration (one SERIAL_CHANNELS entry) that reads this simulated bus. */
  channelConfig(o?: { pollIntervalMs?: number; timeoutMs?: number }): SimChannelConfig;
  stop(): Promise<void>;
}

/** The shape of one SERIAL_CHANNELS entry (gateway/serial's schema), as plain JSON. */
export interface SimChannelConfig {
  path: string;
  baudRate: number;
  meters: { id: string; address: string; password?: string }[];
  pollIntervalMs: number;
  timeoutMs: number;
}

export async function startSerialMeterSim(o: SerialMeterSimOptions): Promise<RunningSerialMeterSim> {
  const ownDir = o.dir === undefined;
  const dir = o.dir ?? mkdtempSync(join(tmpdir(), 'raseed-serial-'));
  const gatewayPath = join(dir, o.gatewayLink ?? 'gateway');
  const meterPath = join(dir, o.meterLink ?? 'meter');
  const pty = new PtyPair({ linkA: gatewayPath, linkB: meterPath, ...(o.socat ? { socat: o.socat } : {}) });
  try {
    await pty.start();
  } catch (e) {
    if (ownDir) rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  const server = new SerialMeterServer({ path: meterPath, meters: o.meters, ...(o.binding ? { binding: o.binding } : {}), ...(o.now ? { now: o.now } : {}) });
  try {
    await server.open();
  } catch (e) {
    await pty.stop();
    if (ownDir) rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  return {
    gatewayPath, meterPath, pty, server, responder: server.responder,
    async vanish(downMs, opts = {}) {
      if (opts.quiet ?? true) {
        server.responder.hold = true;
        await server.responder.idle();
        await new Promise((r) => setTimeout(r, 100));
      }
      await pty.stop();
      await server.close();
      await new Promise((r) => setTimeout(r, downMs));
      await pty.start();
      await server.open();
      server.responder.hold = false;
    },
    channelConfig(c = {}) {
      return {
        path: gatewayPath,
        baudRate: 300,
        meters: o.meters.map((m) => ({ id: m.id ?? m.address, address: m.address, ...(m.password !== undefined ? { password: m.password } : {}) })),
        pollIntervalMs: c.pollIntervalMs ?? 5_000,
        timeoutMs: c.timeoutMs ?? 1_000,
      };
    },
    async stop() {
      await server.close();
      await pty.stop();
      if (ownDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

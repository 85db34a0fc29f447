// Presence of serial meters when the port itself vanishes (issue 16, finding 3): the meters behind it go offline
// like silent ones (3 failed polls in a row), and come back online with their next good readout.
// serialport's own MockBinding stands in for the adapter; the simulated meters answer through IecBusResponder.
import { SerialPortMock } from 'serialport';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../platform/index.ts';
import { SimMeter, type TokenDecoderPort } from '../../meter-sim/index.ts';
import { IecBusResponder } from '../../meter-sim/index.ts';
import { Iec62056Decoder } from '../../protocols/iec62056/index.ts';
import type { IngestedReading, TelemetryPipeline } from '../pipeline.ts';
import { startSerialChannels, type RunningSerialChannels, type SerialBinding } from './index.ts';

const MockBinding = SerialPortMock.binding;
type MockPortBinding = Awaited<ReturnType<typeof MockBinding.open>>;
const decoder: TokenDecoderPort = { enter: () => ({ result: 'crc' }) };

class Readings implements TelemetryPipeline {
  readings: IngestedReading[] = [];
  async acceptReading(r: IngestedReading): Promise<void> { this.readings.push(r); }
  async acceptEvent(): Promise<void> {}
  async flush(): Promise<void> {}
  async close(): Promise<void> {}
}

/** A bus whose adapter can vanish: reads fail with EIO, the port closes, reopening fails with ENOENT. */
function vanishingBus(path: string, address: string, meter: SimMeter) {
  MockBinding.createPort(path, { echo: false, record: false });
  let current: MockPortBinding | null = null;
  let gone = false;
  const responder = new IecBusResponder([{ address, model: meter }], {
    send: async (bytes) => {
      if (!current?.isOpen || gone) return false;
      current.emitData(Buffer.from(bytes));
      return true;
    },
  });
  const binding = {
    ...MockBinding,
    async open(opts: Parameters<typeof MockBinding.open>[0]) {
      if (gone) throw new Error(`ENOENT: no such file or directory, open '${path}'`);
      const port = await MockBinding.open(opts);
      current = port;
      const parser = new Iec62056Decoder({ role: 'meter' });
      const write = port.write.bind(port);
      port.write = async (buf: Buffer) => {
        await write(buf);
        if (!gone) for (const ev of parser.push(buf)) responder.handle(ev);
      };
      return port;
    },
  } as unknown as SerialBinding;
  return {
    binding,
    vanish() {
      gone = true;
      const pending = (current as unknown as { pendingRead: ((e: Error) => void) | null } | null)?.pendingRead;
      pending?.(Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO' }));
    },
    reappear() { gone = false; },
  };
}

let running: RunningSerialChannels | null = null;
afterEach(async () => {
  await running?.stop();
  running = null;
  MockBinding.reset();
});

const until = async (cond: () => boolean, ms = 8000): Promise<void> => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('serial presence', () => {
  it('a meter behind a port that disappears goes offline like a silent one, and online again when it is back', async () => {
    const bus = vanishingBus('/dev/ttyMOCKP0', '7', new SimMeter({ id: 'S1', service: 'electricity', profile: { demandAt: () => 1000 }, credit: 10_000, decoder }));
    const pipeline = new Readings();
    const presence: [string, boolean][] = [];
    running = startSerialChannels(
      [{ path: '/dev/ttyMOCKP0', baudRate: 300, meters: [{ id: 'S1', address: '7' }], pollIntervalMs: 100, timeoutMs: 100, reconnectMinMs: 20, reconnectMaxMs: 100, guardMs: 0 }],
      { pipeline, logger: silentLogger, binding: bus.binding, onPresence: (id, online) => { presence.push([id, online]); } },
    );
    const ch = running.channels[0]!;
    await until(() => pipeline.readings.length >= 2);
    expect(presence).toEqual([['S1', true]]);

    bus.vanish();
    await until(() => !ch.link.isOpen);
    await until(() => presence.length === 2);
    expect(presence[1]).toEqual(['S1', false]);
    const st = ch.stats('S1')!;
    expect(st.online).toBe(false);
    expect(st.consecutiveFailures).toBeGreaterThanOrEqual(3);
    expect(st.lastError).toMatch(/gone/);

    bus.reappear();
    await until(() => presence.length === 3);
    expect(presence[2]).toEqual(['S1', true]);
  });
});

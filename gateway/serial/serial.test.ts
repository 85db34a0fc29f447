import { SerialPortMock } from 'serialport';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../platform/index.ts';
import { SimMeter, type TokenDecoderPort } from '../../meter-sim/index.ts';
import { IecBusResponder, type SimSerialMeter } from '../../meter-sim/index.ts';
import type { CommandAck, MeterCommand } from '../../protocols/index.ts';
import { Iec62056Decoder, dataSetsFromReading, encodeDataBlock, encodeIdentification } from '../../protocols/iec62056/index.ts';
import type { IngestedReading, TelemetryPipeline } from '../pipeline.ts';
import { SerialConfigError, parseSerialChannels, routeCommands, startSerialChannels, type RunningSerialChannels, type SerialBinding, type SerialChannelInput } from './index.ts';

// @serialport/binding-mock's types are not reachable through its package exports; serialport re-exposes it.
const MockBinding = SerialPortMock.binding;
type MockPortBinding = Awaited<ReturnType<typeof MockBinding.open>>;

const TOKEN = '12345678901234567890';
const decoder: TokenDecoderPort = {
  enter: (digits) => (digits === TOKEN ? { result: 'accept', credit: 10_000, tokenClass: 0, subclass: 0 } : { result: 'crc' }),
};
const flat = { demandAt: () => 3600 }; // 3.6 kW: 1 Wh per second

function simMeter(id: string, credit = 50_000): SimMeter {
  return new SimMeter({ id, service: 'electricity', profile: flat, credit, decoder });
}

class RecordingPipeline implements TelemetryPipeline {
  readings: IngestedReading[] = [];
  failNext = 0;
  async acceptReading(r: IngestedReading): Promise<void> {
    if (this.failNext > 0) { this.failNext--; throw new Error('spool full'); }
    this.readings.push(r);
  }
  async acceptEvent(): Promise<void> {}
  async flush(): Promise<void> {}
  async close(): Promise<void> {}
  seqs(meterId: string): number[] {
    return this.readings.filter((r) => r.meterId === meterId).map((r) => r.reading.seq);
  }
}

/** A mock bus: MockBinding whose writes reach simulated meters, and a cable that can be pulled. */
function mockBus(path: string, meters: SimSerialMeter[]) {
  MockBinding.createPort(path, { echo: false, record: false });
  let current: MockPortBinding | null = null;
  let unplugged = false;
  let deaf = false;
  const responder: IecBusResponder = new IecBusResponder(meters, {
    send: async (bytes) => {
      if (!current?.isOpen || unplugged || deaf) return false;
      current.emitData(Buffer.from(bytes));
      return true;
    },
  });
  const binding = {
    ...MockBinding,
    async open(opts: Parameters<typeof MockBinding.open>[0]) {
      if (unplugged) throw new Error(`ENOENT: no such file or directory, open '${path}'`);
      const port = await MockBinding.open(opts);
      current = port;
      deaf = false;
      const parser = new Iec62056Decoder({ role: 'meter' });
      const write = port.write.bind(port);
      port.write = async (buf: Buffer) => {
        await write(buf);
        if (!unplugged && !deaf) for (const ev of parser.push(buf)) responder.handle(ev);
      };
      return port;
    },
  } as unknown as SerialBinding;
  return {
    binding,
    responder,
    /** The adapter vanishes: reads fail (EIO), reopening fails (ENOENT). */
    unplug() {
      unplugged = true;
      const pending = (current as unknown as { pendingRead: ((e: Error) => void) | null } | null)?.pendingRead;
      pending?.(Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO' }));
    },
    replug() { unplugged = false; },
    /** The port stays "open" but nothing answers any more (a pulled RS-485 pair, no close event). */
    deafen() { deaf = true; },
  };
}

let running: RunningSerialChannels | null = null;
afterEach(async () => {
  await running?.stop();
  running = null;
  MockBinding.reset();
});

const until = async (cond: () => boolean, ms = 5000): Promise<void> => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 10));
  }
};

function channel(path: string, meters: { id: string; address: string; password?: string }[], extra: Partial<SerialChannelInput> = {}): SerialChannelInput {
  return { path, baudRate: 300, meters, pollIntervalMs: 100, timeoutMs: 100, reconnectMinMs: 20, reconnectMaxMs: 200, guardMs: 0, ...extra };
}

describe('serial channels (binding-mock)', () => {
  it('reads every meter of a multi-drop bus into the pipeline', async () => {
    const a = simMeter('A'), b = simMeter('B');
    const bus = mockBus('/dev/ttyMOCK0', [{ address: '1001', model: a }, { address: '1002', model: b }]);
    const pipeline = new RecordingPipeline();
    running = startSerialChannels([channel('/dev/ttyMOCK0', [{ id: 'A', address: '1001' }, { id: 'B', address: '1002' }])], { pipeline, logger: silentLogger, binding: bus.binding });
    await until(() => pipeline.seqs('A').length >= 3 && pipeline.seqs('B').length >= 3);
    expect(pipeline.seqs('A').slice(0, 3)).toEqual([1, 2, 3]);
    const r = pipeline.readings.find((x) => x.meterId === 'B')!.reading;
    expect(r).toMatchObject({ v: 1, seq: 1, relay: 'closed' });
    expect(r.credit).toBeLessThanOrEqual(50_000);
  });

  it('a dead meter never holds the bus beyond its timeout', async () => {
    const a = simMeter('A'), b = simMeter('B'), c = simMeter('C');
    const bus = mockBus('/dev/ttyMOCK1', [{ address: '1', model: a }, { address: '2', model: b }, { address: '3', model: c }]);
    bus.responder.setFault('1', { kind: 'noAnswer' });
    bus.responder.setFault('2', { kind: 'slow', delayMs: 1000 });
    const pipeline = new RecordingPipeline();
    running = startSerialChannels([channel('/dev/ttyMOCK1', [{ id: 'A', address: '1' }, { id: 'B', address: '2' }, { id: 'C', address: '3' }])], { pipeline, logger: silentLogger, binding: bus.binding });
    const t0 = Date.now();
    await until(() => pipeline.seqs('C').length >= 6);
    // C is read about every poll interval despite A (dead) and B (too slow) being tried in between.
    expect(Date.now() - t0).toBeLessThan(2500);
    expect(pipeline.seqs('A')).toEqual([]);
    expect(pipeline.seqs('B')).toEqual([]);
    const ch = running.channels[0]!;
    // A is silent; on a loaded machine B's late identification can land inside A's sign-on, and A then fails at the
    // data block instead: either way within its own timeout.
    expect(ch.stats('A')!.lastError).toMatch(/no (identification|data block) within 100 ms/);
    expect(ch.stats('A')!.consecutiveFailures).toBeGreaterThanOrEqual(1);
    // B's late answers arrive during other transactions: they must not be taken for C's readings.
    expect(new Set(pipeline.seqs('C')).size).toBe(pipeline.seqs('C').length);
    bus.responder.setFault('1', null);
    bus.responder.setFault('2', null);
    running.channels[0]!.pollNow('A');
    await until(() => pipeline.seqs('A').length >= 1, 3000);
  });

  it('a bad BCC is repaired by NAK (nothing lost); a half line fails and the next poll succeeds', async () => {
    const a = simMeter('A');
    const bus = mockBus('/dev/ttyMOCK2', [{ address: '7', model: a }]);
    bus.responder.setFault('7', { kind: 'badBcc' }, 1);
    const pipeline = new RecordingPipeline();
    running = startSerialChannels([channel('/dev/ttyMOCK2', [{ id: 'A', address: '7' }])], { pipeline, logger: silentLogger, binding: bus.binding });
    await until(() => pipeline.seqs('A').length >= 1);
    expect(pipeline.seqs('A')[0]).toBe(1); // the repeated block (same reading) was accepted
    bus.responder.setFault('7', { kind: 'halfLine' }, 1);
    await until(() => bus.responder.readouts.some((r) => r.outcome === 'halfLine'));
    await until(() => pipeline.seqs('A').length >= 4);
    expect(pipeline.seqs('A')).toEqual(bus.responder.delivered('7').slice(0, pipeline.seqs('A').length));
    expect(running.channels[0]!.stats('A')!.failures).toBeGreaterThanOrEqual(1);
  });

  it('garbage on the line before the identification is skipped', async () => {
    const a = simMeter('A');
    const bus = mockBus('/dev/ttyMOCK3', [{ address: '', model: a }]);
    bus.responder.setFault('', { kind: 'garbage' });
    const pipeline = new RecordingPipeline();
    running = startSerialChannels([channel('/dev/ttyMOCK3', [{ id: 'A', address: '' }])], { pipeline, logger: silentLogger, binding: bus.binding });
    await until(() => pipeline.seqs('A').length >= 2);
  });

  it('reconnects with back-off when the port vanishes and comes back; nothing lost or duplicated', async () => {
    const a = simMeter('A');
    const bus = mockBus('/dev/ttyMOCK4', [{ address: '5', model: a }]);
    const pipeline = new RecordingPipeline();
    running = startSerialChannels([channel('/dev/ttyMOCK4', [{ id: 'A', address: '5' }])], { pipeline, logger: silentLogger, binding: bus.binding });
    const link = running.channels[0]!.link;
    await until(() => pipeline.seqs('A').length >= 3);
    bus.unplug();
    await until(() => !link.isOpen);
    const during = pipeline.seqs('A').length;
    await new Promise((r) => setTimeout(r, 400));
    expect(link.failures).toBeGreaterThanOrEqual(2); // reopen attempts while gone
    expect(pipeline.seqs('A').length).toBe(during);
    bus.replug();
    await until(() => link.isOpen);
    await until(() => pipeline.seqs('A').length >= during + 3);
    const seqs = pipeline.seqs('A');
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(seqs).toEqual(bus.responder.delivered('5').slice(0, seqs.length));
  });

  it('reopens the port after data silence (unplug without a close event)', async () => {
    const a = simMeter('A');
    const bus = mockBus('/dev/ttyMOCK5', [{ address: '5', model: a }]);
    const pipeline = new RecordingPipeline();
    running = startSerialChannels([channel('/dev/ttyMOCK5', [{ id: 'A', address: '5' }], { silenceMs: 300 })], { pipeline, logger: silentLogger, binding: bus.binding });
    const link = running.channels[0]!.link;
    await until(() => pipeline.seqs('A').length >= 1);
    const opens = link.opens;
    bus.deafen(); // until the port is reopened
    await until(() => link.opens > opens, 8000);
  });

  it('keeps a reading the pipeline could not make durable and hands it on later, once', async () => {
    const a = simMeter('A');
    const bus = mockBus('/dev/ttyMOCK6', [{ address: '5', model: a }]);
    const pipeline = new RecordingPipeline();
    pipeline.failNext = 2;
    running = startSerialChannels([channel('/dev/ttyMOCK6', [{ id: 'A', address: '5' }])], { pipeline, logger: silentLogger, binding: bus.binding });
    await until(() => pipeline.seqs('A').length >= 3);
    expect(pipeline.seqs('A').slice(0, 3)).toEqual([1, 2, 3]);
  });

  it('delivers tokens and relay commands through programming mode, with the ack mapped', async () => {
    const a = simMeter('A', 100);
    const bus = mockBus('/dev/ttyMOCK7', [{ address: '42', model: a, password: 'sesame' }]);
    const pipeline = new RecordingPipeline();
    const acks: [string, CommandAck][] = [];
    running = startSerialChannels([channel('/dev/ttyMOCK7', [{ id: 'A', address: '42', password: 'sesame' }], { pollIntervalMs: 60_000 })], {
      pipeline, logger: silentLogger, binding: bus.binding, onAck: (id, ack) => { acks.push([id, ack]); },
    });
    const cmds = running.commands;
    expect(cmds.canDeliver('A')).toBe(true);
    expect(cmds.canDeliver('nope')).toBe(false);
    const tok: MeterCommand = { v: 1, ref: 'r1', type: 'token', token: TOKEN };
    const ack = await cmds.deliver('A', tok);
    expect(ack).toMatchObject({ ref: 'r1', status: 'ok', result: 'accept', detail: 'credited 10000 Wh' });
    expect(a.state.credit).toBeGreaterThan(10_000);
    // Redelivery of the same ref: same ack, the token is not entered twice.
    expect(await cmds.deliver('A', tok)).toEqual(ack);
    expect(bus.responder.writes.filter((w) => w.register === 'C.51.0')).toHaveLength(1);
    expect(await cmds.deliver('A', { v: 1, ref: 'r2', type: 'token', token: '99999999999999999999' })).toMatchObject({ status: 'rejected', result: 'crc' });
    expect(await cmds.deliver('A', { v: 1, ref: 'r3', type: 'relay', action: 'disconnect' })).toMatchObject({ status: 'ok', result: 'open' });
    expect(a.state.relay).toBe('open');
    expect(await cmds.deliver('A', { v: 1, ref: 'r4', type: 'relay', action: 'reconnect' })).toMatchObject({ status: 'ok', result: 'closed' });
    expect(await cmds.deliver('A', { v: 1, ref: 'r5', type: 'timeSync', ts: Date.now() })).toMatchObject({ status: 'ok', result: 'synced' });
    expect(await cmds.deliver('A', { v: 1, ref: 'r6', type: 'relay', action: 'disconnect', expiresAt: Date.UTC(2001, 0, 1) })).toMatchObject({ status: 'rejected', result: 'expired' });
    // The sink (the gateway's ack path into the one command lifecycle) hears only the meter's own answers, once each:
    // r6 never reached the meter, so it is no ack; the command service expires it by its own deadline.
    expect(acks.map(([, x]) => x.ref)).toEqual(['r1', 'r2', 'r3', 'r4', 'r5']);
    // After a command the meter is read soon, so the new credit shows.
    await until(() => pipeline.seqs('A').length >= 1);
  });

  it('a wrong password fails the command; a dead meter fails it within the timeout', async () => {
    const a = simMeter('A'), b = simMeter('B');
    const bus = mockBus('/dev/ttyMOCK8', [{ address: '1', model: a, password: 'right' }, { address: '2', model: b }]);
    bus.responder.setFault('2', { kind: 'noAnswer' });
    running = startSerialChannels([channel('/dev/ttyMOCK8', [{ id: 'A', address: '1', password: 'wrong' }, { id: 'B', address: '2' }], { pollIntervalMs: 60_000 })], {
      pipeline: new RecordingPipeline(), logger: silentLogger, binding: bus.binding,
    });
    const bad = await running.commands.deliver('A', { v: 1, ref: 'x1', type: 'relay', action: 'disconnect' });
    expect(bad).toMatchObject({ status: 'failed', result: 'protocol_error' });
    expect(bad.detail).toMatch(/password refused/);
    expect(a.state.relay).toBe('closed');
    const t0 = Date.now();
    expect(await running.commands.deliver('B', { v: 1, ref: 'x2', type: 'relay', action: 'disconnect' })).toMatchObject({ status: 'failed', result: 'timeout' });
    expect(Date.now() - t0).toBeLessThan(1000);
  });
});

describe('partial blocks', () => {
  it('a readout sent in partial blocks (EOT) is acknowledged block by block and assembled', async () => {
    const path = '/dev/ttyMOCK10';
    MockBinding.createPort(path, { echo: false, record: false });
    const reading = { v: 1 as const, seq: 7, ts: Date.UTC(2026, 0, 2, 3, 4, 5), register: 123_456, credit: 7_000, relay: 'closed' as const };
    const sets = dataSetsFromReading(reading, { address: '3' });
    const blocks = [
      encodeDataBlock(sets.slice(0, 3), { complete: false, partial: true }),
      encodeDataBlock(sets.slice(3, 5), { complete: false, partial: true }),
      encodeDataBlock(sets.slice(5)),
    ];
    let next = 0;
    let acks = 0;
    const binding = {
      ...MockBinding,
      async open(opts: Parameters<typeof MockBinding.open>[0]) {
        const port = await MockBinding.open(opts);
        const parser = new Iec62056Decoder({ role: 'meter' });
        const write = port.write.bind(port);
        port.write = async (buf: Buffer) => {
          await write(buf);
          const reply = (b: Uint8Array): void => { setTimeout(() => { if (port.isOpen) port.emitData(Buffer.from(b)); }, 1); };
          if (buf.length === 1 && buf[0] === 0x06) { acks++; reply(blocks[next++]!); return; }
          for (const ev of parser.push(buf)) {
            if (ev.type === 'signOn') { next = 0; reply(encodeIdentification({ manufacturer: 'ABC', baudChar: '5', identification: 'X' })); }
            if (ev.type === 'optionSelect') reply(blocks[next++]!);
          }
        };
        return port;
      },
    } as unknown as SerialBinding;
    const pipeline = new RecordingPipeline();
    running = startSerialChannels([channel(path, [{ id: 'P', address: '3' }], { pollIntervalMs: 60_000 })], { pipeline, logger: silentLogger, binding });
    await until(() => pipeline.readings.length >= 1);
    expect(pipeline.readings[0]!.reading).toEqual(reading);
    expect(acks).toBe(2);
  });
});

describe('serial channels through the gateway Ingest', () => {
  it('hands readings, acks and presence to ingest.handle / ingest.presence with transport "serial"', async () => {
    const a = simMeter('A');
    const bus = mockBus('/dev/ttyMOCK9', [{ address: '9', model: a }]);
    const calls: { meterId: string; kind: string; transport: string }[] = [];
    const presence: [string, boolean][] = [];
    const ingest = {
      async handle(meterId: string, kind: string, _payload: unknown, transport: string) {
        calls.push({ meterId, kind, transport });
        return { ok: true as const, kind: kind as 'telemetry' };
      },
      async presence(meterId: string, online: boolean) { presence.push([meterId, online]); },
    };
    running = startSerialChannels([channel('/dev/ttyMOCK9', [{ id: 'A', address: '9' }])], { ingest, logger: silentLogger, binding: bus.binding });
    await until(() => calls.filter((c) => c.kind === 'telemetry').length >= 2);
    await running.commands.send('A', { v: 1, ref: 'q1', type: 'relay', action: 'disconnect' });
    await until(() => calls.some((c) => c.kind === 'acks'));
    expect(calls.every((c) => c.transport === 'serial' && c.meterId === 'A')).toBe(true);
    expect(presence).toEqual([['A', true]]);
    await expect(running.commands.send('nope', { v: 1, ref: 'q2', type: 'relay', action: 'disconnect' })).rejects.toThrow(SerialConfigError);
    const viaMqtt: string[] = [];
    const routed = routeCommands(running.commands, { send: async (id) => { viaMqtt.push(id); } });
    await routed.send('mqtt-meter', { v: 1, ref: 'q3', type: 'relay', action: 'reconnect' });
    await routed.send('A', { v: 1, ref: 'q4', type: 'relay', action: 'reconnect' });
    expect(viaMqtt).toEqual(['mqtt-meter']);
    await until(() => calls.filter((c) => c.kind === 'acks').length >= 2);
  });
});

describe('SERIAL_CHANNELS', () => {
  it('parses with defaults', () => {
    const [c] = parseSerialChannels('[{"path":"/dev/ttyUSB0","meters":[{"id":"m1","address":"12345678"}]}]');
    expect(c).toMatchObject({ path: '/dev/ttyUSB0', baudRate: 300, dataBits: 7, parity: 'even', stopBits: 1, pollIntervalMs: 60_000, timeoutMs: 2_000, baudSwitch: true });
    expect(parseSerialChannels(undefined)).toEqual([]);
    expect(parseSerialChannels('  ')).toEqual([]);
  });
  it('rejects bad configuration with a typed error', () => {
    expect(() => parseSerialChannels('{')).toThrow(SerialConfigError);
    expect(() => parseSerialChannels('[{"path":"/dev/x","meters":[]}]')).toThrow(/meters/);
    expect(() => parseSerialChannels('[{"path":"/dev/x","meters":[{"id":"a","address":"1"},{"id":"b","address":"1"}]}]')).toThrow(/used twice/);
    expect(() => parseSerialChannels('[{"path":"/dev/x","meters":[{"id":"a","address":"1"}]},{"path":"/dev/y","meters":[{"id":"a","address":"2"}]}]')).toThrow(/two channels/);
    expect(() => parseSerialChannels('[{"path":"/dev/x","meters":[{"id":"a","address":"a!b"}]}]')).toThrow(SerialConfigError);
  });
});

// Integration over a real pseudo-terminal pair (socat): the gateway's serial channel reads a simulated serial meter
// bus, tops a meter up with an STS token, cuts it, and survives the port vanishing and coming back mid-run with no
// reading lost or duplicated (readings counted by the meter's sequence number).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, silentLogger } from '../platform/index.ts';
import type { IngestedReading, TelemetryPipeline } from '../gateway/index.ts';
// gateway/serial's public face (until gateway/index.ts re-exports it).
import { routeCommands, startSerialChannels, type RunningSerialChannels } from '../gateway/index.ts';
import { createMeter } from '../modules/registry/index.ts';
import { eventually, startTestStack, type TestStack } from './support/stack.ts';
import { SimMeter, meterNumber } from '../meter-sim/index.ts';
import { socatAvailable, startSerialMeterSim, type RunningSerialMeterSim } from '../meter-sim/index.ts';
import { sts } from '../protocols/index.ts';

const HAVE_SOCAT = socatAvailable();
if (!HAVE_SOCAT) {
  console.warn('\n\n*** SKIPPED test/serial-pty.test.ts: socat is not installed (apt-get install -y socat); CI installs it ***\n\n');
}

class RecordingPipeline implements TelemetryPipeline {
  readings: IngestedReading[] = [];
  async acceptReading(r: IngestedReading): Promise<void> { this.readings.push(r); }
  async acceptEvent(): Promise<void> {}
  async flush(): Promise<void> {}
  async close(): Promise<void> {}
  of(meterId: string): IngestedReading[] { return this.readings.filter((r) => r.meterId === meterId); }
  seqs(meterId: string): number[] { return this.of(meterId).map((r) => r.reading.seq); }
}

const until = async (what: string, cond: () => boolean, ms = 15_000): Promise<void> => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe.skipIf(!HAVE_SOCAT)('serial meters over a real pty pair', () => {
  const drn = meterNumber(1, 4);
  const other = meterNumber(2, 4);
  const store = new sts.SoftwareKeyStore();
  store.addVendingKey('vk', 'abababababababab', '02');
  const keyRef = { ...sts.makeDecoderKeyParams({ dkga: '02', ea: 'STA', meter: drn, keyType: 2, sgc: '123456', ti: 1, krn: 1, baseDate: 2014 }), vendingKeyId: 'vk' };
  const flat = { demandAt: () => 7200 }; // 2 Wh per second
  let meterA: SimMeter;
  let meterB: SimMeter;
  let sim: RunningSerialMeterSim;
  let serial: RunningSerialChannels;
  const pipeline = new RecordingPipeline();

  beforeAll(async () => {
    const decoder = new sts.MeterTokenDecoder({ ea: 'STA', decoderKey: await store.exportDecoderKey(keyRef), keyType: 2, baseDate: 2014 }, { service: 'electricity' });
    meterA = new SimMeter({ id: drn, service: 'electricity', profile: flat, credit: 3_000, decoder });
    meterB = new SimMeter({ id: other, service: 'electricity', profile: flat, credit: 80_000 });
    sim = await startSerialMeterSim({
      meters: [
        { address: drn, model: meterA, password: '00000000', serialNumber: drn },
        { address: other, model: meterB },
      ],
    });
    serial = startSerialChannels([{
      path: sim.gatewayPath,
      baudRate: 300,
      meters: [{ id: drn, address: drn, password: '00000000' }, { id: other, address: other }],
      pollIntervalMs: 150,
      timeoutMs: 400,
      reconnectMinMs: 50,
      reconnectMaxMs: 400,
      guardMs: 5,
    }], { pipeline, logger: process.env.SERIAL_TEST_LOG ? createLogger('debug', false) : silentLogger });
  });

  afterAll(async () => {
    await serial?.stop();
    await sim?.stop();
  });

  it('reads the meters through the pty', async () => {
    await until('readings of both meters', () => pipeline.seqs(drn).length >= 3 && pipeline.seqs(other).length >= 3);
    const r = pipeline.of(drn)[0]!.reading;
    expect(r).toMatchObject({ v: 1, relay: 'closed' });
    expect(r.credit).toBeLessThanOrEqual(3_000);
    expect(r.voltageV).toBeGreaterThan(200);
  });

  it('tops a meter up with an STS token delivered in programming mode', async () => {
    const vended = await sts.vendCreditToken(store, keyRef, { units: '10', issuedAt: new Date() });
    const before = meterA.state.credit;
    const ack = await serial.commands.deliver(drn, { v: 1, ref: 'topup-1', type: 'token', token: vended.token });
    expect(ack).toMatchObject({ ref: 'topup-1', status: 'ok', result: 'accept' });
    expect(ack.detail).toMatch(/^credited \d+ Wh$/);
    expect(meterA.state.credit).toBeGreaterThan(before + 9_000);
    // The same token again is refused by the meter's STS decoder.
    const again = await serial.commands.deliver(drn, { v: 1, ref: 'topup-2', type: 'token', token: vended.token });
    expect(again).toMatchObject({ status: 'rejected', result: 'used' });
    const n = pipeline.seqs(drn).length;
    await until('a reading showing the credit', () => pipeline.of(drn).slice(n).some((x) => x.reading.credit > before + 9_000));
  });

  it('cuts the meter (relay disconnect) and reconnects it', async () => {
    const cut = await serial.commands.deliver(drn, { v: 1, ref: 'cut-1', type: 'relay', action: 'disconnect' });
    expect(cut).toMatchObject({ status: 'ok', result: 'open' });
    const n = pipeline.seqs(drn).length;
    await until('a reading with the relay open', () => pipeline.of(drn).slice(n).some((x) => x.reading.relay === 'open'));
    const back = await serial.commands.deliver(drn, { v: 1, ref: 'cut-2', type: 'relay', action: 'reconnect' });
    expect(back).toMatchObject({ status: 'ok', result: 'closed' });
  });

  it('survives the port vanishing and coming back, losing and duplicating nothing', async () => {
    const link = serial.channels[0]!.link;
    const opens = link.opens;
    const n0 = pipeline.readings.length;
    await sim.vanish(700); // socat killed: both ptys gone for 0.7 s, then back on the same path
    await until('the gateway to reopen the port', () => link.opens > opens && link.isOpen);
    await until('readings after the port came back', () => pipeline.readings.length >= n0 + 6);
    // A faulty meter mid-run: half a line, then a corrupted BCC (repaired by NAK), then normal again.
    sim.responder.setFault(other, { kind: 'halfLine' }, 1);
    sim.responder.setFault(drn, { kind: 'badBcc' }, 1);
    const n1 = pipeline.readings.length;
    await until('readings after the faults', () => pipeline.readings.length >= n1 + 6);
    // Pull it a second time, during traffic.
    const opens2 = link.opens;
    await sim.vanish(300);
    await until('the second reopen', () => link.opens > opens2 && link.isOpen);
    const n2 = pipeline.readings.length;
    await until('readings after the second reopen', () => pipeline.readings.length >= n2 + 4);
    await serial.stop();
    await sim.responder.idle();

    for (const [id, address] of [[drn, drn], [other, other]] as const) {
      const got = pipeline.seqs(id);
      expect(new Set(got).size, `duplicates for ${id}`).toBe(got.length);
      // Every readout the meter sent whole reached the pipeline exactly once, in order.
      expect(got).toEqual(sim.responder.delivered(address));
    }
    expect(sim.responder.readouts.some((r) => r.outcome === 'halfLine')).toBe(true);
  });
});

// The gateway's real path: serial readings go through Ingest (validation, durable pipeline, latest state) and
// appear in the API beside the MQTT meters; a command routed to the serial meter comes back as an ack.
describe.skipIf(!HAVE_SOCAT)('serial meters beside MQTT meters in the running stack', () => {
  const serialId = meterNumber(901, 4);
  let stack: TestStack;
  let sim: RunningSerialMeterSim;
  let serial: RunningSerialChannels;

  beforeAll(async () => {
    stack = await startTestStack({ SIM_METERS: '2', SIM_INTERVAL: '0.5' });
    await createMeter(stack.db, { id: serialId, service: 'electricity', transport: 'serial' });
    const meter = new SimMeter({ id: serialId, service: 'electricity', profile: { demandAt: () => 1800 }, credit: 40_000 });
    sim = await startSerialMeterSim({ meters: [{ id: serialId, address: serialId, model: meter }] });
    serial = startSerialChannels([{ ...sim.channelConfig({ pollIntervalMs: 200, timeoutMs: 500 }), reconnectMinMs: 50 }], { ingest: stack.ingest!, logger: silentLogger });
  }, 60_000);

  afterAll(async () => {
    await serial?.stop();
    await sim?.stop();
    await stack?.stop();
  });

  it('serial readings reach the store and the API next to MQTT meters', async () => {
    const token = await stack.adminToken();
    const meters = await eventually(async () => {
      const r = await stack.api('/api/v1/meters', { token });
      const ms = r.body.meters as { id: string; latestReading?: { seq: number } | null }[];
      return ms.length === 3 && ms.every((m) => m.latestReading && m.latestReading.seq >= 2) ? ms : null;
    });
    const mine = meters.find((m) => m.id === serialId)!;
    expect(mine.latestReading!.seq).toBeGreaterThanOrEqual(2);
    const one = await stack.api(`/api/v1/meters/${serialId}`, { token });
    expect(one.status).toBe(200);
    expect(one.body.latestReading.seq).toBeGreaterThanOrEqual(2);
    const routed = routeCommands(serial.commands, stack.transport);
    const acks: string[] = [];
    stack.ingest!.listen({ onAck: (id, ack) => { if (id === serialId) acks.push(`${ack.ref}:${ack.status}:${ack.result}`); } });
    await routed.send(serialId, { v: 1, ref: 'stack-cut', type: 'relay', action: 'disconnect' });
    await eventually(() => acks.includes('stack-cut:ok:open'));
  });
});

// `raseed edge` end to end over real pseudo-terminal pairs (socat): 16 serial meters on 4 buses, read by the edge
// agent, spooled on disk and forwarded to the head end's broker as edge:<id>. The link to the head end is cut while
// the meters go on being read, then restored: every reading the meters sent arrives once, in order (counted by each
// meter's sequence numbers against what the simulated meters put on the wire). A top-up token issued at the head
// end reaches a serial meter through the edge, and its ack comes back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../platform/index.ts';
import { EdgeAgent } from '../edge/index.ts';
import { createFirmwareModule } from '../modules/firmware/index.ts';
import { TOKEN_COMMAND } from '../modules/prepaid/index.ts';
import { createMeter } from '../modules/registry/index.ts';
import { SimMeter, meterNumber, socatAvailable, startSerialMeterSim, type RunningSerialMeterSim } from '../meter-sim/index.ts';
import { sts } from '../protocols/index.ts';
import type { RaseedModule } from '../app/index.ts';
import { eventually, startTestStack, type TestStack } from './support/stack.ts';

const HAVE_SOCAT = socatAvailable();
if (!HAVE_SOCAT) console.warn('\n\n*** SKIPPED test/edge-pty.test.ts: socat is not installed (apt-get install -y socat); CI installs it ***\n\n');

const BUSES = 4, PER_BUS = 4;
const tokens: RaseedModule = { name: 'tokens', commandKinds: [TOKEN_COMMAND], async start() { return {}; } };

describe.skipIf(!HAVE_SOCAT)('raseed edge with 16 serial meters on pty pairs', () => {
  let s: TestStack;
  let agent: EdgeAgent;
  const sims: RunningSerialMeterSim[] = [];
  const ids: string[] = [];
  const arrivals = new Map<string, number[]>();
  const spoolDir = mkdtempSync(join(tmpdir(), 'raseed-edge-'));
  const store = new sts.SoftwareKeyStore();
  store.addVendingKey('vk', 'abababababababab', '02');
  const first = meterNumber(1001, 4);
  const keyRef = { ...sts.makeDecoderKeyParams({ dkga: '02', ea: 'STA', meter: first, keyType: 2, sgc: '123456', ti: 1, krn: 1, baseDate: 2014 }), vendingKeyId: 'vk' };
  let meterA: SimMeter;

  beforeAll(async () => {
    s = await startTestStack({ SIM_METERS: '0' }, { modules: [tokens, createFirmwareModule()] });
    s.ingest!.listen({ onReading: (id, r) => arrivals.get(id)?.push(r.seq) });
    const decoder = new sts.MeterTokenDecoder({ ea: 'STA', decoderKey: await store.exportDecoderKey(keyRef), keyType: 2, baseDate: 2014 }, { service: 'electricity' });
    for (let b = 0; b < BUSES; b++) {
      const meters = [];
      for (let i = 0; i < PER_BUS; i++) {
        const id = meterNumber(1001 + b * PER_BUS + i, 4);
        ids.push(id);
        arrivals.set(id, []);
        await createMeter(s.db, { id, service: 'electricity', transport: 'serial' });
        const model = new SimMeter({ id, service: 'electricity', profile: { demandAt: () => 3600 }, credit: 2_000, ...(id === first ? { decoder } : {}) });
        if (id === first) meterA = model;
        meters.push({ id, address: id, model, ...(id === first ? { password: '00000000' } : {}) });
      }
      sims.push(await startSerialMeterSim({ meters }));
    }
    const admin = await s.adminToken();
    const edge = await s.api('/api/v1/edges', { method: 'POST', token: admin, json: { id: 'conc-pty', meters: ids, config: { drainPerSecond: 400 } } });
    expect(edge.status).toBe(201);
    const channels = sims.map((sim) => {
      const c = sim.channelConfig({ pollIntervalMs: 250, timeoutMs: 500 });
      return { ...c, meters: c.meters.map((m) => (m.id === first ? { ...m, password: '00000000' } : m)), reconnectMinMs: 50, guardMs: 5 };
    });
    agent = new EdgeAgent({ edgeId: 'conc-pty', password: edge.body.password, mqttUrl: s.mqtt, httpUrl: s.http, spoolDir, channels, logger: silentLogger, fsync: 'always' });
    await agent.start();
  }, 90_000);

  afterAll(async () => {
    await agent?.stop();
    for (const sim of sims) await sim.stop();
    await s?.stop();
    rmSync(spoolDir, { recursive: true, force: true });
  });

  it('forwards every meter, takes its configuration and measures the clock', async () => {
    await eventually(() => ids.every((id) => arrivals.get(id)!.length >= 2), 60_000);
    expect(agent.stats.configVersion).not.toBeNull();
    expect(Math.abs(agent.stats.clockOffsetMs!)).toBeLessThan(1000);
    await eventually(() => ids.every((id) => s.online.has(id)), 20_000);
  }, 90_000);

  it('a top-up token issued at the head end reaches a serial meter through the edge, with its ack', async () => {
    const vended = await sts.vendCreditToken(store, keyRef, { units: '10', issuedAt: new Date() });
    const before = meterA.state.credit;
    const cmd = await s.commands.issue(first, { type: 'token', token: vended.token }, { issuer: 'test' });
    const done = await eventually(async () => {
      const r = await s.commands.get(cmd.reference);
      return r && r.status !== 'pending' && r.status !== 'sent' ? r : null;
    }, 30_000);
    expect(done).toMatchObject({ status: 'acknowledged', result: 'accept' });
    expect(meterA.state.credit).toBeGreaterThan(before + 9_000);
  }, 60_000);

  it('cut off from the head end, it keeps reading; reconnected, every reading arrives once and in order', async () => {
    agent.setLinkUp(false);
    await eventually(() => !agent.stats.connected, 10_000);
    const atCut = agent.stats.spooledRecords;
    const arrived = () => [...arrivals.values()].reduce((a, x) => a + x.length, 0);
    const arrivedAtCut = arrived();
    // Keep reading into the spool while offline: several polls of every meter.
    await eventually(() => agent.stats.spooledRecords >= atCut + ids.length * 4, 60_000, 50);
    expect(arrived() - arrivedAtCut, 'nothing reaches the head end while the link is down').toBe(0);
    expect(agent.stats.depthRecords + (agent.stats.spooledRecords - atCut)).toBeGreaterThan(0);
    agent.setLinkUp(true);
    await eventually(() => agent.stats.connected, 20_000);
    // Let the buses go quiet before the agent stops reading, so that no readout is cut in transit on the wire.
    for (const sim of sims) sim.responder.hold = true;
    for (const sim of sims) await sim.responder.idle();
    await new Promise((r) => setTimeout(r, 600));
    await agent.stopSerial();
    const drained = await agent.drained(60_000);
    expect(drained, JSON.stringify(agent.stats)).toBe(true);
    await s.pipeline!.flush();
    for (let b = 0; b < BUSES; b++) {
      for (const id of ids.slice(b * PER_BUS, (b + 1) * PER_BUS)) {
        const sent = sims[b]!.responder.delivered(id);
        // QoS 1 across a cut link may bring a reading twice to the broker; the head end keeps it once, and order holds.
        const got = arrivals.get(id)!.filter((seq, i, a) => a.indexOf(seq) === i);
        expect(got, `arrivals of ${id}`).toEqual(sent);
        const stored = await s.db.query<{ seq: string }>('SELECT seq FROM readings WHERE meter_id = $1 ORDER BY ts_ms', [id]);
        expect(stored.rows.map((r) => Number(r.seq)), `stored readings of ${id}`).toEqual(sent);
      }
    }
  }, 180_000);

  it('takes a new remote configuration (poll interval, drain rate) from the head end', async () => {
    const admin = await s.adminToken();
    const before = agent.stats.configVersion!;
    const r = await s.api('/api/v1/edges/conc-pty/config', { method: 'PUT', token: admin, json: { pollIntervalMs: 120_000, drainPerSecond: 50 } });
    expect(r.status).toBe(200);
    await agent.pollConfig();
    expect(agent.stats.configVersion).toBeGreaterThan(before);
    expect(agent.settings().drainPerSecond).toBe(50);
    expect(agent.settings().channels.every((c) => c.pollIntervalMs === 120_000)).toBe(true);
    const bad = await s.api('/api/v1/edges/conc-pty/config', { method: 'PUT', token: admin, json: { pollIntervalMs: 5 } });
    expect(bad.status).toBe(400);
  });
});

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
import { socatAvailable } from '../meter-sim/index.ts';
import { eventually, type TestStack } from './support/stack.ts';
import { startEdgeRig, type EdgeRig } from './support/edge-rig.ts';

const HAVE_SOCAT = socatAvailable();
if (!HAVE_SOCAT) console.warn('\n\n*** SKIPPED test/edge-pty.test.ts: socat is not installed (apt-get install -y socat); CI installs it ***\n\n');

describe.skipIf(!HAVE_SOCAT)('raseed edge with 16 serial meters on pty pairs', () => {
  let rig: EdgeRig;
  let s: TestStack;
  let agent: EdgeAgent;
  let sims: EdgeRig['sims'], ids: string[], arrivals: EdgeRig['arrivals'], first: string, meterA: EdgeRig['meterA'];
  const spoolDir = mkdtempSync(join(tmpdir(), 'raseed-edge-'));

  beforeAll(async () => {
    rig = await startEdgeRig({ edgeId: 'conc-pty', firstNumber: 1001, edgeConfig: { drainPerSecond: 400 } });
    ({ s, sims, ids, arrivals, first, meterA } = rig);
    const channels = rig.channels({ pollIntervalMs: 250, timeoutMs: 500, reconnectMinMs: 50, guardMs: 5 });
    agent = new EdgeAgent({ edgeId: rig.edgeId, password: rig.edgePassword, mqttUrl: s.mqtt, httpUrl: s.http, spoolDir, channels, logger: silentLogger, fsync: 'always' });
    await agent.start();
  }, 90_000);

  afterAll(async () => {
    await agent?.stop();
    await rig?.stop();
    rmSync(spoolDir, { recursive: true, force: true });
  });

  it('forwards every meter, takes its configuration and measures the clock', async () => {
    await eventually(() => ids.every((id) => arrivals.get(id)!.length >= 2), 60_000);
    expect(agent.stats.configVersion).not.toBeNull();
    expect(Math.abs(agent.stats.clockOffsetMs!)).toBeLessThan(1000);
    await eventually(() => ids.every((id) => s.online.has(id)), 20_000);
  }, 90_000);

  it('a top-up token issued at the head end reaches a serial meter through the edge, with its ack', async () => {
    const token = await rig.vend('10');
    const before = meterA.state.credit;
    const cmd = await s.commands.issue(first, { type: 'token', token }, { issuer: 'test' });
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
    for (const m of await rig.readings()) {
      expect(m.arrived, `arrivals of ${m.id}`).toEqual(m.sent);
      expect(m.stored, `stored readings of ${m.id}`).toEqual(m.sent);
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

// The head end and the serial meters the `raseed edge` tests stand on (test/edge-pty.test.ts,
// test/edge-offline-10min.test.ts): a test stack with the token command kind, `buses` socat pty buses of `perBus`
// electricity meters each (registered as serial meters), the first of them with an STS decoder and a programming
// password so a token can reach it, an edge device registered for all of them, and every reading the head end
// ingests recorded per meter (its sequence numbers). The test builds its EdgeAgent from `channels(...)`.
import { createFirmwareModule } from '../../modules/firmware/index.ts';
import { TOKEN_COMMAND } from '../../modules/prepaid/index.ts';
import { createMeter } from '../../modules/registry/index.ts';
import { SimMeter, meterNumber, startSerialMeterSim, type RunningSerialMeterSim } from '../../meter-sim/index.ts';
import { sts } from '../../protocols/index.ts';
import type { RaseedModule } from '../../app/index.ts';
import type { EdgeAgentOptions } from '../../edge/index.ts';
import { startTestStack, type TestStack } from './stack.ts';

const tokens: RaseedModule = { name: 'tokens', commandKinds: [TOKEN_COMMAND], async start() { return {}; } };
const PASSWORD = '00000000';

export interface EdgeRig {
  s: TestStack;
  sims: RunningSerialMeterSim[];
  /** Meter ids, bus by bus (`perBus` each). */
  ids: string[];
  perBus: number;
  /** Sequence numbers of the readings the head end ingested, per meter, in arrival order. */
  arrivals: Map<string, number[]>;
  /** The meter that takes tokens, and its simulated model. */
  first: string;
  meterA: SimMeter;
  /** Vends credit tokens for `first`. */
  vend(units: string): Promise<string>;
  /** The edge device's id and MQTT password. */
  edgeId: string;
  edgePassword: string;
  /** The serial channels an EdgeAgent reads: one per bus. */
  channels(o: { pollIntervalMs: number; timeoutMs: number; reconnectMinMs: number; guardMs?: number }): EdgeAgentOptions['channels'];
  /**
   * Per meter: the readouts the simulated meter put on the wire whole (`sent`), the readings the head end ingested with
   * repeats dropped (`arrived`: QoS 1 across a cut link may bring one twice to the broker) and those stored, by time.
   */
  readings(): Promise<{ id: string; sent: number[]; arrived: number[]; stored: number[] }[]>;
  stop(): Promise<void>;
}

export async function startEdgeRig(o: { edgeId: string; firstNumber: number; buses?: number; perBus?: number; edgeConfig?: Record<string, unknown> }): Promise<EdgeRig> {
  const buses = o.buses ?? 4, perBus = o.perBus ?? 4;
  const store = new sts.SoftwareKeyStore();
  store.addVendingKey('vk', 'abababababababab', '02');
  const first = meterNumber(o.firstNumber, 4);
  const keyRef = { ...sts.makeDecoderKeyParams({ dkga: '02', ea: 'STA', meter: first, keyType: 2, sgc: '123456', ti: 1, krn: 1, baseDate: 2014 }), vendingKeyId: 'vk' };
  const s = await startTestStack({ SIM_METERS: '0' }, { modules: [tokens, createFirmwareModule()] });
  const arrivals = new Map<string, number[]>();
  s.ingest!.listen({ onReading: (id, r) => arrivals.get(id)?.push(r.seq) });
  const decoder = new sts.MeterTokenDecoder({ ea: 'STA', decoderKey: await store.exportDecoderKey(keyRef), keyType: 2, baseDate: 2014 }, { service: 'electricity' });
  const ids: string[] = [];
  const sims: RunningSerialMeterSim[] = [];
  let meterA: SimMeter | undefined;
  for (let b = 0; b < buses; b++) {
    const meters = [];
    for (let i = 0; i < perBus; i++) {
      const id = meterNumber(o.firstNumber + b * perBus + i, 4);
      ids.push(id);
      arrivals.set(id, []);
      await createMeter(s.db, { id, service: 'electricity', transport: 'serial' });
      const model = new SimMeter({ id, service: 'electricity', profile: { demandAt: () => 3600 }, credit: 2_000, ...(id === first ? { decoder } : {}) });
      if (id === first) meterA = model;
      meters.push({ id, address: id, model, ...(id === first ? { password: PASSWORD } : {}) });
    }
    sims.push(await startSerialMeterSim({ meters }));
  }
  const admin = await s.adminToken();
  const edge = await s.api('/api/v1/edges', { method: 'POST', token: admin, json: { id: o.edgeId, meters: ids, ...(o.edgeConfig ? { config: o.edgeConfig } : {}) } });
  if (edge.status !== 201) throw new Error(`registering edge ${o.edgeId}: ${edge.status} ${JSON.stringify(edge.body)}`);
  return {
    s, sims, ids, perBus, arrivals, first, meterA: meterA!, edgeId: o.edgeId, edgePassword: edge.body.password as string,
    async vend(units) {
      return (await sts.vendCreditToken(store, keyRef, { units, issuedAt: new Date() })).token;
    },
    channels(c) {
      return sims.map((sim) => {
        const cfg = sim.channelConfig({ pollIntervalMs: c.pollIntervalMs, timeoutMs: c.timeoutMs });
        return {
          ...cfg, meters: cfg.meters.map((m) => (m.id === first ? { ...m, password: PASSWORD } : m)), reconnectMinMs: c.reconnectMinMs,
          ...(c.guardMs !== undefined ? { guardMs: c.guardMs } : {}),
        };
      });
    },
    async readings() {
      const out = [];
      for (const [i, id] of ids.entries()) {
        const stored = await s.db.query<{ seq: string }>('SELECT seq FROM readings WHERE meter_id = $1 ORDER BY ts_ms', [id]);
        out.push({
          id, sent: sims[Math.floor(i / perBus)]!.responder.delivered(id), arrived: arrivals.get(id)!.filter((seq, k, a) => a.indexOf(seq) === k),
          stored: stored.rows.map((r) => Number(r.seq)),
        });
      }
      return out;
    },
    async stop() {
      for (const sim of sims) await sim.stop();
      await s.stop();
    },
  };
}

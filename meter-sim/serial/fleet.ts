// A simulated serial bus from fleet-planned meters: what `raseed start` needs to demo serial meters without
// hardware. The meters are the simulator's usual SimMeters (credit, STS tokens, relay), served over a socat pty.
import { createSimMeter, type PlannedMeter } from '../fleet.ts';
import type { SimMeter, TokenDecoderPort } from '../meter.ts';
import { startSerialMeterSim, type RunningSerialMeterSim, type SimChannelConfig } from './sim.ts';

export interface SerialSimFleetOptions {
  decoderFor?: (m: PlannedMeter) => TokenDecoderPort | undefined;
  /** P1 password of every simulated meter (default '00000000'). */
  password?: string;
  dir?: string;
  pollIntervalMs?: number;
  timeoutMs?: number;
}

export interface RunningSerialSimFleet {
  sim: RunningSerialMeterSim;
  meters: SimMeter[];
  /** One SERIAL_CHANNELS entry that reads the bus; pass it to startSerialChannels with the other channels. */
  channel: SimChannelConfig;
  stop(): Promise<void>;
}

/**
 * Serves the electricity meters of `plan` (the Raseed register profile is electricity's; water meters are left
 * out) as one multi-drop bus on a pty pair. Their ids double as bus addresses.
 */
export async function startSerialSimFleet(plan: PlannedMeter[], o: SerialSimFleetOptions = {}): Promise<RunningSerialSimFleet> {
  const password = o.password ?? '00000000';
  const meters = plan.filter((p) => p.service === 'electricity').map((p) => createSimMeter(p, o.decoderFor?.(p)));
  const sim = await startSerialMeterSim({
    meters: meters.map((m) => ({ id: m.id, address: m.id, model: m, password, serialNumber: m.id })),
    ...(o.dir ? { dir: o.dir } : {}),
  });
  return {
    sim,
    meters,
    channel: sim.channelConfig({ pollIntervalMs: o.pollIntervalMs ?? 10_000, timeoutMs: o.timeoutMs ?? 1_000 }),
    stop: () => sim.stop(),
  };
}

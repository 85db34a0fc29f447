// Fleets of simulated meters: a deterministic plan (who is where, which service, who is protected)
// and a runner that connects them to a broker through a sliding window of connections in flight (the broker's
// accept rate sets the pace) and drives every meter's readings from one timer wheel (ReadingWheel).
import { createHmac } from 'node:crypto';
import type { ServiceType } from '../protocols/index.ts';
import { luhnCheckDigit } from '../protocols/index.ts';
import { SimMeter, type TokenDecoderPort } from './meter.ts';
import { MqttMeter } from './mqtt-meter.ts';
import type { SimBootloader } from './firmware.ts';
import { residentialElectricity, residentialWater, seededRandom } from './load-profile.ts';

export const AREAS = ['Muscat', 'Seeb', 'Bawshar', 'Muttrah', 'Amerat', 'Qurayyat'] as const;

export interface PlannedMeter {
  id: string;
  service: ServiceType;
  area: string;
  /** Protected subscriber category (medical, elderly, determination, social_welfare) or null. */
  protectedCategory: string | null;
  /** Starting credit in register units (Wh or L). */
  credit: number;
  relayNeedsButton: boolean;
  subscriberName: string;
  subscriberNameAr: string;
}

const NAMES: [string, string][] = [
  ['Ahmed Al-Balushi', 'أحمد البلوشي'], ['Fatma Al-Hinai', 'فاطمة الهنائية'], ['Salim Al-Harthy', 'سالم الحارثي'],
  ['Maryam Al-Lawati', 'مريم اللواتية'], ['Khalid Al-Rawahi', 'خالد الرواحي'], ['Aisha Al-Busaidi', 'عائشة البوسعيدية'],
  ['Said Al-Maamari', 'سعيد المعمري'], ['Huda Al-Kindi', 'هدى الكندية'], ['Yousuf Al-Siyabi', 'يوسف السيابي'],
  ['Zainab Al-Farsi', 'زينب الفارسية'], ['Hamad Al-Amri', 'حمد العامري'], ['Noor Al-Shukaili', 'نور الشكيلية'],
];
const PROTECTED = ['medical', 'elderly', 'determination', 'social_welfare'];

/** An 11-digit STS meter number: 10 digits and a Luhn check digit. */
export function meterNumber(serial: number, prefix = 4): string {
  const body = `${prefix}${String(serial).padStart(9, '0')}`;
  return body + String(luhnCheckDigit(body));
}

/** A realistic mix: about 80 % electricity, 20 % water, 1 in 20 subscribers protected, a few low on credit. */
export function planFleet(n: number, seed = 1): PlannedMeter[] {
  const rnd = seededRandom(seed);
  const out: PlannedMeter[] = [];
  for (let i = 0; i < n; i++) {
    const service: ServiceType = i % 5 === 4 ? 'water' : 'electricity';
    const [name, nameAr] = NAMES[i % NAMES.length]!;
    const low = i % 7 === 3;
    out.push({
      id: meterNumber(i + 1, service === 'water' ? 7 : 4),
      service,
      area: AREAS[Math.floor(rnd() * AREAS.length)]!,
      protectedCategory: i % 20 === 7 ? PROTECTED[Math.floor(i / 20) % PROTECTED.length]! : null,
      // Electricity in Wh (5-80 kWh), water in litres (2-20 m³); some meters start nearly empty.
      credit: service === 'electricity' ? (low ? 300 : 5_000 + Math.floor(rnd() * 75_000)) : (low ? 50 : 2_000 + Math.floor(rnd() * 18_000)),
      relayNeedsButton: i % 10 === 5,
      subscriberName: name,
      subscriberNameAr: nameAr,
    });
  }
  return out;
}

/** Simulated meters' MQTT passwords derive from a fleet secret kept in the data directory (demo only: real meters are provisioned at the factory). */
export function simPassword(fleetSecret: string, meterId: string): string {
  return createHmac('sha256', fleetSecret).update(meterId).digest('base64url').slice(0, 24);
}

export interface FleetOptions {
  brokerUrl: string;
  fleetSecret: string;
  intervalMs: number;
  decoderFor?: (m: PlannedMeter) => TokenDecoderPort | undefined;
  /** A meter's firmware bootloader (over-the-air updates); none: firmware commands are refused as unknown. */
  bootloaderFor?: (m: PlannedMeter) => SimBootloader | undefined;
  /** Connections being opened at once (a sliding window: the next starts as soon as one is accepted); default 200. */
  wave?: number;
  onProgress?: (connected: number, total: number) => void;
  now?: () => number;
}

export interface RunningFleet {
  meters: MqttMeter[];
  byId: Map<string, MqttMeter>;
  stop(): Promise<void>;
}

/**
 * One timer for a whole fleet's readings: the interval is cut into slots of about a second and each meter is
 * placed in one slot (spread evenly by its place in the plan); each tick publishes the meters of one slot. So
 * 10,000 meters cost one interval timer, not 10,000, and their readings are spread over the interval.
 */
export class ReadingWheel {
  private readonly slots: MqttMeter[][];
  private readonly tickMs: number;
  private next = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(readonly intervalMs: number, maxTickMs = 1000) {
    const n = Math.max(1, Math.round(intervalMs / maxTickMs));
    this.tickMs = intervalMs / n;
    this.slots = Array.from({ length: n }, () => []);
  }

  get slotCount(): number {
    return this.slots.length;
  }

  /** Places a meter at a fraction [0, 1) of the interval. */
  add(meter: MqttMeter, at: number): void {
    const i = Math.min(this.slots.length - 1, Math.max(0, Math.floor(at * this.slots.length)));
    this.slots[i]!.push(meter);
  }

  remove(meter: MqttMeter): void {
    for (const s of this.slots) {
      const i = s.indexOf(meter);
      if (i >= 0) s.splice(i, 1);
    }
  }

  /** Publishes the meters of the next slot (what the timer does each tick). */
  tick(): number {
    const slot = this.slots[this.next]!;
    this.next = (this.next + 1) % this.slots.length;
    for (const m of slot) m.publishReading();
    return slot.length;
  }

  start(): void {
    if (!this.timer) this.timer = setInterval(() => this.tick(), this.tickMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}

/**
 * Connects a planned fleet: a sliding window of `wave` connections in flight, each next one started as soon as an
 * earlier one is accepted, so the broker's accept rate (its authentication, its limits) sets the pace, not the
 * simulator. A meter the broker does not accept within its connect timeout keeps retrying (MQTT.js reconnects) and
 * keeps its place in the window until it gets in: never more than `wave` meters are logging in at once, so a slow
 * broker sees a bounded queue instead of a growing crowd of retries. Readings go through one ReadingWheel.
 */
/** How long a stopping fleet waits for its meters' graceful goodbyes before cutting the rest off. */
const STOP_GRACE_MS = 5000;

export async function startFleet(plan: PlannedMeter[], o: FleetOptions): Promise<RunningFleet> {
  const window = Math.max(1, o.wave ?? 200);
  const wheel = new ReadingWheel(o.intervalMs);
  const meters: MqttMeter[] = new Array(plan.length);
  let connected = 0;
  o.onProgress?.(0, plan.length);
  wheel.start();
  let next = 0;
  const worker = async () => {
    while (next < plan.length) {
      const i = next++;
      const p = plan[i]!;
      const sim = createSimMeter(p, o.decoderFor?.(p), o.now ? o.now() : Date.now());
      const bootloader = o.bootloaderFor?.(p);
      const m = new MqttMeter(sim, { ...(bootloader ? { bootloader } : {}), brokerUrl: o.brokerUrl, password: simPassword(o.fleetSecret, p.id), intervalMs: 0, now: o.now });
      meters[i] = m;
      // On the wheel once connected; spread over the interval by its place in the plan, so the fleet does not
      // publish in one burst.
      const join = () => wheel.add(m, i / plan.length);
      try {
        await m.start();
      } catch (err) {
        // Refused by the broker (bad credentials, not authorised, unavailable): MQTT.js gives up, and so does the fleet.
        if (m.refused) throw new Error(`meter ${p.id}: ${m.refused.message}`, { cause: err });
        // Not accepted within its connect timeout: its client keeps retrying, and this place in the window stays
        // taken until it gets in — otherwise every slow meter would add one more retrying client, and a loaded
        // broker would spend itself on logins the clients have already given up on.
        await new Promise<void>((resolve, reject) => {
          const c = m.client;
          if (!c || c.connected) return resolve();
          c.once('connect', () => resolve());
          c.once('end', () => resolve());
          c.on('error', () => { if (m.refused) reject(new Error(`meter ${p.id}: ${m.refused.message}`)); });
        });
      }
      if (!m.client) continue; // stopped meanwhile
      join();
      connected++;
      if (connected % 100 === 0 || connected === plan.length) o.onProgress?.(connected, plan.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(window, plan.length) }, worker));
  return {
    meters,
    byId: new Map(meters.map((m) => [m.meter.id, m])),
    async stop() {
      wheel.stop();
      // Each meter says goodbye (offline status, DISCONNECT); a large fleet on a busy broker gets STOP_GRACE_MS for
      // that, then the rest are cut off like meters losing power (the broker publishes their last wills).
      const clients = meters.map((m) => m?.client);
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.all(meters.map((m) => m?.stop())),
        new Promise((r) => (timer = setTimeout(r, STOP_GRACE_MS))),
      ]);
      clearTimeout(timer);
      for (const c of clients) if (c && !c.disconnected) c.end(true);
    },
  };
}

export function createSimMeter(p: PlannedMeter, decoder?: TokenDecoderPort, now = Date.now()): SimMeter {
  const seed = Number(p.id.slice(-6));
  return new SimMeter({
    id: p.id,
    service: p.service,
    profile: p.service === 'electricity' ? residentialElectricity(seed) : residentialWater(seed),
    credit: p.credit,
    decoder,
    relayNeedsButton: p.relayNeedsButton,
    lowCreditThreshold: p.service === 'electricity' ? 2_000 : 500,
    emergencyCredit: p.service === 'electricity' ? 5_000 : 1_000,
    now,
  });
}

// Fleets of simulated meters: a deterministic plan (who is where, which service, who is protected)
// and a runner that connects them to a broker in waves, so thousands can start without a storm.
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
  /** Meters connecting at once. */
  wave?: number;
  onProgress?: (connected: number, total: number) => void;
  now?: () => number;
}

export interface RunningFleet {
  meters: MqttMeter[];
  byId: Map<string, MqttMeter>;
  stop(): Promise<void>;
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

export async function startFleet(plan: PlannedMeter[], o: FleetOptions): Promise<RunningFleet> {
  const meters: MqttMeter[] = [];
  const wave = o.wave ?? 100;
  for (let i = 0; i < plan.length; i += wave) {
    const batch = plan.slice(i, i + wave).map((p, j) => {
      const sim = createSimMeter(p, o.decoderFor?.(p), o.now ? o.now() : Date.now());
      const bootloader = o.bootloaderFor?.(p);
      return new MqttMeter(sim, {
        ...(bootloader ? { bootloader } : {}),
        brokerUrl: o.brokerUrl,
        password: simPassword(o.fleetSecret, p.id),
        intervalMs: o.intervalMs,
        now: o.now,
        // Spread readings over the interval so the fleet does not publish in one burst.
        startDelayMs: Math.floor(((i + j) / Math.max(1, plan.length)) * o.intervalMs),
      });
    });
    await Promise.all(batch.map((m) => m.start()));
    meters.push(...batch);
    o.onProgress?.(meters.length, plan.length);
  }
  return {
    meters,
    byId: new Map(meters.map((m) => [m.meter.id, m])),
    async stop() {
      await Promise.all(meters.map((m) => m.stop()));
    },
  };
}

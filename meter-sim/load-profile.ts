// Load profiles: what a household draws over a day. Deterministic per meter (seeded), so runs repeat.

/** mulberry32: a small, fast, seedable PRNG. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function seedFromId(id: string): number {
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
  return h >>> 0;
}

export interface LoadProfile {
  /** Instantaneous demand at a moment: watts (electricity) or litres per hour (water). */
  demandAt(epochMs: number): number;
}

/** Gulf household electricity: a base load, air conditioning peaking in the afternoon, an evening peak, noise. */
export function residentialElectricity(seed: number, scale = 1): LoadProfile {
  const rnd = seededRandom(seed);
  const base = 250 + rnd() * 300;
  const ac = 1500 + rnd() * 2500;
  const evening = 400 + rnd() * 800;
  return {
    demandAt(t) {
      const hour = ((t / 3_600_000) + 4) % 24; // Gulf local time ≈ UTC+4 for the shape of the day
      const acShare = Math.max(0, Math.sin(((hour - 8) / 14) * Math.PI));
      const eveningShare = Math.exp(-((hour - 20) ** 2) / 4);
      const noise = 0.85 + rnd() * 0.3;
      return Math.round((base + ac * acShare + evening * eveningShare) * noise * scale);
    },
  };
}

/** Household water: small background use, morning and evening peaks, litres per hour. */
export function residentialWater(seed: number, scale = 1): LoadProfile {
  const rnd = seededRandom(seed);
  const peak = 60 + rnd() * 80;
  return {
    demandAt(t) {
      const hour = ((t / 3_600_000) + 4) % 24;
      const shape = 0.1 + Math.exp(-((hour - 7) ** 2) / 2) + 0.8 * Math.exp(-((hour - 19) ** 2) / 3);
      return Math.round(peak * shape * (0.7 + rnd() * 0.6) * scale);
    },
  };
}

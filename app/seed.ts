// First-run provisioning: the first operator, the gateway's MQTT account, and the simulated fleet's
// meters and subscribers in the registry. Idempotent: a second start changes nothing.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createMeter, createSubscriber, createUser, findUserByName } from '../modules/registry/index.ts';
import { hashMachineSecret, isUniqueViolation, randomPassword, verifyPassword, type Db } from '../platform/index.ts';
import { simPassword, type PlannedMeter } from '../meter-sim/index.ts';

export interface AdminCredentials {
  username: string;
  /** Shown once, when it was generated now; null when it already existed or came from RASEED_ADMIN_PASSWORD. */
  generatedPassword: string | null;
  fromEnv: boolean;
}

/**
 * Creates the first operator unless one exists. Race-safe: two processes starting together on a fresh database
 * both try; the loser's INSERT meets the unique username and it answers as if the admin had existed.
 */
export async function ensureAdmin(db: Db, envPassword?: string): Promise<AdminCredentials> {
  const existing = await findUserByName(db, 'admin');
  if (existing) return { username: 'admin', generatedPassword: null, fromEnv: false };
  const password = envPassword ?? randomPassword(12);
  try {
    await createUser(db, { username: 'admin', password, role: 'admin', displayName: 'Administrator' });
  } catch (err) {
    if (isUniqueViolation(err) && (await findUserByName(db, 'admin'))) {
      return { username: 'admin', generatedPassword: null, fromEnv: Boolean(envPassword) };
    }
    throw err;
  }
  return { username: 'admin', generatedPassword: envPassword ? null : password, fromEnv: Boolean(envPassword) };
}

/** A process whose copy of a shared secret differs from the one the other processes on this database use. */
export class SharedSecretMismatchError extends Error {
  override name = 'SharedSecretMismatchError';
  constructor(readonly setting: string, hint: string) {
    super(`${setting} differs from the one the other Raseed processes on this database use; ${hint}`);
  }
}

/**
 * Checks a secret that every process on one database must share against its fingerprint in the store (salted
 * SHA-256; the value itself is never stored). The first process records it; a later one with a different value
 * throws SharedSecretMismatchError naming the setting. Secrets are random (128+ bits), so the fingerprint
 * cannot be searched.
 */
export async function checkSharedSecret(db: Db, setting: string, value: string, hint: string): Promise<'recorded' | 'matched'> {
  const row = async () => (await db.query<{ fingerprint: string }>('SELECT fingerprint FROM shared_secret_fingerprints WHERE name = $1', [setting])).rows[0];
  let r = await row();
  if (!r) {
    const ins = await db.query('INSERT INTO shared_secret_fingerprints (name, fingerprint, set_at) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING RETURNING 1', [setting, hashMachineSecret(value), Date.now()]);
    if (ins.rows.length) return 'recorded';
    r = await row();
  }
  if (!(await verifyPassword(value, r!.fingerprint))) throw new SharedSecretMismatchError(setting, hint);
  return 'matched';
}

/** A secret kept in the data directory (or only in memory when there is none). */
export function dataSecret(dataDir: string | undefined, name: string): string {
  if (!dataDir) return randomBytes(32).toString('base64url');
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, name);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const s = randomBytes(32).toString('base64url');
  writeFileSync(file, s + '\n', { mode: 0o600 });
  return s;
}

export interface SeededFleet {
  created: number;
  demoSubscriber: { username: string; password: string } | null;
}

/** Meters registered per transaction: one commit (one fsync) per batch instead of one per meter. */
const SEED_BATCH = 250;

/** Registers planned simulated meters (and their subscribers) that are not in the registry yet, in batches. */
export async function seedFleet(db: Db, plan: PlannedMeter[], fleetSecret: string, onProgress?: (done: number, total: number) => void): Promise<SeededFleet> {
  const have = new Set((await db.query<{ id: string }>('SELECT id FROM meters')).rows.map((r) => r.id));
  let created = 0;
  for (let start = 0; start < plan.length; start += SEED_BATCH) {
    const end = Math.min(plan.length, start + SEED_BATCH);
    if (plan.slice(start, end).every((p) => have.has(p.id))) continue;
    created += await db.transaction(async (tx) => {
      let n = 0;
      for (let i = start; i < end; i++) {
        const p = plan[i]!;
        if (have.has(p.id)) continue;
        // The first few subscribers can log in to the portal (demo accounts).
        let userId: number | null = null;
        if (i < 5) {
          const u = await createUser(tx, { username: `subscriber${i + 1}`, password: simPassword(fleetSecret, `user:subscriber${i + 1}`), role: 'subscriber', displayName: p.subscriberName, locale: i % 2 ? 'en' : 'ar' });
          userId = u.id;
        }
        // Through the registry's own writer (search columns included): Arabic and English names, an Omani mobile number.
        const phone = `+968 9${String(1000 + i).padStart(3, '0').slice(-3)} ${String(4000 + i).padStart(4, '0').slice(-4)}`;
        const subscriberId = await createSubscriber(tx, {
          accountNo: `ACC-${p.id}`, name: p.subscriberName, nameAr: p.subscriberNameAr, userId, protectedCategory: p.protectedCategory,
          ...(p.protectedCategory ? { protectedEvidence: 'demo fleet' } : {}), phone, language: i % 2 ? 'en' : 'ar',
        });
        await createMeter(tx, {
          id: p.id, service: p.service, subscriberId, area: p.area, transport: 'mqtt', status: 'active', model: p.service === 'water' ? 'SimWater 1' : 'SimMeter 1',
          mqttPasswordHash: hashMachineSecret(simPassword(fleetSecret, p.id)), relayNeedsButton: p.relayNeedsButton,
        });
        n++;
      }
      return n;
    });
    onProgress?.(end, plan.length);
  }
  const demo = plan.length > 0 ? { username: 'subscriber1', password: simPassword(fleetSecret, 'user:subscriber1') } : null;
  return { created, demoSubscriber: demo };
}

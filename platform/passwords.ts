// Password and secret hashing with scrypt (Node's own), in a self-describing format:
// scrypt$N$r$p$salt$hash (base64url). Verification is constant-time.
import { randomBytes, scrypt as scryptCb, timingSafeEqual, createHash } from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(scryptCb) as (pw: string, salt: Buffer, len: number, opts: { N: number; r: number; p: number; maxmem: number }) => Promise<Buffer>;

// N=2^14 keeps a meter's MQTT login around 20-40 ms on our machines; thousands of meters reconnecting is bounded by the broker's connect rate.
const N = 16384, R = 8, P = 1, LEN = 32;

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scrypt(password, salt, LEN, { N, r: R, p: P, maxmem: 64 * 1024 * 1024 });
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

/**
 * Machine credentials (a meter's MQTT password) are random secrets of 128+ bits, which no dictionary
 * attack can reach, so a salted SHA-256 is enough and lets thousands of meters log in per second.
 * Human passwords always go through hashPassword (scrypt).
 */
export function hashMachineSecret(secret: string): string {
  const salt = randomBytes(16).toString('base64url');
  return `sha256$${salt}$${createHash('sha256').update(salt).update(secret).digest('base64url')}`;
}

export async function verifyPassword(password: string, stored: string | null | undefined): Promise<boolean> {
  if (!stored) return false;
  if (stored.startsWith('sha256$')) {
    const [, salt, hash] = stored.split('$') as [string, string, string];
    const got = createHash('sha256').update(salt).update(password).digest();
    const expected = Buffer.from(hash, 'base64url');
    return got.length === expected.length && timingSafeEqual(got, expected);
  }
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, n, r, p, saltB64, hashB64] = parts as [string, string, string, string, string, string];
  const expected = Buffer.from(hashB64, 'base64url');
  const got = await scrypt(password, Buffer.from(saltB64, 'base64url'), expected.length, { N: Number(n), r: Number(r), p: Number(p), maxmem: 64 * 1024 * 1024 });
  return got.length === expected.length && timingSafeEqual(got, expected);
}

/** Session tokens are random; only their SHA-256 is stored, so a database leak does not leak sessions. */
export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function randomPassword(bytes = 12): string {
  return randomBytes(bytes).toString('base64url');
}

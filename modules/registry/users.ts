// People who log in (operators and subscribers) and their bearer sessions.
import type { Queryable } from '../../platform/index.ts';
import type { Role } from '../../dashboard-api/index.ts';
import { normaliseName, normalisePhone } from './normalise.ts';
import { hashPassword, newSessionToken, sha256, verifyPassword } from '../../platform/index.ts';

export type { Role };

export interface User {
  id: number;
  username: string;
  role: Role;
  displayName: string | null;
  locale: string;
  subscriberId: number | null;
  /** Areas an operator may see and act on; empty: every area. */
  areas: string[];
}

type Row = Record<string, unknown>;
const toUser = (r: Row): User => ({
  id: Number(r.id),
  username: r.username as string,
  role: r.role as Role,
  displayName: (r.display_name as string) ?? null,
  locale: r.locale as string,
  subscriberId: r.subscriber_id == null ? null : Number(r.subscriber_id),
  areas: (r.areas as string[] | null) ?? [],
});

const SELECT_USER = `SELECT u.*, s.id AS subscriber_id FROM users u LEFT JOIN subscribers s ON s.user_id = u.id`;

export async function createUser(q: Queryable, u: { username: string; password: string; role: Role; displayName?: string; locale?: string; areas?: string[] }): Promise<User> {
  const hash = await hashPassword(u.password);
  const r = await q.query<Row>(
    `INSERT INTO users (username, password_hash, role, display_name, locale, areas) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [u.username, hash, u.role, u.displayName ?? null, u.locale ?? 'en', u.areas ?? []],
  );
  return (await getUser(q, Number(r.rows[0]!.id)))!;
}

export async function getUser(q: Queryable, id: number): Promise<User | null> {
  const r = await q.query<Row>(`${SELECT_USER} WHERE u.id = $1`, [id]);
  return r.rows[0] ? toUser(r.rows[0]) : null;
}

export async function findUserByName(q: Queryable, username: string): Promise<User | null> {
  const r = await q.query<Row>(`${SELECT_USER} WHERE u.username = $1`, [username]);
  return r.rows[0] ? toUser(r.rows[0]) : null;
}

/** Checks a username/password; the same null for an unknown user and a wrong password. */
export async function authenticateUser(q: Queryable, username: string, password: string): Promise<User | null> {
  const r = await q.query<Row>(`${SELECT_USER} WHERE u.username = $1 AND u.disabled_at IS NULL`, [username]);
  const row = r.rows[0];
  // Verify against a dummy hash for unknown users so timing does not reveal which usernames exist.
  const ok = await verifyPassword(password, (row?.password_hash as string) ?? DUMMY_HASH);
  return row && ok ? toUser(row) : null;
}
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

export const SESSION_TTL_MS = 12 * 3600 * 1000;

export async function createSession(q: Queryable, userId: number, now = Date.now()): Promise<{ token: string; expiresAt: Date }> {
  const token = newSessionToken();
  const expiresAt = new Date(now + SESSION_TTL_MS);
  await q.query('INSERT INTO sessions (token_hash, user_id, expires_at) VALUES ($1, $2, $3)', [sha256(token), userId, expiresAt.toISOString()]);
  return { token, expiresAt };
}

export async function userForSession(q: Queryable, token: string, now = Date.now()): Promise<User | null> {
  const r = await q.query<Row>(
    `SELECT u.*, s.id AS subscriber_id FROM sessions x JOIN users u ON u.id = x.user_id LEFT JOIN subscribers s ON s.user_id = u.id
     WHERE x.token_hash = $1 AND x.expires_at > $2 AND u.disabled_at IS NULL`,
    [sha256(token), new Date(now).toISOString()],
  );
  return r.rows[0] ? toUser(r.rows[0]) : null;
}

export interface NewSubscriber {
  accountNo: string;
  name: string;
  nameAr?: string | null;
  phone?: string | null;
  userId?: number | null;
  customerClass?: string;
  protectedCategory?: string | null;
  protectedEvidence?: string | null;
  protectedExpires?: string | null;
  civilId?: string | null;
  email?: string | null;
  language?: 'ar' | 'en';
  citizenTariff?: boolean;
}

/** The stored search form of a subscriber's names (both scripts, normalised, space-joined). */
export const searchNameOf = (name: string, nameAr: string | null | undefined): string => normaliseName(`${nameAr ?? ''} ${name}`);

/** Inserts an account holder (no checks: the subscribers service validates; the demo seed calls this directly). */
export async function createSubscriber(q: Queryable, s: NewSubscriber): Promise<number> {
  const r = await q.query<Row>(
    `INSERT INTO subscribers (account_no, name, name_ar, phone, user_id, customer_class, protected_category, protected_evidence, protected_expires,
                              civil_id, email, language, citizen_tariff, search_name, phone_digits)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id`,
    [s.accountNo, s.name, s.nameAr ?? null, s.phone ?? null, s.userId ?? null, s.customerClass ?? 'residential', s.protectedCategory ?? null,
      s.protectedEvidence ?? null, s.protectedExpires ?? null, s.civilId ?? null, s.email ?? null, s.language ?? 'ar', s.citizenTariff ?? false,
      searchNameOf(s.name, s.nameAr), s.phone ? normalisePhone(s.phone) : null],
  );
  return Number(r.rows[0]!.id);
}

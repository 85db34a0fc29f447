// Account holders (subscribers: one row is one account, several accounts may share a civil ID), their
// household of meters, the operators who sign in, and the one search box that finds any of them. Every
// change is audited.
import { z } from 'zod';
import { DomainError, hashPassword, verifyPassword, type Db, type Logger, type Queryable } from '../../platform/index.ts';
import type { Principal, Role } from '../../dashboard-api/index.ts';
import type { AuditActor, AuditWriter } from '../audit/index.ts';
import { createSubscriber, createUser, getUser, searchNameOf, type User } from './users.ts';
import { listMeters, type MeterWithState } from './meters.ts';
import { normaliseName, normalisePhone, queryDigits } from './normalise.ts';

export const PROTECTED_KINDS = ['medical', 'elderly', 'determination', 'social_welfare'] as const;
/** Oman: the citizen (subsidised residential) tariff applies to at most this many accounts per civil ID. */
export const CITIZEN_ACCOUNTS_PER_CIVIL_ID = 2;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD').refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), 'not a calendar date');
export const ProtectedCategory = z.object({
  kind: z.enum(PROTECTED_KINDS),
  evidence: z.string().trim().min(1).max(200).describe('what was seen: e.g. a Ministry of Health letter number'),
  expires: isoDate.nullable().optional(),
}).strict();

const phone = z.string().trim().max(32).refine((s) => (normalisePhone(s)?.length ?? 0) >= 8, 'a phone number: +968 9123 4567, 0096891234567 or 91234567');
export const SubscriberInput = z.object({
  nameAr: z.string().trim().min(1).max(120),
  nameEn: z.string().trim().min(1).max(120),
  phone: phone.optional(),
  civilId: z.string().trim().regex(/^\d{4,12}$/, 'civil ID: 4 to 12 digits').optional(),
  email: z.email().max(200).optional(),
  language: z.enum(['ar', 'en']).default('ar'),
  accountNumber: z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,31}$/, 'account number: letters, digits and dashes (up to 32)'),
  customerClass: z.string().trim().min(1).max(32).default('residential'),
  citizenTariff: z.boolean().default(false).describe('the citizen tariff: at most two accounts per civil ID'),
  protectedCategory: ProtectedCategory.nullable().default(null),
}).strict();
export type SubscriberInput = z.infer<typeof SubscriberInput>;

export const SubscriberPatch = z.object({
  nameAr: z.string().trim().min(1).max(120).optional(),
  nameEn: z.string().trim().min(1).max(120).optional(),
  phone: phone.nullable().optional(),
  email: z.email().max(200).nullable().optional(),
  language: z.enum(['ar', 'en']).optional(),
  citizenTariff: z.boolean().optional(),
  protectedCategory: ProtectedCategory.nullable().optional(),
}).strict();
export type SubscriberPatch = z.infer<typeof SubscriberPatch>;

export interface SubscriberRecord {
  id: number;
  accountNumber: string;
  nameAr: string | null;
  nameEn: string;
  phone: string | null;
  civilId: string | null;
  email: string | null;
  language: 'ar' | 'en';
  customerClass: string;
  citizenTariff: boolean;
  protectedCategory: { kind: string; evidence: string | null; expires: string | null } | null;
  hasLogin: boolean;
}

type Row = Record<string, unknown>;
const dateOnly = (v: unknown): string | null => (v == null ? null : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));
export const toSubscriber = (r: Row): SubscriberRecord => ({
  id: Number(r.id),
  accountNumber: r.account_no as string,
  nameAr: (r.name_ar as string) ?? null,
  nameEn: r.name as string,
  phone: (r.phone as string) ?? null,
  civilId: (r.civil_id as string) ?? null,
  email: (r.email as string) ?? null,
  language: ((r.language as string) === 'en' ? 'en' : 'ar'),
  customerClass: r.customer_class as string,
  citizenTariff: Boolean(r.citizen_tariff),
  protectedCategory: r.protected_category ? { kind: r.protected_category as string, evidence: (r.protected_evidence as string) ?? null, expires: dateOnly(r.protected_expires) } : null,
  hasLogin: r.user_id != null,
});

export const OPERATOR_ROLE_NAMES = ['admin', 'supervisor', 'operator', 'call_centre', 'cashier', 'field_technician', 'viewer'] as const;
const password = z.string().min(10, 'at least 10 characters').max(256);
export const NewUserInput = z.object({
  username: z.string().trim().regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, 'username: lower-case letters, digits, . _ - (2 to 64)'),
  password,
  role: z.enum(OPERATOR_ROLE_NAMES),
  areas: z.array(z.string().trim().min(1).max(64)).max(100).default([]).describe('areas this operator sees and acts on; empty: every area'),
  displayName: z.string().trim().min(1).max(120).optional(),
  locale: z.enum(['ar', 'en']).default('ar'),
}).strict();
export const UserPatch = z.object({
  role: z.enum(OPERATOR_ROLE_NAMES).optional(),
  areas: z.array(z.string().trim().min(1).max(64)).max(100).optional(),
  displayName: z.string().trim().min(1).max(120).nullable().optional(),
  disabled: z.boolean().optional(),
}).strict();

export interface OperatorRecord extends User {
  disabled: boolean;
}

export interface SearchResult {
  kind: 'meter' | 'subscriber' | 'account';
  id: string;
  label: string;
  labelAr: string | null;
  detail: string | null;
  area: string | null;
  subscriberId: number | null;
}

const notFoundError = (what: string) => new DomainError('not_found', 'not_found', `${what} not found`, { slug: 'not-found', exposeCode: false });

export interface PeopleDeps {
  db: Db;
  audit: AuditWriter;
  logger: Logger;
  invalidate: (meterId: string) => void;
}

export class PeopleService {
  /** Whether a trigram index backs the name search (PostgreSQL with pg_trgm); else a normalised LIKE. */
  trigram = false;
  constructor(private readonly d: PeopleDeps) {}

  /** Uses pg_trgm when the server has it (PGlite and some managed servers do not): GIN trigram index on the normalised names. */
  async prepareSearch(): Promise<void> {
    try {
      const r = await this.d.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_available_extensions WHERE name = 'pg_trgm'`);
      if (!r.rows[0]?.n) return;
      await this.d.db.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
      await this.d.db.query('CREATE INDEX IF NOT EXISTS subscribers_search_trgm ON subscribers USING gin (search_name gin_trgm_ops)');
      this.trigram = true;
    } catch (err) {
      this.d.logger.info({ err: (err as Error).message }, 'pg_trgm not available: name search uses the normalised column without a trigram index');
    }
  }

  /** Fills search columns of rows written before they existed (or by tools that bypassed the registry). */
  async backfillSearch(): Promise<number> {
    let n = 0;
    for (;;) {
      const r = await this.d.db.query<Row>('SELECT id, name, name_ar, phone FROM subscribers WHERE search_name IS NULL LIMIT 1000');
      if (!r.rows.length) return n;
      for (const row of r.rows) {
        await this.d.db.query('UPDATE subscribers SET search_name = $2, phone_digits = $3 WHERE id = $1', [row.id, searchNameOf(row.name as string, row.name_ar as string | null), row.phone ? normalisePhone(row.phone as string) : null]);
      }
      n += r.rows.length;
    }
  }

  async getSubscriber(q: Queryable, id: number): Promise<SubscriberRecord | null> {
    const r = await q.query<Row>('SELECT * FROM subscribers WHERE id = $1', [id]);
    return r.rows[0] ? toSubscriber(r.rows[0]) : null;
  }

  /** Whether this operator's areas cover the account (unscoped: yes; scoped: one of its meters is in their areas, or it has none yet). */
  async subscriberInScope(user: Principal, id: number): Promise<boolean> {
    if (!user.areas?.length) return true;
    const r = await this.d.db.query<{ area: string }>('SELECT area FROM meters WHERE subscriber_id = $1', [id]);
    return r.rows.length === 0 || r.rows.some((m) => user.areas!.includes(m.area));
  }

  private async checkCitizenLimit(tx: Queryable, civilId: string | null, exceptId: number | null): Promise<void> {
    if (!civilId) throw new DomainError('invalid', 'citizen_tariff_needs_civil_id', 'the citizen tariff needs the holder\'s civil ID');
    // Lock the holder's accounts so that two concurrent sign-ups cannot both take the last place.
    const r = await tx.query<{ id: string }>('SELECT id FROM subscribers WHERE civil_id = $1 AND citizen_tariff FOR UPDATE', [civilId]);
    const others = r.rows.filter((x) => Number(x.id) !== exceptId);
    if (others.length >= CITIZEN_ACCOUNTS_PER_CIVIL_ID) {
      throw new DomainError('conflict', 'citizen_tariff_limit', `civil ID ${civilId} already has ${others.length} accounts on the citizen tariff (at most ${CITIZEN_ACCOUNTS_PER_CIVIL_ID})`, { extra: { accounts: others.map((x) => Number(x.id)) } });
    }
  }

  async createSubscriber(input: SubscriberInput, actor: AuditActor): Promise<SubscriberRecord> {
    return this.d.db.transaction(async (tx) => {
      const dup = await tx.query('SELECT 1 FROM subscribers WHERE account_no = $1', [input.accountNumber]);
      if (dup.rows.length) throw new DomainError('conflict', 'account_exists', `account ${input.accountNumber} already exists`);
      if (input.citizenTariff) await this.checkCitizenLimit(tx, input.civilId ?? null, null);
      const id = await createSubscriber(tx, {
        accountNo: input.accountNumber, name: input.nameEn, nameAr: input.nameAr, phone: input.phone ?? null, civilId: input.civilId ?? null, email: input.email ?? null,
        language: input.language, customerClass: input.customerClass, citizenTariff: input.citizenTariff,
        protectedCategory: input.protectedCategory?.kind ?? null, protectedEvidence: input.protectedCategory?.evidence ?? null, protectedExpires: input.protectedCategory?.expires ?? null,
      });
      await this.d.audit.write({ ...actor, action: 'subscriber.create', targetType: 'subscriber', target: input.accountNumber, outcome: 'executed', details: { id, citizenTariff: input.citizenTariff, protectedCategory: input.protectedCategory?.kind ?? null } }, tx);
      return (await this.getSubscriber(tx, id))!;
    });
  }

  async updateSubscriber(id: number, p: SubscriberPatch, actor: AuditActor): Promise<SubscriberRecord> {
    return this.d.db.transaction(async (tx) => {
      const cur = await this.getSubscriber(tx, id);
      if (!cur) throw notFoundError(`subscriber ${id}`);
      if (p.citizenTariff === true && !cur.citizenTariff) await this.checkCitizenLimit(tx, cur.civilId, id);
      const sets: string[] = [];
      const params: unknown[] = [id];
      const set = (col: string, v: unknown) => {
        params.push(v);
        sets.push(`${col} = $${params.length}`);
      };
      if (p.nameAr !== undefined) set('name_ar', p.nameAr);
      if (p.nameEn !== undefined) set('name', p.nameEn);
      if (p.nameAr !== undefined || p.nameEn !== undefined) set('search_name', searchNameOf(p.nameEn ?? cur.nameEn, p.nameAr ?? cur.nameAr));
      if (p.phone !== undefined) {
        set('phone', p.phone);
        set('phone_digits', p.phone ? normalisePhone(p.phone) : null);
      }
      if (p.email !== undefined) set('email', p.email);
      if (p.language !== undefined) set('language', p.language);
      if (p.citizenTariff !== undefined) set('citizen_tariff', p.citizenTariff);
      if (p.protectedCategory !== undefined) {
        set('protected_category', p.protectedCategory?.kind ?? null);
        set('protected_evidence', p.protectedCategory?.evidence ?? null);
        set('protected_expires', p.protectedCategory?.expires ?? null);
      }
      if (sets.length) await tx.query(`UPDATE subscribers SET ${sets.join(', ')} WHERE id = $1`, params);
      const changed = Object.keys(p);
      await this.d.audit.write({
        ...actor, action: p.protectedCategory !== undefined ? 'subscriber.protected_category' : 'subscriber.update', targetType: 'subscriber', target: cur.accountNumber, outcome: 'executed',
        details: { id, changed, ...(p.protectedCategory !== undefined ? { from: cur.protectedCategory?.kind ?? null, to: p.protectedCategory?.kind ?? null } : {}) },
      }, tx);
      return (await this.getSubscriber(tx, id))!;
    });
  }

  /** The account with all its electricity and water meters. */
  async household(id: number, areas: string[] = []): Promise<{ subscriber: SubscriberRecord; meters: MeterWithState[] } | null> {
    const subscriber = await this.getSubscriber(this.d.db, id);
    if (!subscriber) return null;
    return { subscriber, meters: await listMeters(this.d.db, { subscriberId: id, ...(areas.length ? { areas } : {}) }) };
  }

  async linkMeter(subscriberId: number, meterId: string, actor: AuditActor, areas: string[] = []): Promise<void> {
    await this.d.db.transaction(async (tx) => {
      const sub = await this.getSubscriber(tx, subscriberId);
      if (!sub) throw notFoundError(`subscriber ${subscriberId}`);
      const r = await tx.query<{ subscriber_id: string | null; status: string; area: string }>('SELECT subscriber_id, status, area FROM meters WHERE id = $1 FOR UPDATE', [meterId]);
      const m = r.rows[0];
      if (!m || (areas.length && !areas.includes(m.area))) throw notFoundError(`meter ${meterId}`);
      if (m.subscriber_id != null && Number(m.subscriber_id) === subscriberId) return;
      if (m.subscriber_id != null) throw new DomainError('conflict', 'meter_linked', `meter ${meterId} belongs to another account; move the old holder out first`);
      if (m.status === 'decommissioned') throw new DomainError('conflict', 'meter_decommissioned', `meter ${meterId} is decommissioned`);
      await tx.query('UPDATE meters SET subscriber_id = $2 WHERE id = $1', [meterId, subscriberId]);
      await this.d.audit.write({ ...actor, action: 'subscriber.link_meter', targetType: 'subscriber', target: sub.accountNumber, meterId, outcome: 'executed', details: { subscriberId } }, tx);
    });
    this.d.invalidate(meterId);
  }

  async unlinkMeter(subscriberId: number, meterId: string, actor: AuditActor, areas: string[] = []): Promise<void> {
    await this.d.db.transaction(async (tx) => {
      const r = await tx.query<{ area: string }>('UPDATE meters SET subscriber_id = NULL WHERE id = $1 AND subscriber_id = $2 RETURNING area', [meterId, subscriberId]);
      if (!r.rows.length || (areas.length && !areas.includes(r.rows[0]!.area))) throw notFoundError(`meter ${meterId} of subscriber ${subscriberId}`);
      await this.d.audit.write({ ...actor, action: 'subscriber.unlink_meter', targetType: 'subscriber', target: String(subscriberId), meterId, outcome: 'executed' }, tx);
    });
    this.d.invalidate(meterId);
  }

  // ---- operators ----

  private async operator(q: Queryable, id: number): Promise<OperatorRecord | null> {
    const u = await getUser(q, id);
    if (!u) return null;
    const r = await q.query<{ disabled_at: unknown }>('SELECT disabled_at FROM users WHERE id = $1', [id]);
    return { ...u, disabled: r.rows[0]?.disabled_at != null };
  }

  async listOperators(): Promise<OperatorRecord[]> {
    const r = await this.d.db.query<{ id: string }>(`SELECT id FROM users WHERE role <> 'subscriber' ORDER BY username`);
    const out: OperatorRecord[] = [];
    for (const row of r.rows) out.push((await this.operator(this.d.db, Number(row.id)))!);
    return out;
  }

  async createOperator(input: z.infer<typeof NewUserInput>, actor: AuditActor): Promise<OperatorRecord> {
    return this.d.db.transaction(async (tx) => {
      const dup = await tx.query('SELECT 1 FROM users WHERE username = $1', [input.username]);
      if (dup.rows.length) throw new DomainError('conflict', 'username_taken', `username ${input.username} is taken`);
      const u = await createUser(tx, { username: input.username, password: input.password, role: input.role as Role, areas: [...new Set(input.areas)], locale: input.locale, ...(input.displayName ? { displayName: input.displayName } : {}) });
      await this.d.audit.write({ ...actor, action: 'user.create', targetType: 'user', target: u.username, outcome: 'executed', details: { role: u.role, areas: u.areas } }, tx);
      return (await this.operator(tx, u.id))!;
    });
  }

  async updateOperator(id: number, p: z.infer<typeof UserPatch>, actor: AuditActor): Promise<OperatorRecord> {
    return this.d.db.transaction(async (tx) => {
      const cur = await this.operator(tx, id);
      if (!cur || cur.role === 'subscriber') throw notFoundError(`user ${id}`);
      if (actor.actorId === id && (p.disabled === true || (p.role !== undefined && p.role !== cur.role))) {
        throw new DomainError('conflict', 'own_account', 'you cannot disable yourself or change your own role; ask another administrator');
      }
      const sets: string[] = [];
      const params: unknown[] = [id];
      const set = (col: string, v: unknown) => {
        params.push(v);
        sets.push(`${col} = $${params.length}`);
      };
      if (p.role !== undefined) set('role', p.role);
      if (p.areas !== undefined) set('areas', [...new Set(p.areas)]);
      if (p.displayName !== undefined) set('display_name', p.displayName);
      if (p.disabled !== undefined) sets.push(p.disabled ? 'disabled_at = coalesce(disabled_at, now())' : 'disabled_at = NULL');
      if (sets.length) await tx.query(`UPDATE users SET ${sets.join(', ')} WHERE id = $1`, params);
      // A disabled person, or one whose powers changed, signs in again.
      if (p.disabled || p.role !== undefined || p.areas !== undefined) await tx.query('DELETE FROM sessions WHERE user_id = $1', [id]);
      const action = p.disabled === true ? 'user.disable' : p.disabled === false ? 'user.enable' : 'user.update';
      await this.d.audit.write({ ...actor, action, targetType: 'user', target: cur.username, outcome: 'executed', details: { changed: p, from: { role: cur.role, areas: cur.areas, disabled: cur.disabled } } }, tx);
      return (await this.operator(tx, id))!;
    });
  }

  /** An administrator sets a new password (the person's sessions end). */
  async resetPassword(id: number, newPassword: string, actor: AuditActor): Promise<void> {
    await this.d.db.transaction(async (tx) => {
      const cur = await getUser(tx, id);
      if (!cur) throw notFoundError(`user ${id}`);
      await tx.query('UPDATE users SET password_hash = $2, password_changed_at = now() WHERE id = $1', [id, await hashPassword(newPassword)]);
      await tx.query('DELETE FROM sessions WHERE user_id = $1', [id]);
      await this.d.audit.write({ ...actor, action: 'user.password.reset', targetType: 'user', target: cur.username, outcome: 'executed' }, tx);
    });
  }

  /** The person changes their own password (the current one is checked; their other sessions end). */
  async changeOwnPassword(user: Principal, current: string, next: string, actor: AuditActor, keepTokenHash: string | null): Promise<void> {
    const r = await this.d.db.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = $1', [user.id]);
    if (!(await verifyPassword(current, r.rows[0]?.password_hash))) {
      await this.d.audit.write({ ...actor, action: 'user.password.change', targetType: 'user', target: user.username, outcome: 'refused', note: 'current password wrong' });
      throw new DomainError('forbidden', 'wrong_password', 'the current password is wrong');
    }
    if (current === next) throw new DomainError('invalid', 'same_password', 'the new password must differ from the current one');
    await this.d.db.transaction(async (tx) => {
      await tx.query('UPDATE users SET password_hash = $2, password_changed_at = now() WHERE id = $1', [user.id, await hashPassword(next)]);
      await tx.query('DELETE FROM sessions WHERE user_id = $1 AND token_hash IS DISTINCT FROM $2', [user.id, keepTokenHash]);
      await this.d.audit.write({ ...actor, action: 'user.password.change', targetType: 'user', target: user.username, outcome: 'executed' }, tx);
    });
  }

  // ---- search ----

  /**
   * One box: meter number, account number, civil ID, phone in any form, names in Arabic or English
   * (normalised: أ إ آ → ا, ة → ه, ى → ي, no diacritics or tatweel, Latin lower case). Scoped operators
   * find meters of their areas and accounts with a meter there.
   */
  async search(q: string, areas: string[] = [], limit = 20): Promise<SearchResult[]> {
    const text = normaliseName(q);
    if (!text) return [];
    const digits = queryDigits(q);
    const like = `%${escapeLike(text)}%`;
    const scoped = areas.length > 0;
    const results: SearchResult[] = [];

    const meterRows = await this.d.db.query<Row>(
      `SELECT m.id, m.area, m.service, m.status, m.subscriber_id, s.name, s.name_ar FROM meters m LEFT JOIN subscribers s ON s.id = m.subscriber_id
       WHERE lower(m.id) LIKE $1 ${scoped ? 'AND m.area = ANY($3::text[])' : ''} ORDER BY m.id LIMIT $2`,
      scoped ? [`${escapeLike(text)}%`, limit, areas] : [`${escapeLike(text)}%`, limit],
    );
    for (const r of meterRows.rows) {
      results.push({ kind: 'meter', id: r.id as string, label: r.id as string, labelAr: null, detail: [r.service, r.status, r.name_ar ?? r.name].filter(Boolean).join(' · '), area: r.area as string, subscriberId: r.subscriber_id == null ? null : Number(r.subscriber_id) });
    }

    const scope = scoped ? 'AND EXISTS (SELECT 1 FROM meters sm WHERE sm.subscriber_id = s.id AND sm.area = ANY($3::text[]))' : '';
    const params: unknown[] = [like, limit];
    if (scoped) params.push(areas);
    const conds = ['s.search_name LIKE $1', `lower(s.account_no) LIKE $1`];
    if (digits && digits.length >= 4) {
      params.push(`${digits}%`);
      const p = `$${params.length}`;
      conds.push(`s.phone_digits LIKE ${p}`, `s.civil_id LIKE ${p}`);
      const national = normalisePhone(q);
      if (national && national !== digits) {
        params.push(`${national}%`);
        conds.push(`s.phone_digits LIKE $${params.length}`);
      }
    }
    const subs = await this.d.db.query<Row>(
      `SELECT s.id, s.account_no, s.name, s.name_ar, s.phone, s.civil_id,
              (SELECT min(area) FROM meters am WHERE am.subscriber_id = s.id) AS area,
              lower(s.account_no) LIKE $1 AS by_account
       FROM subscribers s WHERE (${conds.join(' OR ')}) ${scope} ORDER BY s.account_no LIMIT $2`,
      params,
    );
    for (const r of subs.rows) {
      const kind = r.by_account ? 'account' : 'subscriber';
      results.push({
        kind, id: String(r.id), label: kind === 'account' ? (r.account_no as string) : (r.name as string), labelAr: (r.name_ar as string) ?? null,
        detail: [kind === 'account' ? (r.name_ar ?? r.name) : r.account_no, r.phone, r.civil_id].filter(Boolean).join(' · '),
        area: (r.area as string) ?? null, subscriberId: Number(r.id),
      });
    }
    return results.slice(0, limit * 2);
  }
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

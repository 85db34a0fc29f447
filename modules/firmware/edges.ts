// The edge device registry: data concentrators running `raseed edge` beside serial meters. Each has its own MQTT
// login (`edge:<id>`, password hashed like a meter's), a remote configuration (poll interval, its serial channels
// and meters) and the set of meters it may publish for and receive commands for. The broker's ACL reads a live set
// per edge (EdgeRegistry.identity), so reassigning a meter takes effect without the edge logging in again.
import { z } from 'zod';
import { DomainError, hashMachineSecret, isUniqueViolation, randomPassword, verifyPassword, type Db } from '../../platform/index.ts';
import { METER_ID_PATTERN } from '../../protocols/index.ts';
import type { Identity } from '../../broker/index.ts';

export const EDGE_ID = /^[A-Za-z0-9_-]{1,32}$/;

/** What the head end tells an edge (GET /api/v1/edge/config): everything optional, the edge keeps its local file otherwise. */
export const EdgeRemoteConfig = z.object({
  /** How often each serial meter is read, ms. */
  pollIntervalMs: z.number().int().min(1000).max(86_400_000).optional(),
  /** Serial channels (same shape as SERIAL_CHANNELS); replaces the local list when given. */
  channels: z.array(z.record(z.string(), z.unknown())).max(64).optional(),
  /** Readings forwarded per second when draining a backlog. */
  drainPerSecond: z.number().int().min(1).max(100_000).optional(),
}).strict();
export type EdgeRemoteConfig = z.infer<typeof EdgeRemoteConfig>;

export interface EdgeView {
  id: string;
  name: string | null;
  meters: string[];
  config: EdgeRemoteConfig;
  configVersion: number;
  lastSeen: number | null;
}

type Row = Record<string, unknown>;

export class EdgeRegistry {
  /** Live meter sets of edges that logged in (the broker's ACL holds these very objects). */
  private readonly live = new Map<string, Set<string>>();

  constructor(private readonly db: Db, private readonly now: () => number = Date.now) {}

  /** Registers an edge with its meters; returns its password (shown once, stored hashed). */
  async create(input: { id: string; name?: string | null; meters?: string[]; config?: unknown }): Promise<{ edge: EdgeView; password: string }> {
    if (!EDGE_ID.test(input.id)) throw new DomainError('invalid', 'bad_edge_id', 'an edge id is 1-32 letters, digits, _ or -');
    const config = this.parseConfig(input.config ?? {});
    const password = randomPassword(24);
    try {
      await this.db.transaction(async (tx) => {
        await tx.query('INSERT INTO edge_devices (id, name, password_hash, config, created_at_ms) VALUES ($1, $2, $3, $4, $5)', [input.id, input.name ?? null, hashMachineSecret(password), JSON.stringify(config), this.now()]);
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new DomainError('conflict', 'edge_exists', `edge ${input.id} already exists`);
      throw err;
    }
    if (input.meters?.length) await this.setMeters(input.id, input.meters);
    return { edge: (await this.get(input.id))!, password };
  }

  private parseConfig(raw: unknown): EdgeRemoteConfig {
    const c = EdgeRemoteConfig.safeParse(raw);
    if (!c.success) throw new DomainError('invalid', 'bad_edge_config', `not a valid edge configuration: ${c.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    return c.data;
  }

  /** Assigns exactly these meters to the edge (a meter behind another edge moves here). */
  async setMeters(edgeId: string, meters: string[]): Promise<EdgeView> {
    const bad = meters.filter((m) => !METER_ID_PATTERN.test(m));
    if (bad.length) throw new DomainError('invalid', 'bad_meter_id', `not meter ids: ${bad.slice(0, 5).join(', ')}`);
    const unique = [...new Set(meters)];
    const moved = await this.db.transaction(async (tx) => {
      const e = await tx.query('SELECT id FROM edge_devices WHERE id = $1', [edgeId]);
      if (!e.rows.length) throw new DomainError('not_found', 'edge_not_found', `no edge ${edgeId}`);
      const known = await tx.query<{ id: string }>('SELECT id FROM meters WHERE id = ANY($1::text[])', [unique]);
      const found = new Set(known.rows.map((r) => r.id));
      const missing = unique.filter((m) => !found.has(m));
      if (missing.length) throw new DomainError('invalid', 'unknown_meters', `unknown meters: ${missing.slice(0, 10).join(', ')}`);
      const before = await tx.query<{ meter_id: string; edge_id: string }>('SELECT meter_id, edge_id FROM edge_meters WHERE meter_id = ANY($1::text[]) OR edge_id = $2', [unique, edgeId]);
      await tx.query('DELETE FROM edge_meters WHERE edge_id = $1 OR meter_id = ANY($2::text[])', [edgeId, unique]);
      for (const m of unique) await tx.query('INSERT INTO edge_meters (meter_id, edge_id) VALUES ($1, $2)', [m, edgeId]);
      await tx.query('UPDATE edge_devices SET config_version = config_version + 1 WHERE id = $1', [edgeId]);
      return before.rows;
    });
    // Keep live ACL sets in step: meters leave their previous edge, and this edge holds exactly the new list.
    for (const r of moved) this.live.get(r.edge_id)?.delete(r.meter_id);
    const mine = this.live.get(edgeId);
    if (mine) {
      mine.clear();
      for (const m of unique) mine.add(m);
    }
    return (await this.get(edgeId))!;
  }

  async setConfig(edgeId: string, raw: unknown): Promise<EdgeView> {
    const config = this.parseConfig(raw);
    const r = await this.db.query('UPDATE edge_devices SET config = $2, config_version = config_version + 1 WHERE id = $1', [edgeId, JSON.stringify(config)]);
    if (!r.affectedRows) throw new DomainError('not_found', 'edge_not_found', `no edge ${edgeId}`);
    return (await this.get(edgeId))!;
  }

  async get(edgeId: string): Promise<EdgeView | null> {
    const r = await this.db.query<Row>('SELECT * FROM edge_devices WHERE id = $1', [edgeId]);
    const row = r.rows[0];
    if (!row) return null;
    const m = await this.db.query<{ meter_id: string }>('SELECT meter_id FROM edge_meters WHERE edge_id = $1 ORDER BY meter_id', [edgeId]);
    return {
      id: String(row.id), name: (row.name as string | null) ?? null, meters: m.rows.map((x) => x.meter_id),
      config: EdgeRemoteConfig.parse(typeof row.config === 'string' ? JSON.parse(row.config) : row.config ?? {}),
      configVersion: Number(row.config_version), lastSeen: row.last_seen_ms == null ? null : Number(row.last_seen_ms),
    };
  }

  async list(): Promise<EdgeView[]> {
    const r = await this.db.query<{ id: string }>('SELECT id FROM edge_devices ORDER BY id');
    const out: EdgeView[] = [];
    for (const x of r.rows) out.push((await this.get(x.id))!);
    return out;
  }

  /** Checks an edge's credentials (username `edge:<id>` or the bare id); null when wrong. */
  async verify(username: string, password: string): Promise<string | null> {
    const id = username.startsWith('edge:') ? username.slice(5) : username;
    if (!EDGE_ID.test(id) || !password) return null;
    const r = await this.db.query<{ password_hash: string }>('SELECT password_hash FROM edge_devices WHERE id = $1', [id]);
    if (!(await verifyPassword(password, r.rows[0]?.password_hash))) return null;
    await this.db.query('UPDATE edge_devices SET last_seen_ms = $2 WHERE id = $1', [id, this.now()]);
    return id;
  }

  /** MQTT login of an edge: its identity with the live set of its meters. */
  async authenticate(username: string, password: string): Promise<Identity | null> {
    const id = await this.verify(username, password);
    if (!id) return null;
    let set = this.live.get(id);
    if (!set) {
      set = new Set();
      this.live.set(id, set);
    }
    const m = await this.db.query<{ meter_id: string }>('SELECT meter_id FROM edge_meters WHERE edge_id = $1', [id]);
    set.clear();
    for (const r of m.rows) set.add(r.meter_id);
    return { kind: 'edge', edgeId: id, meters: set };
  }
}

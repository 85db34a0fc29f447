// Which meters exist, and their credentials: a cache in front of the registry, so ingest does not query per message.
import { getMeterPasswordHash, verifyPassword, verifyServiceAccount, type Db } from '../store/index.ts';
import type { Identity } from '../broker/index.ts';
import type { ServiceType } from '../protocols/index.ts';

export class MeterDirectory {
  private known = new Map<string, { exists: boolean; at: number; service?: ServiceType }>();
  constructor(private readonly db: Db, private readonly ttlMs = 60_000) {}

  async exists(meterId: string): Promise<boolean> {
    const hit = this.known.get(meterId);
    if (hit && Date.now() - hit.at < this.ttlMs) return hit.exists;
    const r = await this.db.query<{ service: ServiceType }>('SELECT service FROM meters WHERE id = $1', [meterId]);
    const exists = r.rows.length > 0;
    this.known.set(meterId, { exists, at: Date.now(), ...(exists ? { service: r.rows[0]!.service } : {}) });
    return exists;
  }

  /** The meter's service (its class for physical limits), or null for an unknown meter. Cached like exists(). */
  async service(meterId: string): Promise<ServiceType | null> {
    if (!(await this.exists(meterId))) return null;
    return this.known.get(meterId)?.service ?? null;
  }

  /** Forget a cached answer (a meter was just registered). */
  invalidate(meterId: string): void {
    this.known.delete(meterId);
  }

  /** MQTT login: a meter by its id and password, or a service account. */
  async authenticate(username: string, password: string): Promise<Identity | null> {
    if (!username || !password) return null;
    if (username.startsWith('svc:')) {
      const name = username.slice(4);
      return (await verifyServiceAccount(this.db, name, password)) ? { kind: 'service', name } : null;
    }
    const hash = await getMeterPasswordHash(this.db, username);
    return (await verifyPassword(password, hash)) ? { kind: 'meter', meterId: username } : null;
  }
}

// The registry's answer to the gateway's MeterDirectory port: which meters exist, their service (class for
// physical limits), credentials and series tags, with a cache in front so that ingest does not query per message.
import { getMeter } from './meters.ts';
import { verifyPassword, type Db } from '../../platform/index.ts';
import { verifyServiceAccount } from './service-accounts.ts';
import type { Identity } from '../../broker/index.ts';
import { LruMap, type MeterDirectory, type MeterInfoLookup } from '../../gateway/index.ts';
import type { ServiceType } from '../../protocols/index.ts';

/** Series tags of a meter from the registry (service, area, tariff class); null for an unknown meter. */
export function registryMeterInfo(db: Db): MeterInfoLookup {
  return async (meterId) => {
    const m = await getMeter(db, meterId);
    return m ? { service: m.service, area: m.area, tariff: m.tariffClass } : null;
  };
}

/**
 * The cache holds at most `maxEntries` meters (default 200,000, about 100 bytes each), least recently used dropped
 * first: a dropped meter costs one query at its next message. A meter's login fills it (the password lookup
 * reads the meter's service too), so a connecting fleet costs one query per meter, not two.
 */
export class RegistryMeterDirectory implements MeterDirectory {
  readonly tags: MeterInfoLookup;
  private known: LruMap<string, { exists: boolean; at: number; service?: ServiceType }>;
  constructor(private readonly db: Db, private readonly ttlMs = 60_000, maxEntries = 200_000) {
    this.known = new LruMap(maxEntries);
    this.tags = registryMeterInfo(db);
  }

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
    const r = await this.db.query<{ mqtt_password_hash: string | null; service: ServiceType }>('SELECT mqtt_password_hash, service FROM meters WHERE id = $1', [username]);
    const row = r.rows[0];
    if (!(await verifyPassword(password, row?.mqtt_password_hash))) return null;
    this.known.set(username, { exists: true, at: Date.now(), service: row!.service });
    return { kind: 'meter', meterId: username };
  }
}

// MQTT service accounts: the gateway's own login to the broker.
import type { Queryable } from '../../platform/index.ts';
import { hashPassword, verifyPassword } from '../../platform/index.ts';

export async function upsertServiceAccount(q: Queryable, name: string, password: string): Promise<void> {
  const hash = await hashPassword(password);
  await q.query(
    `INSERT INTO mqtt_service_accounts (name, password_hash) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET password_hash = excluded.password_hash`,
    [name, hash],
  );
}

export async function verifyServiceAccount(q: Queryable, name: string, password: string): Promise<boolean> {
  const r = await q.query<{ password_hash: string }>('SELECT password_hash FROM mqtt_service_accounts WHERE name = $1', [name]);
  return verifyPassword(password, r.rows[0]?.password_hash);
}

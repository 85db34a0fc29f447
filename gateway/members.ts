// Gateways of one shared-subscription group beat in the shared store (gateway_members). When a member's beat is
// older than takeoverAfterMs, one survivor claims it (a conditional UPDATE: exactly one wins) and adopts its
// persistent session at the broker, so the messages the broker keeps queueing for the dead member are drained
// instead of stranded. The member, restarted, beats first and then connects with its own client id: the broker
// hands the session back to it (session takeover) and the adopter lets go.
// A GATEWAY_ID used by two running gateways is refused at start (they would take each other's session in a loop).
import { randomBytes } from 'node:crypto';
import { periodic, type Db, type Logger, type PeriodicJob } from '../platform/index.ts';

export interface Adoption {
  gatewayId: string;
  clientId: string;
}

export interface MembershipOptions {
  gatewayId: string;
  clientId: string;
  group: string;
  takeoverAfterMs: number;
  beatMs?: number;
  logger: Logger;
  now?: () => number;
}

export class GatewayIdInUseError extends Error {
  override name = 'GatewayIdInUseError';
  constructor(readonly gatewayId: string) {
    super(`GATEWAY_ID ${gatewayId} is in use by another running gateway; give each gateway its own GATEWAY_ID`);
  }
}

export class GatewayMembership {
  readonly instance = randomBytes(6).toString('hex');
  private job: PeriodicJob | null = null;
  private readonly beatMs: number;

  constructor(private readonly db: Db, private readonly o: MembershipOptions) {
    this.beatMs = o.beatMs ?? Math.max(200, Math.floor(o.takeoverAfterMs / 5));
  }

  private now(): number {
    return this.o.now ? this.o.now() : Date.now();
  }

  /** Registers this gateway with a fresh beat; refuses a GATEWAY_ID another live gateway is beating under. */
  async join(): Promise<void> {
    const read = async () => (await this.db.query<{ instance: string; heartbeat_at: string | number }>(
      'SELECT instance, heartbeat_at FROM gateway_members WHERE gateway_id = $1', [this.o.gatewayId])).rows[0];
    const before = await read();
    if (before && before.instance !== this.instance && this.now() - Number(before.heartbeat_at) < this.o.takeoverAfterMs) {
      // Fresh beat of another instance: a crashed predecessor (beats stop) or a live twin (beats go on)?
      await new Promise((r) => setTimeout(r, this.beatMs * 2 + 100));
      const after = await read();
      if (after && after.instance === before.instance && Number(after.heartbeat_at) !== Number(before.heartbeat_at)) throw new GatewayIdInUseError(this.o.gatewayId);
    }
    await this.beat();
  }

  private async beat(): Promise<void> {
    await this.db.query(
      `INSERT INTO gateway_members (gateway_id, client_id, instance, share_group, heartbeat_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (gateway_id) DO UPDATE SET client_id = EXCLUDED.client_id, instance = EXCLUDED.instance, share_group = EXCLUDED.share_group, heartbeat_at = EXCLUDED.heartbeat_at`,
      [this.o.gatewayId, this.o.clientId, this.instance, this.o.group, this.now()],
    );
  }

  /** Claims dead members of the group (one survivor wins each) and hands each claim to adopt. */
  async sweep(adopt: (a: Adoption) => Promise<boolean>): Promise<void> {
    await this.beat();
    const stale = this.now() - this.o.takeoverAfterMs;
    const claimed = await this.db.query<{ gateway_id: string; client_id: string }>(
      `UPDATE gateway_members m SET adopted_by = $1, adopted_at = $2
        WHERE m.share_group = $3 AND m.gateway_id <> $1 AND m.heartbeat_at < $4
          AND (m.adopted_by IS NULL OR m.adopted_by = $1
               OR NOT EXISTS (SELECT 1 FROM gateway_members a WHERE a.gateway_id = m.adopted_by AND a.heartbeat_at >= $4))
        RETURNING m.gateway_id, m.client_id`,
      [this.o.gatewayId, this.now(), this.o.group, stale],
    );
    for (const r of claimed.rows) {
      const ok = await adopt({ gatewayId: r.gateway_id, clientId: r.client_id });
      if (!ok) await this.db.query('DELETE FROM gateway_members WHERE gateway_id = $1 AND adopted_by = $2 AND heartbeat_at < $3', [r.gateway_id, this.o.gatewayId, stale]);
    }
  }

  start(adopt: (a: Adoption) => Promise<boolean>): void {
    this.job = periodic('gateway membership', this.beatMs, () => this.sweep(adopt), this.o.logger);
    this.job.start();
  }

  async release(gatewayId: string): Promise<void> {
    await this.db.query('UPDATE gateway_members SET adopted_by = NULL, adopted_at = NULL WHERE gateway_id = $1 AND adopted_by = $2', [gatewayId, this.o.gatewayId]).catch(() => undefined);
  }

  async stop(): Promise<void> {
    await this.job?.stop();
    this.job = null;
  }
}

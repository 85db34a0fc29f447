// Firmware packages and staged campaigns. A campaign targets the meters of one model (an area, or a list),
// spread over waves by cumulative percent; a wave opens only when every meter of the waves before it has
// finished and the failure rate stayed under the threshold, and crossing the threshold pauses the campaign by
// itself. Each meter walks pending → downloading → downloaded → updating → updated | failed | rolled_back on
// the command lifecycle (kinds.ts): offer, numbered chunks (resumed from what the device already holds), install.
// Prepaid rules: never on a meter whose supply is cut, never below the credit margin, never in the hours when
// the disconnection policy protects people (holdFor); a failed update leaves the meter on its old slot with its
// relay as it was (the bootloader rolls back by itself), so no home loses supply because an update failed.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import {
  FirmwareError, FirmwareManifest, FirmwareModel, FirmwareVersion, chunkCount, compareVersions, decodeFirmwarePackage, verifyFirmware,
} from '../../protocols/index.ts';
import { DomainError, isUniqueViolation, type Db, type Logger } from '../../platform/index.ts';
import type { CommandRecord, CommandService } from '../../gateway/index.ts';
import type { AuditActor, AuditWriter } from '../audit/index.ts';
import { FIRMWARE_KINDS, type LoadedPackage, type PackageCache } from './kinds.ts';

export const DEVICE_STATES = ['pending', 'downloading', 'downloaded', 'verified', 'updating', 'updated', 'failed', 'rolled_back', 'cancelled'] as const;
export type DeviceState = (typeof DEVICE_STATES)[number];
const TERMINAL = new Set<DeviceState>(['updated', 'failed', 'rolled_back', 'cancelled']);
const ACTIVE = ['downloading', 'downloaded', 'verified', 'updating'];

export const CampaignInput = z.object({
  firmwareId: z.number().int().positive(),
  target: z.object({
    model: FirmwareModel,
    area: z.string().min(1).max(64).optional(),
    meters: z.array(z.string().regex(/^[A-Za-z0-9_-]{1,32}$/)).min(1).max(100_000).optional(),
  }).strict(),
  waves: z.array(z.object({ percent: z.number().min(0.1).max(100) }).strict()).min(1).max(20)
    .refine((w) => w.every((x, i) => i === 0 || (x?.percent ?? 0) > (w[i - 1]?.percent ?? 0)), 'wave percentages rise (they are cumulative)')
    .refine((w) => w.length === 0 || w[w.length - 1]?.percent === 100, 'the last wave is 100 %'),
  maxFailurePercent: z.number().min(0).max(100),
  /** Credit margin (register units: Wh or L) a meter must hold to be updated. */
  minCredit: z.number().int().min(0).default(0),
}).strict();
export type CampaignInput = z.input<typeof CampaignInput>;

export interface PackageSummary {
  id: number;
  model: string;
  version: string;
  minVersion: string | null;
  sha256: string;
  size: number;
  chunkSize: number;
  keyId: string;
  createdAt: number;
}

export interface CampaignView {
  id: number;
  firmwareId: number;
  model: string;
  version: string;
  status: 'running' | 'paused' | 'cancelled' | 'completed';
  pauseReason: string | null;
  currentWave: number;
  waves: { percent: number; meters: number; counts: Record<DeviceState, number> }[];
  maxFailurePercent: number;
  minCredit: number;
  total: number;
  counts: Record<DeviceState, number>;
  /** Why the campaign is paused: its failure threshold was crossed, or an operator paused it; null when not paused. */
  pauseCode: 'failure_threshold' | 'operator' | null;
  /** `code` is the device's or the head end's reason code (rolled_back, hash_mismatch, expired, ...), `reason` its words. */
  failures: { meterId: string; state: DeviceState; code: string; reason: string | null }[];
  waiting: { meterId: string; reason: string }[];
  createdBy: string;
  createdAt: number;
  updatedAt: number;
}

/** What a campaign would do before it starts: how many meters, in which waves (the console's confirmation). */
export interface CampaignPreview {
  firmwareId: number;
  model: string;
  version: string;
  meters: number;
  /** Meters of the target already on this version or newer (left out). */
  alreadyCurrent: number;
  waves: { percent: number; meters: number }[];
}

export interface FirmwareServiceOptions {
  db: Db;
  commands: CommandService;
  logger: Logger;
  audit: AuditWriter;
  cache: PackageCache;
  /** Trusted firmware public keys (PEM). */
  publicKeys: string[];
  now?: () => number;
  /** Why an update must wait now on this meter (the policy's protected hours), or null. */
  holdFor?: (meterId: string, now: number) => Promise<string | null>;
  /** How long the head end keeps trying one firmware command (default 6 h). */
  commandTtlMs?: number;
  /** A chunk refused for its checksum is sent again this many times (default 3). */
  maxChunkRetries?: number;
  /** Meters of one campaign updating at once (default 200). */
  maxInFlight?: number;
}

const SYSTEM = { actor: 'system:firmware', actorRole: null, actorId: null, ip: null } satisfies AuditActor;

type Row = Record<string, unknown>;
const num = (v: unknown): number => Number(v);
const emptyCounts = (): Record<DeviceState, number> => Object.fromEntries(DEVICE_STATES.map((s) => [s, 0])) as Record<DeviceState, number>;

function toSummary(r: Row): PackageSummary {
  return {
    id: num(r.id), model: String(r.model), version: String(r.version), minVersion: (r.min_version as string | null) ?? null, sha256: String(r.sha256),
    size: num(r.size), chunkSize: num(r.chunk_size), keyId: String(r.key_id), createdAt: num(r.created_at_ms),
  };
}

/** The reason code at the head of a stored reason (`rolled_back: self-test ... failed`): what the console translates. */
export function reasonCode(reason: string | null): string {
  const m = /^([a-z][a-z0-9_]{0,40})(?::|$)/.exec(reason ?? '');
  return m ? m[1]! : 'unknown';
}

function detailField(detail: string | null, key: string): string | null {
  const m = new RegExp(`(?:^|\\s)${key}=(\\S+)`).exec(detail ?? '');
  return m ? m[1]! : null;
}

export class FirmwareService {
  private chain: Promise<unknown> = Promise.resolve();
  private readonly o: Required<Omit<FirmwareServiceOptions, 'holdFor'>> & Pick<FirmwareServiceOptions, 'holdFor'>;

  constructor(o: FirmwareServiceOptions) {
    this.o = { now: () => Date.now(), commandTtlMs: 6 * 3600_000, maxChunkRetries: 3, maxInFlight: 200, ...o };
  }

  private now(): number {
    return this.o.now();
  }

  /** Runs campaign steps one at a time (acks arrive concurrently; each step reads and writes a device's row). */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const p = this.chain.then(fn, fn);
    this.chain = p.catch(() => {});
    return p;
  }

  // ---- packages ----

  /** Verifies a package file against the trusted keys and stores it. Refusals are DomainError 'invalid' (4xx). */
  async upload(file: Buffer, actor: AuditActor): Promise<PackageSummary> {
    let pkg;
    try {
      pkg = decodeFirmwarePackage(file);
      if (this.o.publicKeys.length === 0) throw new FirmwareError('unknown_key', 'no trusted firmware keys are configured (FIRMWARE_PUBLIC_KEYS)');
      verifyFirmware(pkg, this.o.publicKeys);
    } catch (err) {
      if (err instanceof FirmwareError) {
        await this.o.audit.write({ ...actor, action: 'firmware.upload', targetType: 'firmware', outcome: 'refused', reason: err.reason, details: { bytes: file.length } });
        throw new DomainError('invalid', `firmware_${err.reason}`, `firmware package refused: ${err.message}`);
      }
      throw err;
    }
    const m = pkg.manifest;
    try {
      const r = await this.o.db.query<Row>(
        `INSERT INTO firmware_packages (model, version, min_version, size, sha256, chunk_size, key_id, manifest, signature, image_b64, uploaded_by, created_at_ms)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING *`,
        [m.model, m.version, m.minVersion ?? null, m.size, m.sha256, m.chunkSize, m.keyId, JSON.stringify(m), pkg.signature, pkg.image.toString('base64'), actor.actor, this.now()],
      );
      const s = toSummary(r.rows[0]!);
      this.o.cache.set(s.id, { id: s.id, manifest: m, signature: pkg.signature, image: Buffer.from(pkg.image) });
      await this.o.audit.write({ ...actor, action: 'firmware.upload', targetType: 'firmware', target: String(s.id), outcome: 'stored', details: { model: m.model, version: m.version, sha256: m.sha256, size: m.size } });
      return s;
    } catch (err) {
      if (isUniqueViolation(err)) throw new DomainError('conflict', 'firmware_exists', `firmware ${m.model} ${m.version} is already stored`);
      throw err;
    }
  }

  async packages(): Promise<PackageSummary[]> {
    const r = await this.o.db.query<Row>('SELECT id, model, version, min_version, size, sha256, chunk_size, key_id, created_at_ms FROM firmware_packages ORDER BY id DESC');
    return r.rows.map(toSummary);
  }

  /** The package (cached in memory: its commands are built from it). */
  async load(id: number): Promise<LoadedPackage | null> {
    const hit = this.o.cache.get(id);
    if (hit) return hit;
    const r = await this.o.db.query<Row>('SELECT id, manifest, signature, image_b64 FROM firmware_packages WHERE id = $1', [id]);
    const row = r.rows[0];
    if (!row) return null;
    const manifest = FirmwareManifest.parse(typeof row.manifest === 'string' ? JSON.parse(row.manifest) : row.manifest);
    const p: LoadedPackage = { id, manifest, signature: String(row.signature), image: Buffer.from(String(row.image_b64), 'base64') };
    this.o.cache.set(id, p);
    return p;
  }

  // ---- inventory ----

  /** What a meter runs (reported by the device, or imported from the utility's asset records). */
  async recordInventory(meterId: string, model: string, version: string, actor?: AuditActor): Promise<void> {
    FirmwareModel.parse(model);
    FirmwareVersion.parse(version);
    const known = await this.o.db.query('SELECT 1 FROM meters WHERE id = $1', [meterId]);
    if (!known.rows.length) throw new DomainError('not_found', 'unknown_meter', `no meter ${meterId}`);
    if (actor) await this.o.audit.write({ ...actor, action: 'firmware.inventory', targetType: 'meter', target: meterId, meterId, outcome: 'recorded', details: { model, version } });
    await this.o.db.query(
      `INSERT INTO meter_firmware (meter_id, model, version, reported_at_ms) VALUES ($1, $2, $3, $4)
       ON CONFLICT (meter_id) DO UPDATE SET model = excluded.model, version = excluded.version, reported_at_ms = excluded.reported_at_ms`,
      [meterId, model, version, this.now()],
    );
  }

  /**
   * The version a meter reported in its telemetry (meter time `ts`). Updates the inventory when it changed; a meter
   * not yet in it is added when the registry names its model. A reading older than the last report changes nothing
   * (a reading sent just before an install must not undo the install's `updated`). Returns whether it was recorded.
   */
  async recordReported(meterId: string, version: string, ts: number): Promise<boolean> {
    if (!FirmwareVersion.safeParse(version).success) return false;
    const r = await this.o.db.query(
      `UPDATE meter_firmware SET version = $2, reported_at_ms = $3 WHERE meter_id = $1 AND version <> $2 AND reported_at_ms < $3`, [meterId, version, ts],
    );
    if (r.affectedRows > 0) return true;
    const ins = await this.o.db.query(
      `INSERT INTO meter_firmware (meter_id, model, version, reported_at_ms) SELECT id, model, $2, $3 FROM meters WHERE id = $1 AND model ~ '^[A-Za-z0-9_.-]{1,64}$'
       ON CONFLICT (meter_id) DO NOTHING`, [meterId, version, ts],
    );
    return ins.affectedRows > 0;
  }

  async inventory(meterId: string): Promise<{ model: string; version: string; reportedAt: number } | null> {
    const r = await this.o.db.query<Row>('SELECT model, version, reported_at_ms FROM meter_firmware WHERE meter_id = $1', [meterId]);
    const row = r.rows[0];
    return row ? { model: String(row.model), version: String(row.version), reportedAt: num(row.reported_at_ms) } : null;
  }

  // ---- campaigns ----

  /** Checks a campaign and finds its meters (those of the target not yet on the version); refusals are DomainErrors. */
  private async plan(raw: unknown) {
    const parsed = CampaignInput.safeParse(raw);
    if (!parsed.success) throw new DomainError('invalid', 'bad_campaign', `not a valid campaign: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    const input = parsed.data;
    const pkg = await this.load(input.firmwareId);
    if (!pkg) throw new DomainError('not_found', 'firmware_not_found', `no firmware package ${input.firmwareId}`);
    if (pkg.manifest.model !== input.target.model) throw new DomainError('invalid', 'model_mismatch', `package ${pkg.id} is for model ${pkg.manifest.model}, not ${input.target.model}`);
    const targets = await this.targets(input.target);
    // Meters already on this version or newer are not part of it.
    const meters = targets.filter((t) => !t.version || compareVersions(t.version, pkg.manifest.version) < 0).map((t) => t.id);
    if (meters.length === 0) throw new DomainError('invalid', 'no_target_meters', `no meter of model ${input.target.model} needs ${pkg.manifest.version}`);
    return { input, pkg, meters, alreadyCurrent: targets.length - meters.length };
  }

  /** What createCampaign would start, without starting it (nothing stored, nothing audited). */
  async preview(raw: unknown): Promise<CampaignPreview> {
    const { input, pkg, meters, alreadyCurrent } = await this.plan(raw);
    const bounds = input.waves.map((w) => Math.ceil((w.percent * meters.length) / 100));
    return {
      firmwareId: pkg.id, model: pkg.manifest.model, version: pkg.manifest.version, meters: meters.length, alreadyCurrent,
      waves: input.waves.map((w, i) => ({ percent: w.percent, meters: bounds[i]! - (i > 0 ? bounds[i - 1]! : 0) })),
    };
  }

  async createCampaign(raw: unknown, actor: AuditActor): Promise<CampaignView> {
    const { input, pkg, meters } = await this.plan(raw);
    const now = this.now();
    const id = await this.o.db.transaction(async (tx) => {
      const r = await tx.query<{ id: string }>(
        `INSERT INTO firmware_campaigns (firmware_id, target, waves, max_failure_percent, min_credit, status, created_by, created_at_ms, updated_at_ms)
         VALUES ($1, $2, $3, $4, $5, 'running', $6, $7, $7) RETURNING id`,
        [pkg.id, JSON.stringify(input.target), JSON.stringify(input.waves), input.maxFailurePercent, input.minCredit, actor.actor, now],
      );
      const cid = num(r.rows[0]!.id);
      // A stable spread: order by a hash of campaign and meter, so a first wave is not one street.
      const order = meters.map((m) => ({ m, h: createHash('sha256').update(`${cid}:${m}`).digest('hex') })).sort((a, b) => (a.h < b.h ? -1 : 1));
      const bounds = input.waves.map((w) => Math.ceil((w.percent * order.length) / 100));
      for (let i = 0; i < order.length; i += 500) {
        const part = order.slice(i, i + 500);
        const values: string[] = [];
        const params: unknown[] = [cid, now];
        part.forEach((x, j) => {
          const wave = bounds.findIndex((b) => i + j < b);
          params.push(x.m, wave < 0 ? bounds.length - 1 : wave);
          values.push(`($1, $${params.length - 1}, $${params.length}, 'pending', $2)`);
        });
        await tx.query(`INSERT INTO firmware_devices (campaign_id, meter_id, wave, state, updated_at_ms) VALUES ${values.join(', ')}`, params);
      }
      await this.o.audit.write({
        ...actor, action: 'firmware.campaign.create', targetType: 'firmware_campaign', target: String(cid), outcome: 'running',
        details: { firmwareId: pkg.id, model: pkg.manifest.model, version: pkg.manifest.version, meters: meters.length, waves: input.waves, maxFailurePercent: input.maxFailurePercent },
      }, tx);
      return cid;
    });
    await this.tick(id);
    return (await this.view(id))!;
  }

  private async targets(t: z.infer<typeof CampaignInput>['target']): Promise<{ id: string; version: string | null }[]> {
    if (t.meters) {
      const r = await this.o.db.query<Row>(
        `SELECT m.id, f.model, f.version FROM meters m LEFT JOIN meter_firmware f ON f.meter_id = m.id WHERE m.id = ANY($1::text[])`, [t.meters],
      );
      const found = new Set(r.rows.map((x) => String(x.id)));
      const missing = t.meters.filter((m) => !found.has(m));
      if (missing.length) throw new DomainError('invalid', 'unknown_meters', `unknown meters: ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ` and ${missing.length - 10} more` : ''}`);
      const other = r.rows.filter((x) => x.model != null && x.model !== t.model);
      if (other.length) throw new DomainError('invalid', 'model_mismatch', `meters of another model: ${other.slice(0, 10).map((x) => `${String(x.id)} (${String(x.model)})`).join(', ')}`);
      return r.rows.map((x) => ({ id: String(x.id), version: (x.version as string | null) ?? null }));
    }
    const r = await this.o.db.query<Row>(
      `SELECT m.id, f.version FROM meter_firmware f JOIN meters m ON m.id = f.meter_id WHERE f.model = $1 AND ($2::text IS NULL OR m.area = $2) ORDER BY m.id`,
      [t.model, t.area ?? null],
    );
    return r.rows.map((x) => ({ id: String(x.id), version: String(x.version) }));
  }

  async view(id: number): Promise<CampaignView | null> {
    const c = (await this.o.db.query<Row>(
      'SELECT c.*, p.model, p.version FROM firmware_campaigns c JOIN firmware_packages p ON p.id = c.firmware_id WHERE c.id = $1', [id],
    )).rows[0];
    if (!c) return null;
    const waves = (typeof c.waves === 'string' ? JSON.parse(c.waves) : c.waves) as { percent: number }[];
    const rows = (await this.o.db.query<Row>('SELECT wave, state, count(*) AS n FROM firmware_devices WHERE campaign_id = $1 GROUP BY wave, state', [id])).rows;
    const counts = emptyCounts();
    const perWave = waves.map((w) => ({ percent: w.percent, meters: 0, counts: emptyCounts() }));
    for (const r of rows) {
      const st = String(r.state) as DeviceState, n = num(r.n), w = perWave[num(r.wave)];
      counts[st] += n;
      if (w) {
        w.counts[st] += n;
        w.meters += n;
      }
    }
    const failures = (await this.o.db.query<Row>(
      `SELECT meter_id, state, reason FROM firmware_devices WHERE campaign_id = $1 AND state IN ('failed', 'rolled_back') ORDER BY updated_at_ms, meter_id LIMIT 200`, [id],
    )).rows.map((r) => ({ meterId: String(r.meter_id), state: String(r.state) as DeviceState, code: reasonCode((r.reason as string | null) ?? null), reason: (r.reason as string | null) ?? null }));
    const waiting = (await this.o.db.query<Row>(
      `SELECT meter_id, waiting FROM firmware_devices WHERE campaign_id = $1 AND state IN ('pending', 'downloaded') AND waiting IS NOT NULL ORDER BY meter_id LIMIT 200`, [id],
    )).rows.map((r) => ({ meterId: String(r.meter_id), reason: String(r.waiting) }));
    return {
      id, firmwareId: num(c.firmware_id), model: String(c.model), version: String(c.version), status: c.status as CampaignView['status'],
      pauseReason: (c.pause_reason as string | null) ?? null,
      pauseCode: c.status !== 'paused' ? null : String(c.pause_reason ?? '').startsWith('failure threshold') ? 'failure_threshold' : 'operator',
      createdBy: String(c.created_by), createdAt: num(c.created_at_ms), updatedAt: num(c.updated_at_ms), currentWave: num(c.current_wave), waves: perWave, maxFailurePercent: num(c.max_failure_percent),
      minCredit: num(c.min_credit), total: Object.values(counts).reduce((a, b) => a + b, 0), counts, failures, waiting,
    };
  }

  async campaigns(): Promise<CampaignView[]> {
    const ids = (await this.o.db.query<{ id: string }>('SELECT id FROM firmware_campaigns ORDER BY id DESC LIMIT 100')).rows.map((r) => num(r.id));
    const out: CampaignView[] = [];
    for (const id of ids) out.push((await this.view(id))!);
    return out;
  }

  async pause(id: number, actor: AuditActor, reason = 'paused by an operator'): Promise<CampaignView> {
    return this.setStatus(id, actor, 'paused', ['running'], reason);
  }

  async resume(id: number, actor: AuditActor): Promise<CampaignView> {
    await this.setStatus(id, actor, 'running', ['paused'], null);
    await this.tick(id);
    return (await this.view(id))!;
  }

  /** Stops the campaign: meters not yet started stay as they are; meters in the middle of an update finish it. */
  async cancel(id: number, actor: AuditActor): Promise<CampaignView> {
    await this.setStatus(id, actor, 'cancelled', ['running', 'paused'], null);
    await this.o.db.query(`UPDATE firmware_devices SET state = 'cancelled', waiting = NULL, updated_at_ms = $2 WHERE campaign_id = $1 AND state = 'pending'`, [id, this.now()]);
    return (await this.view(id))!;
  }

  private async setStatus(id: number, actor: AuditActor, to: CampaignView['status'], from: CampaignView['status'][], reason: string | null): Promise<CampaignView> {
    return this.serial(async () => {
      const r = await this.o.db.query<{ status: string }>('SELECT status FROM firmware_campaigns WHERE id = $1', [id]);
      const cur = r.rows[0]?.status;
      if (!cur) throw new DomainError('not_found', 'campaign_not_found', `no firmware campaign ${id}`);
      if (!from.includes(cur as CampaignView['status'])) throw new DomainError('conflict', 'campaign_state', `campaign ${id} is ${cur}; cannot go to ${to}`);
      await this.o.db.query('UPDATE firmware_campaigns SET status = $2, pause_reason = $3, updated_at_ms = $4 WHERE id = $1', [id, to, reason, this.now()]);
      await this.o.audit.write({ ...actor, action: `firmware.campaign.${to === 'running' ? 'resume' : to === 'paused' ? 'pause' : 'cancel'}`, targetType: 'firmware_campaign', target: String(id), outcome: to, reason });
      return (await this.view(id))!;
    });
  }

  // ---- the engine ----

  /** Advances running campaigns (all, or one): opens waves, starts meters, pauses on failures, completes. */
  tick(campaignId?: number): Promise<void> {
    return this.serial(async () => {
      const r = await this.o.db.query<{ id: string }>(
        `SELECT id FROM firmware_campaigns WHERE status = 'running' AND ($1::bigint IS NULL OR id = $1) ORDER BY id`, [campaignId ?? null],
      );
      for (const row of r.rows) await this.step(num(row.id));
    });
  }

  private async step(id: number): Promise<void> {
    for (;;) {
      const c = (await this.o.db.query<Row>('SELECT * FROM firmware_campaigns WHERE id = $1', [id])).rows[0]!;
      if (c.status !== 'running') return;
      const wave = num(c.current_wave);
      const waves = (typeof c.waves === 'string' ? JSON.parse(c.waves) : c.waves) as unknown[];
      const counts = emptyCounts();
      for (const x of (await this.o.db.query<Row>('SELECT state, count(*) AS n FROM firmware_devices WHERE campaign_id = $1 AND wave <= $2 GROUP BY state', [id, wave])).rows) {
        counts[String(x.state) as DeviceState] = num(x.n);
      }
      const total = Object.values(counts).reduce((a, b) => a + b, 0);
      const failures = counts.failed + counts.rolled_back;
      const maxPct = num(c.max_failure_percent);
      if (total > 0 && failures * 100 > maxPct * total) {
        const reason = `failure threshold crossed: ${failures} of ${total} meters in waves 1-${wave + 1} failed (limit ${maxPct} %)`;
        await this.o.db.query(`UPDATE firmware_campaigns SET status = 'paused', pause_reason = $2, updated_at_ms = $3 WHERE id = $1`, [id, reason, this.now()]);
        await this.o.audit.write({ ...SYSTEM, action: 'firmware.campaign.pause', targetType: 'firmware_campaign', target: String(id), outcome: 'paused', reason });
        this.o.logger.warn({ campaign: id, failures, total }, 'firmware campaign paused: failure threshold crossed');
        return;
      }
      await this.startPending(id, num(c.firmware_id), wave, num(c.min_credit), counts);
      const open = (await this.o.db.query<{ n: string }>(`SELECT count(*) AS n FROM firmware_devices WHERE campaign_id = $1 AND wave <= $2 AND state NOT IN ('updated', 'failed', 'rolled_back', 'cancelled')`, [id, wave])).rows[0]!;
      if (num(open.n) > 0) return;
      if (wave + 1 < waves.length) {
        await this.o.db.query('UPDATE firmware_campaigns SET current_wave = $2, updated_at_ms = $3 WHERE id = $1', [id, wave + 1, this.now()]);
        this.o.logger.info({ campaign: id, wave: wave + 2 }, 'firmware campaign: next wave');
        continue;
      }
      await this.o.db.query(`UPDATE firmware_campaigns SET status = 'completed', updated_at_ms = $2 WHERE id = $1`, [id, this.now()]);
      await this.o.audit.write({ ...SYSTEM, action: 'firmware.campaign.complete', targetType: 'firmware_campaign', target: String(id), outcome: 'completed', details: { ...counts } });
      return;
    }
  }

  private async startPending(id: number, firmwareId: number, wave: number, minCredit: number, counts: Record<DeviceState, number>): Promise<void> {
    let room = this.o.maxInFlight - ACTIVE.reduce((a, s) => a + counts[s as DeviceState], 0);
    if (room <= 0) return;
    const pending = (await this.o.db.query<Row>(
      `SELECT d.meter_id, s.relay, s.credit FROM firmware_devices d LEFT JOIN meter_state s ON s.meter_id = d.meter_id
       WHERE d.campaign_id = $1 AND d.wave <= $2 AND d.state = 'pending' ORDER BY d.wave, d.meter_id`, [id, wave],
    )).rows;
    const pkg = await this.load(firmwareId);
    if (!pkg) return;
    // Downloaded images held back from the switch (supply cut or protected time since the download began).
    const held = (await this.o.db.query<Row>(`SELECT meter_id FROM firmware_devices WHERE campaign_id = $1 AND state = 'downloaded' AND waiting IS NOT NULL`, [id])).rows;
    for (const h of held) {
      const meterId = String(h.meter_id);
      const hold = await this.holdOf(meterId, minCredit);
      if (hold) await this.o.db.query('UPDATE firmware_devices SET waiting = $3 WHERE campaign_id = $1 AND meter_id = $2', [id, meterId, hold]);
      else await this.issue(id, meterId, { type: 'firmwareInstall', firmwareId }, 'updating', {});
    }
    for (const p of pending) {
      if (room <= 0) break;
      const meterId = String(p.meter_id);
      const hold = await this.holdOf(meterId, minCredit, { relay: p.relay, credit: p.credit });
      if (hold) {
        await this.o.db.query('UPDATE firmware_devices SET waiting = $3 WHERE campaign_id = $1 AND meter_id = $2', [id, meterId, hold]);
        continue;
      }
      room--;
      await this.issue(id, meterId, { type: 'firmware', firmwareId }, 'downloading', {});
    }
  }

  /** Why this meter must not start (or switch to) new firmware now, or null: supply cut, credit margin, protected time. */
  private async holdOf(meterId: string, minCredit: number, state?: { relay: unknown; credit: unknown }): Promise<string | null> {
    const s = state ?? (await this.o.db.query<{ relay: unknown; credit: unknown }>('SELECT relay, credit FROM meter_state WHERE meter_id = $1', [meterId])).rows[0];
    if (s?.relay === 'open') return 'supply is cut: no update on a meter without supply';
    if (s?.credit != null && num(s.credit) < minCredit) return `credit ${num(s.credit)} below the margin ${minCredit}`;
    return (await this.o.holdFor?.(meterId, this.now())) ?? null;
  }

  /** Issues the next command of a meter's update and records its reference (a refusal to issue fails the meter). */
  private async issue(campaignId: number, meterId: string, body: { type: string } & Record<string, unknown>, state: DeviceState, extra: { nextChunk?: number; retries?: number }): Promise<void> {
    try {
      const rec = await this.o.commands.issue(meterId, body, { issuer: 'system:firmware', ttlMs: this.o.commandTtlMs, note: `firmware campaign ${campaignId}` });
      await this.o.db.query(
        `UPDATE firmware_devices SET state = $3, command_ref = $4, next_chunk = COALESCE($5, next_chunk), chunk_retries = COALESCE($6, chunk_retries), waiting = NULL, updated_at_ms = $7
         WHERE campaign_id = $1 AND meter_id = $2`,
        [campaignId, meterId, state, rec.reference, extra.nextChunk ?? null, extra.retries ?? null, this.now()],
      );
    } catch (err) {
      this.o.logger.warn({ err, campaign: campaignId, meter: meterId }, 'firmware command could not be issued');
      await this.finishDevice(campaignId, meterId, 'failed', `not_issued: ${(err as Error).message}`.slice(0, 200));
    }
  }

  private async finishDevice(campaignId: number, meterId: string, state: DeviceState, reason: string | null): Promise<void> {
    await this.o.db.query('UPDATE firmware_devices SET state = $3, reason = $4, waiting = NULL, updated_at_ms = $5 WHERE campaign_id = $1 AND meter_id = $2', [campaignId, meterId, state, reason, this.now()]);
  }

  /** A firmware command finished (CommandService 'finished'): the meter's next step. */
  onCommandFinished(rec: CommandRecord): Promise<void> {
    if (!(FIRMWARE_KINDS as readonly string[]).includes(rec.type)) return Promise.resolve();
    let campaign: number | null = null;
    let meter = '';
    return this.serial(async () => {
      const d = (await this.o.db.query<Row>(
        `SELECT d.*, c.firmware_id, c.min_credit, c.status AS campaign_status FROM firmware_devices d JOIN firmware_campaigns c ON c.id = d.campaign_id WHERE d.command_ref = $1`, [rec.reference],
      )).rows[0];
      if (!d) return;
      const cid = num(d.campaign_id), meterId = String(d.meter_id), firmwareId = num(d.firmware_id);
      campaign = cid;
      meter = meterId;
      const pkg = await this.load(firmwareId);
      if (!pkg) return this.finishDevice(cid, meterId, 'failed', 'package_missing: the firmware package is no longer stored');
      const chunks = chunkCount(pkg.manifest.size, pkg.manifest.chunkSize);
      const ok = rec.status === 'acknowledged';
      const why = `${rec.result ?? rec.status}${rec.detail ? `: ${rec.detail}` : ''}`.slice(0, 300);
      const next = async (from: number) => {
        if (from < chunks) return this.issue(cid, meterId, { type: 'firmwareChunk', firmwareId, index: from }, 'downloading', { nextChunk: from, retries: 0 });
        await this.finishDevice(cid, meterId, 'downloaded', null);
        // The switch is the risky moment: not while the supply is cut or people are protected; the sweep retries.
        const hold = await this.holdOf(meterId, num(d.min_credit));
        if (hold) {
          await this.o.db.query('UPDATE firmware_devices SET waiting = $3, next_chunk = $4 WHERE campaign_id = $1 AND meter_id = $2', [cid, meterId, hold, chunks]);
          return;
        }
        return this.issue(cid, meterId, { type: 'firmwareInstall', firmwareId }, 'updating', { nextChunk: chunks });
      };
      switch (rec.type) {
        case 'firmware': {
          if (!ok) return this.finishDevice(cid, meterId, 'failed', why);
          const model = detailField(rec.detail, 'model'), version = detailField(rec.detail, 'version');
          if (model && version) {
            await this.recordInventory(meterId, model, version).catch(() => {});
            await this.o.db.query('UPDATE firmware_devices SET from_version = $3 WHERE campaign_id = $1 AND meter_id = $2', [cid, meterId, version]);
          }
          const have = Math.min(chunks, Math.max(0, Number(detailField(rec.detail, 'have') ?? 0) || 0));
          return next(have);
        }
        case 'firmwareChunk': {
          if (ok) {
            const have = Number(detailField(rec.detail, 'have'));
            return next(Number.isInteger(have) && have > num(d.next_chunk) ? Math.min(have, chunks) : num(d.next_chunk) + 1);
          }
          if (rec.result === 'chunk_hash' && num(d.chunk_retries) < this.o.maxChunkRetries) {
            return this.issue(cid, meterId, { type: 'firmwareChunk', firmwareId, index: num(d.next_chunk) }, 'downloading', { retries: num(d.chunk_retries) + 1 });
          }
          return this.finishDevice(cid, meterId, 'failed', why);
        }
        case 'firmwareInstall': {
          if (ok) {
            await this.finishDevice(cid, meterId, 'updated', null);
            await this.recordInventory(meterId, pkg.manifest.model, pkg.manifest.version);
            return;
          }
          return this.finishDevice(cid, meterId, rec.result === 'rolled_back' ? 'rolled_back' : 'failed', why);
        }
      }
    }).then(async () => {
      if (campaign === null) return;
      // Only a meter that finished changes what the campaign does next (wave, threshold, room for another meter).
      const r = await this.o.db.query<{ state: DeviceState }>('SELECT state FROM firmware_devices WHERE campaign_id = $1 AND meter_id = $2', [campaign, meter]);
      if (r.rows[0] && TERMINAL.has(r.rows[0].state)) await this.tick(campaign);
    });
  }
}

export { TERMINAL as TERMINAL_DEVICE_STATES };

// Onboarding physical meters: registration (one, or a vendor's CSV delivery, all-or-nothing and idempotent),
// the life cycle, and MQTT credentials (issued once, rotated, revoked; listeners hear every change so that
// live sessions can be dropped and external brokers re-provisioned). STS parameters are stored; the
// decoder keys derived from them never leave the key store (the prepaid module's).
import { z } from 'zod';
import { DomainError, hashMachineSecret, randomPassword, type Db, type Logger } from '../../platform/index.ts';
import { sts } from '../../protocols/index.ts';
import type { AuditActor, AuditWriter } from '../audit/index.ts';
import { createMeter, getMeter, METER_STATUSES, type MeterStatus, type MeterWithState, type StsParams } from './meters.ts';
import { csvField, parseCsv, CsvSyntaxError } from './csv.ts';

export const METER_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/;

export const StsInput = z.object({
  sgc: z.union([z.string(), z.number().int()]).transform(String).pipe(z.string().regex(/^\d{6}$/, 'supply group code: 6 digits')),
  ti: z.number().int().min(0).max(99).describe('tariff index'),
  krn: z.number().int().min(1).max(9).describe('key revision number'),
  keyType: z.number().int().min(0).max(3),
  baseDate: z.union([z.literal(1993), z.literal(2014), z.literal(2035)]),
  ea: z.enum(['STA', 'DEA', 'MISTY1']).optional(),
  dkga: z.enum(['02', '04']).optional(),
}).strict();
export type StsInput = z.infer<typeof StsInput>;

export const NewMeterInput = z.object({
  id: z.string().regex(METER_ID, 'meter number: letters, digits, . _ - (up to 32)'),
  service: z.enum(['electricity', 'water']),
  transport: z.enum(['mqtt', 'serial']).default('mqtt'),
  area: z.string().trim().min(1).max(64),
  model: z.string().trim().min(1).max(64).optional(),
  tariffClass: z.string().trim().min(1).max(32).optional(),
  status: z.enum(['in_stock', 'installed', 'active']).default('in_stock'),
  relayNeedsButton: z.boolean().optional(),
  sts: StsInput.optional(),
}).strict();
export type NewMeterInput = z.infer<typeof NewMeterInput>;

export const MeterPatch = z.object({
  area: z.string().trim().min(1).max(64).optional(),
  model: z.string().trim().min(1).max(64).nullable().optional(),
  tariffClass: z.string().trim().min(1).max(32).optional(),
  status: z.enum(METER_STATUSES).optional(),
  relayNeedsButton: z.boolean().optional(),
  sts: StsInput.optional(),
}).strict();
export type MeterPatch = z.infer<typeof MeterPatch>;

/** Allowed life-cycle moves. A decommissioned meter stays decommissioned (its history is kept). */
export const NEXT_STATUS: Readonly<Record<MeterStatus, readonly MeterStatus[]>> = {
  in_stock: ['installed', 'decommissioned'],
  installed: ['active', 'in_stock', 'decommissioned'],
  active: ['suspended', 'decommissioned'],
  suspended: ['active', 'decommissioned'],
  decommissioned: [],
};

/** Called after a rotation (the new password) or a revocation (null). */
export type CredentialsListener = (meterId: string, password: string | null) => void;

export interface ImportError {
  line: number;
  field: string;
  detail: string;
}
export interface ImportResult {
  rows: number;
  created: number;
  unchanged: number;
  dryRun: boolean;
}

/** Header names of the import file (sts fields flattened). */
export const IMPORT_COLUMNS = ['id', 'service', 'transport', 'area', 'model', 'sts_sgc', 'sts_ti', 'sts_krn', 'sts_key_type', 'sts_base_date', 'sts_ea', 'sts_dkga'] as const;
const REQUIRED_COLUMNS = ['id', 'service', 'area'];
const STS_COLUMNS = { sts_sgc: 'sgc', sts_ti: 'ti', sts_krn: 'krn', sts_key_type: 'keyType', sts_base_date: 'baseDate', sts_ea: 'ea', sts_dkga: 'dkga' } as const;
/** Rows per import request the CLI sends (and the most a request may carry). */
export const IMPORT_MAX_ROWS = 20_000;

const invalid = (code: string, message: string, extra?: Record<string, unknown>) => new DomainError('invalid', code, message, extra ? { extra } : {});

/** Checks STS parameters against the meter number (the same checks the key store makes before deriving a key). */
export function checkSts(meterId: string, p: StsInput): string | null {
  try {
    const ea = p.ea ?? (p.dkga === '04' ? 'MISTY1' : 'STA');
    sts.makeDecoderKeyParams({ ...p, ea, dkga: p.dkga ?? (ea === 'MISTY1' ? '04' : '02'), meter: meterId });
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}

function stsOf(p: StsInput | undefined): Partial<StsParams> {
  if (!p) return {};
  const out: Partial<StsParams> = { sgc: p.sgc, ti: p.ti, krn: p.krn, keyType: p.keyType, baseDate: p.baseDate };
  if (p.ea) out.ea = p.ea;
  if (p.dkga) out.dkga = p.dkga;
  return out;
}

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
function sortKeys(v: unknown): unknown {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return v;
  return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)).map(([k, x]) => [k, sortKeys(x)]));
}

export interface FleetDeps {
  db: Db;
  audit: AuditWriter;
  logger: Logger;
  /** Forget cached directory answers about a meter (it was just registered or changed). */
  invalidate: (meterId: string) => void;
}

export class FleetService {
  private readonly listeners: CredentialsListener[] = [];
  constructor(private readonly d: FleetDeps) {}

  onCredentialsChanged(listener: CredentialsListener): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  private emit(meterId: string, password: string | null): void {
    for (const l of this.listeners) {
      try {
        l(meterId, password);
      } catch (err) {
        this.d.logger.error({ err, meter: meterId }, 'credentials listener failed');
      }
    }
  }

  async register(input: NewMeterInput, actor: AuditActor): Promise<MeterWithState> {
    if (input.sts) {
      const bad = checkSts(input.id, input.sts);
      if (bad) throw invalid('bad_sts_params', `sts: ${bad}`, { field: 'sts' });
    }
    const created = await this.d.db.transaction(async (tx) => {
      const exists = await tx.query('SELECT 1 FROM meters WHERE id = $1 FOR UPDATE', [input.id]);
      if (exists.rows.length) throw new DomainError('conflict', 'meter_exists', `meter ${input.id} is already registered`);
      await createMeter(tx, {
        id: input.id, service: input.service, transport: input.transport, area: input.area, model: input.model ?? null, status: input.status,
        sts: stsOf(input.sts), ...(input.tariffClass ? { tariffClass: input.tariffClass } : {}), ...(input.relayNeedsButton !== undefined ? { relayNeedsButton: input.relayNeedsButton } : {}),
      });
      await this.d.audit.write({ ...actor, action: 'meter.create', targetType: 'meter', target: input.id, meterId: input.id, outcome: 'executed', details: { service: input.service, area: input.area, transport: input.transport, status: input.status } }, tx);
      return (await getMeter(tx, input.id))!;
    });
    this.d.invalidate(input.id);
    return created;
  }

  async update(id: string, patch: MeterPatch, actor: AuditActor): Promise<MeterWithState> {
    let revoked = false;
    const out = await this.d.db.transaction(async (tx) => {
      const cur = await getMeter(tx, id);
      if (!cur) throw new DomainError('not_found', 'unknown_meter', `unknown meter ${id}`, { slug: 'not-found', exposeCode: false });
      if (patch.status && patch.status !== cur.status && !NEXT_STATUS[cur.status].includes(patch.status)) {
        throw new DomainError('conflict', 'bad_status_change', `a meter that is ${cur.status} cannot become ${patch.status}` + (NEXT_STATUS[cur.status].length ? ` (allowed: ${NEXT_STATUS[cur.status].join(', ')})` : ''));
      }
      if (cur.status === 'decommissioned' && Object.keys(patch).some((k) => k !== 'status')) {
        throw new DomainError('conflict', 'meter_decommissioned', `meter ${id} is decommissioned; its record is kept as history and cannot change`);
      }
      if (patch.sts) {
        const bad = checkSts(id, patch.sts);
        if (bad) throw invalid('bad_sts_params', `sts: ${bad}`, { field: 'sts' });
      }
      const sets: string[] = [];
      const params: unknown[] = [id];
      const set = (col: string, v: unknown) => {
        params.push(v);
        sets.push(`${col} = $${params.length}`);
      };
      if (patch.area !== undefined) set('area', patch.area);
      if (patch.model !== undefined) set('model', patch.model);
      if (patch.tariffClass !== undefined) set('tariff_class', patch.tariffClass);
      if (patch.relayNeedsButton !== undefined) set('relay_needs_button', patch.relayNeedsButton);
      if (patch.sts !== undefined) set('sts', JSON.stringify(stsOf(patch.sts)));
      if (patch.status !== undefined && patch.status !== cur.status) {
        set('status', patch.status);
        sets.push('status_changed_at = now()');
        // A decommissioned meter loses its MQTT login at once.
        if (patch.status === 'decommissioned' && cur.hasCredentials) {
          sets.push('mqtt_password_hash = NULL', 'credentials_issued_at = NULL');
          revoked = true;
        }
      }
      if (sets.length) await tx.query(`UPDATE meters SET ${sets.join(', ')} WHERE id = $1`, params);
      const changed = Object.fromEntries(Object.entries(patch).filter(([k]) => k !== 'sts'));
      await this.d.audit.write({
        ...actor, action: patch.status && patch.status !== cur.status ? `meter.${patch.status}` : 'meter.update', targetType: 'meter', target: id, meterId: id, outcome: 'executed',
        details: { changed, ...(patch.sts ? { sts: 'changed' } : {}), from: cur.status, ...(revoked ? { credentials: 'revoked' } : {}) },
      }, tx);
      return (await getMeter(tx, id))!;
    });
    this.d.invalidate(id);
    if (revoked) this.emit(id, null);
    return out;
  }

  /** New MQTT credentials (the first, or a rotation: the old password stops working and live sessions are dropped). Shown once. */
  async issueCredentials(id: string, actor: AuditActor, o: { batch?: string } = {}): Promise<{ username: string; password: string; rotated: boolean }> {
    const password = randomPassword(18);
    const rotated = await this.d.db.transaction(async (tx) => {
      const r = await tx.query<{ transport: string; status: MeterStatus; mqtt_password_hash: string | null }>('SELECT transport, status, mqtt_password_hash FROM meters WHERE id = $1 FOR UPDATE', [id]);
      const m = r.rows[0];
      if (!m) throw new DomainError('not_found', 'unknown_meter', `unknown meter ${id}`, { slug: 'not-found', exposeCode: false });
      if (m.transport !== 'mqtt') throw new DomainError('conflict', 'not_mqtt', `meter ${id} is a serial meter: it has no MQTT login`);
      if (m.status === 'decommissioned') throw new DomainError('conflict', 'meter_decommissioned', `meter ${id} is decommissioned`);
      await tx.query('UPDATE meters SET mqtt_password_hash = $2, credentials_issued_at = now() WHERE id = $1', [id, hashMachineSecret(password)]);
      const had = m.mqtt_password_hash != null;
      await this.d.audit.write({ ...actor, action: had ? 'meter.credentials.rotate' : 'meter.credentials.issue', targetType: 'meter', target: id, meterId: id, outcome: 'executed', ...(o.batch ? { details: { batch: o.batch } } : {}) }, tx);
      return had;
    });
    this.emit(id, password);
    return { username: id, password, rotated };
  }

  async revokeCredentials(id: string, actor: AuditActor): Promise<void> {
    await this.d.db.transaction(async (tx) => {
      const r = await tx.query('UPDATE meters SET mqtt_password_hash = NULL, credentials_issued_at = NULL WHERE id = $1 RETURNING id', [id]);
      if (!r.rows.length) throw new DomainError('not_found', 'unknown_meter', `unknown meter ${id}`, { slug: 'not-found', exposeCode: false });
      await this.d.audit.write({ ...actor, action: 'meter.credentials.revoke', targetType: 'meter', target: id, meterId: id, outcome: 'executed' }, tx);
    });
    this.emit(id, null);
  }

  /** Credentials for a factory batch: CSV `id,password` for the meter vendor to program; one audit entry names the batch. */
  async factoryBatch(ids: string[], actor: AuditActor): Promise<{ batch: string; csv: string }> {
    const unique = [...new Set(ids)];
    const known = await this.d.db.query<{ id: string; transport: string; status: string }>('SELECT id, transport, status FROM meters WHERE id = ANY($1::text[])', [unique]);
    const byId = new Map(known.rows.map((r) => [r.id, r]));
    const missing = unique.filter((id) => !byId.has(id));
    if (missing.length) throw invalid('unknown_meters', `unknown meters: ${missing.slice(0, 20).join(', ')}${missing.length > 20 ? ` and ${missing.length - 20} more` : ''}`);
    const unfit = unique.filter((id) => byId.get(id)!.transport !== 'mqtt' || byId.get(id)!.status === 'decommissioned');
    if (unfit.length) throw new DomainError('conflict', 'meters_unfit', `serial or decommissioned meters have no MQTT login: ${unfit.slice(0, 20).join(', ')}`);
    const batch = `FB-${new Date().toISOString().replace(/[-:]/g, '').slice(0, 15)}-${randomPassword(3)}`;
    const lines = ['id,password'];
    for (const id of unique) {
      const c = await this.issueCredentials(id, actor, { batch });
      lines.push(`${csvField(c.username)},${csvField(c.password)}`);
    }
    await this.d.audit.write({ ...actor, action: 'meter.credentials.batch', targetType: 'batch', target: batch, outcome: 'executed', details: { meters: unique.length, first: unique[0], last: unique[unique.length - 1] } });
    return { batch, csv: lines.join('\r\n') + '\r\n' };
  }

  /**
   * A vendor's delivery as CSV. Every row is checked before anything is written; any bad row → one
   * `unprocessable` error listing every `{line, field, detail}` and nothing imported. A row for a meter
   * already registered with the same fields is a no-op (re-import); with different fields it is an error.
   */
  async importCsv(text: string, actor: AuditActor, o: { dryRun?: boolean; firstLine?: number; areas?: string[] } = {}): Promise<ImportResult> {
    const offset = (o.firstLine ?? 1) - 1;
    const errors: ImportError[] = [];
    const fail = (line: number, field: string, detail: string) => errors.push({ line: line + offset, field, detail });
    let records;
    try {
      records = parseCsv(text);
    } catch (err) {
      if (err instanceof CsvSyntaxError) throw unprocessable([{ line: err.line + offset, field: '', detail: err.message }]);
      throw err;
    }
    if (!records.length) throw unprocessable([{ line: 1 + offset, field: '', detail: 'empty file: a header row is needed' }]);
    const header = records[0]!.fields.map((h) => h.trim().toLowerCase());
    for (const h of header) if (!(IMPORT_COLUMNS as readonly string[]).includes(h)) fail(records[0]!.line, h, `unknown column (columns: ${IMPORT_COLUMNS.join(', ')})`);
    for (const h of REQUIRED_COLUMNS) if (!header.includes(h)) fail(records[0]!.line, h, 'required column missing');
    if (new Set(header).size !== header.length) fail(records[0]!.line, '', 'a column appears twice');
    if (errors.length) throw unprocessable(errors);
    const rows = records.slice(1);
    if (rows.length > IMPORT_MAX_ROWS) throw unprocessable([{ line: rows[IMPORT_MAX_ROWS]!.line + offset, field: '', detail: `at most ${IMPORT_MAX_ROWS} rows per request: split the file (raseed meters import does)` }]);

    const good: { line: number; m: NewMeterInput }[] = [];
    const seen = new Map<string, number>();
    for (const rec of rows) {
      if (rec.fields.length !== header.length) {
        fail(rec.line, '', `${rec.fields.length} fields, the header has ${header.length}`);
        continue;
      }
      const get = (c: string) => {
        const i = header.indexOf(c);
        const v = i < 0 ? '' : rec.fields[i]!.trim();
        return v === '' ? undefined : v;
      };
      const stsRaw: Record<string, unknown> = {};
      let anySts = false;
      for (const [col, key] of Object.entries(STS_COLUMNS)) {
        const v = get(col);
        if (v === undefined) continue;
        anySts = true;
        stsRaw[key] = ['ti', 'krn', 'keyType', 'baseDate'].includes(key) ? (/^\d+$/.test(v) ? Number(v) : v) : v;
      }
      const candidate = {
        id: get('id'), service: get('service'), transport: get('transport'), area: get('area'), model: get('model'),
        ...(anySts ? { sts: stsRaw } : {}),
      };
      const parsed = NewMeterInput.safeParse(Object.fromEntries(Object.entries(candidate).filter(([, v]) => v !== undefined)));
      if (!parsed.success) {
        for (const issue of parsed.error.issues) fail(rec.line, columnOf(issue.path), issue.message);
        continue;
      }
      const m = parsed.data;
      if (m.sts) {
        const bad = checkSts(m.id, m.sts);
        if (bad) {
          fail(rec.line, 'sts', bad);
          continue;
        }
      }
      if (o.areas?.length && !o.areas.includes(m.area)) {
        fail(rec.line, 'area', `outside your areas (${o.areas.join(', ')})`);
        continue;
      }
      const dup = seen.get(m.id);
      if (dup !== undefined) {
        fail(rec.line, 'id', `meter ${m.id} already appears on line ${dup + offset}`);
        continue;
      }
      seen.set(m.id, rec.line);
      good.push({ line: rec.line, m });
    }
    if (errors.length) throw unprocessable(errors);

    return this.d.db.transaction(async (tx) => {
      const ids = good.map((g) => g.m.id);
      const existing = new Map<string, Record<string, unknown>>();
      for (let i = 0; i < ids.length; i += 5000) {
        const r = await tx.query<Record<string, unknown>>('SELECT id, service, transport, area, model, sts FROM meters WHERE id = ANY($1::text[])', [ids.slice(i, i + 5000)]);
        for (const row of r.rows) existing.set(row.id as string, row);
      }
      const fresh: NewMeterInput[] = [];
      for (const { line, m } of good) {
        const cur = existing.get(m.id);
        if (!cur) {
          fresh.push(m);
          continue;
        }
        const curSts = typeof cur.sts === 'string' ? JSON.parse(cur.sts) : cur.sts;
        const diffs: [string, boolean][] = [
          ['service', cur.service !== m.service], ['transport', cur.transport !== m.transport], ['area', cur.area !== m.area],
          ['model', (cur.model ?? undefined) !== m.model], ['sts', !sameJson(curSts ?? {}, stsOf(m.sts))],
        ];
        for (const [field, differs] of diffs) if (differs) fail(line, field, `meter ${m.id} is already registered with a different ${field}`);
      }
      if (errors.length) throw unprocessable(errors);
      if (!o.dryRun && fresh.length) {
        for (let i = 0; i < fresh.length; i += 5000) {
          const part = fresh.slice(i, i + 5000);
          await tx.query(
            `INSERT INTO meters (id, service, transport, area, model, sts, status)
             SELECT id, service, transport, area, model, sts::jsonb, 'in_stock' FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) AS t(id, service, transport, area, model, sts)
             ON CONFLICT (id) DO NOTHING`,
            [part.map((m) => m.id), part.map((m) => m.service), part.map((m) => m.transport), part.map((m) => m.area), part.map((m) => m.model ?? null), part.map((m) => JSON.stringify(stsOf(m.sts)))],
          );
        }
        await this.d.audit.write({
          ...actor, action: 'meter.import', targetType: 'meters', target: `${fresh.length} meters`, outcome: 'executed',
          details: { rows: good.length, created: fresh.length, unchanged: good.length - fresh.length, first: fresh[0]!.id, last: fresh[fresh.length - 1]!.id },
        }, tx);
      }
      if (!o.dryRun) for (const m of fresh) this.d.invalidate(m.id);
      return { rows: good.length, created: fresh.length, unchanged: good.length - fresh.length, dryRun: Boolean(o.dryRun) };
    });
  }
}

function columnOf(path: PropertyKey[]): string {
  if (path[0] === 'sts') {
    const key = String(path[1] ?? '');
    return Object.entries(STS_COLUMNS).find(([, k]) => k === key)?.[0] ?? 'sts';
  }
  return String(path[0] ?? '');
}

export function unprocessable(errors: ImportError[]): DomainError {
  const first = errors[0]!;
  return new DomainError('unprocessable', 'import_rejected', `nothing imported: ${errors.length} error${errors.length > 1 ? 's' : ''}; first on line ${first.line}${first.field ? ` (${first.field})` : ''}: ${first.detail}`, {
    slug: 'import-rejected', extra: { errors: errors.slice(0, 1000), errorCount: errors.length },
  });
}

// Attachments of a case (photos of a meter, a receipt, a visit's photos): only a few types, checked by
// their first bytes and not by what the client claims, a size limit, stored under DATA_DIR/desk/ by
// content hash (or in the database when the store is in memory), served as downloads only.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Queryable } from '../../platform/index.ts';
import { DomainError } from '../../platform/index.ts';
import type { Actor, DeskService } from './service.ts';

export const ATTACHMENT_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf', 'text/plain'] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];
export const DEFAULT_MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;
export const MAX_ATTACHMENTS_PER_CASE = 20;

export interface Attachment {
  id: number;
  reference: string;
  visitId: number | null;
  filename: string;
  contentType: AttachmentType;
  size: number;
  sha256: string;
  uploadedBy: string;
  createdAt: number;
}

/** The type the bytes really are (magic numbers), or null when not one we accept. Plain text: UTF-8 with no control bytes and no markup opener. */
export function sniff(buf: Buffer): AttachmentType | null {
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'image/jpeg';
  if (buf.length >= 8 && buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (buf.length >= 12 && buf.subarray(0, 4).toString('latin1') === 'RIFF' && buf.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  if (buf.length >= 5 && buf.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  const text = buf.toString('utf8');
  if (Buffer.from(text, 'utf8').equals(buf) && ![...text].some((ch) => { const c = ch.charCodeAt(0); return (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f; }) && !/<\s*[a-z!?/]/i.test(text.slice(0, 1024))) return 'text/plain';
  return null;
}

/** A filename safe to put in a header and on disk listings: no path, no control characters, at most 120 characters. */
export function safeFilename(name: string | undefined, type: AttachmentType): string {
  const base = (name ?? '').split(/[\\/]/).pop()!.split('').filter((ch) => ch.charCodeAt(0) >= 0x20 && ch.charCodeAt(0) !== 0x7f && ch !== '"').join('').trim().slice(0, 120);
  const ext = { 'image/jpeg': '.jpg', 'image/png': '.png', 'image/webp': '.webp', 'application/pdf': '.pdf', 'text/plain': '.txt' }[type];
  if (!base) return `attachment${ext}`;
  return base.toLowerCase().endsWith(ext) || (type === 'image/jpeg' && /\.jpe?g$/i.test(base)) ? base : base + ext;
}

/** RFC 6266 / 5987 Content-Disposition: always an attachment, never inline. */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/[\\"]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

type Row = Record<string, unknown>;
const toAttachment = (r: Row): Attachment => ({
  id: Number(r.id), reference: r.reference as string, visitId: r.visit_id == null ? null : Number(r.visit_id), filename: r.filename as string,
  contentType: r.content_type as AttachmentType, size: Number(r.size_bytes), sha256: r.sha256 as string, uploadedBy: r.uploaded_by as string, createdAt: Number(r.created_at_ms),
});

export class AttachmentStore {
  constructor(private readonly desk: DeskService, private readonly dir: string | null, readonly maxBytes = DEFAULT_MAX_ATTACHMENT_BYTES) {}

  async add(reference: string, file: { filename?: string; declaredType?: string; data: Buffer; visitId?: number | null }, actor: Actor): Promise<Attachment> {
    const c = await this.desk.mustGet(reference);
    if (file.data.length === 0) throw new DomainError('invalid', 'attachment_empty', 'the file is empty');
    if (file.data.length > this.maxBytes) throw new DomainError('invalid', 'attachment_too_large', `attachments are limited to ${this.maxBytes} bytes`);
    const type = sniff(file.data);
    if (!type) throw new DomainError('invalid', 'attachment_type_refused', `only ${ATTACHMENT_TYPES.join(', ')} are accepted (checked by content)`);
    const declared = (file.declaredType ?? '').split(';')[0]!.trim().toLowerCase();
    if (declared && declared !== 'application/octet-stream' && declared !== type && !(declared === 'image/jpg' && type === 'image/jpeg')) {
      throw new DomainError('invalid', 'attachment_type_mismatch', `the file is ${type} but was sent as ${declared}`);
    }
    if (file.visitId != null) {
      const v = await this.desk.visit(file.visitId);
      if (!v || v.reference !== c.reference) throw new DomainError('invalid', 'unknown_visit', `no visit ${file.visitId} on ${c.reference}`);
    }
    const sha = createHash('sha256').update(file.data).digest('hex');
    let path: string | null = null;
    if (this.dir) {
      await mkdir(this.dir, { recursive: true });
      path = join(this.dir, sha);
      const tmp = `${path}.${process.pid}.tmp`;
      await writeFile(tmp, file.data, { mode: 0o600 });
      await rename(tmp, path);
    }
    const filename = safeFilename(file.filename, type);
    return this.desk.db.transaction(async (tx: Queryable) => {
      const count = await tx.query<Row>('SELECT count(*) AS n FROM desk_attachments WHERE reference = $1', [c.reference]);
      if (Number(count.rows[0]!.n) >= MAX_ATTACHMENTS_PER_CASE) throw new DomainError('conflict', 'too_many_attachments', `a case holds at most ${MAX_ATTACHMENTS_PER_CASE} attachments`);
      const r = await tx.query<Row>(
        `INSERT INTO desk_attachments (reference, visit_id, filename, content_type, size_bytes, sha256, stored, path, data, uploaded_by, created_at_ms)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id, reference, visit_id, filename, content_type, size_bytes, sha256, uploaded_by, created_at_ms`,
        [c.reference, file.visitId ?? null, filename, type, file.data.length, sha, path ? 'file' : 'db', path ? sha : null, path ? null : file.data, actor.actor, this.desk.now()],
      );
      const a = toAttachment(r.rows[0]!);
      await this.desk.audit.write({ ...actor, action: 'case.attachment', targetType: 'case', target: c.reference, meterId: c.meterId, outcome: 'stored', details: { id: a.id, filename, type, size: a.size, sha256: sha, visitId: a.visitId } }, tx);
      return a;
    });
  }

  async list(reference: string): Promise<Attachment[]> {
    const r = await this.desk.db.query<Row>('SELECT id, reference, visit_id, filename, content_type, size_bytes, sha256, uploaded_by, created_at_ms FROM desk_attachments WHERE reference = $1 ORDER BY id', [reference]);
    return r.rows.map(toAttachment);
  }

  async read(reference: string, id: number): Promise<{ meta: Attachment; data: Buffer } | null> {
    const r = await this.desk.db.query<Row>('SELECT * FROM desk_attachments WHERE reference = $1 AND id = $2', [reference, id]);
    const row = r.rows[0];
    if (!row) return null;
    const meta = toAttachment(row);
    if (row.stored === 'db') return { meta, data: Buffer.from(row.data as Uint8Array) };
    if (!this.dir) return null;
    return { meta, data: await readFile(join(this.dir, row.path as string)) };
  }
}

// Firmware transfer to a serial meter in IEC 62056-21 programming mode (the Raseed profile's manufacturer-specific
// registers C.60.x, beside the prepaid ones in profile.ts). IEC 62056-21 has no file transfer of its own: W1 writes
// ASCII data sets, and a data set's values are at most 128 printable characters without ( ) * / !, so binary data
// (the image, and the signed manifest whose base64 signature has '/') travels as hexadecimal, split into values.
//
// | reduced id | meaning                                               | values                                   | access |
// |------------|-------------------------------------------------------|------------------------------------------|--------|
// | C.60.0     | bootloader status                                     | (model)(active version)(chunks held)      | R1     |
// | C.60.1     | offer: the signed manifest                             | (firmwareId)(hex of {manifest,signature})…| W1     |
// | C.60.2     | one block of a chunk (≤ FW_BLOCK_BYTES)                | (chunk index)(byte offset)(hex)…          | W1     |
// | C.60.3     | end of a chunk: the meter checks the chunk's SHA-256   | (firmwareId)(chunk index)(sha256 hex)     | W1     |
// | C.60.4     | install: whole image SHA-256 and signature, switch     | (firmwareId)                              | W1     |
//
// A refusal is the meter's IEC 62056-21 error message `(ERR:<reason>)` with the bootloader's reason (bad_signature,
// chunk_hash, hash_mismatch, rolled_back, ...). A chunk is complete only once C.60.3 is acknowledged; blocks of a chunk
// whose end never came are dropped by the meter when the chunk starts again at offset 0 (a resumed transfer).
import type { DataSet, DataValue } from './dataset.ts';
import { Iec62056Error } from './errors.ts';

export const FW_OBIS = {
  status: 'C.60.0',
  offer: 'C.60.1',
  block: 'C.60.2',
  commit: 'C.60.3',
  install: 'C.60.4',
} as const;

/** Image bytes per C.60.2 write: 512 bytes are 1024 hex digits in 8 values, a frame of about 1.1 kB. */
export const FW_BLOCK_BYTES = 512;
/** Longest offer payload (manifest and signature as JSON), bytes. */
export const FW_OFFER_MAX_BYTES = 4096;
const VALUE_HEX = 128;

/** Bytes as hexadecimal values of at most 128 digits each. */
export function hexValues(bytes: Uint8Array): DataValue[] {
  const hex = Buffer.from(bytes).toString('hex');
  const out: DataValue[] = [];
  for (let i = 0; i < hex.length; i += VALUE_HEX) out.push({ value: hex.slice(i, i + VALUE_HEX) });
  return out;
}

/** The inverse of hexValues; throws Iec62056Error('malformed') for anything but pairs of hex digits. */
export function fromHexValues(values: DataValue[], what: string): Buffer {
  const hex = values.map((v) => v.value).join('');
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) throw new Iec62056Error('malformed', `${what}: not hexadecimal data`);
  return Buffer.from(hex, 'hex');
}

function int(v: DataValue | undefined, what: string, max = Number.MAX_SAFE_INTEGER): number {
  const t = v?.value.trim() ?? '';
  if (!/^\d{1,15}$/.test(t) || Number(t) > max) throw new Iec62056Error('malformed', `${what}: ${JSON.stringify(v?.value ?? '')} is not a whole number`);
  return Number(t);
}

function expectAddress(ds: DataSet, address: string): void {
  if (ds.address !== address) throw new Iec62056Error('malformed', `expected register ${address}, got ${JSON.stringify(ds.address)}`);
}

// ---- C.60.1 offer ----

export interface SerialFirmwareOffer {
  firmwareId: number;
  /** Manifest and signature as sent (the meter validates them: FirmwareOfferWire, then the signature). */
  manifest: unknown;
  signature: unknown;
}

export function encodeFirmwareOffer(o: SerialFirmwareOffer): DataSet {
  const payload = Buffer.from(JSON.stringify({ manifest: o.manifest, signature: o.signature }), 'utf8');
  if (payload.length > FW_OFFER_MAX_BYTES) throw new Iec62056Error('encode', `firmware offer of ${payload.length} bytes is over ${FW_OFFER_MAX_BYTES}`);
  return { address: FW_OBIS.offer, values: [{ value: String(o.firmwareId) }, ...hexValues(payload)] };
}

export function parseFirmwareOffer(ds: DataSet): SerialFirmwareOffer {
  expectAddress(ds, FW_OBIS.offer);
  const firmwareId = int(ds.values[0], 'firmware id');
  const raw = fromHexValues(ds.values.slice(1), 'firmware offer');
  if (raw.length > FW_OFFER_MAX_BYTES) throw new Iec62056Error('malformed', 'firmware offer too long');
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new Iec62056Error('malformed', 'firmware offer is not JSON');
  }
  if (typeof body !== 'object' || body === null) throw new Iec62056Error('malformed', 'firmware offer is not an object');
  const b = body as { manifest?: unknown; signature?: unknown };
  return { firmwareId, manifest: b.manifest, signature: b.signature };
}

// ---- C.60.2 blocks and C.60.3 end of chunk ----

export interface SerialFirmwareBlock {
  index: number;
  offset: number;
  data: Buffer;
}

/** A chunk as the C.60.2 writes that carry it, in order. An empty chunk is one empty block. */
export function encodeFirmwareBlocks(index: number, chunk: Uint8Array, blockBytes = FW_BLOCK_BYTES): DataSet[] {
  const out: DataSet[] = [];
  for (let off = 0; off < chunk.length || off === 0; off += blockBytes) {
    const part = chunk.subarray(off, Math.min(chunk.length, off + blockBytes));
    out.push({ address: FW_OBIS.block, values: [{ value: String(index) }, { value: String(off) }, ...hexValues(part)] });
    if (chunk.length === 0) break;
  }
  return out;
}

export function parseFirmwareBlock(ds: DataSet): SerialFirmwareBlock {
  expectAddress(ds, FW_OBIS.block);
  const index = int(ds.values[0], 'chunk index', 1 << 24);
  const offset = int(ds.values[1], 'block offset', 1 << 24);
  return { index, offset, data: fromHexValues(ds.values.slice(2), 'firmware block') };
}

export interface SerialFirmwareCommit {
  firmwareId: number;
  index: number;
  sha256: string;
}

export function encodeFirmwareCommit(c: SerialFirmwareCommit): DataSet {
  if (!/^[0-9a-f]{64}$/.test(c.sha256)) throw new Iec62056Error('encode', 'chunk SHA-256 must be 64 lower-case hex digits');
  return { address: FW_OBIS.commit, values: [{ value: String(c.firmwareId) }, { value: String(c.index) }, { value: c.sha256 }] };
}

export function parseFirmwareCommit(ds: DataSet): SerialFirmwareCommit {
  expectAddress(ds, FW_OBIS.commit);
  const firmwareId = int(ds.values[0], 'firmware id');
  const index = int(ds.values[1], 'chunk index', 1 << 24);
  const sha256 = ds.values[2]?.value.trim().toLowerCase() ?? '';
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Iec62056Error('malformed', 'chunk SHA-256 is not 64 hex digits');
  return { firmwareId, index, sha256 };
}

// ---- C.60.4 install ----

export function encodeFirmwareInstall(firmwareId: number): DataSet {
  return { address: FW_OBIS.install, values: [{ value: String(firmwareId) }] };
}

export function parseFirmwareInstall(ds: DataSet): { firmwareId: number } {
  expectAddress(ds, FW_OBIS.install);
  return { firmwareId: int(ds.values[0], 'firmware id') };
}

// ---- C.60.0 status ----

export interface SerialFirmwareStatus {
  model: string;
  version: string;
  /** Chunks of the offered image held from the start without a gap (where a resumed transfer continues). */
  have: number;
}

export function encodeFirmwareStatus(s: SerialFirmwareStatus): DataSet {
  return { address: FW_OBIS.status, values: [{ value: s.model }, { value: s.version }, { value: String(s.have) }] };
}

export function parseFirmwareStatus(ds: DataSet): SerialFirmwareStatus {
  expectAddress(ds, FW_OBIS.status);
  const model = ds.values[0]?.value.trim() ?? '';
  const version = ds.values[1]?.value.trim() ?? '';
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(model)) throw new Iec62056Error('profile', `${FW_OBIS.status} model ${JSON.stringify(model)} is not a model name`);
  if (!/^\d{1,5}\.\d{1,5}\.\d{1,5}$/.test(version)) throw new Iec62056Error('profile', `${FW_OBIS.status} version ${JSON.stringify(version)} is not MAJOR.MINOR.PATCH`);
  return { model, version, have: int(ds.values[2], 'chunks held', 1 << 24) };
}

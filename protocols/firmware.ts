// Signed firmware packages for meters and edge agents: a manifest (model, version, size, SHA-256 of the image,
// lowest version it may be installed over, chunk size), an Ed25519 signature over the manifest's canonical form
// (so over the image's SHA-256 too), and the image. One file:
//   "RASEEDFW1\n" <JSON {manifest, signature}> "\n" <image bytes>
// A device checks the signature when offered, every chunk's SHA-256 while downloading, and the whole image's
// SHA-256 and the signature again before it switches slots. Pure functions over node:crypto (no I/O).
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { z } from 'zod';

export const FIRMWARE_FORMAT = 'raseed-fw/1';
const MAGIC = Buffer.from('RASEEDFW1\n', 'latin1');
/** Largest image a package may carry. */
export const FIRMWARE_MAX_BYTES = 16 * 1024 * 1024;
/** Default chunk size: fits a meter's 8 KiB MQTT packet limit once base64-encoded with its envelope. */
export const DEFAULT_CHUNK_BYTES = 4096;

export const FirmwareVersion = z.string().regex(/^\d{1,5}\.\d{1,5}\.\d{1,5}$/, 'a version MAJOR.MINOR.PATCH');
export const FirmwareModel = z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'a model name of letters, digits, _ . -');
const Hex64 = z.string().regex(/^[0-9a-f]{64}$/);

export const FirmwareManifest = z.object({
  format: z.literal(FIRMWARE_FORMAT),
  model: FirmwareModel,
  version: FirmwareVersion,
  /** Devices on an older version than this must go through an intermediate version first. */
  minVersion: FirmwareVersion.optional(),
  size: z.number().int().min(1).max(FIRMWARE_MAX_BYTES),
  sha256: Hex64,
  chunkSize: z.number().int().min(256).max(65_536),
  /** First 16 hex digits of the SHA-256 of the signing public key (DER). */
  keyId: z.string().regex(/^[0-9a-f]{16}$/),
  createdAt: z.string().max(40),
}).strict();
export type FirmwareManifest = z.infer<typeof FirmwareManifest>;

const Header = z.object({ manifest: FirmwareManifest, signature: z.string().regex(/^[A-Za-z0-9+/]{86}==$/) }).strict();

export interface FirmwarePackage {
  manifest: FirmwareManifest;
  /** Ed25519 signature, base64. */
  signature: string;
  image: Buffer;
}

export type FirmwareRefusal = 'malformed' | 'unknown_key' | 'bad_signature' | 'size_mismatch' | 'hash_mismatch' | 'wrong_model' | 'downgrade' | 'too_old';

export class FirmwareError extends Error {
  override name = 'FirmwareError';
  constructor(readonly reason: FirmwareRefusal, message: string) {
    super(message);
  }
}

export interface FirmwareKeyPair {
  /** PKCS#8 PEM: keep secret (file mode 0600). */
  privatePem: string;
  /** SPKI PEM. */
  publicPem: string;
}

export function generateFirmwareKeys(): FirmwareKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

export function sha256Hex(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

function publicKeyOf(k: string | KeyObject): KeyObject {
  const key = typeof k === 'string' ? createPublicKey(k) : k.type === 'private' ? createPublicKey(k) : k;
  if (key.asymmetricKeyType !== 'ed25519') throw new FirmwareError('unknown_key', 'firmware keys are Ed25519');
  return key;
}

export function firmwareKeyId(k: string | KeyObject): string {
  return sha256Hex(publicKeyOf(k).export({ type: 'spki', format: 'der' })).slice(0, 16);
}

/** The bytes the signature covers: the format tag and the manifest's fields in a fixed order. */
export function manifestSigningBytes(m: FirmwareManifest): Buffer {
  const keys = Object.keys(m).sort() as (keyof FirmwareManifest)[];
  return Buffer.from(`${FIRMWARE_FORMAT}\n${JSON.stringify(keys.map((k) => [k, m[k]]))}`, 'utf8');
}

export interface SignOptions {
  model: string;
  version: string;
  minVersion?: string;
  chunkSize?: number;
  now?: number;
}

/** Builds the manifest of an image and signs it. */
export function signFirmware(image: Buffer, o: SignOptions, privatePem: string): FirmwarePackage {
  const priv = createPrivateKey(privatePem);
  const manifest = FirmwareManifest.parse({
    format: FIRMWARE_FORMAT,
    model: o.model,
    version: o.version,
    ...(o.minVersion ? { minVersion: o.minVersion } : {}),
    size: image.length,
    sha256: sha256Hex(image),
    chunkSize: o.chunkSize ?? DEFAULT_CHUNK_BYTES,
    keyId: firmwareKeyId(priv),
    createdAt: new Date(o.now ?? Date.now()).toISOString(),
  });
  const signature = sign(null, manifestSigningBytes(manifest), priv).toString('base64');
  return { manifest, signature, image };
}

export function encodeFirmwarePackage(p: FirmwarePackage): Buffer {
  return Buffer.concat([MAGIC, Buffer.from(JSON.stringify({ manifest: p.manifest, signature: p.signature }) + '\n', 'utf8'), p.image]);
}

/** Parses a package file (no signature check: see verifyFirmware). Throws FirmwareError('malformed'). */
export function decodeFirmwarePackage(buf: Buffer): FirmwarePackage {
  if (buf.length < MAGIC.length || !buf.subarray(0, MAGIC.length).equals(MAGIC)) throw new FirmwareError('malformed', 'not a Raseed firmware package (no RASEEDFW1 header)');
  const nl = buf.indexOf(0x0a, MAGIC.length);
  if (nl < 0 || nl - MAGIC.length > 8192) throw new FirmwareError('malformed', 'firmware package header is missing or too long');
  let raw: unknown;
  try {
    raw = JSON.parse(buf.subarray(MAGIC.length, nl).toString('utf8'));
  } catch {
    throw new FirmwareError('malformed', 'firmware package header is not JSON');
  }
  const h = Header.safeParse(raw);
  if (!h.success) throw new FirmwareError('malformed', `firmware package header is not valid: ${h.error.issues[0]?.path.join('.') ?? ''} ${h.error.issues[0]?.message ?? ''}`.trim());
  return { manifest: h.data.manifest, signature: h.data.signature, image: buf.subarray(nl + 1) };
}

/** Is the manifest signed by one of these keys? Throws FirmwareError('unknown_key' | 'bad_signature'). */
export function verifyManifest(manifest: FirmwareManifest, signature: string, keys: readonly (string | KeyObject)[]): void {
  const key = keys.map(publicKeyOf).find((k) => firmwareKeyId(k) === manifest.keyId);
  if (!key) throw new FirmwareError('unknown_key', `signed with key ${manifest.keyId}, which is not a trusted firmware key`);
  const parsed = FirmwareManifest.safeParse(manifest);
  if (!parsed.success) throw new FirmwareError('malformed', 'firmware manifest is not valid');
  let ok = false;
  try {
    ok = verify(null, manifestSigningBytes(parsed.data), key, Buffer.from(signature, 'base64'));
  } catch {
    ok = false;
  }
  if (!ok) throw new FirmwareError('bad_signature', 'the firmware signature does not match its manifest');
}

/** The whole check: signature over the manifest, then the image against the manifest's size and SHA-256. */
export function verifyFirmware(p: FirmwarePackage, keys: readonly (string | KeyObject)[]): void {
  verifyManifest(p.manifest, p.signature, keys);
  if (p.image.length !== p.manifest.size) throw new FirmwareError('size_mismatch', `image is ${p.image.length} bytes, the manifest says ${p.manifest.size}`);
  if (sha256Hex(p.image) !== p.manifest.sha256) throw new FirmwareError('hash_mismatch', 'the image SHA-256 does not match the signed manifest');
}

/** -1, 0 or 1, comparing MAJOR.MINOR.PATCH numerically. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number), pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

/** May a device of this model on this version take the package? Throws FirmwareError('wrong_model' | 'downgrade' | 'too_old'). */
export function checkApplicable(manifest: FirmwareManifest, model: string, current: string): void {
  if (manifest.model !== model) throw new FirmwareError('wrong_model', `package is for model ${manifest.model}, device is ${model}`);
  if (compareVersions(manifest.version, current) <= 0) throw new FirmwareError('downgrade', `package version ${manifest.version} is not newer than ${current}`);
  if (manifest.minVersion && compareVersions(current, manifest.minVersion) < 0) throw new FirmwareError('too_old', `device version ${current} is older than the package's minimum ${manifest.minVersion}`);
}

export function chunkCount(size: number, chunkSize: number): number {
  return Math.ceil(size / chunkSize);
}

export function chunkOf(image: Buffer, index: number, chunkSize: number): Buffer {
  return image.subarray(index * chunkSize, Math.min(image.length, (index + 1) * chunkSize));
}

/** Wire forms of the three firmware commands (beside the command envelope v, ref, expiresAt, type). */
export const FirmwareOfferWire = z.object({ firmwareId: z.number().int().positive(), manifest: FirmwareManifest, signature: z.string().max(128) });
export const FirmwareChunkWire = z.object({ firmwareId: z.number().int().positive(), index: z.number().int().nonnegative(), sha256: Hex64, data: z.string().max(90_000) });
export const FirmwareInstallWire = z.object({ firmwareId: z.number().int().positive() });

// TLS material for HTTPS and MQTT over TLS (issue 16): TLS_CERT / TLS_KEY (PEM files; TLS_CA optionally, the CA
// of meters' client certificates), or for development TLS_SELF_SIGNED=true, which generates a certificate for
// localhost into DATA_DIR/tls once (reused until 30 days before it expires) — never for production: clients
// must be told to trust it (mosquitto_pub --cafile DATA_DIR/tls/cert.pem, curl --cacert ...).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import type { Config, Logger } from '../platform/index.ts';

export interface TlsMaterial {
  key: string;
  cert: string;
  ca?: string;
  /** Where the certificate came from (a file path, or "memory" for an in-memory stack's self-signed one). */
  certPath: string;
  selfSigned: boolean;
}

export class TlsConfigError extends Error {
  override name = 'TlsConfigError';
}

type TlsConfig = Pick<Config, 'TLS_CERT' | 'TLS_KEY' | 'TLS_CA' | 'TLS_SELF_SIGNED'>;

/** The TLS material the configuration asks for, or null for plain HTTP and MQTT. */
export async function loadTls(c: TlsConfig, dataDir: string | undefined, logger?: Logger): Promise<TlsMaterial | null> {
  if (c.TLS_CERT || c.TLS_KEY) {
    if (!c.TLS_CERT || !c.TLS_KEY) throw new TlsConfigError('TLS needs both TLS_CERT and TLS_KEY');
    const read = (what: string, path: string) => {
      try {
        return readFileSync(path, 'utf8');
      } catch (err) {
        throw new TlsConfigError(`cannot read ${what} ${path}: ${(err as Error).message}`);
      }
    };
    const cert = read('TLS_CERT', c.TLS_CERT);
    const key = read('TLS_KEY', c.TLS_KEY);
    const ca = c.TLS_CA ? read('TLS_CA', c.TLS_CA) : undefined;
    checkCert(cert, c.TLS_CERT, logger);
    return { key, cert, ...(ca ? { ca } : {}), certPath: c.TLS_CERT, selfSigned: false };
  }
  if (!c.TLS_SELF_SIGNED) return null;
  const ca = c.TLS_CA ? readFileSync(c.TLS_CA, 'utf8') : undefined;
  if (!dataDir) return { ...(await selfSigned()), ...(ca ? { ca } : {}), certPath: 'memory', selfSigned: true };
  const dir = join(dataDir, 'tls');
  const certPath = join(dir, 'cert.pem'), keyPath = join(dir, 'key.pem');
  if (existsSync(certPath) && existsSync(keyPath)) {
    const cert = readFileSync(certPath, 'utf8');
    if (new Date(new X509Certificate(cert).validTo).getTime() - Date.now() > 30 * 86_400_000) {
      return { key: readFileSync(keyPath, 'utf8'), cert, ...(ca ? { ca } : {}), certPath, selfSigned: true };
    }
  }
  const made = await selfSigned();
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(keyPath, made.key, { mode: 0o600 });
  writeFileSync(certPath, made.cert);
  logger?.warn({ cert: certPath }, 'TLS_SELF_SIGNED: generated a self-signed certificate for development; clients must trust this file');
  return { ...made, ...(ca ? { ca } : {}), certPath, selfSigned: true };
}

/** A self-signed P-256 certificate for localhost, 127.0.0.1, ::1 and this host's name, valid one year. */
export async function selfSigned(): Promise<{ key: string; cert: string }> {
  const notAfter = new Date(Date.now() + 365 * 86_400_000);
  const pems = await generate([{ name: 'commonName', value: 'localhost' }, { name: 'organizationName', value: 'Raseed development' }], {
    keyType: 'ec', curve: 'P-256', algorithm: 'sha256', notAfterDate: notAfter,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 2, value: hostname() }, { type: 7, ip: '127.0.0.1' }, { type: 7, ip: '::1' }] },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}

function checkCert(pem: string, path: string, logger?: Logger): void {
  let x: X509Certificate;
  try {
    x = new X509Certificate(pem);
  } catch {
    throw new TlsConfigError(`TLS_CERT ${path} is not a PEM certificate`);
  }
  const left = new Date(x.validTo).getTime() - Date.now();
  if (left <= 0) throw new TlsConfigError(`TLS_CERT ${path} expired on ${x.validTo}`);
  if (left < 30 * 86_400_000) logger?.warn({ cert: path, validTo: x.validTo }, 'TLS certificate expires within 30 days');
}

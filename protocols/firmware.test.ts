import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  FirmwareError, checkApplicable, compareVersions, decodeFirmwarePackage, encodeFirmwarePackage, generateFirmwareKeys, signFirmware, verifyFirmware,
} from './index.ts';

const keys = generateFirmwareKeys();
const other = generateFirmwareKeys();
const image = Buffer.from('raseed meter firmware image '.repeat(200));

function refusal(fn: () => void): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof FirmwareError) return err.reason;
    throw err;
  }
  return 'accepted';
}

describe('firmware packages', () => {
  const pkg = signFirmware(image, { model: 'RS-1', version: '1.2.0', chunkSize: 1024 }, keys.privatePem);

  it('a signed package survives its file form and verifies', () => {
    const back = decodeFirmwarePackage(encodeFirmwarePackage(pkg));
    expect(back.manifest).toEqual(pkg.manifest);
    expect(back.image.equals(image)).toBe(true);
    expect(refusal(() => verifyFirmware(back, [keys.publicPem]))).toBe('accepted');
  });

  it('refuses a package signed by a key it does not trust', () => {
    expect(refusal(() => verifyFirmware(pkg, [other.publicPem]))).toBe('unknown_key');
  });

  it('refuses a manifest changed after signing (version raised, or signature of another key swapped in)', () => {
    expect(refusal(() => verifyFirmware({ ...pkg, manifest: { ...pkg.manifest, version: '9.9.9' } }, [keys.publicPem]))).toBe('bad_signature');
    const forged = signFirmware(image, { model: 'RS-1', version: '1.2.0', chunkSize: 1024 }, other.privatePem);
    expect(refusal(() => verifyFirmware({ ...pkg, signature: forged.signature }, [keys.publicPem]))).toBe('bad_signature');
  });

  it('refuses any tampered image byte (hash mismatch), whatever the byte', () => {
    fc.assert(fc.property(fc.nat(image.length - 1), fc.integer({ min: 1, max: 255 }), (pos, x) => {
      const bad = Buffer.from(image);
      bad[pos] = bad[pos]! ^ x;
      return refusal(() => verifyFirmware({ ...pkg, image: bad }, [keys.publicPem])) === 'hash_mismatch';
    }), { numRuns: 50 });
    expect(refusal(() => verifyFirmware({ ...pkg, image: image.subarray(1) }, [keys.publicPem]))).toBe('size_mismatch');
  });

  it('never throws anything but FirmwareError on garbage files', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), fc.boolean(), (bytes, withMagic) => {
      const buf = Buffer.concat([withMagic ? Buffer.from('RASEEDFW1\n') : Buffer.alloc(0), Buffer.from(bytes)]);
      return refusal(() => decodeFirmwarePackage(buf)) === 'malformed';
    }), { numRuns: 200 });
  });

  it('versions compare numerically; downgrades, other models and too-old devices are refused', () => {
    expect(compareVersions('1.10.0', '1.9.9')).toBe(1);
    expect(compareVersions('2.0.0', '2.0.0')).toBe(0);
    expect(refusal(() => checkApplicable(pkg.manifest, 'RS-1', '1.1.9'))).toBe('accepted');
    expect(refusal(() => checkApplicable(pkg.manifest, 'RS-1', '1.2.0'))).toBe('downgrade');
    expect(refusal(() => checkApplicable(pkg.manifest, 'RS-2', '1.0.0'))).toBe('wrong_model');
    const min = signFirmware(image, { model: 'RS-1', version: '2.0.0', minVersion: '1.5.0' }, keys.privatePem);
    expect(refusal(() => checkApplicable(min.manifest, 'RS-1', '1.4.0'))).toBe('too_old');
  });
});

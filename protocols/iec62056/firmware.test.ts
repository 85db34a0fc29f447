// The firmware registers (C.60.x) of the Raseed serial profile: every message survives the trip through the frame
// encoder and the incremental parser (the characters a data set may carry), chunks split into blocks and join back
// byte for byte whatever their size, and bad input is a typed Iec62056Error, never anything else.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  FW_BLOCK_BYTES, FW_OBIS, Iec62056Decoder, Iec62056Error, encodeCommand, encodeFirmwareBlocks, encodeFirmwareCommit, encodeFirmwareInstall,
  encodeFirmwareOffer, encodeFirmwareStatus, parseFirmwareBlock, parseFirmwareCommit, parseFirmwareInstall, parseFirmwareOffer, parseFirmwareStatus,
  type DataSet,
} from './index.ts';
import { generateFirmwareKeys, sha256Hex, signFirmware } from '../firmware.ts';

/** A W1 data set as the meter's parser sees it after the wire. */
function overTheWire(ds: DataSet): DataSet {
  const evs = new Iec62056Decoder({ role: 'meter' }).push(encodeCommand({ command: 'W', commandType: '1', dataSet: ds }));
  expect(evs).toHaveLength(1);
  const f = evs[0]!;
  if (f.type !== 'command' || !f.dataSet) throw new Error(`not a command with a data set: ${JSON.stringify(f)}`);
  return f.dataSet;
}

describe('serial firmware registers', () => {
  it('an offer carries the signed manifest (base64 signature included) through the wire', () => {
    const pkg = signFirmware(Buffer.from('image'.repeat(100)), { model: 'RS-S1', version: '1.2.3' }, generateFirmwareKeys().privatePem);
    const back = parseFirmwareOffer(overTheWire(encodeFirmwareOffer({ firmwareId: 42, manifest: pkg.manifest, signature: pkg.signature })));
    expect(back).toEqual({ firmwareId: 42, manifest: pkg.manifest, signature: pkg.signature });
  });

  it('a chunk of any size splits into blocks of at most FW_BLOCK_BYTES and joins back byte for byte', () => {
    fc.assert(fc.property(fc.uint8Array({ minLength: 0, maxLength: 3 * FW_BLOCK_BYTES + 7 }), fc.nat(100_000), (bytes, index) => {
      const blocks = encodeFirmwareBlocks(index, bytes).map((ds) => parseFirmwareBlock(overTheWire(ds)));
      expect(blocks.length).toBe(Math.max(1, Math.ceil(bytes.length / FW_BLOCK_BYTES)));
      let offset = 0;
      for (const b of blocks) {
        expect(b.index).toBe(index);
        expect(b.offset).toBe(offset);
        expect(b.data.length).toBeLessThanOrEqual(FW_BLOCK_BYTES);
        offset += b.data.length;
      }
      expect(Buffer.concat(blocks.map((b) => b.data)).equals(Buffer.from(bytes))).toBe(true);
    }), { numRuns: 200 });
  });

  it('end of chunk, install and status round-trip', () => {
    const sha = sha256Hex('x');
    expect(parseFirmwareCommit(overTheWire(encodeFirmwareCommit({ firmwareId: 7, index: 3, sha256: sha })))).toEqual({ firmwareId: 7, index: 3, sha256: sha });
    expect(parseFirmwareInstall(overTheWire(encodeFirmwareInstall(7)))).toEqual({ firmwareId: 7 });
    expect(parseFirmwareStatus(overTheWire(encodeFirmwareStatus({ model: 'RS-S1', version: '1.0.0', have: 5 })))).toEqual({ model: 'RS-S1', version: '1.0.0', have: 5 });
  });

  it('bad input is an Iec62056Error', () => {
    const bad: [() => unknown, string][] = [
      [() => parseFirmwareBlock({ address: FW_OBIS.block, values: [{ value: '1' }, { value: '0' }, { value: 'abc' }] }), 'odd hex'],
      [() => parseFirmwareBlock({ address: FW_OBIS.block, values: [{ value: '1' }, { value: '0' }, { value: 'zz' }] }), 'not hex'],
      [() => parseFirmwareBlock({ address: FW_OBIS.block, values: [{ value: '-1' }, { value: '0' }] }), 'negative index'],
      [() => parseFirmwareBlock({ address: FW_OBIS.commit, values: [{ value: '1' }, { value: '0' }] }), 'wrong register'],
      [() => parseFirmwareCommit({ address: FW_OBIS.commit, values: [{ value: '1' }, { value: '0' }, { value: 'abc' }] }), 'short hash'],
      [() => parseFirmwareOffer({ address: FW_OBIS.offer, values: [{ value: '1' }, { value: Buffer.from('{not json').toString('hex') }] }), 'not JSON'],
      [() => parseFirmwareOffer({ address: FW_OBIS.offer, values: [{ value: 'x' }] }), 'bad id'],
      [() => parseFirmwareStatus({ address: FW_OBIS.status, values: [{ value: 'RS-S1' }, { value: 'one' }, { value: '0' }] }), 'bad version'],
      [() => encodeFirmwareCommit({ firmwareId: 1, index: 0, sha256: 'ABC' }), 'bad hash to encode'],
      [() => encodeFirmwareOffer({ firmwareId: 1, manifest: 'x'.repeat(5000), signature: '' }), 'offer too long'],
    ];
    for (const [fn, what] of bad) expect(fn, what).toThrow(Iec62056Error);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  Iec62056Decoder, Iec62056Error, Iec62056Parser, bcc, dataSetsFromReading, encodeBreak, encodeDataBlock, encodeErrorMessage,
  encodeFrame, encodeIdentification, encodeOptionSelect, encodePassword, encodeRead, encodeSignOn, encodeWrite, energyToWh,
  formatScaled, isErrorMessage, parseDataLine, parseIec62056, parseTokenResult, encodeTokenResult, readingFromDataSets,
  scaleDecimal, clockToEpochMs, type DataSet, type Iec62056Event, type Iec62056Frame,
} from './index.ts';
import type { TelemetryReading } from '../telemetry.ts';

const b = (s: string): Buffer => Buffer.from(s, 'latin1');
const frames = (evs: Iec62056Event[]): Iec62056Frame[] => evs.filter((e): e is Iec62056Frame => e.type !== 'error');
const errors = (evs: Iec62056Event[]): Iec62056Error[] => evs.flatMap((e) => (e.type === 'error' ? [e.error] : []));

describe('BCC', () => {
  it('is the XOR of the bytes after STX up to and including ETX', () => {
    // STX "1.8.0(001234.567*kWh)" CR LF "!" CR LF ETX
    const block = encodeDataBlock([{ address: '1.8.0', values: [{ value: '001234.567', unit: 'kWh' }] }]);
    const body = b('1.8.0(001234.567*kWh)\r\n!\r\n\x03');
    let x = 0;
    for (const c of body) x ^= c;
    expect(block[0]).toBe(0x02);
    expect(block[block.length - 1]).toBe(x);
    expect(bcc(block, 1, block.length - 1)).toBe(x);
  });
  it('known examples', () => {
    // B0 break: SOH 'B' '0' ETX BCC = 0x42 ^ 0x30 ^ 0x03 = 0x71
    expect([...encodeBreak()]).toEqual([0x01, 0x42, 0x30, 0x03, 0x71]);
    // P1 with password (00000000): the classic example, BCC 0x61
    expect(encodePassword('00000000')[encodePassword('00000000').length - 1]).toBe(0x61);
  });
  it('a bad BCC is rejected with a precise error, and the next frame still parses', () => {
    const good = encodeDataBlock([{ address: '1.8.0', values: [{ value: '1', unit: 'kWh' }] }]);
    const bad = Buffer.from(good);
    bad[bad.length - 1] ^= 0x55;
    const evs = parseIec62056(Buffer.concat([bad, good]), { role: 'master' });
    expect(errors(evs)).toHaveLength(1);
    expect(errors(evs)[0]!.code).toBe('bcc');
    expect(errors(evs)[0]!.message).toMatch(/bad BCC: data block of \d+ bytes has BCC 0x[0-9a-f]{2}, computed 0x[0-9a-f]{2}/);
    expect(frames(evs)).toHaveLength(1);
  });
});

describe('messages', () => {
  it('sign-on, identification, option select', () => {
    expect(b('/?12345678!\r\n')).toEqual(Buffer.from(encodeSignOn('12345678')));
    const evs = parseIec62056(b('/?12345678!\r\n/RSD5\\2RASEED-SIM\r\n\x06051\r\n'), { role: 'meter' });
    expect(frames(evs)).toEqual([
      { type: 'signOn', address: '12345678' },
      { type: 'identification', manufacturer: 'RSD', baudChar: '5', baudRate: 9600, escape: '2', identification: 'RASEED-SIM' },
      { type: 'optionSelect', protocol: '0', baudChar: '5', baudRate: 9600, modeChar: '1', mode: 'programming' },
    ]);
    expect(Buffer.from(encodeOptionSelect({ baudRate: 9600, mode: 'readout' }))).toEqual(b('\x06050\r\n'));
  });
  it('a data readout with OBIS lines and multiple values', () => {
    const text = '0.0.0(12345678901)\r\n1.8.0(001234.567*kWh)\r\nC.51.1(accept)(000010.000*kWh)\r\n!\r\n';
    const block = Buffer.concat([b('\x02'), b(text), b('\x03'), Buffer.of(bcc(b(text + '\x03')))]);
    const [f] = frames(parseIec62056(block, { role: 'master' }));
    expect(f).toEqual({
      type: 'data', complete: true, partial: false, dataSets: [
        { address: '0.0.0', values: [{ value: '12345678901' }] },
        { address: '1.8.0', values: [{ value: '001234.567', unit: 'kWh' }] },
        { address: 'C.51.1', values: [{ value: 'accept' }, { value: '000010.000', unit: 'kWh' }] },
      ],
    });
  });
  it('several data sets on one line', () => {
    expect(parseDataLine('1.8.1(1*kWh)1.8.2(2*kWh)')).toEqual([
      { address: '1.8.1', values: [{ value: '1', unit: 'kWh' }] },
      { address: '1.8.2', values: [{ value: '2', unit: 'kWh' }] },
    ]);
  });
  it('malformed lines give precise errors', () => {
    expect(() => parseDataLine('1.8.0(12')).toThrow(/unclosed '\('/);
    expect(() => parseDataLine('1.8.0')).toThrow(/has no value in parentheses/);
    expect(() => parseDataLine('1.8.0(1*)')).toThrow(/unit must have/);
    expect(() => parseDataLine('1.8.0(1))')).toThrow(/unexpected '\)'/);
    const evs = parseIec62056(encodeDataBlockRaw('1.8.0(12\r\n!\r\n'), { role: 'master' });
    expect(errors(evs).map((e) => e.code)).toEqual(['malformed']);
    expect(errors(evs)[0]!.message).toContain('malformed data line "1.8.0(12"');
  });
  it('programming commands: P1, W1, R1, B0, and error messages', () => {
    const evs = parseIec62056(Buffer.concat([encodePassword('secret'), encodeWrite('C.51.0', '12345678901234567890'), encodeRead('C.52.0'), encodeBreak()]), { role: 'meter' });
    expect(frames(evs)).toEqual([
      { type: 'command', command: 'P', commandType: '1', dataSet: { address: '', values: [{ value: 'secret' }] } },
      { type: 'command', command: 'W', commandType: '1', dataSet: { address: 'C.51.0', values: [{ value: '12345678901234567890' }] } },
      { type: 'command', command: 'R', commandType: '1', dataSet: { address: 'C.52.0', values: [{ value: '' }] } },
      { type: 'command', command: 'B', commandType: '0' },
    ]);
    const [e] = frames(parseIec62056(encodeErrorMessage('ERROR'), { role: 'master' }));
    expect(isErrorMessage(e!)).toBe(true);
  });
  it('ACK and NAK; a lone ACK waits for the next byte on the meter side', () => {
    expect(frames(parseIec62056(Buffer.of(0x06, 0x15), { role: 'master' }))).toEqual([{ type: 'ack' }, { type: 'nak' }]);
    const d = new Iec62056Decoder({ role: 'meter' });
    expect(d.push(Buffer.of(0x06))).toEqual([]);
    expect(frames(d.push(Buffer.of(0x15)))).toEqual([{ type: 'ack' }, { type: 'nak' }]);
  });
  it('resyncs after garbage and reports truncated and oversize frames', () => {
    const good = encodeSignOn('1');
    const evs = parseIec62056(Buffer.concat([b('xyz'), b('\x021.8.0(1'), good, b('/' + 'A'.repeat(100)), good]), { role: 'meter' });
    expect(errors(evs).map((e) => e.code)).toEqual(['garbage', 'truncated', 'oversize']);
    expect(frames(evs)).toEqual([{ type: 'signOn', address: '1' }, { type: 'signOn', address: '1' }]);
    const big = parseIec62056(Buffer.concat([b('\x02'), b('1'.repeat(200)), good]), { role: 'meter', maxFrameBytes: 100 });
    expect(errors(big).map((e) => e.code)).toEqual(['oversize']);
    expect(frames(big)).toEqual([{ type: 'signOn', address: '1' }]);
  });
  it('works as a stream Transform', async () => {
    const p = new Iec62056Parser({ role: 'master' });
    const got: Iec62056Event[] = [];
    p.on('data', (e: Iec62056Event) => got.push(e));
    const msg = encodeIdentification({ manufacturer: 'RSD', baudChar: '5', identification: 'X' });
    for (const byte of msg) p.write(Buffer.of(byte));
    p.end();
    await new Promise((r) => p.on('end', r));
    expect(got).toEqual([{ type: 'identification', manufacturer: 'RSD', baudChar: '5', baudRate: 9600, identification: 'X' }]);
  });
});

function encodeDataBlockRaw(text: string): Buffer {
  return Buffer.concat([b('\x02'), b(text), b('\x03'), Buffer.of(bcc(b(text + '\x03')))]);
}

// ---- property tests ----
const printable = (excl: string, min: number, max: number): fc.Arbitrary<string> =>
  fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), minLength: min, maxLength: max })
    .map((s) => [...s].filter((c) => !excl.includes(c)).join(''));
const address = printable(' ()/!', 0, 16);
const value = printable('()*/!', 0, 40);
const unit = printable(' ()*/!', 1, 8).filter((s) => s.length > 0);
const dataSet: fc.Arbitrary<DataSet> = fc.record({
  address,
  values: fc.array(fc.oneof(fc.record({ value }), fc.record({ value, unit })), { minLength: 1, maxLength: 4 }),
});
const digit = fc.integer({ min: 0, max: 9 }).map(String);
const frameArb: fc.Arbitrary<Iec62056Frame> = fc.oneof(
  printable(' ()/!?', 0, 32).map((a) => ({ type: 'signOn' as const, address: a })),
  fc.record({
    manufacturer: fc.stringMatching(/^[A-Za-z]{3}$/),
    baudChar: fc.constantFrom('0', '1', '2', '3', '4', '5', '6', 'A', 'E'),
    escape: fc.option(fc.constantFrom('2', '@', 'W'), { nil: undefined }),
    identification: printable('/!', 0, 16),
  }).map((r) => {
    const evs = frames(parseIec62056(encodeIdentification(r)));
    return evs[0]!; // baudRate derived
  }),
  fc.record({ protocol: digit, baudChar: digit, modeChar: digit }).map((r) => frames(parseIec62056(encodeOptionSelect(r), { role: 'meter' }))[0]!),
  fc.constant({ type: 'nak' as const }),
  fc.record({ dataSets: fc.array(dataSet, { maxLength: 6 }), complete: fc.boolean(), partial: fc.boolean() }).map((r) => ({ type: 'data' as const, ...r })),
  fc.record({ command: fc.constantFrom('P', 'W', 'R', 'E', 'B' as const), commandType: digit, dataSet: fc.option(dataSet.map((d) => ({ ...d, values: d.values.slice(0, 1) })), { nil: undefined }) })
    .map((r) => (r.dataSet === undefined ? { type: 'command' as const, command: r.command, commandType: r.commandType } : { type: 'command' as const, ...r, dataSet: r.dataSet })),
);

function chunked(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((x, y) => x - y);
  const out: Uint8Array[] = [];
  let prev = 0;
  for (const p of [...points, bytes.length]) { out.push(bytes.subarray(prev, p)); prev = p; }
  return out;
}

describe('properties', () => {
  it('encode → parse round trip for every message, with random chunking', () => {
    fc.assert(fc.property(fc.array(frameArb, { minLength: 1, maxLength: 6 }), fc.array(fc.nat(), { maxLength: 10 }), (fs, cuts) => {
      const bytes = Buffer.concat(fs.map((f) => encodeFrame(f)));
      const d = new Iec62056Decoder({ role: 'meter' });
      const evs: Iec62056Event[] = [];
      for (const c of chunked(bytes, cuts)) evs.push(...d.push(c));
      evs.push(...d.end());
      expect(evs).toEqual(fs);
    }), { numRuns: 400 });
  });
  it('garbage and random chunking never throw, and only yield frames or Iec62056Errors', () => {
    const noisy = fc.array(fc.oneof(
      fc.uint8Array({ maxLength: 40 }),
      frameArb.map((f) => encodeFrame(f)),
      frameArb.map((f) => { const e = Buffer.from(encodeFrame(f)); return e.subarray(0, Math.floor(e.length / 2)); }),
      fc.constantFrom(b('\x02'), b('\x01'), b('\x06'), b('/'), b('\x03'), b('\r\n')),
    ), { maxLength: 12 });
    fc.assert(fc.property(noisy, fc.array(fc.nat(), { maxLength: 10 }), fc.constantFrom('master', 'meter', 'any' as const), (parts, cuts, role) => {
      const bytes = Buffer.concat(parts);
      const d = new Iec62056Decoder({ role, maxFrameBytes: 64 });
      const evs: Iec62056Event[] = [];
      for (const c of chunked(bytes, cuts)) evs.push(...d.push(c));
      evs.push(...d.end());
      for (const e of evs) if (e.type === 'error') expect(e.error).toBeInstanceOf(Iec62056Error);
      expect(d.pending).toBe(0);
    }), { numRuns: 1000 });
  });
  it('a valid frame after garbage is always found', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 60 }), frameArb, (junk, f) => {
      const evs = parseIec62056(Buffer.concat([junk, encodeSignOn('9'), encodeFrame(f)]), { role: 'meter' });
      // the sign-on itself can be swallowed by a junk frame start; the frame after it must come out intact
      expect(frames(evs).at(-1)).toEqual(f);
    }), { numRuns: 500 });
  });
  it('encoders, line parsing and the profile mapping fail only with Iec62056Error on any input', () => {
    const onlyCodecErrors = (f: () => unknown): void => {
      try { f(); } catch (e) { expect(e).toBeInstanceOf(Iec62056Error); }
    };
    const anyText = fc.string({ maxLength: 40, unit: 'binary' });
    fc.assert(fc.property(anyText, anyText, anyText, (x, y, z) => {
      onlyCodecErrors(() => encodeSignOn(x));
      onlyCodecErrors(() => encodeWrite(x, y));
      onlyCodecErrors(() => encodeRead(x));
      onlyCodecErrors(() => encodePassword(x));
      onlyCodecErrors(() => encodeIdentification({ manufacturer: x, baudChar: y, identification: z }));
      onlyCodecErrors(() => encodeOptionSelect({ baudChar: x, modeChar: y, protocol: z }));
      onlyCodecErrors(() => encodeDataBlock([{ address: x, values: [{ value: y, unit: z }] }]));
      onlyCodecErrors(() => parseDataLine(x + y + z));
      onlyCodecErrors(() => scaleDecimal(x, 3));
      onlyCodecErrors(() => clockToEpochMs(x, y));
      onlyCodecErrors(() => parseTokenResult({ address: 'C.51.1', values: [{ value: x }, { value: y, unit: z }] }));
    }), { numRuns: 500 });
    const ds = fc.array(fc.record({
      address: fc.constantFrom('0.9.1', '0.9.2', '1.8.0', 'C.50.0', 'C.52.0', 'C.53.0', '16.7.0', '32.7.0', 'C.50.1', 'x'),
      values: fc.array(fc.record({ value: fc.oneof(fc.string({ maxLength: 12 }), fc.stringMatching(/^-?\d{1,20}(\.\d{0,6})?$/)), unit: fc.option(fc.constantFrom('kWh', 'Wh', 'W', 'kW', 'V', 'A', 'MWh', 'x'), { nil: undefined }) }), { minLength: 1, maxLength: 2 })
        .map((vs) => vs.map((v) => (v.unit === undefined ? { value: v.value } : { value: v.value, unit: v.unit }))),
    }), { maxLength: 12 });
    fc.assert(fc.property(ds, (sets) => onlyCodecErrors(() => readingFromDataSets(sets))), { numRuns: 1000 });
  });
  it('the stream Transform gives the same events under any chunking', async () => {
    await fc.assert(fc.asyncProperty(fc.array(frameArb, { minLength: 1, maxLength: 4 }), fc.array(fc.nat(), { maxLength: 8 }), async (fs, cuts) => {
      const p = new Iec62056Parser({ role: 'meter' });
      const got: Iec62056Event[] = [];
      p.on('data', (e: Iec62056Event) => got.push(e));
      const ended = new Promise((r) => p.on('end', r));
      for (const c of chunked(Buffer.concat(fs.map((f) => encodeFrame(f))), cuts)) p.write(c);
      p.end();
      await ended;
      expect(got).toEqual(fs);
    }), { numRuns: 100 });
  });
  it('decimal scaling is exact', () => {
    fc.assert(fc.property(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), fc.integer({ min: 0, max: 6 }), (n, shift) => {
      expect(scaleDecimal(formatScaled(n, shift, 6), shift)).toBe(n);
    }));
    expect(energyToWh({ value: '001234.567', unit: 'kWh' })).toBe(1234567n);
    expect(energyToWh({ value: '999999999.999', unit: 'kWh' })).toBe(999999999999n);
    expect(energyToWh({ value: '0.1', unit: 'MWh' })).toBe(100000n);
    expect(energyToWh({ value: '12.3456', unit: 'kWh' })).toBe(12345n);
    expect(() => scaleDecimal('1e5', 3)).toThrow(Iec62056Error);
  });
});

describe('Raseed profile', () => {
  const reading: TelemetryReading = { v: 1, seq: 42, ts: Date.UTC(2026, 10, 23, 9, 30, 15, 250), register: 1234567, credit: -1500, relay: 'armed', powerW: 1520, voltageV: 231.5, currentA: 6.58, lowCredit: true, emergencyCredit: true, tamper: false };
  it('reading → readout → reading', () => {
    const block = encodeDataBlock(dataSetsFromReading(reading, { address: '1', serialNumber: 'SN1' }));
    const [f] = frames(parseIec62056(block, { role: 'master' }));
    expect(f?.type).toBe('data');
    expect(readingFromDataSets((f as { dataSets: DataSet[] }).dataSets)).toEqual(reading);
  });
  it('property: readings round trip exactly', () => {
    const arb = fc.record({
      v: fc.constant(1 as const), seq: fc.nat(), ts: fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 11, 31) }),
      register: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), credit: fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
      relay: fc.constantFrom('open', 'closed', 'armed' as const),
    });
    fc.assert(fc.property(arb, (r) => {
      expect(readingFromDataSets(dataSetsFromReading(r))).toEqual(r);
    }));
  });
  it('missing registers and bad values are profile errors', () => {
    expect(() => readingFromDataSets([])).toThrow(/lacks register 1.8.0/);
    const ds = dataSetsFromReading(reading).map((d) => (d.address === 'C.52.0' ? { ...d, values: [{ value: '7' }] } : d));
    expect(() => readingFromDataSets(ds)).toThrow(/relay value "7"/);
    expect(() => clockToEpochMs('261323', '000000')).toThrow(Iec62056Error);
  });
  it('token result round trip', () => {
    expect(parseTokenResult(encodeTokenResult({ result: 'accept', creditedWh: 10000 }))).toEqual({ result: 'accept', creditedWh: 10000 });
    expect(() => parseTokenResult({ address: 'C.51.1', values: [{ value: 'nope' }] })).toThrow(Iec62056Error);
  });
});

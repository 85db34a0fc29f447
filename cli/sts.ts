// `raseed sts vend|decode|key`: STS tokens for people (one token, readable or --json) and batch jobs
// (--batch FILE|-: JSON lines in, JSON lines out, one result or one {"id","error"} per line, in order).
import type { Command } from 'commander';
import { Option } from 'commander';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { sts } from '../protocols/index.ts';

const { StsBatchSession, describeFields, StsFormatError, errorToJson, formatToken } = sts;
type BatchContext = sts.BatchContext;
type DecodedToken = sts.DecodedToken;

type Flags = Record<string, string | boolean | undefined>;
type Kind = 'vend' | 'decode' | 'key';

const NUMERIC = new Set(['keyType', 'krn', 'ti', 'baseDate', 'ken', 'subclass', 'tid', 'rnd', 'watts', 'register', 'value', 'mfrCode', 'pad', 'amountField']);

function num(k: string, v: string | boolean | undefined): unknown {
  if (typeof v === 'string' && NUMERIC.has(k) && /^\d+$/.test(v)) return Number(v);
  return v;
}

/** KEY object from --decoder-key/--vending-key flags (prefix "new" for the new key of a key change). */
function keyFromFlags(f: Flags, prefix = ''): Record<string, unknown> | undefined {
  const g = (name: string): string | boolean | undefined => f[prefix ? prefix + name[0]!.toUpperCase() + name.slice(1) : name];
  const put = (o: Record<string, unknown>, names: string[]): Record<string, unknown> => {
    for (const n of names) {
      const v = g(n);
      if (v !== undefined) o[n] = num(n, v);
    }
    return o;
  };
  const ea = g('ea') ?? (prefix ? f.ea : undefined);
  if (g('decoderKey') !== undefined) return put({ decoderKey: g('decoderKey'), ...(ea !== undefined ? { ea } : {}) }, ['keyType', 'krn', 'ti', 'sgc', 'baseDate', 'ken']);
  if (g('vendingKey') !== undefined || (prefix && f.vendingKey !== undefined)) {
    const o: Record<string, unknown> = { vendingKey: g('vendingKey') ?? f.vendingKey, ea: ea ?? 'STA', dkga: g('dkga') ?? (prefix ? f.dkga : undefined) ?? '02' };
    const meter = g('meter') ?? (prefix ? f.meter : undefined);
    if (meter !== undefined) o.meterPan = meter;
    put(o, ['keyType', 'sgc', 'ti', 'krn', 'baseDate']);
    if (prefix) {
      // Unset parts of the new key default to the current key's.
      for (const n of ['keyType', 'sgc', 'ti', 'krn', 'baseDate']) if (o[n] === undefined && f[n] !== undefined) o[n] = num(n, f[n]);
    }
    if (o.keyType === undefined) o.keyType = 2;
    if (f.noValidate === true || f.validate === false) o.validate = false;
    return o;
  }
  return undefined;
}

function tokenFromFlags(f: Flags): Record<string, unknown> {
  const type = String(f.type ?? 'credit');
  const t: Record<string, unknown> = { type };
  for (const n of ['subclass', 'units', 'amount', 'amountField', 'watts', 'register', 'value', 'mfrCode', 'control', 'tid', 'issuedAt', 'rnd', 'pad', 'ken']) {
    if (f[n] !== undefined) t[n] = num(n, f[n]);
  }
  if (type === 'keyChange') {
    t.newKey = keyFromFlags(f, 'new');
    t.rollover = f.rollover === true;
  }
  return t;
}

function keyOptions(c: Command, withNew = false): Command {
  c.addOption(new Option('--decoder-key <hex>', 'decoder key (16 hex digits for STA/DEA, 32 for MISTY1)'))
    .addOption(new Option('--vending-key <hex>', 'vending key (DKGA02: 16 hex digits, DKGA04: 40)'))
    .addOption(new Option('--ea <ea>', 'encryption algorithm: STA (07), DEA (09), MISTY1 (11); default MISTY1 for 128-bit decoder keys, else STA'))
    .addOption(new Option('--dkga <n>', 'decoder key generation algorithm: 02 or 04').default('02'))
    .addOption(new Option('--meter <number>', 'meter number: 11-digit DRN (IIN 600727), 13-digit DRN (IIN 0000) or 18-digit MeterPAN'))
    .addOption(new Option('--key-type <n>', 'key type: 0 DITK, 1 DDTK, 2 DUTK, 3 DCTK (default 2)'))
    .addOption(new Option('--sgc <digits>', 'supply group code, 6 digits'))
    .addOption(new Option('--ti <n>', 'tariff index 0..99'))
    .addOption(new Option('--krn <n>', 'key revision number 1..9'))
    .addOption(new Option('--base-date <year>', 'base date of the key: 1993, 2014 or 2035 (default 1993)'))
    .addOption(new Option('--no-validate', 'do not check the meter number\'s Luhn digits (reproducing third-party data only)'))
    .addOption(new Option('--tz <zone>', 'vending time zone: ISO times without a zone are read in it, TIDs count its wall clock (default env TIME_ZONE, else UTC)'))
    .addOption(new Option('--json', 'print JSON instead of readable text'))
    .addOption(new Option('--batch <file>', 'JSON lines from FILE ("-" for stdin); one JSON result or {"id","error"} per line; key flags apply to lines without "key"'));
  if (withNew) {
    c.addOption(new Option('--new-decoder-key <hex>', 'key change: the new decoder key'))
      .addOption(new Option('--new-vending-key <hex>', 'key change: vending key of the new decoder key (default: the current one)'))
      .addOption(new Option('--new-ea <ea>', 'key change: EA of the new key (default: --ea)'))
      .addOption(new Option('--new-dkga <n>', 'key change: DKGA of the new key (default: --dkga)'))
      .addOption(new Option('--new-key-type <n>', 'key change: new key type'))
      .addOption(new Option('--new-sgc <digits>', 'key change: new supply group code'))
      .addOption(new Option('--new-ti <n>', 'key change: new tariff index'))
      .addOption(new Option('--new-krn <n>', 'key change: new key revision number'))
      .addOption(new Option('--new-base-date <year>', 'key change: base date of the new key'))
      .addOption(new Option('--ken <n>', 'key change: key expiry number 0..255 (default 255, never)'))
      .addOption(new Option('--rollover', 'key change: TID roll-over (RO=1): the meter clears its TID memory'));
  }
  return c;
}

async function runBatch(kind: Kind, file: string, ctx: BatchContext): Promise<void> {
  const session = new StsBatchSession(ctx);
  let input: NodeJS.ReadableStream;
  if (file === '-') input = process.stdin;
  else {
    const s = createReadStream(file);
    await new Promise<void>((resolve, reject) => {
      s.once('open', () => resolve());
      s.once('error', reject);
    }).catch((e: Error) => {
      process.stderr.write(`raseed sts: cannot read ${file}: ${e.message}\n`);
      process.exit(2);
    });
    input = s;
  }
  const rl = createInterface({ input, crlfDelay: Infinity });
  const out = process.stdout;
  for await (const raw of rl) {
    const text = raw.trim();
    if (text === '') continue;
    const result = await session.line(kind, text);
    if (!out.write(JSON.stringify(result) + '\n')) await new Promise((r) => out.once('drain', r));
  }
}

function fail(e: unknown, json: boolean): never {
  const err = errorToJson(e);
  if (json) process.stdout.write(JSON.stringify({ error: err }) + '\n');
  process.stderr.write(`raseed sts: ${err.message}\n`);
  process.exit(1);
}

function ctxOf(f: Flags, batch = false): BatchContext {
  const ctx: BatchContext = { timeZone: typeof f.tz === 'string' ? f.tz : (process.env.TIME_ZONE || 'UTC') };
  if (batch) {
    // Key flags given with --batch are the KEY of lines that carry none.
    const key = keyFromFlags(f);
    if (key) ctx.defaultKey = key;
  }
  return ctx;
}

const TYPE_NAMES: Record<string, string> = {
  credit: 'credit', currency: 'currency credit', maxPowerLimit: 'set maximum power limit', clearCredit: 'clear credit', setTariffRate: 'set tariff rate',
  clearTamper: 'clear tamper condition', maxPhasePowerUnbalanceLimit: 'set maximum phase power unbalance limit', setWaterMeterFactor: 'set water meter factor',
  keyChange1: 'set 1st section decoder key', keyChange2: 'set 2nd section decoder key', keyChange3: 'set 3rd section decoder key', keyChange4: 'set 4th section decoder key',
  meterTest: 'initiate meter test/display', other: 'reserved/proprietary',
};
const SERVICE_UNITS = ['kWh', 'm³ (water)', 'm³ (gas)', 'min (time)'];

function describeLines(d: Partial<DecodedToken>): string[] {
  const lines = [`class ${d.class} / subclass ${d.subclass}: ${TYPE_NAMES[d.type ?? 'other'] ?? d.type}`];
  if (d.tid !== undefined) lines.push(`TID ${d.tid} (${d.issuedAt})${d.rnd !== undefined ? `, RND ${d.rnd}` : ''}`);
  if (d.units !== undefined) lines.push(`amount ${d.units} ${SERVICE_UNITS[(d.subclass ?? 0) % 4]}`);
  if (d.amount !== undefined) lines.push(`amount ${d.amount} (currency)`);
  if (d.watts !== undefined) lines.push(`limit ${d.watts} W`);
  if (d.register !== undefined) lines.push(`register ${d.register === 0xffff ? '65535 (all)' : d.register}`);
  if (d.value !== undefined) lines.push(`value ${d.value}`);
  if (d.mfrCode !== undefined) lines.push(`manufacturer code ${d.mfrCode}, control ${d.control}`);
  if (d.section !== undefined) {
    const parts = [`section ${d.section}`];
    if (d.kenho !== undefined) parts.push(`KENHO ${d.kenho}`, `KRN ${d.krn}`, `RO ${d.ro}`, `KT ${d.kt}`);
    if (d.kenlo !== undefined) parts.push(`KENLO ${d.kenlo}`, `TI ${d.ti}`);
    if (d.sgcLo !== undefined) parts.push(`SGC low ${d.sgcLo}`);
    if (d.sgcHi !== undefined) parts.push(`SGC high ${d.sgcHi}`);
    parts.push(`key bits ${d.keyBits}`);
    lines.push(parts.join(', '));
  }
  return lines;
}

export function registerStsCommands(program: Command): void {
  const sts = program.command('sts').description('STS (IEC 62055-41) tokens: vend, decode, derive decoder keys');

  keyOptions(sts.command('vend').description('vend a token (credit, management, key change, meter test)'), true)
    .addOption(new Option('--type <type>', 'credit | currency | maxPowerLimit | maxPhasePowerUnbalanceLimit | clearCredit | clearTamper | setTariffRate | setWaterMeterFactor | keyChange | meterTest').default('credit'))
    .addOption(new Option('--subclass <n>', 'credit 0-3 (electricity, water, gas, time), currency 4-7, meterTest 0|1'))
    .addOption(new Option('--units <decimal>', 'credit in service units, e.g. 12.5 (kWh); rounded up to 0.1'))
    .addOption(new Option('--amount <decimal>', 'currency amount (subclasses 4-7)'))
    .addOption(new Option('--amount-field <n>', 'raw 16-bit amount field instead of --units/--watts (reproducing third-party tokens)'))
    .addOption(new Option('--watts <n>', 'power limit in W (maxPowerLimit, maxPhasePowerUnbalanceLimit)'))
    .addOption(new Option('--register <n>', 'clearCredit register: 0 elec, 1 water, 2 gas, 3 time, 4-6 currency, 65535 all'))
    .addOption(new Option('--value <n>', 'setTariffRate / setWaterMeterFactor value (16 bits)'))
    .addOption(new Option('--mfr-code <n>', 'meterTest manufacturer code'))
    .addOption(new Option('--control <n>', 'meterTest control bits'))
    .addOption(new Option('--tid <n>', 'token identifier (minutes since the base date); default from --issued-at or now'))
    .addOption(new Option('--issued-at <iso>', 'issue time, ISO 8601 (without a zone: in --tz)'))
    .addOption(new Option('--rnd <n>', 'random nibble 0..15 (default random)'))
    .action(async (f: Flags) => {
      const json = f.json === true;
      if (typeof f.batch === 'string') return runBatch('vend', f.batch, ctxOf(f, true));
      try {
        const line: Record<string, unknown> = { id: null, token: tokenFromFlags(f) };
        const key = keyFromFlags(f);
        if (key) line.key = key;
        else if (f.type !== 'meterTest') throw new StsFormatError('give --decoder-key, or --vending-key with --meter, --sgc, --ti and --krn', 'key');
        const session = new StsBatchSession(ctxOf(f));
        const r = await session.vendDetailed(line);
        if (json) {
          process.stdout.write(JSON.stringify({ tokens: r.tokens, ...(r.fields[0] ? { fields: describeFields(r.fields[0], r.baseDate, ctxOf(f).timeZone) } : {}) }) + '\n');
          return;
        }
        const d = r.fields[0] ? describeLines(describeFields(r.fields[0], r.baseDate, ctxOf(f).timeZone)) : [`key change, ${r.tokens.length} sections (enter in order)`];
        process.stdout.write(d.map((x) => `  ${x}`).join('\n') + '\n');
        r.tokens.forEach((t, i) => process.stdout.write(`${r.tokens.length > 1 ? `${i + 1}: ` : ''}${formatToken(t)}\n`));
      } catch (e) {
        fail(e, json);
      }
    });

  keyOptions(sts.command('decode').description('decode a token as a fresh meter with this key would').argument('[token]', '20-digit token'))
    .addOption(new Option('--ken <n>', 'key expiry number of the meter (default 255)'))
    .action(async (token: string | undefined, f: Flags) => {
      const json = f.json === true;
      if (typeof f.batch === 'string') return runBatch('decode', f.batch, ctxOf(f, true));
      try {
        const line: Record<string, unknown> = { id: null, token: token ?? '' };
        const key = keyFromFlags(f);
        if (key) line.key = key;
        else throw new StsFormatError('give --decoder-key, or --vending-key with --meter, --sgc, --ti and --krn', 'key');
        const r = await new StsBatchSession(ctxOf(f)).decode(line);
        const { id: _id, ...rest } = r;
        if (json) {
          process.stdout.write(JSON.stringify(rest) + '\n');
        } else {
          process.stdout.write(`result: ${r.result}${r.detail ? ` (${r.detail})` : ''}\n`);
          if (r.type) process.stdout.write(describeLines(r).map((x) => `  ${x}`).join('\n') + '\n');
        }
        if (r.result !== 'accept') process.exitCode = 3;
      } catch (e) {
        fail(e, json);
      }
    });

  keyOptions(sts.command('key').description('derive a decoder key (DKGA02/DKGA04) from a vending key and meter parameters'))
    .action(async (f: Flags) => {
      const json = f.json === true;
      if (typeof f.batch === 'string') return runBatch('key', f.batch, ctxOf(f, true));
      try {
        const key = keyFromFlags(f);
        if (!key) throw new StsFormatError('give --vending-key with --meter, --sgc, --ti and --krn (and --dkga, --ea, --key-type, --base-date)', 'key');
        const r = await new StsBatchSession(ctxOf(f)).key({ id: null, key });
        const { id: _id, ...rest } = r;
        if (json) process.stdout.write(JSON.stringify(rest) + '\n');
        else {
          process.stdout.write(`decoder key ${r.decoderKey} (${r.ea}${r.dkga ? `, DKGA${r.dkga}` : ''})\n`);
          if (r.meterPan) process.stdout.write(`  MeterPAN ${r.meterPan}, KT ${r.keyType}, SGC ${r.sgc}, TI ${r.ti}, KRN ${r.krn}, base date ${r.baseDate}\n`);
        }
      } catch (e) {
        fail(e, json);
      }
    });
}

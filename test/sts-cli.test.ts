// `raseed sts vend|decode|key` as a real child process: every vector through --batch, plus single tokens.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { VEND_KINDS, decodeLine, keyOf, vendLine } from '../protocols/sts/vector-cases.ts';
import type { Vector } from '../protocols/sts/vector-cases.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const VECTORS_URL = new URL('./fixtures/sts/vectors.json', import.meta.url);

function loadVectors(): Vector[] {
  let text: string;
  try {
    text = readFileSync(VECTORS_URL, 'utf8');
  } catch (e) {
    throw new Error(`STS vectors missing at ${VECTORS_URL.pathname}: ${(e as Error).message}`);
  }
  return (JSON.parse(text) as { sts_vectors: Vector[] }).sts_vectors;
}
const vectors = loadVectors();

function raseed(args: string[], input?: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['bin/raseed.mjs', ...args], { cwd: ROOT, input, encoding: 'utf8', timeout: 60_000, maxBuffer: 64 << 20 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function jsonLines(s: string): Record<string, unknown>[] {
  return s.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as Record<string, unknown>);
}

const tmp = mkdtempSync(join(tmpdir(), 'raseed-sts-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('raseed sts vend --batch -', () => {
  it('reproduces every vend vector, one result per line, in order, with bad lines answered in place', () => {
    const cases = vectors.filter((v) => VEND_KINDS.includes(v.kind)).map((v) => ({ v, ...vendLine(v) }));
    const lines: string[] = [];
    const expected: ({ token: string; index: number } | { error: string })[] = [];
    cases.forEach((c, i) => {
      lines.push(JSON.stringify(c.line));
      expected.push({ token: c.v.expected.token, index: c.index });
      if (i % 40 === 7) {
        lines.push('{"id": "broken", this is not json');
        expected.push({ error: 'format' });
        lines.push(JSON.stringify({ id: `bad-meter-${i}`, key: { ...(c.line.key as object), vendingKey: 'abababababababab', dkga: '02', ea: 'STA', meterPan: '600727000000000008', keyType: 2, sgc: '123456', ti: 1, krn: 1 }, token: { type: 'credit', units: '1', tid: 1 } }));
        expected.push({ error: 'meter_number' });
        lines.push(JSON.stringify({ id: `too-much-${i}`, key: { decoderKey: 'e653341f9d5bf36f', ea: 'STA' }, token: { type: 'credit', units: '1820162.5', tid: 1 } }));
        expected.push({ error: 'range' });
      }
    });
    const r = raseed(['sts', 'vend', '--batch', '-'], lines.join('\n') + '\n');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = jsonLines(r.stdout);
    expect(out).toHaveLength(lines.length);
    out.forEach((o, i) => {
      const want = expected[i]!;
      if ('error' in want) {
        expect((o.error as { code: string }).code, `line ${i + 1}`).toBe(want.error);
      } else {
        expect(o.error, `line ${i + 1}: ${JSON.stringify(o.error)}`).toBeUndefined();
        expect((o.tokens as string[])[want.index], `line ${i + 1} (${String(o.id)})`).toBe(want.token);
      }
    });
    // ids come back in order
    expect(out.map((o) => o.id)).toEqual(lines.map((l) => { try { return (JSON.parse(l) as { id: unknown }).id; } catch { return null; } }));
  });
});

describe('raseed sts decode --batch FILE', () => {
  it('decodes the decode vectors and every vended vector token back to its fields', () => {
    const dec = vectors.filter((v) => v.kind === 'decode').map(decodeLine);
    const back = vectors.filter((v) => VEND_KINDS.includes(v.kind) && v.kind !== 'kct' && v.key?.ea).map((v) => ({
      line: { id: v.id, key: keyOf(v.key), token: v.expected.token, baseDate: v.token.tid_base_date ?? 1993 },
      expect: { result: 'accept', class: v.token.class, subclass: v.token.subclass, ...(v.token.rnd !== undefined ? { rnd: v.token.rnd } : {}), ...(v.token.register !== undefined ? { register: v.token.register } : {}) },
    }));
    const kct = vectors.filter((v) => v.kind === 'kct').map((v) => ({
      line: { id: v.id, key: keyOf(v.key), token: v.expected.token },
      expect: { result: 'accept', class: 2, section: v.token.section },
    }));
    const all = [...dec, ...back, ...kct];
    const file = join(tmp, 'decode.jsonl');
    writeFileSync(file, all.map((c) => JSON.stringify(c.line)).join('\n') + '\n\n{"id":"x","key":{"decoderKey":"e653341f9d5bf36f","ea":"STA"},"token":"23716100501183194198"}\n');
    const r = raseed(['sts', 'decode', '--batch', file]);
    expect(r.status).toBe(0);
    const out = jsonLines(r.stdout);
    expect(out).toHaveLength(all.length + 1);
    all.forEach((c, i) => expect(out[i], String(c.line.id)).toMatchObject({ id: c.line.id, ...c.expect }));
    expect(out.at(-1)).toMatchObject({ id: 'x', result: 'crc' });
  });
});

describe('raseed sts key --batch -', () => {
  it('derives the decoder keys of NOTES.md (DKGA02 STA, DKGA04 MISTY1 and STA)', () => {
    const base = { meterPan: '600727000000000009', keyType: 2, ti: 1, krn: 1, baseDate: 1993 };
    const input = [
      { id: 'a', key: { vendingKey: 'abababababababab', dkga: '02', ea: 'STA', sgc: '123456', ...base } },
      { id: 'b', key: { vendingKey: 'abababababababab949494949494949401234567', dkga: '04', ea: 'MISTY1', sgc: '123457', ...base } },
      { id: 'c', key: { vendingKey: 'abababababababab949494949494949401234567', dkga: '04', ea: 'STA', sgc: '123457', ...base } },
      { id: 'd', key: { vendingKey: 'abababababababab', dkga: '01', ea: 'STA', sgc: '123456', ...base } },
    ].map((l) => JSON.stringify(l)).join('\n');
    const out = jsonLines(raseed(['sts', 'key', '--batch', '-'], input).stdout);
    expect(out.map((o) => o.decoderKey ?? (o.error as { code: string }).code)).toEqual(['e653341f9d5bf36f', 'f94b6ed353c3bfdb113e2d3a7ea3c41d', 'aa4baa8749c10d27', 'unsupported']);
  });
});

describe('raseed sts, single tokens', () => {
  const key = ['--vending-key', 'abababababababab', '--dkga', '02', '--ea', 'STA', '--meter', '600727000000000009', '--sgc', '123456', '--ti', '1', '--krn', '1'];
  it('vend: readable and --json', () => {
    const args = ['sts', 'vend', ...key, '--units', '0.1', '--issued-at', '2004-03-01T13:55', '--rnd', '5'];
    const text = raseed(args);
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('2371 6100 5011 8319 4197');
    expect(text.stdout).toContain('TID 5871715');
    const json = JSON.parse(raseed([...args, '--json']).stdout) as { tokens: string[]; fields: { tid: number } };
    expect(json.tokens).toEqual(['23716100501183194197']);
    expect(json.fields.tid).toBe(5871715);
  });
  it('vend a key change, decode a token, and refuse a bad meter number', () => {
    const kct = JSON.parse(raseed(['sts', 'vend', ...key, '--type', 'keyChange', '--new-ti', '2', '--json']).stdout) as { tokens: string[] };
    expect(kct.tokens).toEqual(['51638423060042734509', '15361891762113502242']);
    const dec = JSON.parse(raseed(['sts', 'decode', '2371-6100-5011-8319-4197', '--decoder-key', 'e653341f9d5bf36f', '--json']).stdout) as Record<string, unknown>;
    expect(dec).toMatchObject({ result: 'accept', class: 0, subclass: 0, tid: 5871715, units: '0.1', rnd: 5 });
    const bad = raseed(['sts', 'vend', ...key.slice(0, 7), '600727000000000008', ...key.slice(8), '--units', '1']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/PAN check digit is 8, expected 9/);
    expect(bad.stderr).not.toMatch(/abababab/);
  });
});

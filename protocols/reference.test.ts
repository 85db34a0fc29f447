import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { newReference, parseReference } from './reference.ts';

describe('human references', () => {
  it('round-trips and tolerates how people type them', () => {
    fc.assert(fc.property(fc.uint8Array({ minLength: 5, maxLength: 5 }), (bytes) => {
      const ref = newReference('T', bytes);
      expect(ref).toMatch(/^T-[0-9A-Z]{4}-[0-9A-Z]{4}-.$/);
      expect(parseReference(ref)).toBe(ref);
      expect(parseReference(ref.toLowerCase().replace(/-/g, ' '))).toBe(ref);
    }));
  });

  it('detects any single changed character and any swap of neighbours', () => {
    const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
    fc.assert(fc.property(fc.uint8Array({ minLength: 5, maxLength: 5 }), fc.nat(7), fc.nat(31), (bytes, pos, sub) => {
      const ref = newReference('C', bytes);
      const body = ref.slice(2, 6) + ref.slice(7, 11);
      const ch = alphabet[sub]!;
      fc.pre(ch !== body[pos]);
      const changed = body.slice(0, pos) + ch + body.slice(pos + 1);
      expect(parseReference(`C-${changed.slice(0, 4)}-${changed.slice(4)}-${ref.at(-1)}`)).toBeNull();
      if (pos < 7 && body[pos] !== body[pos + 1]) {
        const swapped = body.slice(0, pos) + body[pos + 1] + body[pos] + body.slice(pos + 2);
        expect(parseReference(`C-${swapped.slice(0, 4)}-${swapped.slice(4)}-${ref.at(-1)}`)).toBeNull();
      }
    }));
  });

  it('rejects garbage without throwing', () => {
    fc.assert(fc.property(fc.string(), (s) => {
      const r = parseReference(s);
      expect(r === null || typeof r === 'string').toBe(true);
    }));
  });
});

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isGsm7, smsLayout, smsParts } from './sms.ts';

describe('SMS length rules', () => {
  it('Arabic: 70 characters go as one UCS-2 part, 71 as two', () => {
    const a70 = 'ب'.repeat(70);
    expect(smsLayout(a70)).toMatchObject({ encoding: 'ucs2', parts: 1 });
    expect(smsLayout(a70 + 'ب')).toMatchObject({ encoding: 'ucs2', parts: 2, perPart: 67 });
    expect(smsLayout('ب'.repeat(134))).toMatchObject({ parts: 2 });
    expect(smsLayout('ب'.repeat(135))).toMatchObject({ parts: 3 });
  });

  it('GSM-7: 160 characters in one part, 161 in two; 306 in two, 307 in three', () => {
    expect(smsLayout('a'.repeat(160))).toMatchObject({ encoding: 'gsm7', parts: 1 });
    expect(smsLayout('a'.repeat(161))).toMatchObject({ encoding: 'gsm7', parts: 2, perPart: 153 });
    expect(smsLayout('a'.repeat(306)).parts).toBe(2);
    expect(smsLayout('a'.repeat(307)).parts).toBe(3);
  });

  it('extension characters cost two septets and are never split from their escape', () => {
    expect(isGsm7('€[]{}')).toBe(true);
    expect(smsLayout('€'.repeat(80))).toMatchObject({ units: 160, parts: 1 });
    expect(smsLayout('€'.repeat(81)).parts).toBe(2);
    const { parts } = smsParts('a' + '€'.repeat(80));
    expect(parts[0]).toBe('a' + '€'.repeat(76));
  });

  it('one non-GSM character (an Arabic letter, an emoji) switches the whole text to UCS-2', () => {
    expect(smsLayout('Top-up OK ب').encoding).toBe('ucs2');
    expect(smsLayout('😀'.repeat(35))).toMatchObject({ units: 70, parts: 1 });
    // a surrogate pair never straddles two parts
    for (const p of smsParts('😀'.repeat(40)).parts) expect(p.length % 2).toBe(0);
  });

  it('the parts always join back to the text and each fits its budget', () => {
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom('a', 'ب', '€', ' ', '😀', '1', '\n'), maxLength: 600 }), (s) => {
      const { encoding, parts } = smsParts(s);
      expect(parts.join('')).toBe(s);
      const budget = parts.length > 1 ? (encoding === 'gsm7' ? 153 : 67) : encoding === 'gsm7' ? 160 : 70;
      for (const p of parts) expect(encoding === 'gsm7' ? [...p].reduce((n, c) => n + ('€'.includes(c) ? 2 : 1), 0) : p.length).toBeLessThanOrEqual(budget);
    }));
  });
});

// Formatting and translation rules of the console (pure functions; the browser test covers the pages).
import { describe, expect, it } from 'vitest';
import { currencyDigits, minorToDecimal, money, normaliseAmount, quantity, rate, tokenGroups } from './format.ts';
import { dictionaries } from './i18n.ts';
import { prefs, setDigits, setLocale, tn } from './prefs.ts';

function withLocale<T>(locale: 'ar' | 'en', digits: 'latn' | 'arab', f: () => T): T {
  const before = { ...prefs };
  setLocale(locale, false);
  prefs.digits = digits;
  try {
    return f();
  } finally {
    setLocale(before.locale, false);
    prefs.digits = before.digits;
  }
}

describe('money', () => {
  it('uses the currency\'s own decimals', () => {
    expect(currencyDigits('OMR')).toBe(3);
    expect(currencyDigits('BHD')).toBe(3);
    expect(currencyDigits('KWD')).toBe(3);
    expect(currencyDigits('AED')).toBe(2);
    expect(currencyDigits('SAR')).toBe(2);
    expect(currencyDigits('QAR')).toBe(2);
  });

  it('formats decimal strings exactly, in English and Arabic', () => {
    withLocale('en', 'latn', () => {
      expect(money('5.000', 'OMR').replace(/\s/g, ' ')).toBe('OMR 5.000');
      expect(money('1234.5', 'AED').replace(/\s/g, ' ')).toBe('AED 1,234.50');
      // No float rounding: 0.1 + 0.2 style errors cannot appear in a decimal string.
      expect(money('9007199254740.993', 'KWD')).toContain('9,007,199,254,740.993');
    });
    withLocale('ar', 'latn', () => expect(money('5.000', 'OMR')).toMatch(/5\.000.*ر\.ع\./));
    withLocale('ar', 'arab', () => expect(money('5.000', 'OMR')).toContain('٥٫٠٠٠'));
  });

  it('converts minor units', () => {
    expect(minorToDecimal(5000, 3)).toBe('5.000');
    expect(minorToDecimal(5, 3)).toBe('0.005');
    expect(minorToDecimal(-1234, 2)).toBe('-12.34');
    expect(minorToDecimal(7, 0)).toBe('7');
  });
});

describe('amounts typed by people', () => {
  it('accepts Latin and Arabic-Indic digits and the Arabic decimal separator', () => {
    expect(normaliseAmount('5', 3)).toBe('5.000');
    expect(normaliseAmount(' 5.5 ', 3)).toBe('5.500');
    expect(normaliseAmount('٥٫٠٠٠', 3)).toBe('5.000');
    expect(normaliseAmount('۱۰', 2)).toBe('10.00');
    expect(normaliseAmount('12,25', 2)).toBe('12.25');
  });

  it('refuses what is not an amount in the currency', () => {
    expect(normaliseAmount('5.0001', 3)).toBeNull();
    expect(normaliseAmount('1.005', 2)).toBeNull();
    expect(normaliseAmount('0', 3)).toBeNull();
    expect(normaliseAmount('0.000', 3)).toBeNull();
    expect(normaliseAmount('-5', 3)).toBeNull();
    expect(normaliseAmount('abc', 3)).toBeNull();
    expect(normaliseAmount('', 3)).toBeNull();
  });
});

describe('units', () => {
  it('shows energy in kWh from Wh and water in m³ from litres', () => {
    withLocale('en', 'latn', () => {
      expect(quantity(5200, 'electricity')).toBe('5.2 kWh');
      expect(quantity(123_456, 'electricity')).toBe('123.5 kWh');
      expect(quantity(291, 'electricity')).toBe('0.291 kWh');
      expect(quantity(12_345, 'water')).toBe('12.35 m³');
      expect(quantity(null, 'water')).toBe('—');
      expect(rate(2500, 'electricity')).toBe('2.5 kW');
      expect(rate(800, 'electricity')).toBe('800 W');
      expect(rate(120, 'water')).toBe('120 L/h');
    });
    withLocale('ar', 'arab', () => expect(quantity(5200, 'electricity')).toBe('٥٫٢ ك.و.س'));
  });
});

describe('tokens', () => {
  it('groups 20 digits in fives of four, whatever the input spacing', () => {
    expect(tokenGroups('12345678901234567890')).toEqual(['1234', '5678', '9012', '3456', '7890']);
    expect(tokenGroups('1234-5678 9012 3456-7890')).toEqual(['1234', '5678', '9012', '3456', '7890']);
  });
});

describe('translations', () => {
  it('Arabic has every English string, and no string is empty', () => {
    for (const k of Object.keys(dictionaries.en)) {
      expect(dictionaries.ar[k as keyof typeof dictionaries.ar], k).toBeTruthy();
      expect(dictionaries.en[k as keyof typeof dictionaries.en], k).toBeTruthy();
    }
  });

  it('uses Arabic plural forms', () => {
    withLocale('ar', 'latn', () => {
      expect(tn('daysLeft', 1)).toContain('يوم واحد');
      expect(tn('daysLeft', 2)).toContain('يومين');
      expect(tn('daysLeft', 5)).toContain('5 أيام');
      expect(tn('daysLeft', 11)).toContain('11 يومًا');
    });
    withLocale('en', 'latn', () => {
      expect(tn('daysLeft', 1)).toBe('About 1 day left at current usage');
      expect(tn('daysLeft', 4)).toBe('About 4 days left at current usage');
    });
  });
});

// setDigits writes localStorage in the browser; here it must simply not throw.
it('remembering digits works without a browser', () => {
  expect(() => setDigits(prefs.digits)).not.toThrow();
});

it('keeps a column of credits at one precision and a negative amount readable', () => {
  withLocale('en', 'latn', () => {
    expect(quantity(37_000, 'electricity')).toBe('37.0 kWh');
    expect(quantity(64_900, 'electricity')).toBe('64.9 kWh');
    expect(money('-0.500', 'OMR')).toMatch(/^OMR\s\u22120\.500$/);
    expect(money(-500, 'OMR', { minor: true })).toMatch(/^OMR\s\u22120\.500$/);
    expect(money('0.500', 'OMR')).toMatch(/^OMR\s0\.500$/);
  });
  withLocale('ar', 'latn', () => expect(money('-0.500', 'OMR')).toMatch(/^\u200f?\u22120\.500\s*ر\.ع\.\u200f?$/));
});

it('names the currency in the interface language', async () => {
  const { currencyName } = await import('./format.ts');
  withLocale('en', 'latn', () => expect(currencyName('OMR')).toBe('OMR'));
  withLocale('ar', 'latn', () => expect(currencyName('OMR')).toBe('ريال عماني'));
});

describe("times in the utility's time zone (TIME_ZONE), whatever the browser's", () => {
  const withZone = <T>(tz: string, f: () => T): T => {
    const before = prefs.timeZone;
    prefs.timeZone = tz;
    try {
      return f();
    } finally {
      prefs.timeZone = before;
    }
  };

  it('shows an instant on the utility clock and names the zone where a deadline could be misread', async () => {
    const { dateTime, timeOnly } = await import('./format.ts');
    const at = '2026-12-03T03:00:00Z';
    withLocale('en', 'latn', () => {
      expect(withZone('Asia/Muscat', () => timeOnly(at))).toBe('07:00');
      expect(withZone('Asia/Riyadh', () => timeOnly(at))).toBe('06:00');
      expect(withZone('Asia/Muscat', () => dateTime(at))).toBe('3 Dec 2026, 07:00');
      expect(withZone('Asia/Muscat', () => dateTime(at, { zone: true }))).toMatch(/^3 Dec 2026, 07:00 \(.+\)$/);
    });
  });

  it('finds local midnight, so daily bars are calendar days there', async () => {
    const { localMidnight, zonedParts } = await import('./format.ts');
    // 02:30 in Muscat on 3 Dec is still 2 Dec in UTC: the local day starts at 20:00Z on 2 Dec.
    withZone('Asia/Muscat', () => expect(new Date(localMidnight(Date.parse('2026-12-02T22:30:00Z'))).toISOString()).toBe('2026-12-02T20:00:00.000Z'));
    withZone('Asia/Kolkata', () => expect(new Date(localMidnight(Date.parse('2026-12-03T10:00:00Z'))).toISOString()).toBe('2026-12-02T18:30:00.000Z'));
    // Across a daylight-saving change (a zone the Gulf does not use, to prove the correction).
    withZone('Europe/London', () => expect(new Date(localMidnight(Date.parse('2026-03-29T12:00:00Z'))).toISOString()).toBe('2026-03-29T00:00:00.000Z'));
    withZone('Asia/Muscat', () => expect(zonedParts(Date.parse('2026-12-02T22:30:00Z'))).toEqual({ y: 2026, mo: 12, d: 3, h: 2, mi: 30 }));
  });
});

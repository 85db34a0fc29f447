import { describe, expect, it } from 'vitest';
import { maskToken, money, render, tokenGroups } from './templates.ts';
import { smsLayout } from './sms.ts';

const at = Date.parse('2026-11-30T05:30:00Z'); // 09:30 in Muscat
const receipt = { kind: 'topup_receipt' as const, reference: 'T-7K2M9', meterId: '70000000001', amountMinor: 5_250, unitsTenths: 2625, service: 'electricity' as const, token: '12345678901234567890', at };

describe('templates', () => {
  it('money has the currency decimals: 3 for OMR, 2 for AED', () => {
    expect(money(5_250, 'OMR', 'en')).toBe('OMR 5.250');
    expect(money(5_250, 'OMR', 'ar')).toBe('5.250 ر.ع.');
    expect(money(5_250, 'AED', 'en')).toBe('AED 52.50');
  });

  it('a top-up receipt in Arabic carries the token in groups of four, the local time and the reference', () => {
    const r = render(receipt, 'ar', { currency: 'OMR', timeZone: 'Asia/Muscat' });
    expect(r.text).toContain('1234 5678 9012 3456 7890');
    expect(r.text).toContain('5.250 ر.ع.');
    expect(r.text).toContain('2026-11-30 09:30');
    expect(r.text).toContain('T-7K2M9');
    expect(r.preview).not.toContain('12345678901234567890');
    expect(r.preview).not.toContain('1234 5678');
    expect(r.preview).toContain('7890');
    expect(smsLayout(r.text).encoding).toBe('ucs2');
  });

  it('English receipts fit GSM-7', () => {
    const r = render(receipt, 'en', { currency: 'OMR', timeZone: 'Asia/Muscat' });
    expect(r.text).toMatch(/^Meter 70000000001 topped up with OMR 5\.250 \(262\.5 kWh\)\. Token: 1234 5678 9012 3456 7890 Ref T-7K2M9, 2026-11-30 09:30$/);
    expect(smsLayout(r.text).encoding).toBe('gsm7');
  });

  it('Arabic-Indic digits on request', () => {
    const r = render(receipt, 'ar', { currency: 'OMR', timeZone: 'Asia/Muscat', arabicDigits: true });
    expect(r.text).toContain('٥.٢٥٠ ر.ع.');
  });

  it('token helpers', () => {
    expect(tokenGroups('12345678901234567890')).toBe('1234 5678 9012 3456 7890');
    expect(maskToken('12345678901234567890')).toBe('•••• •••• •••• •••• 7890');
  });
});

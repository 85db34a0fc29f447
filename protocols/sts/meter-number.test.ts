import { describe, expect, it } from 'vitest';
import { MeterNumberError } from './errors.ts';
import { controlBlock, luhnCheckDigit, luhnValid, panBlock, parseMeterNumber } from './meter-number.ts';

describe('meter numbers', () => {
  it('parses 18-digit MeterPANs with IIN 600727 and 0000', () => {
    expect(parseMeterNumber('600727000000000009')).toEqual({ iin: '600727', drn: '00000000000', mfrCode: '00', pan: '600727000000000009' });
    expect(parseMeterNumber('000001000000000082')).toEqual({ iin: '0000', drn: '0100000000008', mfrCode: '0100', pan: '000001000000000082' });
    expect(parseMeterNumber('600727111111111153').drn).toBe('11111111115');
  });
  it('builds the PAN from an 11- or 13-digit DRN', () => {
    expect(parseMeterNumber('00000000000').pan).toBe('600727000000000009');
    expect(parseMeterNumber('0100000000008').pan).toBe('000001000000000082');
    expect(parseMeterNumber('2200 0470 462').drn).toBe('22000470462');
  });
  it('says exactly what is wrong', () => {
    expect(() => parseMeterNumber('12345678901')).toThrow(/DRN check digit is 1, expected 3/);
    expect(() => parseMeterNumber('600727000000000008')).toThrow(/PAN check digit is 8, expected 9/);
    expect(() => parseMeterNumber('600727123456789012')).toThrow(/PAN check digit is 2, expected 4/);
    expect(() => parseMeterNumber('123456789')).toThrow(/9 digits/);
    expect(() => parseMeterNumber('6007270000000000AB')).toThrow(/only digits/);
    expect(() => parseMeterNumber('700727000000000000')).toThrow(/IIN 700727/);
    expect(() => parseMeterNumber('12345678901')).toThrow(MeterNumberError);
  });
  it('real meter numbers from NOTES.md (GMK) pass Luhn', () => {
    expect(luhnValid('22000470462')).toBe(true);
    expect(luhnCheckDigit('1234567890')).toBe(3);
  });
  it('validation can be switched off for third-party data only', () => {
    expect(parseMeterNumber('600727123456789012', { validate: false }).drn).toBe('12345678901');
  });
  it('PANBlock and CONTROLBlock', () => {
    expect(panBlock('600727', '00000000000', 2)).toBe('0072700000000000');
    expect(panBlock('600727', '12345678901', 3)).toBe('0072700000000000');
    expect(panBlock('0000', '0100000000008', 2)).toBe('0000100000000008');
    expect(controlBlock(2, '123456', 1, 1)).toBe('2123456011FFFFFF');
    expect(controlBlock(2, '123456', 99, 1)).toBe('2123456991FFFFFF');
  });
});

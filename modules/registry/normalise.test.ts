import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { normaliseName, normalisePhone, queryDigits } from './normalise.ts';
import { parseCsv, csvField } from './csv.ts';

const ARABIC_LETTERS = [...'ابتثجحخدذرسشصضطظعغفقكلمنهويءآأإةىؤئ'];
const MARKS = ['\u064B', '\u064C', '\u064D', '\u064E', '\u064F', '\u0650', '\u0651', '\u0652', '\u0670', '\u0640'];
const arabicWord = fc.array(fc.constantFrom(...ARABIC_LETTERS), { minLength: 1, maxLength: 12 }).map((a) => a.join(''));

describe('normaliseName', () => {
  it('folds the spelling variants a clerk and a caller mix up', () => {
    expect(normaliseName('أحمد البلوشي')).toBe(normaliseName('احمد البلوشى'));
    expect(normaliseName('فاطمة')).toBe('فاطمه');
    expect(normaliseName('إبراهيم')).toBe('ابراهيم');
    expect(normaliseName('آمنة')).toBe('امنه');
    expect(normaliseName('مُحَمَّد')).toBe('محمد');
    expect(normaliseName('محـــمد')).toBe('محمد');
    expect(normaliseName('  Ahmed   AL Balushi ')).toBe('ahmed al balushi');
    expect(normaliseName('ﻣﺤﻤﺪ')).toBe('محمد'); // presentation forms
  });

  it('is idempotent', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (s) => normaliseName(normaliseName(s)) === normaliseName(s)));
    fc.assert(fc.property(fc.array(fc.oneof(fc.constantFrom(...ARABIC_LETTERS, ...MARKS, ' ')), { maxLength: 30 }).map((a) => a.join('')), (s) => normaliseName(normaliseName(s)) === normaliseName(s)));
  });

  it('ignores diacritics and tatweel anywhere between letters', () => {
    fc.assert(fc.property(arabicWord, fc.array(fc.tuple(fc.nat(), fc.constantFrom(...MARKS)), { maxLength: 6 }), (w, inserts) => {
      const chars = [...w];
      for (const [at, mark] of inserts) chars.splice(1 + (at % chars.length), 0, mark);
      return normaliseName(chars.join('')) === normaliseName(w);
    }));
  });

  it('leaves no hamza-alef, teh marbuta, alef maksura, diacritic or tatweel', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...ARABIC_LETTERS, ...MARKS, ' ', 'A', 'b'), { maxLength: 40 }).map((a) => a.join('')), (s) => [...normaliseName(s)].every((c) => !'\u0622\u0623\u0625\u0629\u0649\u0670\u0640'.includes(c) && !(c >= '\u064B' && c <= '\u065F') && !(c >= 'A' && c <= 'Z'))));
  });

  it('a name contains its normalised parts (what LIKE relies on)', () => {
    fc.assert(fc.property(arabicWord, arabicWord, (a, b) => normaliseName(`${a} ${b}`).includes(normaliseName(b))));
  });
});

describe('normalisePhone', () => {
  it('every usual Omani form of a number gives its 8 national digits', () => {
    fc.assert(fc.property(fc.stringMatching(/^[279]\d{7}$/), (d) => {
      const spaced = `${d.slice(0, 4)} ${d.slice(4)}`;
      const arabic = d.replace(/\d/g, (x) => String.fromCharCode(0x0660 + Number(x)));
      return [d, `+968${d}`, `+968 ${spaced}`, `00968${d}`, `00968 ${spaced}`, `968-${d.slice(0, 4)}-${d.slice(4)}`, `(+968) ${spaced}`, arabic, `+٩٦٨ ${arabic}`]
        .every((f) => normalisePhone(f) === d);
    }));
  });
  it('keeps foreign numbers whole and has nothing for no digits', () => {
    expect(normalisePhone('+44 20 7946 0958')).toBe('442079460958');
    expect(normalisePhone('n/a')).toBeNull();
    expect(queryDigits('+968 9123 4567')).toBe('96891234567');
    expect(queryDigits('Ahmed 9')).toBeNull();
  });
});

describe('parseCsv', () => {
  it('round-trips any table through csvField', () => {
    const cell = fc.string({ maxLength: 12 });
    fc.assert(fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 8 }), (rows) => {
      const width = rows[0]!.length;
      const table = rows.map((r) => [...r, ...Array(width).fill('x')].slice(0, width)).filter((r) => !(r.length === 1 && r[0]!.trim() === ''));
      const text = table.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
      expect(parseCsv(text).map((r) => r.fields)).toEqual(table);
    }));
  });
  it('names the line where a record starts, across quoted newlines', () => {
    const r = parseCsv('\uFEFFid,model\n1,"two\nlines"\n\n2,plain\n');
    expect(r.map((x) => [x.line, x.fields])).toEqual([[1, ['id', 'model']], [2, ['1', 'two\nlines']], [5, ['2', 'plain']]]);
    expect(() => parseCsv('a\n"open')).toThrow(/line 2/);
  });
});

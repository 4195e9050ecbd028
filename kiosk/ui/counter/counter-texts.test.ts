import { describe, expect, it } from 'vitest';
import { COUNTER_TEXTS, counterErrorText, parseEuroCents } from './counter-texts.ts';

describe('the amount the operator types', () => {
  it.each([
    ['50', 5000],
    ['50,00', 5000],
    ['32,3', 3230],
    ['32.30', 3230],
    [' € 1.250,50 ', 125050],
    ['0,05', 5],
  ])('reads %s as %i cents', (text, cents) => expect(parseEuroCents(text)).toBe(cents));

  it.each(['', 'abc', '12,345', '-5', '1,2,3'])('refuses %j', (text) => expect(parseEuroCents(text)).toBeNull());
});

describe('counter texts', () => {
  it('has every word in Italian and English', () => {
    for (const [key, t] of Object.entries(COUNTER_TEXTS)) expect([key, t.it.length > 0, t.en.length > 0]).toEqual([key, true, true]);
  });

  it('says why a command was refused, and names a code it has no words for', () => {
    expect(counterErrorText({ code: 'COUNTER_TENDERED_SHORT', message: '' })).toContain('inferiore al dovuto');
    expect(counterErrorText({ code: 'PRINTER_PAPER_OUT', message: '' })).toContain('PRINTER_PAPER_OUT');
  });
});

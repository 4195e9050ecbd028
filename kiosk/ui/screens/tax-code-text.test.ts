import { describe, expect, it } from 'vitest';
import { taxCodeCheckChar } from '@cup-kiosk/sync-service/domain';
import { checkTypedTaxCode, groupedTaxCode } from './tax-code-text.ts';

const MARIO = 'RSSMRA85T10A562S';
const TODAY = new Date('2026-12-03T10:00:00Z');
const check = (typed: string) => checkTypedTaxCode(typed, TODAY);

describe('a codice fiscale typed on the keyboard', () => {
  it('is grouped as it is read: surname, name, birth, birthplace and check', () => {
    expect(groupedTaxCode('')).toBe('');
    expect(groupedTaxCode('RS')).toBe('RS');
    expect(groupedTaxCode('RSSM')).toBe('RSS M');
    expect(groupedTaxCode('RSSMRA85T')).toBe('RSS MRA 85T');
    expect(groupedTaxCode('RSSMRA85T10A')).toBe('RSS MRA 85T10 A');
    expect(groupedTaxCode(MARIO)).toBe('RSS MRA 85T10 A562S');
  });

  it('counts the characters while it is incomplete', () => {
    expect(check('')).toEqual({ status: 'incomplete', typed: 0 });
    expect(check('RSSMRA85')).toEqual({ status: 'incomplete', typed: 8 });
    expect(check(MARIO.slice(0, 15))).toEqual({ status: 'incomplete', typed: 15 });
  });

  it('accepts a valid code, in either case, and an omocode', () => {
    expect(check(MARIO)).toEqual({ status: 'valid' });
    expect(check(MARIO.toLowerCase())).toEqual({ status: 'valid' });
    expect(check('RSSMRA80A01H501U')).toEqual({ status: 'valid' });
  });

  it('says when the check character does not match', () => {
    expect(check('RSSMRA85T10A562X')).toEqual({ status: 'wrongCheck' });
    // One digit mistyped in the middle: the check character catches it.
    expect(check('RSSMRA86T10A562S')).toEqual({ status: 'wrongCheck' });
  });

  it('says at once when a character cannot be where it was typed', () => {
    expect(check('R5')).toEqual({ status: 'invalid' });
    expect(check('RSSMRAX')).toEqual({ status: 'invalid' });
    // Z is no month letter.
    expect(check('RSSMRA85Z')).toEqual({ status: 'invalid' });
  });

  it('refuses a complete code whose birth date does not exist', () => {
    // 31 February (B), with its right check character: only the date is wrong.
    const first15 = 'RSSMRA85B31A562';
    expect(check(first15 + taxCodeCheckChar(first15))).toEqual({ status: 'invalid' });
  });
});

import { describe, expect, it } from 'vitest';
import { aimIdFor, splitAim } from './aim.ts';

describe('AIM symbology identifiers', () => {
  it('splits the common identifiers off', () => {
    expect(splitAim(']A0RSSMRA80A01H501U')).toEqual({ aim: { id: ']A0', symbology: 'code39' }, text: 'RSSMRA80A01H501U' });
    expect(splitAim(']C0123456789092').aim?.symbology).toBe('code128');
    expect(splitAim(']Q1PAGOPA|002|x').aim?.symbology).toBe('qr');
    expect(splitAim(']E04006381333931').aim?.symbology).toBe('ean-upc');
    expect(splitAim(']d2abc').aim?.symbology).toBe('datamatrix');
    expect(splitAim(']X0abc').aim).toEqual({ id: ']X0', symbology: 'other' });
  });

  it('leaves text without a whole identifier alone', () => {
    expect(splitAim('RSSMRA80A01H501U')).toEqual({ text: 'RSSMRA80A01H501U' });
    expect(splitAim(']')).toEqual({ text: ']' });
    expect(splitAim(']A')).toEqual({ text: ']A' });
    expect(splitAim(']1A')).toEqual({ text: ']1A' });
  });

  it('writes the identifier a scanner would send', () => {
    expect(aimIdFor('code39')).toBe(']A0');
    expect(aimIdFor('code128')).toBe(']C0');
    expect(aimIdFor('qr')).toBe(']Q1');
    expect(aimIdFor('ean-upc')).toBe(']E0');
  });
});

import { describe, expect, it } from 'vitest';
import { scanBytes, symbologyOf } from './simulator.ts';

// The bytes on the wire are tested over a real pty in tests/integration/scanner.
describe('scanner simulator', () => {
  it('picks the symbology each printed code comes in', () => {
    expect(symbologyOf('RSSMRA80A01H501U')).toBe('code39');
    expect(symbologyOf('PAGOPA|002|399000012345678990|83000390019|222250')).toBe('qr');
    expect(symbologyOf('123456789092')).toBe('code128');
    expect(symbologyOf('0700A')).toBe('code128');
  });

  it('frames a scan with or without its AIM identifier, with either terminator', () => {
    expect(scanBytes('RSSMRA80A01H501U', { aimPrefix: true, terminator: '\r' }).toString('latin1')).toBe(']A0RSSMRA80A01H501U\r');
    expect(scanBytes('123456789092', { terminator: '\r\n' }).toString('latin1')).toBe('123456789092\r\n');
    expect(scanBytes('123456789092', { aimPrefix: true, terminator: '\r\n' }, 'ean-upc').toString('latin1')).toBe(']E0123456789092\r\n');
    expect(scanBytes('PAGOPA|002|x', { aimPrefix: true, terminator: '\r' }).subarray(0, 3).toString()).toBe(']Q1');
  });
});

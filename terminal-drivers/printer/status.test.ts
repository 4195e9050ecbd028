import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PrinterBadStatusError } from './errors.ts';
import { decodeStatus, encodeStatus, isStatusByte, type DeviceState } from './status.ts';

describe('status codec', () => {
  it('decodes the spec worked example: paper out is 1A 32 12 7E', () => {
    expect(decodeStatus([0x1a, 0x32, 0x12, 0x7e])).toEqual({
      ready: false,
      online: false,
      paper: 'out',
      coverOpen: false,
      cutterError: false,
      unrecoverableError: false,
      autoRecoverableError: false,
    });
  });

  it('decodes an idle printer (12 12 12 12) as ready', () => {
    expect(decodeStatus([0x12, 0x12, 0x12, 0x12]).ready).toBe(true);
  });

  it('reads each condition from its bit', () => {
    expect(decodeStatus([0x1a, 0x12, 0x12, 0x12])).toMatchObject({ online: false, ready: false });
    expect(decodeStatus([0x12, 0x16, 0x12, 0x12])).toMatchObject({ coverOpen: true, ready: false });
    expect(decodeStatus([0x12, 0x12, 0x1a, 0x12])).toMatchObject({ cutterError: true, ready: false });
    expect(decodeStatus([0x12, 0x12, 0x32, 0x12])).toMatchObject({ unrecoverableError: true, ready: false });
    expect(decodeStatus([0x12, 0x12, 0x52, 0x12])).toMatchObject({ autoRecoverableError: true, ready: false });
    expect(decodeStatus([0x12, 0x12, 0x12, 0x1e])).toMatchObject({ paper: 'near-end', ready: true });
    expect(decodeStatus([0x12, 0x12, 0x12, 0x72])).toMatchObject({ paper: 'out', ready: false });
    expect(decodeStatus([0x12, 0x32, 0x12, 0x12])).toMatchObject({ paper: 'out' });
  });

  it('rejects a byte whose fixed bits are wrong as PRINTER_BAD_STATUS', () => {
    for (const bad of [0x00, 0x13, 0x92, 0x02, 0x10, 0xff]) {
      expect(isStatusByte(bad)).toBe(false);
      expect(() => decodeStatus([0x12, bad, 0x12, 0x12])).toThrowError(expect.objectContaining({ code: 'PRINTER_BAD_STATUS' }));
    }
    expect(() => decodeStatus([0x12, 0x12, 0x12])).toThrow(PrinterBadStatusError);
  });

  it('encodes the paper-out state as the worked example', () => {
    const s: DeviceState = { online: true, coverOpen: false, paper: 'out', cutterError: false, unrecoverableError: false, autoRecoverableError: false };
    expect(encodeStatus(s)).toEqual([0x1a, 0x32, 0x12, 0x7e]);
  });

  it('never throws anything but the typed error on arbitrary replies', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 300 }), { maxLength: 6 }), (bytes) => {
        try {
          const s = decodeStatus(bytes);
          expect(typeof s.ready).toBe('boolean');
        } catch (e) {
          expect(e).toBeInstanceOf(PrinterBadStatusError);
          expect((e as PrinterBadStatusError).code).toBe('PRINTER_BAD_STATUS');
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('decodes whatever it encodes', () => {
    const state = fc.record({
      online: fc.boolean(),
      coverOpen: fc.boolean(),
      paper: fc.constantFrom('ok' as const, 'near-end' as const, 'out' as const),
      cutterError: fc.boolean(),
      unrecoverableError: fc.boolean(),
      autoRecoverableError: fc.boolean(),
    });
    fc.assert(
      fc.property(state, (s) => {
        const d = decodeStatus(encodeStatus(s));
        const faulty = s.coverOpen || s.paper === 'out' || s.cutterError || s.unrecoverableError || s.autoRecoverableError;
        expect(d).toMatchObject({ paper: s.paper, coverOpen: s.coverOpen, cutterError: s.cutterError, online: s.online && !faulty, ready: s.online && !faulty });
      }),
    );
  });
});

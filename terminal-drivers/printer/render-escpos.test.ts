import { Printer } from '@node-escpos/core';
import { describe, expect, it } from 'vitest';
import { encodeText, upperHalf } from './codepages.ts';
import { code128, cut, qr, text, type ReceiptDocument } from './document.ts';
import { CUSTOM_VKP80, EPSON_TM_T88, GENERIC_58 } from './profiles.ts';
import { renderEscPos, renderEscPosSegments } from './render-escpos.ts';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex').replace(/(..)(?!$)/g, '$1 ');
const body = (doc: ReceiptDocument, profile = EPSON_TM_T88): string => hex(renderEscPos(doc, profile).subarray(5));

describe('ESC/POS renderer', () => {
  it('starts with ESC @ and the profile code page ESC t n', () => {
    expect(hex(renderEscPos({ elements: [] }, EPSON_TM_T88))).toBe('1b 40 1b 74 13');
    expect(hex(renderEscPos({ elements: [] }, CUSTOM_VKP80))).toBe('1b 40 1b 74 10');
  });

  it('maps every Italian accented letter and € in PC858', () => {
    expect(hex(encodeText('àèéìòù ÀÈÉÌÒÙ €', 'pc858'))).toBe('85 8a 82 8d 95 97 20 b7 d4 90 de e3 eb 20 d5');
  });

  it('maps every Italian accented letter and € in Windows-1252', () => {
    expect(hex(encodeText('àèéìòù ÀÈÉÌÒÙ €', 'wpc1252'))).toBe('e0 e8 e9 ec f2 f9 20 c0 c8 c9 cc d2 d9 20 80');
  });

  it('agrees with iconv-lite (through @node-escpos/core) on all 128 upper characters', () => {
    const p = new Printer<[]>({} as ConstructorParameters<typeof Printer<[]>>[0], { encoding: 'cp858' });
    for (const [page, iconvName] of [['pc858', 'cp858'], ['wpc1252', 'win1252']] as const) {
      const chars = [...upperHalf(page)].filter((c) => c !== '\ufffd').join('');
      p.pureText(chars, iconvName);
      expect(hex(p.buffer.flush())).toBe(hex(encodeText(chars, page)));
    }
  });

  it('never lets a control character or an unknown one through as a command', () => {
    expect(hex(encodeText('a\x1bb\n漢', 'pc858'))).toBe('61 3f 62 3f 3f');
  });

  it('sends styles only when they change, then the text and LF', () => {
    const doc = { elements: [text('TOTALE', { bold: true, doubleHeight: true, align: 'center' }), text('x', { bold: true, doubleHeight: true, align: 'center' })] };
    expect(body(doc)).toBe('1b 61 01 1b 45 01 1d 21 01 54 4f 54 41 4c 45 0a 78 0a');
  });

  it('prints Code 128 set B with {B counted in n', () => {
    expect(body({ elements: [code128('AB{1')] })).toBe('1b 61 01 1d 68 50 1d 77 02 1d 48 02 1d 6b 49 07 7b 42 41 42 7b 7b 31');
  });

  it('prints an all-digit Code 128 in set C, digit pairs as bytes, {C counted in n', () => {
    expect(body({ elements: [code128('202503120042', false)] })).toBe('1b 61 01 1d 68 50 1d 77 02 1d 48 00 1d 6b 49 08 7b 43 14 19 03 0c 00 2a');
  });

  it('prints QR with GS ( k: model 2, size, EC, store with pL/pH, print', () => {
    const data = 'x'.repeat(300);
    const out = body({ elements: [qr(data, 6)] });
    // store: pL + 256·pH = k + 3 = 303 = 0x012f
    expect(out).toBe(
      '1b 61 01 1d 28 6b 04 00 31 41 32 00 1d 28 6b 03 00 31 43 06 1d 28 6b 03 00 31 45 31 1d 28 6b 2f 01 31 50 30 ' +
        hex(Buffer.from(data)) +
        ' 1d 28 6b 03 00 31 51 30',
    );
  });

  it('cuts with GS V A n', () => {
    expect(body({ elements: [cut()] })).toBe('1d 56 41 03');
  });

  it('falls back to GS v 0 raster for QR and barcodes when the profile has no native ones', () => {
    const out = renderEscPos({ elements: [qr('https://cup.example.it/r/1', 4)] }, GENERIC_58);
    const at = out.indexOf(Buffer.from([0x1d, 0x76, 0x30, 0x00]));
    expect(at).toBeGreaterThan(0);
    const rowBytes = out.readUInt16LE(at + 4);
    const rows = out.readUInt16LE(at + 6);
    expect(out.length - (at + 8)).toBe(rowBytes * rows);
    expect(out.includes(Buffer.from([0x1d, 0x28, 0x6b]))).toBe(false);
  });

  it('splits a job into a header and one segment per element', () => {
    const segs = renderEscPosSegments({ elements: [text('a'), cut()] }, EPSON_TM_T88);
    expect(segs.map((s) => s.index)).toEqual([-1, 0, 1]);
    expect(Buffer.concat(segs.map((s) => s.bytes))).toEqual(renderEscPos({ elements: [text('a'), cut()] }, EPSON_TM_T88));
  });
});

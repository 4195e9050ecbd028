import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bookingSlip,
  CUSTOM_VKP80,
  EPSON_TM_T88,
  GENERIC_80_42,
  paymentReceipt,
  renderEscPos,
  renderText,
  SAMPLE_BOOKING,
  SAMPLE_PAYMENT,
  testPage,
  type DocElement,
  type PrinterProfile,
  type ReceiptDocument,
} from '../../printer/index.ts';
import { decodeCode128, ReceiptAssembler } from './assembler.ts';
import { EscPosDecoder, EscPosParser, type EscPosCommand } from './parser.ts';

function decodeAll(chunks: Uint8Array[]): EscPosCommand[] {
  const d = new EscPosDecoder();
  return [...chunks.flatMap((c) => d.push(c)), ...d.flush()];
}

/** Commands → document, as the simulator does without paper limits. */
function assemble(bytes: Buffer, profile: PrinterProfile): ReceiptDocument {
  const a = new ReceiptAssembler(profile);
  const elements: DocElement[] = [];
  for (const c of decodeAll([bytes])) for (const o of a.apply(c)) elements.push('cut' in o ? { kind: 'cut' } : o.element);
  return { elements };
}

/** Merges adjacent text commands, since where a text run splits depends on the chunking. */
function normalised(cmds: EscPosCommand[]): unknown[] {
  const out: EscPosCommand[] = [];
  for (const c of cmds) {
    const last = out.at(-1);
    if (c.t === 'text' && last?.t === 'text') out[out.length - 1] = { t: 'text', bytes: Buffer.concat([last.bytes, c.bytes]) };
    else out.push(c);
  }
  return out;
}

const PAYMENT = renderEscPos(paymentReceipt(SAMPLE_PAYMENT), EPSON_TM_T88);

describe('ESC/POS stream parser', () => {
  it('decodes the same commands however the stream is split', () => {
    const whole = normalised(decodeAll([PAYMENT]));
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: PAYMENT.length - 1 }), { maxLength: 20 }), (cuts) => {
        const at = [0, ...[...new Set(cuts)].sort((a, b) => a - b), PAYMENT.length];
        const chunks = at.slice(1).map((end, i) => PAYMENT.subarray(at[i], end));
        expect(normalised(decodeAll(chunks))).toEqual(whole);
      }),
      { numRuns: 200 },
    );
  });

  it('byte by byte, holds an incomplete command until it is whole', () => {
    const d = new EscPosDecoder();
    expect(d.push(Buffer.from([0x1d, 0x28, 0x6b, 0x03]))).toEqual([]);
    expect(d.pending).toBe(4);
    expect(d.push(Buffer.from([0x00, 0x31, 0x51, 0x30]))).toEqual([{ t: 'qr', fn: 0x51, params: Buffer.from([0x30]) }]);
    expect(d.push(Buffer.from([0x10, 0x04]))).toEqual([]);
    expect(d.push(Buffer.from([0x02]))).toEqual([{ t: 'status', n: 2 }]);
  });

  it('never throws on garbage, whatever the chunking', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 64 }), { maxLength: 16 }), (chunks) => {
        const d = new EscPosDecoder();
        const a = new ReceiptAssembler(EPSON_TM_T88);
        for (const c of chunks) for (const cmd of d.push(c)) a.apply(cmd);
        for (const cmd of d.flush()) a.apply(cmd);
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws on garbage spliced into a real receipt', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: PAYMENT.length }), fc.uint8Array({ minLength: 1, maxLength: 16 }), (at, junk) => {
        assemble(Buffer.concat([PAYMENT.subarray(0, at), junk, PAYMENT.subarray(at)]), EPSON_TM_T88);
      }),
      { numRuns: 500 },
    );
  });

  it('works as a Transform stream', async () => {
    const p = new EscPosParser();
    const got: EscPosCommand[] = [];
    p.on('data', (c: EscPosCommand) => got.push(c));
    p.write(Buffer.from([0x1b, 0x40, 0x41]));
    p.end(Buffer.from([0x0a, 0x1b]));
    await new Promise((r) => p.on('end', r));
    expect(got).toEqual([{ t: 'init' }, { t: 'text', bytes: Buffer.from('A') }, { t: 'lf' }, { t: 'unknown', bytes: Buffer.from([0x1b]) }]);
  });

  it('decodes Code 128 data in sets B and C', () => {
    expect(decodeCode128(Buffer.from([0x7b, 0x43, 20, 25, 3, 12, 0, 42]))).toBe('202503120042');
    expect(decodeCode128(Buffer.from('{BAB{{1', 'latin1'))).toBe('AB{1');
  });
});

describe('decoding what the renderer sends', () => {
  const layouts: [string, ReceiptDocument][] = [
    ['payment receipt', paymentReceipt(SAMPLE_PAYMENT)],
    ['payment receipt (en)', paymentReceipt(SAMPLE_PAYMENT, 'en')],
    ['booking slip', bookingSlip(SAMPLE_BOOKING)],
    ['test page', testPage({ terminalId: 'K1', printedAt: '2025-03-12T09:42:00Z', profile: EPSON_TM_T88 })],
  ];
  for (const profile of [EPSON_TM_T88, CUSTOM_VKP80, GENERIC_80_42])
    for (const [name, doc] of layouts)
      it(`gives back the same text for the ${name} on ${profile.id}`, () => {
        expect(renderText(assemble(renderEscPos(doc, profile), profile), profile)).toBe(renderText(doc, profile));
      });

  it('gives back QR and barcodes as elements with their data', () => {
    const doc = assemble(renderEscPos(bookingSlip(SAMPLE_BOOKING), EPSON_TM_T88), EPSON_TM_T88);
    expect(doc.elements).toContainEqual(expect.objectContaining({ kind: 'barcode', symbology: 'code128', data: '202503120042' }));
    expect(doc.elements).toContainEqual(expect.objectContaining({ kind: 'qr', data: '202503120042', moduleSize: 5 }));
  });
});

import { describe, expect, it } from 'vitest';
import { alignIn, formatDateTime, formatEuro, rowLines, wrap } from './document.ts';
import { bookingSlip } from './layouts/booking-slip.ts';
import { paymentReceipt } from './layouts/payment-receipt.ts';
import { SAMPLE_BOOKING, SAMPLE_PAYMENT } from './layouts/samples.ts';
import { testPage } from './layouts/test-page.ts';
import { EPSON_TM_T88, GENERIC_58, GENERIC_80_42 } from './profiles.ts';
import { renderText } from './render-text.ts';
import { renderPng, renderSvg } from './render-svg.ts';

describe('formatting', () => {
  it('formats integer cents as Italian euros with an ordinary space', () => {
    expect(formatEuro(3228)).toBe('32,28 €');
    expect(formatEuro(5)).toBe('0,05 €');
    expect(() => formatEuro(32.5)).toThrow(RangeError);
  });

  it('prints instants as Europe/Rome wall time', () => {
    expect(formatDateTime('2025-03-12T09:42:00Z')).toBe('12/03/2025 10:42');
    expect(formatDateTime('2025-07-01T22:30:00Z')).toBe('02/07/2025 00:30');
  });

  it('wraps at spaces, splits only over-long words, keeps lines that fit', () => {
    expect(wrap('uno due tre quattro', 8)).toEqual(['uno due', 'tre', 'quattro']);
    expect(wrap('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
    expect(wrap('a    b', 8)).toEqual(['a    b']);
    expect(wrap('', 8)).toEqual(['']);
  });

  it('lays out a row with the value on the last line', () => {
    expect(rowLines('Totale', '32,28 €', 20)).toEqual(['Totale       32,28 €']);
    expect(rowLines('Una prestazione lunga', '9,28 €', 24)).toEqual(['Una prestazione         ', 'lunga             9,28 €']);
    expect(alignIn('ab', 6, 'center')).toBe('  ab  ');
  });
});

describe('layouts', () => {
  it('puts provider, services, amounts, payer CF, method, transaction and QR on the payment receipt', () => {
    const doc = paymentReceipt(SAMPLE_PAYMENT);
    const t = renderText(doc, EPSON_TM_T88);
    for (const s of ['ASL Roma 1', 'C.F./P.IVA 13664791004', 'RSSMRA80A01H501U', 'Mario Rossi', 'TX-20250312-000042', 'Contanti', 'Prima visita cardiologica']) expect(t).toContain(s);
    expect(t).toMatch(/89\.52 Elettrocardiogramma +9,28 €/);
    expect(t).toContain('TOTALE 32,28 €');
    expect(t).toMatch(/Resto erogato +17,72 €/);
    expect(doc.elements).toContainEqual(expect.objectContaining({ kind: 'qr', data: SAMPLE_PAYMENT.verifyUrl }));
    expect(doc.elements.at(-1)).toEqual({ kind: 'cut' });
    for (const line of renderText(doc, GENERIC_58).split('\n')) expect(line.length).toBeLessThanOrEqual(32);
  });

  it('prints change owed to the citizen when the kiosk could not pay it out', () => {
    const t = renderText(paymentReceipt({ ...SAMPLE_PAYMENT, changeCents: 1000 }), EPSON_TM_T88);
    expect(t).toMatch(/Resto erogato +10,00 €/);
    expect(t).toMatch(/Resto non erogato \(a credito\) +7,72 €/);
  });

  it('speaks English to an English-speaking citizen, under the Italian heading', () => {
    const t = renderText(paymentReceipt(SAMPLE_PAYMENT, 'en'), EPSON_TM_T88);
    expect(t).toContain('PAYMENT RECEIPT');
    expect(t).toContain('RICEVUTA DI PAGAMENTO');
    expect(t).toMatch(/Paid in cash +50,00 €/);
  });

  it('puts place, address, date and time, code as Code 128 and QR, and how to cancel on the booking slip', () => {
    const doc = bookingSlip(SAMPLE_BOOKING);
    // Joined so a phrase split across lines still matches.
    const t = renderText(doc, GENERIC_80_42).replace(/\n/g, ' ');
    for (const s of ['Lungotevere in Sassia 1', 'Data 20/03/2025  Ora 10:40', '2025 0312 0042', 'disdica almeno 48 ore', 'Non è necessario il digiuno']) expect(t).toContain(s);
    expect(doc.elements).toContainEqual(expect.objectContaining({ kind: 'barcode', symbology: 'code128', data: '202503120042' }));
    expect(doc.elements).toContainEqual(expect.objectContaining({ kind: 'qr', data: '202503120042' }));
  });

  it('renders the test page with every element kind', () => {
    const kinds = new Set(testPage({ terminalId: 'K1', printedAt: '2025-03-12T09:42:00Z', profile: EPSON_TM_T88 }).elements.map((e) => e.kind));
    expect([...kinds].sort()).toEqual(['barcode', 'cut', 'feed', 'qr', 'row', 'rule', 'text']);
  });
});

describe('SVG and PNG', () => {
  it('draws the receipt as SVG with escaped text and a PNG from it', () => {
    const doc = paymentReceipt({ ...SAMPLE_PAYMENT, payerName: 'Anna <Test> & Co' });
    const svg = renderSvg(doc, EPSON_TM_T88);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="608"')).toBe(true);
    expect(svg).toContain('Anna &lt;Test&gt; &amp; Co');
    expect(svg).toContain('RSSMRA80A01H501U');
    const png = renderPng(doc, EPSON_TM_T88);
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(png.readUInt32BE(16)).toBe(608);
  });
});

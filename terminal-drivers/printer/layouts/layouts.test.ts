import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReceiptDocument } from '../document.ts';
import { EPSON_TM_T88, GENERIC_58, GENERIC_80_42 } from '../profiles.ts';
import { renderText } from '../render-text.ts';
import { cashEmptyReport, hopperRefillReport } from './cash-reports.ts';
import { dailyClose } from './daily-close.ts';
import { paymentReceipt } from './payment-receipt.ts';
import { bookingSlip } from './booking-slip.ts';
import { bookingSlipSchema } from './schemas.ts';
import { SAMPLE_BOOKING, SAMPLE_CASH_EMPTY, SAMPLE_DAILY_CLOSE, SAMPLE_HOPPER_REFILL, SAMPLE_PAYMENT_MIXED, SAMPLE_VOUCHER } from './samples.ts';
import { voucher } from './voucher.ts';

// Golden receipts: the text each layout prints on 48 columns, reviewed by eye once and kept in
// golden/*.txt. A change to a layout shows up here as a diff to review, not a silent drift.
const GOLDEN_DIR = join(import.meta.dirname, 'golden');
const golden = (name: string): string => readFileSync(join(GOLDEN_DIR, `${name}.txt`), 'utf8').replace(/\n$/, '');

const CASES: [string, ReceiptDocument][] = [
  ['payment-mixed', paymentReceipt(SAMPLE_PAYMENT_MIXED)],
  ['voucher-it', voucher(SAMPLE_VOUCHER)],
  ['voucher-en', voucher(SAMPLE_VOUCHER, 'en')],
  ['daily-close', dailyClose(SAMPLE_DAILY_CLOSE)],
  ['cash-empty', cashEmptyReport(SAMPLE_CASH_EMPTY)],
  ['hopper-refill', hopperRefillReport(SAMPLE_HOPPER_REFILL)],
];

describe('layout goldens (48 columns)', () => {
  for (const [name, doc] of CASES) it(`${name} prints as golden/${name}.txt`, () => expect(renderText(doc, EPSON_TM_T88)).toBe(golden(name)));
});

describe('layouts on every paper width', () => {
  for (const profile of [EPSON_TM_T88, GENERIC_80_42, GENERIC_58])
    for (const [name, doc] of CASES)
      it(`${name} keeps every line within ${profile.columns} columns`, () => {
        for (const line of renderText(doc, profile).split('\n')) expect(line.length, line).toBeLessThanOrEqual(profile.columns);
      });

  it('every layout ends with a cut', () => {
    for (const [, doc] of CASES) expect(doc.elements.at(-1)).toEqual({ kind: 'cut' });
  });
});

describe('voucher', () => {
  it('encodes the voucher code in Code 128 and, by default, the QR', () => {
    const els = voucher(SAMPLE_VOUCHER).elements;
    expect(els).toContainEqual({ kind: 'barcode', symbology: 'code128', data: '900312004217', hri: false });
    expect(els).toContainEqual(expect.objectContaining({ kind: 'qr', data: '900312004217' }));
    expect(voucher({ ...SAMPLE_VOUCHER, qrData: 'https://cup.example.it/b/1' }).elements).toContainEqual(
      expect.objectContaining({ kind: 'qr', data: 'https://cup.example.it/b/1' }),
    );
  });

  it('leaves out the payment and tax code lines when there are none', () => {
    const { paymentId: _p, payerTaxCode: _c, ...bare } = SAMPLE_VOUCHER;
    const out = renderText(voucher(bare), EPSON_TM_T88);
    expect(out).not.toContain('Pagamento');
    expect(out).not.toContain('Codice fiscale');
  });
});

describe('daily close', () => {
  it('says so when the totals by method and by provider disagree', () => {
    const ok = renderText(dailyClose(SAMPLE_DAILY_CLOSE), EPSON_TM_T88);
    expect(ok).not.toContain('ATTENZIONE');
    const providers = [{ name: 'ASL Roma 1', count: 89, totalCents: 259_000 }];
    expect(renderText(dailyClose({ ...SAMPLE_DAILY_CLOSE, providers }), EPSON_TM_T88)).toContain('ATTENZIONE');
  });
});

describe('cash reports', () => {
  it('totals the money moved per value and overall', () => {
    const out = renderText(cashEmptyReport(SAMPLE_CASH_EMPTY), EPSON_TM_T88);
    expect(out).toMatch(/50,00 €: 6 -> 0 \(-6\) +-300,00 €/);
    expect(out).toContain('PRELEVATO 993,00 €');
    const refill = renderText(hopperRefillReport(SAMPLE_HOPPER_REFILL), EPSON_TM_T88);
    expect(refill).toMatch(/H4 0,10 €: 95 -> 300 \(\+205\) +\+20,50 €/);
    expect(refill).toContain('CARICATO 552,50 €');
  });
});

describe('booking slip', () => {
  it('says a booking made offline is provisional, before anything else, and only then', () => {
    const provisional = renderText(bookingSlip({ ...SAMPLE_BOOKING, provisional: true }), EPSON_TM_T88);
    const lines = provisional.split('\n');
    const head = lines.findIndex((l) => l.includes('PRENOTAZIONE PROVVISORIA'));
    expect(head).toBeGreaterThan(0);
    expect(head).toBeLessThan(lines.findIndex((l) => l.includes('Data ')));
    expect(provisional).toContain('confermata');
    expect(renderText(bookingSlip({ ...SAMPLE_BOOKING, provisional: true }, 'en'), EPSON_TM_T88)).toContain('PROVISIONAL BOOKING');
    expect(renderText(bookingSlip(SAMPLE_BOOKING), EPSON_TM_T88)).not.toContain('PROVVISORIA');
  });

  it('names the campaign of a booking made on an invitation, asks for the letter, not a prescription, and mentions no ticket', () => {
    // Lines wrap at the paper's width: the words are read as one text.
    const invited = renderText(bookingSlip({ ...SAMPLE_BOOKING, campaign: 'Screening colon-retto' }), EPSON_TM_T88).replace(/\s+/g, ' ');
    expect(invited).toContain('Su invito: Screening colon-retto');
    expect(invited).toContain("lettera d'invito");
    expect(invited).not.toMatch(/impegnativa|ticket/);
    const plain = renderText(bookingSlip(SAMPLE_BOOKING), EPSON_TM_T88).replace(/\s+/g, ' ');
    expect(plain).toContain('impegnativa');
    expect(plain).not.toContain('invito');
    expect(() => bookingSlipSchema.parse({ ...SAMPLE_BOOKING, campaign: 'Screening colon-retto' })).not.toThrow();
  });
});

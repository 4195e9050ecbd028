import { describe, expect, it } from 'vitest';
import { EPSON_TM_T88, GENERIC_58 } from '../profiles.ts';
import { renderText } from '../render-text.ts';
import { layoutDocument } from './catalog.ts';
import { paymentReceipt, type PaymentReceiptData } from './payment-receipt.ts';
import { SAMPLE_PAYMENT, SAMPLE_PAYMENT_MIXED } from './samples.ts';

const text = (d: PaymentReceiptData, lang: 'it' | 'en' = 'it') => renderText(paymentReceipt(d, lang), EPSON_TM_T88);

describe('payment receipt: several items, notices, card and cash', () => {
  it('lists each item: a booking with its services, a notice with its code, creditor and subject', () => {
    const t = text(SAMPLE_PAYMENT_MIXED);
    expect(t).toContain('Prenotazione 202503120042');
    expect(t).toMatch(/89\.52 Elettrocardiogramma +9,28 €/);
    expect(t).toContain('Avviso pagoPA 3010 0000 0000 0042 85');
    expect(t).toContain('Ospedale San Martino - C.F./P.IVA 02060250996');
    expect(t).toContain('Ticket della prenotazione 070000000434');
    expect(t).toMatch(/Ticket non pagato +24,53 €/);
    expect(t).toContain('TOTALE 56,81 €');
  });

  it('prints a mixed payment in its parts: each card part with PAN and authorisation, the cash part rounded, the cash and the change', () => {
    const t = text(SAMPLE_PAYMENT_MIXED);
    expect(t).toMatch(/Pagato con carta +30,00 €/);
    expect(t).toMatch(/541333\*{6}9999 AUT\. 207413 +30,00 €/);
    expect(t).toMatch(/Parte in contanti +26,80 €/);
    expect(t).toMatch(/Arrotondamento contanti +-0,01 €/);
    expect(t).toMatch(/Pagato in contanti +30,00 €/);
    expect(t).toMatch(/Metodo +Carta e contanti/);
    expect(t).toMatch(/Resto erogato +3,20 €/);
    expect(t).not.toContain('Resto non erogato');
    // The POS's own cardholder receipt follows, as given.
    expect(t).toContain('TRANSAZIONE ESEGUITA');
    const en = text(SAMPLE_PAYMENT_MIXED, 'en');
    expect(en).toMatch(/Cash part +26,80 €/);
    expect(en).toMatch(/Method +Card and cash/);
  });

  it('prints two card parts each on its line, and no rounding line when the card paid the rest exactly', () => {
    const second = { amountCents: 1681, authorisationCode: '300111', maskedPan: '476173******0010' };
    const t = text({ ...SAMPLE_PAYMENT_MIXED, cardParts: [SAMPLE_PAYMENT_MIXED.cardParts![0]!, second], cashRoundingCents: 0, cashPaidCents: 1000, paidCents: 5681, changeCents: 0 });
    expect(t).toMatch(/Pagato con carta +46,81 €/);
    expect(t).toMatch(/476173\*{6}0010 AUT\. 300111 +16,81 €/);
    expect(t).toMatch(/Parte in contanti +10,00 €/);
    expect(t).not.toContain('Arrotondamento');
  });

  it('says what is still owed when the hoppers could not give all the change of the cash part', () => {
    expect(text({ ...SAMPLE_PAYMENT_MIXED, changeCents: 200 })).toMatch(/Resto non erogato \(a credito\) +1,20 €/);
  });

  it('prints one booking given as an item as it prints a booking alone', () => {
    const single = SAMPLE_PAYMENT_MIXED.items![0]!;
    expect(text({ ...SAMPLE_PAYMENT, items: [single] })).toBe(text(SAMPLE_PAYMENT));
  });

  it('names a notice alone in the heading', () => {
    const notice = SAMPLE_PAYMENT_MIXED.items![1]!;
    const t = text({ ...SAMPLE_PAYMENT, services: [], items: [notice], totalCents: 2453, paidCents: 2453, changeCents: 0, method: 'card' });
    expect(t).toMatch(/Avviso pagoPA +301000000000004285/);
    expect(t).not.toMatch(/^Prenotazione /m);
  });

  it('keeps every line within 32 columns', () => {
    for (const line of renderText(paymentReceipt(SAMPLE_PAYMENT_MIXED), GENERIC_58).split('\n')) expect(line.length, line).toBeLessThanOrEqual(32);
  });

  it('takes the new fields from a data file, and refuses a notice code that is not 18 digits', () => {
    expect(layoutDocument('payment-receipt', SAMPLE_PAYMENT_MIXED).elements.length).toBeGreaterThan(20);
    const bad = { ...SAMPLE_PAYMENT_MIXED, items: [{ ...SAMPLE_PAYMENT_MIXED.items![1]!, noticeCode: '3010' }] };
    expect(() => layoutDocument('payment-receipt', bad)).toThrow(expect.objectContaining({ code: 'RECEIPT_DATA_INVALID' }));
    expect(() => layoutDocument('payment-receipt', { ...SAMPLE_PAYMENT, services: [] })).toThrow(expect.objectContaining({ code: 'RECEIPT_DATA_INVALID' }));
  });
});

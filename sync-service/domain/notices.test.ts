import { describe, expect, it } from 'vitest';
import { parseNoticeCode } from './codes/pagopa.ts';
import { pagopaQr, parsePagopaQr } from './codes/pagopa-qr.ts';
import { demoBooking } from './demo/bookings.ts';
import { DEMO_NOTICES, DEMO_NOTICES_AS_OF, demoNotice } from './demo/notices.ts';
import { addDays, amountOwed, appointmentDay, DEFAULT_SEGREGATION_CODE, draftNotice, MAX_IUV_BASE, noticeSubject, numberNotice } from './notices.ts';
import { DEMO_RULE_SETS } from './rules/demo-rules.ts';
import type { Booking } from './types.ts';

const booking: Booking = {
  code: '070000000531',
  taxCode: 'BNCGLI90E50H501O',
  provider: { id: 'asl3-genovese', name: 'ASL 3 Genovese', fiscalCode: '03399650104' },
  place: { name: 'Fiumara', address: 'Via Operai 80, Genova' },
  startsAt: '2026-10-05T11:40',
  prescriptions: [{ services: [{ code: '88.71.4', description: 'Ecografia della tiroide', tariffCents: 3415 }] }],
  exemptions: [],
  status: 'booked',
  intramoenia: false,
};

describe('notice drafting', () => {
  it('adds calendar days across months, years and a leap day', () => {
    expect(addDays('2026-11-02', 30)).toBe('2026-12-02');
    expect(addDays('2026-12-15', 30)).toBe('2027-01-14');
    expect(addDays('2028-02-10', 30)).toBe('2028-03-11');
    expect(addDays('2027-02-10', 30)).toBe('2027-03-12');
  });

  it('writes the subject in Italian with the grouped booking code and the appointment day', () => {
    expect(noticeSubject(booking)).toBe('Ticket non pagato, prenotazione 0700 0000 0531 del 05/10/2026');
    expect(appointmentDay(booking)).toBe('2026-10-05');
  });

  it('quotes the ticket owed with the rules and income band of the appointment day', () => {
    // Under demo-3 (2011) the quota follows the band: none declared means band 4, 15 euro.
    const in2011 = { ...booking, startsAt: '2011-10-05T11:40' };
    expect(amountOwed(in2011, null, DEMO_RULE_SETS)).toBe(3415 + 1500);
    expect(amountOwed(in2011, 1, DEMO_RULE_SETS)).toBe(3415);
    expect(amountOwed(booking, 4, DEMO_RULE_SETS)).toBe(3415);
    expect(amountOwed({ ...booking, exemptions: ['E01'] }, null, DEMO_RULE_SETS)).toBe(0);
  });

  it('drafts the notice from the booking and falls due 30 days after the run', () => {
    expect(draftNotice(booking, 3415, '2026-11-02')).toEqual({
      bookingCode: '070000000531',
      taxCode: 'BNCGLI90E50H501O',
      creditorFiscalCode: '03399650104',
      creditorName: 'ASL 3 Genovese',
      amountCents: 3415,
      subject: 'Ticket non pagato, prenotazione 0700 0000 0531 del 05/10/2026',
      dueDate: '2026-12-02',
    });
  });

  it('numbers a notice with aux 3, the segregation code, 13 digits of IUV base and valid check digits', () => {
    const n = numberNotice(draftNotice(booking, 3415, '2026-11-02'), '47', 1234567);
    expect(n.noticeCode).toMatch(/^3470000001234567\d\d$/);
    expect(n.iuv).toBe(n.noticeCode.slice(1));
    expect(parseNoticeCode(n.noticeCode)).toMatchObject({ aux: 3, segregation: '47', iuvBase: '0000001234567' });
    expect(numberNotice(n, DEFAULT_SEGREGATION_CODE, MAX_IUV_BASE).noticeCode).toMatch(/^3029{13}\d\d$/);
    expect(() => numberNotice(n, '02', 0)).toThrow(expect.objectContaining({ code: 'NOTICE_NUMBERS_EXHAUSTED' }));
    expect(() => numberNotice(n, '02', MAX_IUV_BASE + 1)).toThrow(expect.objectContaining({ code: 'NOTICE_NUMBERS_EXHAUSTED' }));
    expect(() => numberNotice(n, '2', 1)).toThrow(expect.objectContaining({ code: 'BAD_NOTICE' }));
  });
});

describe('DEMO_NOTICES', () => {
  it.each(DEMO_NOTICES.map((n, i) => [n.noticeCode, n, i] as const))('%s is the notice of its demo booking, IUV base in appointment order', (_code, notice, i) => {
    const b = demoBooking(notice.bookingCode);
    expect(b).toBeDefined();
    const expected = numberNotice(draftNotice(b!, amountOwed(b!, null, DEMO_RULE_SETS), DEMO_NOTICES_AS_OF), DEFAULT_SEGREGATION_CODE, i + 1);
    const { iuv: _iuv, ...fields } = expected;
    expect({ ...fields, qrText: notice.qrText }).toEqual(notice);
    expect(notice.qrText).toBe(pagopaQr(notice));
    expect(parsePagopaQr(notice.qrText)).toEqual({ noticeCode: notice.noticeCode, creditorFiscalCode: notice.creditorFiscalCode, amountCents: notice.amountCents });
    expect(demoNotice(notice.noticeCode)).toBe(notice);
  });
});

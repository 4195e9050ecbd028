import type { Cents, IsoDate } from '../types.ts';

/**
 * The pagoPA notices a fresh embedded central (`startCentral({ seedDemo: true })`) holds: its
 * start runs credit recovery once, as of DEMO_NOTICES_AS_OF, over the demo bookings, and the
 * three unpaid autumn appointments get IUV bases 1, 2, 3 in appointment order under the default
 * segregation code 02. Written out here so tests and the developer panel can scan them; a test
 * proves a fresh central issues exactly these.
 */
export interface DemoNotice {
  noticeCode: string;
  creditorFiscalCode: string;
  creditorName: string;
  bookingCode: string;
  /** The debtor. */
  taxCode: string;
  amountCents: Cents;
  subject: string;
  dueDate: IsoDate;
  /** What the notice's QR code says. */
  qrText: string;
}

/** The date of the demo's credit recovery run (the notices fall due 30 days later). */
export const DEMO_NOTICES_AS_OF: IsoDate = '2026-11-02';

export const DEMO_NOTICES: readonly DemoNotice[] = [
  {
    // Mario Rossi's cardiology follow-up and ECG: 12.91 + 11.62 euro.
    noticeCode: '302000000000000184',
    creditorFiscalCode: '01406310993',
    creditorName: 'IRCCS Ospedale Policlinico San Martino',
    bookingCode: '070000000434',
    taxCode: 'RSSMRA85T10A562S',
    amountCents: 2453,
    subject: 'Ticket non pagato, prenotazione 0700 0000 0434 del 21/09/2026',
    dueDate: '2026-12-02',
    qrText: 'PAGOPA|002|302000000000000184|01406310993|2453',
  },
  {
    // Giulia Bianchi's thyroid ultrasound, missed without cancelling.
    noticeCode: '302000000000000285',
    creditorFiscalCode: '03399650104',
    creditorName: 'ASL 3 Genovese',
    bookingCode: '070000000531',
    taxCode: 'BNCGLI90E50H501O',
    amountCents: 3415,
    subject: 'Ticket non pagato, prenotazione 0700 0000 0531 del 05/10/2026',
    dueDate: '2026-12-02',
    qrText: 'PAGOPA|002|302000000000000285|03399650104|3415',
  },
  {
    // Olena Kovalenko's blood tests: 3.19 + 1.17 + 2.60 euro.
    noticeCode: '302000000000000386',
    creditorFiscalCode: '00359670106',
    creditorName: 'E.O. Ospedali Galliera',
    bookingCode: '070000000628',
    taxCode: 'KVLLNO72C55Z138F',
    amountCents: 696,
    subject: 'Ticket non pagato, prenotazione 0700 0000 0628 del 12/10/2026',
    dueDate: '2026-12-02',
    qrText: 'PAGOPA|002|302000000000000386|00359670106|696',
  },
];

/** The demo notice with that code (18 digits), if any. */
export function demoNotice(noticeCode: string): DemoNotice | undefined {
  return DEMO_NOTICES.find((n) => n.noticeCode === noticeCode);
}
